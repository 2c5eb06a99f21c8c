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
import { DemoSeeder } from '../../api/src/demo/demo-seeder';

/**
 * The libs without HTTP or GraphQL: what the `portal` command needs. Content and editorial are here
 * because a merge re-homes their rows (their merge participants must be registered); the CLI works
 * no jobs.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PlatformModule.forRoot({
          entities: ENTITIES,
          migrations: MIGRATIONS,
          config: { ...config, runJobs: false },
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
        RoyaltiesModule,
      ],
      providers: [DemoSeeder],
    };
  }
}
