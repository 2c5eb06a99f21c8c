import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { AuditModule } from '@portal/audit';
import { CalendarModule } from '@portal/calendar';
import { IdentityModule } from '@portal/identity';
import { AppConfig, PlatformModule } from '@portal/platform';
import { TenancyModule } from '@portal/tenancy';
import { ENTITIES, MIGRATIONS } from '../../api/src/composition';
import { DemoSeeder } from '../../api/src/demo/demo-seeder';

/** The libs without HTTP or GraphQL: what the `portal` command needs. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PlatformModule.forRoot({ entities: ENTITIES, migrations: MIGRATIONS, config }),
        AuditModule,
        TenancyModule,
        IdentityModule,
        AccessModule,
        CalendarModule,
      ],
      providers: [DemoSeeder],
    };
  }
}
