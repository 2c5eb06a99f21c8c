import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, loadAppConfig, systemContext } from '../../libs/platform/src';
import { HostRoutingService, ManifestApplyService, parseTenantManifest } from '../../libs/tenancy/src';
import { AccountService } from '../../libs/identity/src';
import { CliModule } from '../../apps/cli/src/cli.module';
import type { NationalTree } from '../tenancy/national-tree';

/** The configuration a benchmark seeds with: production mode, no demo, no jobs. */
export function benchConfig(url: string): AppConfig {
  return loadAppConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'b'.repeat(48),
    DATABASE_URL: url,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
  });
}

/** An application context (no HTTP) on the benchmark's database, for seeding. */
export function seedingContext(url: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.forRoot(benchConfig(url)), { logger: ['error'] });
}

/** Applies a generated tree's manifests, as `portal tenants apply` does, and reloads the host map. */
export async function applyTree(
  app: INestApplicationContext,
  tree: NationalTree,
): Promise<HostRoutingService> {
  const ctx = systemContext('bench');
  for (const m of tree.manifests) {
    const parsed = parseTenantManifest(m.yaml);
    if (!parsed.ok) throw new Error(`bad manifest ${m.name}: ${JSON.stringify(parsed.issues)}`);
    await app.get(ManifestApplyService).apply(ctx, parsed.manifest);
  }
  const routing = app.get(HostRoutingService);
  await routing.reload();
  return routing;
}

/** An account homed on the portal at `host`; returns its id. */
export async function benchAccount(
  app: INestApplicationContext,
  host: string,
  account: { username: string; displayName: string; password: string; platformAdmin?: boolean },
): Promise<string> {
  const home = app.get(HostRoutingService).resolve(host);
  if (home.type !== 'serve') throw new Error(`no portal on ${host}`);
  const created = await app.get(AccountService).create(
    systemContext('bench'),
    {
      tenantId: home.tenant.id,
      username: account.username,
      displayName: account.displayName,
      password: account.password,
    },
    { platformAdmin: account.platformAdmin ?? false },
  );
  if (!created.ok) throw new Error(created.error.text.en);
  return created.value.id;
}

/**
 * `bench_sections` (temporary, on this connection pool's session): every portal's news section
 * numbered 0…n-1 in tree order, with its host; items are spread over it by `g % n`. Returns n.
 */
export async function newsSections(ds: DataSource): Promise<number> {
  await ds.query(`CREATE TEMP TABLE bench_sections AS
    SELECT row_number() OVER (ORDER BY t.path) - 1 AS n, t.id AS tenant_id, c.id AS category_id, t.primary_host::text AS host
      FROM tenants t JOIN categories c ON c.tenant_id = t.id AND c.slug = 'tin-tuc-su-kien' AND c.parent_id IS NULL`);
  const [{ sections }] = await ds.query('SELECT count(*)::int AS sections FROM bench_sections');
  return sections;
}
