import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AppConfig } from '@portal/platform';
import type { HostRoutingService } from '@portal/tenancy';
import { CorsPolicy } from './cors-policy';
import { securityHeaders } from './security-headers';

// Whatever Express routes to Apollo's mount: any case, any sub-path (`/GraphQL`, `/graphql/x`).
const GRAPHQL_PATH = /^(?:\/en)?\/graphql(?:[/?]|$)/i;
const VARY_ORIGIN = /(?:^|,)\s*(?:origin|\*)\s*(?:,|$)/i;

/**
 * A GraphQL POST is JSON or nothing (415). Besides answering the GraphQL-over-HTTP spec, this is the
 * api's CSRF defence: every POST a browser may send cross-site without a preflight (form, text/plain)
 * is refused before Apollo, so Apollo's own header-based check (which also refused plain GET queries)
 * is off; GET runs queries only (Apollo answers 405 to a mutation), and no request carries ambient
 * credentials (the api reads bearer tokens, never cookies).
 */
function refuseNonJsonGraphqlPost(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST' || !GRAPHQL_PATH.test(req.url ?? '')) return false;
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

/**
 * Keeps `Origin` in `Vary` however a handler sets Vary later (feeds and files set their own), so a
 * shared cache never serves one origin's CORS answer to another.
 */
function keepVaryOrigin(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const vary = this.getHeader('vary');
    if (vary === undefined) this.setHeader('Vary', 'Origin');
    else if (!VARY_ORIGIN.test(String(vary))) this.setHeader('Vary', `${String(vary)}, Origin`);
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
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
      keepVaryOrigin(res);
      if (refuseDuplicateHost(req, res)) return;
      if (cors.apply(req, res)) return;
      if (refuseNonJsonGraphqlPost(req, res)) return;
      next(req, res);
    });
  });
}
