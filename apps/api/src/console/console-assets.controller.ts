import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx, Public, RequestContext } from '@portal/platform';
import { CONSOLE_PATH } from './console-path';

/**
 * The console's own policy, for its path only: its scripts come from this host and nothing inline
 * runs; Mantine writes styles at run time (style elements and attributes), so styles may be inline
 * here, and only here. The api's own calls and uploads go to the same host.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `vite build` puts the console (apps/console/dist), unless CONSOLE_DIST names another folder. */
export function consoleDist(): string {
  return resolve(process.env.CONSOLE_DIST ?? join(process.cwd(), 'apps', 'console', 'dist'));
}

/**
 * Serves the built console at `/quan-tri/` on every portal host (the host selects the portal, as for
 * everything else): hashed assets are immutable, the index page is never cached, and any other path
 * under it is a client route answered with the index page.
 */
@Controller(CONSOLE_PATH)
export class ConsoleAssetsController {
  private readonly root = consoleDist();

  @Get()
  @Public()
  index(@Ctx() ctx: RequestContext, @Res() res: Response): void {
    ctx.requireTenant();
    this.sendIndex(res);
  }

  @Get('{*path}')
  @Public()
  asset(@Ctx() ctx: RequestContext, @Param('path') path: string[] | string, @Res() res: Response): void {
    ctx.requireTenant();
    const parts = Array.isArray(path) ? path : String(path).split('/');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    if (parts[0] === 'assets') {
      const name = parts.slice(1).join('/');
      if (!/^[A-Za-z0-9._-]+$/.test(name) || !existsSync(join(this.root, 'assets', name))) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      res.sendFile(join('assets', name), {
        root: this.root,
        dotfiles: 'deny',
        cacheControl: false,
        headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
      });
      return;
    }
    this.sendIndex(res);
  }

  private sendIndex(res: Response): void {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(join(this.root, 'index.html'))) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Trang quản trị chưa được dựng (npm run console:build). / The console is not built yet.');
      return;
    }
    res.sendFile('index.html', { root: this.root, cacheControl: false, lastModified: false, etag: true });
  }
}
