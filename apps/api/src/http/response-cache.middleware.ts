import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HostRoutingService, routedTenantOf } from '@portal/tenancy';

interface Entry {
  version: number;
  expiresAt: number;
  contentType: string;
  cacheControl: string;
  body: Buffer;
}

const MAX_ENTRIES = 5000;
const MAX_BODY_BYTES = 256 * 1024;

/**
 * In-process cache of anonymous GraphQL reads. Apollo decides what is cacheable (fields hinted
 * PUBLIC with a max-age yield a `Cache-Control: public` header); this keeps those responses per
 * portal and request, and drops them all whenever the tenancy version moves (any instance's
 * change, via LISTEN/NOTIFY), so a provisioned or restructured portal shows at once everywhere.
 */
@Injectable()
export class ResponseCacheMiddleware implements NestMiddleware {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly routing: HostRoutingService) {
    routing.onChange(() => this.entries.clear());
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const tenant = routedTenantOf(req);
    if (!tenant || req.headers.authorization || req.headers.cookie || !req.path.endsWith('/graphql') || (req.method !== 'POST' && req.method !== 'GET')) {
      return next();
    }
    const body = req.method === 'POST' ? JSON.stringify(req.body ?? null) : '';
    const key = `${tenant.id}|${req.headers['accept-language'] ?? ''}|${req.headers['x-portal-locale'] ?? ''}|${req.method}|${req.url}|${body}`;
    const version = this.routing.version;
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.expiresAt > Date.now()) {
      this.hits++;
      res.status(200).setHeader('Content-Type', cached.contentType);
      res.setHeader('Cache-Control', cached.cacheControl);
      res.setHeader('X-Cache', 'HIT');
      res.end(cached.body);
      return;
    }
    this.misses++;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      this.store(key, version, res, chunk);
      return end(chunk, ...rest);
    }) as Response['end'];
    next();
  }

  private store(key: string, version: number, res: Response, chunk: unknown): void {
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl);
    if (res.statusCode !== 200 || !/\bpublic\b/.test(cacheControl) || !maxAge || Number(maxAge[1]) === 0) return;
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : null;
    if (!body || body.length > MAX_BODY_BYTES) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { version, expiresAt: Date.now() + Number(maxAge[1]) * 1000, contentType: String(res.getHeader('content-type') ?? 'application/json'), cacheControl, body });
  }
}
