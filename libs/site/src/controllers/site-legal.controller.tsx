import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicContentService, PublicItemRow } from '@portal/content';
import { Ctx, DomainError, Public, RequestContext } from '@portal/platform';
import { LegalFilter, LegalPage } from '../pages/legal.page';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';

const KEYS = ['form', 'issuer', 'number', 'field', 'issuedFrom', 'issuedTo', 'validity'] as const;

/** `/van-ban`: the legal-document search form and its results (a document opens as its article). */
@Controller()
export class SiteLegalController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly content: PublicContentService,
  ) {}

  @Get('van-ban')
  @Public()
  async legal(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const filter = Object.fromEntries(
      KEYS.map((k) => [
        k,
        typeof query[k] === 'string' ? (query[k] as string).normalize('NFC').trim().slice(0, 200) : '',
      ]),
    ) as unknown as LegalFilter;
    const errors: Array<{ field: string; message: string }> = [];
    let results: PublicItemRow[] = [];
    try {
      results = await this.content.legalDocuments(chrome.portal.id, {
        form: filter.form || null,
        issuer: filter.issuer || null,
        number: filter.number || null,
        field: filter.field || null,
        issuedFrom: filter.issuedFrom || null,
        issuedTo: filter.issuedTo || null,
        validity: filter.validity || null,
        first: 50,
        language: chrome.locale,
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors.push({ field: e.field ?? 'number', message: chrome.locale === 'en' ? e.text.en : e.text.vi });
    }
    const qs = new URLSearchParams(
      KEYS.filter((k) => filter[k]).map((k): [string, string] => [k, filter[k]]),
    ).toString();
    sendPage(
      req,
      res,
      <LegalPage
        chrome={chrome}
        filter={filter}
        results={results}
        errors={errors}
        query={qs ? `?${qs}` : ''}
      />,
    );
  }
}
