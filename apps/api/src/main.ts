import { Logger } from '@nestjs/common';
import { loadAppConfig } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { createApiApp } from './create-app';
import { DemoContentSeeder, DemoSeeder } from '@portal/composition';
import { startupHints } from './startup-hints';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApiApp(config);
  const logger = new Logger('Portal');
  // Modules load what the seeders rely on (deadline and royalty profiles, the host map) when the
  // application initialises; `listen` would do it, but only after the seeding.
  await app.init();
  if (config.seedDemo) {
    await app.get(DemoSeeder).seedIfEmpty();
    // Published news, documents, questions and schedules on a few portals (what is missing only).
    await app.get(DemoContentSeeder).seed();
  }
  await app.listen(config.port);
  const routing = app.get(HostRoutingService);
  const city = routing.resolve('hochiminhcity.gov.vn');
  for (const hint of startupHints(config, city.type === 'serve')) logger.log(hint);
}

main().catch((error: Error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
