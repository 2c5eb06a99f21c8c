import { createHash } from 'node:crypto';
import type { ReactElement } from 'react';
import type { Request, Response } from 'express';
import { renderDocument } from './render-page';

/** How long browsers and shared caches may keep a public page (it is invalidated on publish here). */
export const PAGE_MAX_AGE = 60;

/**
 * Sends a rendered page: `Cache-Control: public` (the anonymous response cache and proxies keep
 * it), a strong ETag of the bytes, and 304 when the browser already has them. Error pages are
 * kept briefly; forms' answers and personal pages pass `cache: false`.
 */
export function sendPage(
  req: Request,
  res: Response,
  page: ReactElement,
  options: { status?: number; cache?: boolean; maxAge?: number } = {},
): void {
  const html = renderDocument(page);
  sendHtml(req, res, html, options);
}

export function sendHtml(
  req: Request,
  res: Response,
  html: string,
  options: { status?: number; cache?: boolean; maxAge?: number; type?: string } = {},
): void {
  const status = options.status ?? 200;
  const body = Buffer.from(html, 'utf8');
  res.setHeader('Content-Type', options.type ?? 'text/html; charset=utf-8');
  if (options.cache === false) {
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).end(body);
    return;
  }
  res.setHeader('Cache-Control', `public, max-age=${status === 200 ? (options.maxAge ?? PAGE_MAX_AGE) : 30}`);
  if (status === 200) {
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    res.setHeader('ETag', etag);
    const asked = String(req.headers['if-none-match'] ?? '');
    if (asked && asked.split(/\s*,\s*/).some((e) => e === etag || e === `W/${etag}`)) {
      res.status(304).end();
      return;
    }
  }
  res.status(status).end(body);
}
