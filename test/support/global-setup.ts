import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import PgBoss from 'pg-boss';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.server';
import { runMigrationsLocked } from '../../libs/platform/src/database/migration-runner';
import { MIGRATIONS } from '../../libs/composition/src/migration-list';
import { freePort } from './waiting';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when given (CI services), otherwise the bundled
 * server in a temporary folder. A template database is migrated once; each test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  // Global set-up runs in jest's own realm, and jest copies that realm's globals into every test
  // file's. If the migrations pulled in the GraphQL layer (a migration importing a lib's index),
  // its metadata store would land there and leak from one test file into the next, and the second
  // app in a process fails to build its schema. Migrations import only typeorm and import-free files.
  const leaked = Object.keys(globalThis).filter((k) => k.startsWith('Gql'));
  if (leaked.length > 0)
    throw new Error(`Migrations loaded the GraphQL layer into the test runner (${leaked.join(', ')}).`);
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'portal-test-pg-'));
    const handle = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port: await freePort(),
      database: 'postgres',
    });
    (globalThis as { __PORTAL_PG__?: unknown }).__PORTAL_PG__ = handle;
    process.env.TEST_PG_DATA_PARENT = dir;
    adminUrl = handle.url;
  }
  const template = `portal_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const dataSource = await new DataSource({
    type: 'postgres',
    url: withDatabase(adminUrl, template),
    entities: [],
    migrations: MIGRATIONS,
  }).initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  // The job queue's own schema, installed once in the template so that every clone starts with it.
  const boss = new PgBoss({ connectionString: withDatabase(adminUrl, template), schema: 'pgboss' });
  await boss.start();
  await boss.stop();
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = template;
}
