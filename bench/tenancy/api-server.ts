import { loadAppConfig } from '../../libs/platform/src';
import { createApiApp } from '../../apps/api/src/create-app';

/** The api as deployed, in its own process, against the benchmark database. */
async function main(): Promise<void> {
  const config = loadAppConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'b'.repeat(48),
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`READY ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

main().catch((e) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
