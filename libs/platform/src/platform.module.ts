import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions, MixedList } from 'typeorm';
import { APP_CONFIG, AppConfig, loadAppConfig } from './config/app-config';
import { DatabaseBootstrapService } from './database/database-bootstrap.service';
import { runMigrationsLocked } from './database/migration-runner';
import { PortalDataSource } from './database/portal-data-source';
import { ReplicaMonitor } from './database/replica-monitor.service';
import { TransactionRunner } from './database/transaction-runner.service';
import { ScopedRepositoryFactory } from './database/scoped-repository';
import { UnscopedReads } from './database/unscoped-reads.repository';
import { PgNotifications } from './database/pg-notifications.service';
import { JobQueue } from './jobs/job-queue.service';
import { IdempotencyService } from './idempotency/idempotency.service';
import { platformLogger } from './observability/platform-logger';
import { TypeOrmPinoLogger } from './observability/typeorm-pino-logger';

export interface PlatformModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  config?: AppConfig;
  /**
   * Send anonymous reads to DATABASE_REPLICA_URLS (the api). The worker and the CLI leave it off:
   * jobs, migrations, backups and every command work on the primary only.
   */
  readReplicas?: boolean;
}

/** Configuration, the database (bundled or external, migrated at start-up) and transactions. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const config = options.config ?? loadAppConfig();
    const configProvider = { provide: APP_CONFIG, useValue: config };
    const replicaUrls = options.readReplicas ? config.databaseReplicas.urls : [];
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [PlatformBootstrapModule.register(configProvider)],
          inject: [DatabaseBootstrapService],
          useFactory: async (boot: DatabaseBootstrapService) => {
            const url = await boot.connectionUrl();
            return {
              type: 'postgres' as const,
              // `url` stays the primary's: the LISTEN connection and pg-boss read it.
              url,
              // Reads go to a replica only where PortalDataSource routes them (anonymous reads);
              // TypeORM's own default would send every SELECT of every caller there.
              ...(replicaUrls.length
                ? {
                    replication: {
                      master: { url },
                      slaves: replicaUrls.map((replica) => ({ url: replica })),
                      defaultMode: 'master' as const,
                    },
                  }
                : {}),
              entities: options.entities,
              migrations: options.migrations,
              migrationsRun: false,
              synchronize: false,
              // SQL at LOG_LEVEL=debug, failed queries at warn, as JSON lines (never the parameters).
              logger: new TypeOrmPinoLogger(platformLogger(config)),
              extra: { max: Number(process.env.DB_POOL_SIZE ?? 10), application_name: 'portal' },
            };
          },
          dataSourceFactory: async (dsOptions?: DataSourceOptions) => {
            const dataSource = await new PortalDataSource(dsOptions!, config.databaseReplicas).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [
        configProvider,
        TransactionRunner,
        ScopedRepositoryFactory,
        UnscopedReads,
        PgNotifications,
        JobQueue,
        ReplicaMonitor,
        IdempotencyService,
      ],
      exports: [
        APP_CONFIG,
        TransactionRunner,
        ScopedRepositoryFactory,
        UnscopedReads,
        PgNotifications,
        JobQueue,
        ReplicaMonitor,
        IdempotencyService,
      ],
    };
  }
}

@Module({})
class PlatformBootstrapModule {
  static register(configProvider: { provide: symbol; useValue: AppConfig }): DynamicModule {
    return {
      module: PlatformBootstrapModule,
      providers: [configProvider, DatabaseBootstrapService],
      exports: [DatabaseBootstrapService, APP_CONFIG],
    };
  }
}
