import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DialogueQuestionsService, DialogueService, RateLimitedError } from '@portal/engagement';
import { Ctx, Public, RequestContext } from '@portal/platform';
import type { FieldErrors } from '../components/form-parts';
import { queryText, readForm } from '../forms/form-body';
import { PublicFormSupport, formErrors } from '../forms/public-form';
import { type AskValues, DialoguePage, DialoguesPage, askerLabel, guestLabel } from '../pages/dialogues.page';
import { ProblemPage } from '../pages/problem.page';
import { formatDateTime, localePath, t } from '../render/locale';
import { SiteChromeService, siteLocaleOf } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

const ASK_FIELDS = ['name', 'email', 'phone', 'text'] as const;

/**
 * A live page may run the site's own dialogue script: this response's policy allows scripts of the
 * site's origin (`script-src 'self'`) instead of none; nothing else changes, inline scripts stay refused.
 */
function allowOwnScript(res: Response): void {
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp === 'string')
    res.setHeader('Content-Security-Policy', csp.replace("script-src 'none'", "script-src 'self'"));
}

/**
 * Online dialogues (giao lưu trực tuyến, 05/2024/QĐ-UBND art. 8.5) on the website: the list, a
 * session's page with its guests and published answers, the question form (POST → 303 → the page
 * with the tracking code), and the answers as JSON for the live page's script. Never cached: a live
 * page changes with every answer.
 */
@Controller()
export class SiteDialoguesController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly dialogues: DialogueService,
    private readonly questions: DialogueQuestionsService,
    private readonly forms: PublicFormSupport,
  ) {}

  @Get(SITE_PATHS.dialogues.slice(1))
  @Public()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    sendPage(
      req,
      res,
      <DialoguesPage chrome={chrome} sessions={await this.dialogues.publicList(ctx, 100)} />,
      {
        cache: false,
      },
    );
  }

  @Get(`${SITE_PATHS.dialogues.slice(1)}/:id`)
  @Public()
  async one(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.show(ctx, id, req, res, {}, {}, 200, queryText(req, 'ma'));
  }

  @Get(`${SITE_PATHS.dialogues.slice(1)}/:id/tra-loi`)
  @Public()
  async answers(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Read every few seconds by each live page's script: no page frame, only the answers.
    const locale = siteLocaleOf(req);
    const view = await this.dialogues.publicView(ctx, id);
    res.setHeader('Cache-Control', 'no-store');
    if (!view) {
      res.status(404).json({ error: 'NOT_FOUND' });
      return;
    }
    const split = (text: string) => text.split(/\n+/).filter((p) => p.trim());
    res.json({
      state: view.session.state,
      newLabel: t(locale, 'Có {n} câu trả lời mới.', '{n} new answer(s).'),
      answers: view.answers.map((a) => ({
        id: a.id,
        askerLabel: askerLabel(locale, a.askerName),
        question: split(a.question),
        guestLabel: guestLabel(locale, a),
        answer: split(a.answer),
        answeredAt: a.answeredAt.toISOString(),
        answeredAtText: formatDateTime(locale, a.answeredAt),
      })),
    });
  }

  @Post(`${SITE_PATHS.dialogues.slice(1)}/:id`)
  @Public()
  async ask(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const form = await readForm(req);
    const chrome = await this.chrome.load(ctx, req);
    const values = Object.fromEntries(ASK_FIELDS.map((k) => [k, form[k] ?? ''])) as Required<AskValues>;
    let failure: { errors: FieldErrors; status: number };
    try {
      const r = await this.forms.once(ctx, form, 'askDialogueQuestion', { id, ...values }, (tx) =>
        this.questions.ask(tx, id, values, this.forms.proof(form)),
      );
      if (r.ok) {
        res.redirect(
          303,
          `${localePath(chrome.locale, SITE_PATHS.dialogue(id))}?ma=${encodeURIComponent(r.value.trackingCode)}#gui-cau-hoi`,
        );
        return;
      }
      // Another portal's session, or none: the same 404 as its page.
      if (r.error.httpStatus === 404) return this.show(ctx, id, req, res, {}, {}, 404, '');
      failure = formErrors(r.error, chrome.locale, { dialogueId: '_form' });
    } catch (e) {
      if (e instanceof RateLimitedError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      failure = formErrors(e, chrome.locale, { dialogueId: '_form' });
    }
    await this.show(ctx, id, req, res, failure.errors, values, failure.status, '');
  }

  private async show(
    ctx: RequestContext,
    id: string,
    req: Request,
    res: Response,
    errors: FieldErrors,
    values: AskValues,
    status: number,
    code: string,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const view = await this.dialogues.publicView(ctx, id);
    if (!view) {
      sendPage(req, res, <ProblemPage chrome={chrome} status={404} />, { status: 404, cache: false });
      return;
    }
    // The code is shown only when it is a question of this session (a link cannot make it say anything else).
    const tracked = code ? await this.questions.track(ctx, code) : null;
    const receiptCode = tracked && tracked.dialogueId === view.session.id ? tracked.trackingCode : null;
    const asking = view.session.state === 'OPEN' || view.session.state === 'LIVE';
    if (view.session.state === 'LIVE') allowOwnScript(res);
    sendPage(
      req,
      res,
      <DialoguePage
        chrome={chrome}
        view={view}
        autoRefresh={queryText(req, 'tudong') !== '0'}
        errors={errors}
        values={values}
        challenge={asking ? this.forms.challenge(chrome.locale) : null}
        receiptCode={receiptCode}
      />,
      { status, cache: false },
    );
  }
}
