import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger, loadAppConfig, platformLogger } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(platformLogger(config)),
  });
  app.enableShutdownHooks();
  const routing = app.get(HostRoutingService);
  new Logger('Worker').log(`worker ready: ${routing.roots().length} portal tree(s); working the job queues`);
}

main().catch((error: Error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
