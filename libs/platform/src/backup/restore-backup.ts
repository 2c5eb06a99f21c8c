import { join, resolve } from 'node:path';
import type { Client } from 'pg';
import { openBackup } from './backup-archive';
import {
  appliedMigrations,
  connect,
  countRows,
  databaseName,
  dropEverything,
  isEmpty,
  listTables,
  otherSessions,
  serverVersion,
  userObjects,
  UserObjects,
} from './backup-database';
import { BLOBS_DIR, BackupManifest, DUMP_FILE, readManifest } from './backup-manifest';
import { BackupRefusal } from './backup-refusal';
import { BlobSink, hashFile, missingBlobs, putBlobs, verifyBlobs } from './blob-folder';
import { PgTool, assertToolFitsServer, findPgTool, majorOf, pgTarget, runPgTool } from './pg-tools';
import { ensureScopedRole, grantScopedRole } from '../migrations/1763800001400-row-level-security';

export interface RestoreBackupOptions {
  /** A backup folder or `.tar` file. */
  source: string;
  databaseUrl: string;
  /** The configured attachment store. */
  blobs: BlobSink;
  /** Replace a database that is not empty. */
  force: boolean;
  /** Where PG_RESTORE is looked up. */
  env: NodeJS.ProcessEnv;
  progress: (line: string) => void;
}

export interface RestoreBackupResult {
  manifest: BackupManifest;
  database: string;
  serverVersion: string;
  /** Rows per table after the restore (equal to the manifest's, or the restore fails). */
  tables: Record<string, number>;
  /** The schemas that were dropped to make room (with --force). */
  replaced: string[];
  blobs: { written: number; present: number };
}

