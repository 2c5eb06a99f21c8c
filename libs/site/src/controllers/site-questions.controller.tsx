import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicQuestionsService, QuestionStatus, QuestionType, publicStatusOf } from '@portal/engagement';
import { Ctx, Public, RequestContext } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { queryText, readForm } from '../forms/form-body';
import { PublicFormSupport, formErrors } from '../forms/public-form';
import { AskPage, AskedPage, QuestionsPage, TrackPage, type AskValues } from '../pages/questions.page';
import { localePath, t } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

const ASK = `${SITE_PATHS.questions}/gui-cau-hoi`;
const ASKED = `${SITE_PATHS.questions}/da-gui`;
const TRACK = `${SITE_PATHS.questions}/tra-cuu`;

/**
 * Q&A on the website: the published answers, the ask form (POST → 303 → the receipt with the
 * tracking code) and the status by code, through the same services and write gate as the API.
 */
@Controller()
export class SiteQuestionsController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly questions: PublicQuestionsService,
    private readonly forms: PublicFormSupport,
    private readonly routing: HostRoutingService,
  ) {}

  @Get(SITE_PATHS.questions.slice(1))
  @Public()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const after = queryText(req, 'sau') || null;
    let page;
    try {
      page = await this.questions.published(ctx, { first: 20, after });
    } catch {
      page = await this.questions.published(ctx, { first: 20 });
    }
    const base = localePath(chrome.locale, SITE_PATHS.questions);
    sendPage(
      req,
      res,
      <QuestionsPage
        chrome={chrome}
        rows={page.nodes.map((q) => ({
          id: q.id,
          topic: q.topic,
          question: q.publicText ?? q.text,
          answer: q.answer ?? '',
          receivedAt: q.receivedAt,
          publishedAt: q.publishedAt!,
        }))}
        firstHref={after ? base : null}
        nextHref={
          page.hasNextPage && page.endCursor ? `${base}?sau=${encodeURIComponent(page.endCursor)}` : null
        }
      />,
    );
  }

  @Get(ASK.slice(1))
  @Public()
  async askForm(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    sendPage(
      req,
      res,
      <AskPage chrome={chrome} values={{}} errors={{}} challenge={this.forms.challenge(chrome.locale)} />,
      {
        cache: false,
      },
    );
  }

  @Post(ASK.slice(1))
  @Public()
  async ask(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    const chrome = await this.chrome.load(ctx, req);
    const values: AskValues = {
      name: form.name,
      email: form.email,
      phone: form.phone,
      topic: form.topic,
      text: form.text,
      type: form.type,
    };
    let failure: { errors: Record<string, string>; status: number };
    try {
      const question = {
        type: form.type === QuestionType.FEEDBACK ? QuestionType.FEEDBACK : QuestionType.QUESTION,
        name: form.name ?? '',
        email: form.email || null,
        phone: form.phone || null,
        topic: form.topic ?? '',
        text: form.text ?? '',
      };
      const r = await this.forms.once(ctx, form, 'askQuestion', question, (tx) =>
        this.questions.ask(tx, question, this.forms.proof(form)),
      );
      if (r.ok) {
        res.redirect(
          303,
          localePath(chrome.locale, `${ASKED}?ma=${encodeURIComponent(r.value.trackingCode)}`),
        );
        return;
      }
      failure = formErrors(r.error, chrome.locale);
    } catch (e) {
      failure = formErrors(e, chrome.locale);
    }
    sendPage(
      req,
      res,
      <AskPage
        chrome={chrome}
        values={values}
        errors={failure.errors}
        challenge={this.forms.challenge(chrome.locale)}
      />,
      { status: failure.status, cache: false },
    );
  }

  @Get(ASKED.slice(1))
  @Public()
  async asked(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const q = await this.questions.track(ctx, queryText(req, 'ma'));
    if (!q) {
      res.redirect(303, localePath(chrome.locale, TRACK));
      return;
    }
    sendPage(req, res, <AskedPage chrome={chrome} code={q.trackingCode} answerDueAt={q.answerDueAt} />, {
      cache: false,
    });
  }

  @Get(TRACK.slice(1))
  @Public()
  async track(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const code = queryText(req, 'ma').trim();
    const q = code ? await this.questions.track(ctx, code) : null;
    const published = q?.status === QuestionStatus.PUBLISHED;
    const error =
      code && !q
        ? t(
            chrome.locale,
            'Không tìm thấy câu hỏi có mã số này trên cổng.',
            'No question with this code was asked on this portal.',
          )
        : undefined;
    const forwarded = q && q.tenantId !== q.originTenantId ? this.routing.tenant(q.tenantId) : null;
    sendPage(
      req,
      res,
      <TrackPage
        chrome={chrome}
        code={code}
        error={error}
        found={
          q
            ? {
                trackingCode: q.trackingCode,
                topic: q.topic,
                status: publicStatusOf(q.status),
                receivedAt: q.receivedAt,
                answerDueAt: q.answerDueAt,
                forwardedTo: forwarded
                  ? chrome.locale === 'en'
                    ? (forwarded.nameEn ?? forwarded.nameVi)
                    : forwarded.nameVi
                  : null,
                outOfScopeNotice: q.outOfScopeNotice,
                question: published ? q.publicText : null,
                answer: published ? q.answer : null,
                answeredAt: published ? q.publishedAt : null,
              }
            : null
        }
      />,
      { status: error ? 404 : 200, cache: false },
    );
  }
}
