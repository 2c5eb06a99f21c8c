import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ContentKind,
  HomePageService,
  PublicCategoryRow,
  PublicContentService,
  OriginOf,
  PublicItemRow,
  originsFor,
  publicItemUrl,
} from '@portal/content';
import { APP_CONFIG, AppConfig, Ctx, Public, RequestContext, RequestTenant } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { SubtreeFeedService } from '../subtree/subtree-feed.service';
import {
  FEED_FILES,
  FeedEntry,
  FeedFormat,
  FeedMeta,
  FeedPortal,
  RenderedFeed,
  isNotModified,
  renderFeed,
} from './feed-builder';
import { FederationErrors } from '../errors/federation-errors';

/** How many entries a feed carries. */
const FEED_SIZE = 50;

type Language = 'vi' | 'en';

/**
 * Public feeds of the addressed portal: `/feeds/rss.xml`, `/feeds/atom.xml`, `/feeds/feed.json`
 * (optionally `?category=<slug>[/<child slug>…]` and `?kind=<ContentKind>`), and the same under
 * `/feeds/subtree/` for everything published in the portal's subtree. English under `/en`.
 * Cacheable: strong ETag, Last-Modified, 304 on revalidation.
 */
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly content: PublicContentService,
    private readonly home: HomePageService,
    private readonly subtree: SubtreeFeedService,
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('rss.xml')
  @Public()
  rss(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.portalFeed('rss', ctx, req, res);
  }

  @Get('atom.xml')
  @Public()
  atom(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.portalFeed('atom', ctx, req, res);
  }

  @Get('feed.json')
  @Public()
  json(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.portalFeed('json', ctx, req, res);
  }

  @Get('subtree/rss.xml')
  @Public()
  subtreeRss(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.subtreeFeed('rss', ctx, req, res);
  }

  @Get('subtree/atom.xml')
  @Public()
  subtreeAtom(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.subtreeFeed('atom', ctx, req, res);
  }

  @Get('subtree/feed.json')
  @Public()
  subtreeJson(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.subtreeFeed('json', ctx, req, res);
  }

  private async portalFeed(
    format: FeedFormat,
    ctx: RequestContext,
    req: Request,
    res: Response,
  ): Promise<void> {
    const tenant = ctx.requireTenant();
    const origin = originsFor(req, this.config);
    const language = languageOf(req);
    const kind = kindOf(req.query.kind);
    const categories = await this.home.categories(tenant.id, language);
    const category = categoryOf(req.query.category, categories);
    const rows = await this.latest(
      tenant.id,
      language,
      kind,
      category ? subtreeIds(category, categories) : null,
    );
    const names = new Map(categories.map((c) => [c.id, c]));
    const entries = rows.map((row): FeedEntry => {
      const source = row.syndication_id ? this.routing.tenant(row.tenant_id) : null;
      const c = row.category_id ? names.get(row.category_id) : undefined;
      return {
        // A copy shares its id with the original, so a reader of both portals sees it once.
        id: `https://${source?.primaryHost ?? tenant.primaryHost}/archive/${row.id}`,
        link: publicItemUrl(tenant.primaryHost, row.language, row.slug, origin),
        canonical: source ? publicItemUrl(source.primaryHost, row.language, row.source_slug, origin) : null,
        title: row.title,
        summary: row.summary,
        bodyHtml: row.body_html,
        author: row.author_name,
        source: row.source,
        language: row.language,
        category: c ? { term: c.slug, label: nameOf(c, language) } : null,
        portal: source ? portalOf(source, language, origin) : null,
        published: new Date(row.published_at),
        updated: newest(row.revised_at, row.place_at, row.published_at),
      };
    });
    const name = nameOf(tenant, language);
    const meta = this.meta(
      tenant,
      origin,
      language,
      category ? `${name} – ${nameOf(category, language)}` : name,
      '',
      {
        category: category ? pathOf(category, categories) : null,
        kind,
      },
    );
    send(res, req, renderFeed(format, meta, entries));
  }

  private async subtreeFeed(
    format: FeedFormat,
    ctx: RequestContext,
    req: Request,
    res: Response,
  ): Promise<void> {
    const tenant = ctx.requireTenant();
    const root = this.routing.tenant(tenant.id);
    if (!root) throw FederationErrors.portalNotFound();
    const origin = originsFor(req, this.config);
    const language = languageOf(req);
    const kind = kindOf(req.query.kind);
    const { rows } = await this.subtree.page([root], {
      language,
      first: FEED_SIZE,
      kinds: kind ? [kind] : null,
    });
    const entries = rows.flatMap((row): FeedEntry[] => {
      const portal = this.routing.tenant(row.tenant_id);
      if (!portal) return [];
      return [
        {
          id: `https://${portal.primaryHost}/archive/${row.id}`,
          link: publicItemUrl(portal.primaryHost, row.language, row.slug, origin),
          canonical: null,
          title: row.title,
          summary: row.summary,
          bodyHtml: row.body_html,
          author: row.author_name,
          source: row.source,
          language: row.language,
          category: row.category_name ? { term: row.category_name, label: row.category_name } : null,
          portal: portalOf(portal, language, origin),
          published: new Date(row.published_at),
          updated: newest(row.revised_at, row.published_at),
        },
      ];
    });
    const title =
      language === 'en'
        ? `${nameOf(tenant, language)} and its component portals`
        : `${nameOf(tenant, language)} và các cổng thành phần`;
    send(
      res,
      req,
      renderFeed(format, this.meta(tenant, origin, language, title, 'subtree/', { kind }), entries),
    );
  }

  /** The newest items of the portal, or of some of its categories (one short index probe each). */
  private async latest(
    tenantId: string,
    language: Language,
    kind: ContentKind | null,
    categoryIds: string[] | null,
  ): Promise<PublicItemRow[]> {
    if (!categoryIds) return (await this.content.list(tenantId, { language, kind, first: FEED_SIZE })).rows;
    const pages = await Promise.all(
      categoryIds.map((categoryId) =>
        this.content.list(tenantId, { categoryId, language, kind, first: FEED_SIZE }),
      ),
    );
    return pages
      .flatMap((p) => p.rows)
      .sort((a, b) => time(b.place_at) - time(a.place_at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, FEED_SIZE);
  }

  private meta(
    tenant: RequestTenant,
    origin: OriginOf,
    language: Language,
    title: string,
    prefix: '' | 'subtree/',
    filter: { category?: string | null; kind: ContentKind | null },
  ): FeedMeta {
    const base = `${origin(tenant.primaryHost)}${language === 'en' ? '/en' : ''}/`;
    const query = new URLSearchParams();
    if (filter.category) query.set('category', filter.category);
    if (filter.kind) query.set('kind', filter.kind);
    const qs = query.size ? `?${query}` : '';
    const self = (f: FeedFormat) => `${base}feeds/${prefix}${FEED_FILES[f]}${qs}`;
    const name = nameOf(tenant, language);
    return {
      title,
      description: language === 'en' ? `The latest from ${title}` : `Tin mới nhất: ${title}`,
      home: base,
      self: { rss: self('rss'), atom: self('atom'), json: self('json') },
      language,
      author: { name, link: base },
    };
  }
}

