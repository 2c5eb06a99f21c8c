import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { AuditModule } from '@portal/audit';
import { CalendarModule } from '@portal/calendar';
import { ContentModule } from '@portal/content';
import { EditorialModule } from '@portal/editorial';
import { FederationModule } from '@portal/federation';
import { EngagementModule } from '@portal/engagement';
import { ReportingModule } from '@portal/reporting';
import { RoyaltiesModule } from '@portal/royalties';
import { IdentityModule } from '@portal/identity';
import { AppConfig, PlatformModule } from '@portal/platform';
import { TenancyModule } from '@portal/tenancy';
import { ENTITIES, MIGRATIONS } from '../../api/src/composition';
import { ScheduledBackupsModule } from '../../api/src/backup/scheduled-backups.module';

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
        AuditModule,
        TenancyModule,
        IdentityModule,
        AccessModule,
        CalendarModule,
        ContentModule,
        EditorialModule,
        FederationModule,
        EngagementModule,
        ReportingModule,
        // Adds its sheet to the report files this process writes.
        RoyaltiesModule,
        ScheduledBackupsModule,
      ],
    };
  }
}
