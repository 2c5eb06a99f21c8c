import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AddressAllowList, AppConfig } from '@portal/platform';

const METRICS_PATH = /^(?:\/en)?\/metrics(?:\?|$)/;
const CREDENTIAL_KEY = 'portalMetricsCredential';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Who may read GET /metrics: a direct connection from a network in METRICS_ALLOW (loopback by
 * default) that was not relayed for anyone outside those networks, or anyone presenting
 * `Authorization: Bearer <METRICS_TOKEN>`. Everyone else gets the same 404 as an unknown path.
 *
 * The address checked is the TCP peer's, not X-Forwarded-For (which the client writes), and a
 * request carrying X-Forwarded-For or X-Real-IP must name only allowed addresses too: an nginx
 * on the same machine relays the public's requests from 127.0.0.1, and those must not pass.
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
    const relayedFor = [req.headers['x-forwarded-for'], req.headers['x-real-ip']]
      .flat()
      .flatMap((value) => (value ? value.split(',') : []))
      .map((address) => address.trim());
    return relayedFor.every((address) => this.networks.allows(address));
  }
}