function describeObjects(o: UserObjects): string {
  const parts = [
    o.relations ? `${o.relations} tables, views or sequences` : '',
    o.functions ? `${o.functions} functions` : '',
    o.extensions.length ? `extensions ${o.extensions.join(', ')}` : '',
    o.schemas.length ? `schemas ${o.schemas.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ') || 'user-defined types';
}

/** Everything about the backup that can be wrong is found before the database is touched. */
async function verifyBackup(dir: string, source: string, manifest: BackupManifest): Promise<void> {
  // The dump's name is fixed, never taken from the manifest: a manifest must not point elsewhere.
  const actual = await hashFile(join(dir, DUMP_FILE)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new BackupRefusal(`${source}: ${DUMP_FILE} is missing`);
    throw e;
  });
  if (actual.sha256 !== manifest.database.dump.sha256 || actual.bytes !== manifest.database.dump.bytes)
    throw new BackupRefusal(
      `${source}: ${DUMP_FILE} is damaged (sha256 ${actual.sha256}, ${actual.bytes} bytes; ` +
        `the manifest says ${manifest.database.dump.sha256}, ${manifest.database.dump.bytes} bytes)`,
    );
  const blobs = await verifyBlobs(join(dir, BLOBS_DIR));
  if (blobs.corrupt.length)
    throw new BackupRefusal(
      `${source}: ${blobs.corrupt.length} attachment file(s) do not match their sha256: ` +
        blobs.corrupt.map((p) => join(BLOBS_DIR, p)).join(', '),
    );
  if (blobs.count !== manifest.blobs.count || blobs.bytes !== manifest.blobs.bytes)
    throw new BackupRefusal(
      `${source}: ${BLOBS_DIR}/ holds ${blobs.count} files (${blobs.bytes} bytes); ` +
        `the manifest says ${manifest.blobs.count} (${manifest.blobs.bytes} bytes)`,
    );
}

/** Versions, other sessions, emptiness: refusals that leave the database as it was. */
async function checkTarget(
  client: Client,
  manifest: BackupManifest,
  pgRestore: PgTool,
  force: boolean,
): Promise<{ name: string; version: string; objects: UserObjects }> {
  const name = await databaseName(client);
  const version = await serverVersion(client);
  assertToolFitsServer(pgRestore, version);
  if (pgRestore.major < majorOf(manifest.database.dumpedWith))
    throw new BackupRefusal(
      `pg_restore ${pgRestore.version} (${pgRestore.path}) cannot read a dump made by pg_dump ${manifest.database.dumpedWith}: ` +
        `set PG_RESTORE to a pg_restore of version ${majorOf(manifest.database.dumpedWith)} or newer`,
    );
  if (majorOf(manifest.database.serverVersion) > majorOf(version))
    throw new BackupRefusal(
      `the backup comes from PostgreSQL ${manifest.database.serverVersion}; this server is ${version}: ` +
        `restore onto PostgreSQL ${majorOf(manifest.database.serverVersion)} or newer`,
    );
  const sessions = await otherSessions(client);
  if (sessions.count > 0)
    throw new BackupRefusal(
      `${sessions.count} other session(s) are connected to database "${name}"` +
        (sessions.applications.length ? ` (${sessions.applications.join(', ')})` : '') +
        ': stop the api and workers before restoring',
    );
  const objects = await userObjects(client);
  if (!isEmpty(objects) && !force)
    throw new BackupRefusal(
      `database "${name}" is not empty (${describeObjects(objects)}): restore into an empty database, ` +
        'or add --force to replace everything in it',
    );
  return { name, version, objects };
}

/** The restored database must hold what the manifest counted, table by table. */
async function verifyRestored(client: Client, manifest: BackupManifest): Promise<Record<string, number>> {
  const tables = await countRows(client, await listTables(client));
  const expected = manifest.database.tables;
  const names = new Set([...Object.keys(tables), ...Object.keys(expected)]);
  const wrong = [...names]
    .filter((t) => tables[t] !== expected[t])
    .map((t) => `${t}: ${tables[t] ?? 'missing'} rows, the backup had ${expected[t] ?? 'no such table'}`);
  const migrations = (await appliedMigrations(client)) ?? [];
  if (migrations.join('\n') !== manifest.database.migrations.join('\n'))
    wrong.push(`migrations: ${migrations.length}, the backup had ${manifest.database.migrations.length}`);
  if (wrong.length) throw new Error(`the restored database differs from the backup: ${wrong.join('; ')}`);
  return tables;
}

/**
 * `portal restore`: verifies the backup, refuses a non-empty database unless forced, puts the
 * blobs into the store, empties the database (when forced) and restores the dump in one
 * transaction, then checks every table's row count and every blob against the manifest.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreBackupResult> {
  const source = resolve(options.source);
  const backup = await openBackup(source);
  try {
    const manifest = await readManifest(backup.dir, source);
    options.progress(`verifying ${source}`);
    await verifyBackup(backup.dir, source, manifest);
    const pgRestore = await findPgTool('pg_restore', options.env);
    const client = await connect(options.databaseUrl);
    try {
      const target = await checkTarget(client, manifest, pgRestore, options.force);
      const blobsDir = join(backup.dir, BLOBS_DIR);
      options.progress(`restoring ${manifest.blobs.count} attachment files`);
      const blobs = await putBlobs(blobsDir, options.blobs);
      const replaced = isEmpty(target.objects) ? [] : await dropEverything(client);
      if (replaced.length) options.progress(`dropped schemas ${replaced.join(', ')} of "${target.name}"`);
      options.progress(`restoring database "${target.name}" (PostgreSQL ${target.version})`);
      // The row-level security policies name the scoped role: it must exist on this server first.
      await ensureScopedRole(client);
      await runPgTool(pgRestore, pgTarget(options.databaseUrl), [
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        '--exit-on-error',
        join(backup.dir, DUMP_FILE),
      ]).catch((e: Error) => {
        throw new Error(`${e.message}\nThe database was left ${replaced.length ? 'empty' : 'as it was'}.`);
      });
      // The dump's grants name its server's roles and are left out; the scoped role's are made again.
      await grantScopedRole(client);
      // pg_restore does not carry planner statistics; without them the first queries plan blind.
      await client.query('ANALYZE');
      const tables = await verifyRestored(client, manifest);
      const missing = await missingBlobs(blobsDir, options.blobs);
      if (missing.length)
        throw new Error(`${missing.length} attachment file(s) are not in the store after the restore`);
      return { manifest, database: target.name, serverVersion: target.version, tables, replaced, blobs };
    } finally {
      await client.end();
    }
  } finally {
    await backup.done();
  }
}
