import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

type Handler = (payload: string) => void;

/**
 * One LISTEN connection per process, shared by every lib that reacts to changes made by any
 * instance (the tenant map, caches of published content). After a lost connection it reconnects and
 * calls each channel's handlers with an empty payload, since notifications sent meanwhile are gone.
 */
@Injectable()
export class PgNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger('PgNotifications');
  private readonly handlers = new Map<string, Set<Handler>>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Subscribes to a channel; resolves once the LISTEN is in place. */
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.ensureConnected();
      await this.client?.query(`LISTEN ${channel}`);
    }
    set.add(handler);
    return () => set!.delete(handler);
  }

  /**
   * Runs this process's handlers at once, for a change it just committed: its own readers must not
   * wait for the NOTIFY's round trip (which still arrives, and reaches the other instances).
   */
  emitLocal(channel: string, payload: string): void {
    this.handlers.get(channel)?.forEach((h) => h(payload));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url, application_name: 'portal-listener' });
    client.on('notification', (n) => this.handlers.get(n.channel)?.forEach((h) => h(n.payload ?? '')));
    client.on('error', (e) => {
      this.logger.warn(`listener lost its connection: ${e.message}`);
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private reconnect(lost: Client): void {
    if (this.stopped || this.client !== lost) return;
    this.client = null;
    const attempt = (delay: number) =>
      setTimeout(() => {
        if (this.stopped) return;
        this.ensureConnected()
          .then(() => this.handlers.forEach((set) => set.forEach((h) => h(''))))
          .catch(() => attempt(Math.min(delay * 2, 10_000)));
      }, delay).unref();
    attempt(250);
  }
}
