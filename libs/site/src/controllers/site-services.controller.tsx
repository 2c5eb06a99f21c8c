import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ContentKind, PublicContentService, PublicServicesService, ServiceLevel } from '@portal/content';
import { Ctx, DomainError, Public, RequestContext } from '@portal/platform';
import { queryText } from '../forms/form-body';
import { localePath } from '../render/locale';
import { ServiceLine, ServicesPage } from '../pages/services.page';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

const LEVELS = Object.values(ServiceLevel) as string[];

/**
 * `/thu-tuc-hanh-chinh`: the catalogue of procedures and online public services, filtered by field
 * and level (GET form, no JavaScript). Entries imported from the public-service portal, then the
 * portal's own procedure items whose code the catalogue does not list (as they were written).
 */
@Controller()
export class SiteServicesController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly services: PublicServicesService,
    private readonly content: PublicContentService,
  ) {}

  @Get(SITE_PATHS.procedures.slice(1))
  @Public()
  async catalogue(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const { locale } = chrome;
    const filter = {
      field: queryText(req, 'field').normalize('NFC').trim(),
      level: queryText(req, 'level').trim(),
    };
    const errors: Array<{ field: string; message: string }> = [];
    let entries: Awaited<ReturnType<PublicServicesService['catalogue']>> = { rows: [], fields: [] };
    try {
      entries = await this.services.catalogue(chrome.portal.id, {
        field: filter.field || null,
        level: filter.level || null,
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors.push({ field: e.field ?? 'level', message: locale === 'en' ? e.text.en : e.text.vi });
    }
    // A portal that has imported nothing still shows the procedures its board wrote.
    const listed = new Set(
      (await this.services.catalogue(chrome.portal.id, {})).rows.map((r) => r.code.toLowerCase()),
    );
    const items = (
      await this.content.list(chrome.portal.id, {
        kind: ContentKind.ADMINISTRATIVE_PROCEDURE,
        language: locale,
        first: 100,
      })
    ).rows.filter((p) => !listed.has(String(p.fields.code ?? '').toLowerCase()) || !p.fields.code);
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const fromItems: ServiceLine[] = items.map((p) => {
      const uses = Number(p.fields.usageCount);
      const level = text(p.fields.serviceLevel);
      return {
        key: p.id,
        code: text(p.fields.code),
        name: p.title,
        field: text(p.fields.field),
        level: LEVELS.includes(level) ? (level as ServiceLevel) : null,
        itemHref: localePath(locale, SITE_PATHS.article(p.slug)),
        portalUrl: null,
        received: p.fields.usageCount !== undefined && Number.isFinite(uses) ? uses : null,
        processed: null,
        countsAsOf: null,
      };
    });
    const lines: ServiceLine[] = errors.length
      ? []
      : [
          ...entries.rows.map((r) => ({
            key: r.id,
            code: r.code,
            name: (locale === 'en' && r.name_en) || r.name_vi,
            field: r.field,
            level: r.level,
            // The write-up is Vietnamese (its English page, if any, is found from there).
            itemHref: r.item_slug ? SITE_PATHS.article(r.item_slug) : null,
            portalUrl: r.portal_url,
            received: r.received_count,
            processed: r.processed_count,
            countsAsOf: r.counts_as_of,
          })),
          ...fromItems.filter(
            (l) => (!filter.field || l.field === filter.field) && (!filter.level || l.level === filter.level),
          ),
        ];
    const fields = [...new Set([...entries.fields, ...fromItems.map((l) => l.field).filter(Boolean)])].sort(
      (a, b) => a.localeCompare(b, 'vi'),
    );
    const qs = new URLSearchParams(
      Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>,
    ).toString();
    sendPage(
      req,
      res,
      <ServicesPage
        chrome={chrome}
        filter={filter}
        fields={fields}
        lines={lines}
        errors={errors}
        query={qs ? `?${qs}` : ''}
      />,
    );
  }
}
