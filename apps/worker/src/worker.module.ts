import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@portal/audit';
import { AppConfig, PlatformModule } from '@portal/platform';
import { TenancyModule } from '@portal/tenancy';
import { ENTITIES, MIGRATIONS } from '../../api/src/composition';

/**
 * The background process: the same libs as the api without HTTP. It migrates on start and keeps
 * the tenant map fresh; the job runner (scheduled publishing, deadline reminders, syndication
 * fan-out) registers here as those libs arrive.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ entities: ENTITIES, migrations: MIGRATIONS, config }),
        AuditModule,
        TenancyModule,
      ],
    };
  }
}
