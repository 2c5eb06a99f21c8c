import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RatingService } from '@portal/engagement';
import { Ctx, Public, RequestContext } from '@portal/platform';
import type { FieldErrors } from '../components/form-parts';
import { readForm } from '../forms/form-body';
import { PublicFormSupport, formErrors } from '../forms/public-form';
import { RATING_FORM_CRITERIA, RatedPage, RatingPage, type RatingSummaryView } from '../pages/rating.page';
import { localePath, t } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

/** The portal rating form (four criteria), POST → 303 → thanks, through the public write gate. */
@Controller()
export class SiteRatingController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly ratings: RatingService,
    private readonly forms: PublicFormSupport,
  ) {}

  @Get(SITE_PATHS.rating.slice(1))
  @Public()
  async form(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    sendPage(
      req,
      res,
      <RatingPage
        chrome={chrome}
        values={{}}
        errors={{}}
        challenge={this.forms.challenge(chrome.locale)}
        summary={await this.summary(ctx)}
      />,
      { cache: false },
    );
  }

  @Post(SITE_PATHS.rating.slice(1))
  @Public()
  async rate(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    const chrome = await this.chrome.load(ctx, req);
    // A criterion left unchosen is named by the form itself (the service names the first bad score).
    const missing: FieldErrors = {};
    for (const c of RATING_FORM_CRITERIA)
      if (!/^[1-5]$/.test(form[c.name] ?? ''))
        missing[c.name] = t(
          chrome.locale,
          `Hãy chọn điểm cho mục “${c.vi}”.`,
          `Choose a score for “${c.en}”.`,
        );
    let failure: { errors: FieldErrors; status: number } = { errors: missing, status: 400 };
    if (!Object.keys(missing).length) {
      try {
        const score = (name: string) => Number(form[name]);
        const scores = {
          interface: score('interface'),
          content: score('content'),
          quality: score('quality'),
          support: score('support'),
        };
        const r = await this.forms.once(ctx, form, 'ratePortal', scores, async (tx) => {
          const rated = await this.ratings.rate(tx, { ...scores, proof: this.forms.proof(form) });
          return rated.ok ? { ok: true as const, value: { id: rated.value.id } } : rated;
        });
        if (r.ok) {
          res.redirect(303, localePath(chrome.locale, `${SITE_PATHS.rating}/cam-on`));
          return;
        }
        failure = formErrors(r.error, chrome.locale);
      } catch (e) {
        failure = formErrors(e, chrome.locale);
      }
    }
    sendPage(
      req,
      res,
      <RatingPage
        chrome={chrome}
        values={form}
        errors={failure.errors}
        challenge={this.forms.challenge(chrome.locale)}
        summary={await this.summary(ctx)}
      />,
      { status: failure.status, cache: false },
    );
  }

  @Get(`${SITE_PATHS.rating.slice(1)}/cam-on`)
  @Public()
  async thanks(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    sendPage(req, res, <RatedPage chrome={chrome} />, { cache: false });
  }

  private async summary(ctx: RequestContext): Promise<RatingSummaryView | null> {
    try {
      const s = await this.ratings.summary(ctx);
      const a = s.averages;
      return { count: s.count, overall: a ? (a.interface + a.content + a.quality + a.support) / 4 : null };
    } catch {
      return null;
    }
  }
}
