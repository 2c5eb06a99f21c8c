import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ContentKind, PublicContentService, type PublicItemRow } from '@portal/content';
import { ConsultationService } from '@portal/engagement';
import { Ctx, Public, RequestContext } from '@portal/platform';
import type { FieldErrors } from '../components/form-parts';
import { queryText, readForm } from '../forms/form-body';
import { PublicFormSupport, formErrors } from '../forms/public-form';
import {
  CommentSentPage,
  ConsultationPage,
  ConsultationsPage,
  type CommentValues,
  type ConsultationFacts,
} from '../pages/consultations.page';
import { localePath } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';
import { ProblemPage } from '../pages/problem.page';

const BASE = SITE_PATHS.consultations.slice(1);

/**
 * Consultations on draft documents: the drafts, each with its period, the comment form while it is
 * open (POST → 303 → a confirmation), its published comments and the result summary.
 */
@Controller()
export class SiteConsultationsController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly content: PublicContentService,
    private readonly consultations: ConsultationService,
    private readonly forms: PublicFormSupport,
  ) {}

  @Get(BASE)
  @Public()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const after = queryText(req, 'sau') || null;
    const filter = { kind: ContentKind.DRAFT_DOCUMENT, language: chrome.locale, first: 20 };
    const page = await this.content
      .list(chrome.portal.id, { ...filter, after })
      .catch(() => this.content.list(chrome.portal.id, filter));
    const rows = await Promise.all(
      page.rows.map(async (item) => ({ item, facts: await this.facts(ctx, item) })),
    );
    const base = localePath(chrome.locale, SITE_PATHS.consultations);
    sendPage(
      req,
      res,
      <ConsultationsPage
        chrome={chrome}
        rows={rows}
        firstHref={after ? base : null}
        nextHref={
          page.hasNextPage && page.endCursor ? `${base}?sau=${encodeURIComponent(page.endCursor)}` : null
        }
      />,
    );
  }

  @Get(`${BASE}/:slug`)
  @Public()
  async detail(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res() res: Response,
    @Param('slug') slug: string,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    await this.render(ctx, req, res, chrome, slug, {}, {});
  }

  @Post(`${BASE}/:slug`)
  @Public()
  async comment(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res() res: Response,
    @Param('slug') slug: string,
  ): Promise<void> {
    const form = await readForm(req);
    const chrome = await this.chrome.load(ctx, req);
    const values: CommentValues = {
      name: form.name,
      email: form.email,
      organisation: form.organisation,
      text: form.text,
    };
    let failure: { errors: FieldErrors; status: number };
    try {
      const comment = {
        slug,
        name: form.name ?? '',
        email: form.email ?? '',
        organisation: form.organisation || null,
        text: form.text ?? '',
      };
      const r = await this.forms.once(ctx, form, 'commentOnDraft', comment, (tx) =>
        this.consultations.comment(tx, { ...comment, proof: this.forms.proof(form) }),
      );
      if (r.ok) {
        res.redirect(303, localePath(chrome.locale, `${SITE_PATHS.consultations}/${slug}/da-gui`));
        return;
      }
      failure = formErrors(r.error, chrome.locale, {
        commentOpensAt: '_form',
        commentClosesAt: '_form',
        slug: '_form',
      });
    } catch (e) {
      failure = formErrors(e, chrome.locale, {
        commentOpensAt: '_form',
        commentClosesAt: '_form',
        slug: '_form',
      });
    }
    await this.render(ctx, req, res, chrome, slug, values, failure.errors, failure.status);
  }

  @Get(`${BASE}/:slug/da-gui`)
  @Public()
  async sent(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res() res: Response,
    @Param('slug') slug: string,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const item = await this.content.bySlug(chrome.portal.id, slug, chrome.locale);
    if (!item || item.kind !== ContentKind.DRAFT_DOCUMENT) return this.notFound(req, res, chrome);
    sendPage(req, res, <CommentSentPage chrome={chrome} item={item} />, { cache: false });
  }

  private async render(
    ctx: RequestContext,
    req: Request,
    res: Response,
    chrome: SiteChrome,
    slug: string,
    values: CommentValues,
    errors: FieldErrors,
    status = 200,
  ): Promise<void> {
    const item = await this.content.bySlug(chrome.portal.id, slug, chrome.locale);
    const facts = item && item.kind === ContentKind.DRAFT_DOCUMENT ? await this.facts(ctx, item) : null;
    if (!item || !facts) return this.notFound(req, res, chrome);
    const comments = await this.consultations.publishedComments(ctx, { itemId: item.id }, 100);
    const open = facts.status === 'OPEN';
    sendPage(
      req,
      res,
      <ConsultationPage
        chrome={chrome}
        item={item}
        facts={facts}
        comments={comments.rows.map((c) => ({
          id: c.id,
          name: c.name,
          organisation: c.organisation,
          text: c.text,
          createdAt: c.createdAt,
        }))}
        values={values}
        errors={errors}
        challenge={open ? this.forms.challenge(chrome.locale) : null}
      />,
      // A page with a form (and its one-time challenge) is never cached.
      { status, cache: !open && status === 200 },
    );
  }

  private async facts(ctx: RequestContext, item: PublicItemRow): Promise<ConsultationFacts | null> {
    const c = await this.consultations.consultation(ctx, { itemId: item.id });
    return c
      ? {
          status: c.status,
          opensAt: c.opensAt,
          closesAt: c.closesAt,
          received: c.received,
          published: c.published,
          summaryHtml: c.summaryHtml,
        }
      : null;
  }

  private notFound(req: Request, res: Response, chrome: SiteChrome): void {
    sendPage(req, res, <ProblemPage chrome={chrome} status={404} />, { status: 404 });
  }
}