function send(res: Response, req: Request, feed: RenderedFeed): void {
  res.setHeader('Cache-Control', 'public, max-age=300');
  // The language comes from the /en prefix, which sets this header; nothing else varies.
  res.setHeader('Vary', 'X-Portal-Locale');
  res.setHeader('ETag', feed.etag);
  if (feed.lastModified) res.setHeader('Last-Modified', feed.lastModified.toUTCString());
  const conditional = {
    'if-none-match': req.headers['if-none-match'],
    'if-modified-since': req.headers['if-modified-since'],
  };
  if (isNotModified(conditional, feed.etag, feed.lastModified)) {
    res.status(304).end();
    return;
  }
  const body = Buffer.from(feed.body, 'utf8');
  res.status(200);
  res.setHeader('Content-Type', feed.contentType);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(req.method === 'HEAD' ? undefined : body);
}

// Feeds are addressed by URL: English only under /en (which sets X-Portal-Locale), whatever the
// reader's Accept-Language, so a subscribed address always gives the same language.
function languageOf(req: Request): Language {
  return req.headers['x-portal-locale'] === 'en' ? 'en' : 'vi';
}

function kindOf(value: unknown): ContentKind | null {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && (Object.values(ContentKind) as string[]).includes(value))
    return value as ContentKind;
  throw FederationErrors.invalidKind();
}

/** `?category=` names a top-level category by slug, or a subcategory by its slug path (`parent/child`). */
function categoryOf(value: unknown, categories: PublicCategoryRow[]): PublicCategoryRow | null {
  if (value === undefined || value === '') return null;
  const notFound = FederationErrors.categoryNotFound;
  if (typeof value !== 'string') throw notFound();
  let parentId: string | null = null;
  let found: PublicCategoryRow | undefined;
  for (const slug of value.split('/')) {
    found = categories.find((c) => c.parent_id === parentId && c.slug === slug);
    if (!found) throw notFound();
    parentId = found.id;
  }
  return found ?? null;
}

/** A category and every category below it. */
function subtreeIds(category: PublicCategoryRow, categories: PublicCategoryRow[]): string[] {
  const ids = [category.id];
  for (let i = 0; i < ids.length; i++) for (const c of categories) if (c.parent_id === ids[i]) ids.push(c.id);
  return ids;
}

function pathOf(category: PublicCategoryRow, categories: PublicCategoryRow[]): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const slugs: string[] = [];
  for (
    let c: PublicCategoryRow | undefined = category;
    c;
    c = c.parent_id ? byId.get(c.parent_id) : undefined
  )
    slugs.unshift(c.slug);
  return slugs.join('/');
}

function nameOf(
  named: { nameVi: string; nameEn: string | null } | { name_vi: string; name_en: string | null },
  language: Language,
): string {
  const [vi, en] = 'nameVi' in named ? [named.nameVi, named.nameEn] : [named.name_vi, named.name_en];
  return language === 'en' && en ? en : vi;
}

function portalOf(
  t: { id: string; primaryHost: string; nameVi: string; nameEn: string | null },
  language: Language,
  origin: OriginOf,
): FeedPortal {
  return { id: t.id, host: t.primaryHost, origin: origin(t.primaryHost), name: nameOf(t, language) };
}

const time = (d: Date | string) => new Date(d).getTime();

function newest(...dates: Array<Date | string>): Date {
  return new Date(Math.max(...dates.map(time)));
}
