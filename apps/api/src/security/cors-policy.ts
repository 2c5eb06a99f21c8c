import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '@portal/platform';
import type { HostResolution } from '@portal/tenancy';

/** What a cross-origin browser may send and read (no cookies: the api's credential is a bearer token). */
const ALLOWED_METHODS = 'GET, POST, HEAD';
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'accept-language',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
].join(', ');
const EXPOSED_HEADERS = 'Retry-After, X-Request-Id';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

type Resolve = (host: string | undefined) => HostResolution;

/**
 * Which browser origins may read a portal's answers: the portal's own hosts (any of its names,
 * https, or http outside production) and the origins listed in CORS_ORIGINS. Never `*` and never
 * `Access-Control-Allow-Credentials`: a cross-origin caller sends its token in `Authorization`.
 */
export class CorsPolicy {
  private readonly configured: ReadonlySet<string>;

  constructor(
    private readonly config: Pick<AppConfig, 'env' | 'trustProxy' | 'corsOrigins'>,
    private readonly resolve: Resolve,
  ) {
    this.configured = new Set(config.corsOrigins);
  }

  /** The origin to echo in Access-Control-Allow-Origin, or null when this one may not read. */
  allowedOrigin(req: IncomingMessage): string | null {
    const raw = req.headers.origin;
    if (!raw || raw === 'null') return null;
    let origin: URL;
    try {
      origin = new URL(raw);
    } catch {
      return null;
    }
    if (origin.origin !== raw.toLowerCase().replace(/\/$/, '')) return null;
    if (this.configured.has(origin.origin)) return origin.origin;
    const secure =
      origin.protocol === 'https:' || (origin.protocol === 'http:' && this.config.env !== 'production');
    if (!secure) return null;
    const addressed = this.resolve(this.requestHost(req));
    if (addressed.type !== 'serve') return null;
    const from = this.resolve(origin.host);
    return from.type === 'serve' && from.tenant.id === addressed.tenant.id ? origin.origin : null;
  }

  /**
   * Sets the CORS headers of a response; answers a preflight itself (true when it did). Every
   * response varies by Origin, so a shared cache never hands one origin's answer to another.
   */
  apply(req: IncomingMessage, res: ServerResponse): boolean {
    const allowed = this.allowedOrigin(req);
    res.setHeader('Vary', 'Origin');
    const preflight = req.method === 'OPTIONS' && !!req.headers['access-control-request-method'];
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', allowed);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (!preflight) return false;
    if (allowed) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      res.statusCode = 204;
      res.end();
    } else {
      res.statusCode = 403;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'This origin may not call this portal. / Nguồn này không được gọi cổng thông tin này.',
              extensions: { code: 'ORIGIN_NOT_ALLOWED' },
            },
          ],
        }),
      );
    }
    return true;
  }

  private requestHost(req: IncomingMessage): string | undefined {
    const forwarded = this.config.trustProxy ? req.headers['x-forwarded-host'] : undefined;
    return (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]?.trim()) ?? req.headers.host;
  }
}
