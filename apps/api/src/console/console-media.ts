import { createHmac, timingSafeEqual } from 'node:crypto';
import { CONSOLE_PATH } from './console-path';

/** Where the console's pages load the images of drafts from (`/quan-tri/media/<attachment id>`). */
export const CONSOLE_MEDIA_PATH = `${CONSOLE_PATH}/media`;

/** The cookie that opens it: sent by the browser to that path of the host that set it, nowhere else. */
export const MEDIA_COOKIE = 'portal_console_media';

/**
 * What the media cookie grants: the images the account may read, through the host of one portal,
 * while the session it was issued with stands (a refresh rotates it, a sign-out or a suspension
 * ends it), and never after `expires` (the access token's own expiry).
 */
export interface MediaGrant {
  accountId: string;
  sessionId: string;
  tenantId: string;
  /** Unix seconds. */
  expires: number;
}

// Its own purpose in the MAC, so that no other signed value of the server passes for a grant.
const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`console-media:${payload}`).digest('base64url');

export function signMediaGrant(secret: string, g: MediaGrant): string {
  const payload = Buffer.from(JSON.stringify([g.accountId, g.sessionId, g.tenantId, g.expires])).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, payload)}`;
}

/** The grant a cookie value carries when its MAC holds and it has not expired; else null. */
export function verifyMediaGrant(
  secret: string,
  value: string | null,
  nowSeconds = Math.floor(Date.now() / 1000),
): MediaGrant | null {
  const [payload, given, extra] = (value ?? '').split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 4) return null;
  const [accountId, sessionId, tenantId, expires] = parts as unknown[];
  if (typeof accountId !== 'string' || typeof sessionId !== 'string' || typeof tenantId !== 'string')
    return null;
  if (typeof expires !== 'number' || !Number.isInteger(expires) || expires < nowSeconds) return null;
  return { accountId, sessionId, tenantId, expires };
}

/** `HttpOnly` (no script reads it), `Secure`, `SameSite=Strict` (no other site's page sends it), host-only. */
export function mediaCookie(value: string, maxAgeSeconds: number): string {
  return `${MEDIA_COOKIE}=${value}; Path=${CONSOLE_MEDIA_PATH}/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;
}

/** A cookie of the request by name (null without). */
export function readCookie(req: { headers: { cookie?: string } }, name: string): string | null {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}
