import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, PgNotifications, readScopeOf } from '@portal/platform';
import { HostRoutingService, addressedHost } from '@portal/tenancy';
import { cacheKey, normaliseGraphqlRead } from './response-cache-key';
import { ResponseStore, StoredResponse } from './response-store';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The request headers an answer may depend on besides its portal and target (all part of the key). */
const KEYED_HEADERS = ['accept', 'accept-language', 'x-portal-locale', 'apollo-require-preflight'] as const;
/** A keyed header longer than this makes the request uncacheable (it goes to the pipeline). */
const MAX_KEYED_HEADER = 256;
const MAX_TARGET_LENGTH = 2048;
/** The answer's headers kept with it; the security and CORS headers are set per request outside. */
const KEPT_HEADERS = [
  'content-type',
  'content-language',
  'content-disposition',
  'cache-control',
  'vary',
  'etag',
  'last-modified',
] as const;
const GRAPHQL = /^\/graphql(?:\?|$)/;
/** Headers of a failed answer that must not go out with the stale copy sent instead. */
const UNSENT_ON_STALE = ['retry-after', 'content-length', 'x-cache'];
const DEFAULT_STALE_IF_ERROR_SECONDS = 600;
const SWEEP_MS = 30_000;

/**
 * In-process cache of anonymous public answers, served in front of Express. The handler decides
 * what is cacheable (GraphQL fields hinted PUBLIC with a max-age, pages and feeds that set
 * `Cache-Control: public, max-age=N`): this keeps those answers per portal, host, locale and
 * normalised request, and forgets them all whenever the tenancy version moves (any instance's change
 * arrives by LISTEN/NOTIFY), so an edit shows at once everywhere. Anything it does not answer
 * (signed-in callers, misses, other paths) goes to the full pipeline.
 *
 * Bounded in bytes (RESPONSE_CACHE_MAX_BYTES), least recently used evicted first, expired entries
 * swept; a request body over RESPONSE_CACHE_MAX_REQUEST_BYTES is never read or keyed here, and a
 * GraphQL key holds only the variables its operation declares: a flood of distinct requests costs
 * the process at most the budget.
 *
 * GraphQL reads (GET and JSON POST on /graphql) are always eligible; other anonymous GETs only on
 * the paths registered with `cacheGetPaths`.
 *
 * An answer a read replica gave is kept only if that replica had caught up with the last
 * invalidation of its portal (what its health check measured): otherwise the first reads after a
 * publication, which a replica may answer from just before it, would be served until max-age.
 */
@Injectable()
export class AnonymousResponseCache implements OnModuleInit, OnModuleDestroy {
  readonly store: ResponseStore;
  private readonly limits: AppConfig['responseCacheLimits'];
  /** When each portal's answers were last dropped, and all of them (epoch ms). */
  private readonly invalidatedAt = new Map<string, number>();
  private clearedAt = Date.now();
  private readonly getPaths: RegExp[] = [];
  private sweeper: NodeJS.Timeout | null = null;
  hits = 0;
  misses = 0;
  /** Stale answers served because the pipeline failed (stale-if-error). */
  staleServed = 0;

  constructor(
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: PgNotifications,
  ) {
    this.limits = config.responseCacheLimits ?? DEFAULT_RESPONSE_CACHE_LIMITS;
    this.store = new ResponseStore({
      ...this.limits,
      keepStaleMs: (this.limits.staleIfErrorSeconds ?? DEFAULT_STALE_IF_ERROR_SECONDS) * 1000,
    });
    routing.onChange(() => this.clear());
  }

