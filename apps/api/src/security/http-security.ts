import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AppConfig } from '@portal/platform';
import type { HostRoutingService } from '@portal/tenancy';
import { CorsPolicy } from './cors-policy';
import { securityHeaders } from './security-headers';

// Whatever Express routes to Apollo's mount: any case, any sub-path (`/GraphQL`, `/graphql/x`).
const GRAPHQL_PATH = /^(?:\/en)?\/graphql(?:[/?]|$)/i;

/**
 * The path Express routes a request target by (what its `parseurl` takes as the pathname): an
 * absolute-form target (`http://host/graphql`, RFC 9112 §3.2.2) loses its scheme and authority, and
 * a query or a fragment (`/graphql#x`, which Node passes through) is cut off. Checks of "which
 * route is this" must read this, never the raw target.
 */
export function routedPath(target: string | undefined): string {
  let path = target ?? '/';
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (absolute) path = path.slice(absolute[0].length) || '/';
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

/**
 * A GraphQL POST is JSON or nothing (415). Besides answering the GraphQL-over-HTTP spec, this is the
 * api's CSRF defence: every POST a browser may send cross-site without a preflight (form, text/plain)
 * is refused before Apollo, so Apollo's own header-based check (which also refused plain GET queries)
 * is off; GET runs queries only (Apollo answers 405 to a mutation), and no request carries ambient
 * credentials (the api reads bearer tokens, never cookies).
 */
function refuseNonJsonGraphqlPost(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST' || !GRAPHQL_PATH.test(routedPath(req.url))) return false;
  const essence = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (essence === 'application/json') return false;
  refuseEarly(
    req,
    res,
    415,
    { 'Accept-Post': 'application/json' },
    {
      message: 'A GraphQL request sent by POST must have Content-Type: application/json.',
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
  );
  return true;
}

/**
 * Answers before anything reads the request: a GraphQL-shaped error, never cached; the body is
 * drained unread and the connection closed after the answer.
 */
function refuseEarly(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  error: { message: string; extensions: Record<string, string> },
): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'close');
  req.resume();
  res.end(JSON.stringify({ errors: [error] }));
}

/**
 * Node keeps the first of several Host headers, while a proxy in front may route by another: a
 * request with more than one (RFC 9112 §3.2) is refused with 400, never answered for one of them.
 */
function refuseDuplicateHost(req: IncomingMessage, res: ServerResponse): boolean {
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') hosts++;
  if (hosts <= 1) return false;
  refuseEarly(
    req,
    res,
    400,
    {},
    {
      message: 'More than one Host header. / Yêu cầu có nhiều hơn một tiêu đề Host.',
      extensions: {
        code: 'DUPLICATE_HOST',
        messageVi: 'Yêu cầu có nhiều hơn một tiêu đề Host.',
        messageEn: 'The request has more than one Host header.',
      },
    },
  );
  return true;
}

/** Request headers every answer may depend on: CORS on Origin, the locale on the other two. */
const VARY_ALWAYS = ['Origin'];
const VARY_CACHEABLE = ['Origin', 'Accept-Language', 'X-Portal-Locale'];
/** GraphQL also negotiates its media type (graphql-response+json or json) from Accept. */
const VARY_GRAPHQL = [...VARY_CACHEABLE, 'Accept'];

/**
 * Completes `Vary` however a handler set it (feeds and files set their own), so a shared cache never
 * serves one origin's CORS answer to another, nor one language's answer to a reader of the other:
 * every answer a cache may keep (anything but `no-store` or `private`) varies on Origin,
 * Accept-Language and X-Portal-Locale (the locale is chosen from them, `AccessGuard`), and a
 * GraphQL answer on Accept too.
 */
function keepVary(req: IncomingMessage, res: ServerResponse): void {
  // Read now: Express rewrites req.url inside a mounted app (Apollo's sees `/`).
  const graphql = GRAPHQL_PATH.test(routedPath(req.url));
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const cacheControl = String(this.getHeader('cache-control') ?? '');
    const needed = /\b(?:no-store|private)\b/i.test(cacheControl)
      ? VARY_ALWAYS
      : graphql
        ? VARY_GRAPHQL
        : VARY_CACHEABLE;
    const vary = this.getHeader('vary');
    const completed = completedVary(needed, vary === undefined ? '' : String(vary));
    if (completed !== null) this.setHeader('Vary', completed);
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/**
 * Answers repeat the same few `Vary` values (a cached page's is already complete): the completion
 * of each (value, needed list) pair is remembered, bounded, rather than parsed on every response.
 */
const VARY_MEMO = new Map<readonly string[], Map<string, string | null>>();
const VARY_MEMO_MAX = 256;

/** `vary` with the `needed` names it lacks added, or null when it lacks none (or is `*`). */
function completedVary(needed: readonly string[], vary: string): string | null {
  let memo = VARY_MEMO.get(needed);
  if (!memo) VARY_MEMO.set(needed, (memo = new Map()));
  const known = memo.get(vary);
  if (known !== undefined) return known;
  const present = vary
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  let completed: string | null = null;
  if (!present.includes('*')) {
    const lower = new Set(present.map((v) => v.toLowerCase()));
    const missing = needed.filter((v) => !lower.has(v.toLowerCase()));
    if (missing.length) completed = [...present, ...missing].join(', ');
  }
  if (memo.size >= VARY_MEMO_MAX) memo.clear();
  memo.set(vary, completed);
  return completed;
}

/**
 * Defence in depth for every HTTP answer (GraphQL, pages, feeds, files, errors, cached reads): the
 * security headers, one Host header only, CORS per portal (preflights answered here) and the GraphQL
 * media-type check.
 * Wraps the server's request handler, outside the English prefix and the response cache.
 */
export function installHttpSecurity(
  server: Server,
  config: Pick<AppConfig, 'env' | 'trustProxy' | 'corsOrigins'>,
  routing: Pick<HostRoutingService, 'resolve'>,
): void {
  const headers = securityHeaders(config);
  const cors = new CorsPolicy(config, (host) => routing.resolve(host));
  const [next] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    headers(req, res, () => {
      keepVary(req, res);
      if (refuseDuplicateHost(req, res)) return;
      if (cors.apply(req, res)) return;
      if (refuseNonJsonGraphqlPost(req, res)) return;
      next(req, res);
    });
  });
}
