import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed download link opens the file. */
export const DOWNLOAD_LINK_SECONDS = 300;

export interface DownloadGrant {
  exportId: string;
  accountId: string;
  /** The portal whose host the link was issued through; it opens only there. */
  tenantId: string;
  /** Unix seconds after which the link is refused. */
  expires: number;
}

const signature = (secret: string, g: DownloadGrant) =>
  createHmac('sha256', secret)
    .update(`report-download:${g.exportId}:${g.accountId}:${g.tenantId}:${g.expires}`)
    .digest('base64url');

/**
 * A browser cannot send the bearer token a file download needs; this link carries a short-lived
 * grant for one export, its requester and the portal it was asked through, signed with the
 * server's secret.
 */
export function signedDownloadPath(secret: string, g: DownloadGrant): string {
  const query = new URLSearchParams({
    account: g.accountId,
    expires: String(g.expires),
    signature: signature(secret, g),
  });
  return `/reports/exports/${g.exportId}/download?${query}`;
}

/** The grant a link carries, when its signature holds and it has not expired; else null. */
export function verifyDownload(
  secret: string,
  exportId: string,
  tenantId: string,
  query: { account?: unknown; expires?: unknown; signature?: unknown },
  nowSeconds = Math.floor(Date.now() / 1000),
): DownloadGrant | null {
  const { account, expires, signature: given } = query;
  if (typeof account !== 'string' || typeof expires !== 'string' || typeof given !== 'string') return null;
  if (!/^\d{1,12}$/.test(expires) || Number(expires) < nowSeconds) return null;
  const grant: DownloadGrant = { exportId, accountId: account, tenantId, expires: Number(expires) };
  const expected = Buffer.from(signature(secret, grant));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? grant : null;
}
