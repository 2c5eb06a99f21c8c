import { join } from 'node:path';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres.server';

/** The database the platform is configured for, reachable until `close`. */
export interface DatabaseHandle {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * DATABASE_URL, or the bundled server with the same folder, port and database name as
 * DatabaseBootstrapService. The app is not booted: that would run migrations, and a backup must
 * capture the database as it is, a restore must find it as it is.
 */
export async function openConfiguredDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: join(config.dataDir, 'postgres'),
    port: config.embeddedPgPort,
    database: 'portal',
  });
  return { url: embedded.url, close: () => embedded.stop() };
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'portal-backup' });
  await client.connect();
  return client;
}

// Schemas PostgreSQL owns: pg_catalog, pg_toast, pg_temp_N (users cannot create `pg_` names).
const USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
const NOT_FROM_EXTENSION = (catalog: string, alias: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${alias}.oid AND d.deptype = 'e')`;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `15.18` (without a distribution suffix such as ` (Debian 15.18-1)`). */
export async function serverVersion(client: Client): Promise<string> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return /^\d+(\.\d+)*/.exec(rows[0].v)?.[0] ?? rows[0].v;
}

export async function databaseName(client: Client): Promise<string> {
  const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
  return rows[0].name;
}

export async function databaseSize(client: Client): Promise<number> {
  const { rows } = await client.query<{ size: string }>(
    'SELECT pg_database_size(current_database()) AS size',
  );
  return Number(rows[0].size);
}

/**
 * Tables holding rows, as `schema.table`: the app's (public) and the job queue's (pgboss). A
 * partitioned table is counted through its parent, and extensions' own tables are left out.
 */
export async function listTables(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA}
        AND ${NOT_FROM_EXTENSION('pg_class', 'c')}
      ORDER BY 1, 2`,
  );
  return rows.map((r) => `${r.schema}.${r.name}`);
}

export async function countRows(client: Client, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [schema, ...rest] = table.split('.');
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(rest.join('.'))}`,
    );
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

/** Names of the TypeORM migrations run on this database, in order; null without the table. */
export async function appliedMigrations(client: Client): Promise<string[] | null> {
  const { rows: found } = await client.query<{ t: string | null }>(
    "SELECT to_regclass('public.migrations')::text AS t",
  );
  if (!found[0].t) return null;
  const { rows } = await client.query<{ name: string }>('SELECT name FROM public.migrations ORDER BY id');
  return rows.map((r) => r.name);
}

/** What a database holds besides what PostgreSQL itself creates; all zero for a new database. */
export interface UserObjects {
  relations: number;
  types: number;
  functions: number;
  extensions: string[];
  schemas: string[];
}

export async function userObjects(client: Client): Promise<UserObjects> {
  const { rows } = await client.query<UserObjects>(
    `SELECT
       (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE ${USER_SCHEMA} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')) AS relations,
       (SELECT count(*)::int FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE ${USER_SCHEMA} AND t.typtype IN ('e', 'd', 'r') AND ${NOT_FROM_EXTENSION('pg_type', 't')}) AS types,
       (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE ${USER_SCHEMA} AND ${NOT_FROM_EXTENSION('pg_proc', 'p')}) AS functions,
       (SELECT coalesce(array_agg(extname::text ORDER BY extname), '{}') FROM pg_extension
         WHERE extname <> 'plpgsql') AS extensions,
       (SELECT coalesce(array_agg(n.nspname::text ORDER BY n.nspname), '{}') FROM pg_namespace n
         WHERE ${USER_SCHEMA} AND n.nspname <> 'public') AS schemas`,
  );
  return rows[0];
}

export function isEmpty(objects: UserObjects): boolean {
  return (
    objects.relations + objects.types + objects.functions === 0 &&
    objects.extensions.length === 0 &&
    objects.schemas.length === 0
  );
}

/** Client sessions on this database other than ours (autovacuum and the like do not count). */
export async function otherSessions(client: Client): Promise<{ count: number; applications: string[] }> {
  const { rows } = await client.query<{ n: number; apps: string[] }>(
    `SELECT count(*)::int AS n,
            coalesce(array_agg(DISTINCT nullif(application_name, '')) FILTER (WHERE application_name <> ''), '{}') AS apps
       FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  return { count: rows[0].n, applications: rows[0].apps };
}

/**
 * Empties the database in one transaction: every schema that is not PostgreSQL's own is dropped
 * with all it holds (tables, functions, the extensions installed in it, the pgboss queue), then
 * `public` is recreated exactly as PostgreSQL ≥ 15 creates it, since pg_dump assumes it exists.
 * Unlike `pg_restore --clean`, nothing a newer migration added survives next to the restored
 * schema; unlike DROP DATABASE, it needs no CREATEDB right, keeps the database's own settings, and
 * works for a database owner who is not a superuser.
 */
export async function dropEverything(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMA} ORDER BY 1`,
  );
  await client.query('BEGIN');
  try {
    for (const { name } of rows) await client.query(`DROP SCHEMA ${quoteIdent(name)} CASCADE`);
    await client.query('CREATE SCHEMA public AUTHORIZATION pg_database_owner');
    await client.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
    await client.query(`COMMENT ON SCHEMA public IS 'standard public schema'`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return rows.map((r) => r.name);
}
