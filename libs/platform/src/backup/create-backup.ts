import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertTargetFree, publishBackup, stagingFolder } from './backup-archive';
import {
  appliedMigrations,
  connect,
  countRows,
  databaseName,
  databaseSize,
  listTables,
  serverVersion,
} from './backup-database';
import { BLOBS_DIR, BackupManifest, DUMP_FILE, writeManifest } from './backup-manifest';
import { BackupRefusal } from './backup-refusal';
import { BlobSource, copyBlobs, hashFile } from './blob-folder';
import { assertToolFitsServer, findPgTool, pgTarget, runPgTool } from './pg-tools';

export interface CreateBackupOptions {
  /** A new folder, or a file ending in `.tar`. */
  target: string;
  databaseUrl: string;
  blobs: BlobSource;
  app: { name: string; version: string };
  /** Where PG_DUMP is looked up. */
  env: NodeJS.ProcessEnv;
  progress: (line: string) => void;
}

export interface CreateBackupResult {
  target: string;
  manifest: BackupManifest;
  /** Store files left out because their bytes do not match their name. */
  leftOut: string[];
  stray: string[];
}

/**
 * Dumps the database and its inventory from one snapshot: the rows counted for the manifest are
 * exactly the rows in the dump, even while the api keeps writing.
 */
async function dumpDatabase(
  options: CreateBackupOptions,
  file: string,
): Promise<Omit<BackupManifest['database'], 'dump'>> {
  const pgDump = await findPgTool('pg_dump', options.env);
  const client = await connect(options.databaseUrl);
  try {
    const version = await serverVersion(client);
    assertToolFitsServer(pgDump, version);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const name = await databaseName(client);
    const migrations = await appliedMigrations(client);
    if (!migrations)
      throw new BackupRefusal(
        `database "${name}" has no portal schema (no migrations table): nothing to back up`,
      );
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    options.progress(
      `dumping database "${name}" (PostgreSQL ${version}) with ${pgDump.path} ${pgDump.version}`,
    );
    const tables = await countRows(client, await listTables(client));
    const sizeBytes = await databaseSize(client);
    await runPgTool(pgDump, pgTarget(options.databaseUrl), [
      '--format=custom',
      '--no-owner',
      `--snapshot=${rows[0].id}`,
      `--file=${file}`,
    ]);
    await client.query('COMMIT');
    return {
      name,
      serverVersion: version,
      dumpedWith: pgDump.version,
      sizeBytes,
      migrations,
      lastMigration: migrations.at(-1) ?? null,
      tables,
      totalRows: Object.values(tables).reduce((a, b) => a + b, 0),
    };
  } finally {
    await client.end();
  }
}

/**
 * Copied after the dump was taken: an attachment's bytes are stored before its row commits, so
 * every blob the snapshot refers to is already in the store (later ones are harmless extras).
 */
async function backupBlobs(options: CreateBackupOptions, dir: string) {
  if (options.blobs.kind === 'remote')
    return {
      manifest: {
        store: 'remote' as const,
        count: 0,
        bytes: 0,
        note: `the attachment store is ${options.blobs.description}: it is not copied here, back it up with the bucket's own versioning or replication`,
      },
      leftOut: [],
      stray: [],
    };
  options.progress(`copying attachment files from ${options.blobs.root}`);
  const tally = await copyBlobs(options.blobs.root, dir);
  return {
    manifest: {
      store: 'local' as const,
      count: tally.count,
      bytes: tally.bytes,
      ...(tally.corrupt.length ? { leftOut: tally.corrupt } : {}),
    },
    leftOut: tally.corrupt,
    stray: tally.stray,
  };
}

/** `portal backup`: database.dump + blobs/ + manifest.json, as a folder or a .tar. */
export async function createBackup(options: CreateBackupOptions): Promise<CreateBackupResult> {
  const target = resolve(options.target);
  await assertTargetFree(target);
  const staging = await stagingFolder(target);
  try {
    const dumpFile = join(staging, DUMP_FILE);
    const database = await dumpDatabase(options, dumpFile);
    const dump = { file: DUMP_FILE, ...(await hashFile(dumpFile)) };
    const blobs = await backupBlobs(options, join(staging, BLOBS_DIR));
    const manifest: BackupManifest = {
      format: 'portal-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      app: options.app,
      database: { ...database, dump },
      blobs: blobs.manifest,
    };
    await writeManifest(staging, manifest);
    await publishBackup(staging, target);
    return { target, manifest, leftOut: blobs.leftOut, stray: blobs.stray };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
