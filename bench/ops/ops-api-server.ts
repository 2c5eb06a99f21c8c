import { loadAppConfig } from '../../libs/platform/src';
import { createApiApp } from '../../apps/api/src/create-app';

/**
 * The api as deployed (the same as bench/tenancy/api-server.ts), in its own process, listening on
 * BENCH_API_PORT (0: any free port) so that an instance killed by the `faults` benchmark comes back
 * on the address its load balancer knows. Prints `READY <port>`.
 */
async function main(): Promise<void> {
  const config = loadAppConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'b'.repeat(48),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    SEED_DEMO: 'false',
  });
  const app = await createApiApp(config);
  await app.listen(Number(process.env.BENCH_API_PORT ?? 0), '127.0.0.1');
  process.stdout.write(`READY ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

main().catch((e) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
