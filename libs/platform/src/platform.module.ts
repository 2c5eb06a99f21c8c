import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { APP_CONFIG, AppConfig, loadAppConfig } from './config/app-config';
import { DatabaseBootstrapService } from './database/database-bootstrap.service';
import { runMigrationsLocked } from './database/migration-runner';
import { TransactionRunner } from './database/transaction-runner.service';
import { ScopedRepositoryFactory } from './database/scoped-repository';
import { PgNotifications } from './database/pg-notifications.service';
import { JobQueue } from './jobs/job-queue.service';
import { platformLogger } from './observability/platform-logger';
import { TypeOrmPinoLogger } from './observability/typeorm-pino-logger';

export interface PlatformModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  config?: AppConfig;
}

/** Configuration, the database (bundled or external, migrated at start-up) and transactions. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const configProvider = { provide: APP_CONFIG, useValue: options.config ?? loadAppConfig() };
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [PlatformBootstrapModule.register(configProvider)],
          inject: [DatabaseBootstrapService, APP_CONFIG],
          useFactory: async (boot: DatabaseBootstrapService, config: AppConfig) => ({
            type: 'postgres' as const,
            url: await boot.connectionUrl(),
            entities: options.entities,
            migrations: options.migrations,
            migrationsRun: false,
            synchronize: false,
            // SQL at LOG_LEVEL=debug, failed queries at warn, as JSON lines (never the parameters).
            logger: new TypeOrmPinoLogger(platformLogger(config)),
            extra: { max: Number(process.env.DB_POOL_SIZE ?? 10), application_name: 'portal' },
          }),
          dataSourceFactory: async (dsOptions?: DataSourceOptions) => {
            const dataSource = await new DataSource(dsOptions!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [configProvider, TransactionRunner, ScopedRepositoryFactory, PgNotifications, JobQueue],
      exports: [APP_CONFIG, TransactionRunner, ScopedRepositoryFactory, PgNotifications, JobQueue],
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
