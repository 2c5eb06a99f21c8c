import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, PgNotifications, readScopeOf } from '@portal/platform';
import { HostRoutingService, addressedHost } from '@portal/tenancy';

interface Entry {
  version: number;
  expiresAt: number;
  headers: Record<string, string>;
  body: Buffer;
}

const MAX_ENTRIES = 10_000;
const MAX_BODY_BYTES = 256 * 1024;
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * In-process cache of anonymous GraphQL reads, served in front of Express. Apollo decides what is
 * cacheable (fields hinted PUBLIC with a max-age give a `Cache-Control: public` header); this keeps
 * those responses per portal, locale and request, and forgets them all whenever the tenancy version
 * moves (any instance's change arrives by LISTEN/NOTIFY), so an edit shows at once everywhere.
 * Anything it does not answer (signed-in callers, misses, other paths) goes to the full pipeline.
 *
 * An answer a read replica gave is kept only if that replica had caught up with the last
 * invalidation of its portal (what its health check measured): otherwise the first reads after a
 * publication, which a replica may answer from just before it, would be served until max-age.
 */
@Injectable()
export class AnonymousResponseCache implements OnModuleInit {
  private readonly entries = new Map<string, Entry>();
  /** When each portal's answers were last dropped, and all of them (epoch ms). */
  private readonly invalidatedAt = new Map<string, number>();
  private clearedAt = Date.now();
  hits = 0;
  misses = 0;

  constructor(
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: PgNotifications,
  ) {
    routing.onChange(() => this.clear());
  }

  async onModuleInit(): Promise<void> {
    // A publish or withdrawal on any instance drops that portal's cached reads here.
    await this.notifications.subscribe('content_changed', (tenantId) => this.forget(tenantId));
  }

  /** Drops the cached responses of one portal (all of them when no portal is named). */
  forget(tenantId: string): void {
    if (!tenantId) return this.clear();
    this.invalidatedAt.set(tenantId, Date.now());
    for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}|`)) this.entries.delete(key);
  }

  private clear(): void {
    this.clearedAt = Date.now();
    this.invalidatedAt.clear();
    this.entries.clear();
  }

  /** Wraps the server's request handler (the Express app) with the cache. */
  install(server: Server): void {
    if (!this.config.responseCache) return;
    const [pipeline] = server.listeners('request') as Array<
      (req: IncomingMessage, res: ServerResponse) => void
    >;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res, pipeline));
  }

  private handle(
    req: IncomingMessage,
    res: ServerResponse,
    pipeline: (req: IncomingMessage, res: ServerResponse) => void,
  ): void {
    const path = req.url ?? '';
    const eligible =
      (req.method === 'POST' || req.method === 'GET') &&
      (path === '/graphql' || path.startsWith('/graphql?')) &&
      !req.headers.authorization &&
      !req.headers.cookie &&
      (req.method === 'GET' || String(req.headers['content-type'] ?? '').startsWith('application/json'));
    if (!eligible) return pipeline(req, res);
    // The same host the pipeline routes by (behind a trusted proxy, its X-Forwarded-Host).
    const resolved = this.routing.resolve(addressedHost(req.headers, this.config.trustProxy));
    if (resolved.type !== 'serve') return pipeline(req, res);
    // The media type negotiated from Accept is part of the answer (graphql-response+json, json or 406).
    const tenantId = resolved.tenant.id;
    const prefix = `${tenantId}|${req.headers.accept ?? ''}|${req.headers['accept-language'] ?? ''}|${req.headers['x-portal-locale'] ?? ''}|${req.headers['apollo-require-preflight'] ?? ''}|${req.method}|${path}|`;
    if (req.method === 'GET') return this.serveOrPass(tenantId, prefix, req, res, pipeline);
    // Only small bodies of a declared length are read here; anything else goes to the pipeline
    // unread, where the body parser enforces its own limit (a huge POST must not be buffered).
    const declared = Number(req.headers['content-length']);
    if (!Number.isInteger(declared) || declared <= 0 || declared > MAX_REQUEST_BYTES)
      return pipeline(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      // The body is consumed here; hand Express the parsed value (body-parser skips a read request).
      try {
        (req as IncomingMessage & { body?: unknown }).body = raw.length
          ? JSON.parse(raw.toString('utf8'))
          : undefined;
      } catch {
        (req as IncomingMessage & { body?: unknown }).body = undefined;
        return pipeline(req, res);
      }
      if (size > MAX_REQUEST_BYTES) return pipeline(req, res);
      this.serveOrPass(tenantId, prefix + raw.toString('utf8'), req, res, pipeline);
    });
    req.on('error', () => res.destroy());
  }

  private serveOrPass(
    tenantId: string,
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    pipeline: (req: IncomingMessage, res: ServerResponse) => void,
  ): void {
    const version = this.routing.version;
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.expiresAt > Date.now()) {
      this.hits++;
      res.writeHead(200, { ...cached.headers, 'content-length': cached.body.length, 'x-cache': 'HIT' });
      res.end(cached.body);
      return;
    }
    this.misses++;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (this.currentEnough(tenantId, req)) this.store(key, version, res, chunk);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    pipeline(req, res);
  }

  /** False for an answer from a replica that may not have replayed the portal's last change. */
  private currentEnough(tenantId: string, req: IncomingMessage): boolean {
    const replicaStateAsOf = readScopeOf(req)?.replicaStateAsOf;
    if (replicaStateAsOf === null || replicaStateAsOf === undefined) return true;
    return replicaStateAsOf >= Math.max(this.clearedAt, this.invalidatedAt.get(tenantId) ?? 0);
  }

  private store(key: string, version: number, res: ServerResponse, chunk: unknown): void {
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl);
    if (res.statusCode !== 200 || !/\bpublic\b/.test(cacheControl) || !maxAge || Number(maxAge[1]) === 0)
      return;
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : null;
    if (!body || body.length > MAX_BODY_BYTES) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, {
      version,
      expiresAt: Date.now() + Number(maxAge[1]) * 1000,
      headers: {
        'content-type': String(res.getHeader('content-type') ?? 'application/json'),
        'cache-control': cacheControl,
      },
      body,
    });
  }
}
