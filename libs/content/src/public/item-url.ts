import type { AppConfig } from '@portal/platform';
import { devHostFor } from '@portal/tenancy';

/** What a public item needs to know about portals: their names and addresses. */
export interface PortalLookup {
  tenant(id: string): { id: string; primaryHost: string; nameVi: string; nameEn: string | null } | null;
}

/** Maps a portal's primary host to the origin (scheme, host, port) its links are written with. */
export type OriginOf = (primaryHost: string) => string;

export const httpsOrigin: OriginOf = (host) => `https://${host}`;

/**
 * The origins for links in an answer to this request: `https://<primary host>`, or, when the request
 * came through a development alias (`hochiminhcity.localhost:3000`), every portal's alias with the
 * scheme and port of the request, so that links read locally stay local.
 */
export function originsFor(
  req: { headers: { host?: string }; protocol: string },
  config: Pick<AppConfig, 'devHostSuffix' | 'publicSuffixes'>,
): OriginOf {
  const suffix = config.devHostSuffix;
  const [, name, port] = /^([^:]*)(?::(\d+))?$/.exec(String(req.headers.host ?? '').toLowerCase()) ?? [];
  if (!suffix || !name || !(name === suffix || name.endsWith(`.${suffix}`))) return httpsOrigin;
  return (host) =>
    `${req.protocol}://${devHostFor(host, suffix, config.publicSuffixes) ?? host}${port ? `:${port}` : ''}`;
}

/** The public address of an item on a portal (its print view, which every item has). */
export function publicItemUrl(
  host: string,
  language: string,
  slug: string,
  origin: OriginOf = httpsOrigin,
): string {
  return `${origin(host)}${language === 'en' ? '/en' : ''}/print/${slug}`;
}