  async onModuleInit(): Promise<void> {
    // A publish or withdrawal on any instance drops that portal's cached reads here.
    await this.notifications.subscribe('content_changed', (tenantId) => this.forget(tenantId));
    if (this.config.responseCache) {
      this.sweeper = setInterval(() => this.store.sweep(), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /**
   * Lets anonymous GETs of these paths (matched against the path and query the cache sees, after the
   * `/en` prefix is removed) be answered from the cache. Only answers that say `public, max-age=N`
   * with status 200 and no Set-Cookie are kept.
   */
  cacheGetPaths(...patterns: RegExp[]): void {
    this.getPaths.push(...patterns);
  }

  /** Drops the cached responses of one portal (all of them when no portal is named). */
  forget(tenantId: string): void {
    if (!tenantId) return this.clear();
    this.invalidatedAt.set(tenantId, Date.now());
    this.store.deleteWhere((entry) => entry.tenantId === tenantId);
  }

  stats(): { entries: number; bytes: number; maxBytes: number; hits: number; misses: number } {
    return {
      entries: this.store.size,
      bytes: this.store.bytes,
      maxBytes: this.store.maxBytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  private clear(): void {
    this.clearedAt = Date.now();
    this.invalidatedAt.clear();
    this.store.clear();
  }

  /** Wraps the server's request handler (the Express app) with the cache. */
  install(server: Server): void {
    if (!this.config.responseCache) return;
    const [pipeline] = server.listeners('request') as Handler[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res, pipeline));
  }

  /**
   * The cache key parts every request shares: portal, addressed host, scheme as the app sees it,
   * method and the keyed headers. Null when the request is not anonymous or not served here.
   */
  private baseKey(req: IncomingMessage): { tenantId: string; parts: string[] } | null {
    if (req.headers.authorization || req.headers.cookie) return null;
    const host = addressedHost(req.headers, this.config.trustProxy);
    const resolved = this.routing.resolve(host);
    if (resolved.type !== 'serve') return null;
    const parts = [
      resolved.tenant.id,
      host ?? '',
      this.config.trustProxy ? String(req.headers['x-forwarded-proto'] ?? '') : '',
      req.method ?? '',
    ];
    for (const name of KEYED_HEADERS) {
      const value = String(req.headers[name] ?? '');
      if (value.length > MAX_KEYED_HEADER) return null;
      parts.push(value);
    }
    return { tenantId: resolved.tenant.id, parts };
  }

  private handle(req: IncomingMessage, res: ServerResponse, pipeline: Handler): void {
    const target = req.url ?? '';
    if (target.length > MAX_TARGET_LENGTH || (req.method !== 'GET' && req.method !== 'POST'))
      return pipeline(req, res);
    const graphql = GRAPHQL.test(target);
    if (req.method === 'GET' && !graphql && !this.getPaths.some((p) => p.test(target)))
      return pipeline(req, res);
    if (req.method === 'POST' && !(graphql && isJson(req))) return pipeline(req, res);
    const base = this.baseKey(req);
    if (!base) return pipeline(req, res);
    if (req.method === 'GET') {
      const normal = graphql ? graphqlGetRead(target) : target;
      if (normal === null) return pipeline(req, res);
      return this.serveOrPass(base.tenantId, cacheKey([...base.parts, normal]), req, res, pipeline);
    }
    // Only small bodies of a declared length are read here; anything else goes to the pipeline
    // unread, where the body parser enforces its own limit (a large POST is neither buffered nor kept).
    const limit = this.limits.maxRequestBytes;
    const declared = Number(req.headers['content-length']);
    if (!Number.isInteger(declared) || declared <= 0 || declared > limit) return pipeline(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks, size);
      let parsed: unknown;
      // The body is consumed here; hand Express the parsed value (body-parser skips a read request).
      try {
        parsed = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        (req as IncomingMessage & { body?: unknown }).body = undefined;
        return pipeline(req, res);
      }
      (req as IncomingMessage & { body?: unknown }).body = parsed;
      const normal =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? normaliseGraphqlRead(parsed as Record<string, unknown>)
          : null;
      if (normal === null) return pipeline(req, res);
      this.serveOrPass(base.tenantId, cacheKey([...base.parts, target, normal]), req, res, pipeline);
    });
    req.on('error', () => res.destroy());
  }

  private serveOrPass(
    tenantId: string,
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    pipeline: Handler,
  ): void {
    const version = this.routing.version;
    const cached = this.store.peek(key);
    if (cached && cached.version === version && cached.expiresAt > Date.now()) {
      this.hits++;
      // A browser that already has these bytes (same ETag) is told so, as the handler would.
      if (notModified(req, cached.headers)) {
        const headers: Record<string, string> = {
          'cache-control': cached.headers['cache-control'] ?? '',
          'x-cache': 'HIT',
        };
        if (cached.headers.etag) headers.etag = cached.headers.etag;
        if (cached.headers['last-modified']) headers['last-modified'] = cached.headers['last-modified'];
        res.writeHead(304, headers);
        res.end();
        return;
      }
      writeCached(res, cached);
      return;
    }
    this.misses++;
    const original = { writeHead: res.writeHead, end: res.end };
    this.capture(res, (status, body) => {
      if (this.currentEnough(tenantId, req)) this.keep(key, tenantId, version, res, status, body);
    });
    if (cached && cached.version === version) this.staleIfError(res, cached, original);
    pipeline(req, res);
  }

  /**
   * Collects what the handler writes (bodies over the entry limit are given up on, not buffered)
   * and hands it over once the answer ends.
   */
  private capture(res: ServerResponse, done: (status: number, body: Buffer) => void): void {
    const limit = this.limits.maxEntryBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.isBuffer(chunk)
            ? chunk
            : chunk instanceof Uint8Array
              ? Buffer.from(chunk)
              : null;
      if (!buffer || size + buffer.length > limit) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      size += buffer.length;
      chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      if (!overflow) done(res.statusCode, Buffer.concat(chunks, size));
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }

  /**
   * When the pipeline answers with a server error (the database away: 503), the stale copy is sent
   * instead, marked `X-Cache: STALE` and with a `Warning`, and the pipeline's answer is dropped.
   */
  private staleIfError(
    res: ServerResponse,
    stale: StoredResponse,
    original: { writeHead: ServerResponse['writeHead']; end: ServerResponse['end'] },
  ): void {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let decided: 'pass' | 'stale' | null = null;
    const decide = (status: number): 'pass' | 'stale' => {
      if (decided) return decided;
      decided = status >= 500 ? 'stale' : 'pass';
      if (decided === 'stale') {
        this.staleServed++;
        for (const name of res.getHeaderNames())
          if ((KEPT_HEADERS as readonly string[]).includes(name) || UNSENT_ON_STALE.includes(name))
            res.removeHeader(name);
        original.writeHead.call(res, stale.status, {
          ...stale.headers,
          'content-length': stale.body.length,
          'x-cache': 'STALE',
          warning: '110 - "Response is Stale", 111 - "Revalidation Failed"',
        });
        (original.end as (body: Buffer) => ServerResponse).call(res, stale.body);
      }
      return decided;
    };
    res.writeHead = ((status: number, ...rest: unknown[]) =>
      decide(status) === 'stale' ? res : writeHead(status, ...rest)) as ServerResponse['writeHead'];
    res.write = ((chunk: unknown, ...rest: unknown[]) =>
      decide(res.statusCode) === 'stale' ? true : write(chunk, ...rest)) as ServerResponse['write'];
    res.end = ((...args: unknown[]) =>
      decide(res.statusCode) === 'stale' ? res : end(...args)) as ServerResponse['end'];
  }

  /** False for an answer from a replica that may not have replayed the portal's last change. */
  private currentEnough(tenantId: string, req: IncomingMessage): boolean {
    const replicaStateAsOf = readScopeOf(req)?.replicaStateAsOf;
    if (replicaStateAsOf === null || replicaStateAsOf === undefined) return true;
    return replicaStateAsOf >= Math.max(this.clearedAt, this.invalidatedAt.get(tenantId) ?? 0);
  }

  private keep(
    key: string,
    tenantId: string,
    version: number,
    res: ServerResponse,
    status: number,
    body: Buffer,
  ): void {
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl);
    if (status !== 200 || !/\bpublic\b/.test(cacheControl) || !maxAge || Number(maxAge[1]) === 0) return;
    if (/\b(?:no-store|private|no-cache)\b/.test(cacheControl) || res.getHeader('set-cookie') !== undefined)
      return;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    headers['content-type'] ??= 'application/json';
    const now = Date.now();
    this.store.set(
      key,
      { tenantId, version, status, headers, body, storedAt: now, expiresAt: now + Number(maxAge[1]) * 1000 },
      now,
    );
  }
}

/** The defaults of RESPONSE_CACHE_MAX_BYTES, _MAX_ENTRY_BYTES and _MAX_REQUEST_BYTES. */
export const DEFAULT_RESPONSE_CACHE_LIMITS: AppConfig['responseCacheLimits'] = {
  maxBytes: 32 << 20,
  maxEntryBytes: 512 << 10,
  maxRequestBytes: 8 << 10,
};

/** Conditional GET on a kept answer (RFC 9110 13.2.2: If-None-Match first, else If-Modified-Since). */
function notModified(req: IncomingMessage, headers: Record<string, string>): boolean {
  if (req.method !== 'GET') return false;
  const asked = req.headers['if-none-match'];
  if (asked !== undefined) {
    const etag = headers.etag;
    return (
      !!etag &&
      String(asked)
        .split(/\s*,\s*/)
        .some((e) => e === etag || e === `W/${etag}` || e === '*')
    );
  }
  const since = Date.parse(String(req.headers['if-modified-since'] ?? ''));
  const modified = Date.parse(headers['last-modified'] ?? '');
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

function isJson(req: IncomingMessage): boolean {
  return (
    String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase() === 'application/json'
  );
}

/** A GraphQL GET's query, operation name and declared variables, normalised (null: not keyed). */
function graphqlGetRead(target: string): string | null {
  const params = new URLSearchParams(target.slice(target.indexOf('?') + 1 || target.length));
  let variables: unknown;
  const raw = params.get('variables');
  if (raw) {
    try {
      variables = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const normal = normaliseGraphqlRead({
    query: params.get('query') ?? undefined,
    operationName: params.get('operationName') ?? undefined,
    variables,
  });
  // Extensions (persisted queries) change what runs: such a request is keyed by its whole target.
  return normal === null ? null : JSON.stringify([normal, params.get('extensions')]);
}

/** Writes a kept answer; the handler's security headers are already on `res`. */
export function writeCached(res: ServerResponse, cached: StoredResponse, cacheHeader = 'HIT'): void {
  // Set one by one (not as writeHead's argument), so wrappers of writeHead see them (Vary).
  for (const [name, value] of Object.entries(cached.headers)) res.setHeader(name, value);
  res.setHeader('content-length', cached.body.length);
  res.setHeader('x-cache', cacheHeader);
  res.writeHead(cached.status);
  res.end(cached.body);
}
