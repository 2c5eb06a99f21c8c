import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadAppConfig } from '@portal/platform';
import { AppModule } from './app.module';
import { AnonymousResponseCache } from './http/anonymous-response-cache';
import { installEnglishPrefix } from './http/english-prefix';

/** Builds the api application (used by main, the tests and the benchmarks). */
export async function createApiApp(config: AppConfig = loadAppConfig()): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger:
      config.logLevel === 'debug'
        ? ['debug', 'log', 'warn', 'error']
        : config.logLevel === 'info'
          ? ['log', 'warn', 'error']
          : config.logLevel === 'warn'
            ? ['warn', 'error']
            : ['error'],
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  app.get(AnonymousResponseCache).install(app.getHttpServer());
  installEnglishPrefix(app.getHttpServer());
  return app;
}
