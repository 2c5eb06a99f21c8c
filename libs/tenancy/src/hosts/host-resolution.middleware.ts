import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from './host-routing.service';
import { devHostFor } from './host-names';
import { RedirectPathResolvers } from './redirect-paths';
import { HostProblemPages } from './host-problem-pages';

export const ROUTED_TENANT_KEY = 'portalTenant';

/** The tenant the Host header resolved to, set by HostResolutionMiddleware. */
export function routedTenantOf(req: object): RoutedTenant | null {
  return ((req as Record<string, unknown>)[ROUTED_TENANT_KEY] as RoutedTenant | undefined) ?? null;
}

/**
 * First step of every portal request: Host → tenant. Unknown hosts get a 404 (never another
 * portal's content); former hosts of merged, moved or retired portals a 301 to the same path on the
 * new home (or, for a path a registered resolver knows, such as an old item URL, to where that thing
 * lives now); suspended portals a 503.
 */
/**
 * The host a request addresses: the proxy's `X-Forwarded-Host` (its first value) when proxies are
 * trusted and it sent one, else `Host`. Routing and the response cache both use this.
 */
export function addressedHost(
  headers: { host?: string; 'x-forwarded-host'?: string | string[] },
  trustProxy: boolean,
): string | undefined {
  const forwarded = trustProxy ? headers['x-forwarded-host'] : undefined;
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]) ?? headers.host;
}

@Injectable()
export class HostResolutionMiddleware implements NestMiddleware {
  constructor(
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redirectPaths: RedirectPathResolvers,
    private readonly problemPages: HostProblemPages,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void | Promise<void> {
    const rawHost = addressedHost(req.headers, this.config.trustProxy);
    const resolution = this.routing.resolve(rawHost);
    switch (resolution.type) {
      case 'serve':
        (req as unknown as Record<string, unknown>)[ROUTED_TENANT_KEY] = resolution.tenant;
        return next();
      case 'redirect': {
        const path = (req as Request & { portalOriginalUrl?: string }).portalOriginalUrl ?? req.originalUrl;
        // Only a path some resolver knows (an old item URL) costs a lookup; everything else stays in memory.
        if (!this.redirectPaths.claims(path)) {
          return this.redirect(req, res, rawHost, resolution.viaDevSuffix, resolution.targetHost, path);
        }
        return this.redirectPaths
          .resolve(resolution.originTenantId, path)
          .then((found) => {
            const holder = found?.tenantId ? this.routing.answering(found.tenantId) : null;
            this.redirect(
              req,
              res,
              rawHost,
              resolution.viaDevSuffix,
              holder?.primaryHost ?? resolution.targetHost,
              found?.path ?? path,
            );
          })
          .catch(next);
      }
      case 'suspended': {
        res.status(503).setHeader('Retry-After', '3600');
        // A person's browser gets the portal's page saying so; API clients the JSON error.
        const page =
          req.method === 'GET' &&
          !req.path.startsWith('/graphql') &&
          /text\/html/.test(String(req.headers.accept ?? ''))
            ? this.problemPages.suspended(
                resolution.tenant,
                req.headers['x-portal-locale'] === 'en' ? 'en' : 'vi',
              )
            : null;
        if (page) {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(page);
          return;
        }
        res.json({
          errors: [
            {
              message: 'This portal is suspended. / Cổng thông tin đang tạm ngừng hoạt động.',
              extensions: { code: 'PORTAL_SUSPENDED' },
            },
          ],
        });
        return;
      }
      default:
        res.status(404).json({
          errors: [
            {
              message: 'No portal answers on this host. / Không có cổng thông tin nào tại tên miền này.',
              extensions: { code: 'UNKNOWN_HOST' },
            },
          ],
        });
    }
  }

  private redirect(
    req: Request,
    res: Response,
    rawHost: string | undefined,
    viaDevSuffix: boolean,
    targetHost: string,
    path: string,
  ): void {
    const target = viaDevSuffix
      ? (devHostFor(targetHost, this.config.devHostSuffix, this.config.publicSuffixes) ?? targetHost)
      : targetHost;
    const port = /:(\d+)$/.exec(String(rawHost ?? ''))?.[1];
    const location = `${req.protocol}://${target}${port ? `:${port}` : ''}${path}`;
    res.status(301).setHeader('Location', location);
    res.json({
      errors: [
        { message: `This portal has moved to ${target}`, extensions: { code: 'PORTAL_MOVED', location } },
      ],
    });
  }
}
