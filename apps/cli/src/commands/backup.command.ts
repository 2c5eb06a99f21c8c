import { resolve } from 'node:path';
import { Command } from 'commander';
import { DatabaseError } from 'pg';
import { BlobStore, LocalDiskBlobStore, S3BlobStore, blobKey, createBlobStore } from '@portal/content';
import {
  AppConfig,
  BackupManifest,
  BackupRefusal,
  BlobSink,
  BlobSource,
  DatabaseHandle,
  appPackage,
  assertSourceReadable,
  assertTargetFree,
  createBackup,
  loadAppConfig,
  openConfiguredDatabase,
  restoreBackup,
} from '@portal/platform';
import { MIGRATIONS } from '@portal/composition';
import { CliError } from '../cli-context';

/**
 * `portal backup <folder|file.tar>` and `portal restore <folder|file.tar> [--force]`: the database
 * (pg_dump / pg_restore, PG_DUMP and PG_RESTORE override the tools on the PATH) and the local
 * attachment store, with a manifest a restore verifies against. Neither boots the app: a backup
 * must not migrate the database it copies, and a restore must find the database as it is.
 */

// PostgreSQL errors an operator fixes: unknown database, refused login, missing rights.
const USER_SQLSTATES = new Set(['3D000', '28000', '28P01', '42501']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

function asCliError(error: unknown): unknown {
  if (error instanceof BackupRefusal) return new CliError(error.message);
  if (error instanceof DatabaseError && error.code && USER_SQLSTATES.has(error.code))
    return new CliError(`database: ${error.message}`);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && UNREACHABLE.has(code))
    return new CliError(`cannot reach the database (${code}): check DATABASE_URL or EMBEDDED_PG_PORT`);
  return error;
}

interface Environment {
  config: AppConfig;
  store: BlobStore;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The configured database (started when bundled) and attachment store, without the app. */
async function openEnvironment(): Promise<Environment> {
  let config: AppConfig;
  let store: BlobStore;
  try {
    config = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
    store = createBlobStore(process.env, config.dataDir);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const database = await openConfiguredDatabase(config);
  return {
    config,
    store,
    database,
    async close() {
      if (store instanceof S3BlobStore) store.onModuleDestroy();
      await database.close();
    },
  };
}

/**
 * Runs `work` with the environment open, mapping refusals to exit code 1. `precheck` runs first,
 * so that a mistyped path does not start the bundled server for nothing.
 */
async function withEnvironment<T>(
  precheck: () => Promise<void>,
  work: (env: Environment) => Promise<T>,
): Promise<T> {
  try {
    await precheck();
    const env = await openEnvironment();
    try {
      return await work(env);
    } finally {
      await env.close();
    }
  } catch (e) {
    throw asCliError(e);
  }
}

function blobSource(store: BlobStore): BlobSource {
  if (store instanceof LocalDiskBlobStore) return { kind: 'local', root: store.root };
  const bucket = process.env.S3_BUCKET?.trim();
  return { kind: 'remote', description: `the S3 bucket "${bucket}"` };
}

function blobSink(store: BlobStore): BlobSink {
  return {
    has: (sha256) => store.has(blobKey(sha256)),
    put: (sha256, stream, size) => store.put(blobKey(sha256), stream, size),
  };
}

const progress = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

function manifestSummary(m: BackupManifest): string {
  const db = m.database;
  const files =
    m.blobs.store === 'local'
      ? `${count(m.blobs.count)} attachment files (${count(m.blobs.bytes)} bytes)`
      : 'attachment files not included (remote store)';
  return (
    `database "${db.name}" (PostgreSQL ${db.serverVersion}, ${db.migrations.length} migrations): ` +
    `${Object.keys(db.tables).length} tables, ${count(db.totalRows)} rows, dump ${count(db.dump.bytes)} bytes; ${files}`
  );
}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'back up the database (pg_dump) and the attachment files into a new folder, or a file ending in .tar',
    )
    .argument('<target>', 'a folder that does not exist yet (or is empty), or a new .tar file')
    .action(async (target: string) => {
      const started = Date.now();
      const result = await withEnvironment(
        () => assertTargetFree(resolve(target)),
        ({ store, database }) =>
          createBackup({
            target,
            databaseUrl: database.url,
            blobs: blobSource(store),
            app: appPackage(__dirname),
            env: process.env,
            progress,
          }),
      );
      if (result.manifest.blobs.note) progress(`note: ${result.manifest.blobs.note}`);
      if (result.stray.length)
        progress(`ignored ${result.stray.length} file(s) in the attachment store that are not blobs`);
      process.stdout.write(
        `backup written to ${result.target} in ${seconds(started)}\n  ${manifestSummary(result.manifest)}\n` +
          `  database.dump sha256 ${result.manifest.database.dump.sha256}\n`,
      );
      if (result.leftOut.length)
        throw new CliError(
          `${result.leftOut.length} attachment file(s) in the store do not match their sha256 and were left out: ` +
            result.leftOut.join(', '),
        );
    });
}

/** Migrations this build knows, by the name TypeORM records. */
function knownMigrations(): string[] {
  return MIGRATIONS.map((M) => (new M() as { name?: string }).name ?? M.name);
}

function migrationNotes(manifest: BackupManifest): string[] {
  const known = knownMigrations();
  const restored = new Set(manifest.database.migrations);
  const unknown = manifest.database.migrations.filter((m) => !known.includes(m));
  const pending = known.filter((m) => !restored.has(m));
  return [
    ...(unknown.length
      ? [
          `warning: the backup has ${unknown.length} migration(s) this version does not know: ${unknown.join(', ')}`,
        ]
      : []),
    ...(pending.length ? [`${pending.length} newer migration(s) will run when the api next starts`] : []),
  ];
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('restore a backup made by `portal backup` into the configured database and attachment store')
    .argument('<source>', 'a backup folder or .tar file')
    .option('--force', 'replace a database that is not empty (every schema in it is dropped first)')
    .action(async (source: string, options: { force?: boolean }) => {
      const started = Date.now();
      const result = await withEnvironment(
        () => assertSourceReadable(resolve(source)),
        ({ store, database }) =>
          restoreBackup({
            source,
            databaseUrl: database.url,
            blobs: blobSink(store),
            force: options.force === true,
            env: process.env,
            progress,
          }),
      );
      const m = result.manifest;
      const width = Math.max(...Object.keys(result.tables).map((t) => t.length));
      const lines = [
        `restored the backup of ${m.createdAt} (${m.app.name} ${m.app.version}) into database "${result.database}" ` +
          `(PostgreSQL ${result.serverVersion}) in ${seconds(started)}`,
        `last migration: ${m.database.lastMigration ?? 'none'}`,
        'rows per table (equal to the manifest):',
        ...Object.entries(result.tables).map(([t, n]) => `  ${t.padEnd(width)}  ${count(n).padStart(9)}`),
        `  ${Object.keys(result.tables).length} tables, ${count(m.database.totalRows)} rows`,
        m.blobs.store === 'local'
          ? `attachment files: ${count(m.blobs.count)} (${count(m.blobs.bytes)} bytes), ` +
            `${count(result.blobs.written)} written, ${count(result.blobs.present)} already in the store`
          : `attachment files: not in this backup (${m.blobs.note ?? 'remote store'})`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      for (const note of migrationNotes(m)) progress(note);
    });
}
