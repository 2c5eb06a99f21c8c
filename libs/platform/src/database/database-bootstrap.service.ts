import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres.server';

/**
 * Decides which PostgreSQL the platform talks to: DATABASE_URL when set, otherwise the bundled
 * server in the data folder, started on first use and stopped on shutdown.
 */
@Injectable()
export class DatabaseBootstrapService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded: EmbeddedPostgresHandle | null = null;
  private url: Promise<string> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  connectionUrl(): Promise<string> {
    this.url ??= this.resolveUrl();
    return this.url;
  }

  get isEmbedded(): boolean {
    return this.embedded !== null;
  }

  /** The bundled server's supervision (null with DATABASE_URL). */
  get embeddedServer(): EmbeddedPostgresHandle | null {
    return this.embedded;
  }

  /**
   * False when this process cannot get its database back by itself: the bundled server died and
   * could not be restarted. An orchestrator then restarts the process. With DATABASE_URL the pool
   * reconnects on its own, so the process stays live.
   */
  get canRecover(): boolean {
    return this.embedded?.state() !== 'failed';
  }

  private async resolveUrl(): Promise<string> {
    if (this.config.databaseUrl) return this.config.databaseUrl;
    const started = Date.now();
    this.embedded = await startEmbeddedPostgres({
      dataDir: `${this.config.dataDir}/postgres`,
      port: this.config.embeddedPgPort,
      database: 'portal',
      log: (level, line) =>
        level === 'error'
          ? this.logger.error(line)
          : level === 'warn'
            ? this.logger.warn(line)
            : this.logger.log(line),
    });
    this.logger.log(
      `bundled PostgreSQL ready on port ${this.config.embeddedPgPort} in ${Date.now() - started} ms`,
    );
    return this.embedded.url;
  }

  async stopEmbedded(): Promise<void> {
    const handle = this.embedded;
    this.embedded = null;
    if (handle) await handle.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    // The pool must close before the bundled server stops, whatever order Nest runs hooks in.
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource?.isInitialized) await dataSource.destroy();
    await this.stopEmbedded();
  }
}
