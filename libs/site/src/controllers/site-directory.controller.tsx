import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ContentKind, PublicContentService, type PublicItemRow } from '@portal/content';
import { Ctx, Public, RequestContext } from '@portal/platform';
import { queryText } from '../forms/form-body';
import {
  DirectoryPage,
  PROJECT_STATUS_VALUES,
  TENDER_STATUS_VALUES,
  type DirectoryKind,
} from '../pages/directory.page';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

/** Which items each information page shows, and how many (the newest first). */
const PAGES: Record<DirectoryKind, { path: string; kinds: ContentKind[]; first: number }> = {
  schedule: { path: SITE_PATHS.schedule, kinds: [ContentKind.WORK_SCHEDULE], first: 4 },
  reception: { path: SITE_PATHS.reception, kinds: [ContentKind.CITIZEN_RECEPTION], first: 6 },
  introduction: { path: SITE_PATHS.introduction, kinds: [ContentKind.ORGANISATION_PAGE], first: 20 },
  leaders: { path: SITE_PATHS.leaders, kinds: [ContentKind.LEADER_PROFILE], first: 30 },
  contacts: { path: SITE_PATHS.contacts, kinds: [ContentKind.CONTACT_ENTRY], first: 100 },
  projects: { path: SITE_PATHS.projects, kinds: [ContentKind.PROJECT], first: 100 },
  gazette: { path: SITE_PATHS.gazette, kinds: [ContentKind.GAZETTE_ISSUE], first: 12 },
  statistics: { path: SITE_PATHS.statistics, kinds: [ContentKind.STATISTICS_REPORT], first: 30 },
};

/**
 * The portal's information pages: leaders' weekly schedule (a table per week), the citizen-reception
 * schedule, introduction, leaders, contacts directory, projects and tenders (filtered by field,
 * status, procurement, tender status), gazette issues, statistics. Public and cached. The
 * procedures and public-services catalogue has its own page.
 */
@Controller()
export class SiteDirectoryController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly content: PublicContentService,
  ) {}

  @Get(SITE_PATHS.schedule.slice(1))
  @Public()
  schedule(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('schedule', ctx, req, res);
  }

  @Get(SITE_PATHS.reception.slice(1))
  @Public()
  reception(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('reception', ctx, req, res);
  }

  @Get(SITE_PATHS.introduction.slice(1))
  @Public()
  introduction(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('introduction', ctx, req, res);
  }

  @Get(SITE_PATHS.leaders.slice(1))
  @Public()
  leaders(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('leaders', ctx, req, res);
  }

  @Get(SITE_PATHS.contacts.slice(1))
  @Public()
  contacts(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('contacts', ctx, req, res);
  }

  @Get(SITE_PATHS.projects.slice(1))
  @Public()
  projects(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('projects', ctx, req, res);
  }

  @Get(SITE_PATHS.gazette.slice(1))
  @Public()
  gazette(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('gazette', ctx, req, res);
  }

  @Get(SITE_PATHS.statistics.slice(1))
  @Public()
  statistics(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.show('statistics', ctx, req, res);
  }

  private async show(kind: DirectoryKind, ctx: RequestContext, req: Request, res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const spec = PAGES[kind];
    const rows: PublicItemRow[] = [];
    for (const k of spec.kinds)
      rows.push(
        ...(
          await this.content.list(chrome.portal.id, { kind: k, language: chrome.locale, first: spec.first })
        ).rows,
      );
    if (kind === 'introduction' || kind === 'leaders' || kind === 'contacts')
      rows.sort((a, b) => new Date(a.place_at).getTime() - new Date(b.place_at).getTime());
    let items = rows;
    let projects;
    if (kind === 'projects') {
      // The newest hundred projects, narrowed by the chosen values (a portal lists tens, not thousands).
      // Values outside the lists are ignored (a hand-typed address filters by nothing).
      const oneOf = (name: string, values: readonly string[]) => {
        const v = queryText(req, name);
        return values.includes(v) ? v : '';
      };
      const filter = {
        field: queryText(req, 'field'),
        status: oneOf('status', PROJECT_STATUS_VALUES),
        procurement: oneOf('procurement', ['YES', 'NO']),
        tenderStatus: oneOf('tenderStatus', TENDER_STATUS_VALUES),
      };
      const of = (key: string) =>
        [...new Set(rows.map((r) => String(r.fields[key] ?? '')).filter(Boolean))].sort();
      items = rows.filter(
        (r) =>
          (!filter.field || r.fields.field === filter.field) &&
          (!filter.status || r.fields.status === filter.status) &&
          (!filter.procurement || (r.fields.procurement ?? 'NO') === filter.procurement) &&
          (!filter.tenderStatus || r.fields.tenderStatus === filter.tenderStatus),
      );
      projects = { filter, options: { fields: of('field') } };
    }
    sendPage(
      req,
      res,
      <DirectoryPage chrome={chrome} kind={kind} path={spec.path} items={items} projects={projects} />,
    );
  }
}
