import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';

/**
 * TypeORM's messages as JSON lines: SQL at `debug` only, failed queries at `warn` (many are
 * expected and handled, e.g. unique violations), slow queries at `warn`. Query parameters are never
 * written: they carry password hashes, token hashes and personal data.
 */
export class TypeOrmPinoLogger implements TypeOrmLogger {
  private readonly logger: Logger;

  constructor(root: Logger) {
    this.logger = root.child({ context: 'TypeORM' });
  }

  logQuery(query: string): void {
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ query }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ query, error: error instanceof Error ? error.message : error }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query, durationMs: time }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    // A migration that ran is news; "no migrations are pending" on every start is not.
    if (/executed successfully|reverted/i.test(message)) this.logger.info(message);
    else this.logger.debug(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.logger[level === 'warn' ? 'warn' : 'info'](String(message));
  }
}
