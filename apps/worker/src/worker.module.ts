import { DynamicModule, Module } from '@nestjs/common';
import { DOMAIN_MODULES, ENTITIES, MIGRATIONS, ScheduledBackupsModule } from '@portal/composition';
import { AppConfig, PlatformModule } from '@portal/platform';

/**
 * The background process: the same libs as the api without HTTP. It migrates on start and works
 * the job queues the libs register (scheduled publishing and withdrawal, deadline reminders,
 * scheduled backups when BACKUP_DIR is set).
 * Run any number of them; set RUN_JOBS=false on the api instances when workers run separately.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({
          entities: ENTITIES,
          migrations: MIGRATIONS,
          config: { ...config, runJobs: true },
        }),
        ...DOMAIN_MODULES,
        ScheduledBackupsModule,
      ],
    };
  }
}
