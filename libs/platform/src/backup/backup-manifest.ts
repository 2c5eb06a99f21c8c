import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BackupRefusal } from './backup-refusal';

export const MANIFEST_FILE = 'manifest.json';
export const DUMP_FILE = 'database.dump';
export const BLOBS_DIR = 'blobs';

/** `manifest.json`: what a backup holds, so that a restore can verify it got all of it back. */
export interface BackupManifest {
  format: 'portal-backup';
  formatVersion: 1;
  createdAt: string;
  app: { name: string; version: string };
  database: {
    name: string;
    serverVersion: string;
    dumpedWith: string;
    sizeBytes: number;
    migrations: string[];
    lastMigration: string | null;
    /** Rows per table (`schema.table`) in the snapshot that was dumped. */
    tables: Record<string, number>;
    totalRows: number;
    dump: { file: string; bytes: number; sha256: string };
  };
  blobs: {
    /** `local`: the files are in `blobs/`; `remote`: the store (S3) is backed up on its own. */
    store: 'local' | 'remote';
    count: number;
    bytes: number;
    note?: string;
    /** Store files whose bytes did not match their name, left out (relative to the store). */
    leftOut?: string[];
  };
}

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
}

function isRecordOfNumbers(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((n) => typeof n === 'number' && Number.isInteger(n))
  );
}

/** Reads and checks the manifest of a backup folder; `source` names the backup in messages. */
export async function readManifest(dir: string, source: string): Promise<BackupManifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupRefusal(`${source}: no ${MANIFEST_FILE}, this is not a portal backup`);
    throw e;
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(raw) as BackupManifest;
  } catch {
    throw new BackupRefusal(`${source}: ${MANIFEST_FILE} is not valid JSON`);
  }
  const db = manifest?.database;
  const valid =
    manifest?.format === 'portal-backup' &&
    typeof db?.dump?.sha256 === 'string' &&
    typeof db.dump.bytes === 'number' &&
    typeof db.serverVersion === 'string' &&
    typeof db.dumpedWith === 'string' &&
    Array.isArray(db.migrations) &&
    isRecordOfNumbers(db.tables) &&
    typeof manifest.blobs?.count === 'number' &&
    typeof manifest.blobs.bytes === 'number';
  if (!valid) throw new BackupRefusal(`${source}: ${MANIFEST_FILE} is not a portal backup manifest`);
  if (manifest.formatVersion !== 1)
    throw new BackupRefusal(
      `${source}: backup format version ${String(manifest.formatVersion)} is newer than this program reads (1)`,
    );
  return manifest;
}

/** Name and version from the nearest package.json above `from` (the same in src/ and dist/). */
export function appPackage(from: string): { name: string; version: string } {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name && pkg.version) return { name: pkg.name, version: pkg.version };
  }
  return { name: 'unknown', version: 'unknown' };
}
