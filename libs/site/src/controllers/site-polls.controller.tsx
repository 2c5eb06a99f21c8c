import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PollService } from '@portal/engagement';
import { Ctx, Public, RequestContext, isUuid } from '@portal/platform';
import type { FieldErrors } from '../components/form-parts';
import { readForm } from '../forms/form-body';
import { PublicFormSupport, formErrors } from '../forms/public-form';
import { PollPage, PollsPage } from '../pages/polls.page';
import { ProblemPage } from '../pages/problem.page';
import { localePath, t } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

/**
 * Polls (thăm dò ý kiến): the list, one poll with its vote form (POST → 303 → the poll), results as
 * the poll allows. Never cached: what a visitor sees depends on whether they voted.
 */
@Controller()
export class SitePollsController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly polls: PollService,
    private readonly forms: PublicFormSupport,
  ) {}

  @Get(SITE_PATHS.polls.slice(1))
  @Public()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    sendPage(req, res, <PollsPage chrome={chrome} polls={await this.polls.list(ctx, 50)} />, {
      cache: false,
    });
  }

  @Get(`${SITE_PATHS.polls.slice(1)}/:id`)
  @Public()
  async one(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.show(ctx, id, req, res, {}, 200, req.query.voted === '1');
  }

  @Post(`${SITE_PATHS.polls.slice(1)}/:id`)
  @Public()
  async vote(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const form = await readForm(req);
    const chrome = await this.chrome.load(ctx, req);
    let failure: { errors: FieldErrors; status: number };
    if (!form.optionId) {
      failure = {
        status: 400,
        errors: { optionId: t(chrome.locale, 'Hãy chọn một phương án.', 'Choose an option.') },
      };
    } else {
      try {
        const r = await this.forms.once(
          ctx,
          form,
          'votePoll',
          { id, optionId: form.optionId },
          async (tx) => {
            const voted = await this.polls.vote(tx, id, form.optionId, this.forms.proof(form));
            return voted.ok ? { ok: true as const, value: { pollId: id } } : voted;
          },
        );
        if (r.ok) {
          res.redirect(303, `${localePath(chrome.locale, SITE_PATHS.poll(id))}?voted=1`);
          return;
        }
        failure = formErrors(r.error, chrome.locale, { pollId: '_form' });
      } catch (e) {
        failure = formErrors(e, chrome.locale, { pollId: '_form' });
      }
    }
    await this.show(ctx, id, req, res, failure.errors, failure.status, false);
  }

  private async show(
    ctx: RequestContext,
    id: string,
    req: Request,
    res: Response,
    errors: FieldErrors,
    status: number,
    justVoted: boolean,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const view = isUuid(id) ? await this.polls.view(ctx, id) : null;
    if (!view) {
      sendPage(req, res, <ProblemPage chrome={chrome} status={404} />, { status: 404, cache: false });
      return;
    }
    sendPage(
      req,
      res,
      <PollPage
        chrome={chrome}
        view={view}
        errors={errors}
        challenge={view.state === 'OPEN' && !view.voted ? this.forms.challenge(chrome.locale) : null}
        justVoted={justVoted && !!view.voted}
      />,
      { status, cache: false },
    );
  }
}
