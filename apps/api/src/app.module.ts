import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AccessModule } from '@portal/access';
import { AuditModule } from '@portal/audit';
import { CalendarModule } from '@portal/calendar';
import { AttachmentsModule, ContentModule, MediaModule } from '@portal/content';
import { EditorialModule } from '@portal/editorial';
import { FederationModule } from '@portal/federation';
import { EngagementModule } from '@portal/engagement';
import { ReportingModule } from '@portal/reporting';
import { RoyaltiesModule } from '@portal/royalties';
import { SiteModule } from '@portal/site';
import { IdentityModule } from '@portal/identity';
import { APP_FILTER } from '@nestjs/core';
import {
  AppConfig,
  CacheControlDirective,
  ServiceUnavailableFilter,
  PlatformModule,
  ReadScopeMiddleware,
  createGraphqlErrorFormatter,
  createUnexpectedErrorPlugin,
  tooManyRequestsPlugin,
} from '@portal/platform';
import { HostResolutionMiddleware, TenancyModule } from '@portal/tenancy';
import {
  DemoContentSeeder,
  DemoSeeder,
  ENTITIES,
  MIGRATIONS,
  ScheduledBackupsModule,
} from '@portal/composition';
import { HealthController } from './health/health.controller';
import { ConsoleAssetsController } from './console/console-assets.controller';
import { ConsoleMediaController } from './console/console-media.controller';
import { ConsoleSessionController } from './console/console-session.controller';
import { AnonymousResponseCache } from './http/anonymous-response-cache';
import { ApiObservabilityModule } from './observability/observability.module';

// Limits on every operation: a public endpoint must not let one query cost the database a fortune.
const MAX_TOKENS = 2000;
const armor = new ApolloArmor({
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  // The token limit is graphql-js's own (parseOptions below): armor's re-parses every document in a
  // plugin hook, where a syntax error or an exceeded limit became HTTP 500 instead of 400.
  maxTokens: { enabled: false },
  costLimit: { maxCost: 5000 },
  blockFieldSuggestion: { enabled: true },
}).protect();

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ entities: ENTITIES, migrations: MIGRATIONS, config, readReplicas: true }),
        AuditModule,
        TenancyModule,
        IdentityModule,
        AccessModule,
        CalendarModule,
        ContentModule,
        AttachmentsModule,
        MediaModule,
        EditorialModule,
        FederationModule,
        EngagementModule,
        ReportingModule,
        RoyaltiesModule,
        SiteModule,
        ApiObservabilityModule,
        ScheduledBackupsModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { directives: [CacheControlDirective] },
          introspection: config.graphqlIntrospection,
          playground: false,
          // CSRF is refused before Apollo instead: a GraphQL POST must be application/json (415
          // otherwise, apps/api/src/security/http-security.ts), GET runs queries only, and the api
          // reads bearer tokens, never cookies. Apollo's check would also refuse plain GET queries.
          csrfPrevention: false,
          parseOptions: { maxTokens: MAX_TOKENS },
          includeStacktraceInErrorResponses: config.env !== 'production',
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          formatError: createGraphqlErrorFormatter(config.env === 'production'),
          plugins: [
            ...(armor.plugins as never[]),
            tooManyRequestsPlugin as never,
            createUnexpectedErrorPlugin() as never,
          ],
          // Without this, Nest's driver resets every response that carries data to 200 after our
          // plugin ran, and a refused public write would not answer 429 with Retry-After.
          preserveHttpStatusForExecutionErrors: false,
          validationRules: [...armor.validationRules],
        }),
      ],
      // The media route before the console's catch-all client routes.
      controllers: [
        HealthController,
        ConsoleMediaController,
        ConsoleAssetsController,
        ConsoleSessionController,
      ],
      providers: [
        DemoSeeder,
        DemoContentSeeder,
        AnonymousResponseCache,
        { provide: APP_FILTER, useClass: ServiceUnavailableFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // First: every request runs in its read scope (on the primary until the access guard opens it).
    consumer.apply(ReadScopeMiddleware).forRoutes('{*path}');
    consumer.apply(HostResolutionMiddleware).exclude('health/{*path}', 'metrics').forRoutes('{*path}');
  }
}
