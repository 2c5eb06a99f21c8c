import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, PinoNestLogger, loadAppConfig, platformLogger } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { SITE_CACHED_PATHS, SiteVisitsService } from '@portal/site';
import { AppModule } from './app.module';
import { AnonymousResponseCache } from './http/anonymous-response-cache';
import { installEnglishPrefix } from './http/english-prefix';
import { installErrorPages } from './http/error-pages';
import { installHttpSecurity } from './security/http-security';
import { StorableTextPipe } from './security/storable-text.pipe';
import { RequestObserver } from './observability/request-observer';

/** Builds the api application (used by main, the tests and the benchmarks). */
export async function createApiApp(config: AppConfig = loadAppConfig()): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(platformLogger(config)),
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Express's own error pages show stacks unless its env is production (it reads NODE_ENV otherwise).
  app.set('env', config.env === 'production' ? 'production' : 'development');
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(new StorableTextPipe()); // no argument brings NUL or a lone surrogate to SQL
  app.enableShutdownHooks();
  const cache = app.get(AnonymousResponseCache);
  // Public pages and feeds are answered from the cache like GraphQL reads (invalidated on publish),
  // and served stale while the database is away.
  cache.cacheGetPaths(...SITE_CACHED_PATHS, /^\/feeds\//);
  cache.install(app.getHttpServer());
  // Page views are counted outside the cache, so that a cached page counts too.
  app.get(SiteVisitsService).install(app.getHttpServer());
  installEnglishPrefix(app.getHttpServer());
  installHttpSecurity(app.getHttpServer(), config, app.get(HostRoutingService)); // headers, CORS, 415
  installErrorPages(app.getHttpServer()); // errors: bilingual HTML for browsers, JSON for API clients
  app.get(RequestObserver).install(app.getHttpServer()); // outermost: logs and times every request
  return app;
}
