import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AddressAllowList, AppConfig } from '@portal/platform';

const METRICS_PATH = /^(?:\/en)?\/metrics(?:\?|$)/;
const CREDENTIAL_KEY = 'portalMetricsCredential';

/**
 * Headers that name the client a proxy relayed for: every `*-forwarded-for`, `Forwarded`, and the
 * `*client-ip`, `*connecting-ip`, `*real-ip`, `*originating-ip` family used by CDNs and balancers.
 */
const RELAY_HEADER =
  /^(?:forwarded|(?:[a-z-]*-)?forwarded-for|[a-z-]*client-?ip|[a-z-]*connecting-ip|[a-z-]*real-ip|[a-z-]*originating-ip|[a-z-]*remote-addr(?:ess)?)$/i;

/** The addresses a relay header's value names (a bare token that is no address stays as it is). */
function relayedAddresses(name: string, value: string): string[] {
  const parts =
    name.toLowerCase() === 'forwarded'
      ? value
          .split(/[,;]/)
          .map((pair) => /^\s*for\s*=\s*(.*)$/i.exec(pair)?.[1])
          .filter((v): v is string => v !== undefined)
      : value.split(',');
  return parts.map((part) => {
    const text = part.trim().replace(/^"|"$/g, '');
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
    if (bracketed) return bracketed[1];
    const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
    return v4WithPort ? v4WithPort[1] : text;
  });
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Who may read GET /metrics: a direct connection from a network in METRICS_ALLOW (loopback by
 * default) that was not relayed for anyone outside those networks, or anyone presenting
 * `Authorization: Bearer <METRICS_TOKEN>`. Everyone else gets the same 404 as an unknown path.
 *
 * The address checked is the TCP peer's, not X-Forwarded-For (which the client writes), and a
 * request carrying any header by which a proxy or CDN names the client it relays for (Forwarded,
 * X-Forwarded-For, X-Real-IP, True-Client-IP, CF-Connecting-IP, X-Client-IP, …: `RELAY_HEADER`)
 * must name only allowed addresses in all of them: an nginx or a CDN agent on the same machine
 * relays the public's requests from 127.0.0.1, and those must not pass. A relay header that names
 * no address this process can read (`for=unknown`, an obfuscated name) closes it too.
 */
@Injectable()
export class MetricsAccess {
  private readonly networks: AddressAllowList;
  private readonly token: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.networks = new AddressAllowList(config.metricsAllow, 'METRICS_ALLOW');
    if (config.metricsToken !== null && config.metricsToken.length < 24)
      throw new Error('Configuration METRICS_TOKEN must be at least 24 characters');
    this.token = config.metricsToken ? digest(config.metricsToken) : null;
  }

  /**
   * The metrics token is not a portal access token: taken off a /metrics request at the edge, so
   * the access guard does not try to read it as a JWT (and refuse it).
   */
  takeCredential(req: IncomingMessage): void {
    if (!req.headers.authorization || !METRICS_PATH.test(req.url ?? '')) return;
    (req as unknown as Record<string, unknown>)[CREDENTIAL_KEY] = req.headers.authorization;
    delete req.headers.authorization;
  }

  allows(req: IncomingMessage): boolean {
    const credential = (req as unknown as Record<string, unknown>)[CREDENTIAL_KEY];
    const bearer = typeof credential === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(credential)?.[1] : undefined;
    if (this.token && bearer && timingSafeEqual(digest(bearer), this.token)) return true;
    if (!this.networks.allows(req.socket.remoteAddress)) return false;
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i];
      if (!RELAY_HEADER.test(name)) continue;
      const addresses = relayedAddresses(name, req.rawHeaders[i + 1]);
      if (!addresses.length || !addresses.every((address) => this.networks.allows(address))) return false;
    }
    return true;
  }
}
