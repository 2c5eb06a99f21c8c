/** A host as the platform compares it: lowercase, no port, no trailing dot. */
export function normalizeHost(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return null; // IPv6 literals never name a portal
  const colon = host.lastIndexOf(':');
  if (colon !== -1) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.length > 0 && host.length <= 253 ? host : null;
}

export const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function isValidHostname(host: string): boolean {
  return HOSTNAME_PATTERN.test(host);
}

/**
 * Candidate production hosts for a development host: `x.hochiminhcity.localhost` stands for
 * `x.hochiminhcity.gov.vn` when `localhost` is the development suffix and `gov.vn` a public one.
 */
export function productionHostsFor(
  host: string,
  devSuffix: string,
  publicSuffixes: readonly string[],
): string[] {
  if (!devSuffix || !host.endsWith(`.${devSuffix}`)) return [];
  const stem = host.slice(0, host.length - devSuffix.length);
  return publicSuffixes.map((suffix) => `${stem}${suffix}`);
}

/** The development form of a production host (inverse of productionHostsFor). */
export function devHostFor(
  host: string,
  devSuffix: string,
  publicSuffixes: readonly string[],
): string | null {
  if (!devSuffix) return null;
  for (const suffix of publicSuffixes) {
    if (host.endsWith(`.${suffix}`)) return `${host.slice(0, host.length - suffix.length)}${devSuffix}`;
  }
  return null;
}
