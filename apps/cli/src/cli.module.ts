import { DynamicModule, Module } from '@nestjs/common';
import { DOMAIN_MODULES, DemoSeeder, ENTITIES, MIGRATIONS } from '@portal/composition';
import { AppConfig, PlatformModule } from '@portal/platform';

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
        ...DOMAIN_MODULES,
      ],
      providers: [DemoSeeder],
    };
  }
}
