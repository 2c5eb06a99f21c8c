import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { HostRoutingService, addressedHost } from '@portal/tenancy';

const FLUSH_MS = 5_000;
/** Distinct (portal, day, page) counters kept between flushes; more flushes at once. */
const MAX_KEYS = 5_000;
const MAX_PATH = 200;
const TOTAL_TTL_MS = 30_000;
// Crawlers and monitors are not visitors.
const ROBOT = /bot|crawl|spider|slurp|lighthouse|headless|monitor|curl|wget|python|httpclient/i;

const DAY_MS = 86_400_000;
/** The last day computed (a date string per request cost more than the rest of the counting). */
let lastDay = { n: NaN, text: '' };

/** Vietnam's calendar day of an instant (the day a visit is counted under). */
function vietnamDay(at: number): string {
  const n = Math.floor((at + 7 * 3600 * 1000) / DAY_MS);
  if (n !== lastDay.n) lastDay = { n, text: new Date(n * DAY_MS).toISOString().slice(0, 10) };
  return lastDay.text;
}

/**
 * Page views of the public website ("lượt truy cập"), per portal, page and day, with no cookie,
 * address or other personal data: only the count. Counted where the server first sees the
 * request, before the response cache, so a page served from the cache counts too; added up in
 * memory and written in batches (one upsert per flush, whatever the traffic).
 */
@Injectable()
export class SiteVisitsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SiteVisits');
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly totals = new Map<string, { views: number; at: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** Wraps the server's request handler: counts every public page answered 200 as HTML. */
  install(server: Server): void {
    const [next] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'GET' && !ROBOT.test(String(req.headers['user-agent'] ?? ''))) {
        res.once('finish', () => this.observe(req, res));
      }
      next(req, res);
    });
  }

  private observe(req: IncomingMessage, res: ServerResponse): void {
    if (res.statusCode !== 200 && res.statusCode !== 304) return;
    if (!String(res.getHeader('content-type') ?? '').startsWith('text/html')) return;
    const resolved = this.routing.resolve(addressedHost(req.headers, this.config.trustProxy));
    if (resolved.type !== 'serve') return;
    const url = (req as IncomingMessage & { portalOriginalUrl?: string }).portalOriginalUrl ?? req.url ?? '/';
    this.count(resolved.tenant.id, url.split('?')[0].slice(0, MAX_PATH));
  }

  /** Adds one view of `path` on a portal (today, Vietnam time). */
  count(tenantId: string, path: string, at = Date.now()): void {
    const key = `${tenantId}|${vietnamDay(at)}|${path}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    const total = this.totals.get(tenantId);
    if (total) total.views++;
    if (this.pending.size >= MAX_KEYS) void this.flush();
  }

  /** Writes what was counted since the last flush (one statement for all of it). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      const tenants: string[] = [];
      const days: string[] = [];
      const paths: string[] = [];
      const views: number[] = [];
      for (const [key, n] of batch) {
        const [tenant, day, ...rest] = key.split('|');
        tenants.push(tenant);
        days.push(day);
        paths.push(rest.join('|'));
        views.push(n);
      }
      try {
        // UNSCOPED: counters of the portals that answered; no request's data is read or shown.
        await this.dataSource.query(
          `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::bigint[]) AS v(tenant_id, day, path, views)),
                pages AS (
                  INSERT INTO site_page_visits AS s (tenant_id, day, path, views) SELECT * FROM v
                  ON CONFLICT (tenant_id, day, path) DO UPDATE SET views = s.views + EXCLUDED.views)
           INSERT INTO site_visit_totals AS t (tenant_id, views)
             SELECT tenant_id, sum(views) FROM v GROUP BY tenant_id
           ON CONFLICT (tenant_id) DO UPDATE SET views = t.views + EXCLUDED.views`,
          [tenants, days, paths, views],
        );
      } catch (e) {
        // Counts are not worth failing anything for; a lost batch is logged.
        this.logger.warn(`visit counts not written: ${(e as Error).message}`);
      }
    });
    return this.flushing;
  }

  /** The portal's page views so far (the footer's figure; at most a few seconds behind). */
  async total(tenantId: string): Promise<number | null> {
    const known = this.totals.get(tenantId);
    if (known && Date.now() - known.at < TOTAL_TTL_MS) return known.views;
    // UNSCOPED: the host-resolved portal's own public counter.
    const rows: Array<{ views: string }> = await this.dataSource.query(
      `SELECT views FROM site_visit_totals WHERE tenant_id = $1`,
      [tenantId],
    );
    let pendingViews = 0;
    for (const [key, n] of this.pending) if (key.startsWith(`${tenantId}|`)) pendingViews += n;
    const views = (rows[0] ? Number(rows[0].views) : 0) + pendingViews;
    this.totals.set(tenantId, { views, at: Date.now() });
    return views;
  }

  /** Views per page and day of a portal in a date range (inclusive), most viewed first. */
  // UNSCOPED: callers check the reader's ability on the portal first.
  async perPageAndDay(
    tenantId: string,
    from: string,
    to: string,
    limit = 500,
  ): Promise<Array<{ day: string; path: string; views: number }>> {
    const rows: Array<{ day: string; path: string; views: string }> = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, path, views FROM site_page_visits
        WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day, views DESC, path LIMIT $4`,
      [tenantId, from, to, limit],
    );
    return rows.map((r) => ({ day: r.day, path: r.path, views: Number(r.views) }));
  }
}
