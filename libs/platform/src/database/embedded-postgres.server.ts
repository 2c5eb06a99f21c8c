import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import {
  initialiseCluster,
  isPostgresProcess,
  processAlive,
  readPostmasterPid,
  serverUser,
} from './bundled-postgres.binaries';
import {
  BundledPostgresLog,
  BundledPostgresState,
  BundledPostgresSupervisor,
} from './bundled-postgres.supervisor';

export interface EmbeddedPostgresHandle {
  readonly url: string;
  /** Where the data lives: the folder asked for, or its stand-in under /var/tmp (see below). */
  readonly dataDir: string;
  /** The bundled server's own log (its stdout and stderr), in the data folder. */
  readonly logFile: string;
  /**
   * `shared`: another live process of ours runs this data folder's server (the api while the CLI
   * runs), which keeps its lifecycle; otherwise the supervised server's state.
   */
  state(): BundledPostgresState | 'shared';
  /** The postmaster's pid (null when shared). */
  pid(): number | null;
  /** Restarts after a death, and the last one's time from death to accepting connections. */
  restarts(): { count: number; lastRecoveryMs: number | null };
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: BundledPostgresLog;
  /** Restart the server when it dies (default true). */
  supervise?: boolean;
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

const OWNER_FILE = 'portal-owner.pid';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process of ours that started the server in `dataDir` (written at its start), if it still runs. */
function liveOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, OWNER_FILE), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

function ownerFileNames(dataDir: string, pid: number): boolean {
  try {
    return Number(readFileSync(join(dataDir, OWNER_FILE), 'utf8').split('\n')[0]) === pid;
  } catch {
    return false;
  }
}

/** Stops a postmaster that is not our child: fast shutdown, then immediate, then SIGKILL. */
async function stopForeign(pid: number): Promise<void> {
  for (const [signal, ms] of [
    ['SIGINT', 10_000],
    ['SIGQUIT', 3000],
    ['SIGKILL', 3000],
  ] as Array<[NodeJS.Signals, number]>) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!processAlive(pid)) return;
      await sleep(50);
    }
  }
  throw new Error(`the orphaned bundled PostgreSQL (pid ${pid}) did not stop`);
}

/**
 * Starts the bundled PostgreSQL (initialising it on first use) and makes sure `database` exists.
 * A server left running by a process of ours that is gone (the api killed -9) is stopped and a
 * fresh one started under this process's supervision; one whose owner still runs is shared.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log: BundledPostgresLog =
    options.log ?? ((level, line) => level !== 'info' && process.stderr.write(`${line}\n`));
  const dataDir = reachableDataDir(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  const owner = serverUser();
  const logFile = join(dataDir, 'server.log');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialiseCluster(dataDir, PG_USER, PG_PASSWORD, owner);
  else accessSync(dataDir, constants.R_OK);

  let supervisor: BundledPostgresSupervisor | null = null;
  const running = readPostmasterPid(dataDir);
  const serverAlive = !!running && processAlive(running.pid) && isPostgresProcess(running.pid);
  // Only a running server has an owner to share with (after a reboot the recorded pid may be anyone's).
  const ownerPid = serverAlive ? liveOwner(dataDir) : null;
  if (ownerPid !== null) {
    // It may still be starting (crash recovery): give it the time a start takes.
    const until = Date.now() + 15_000;
    while (!(await answers(options.port)) && Date.now() < until) await sleep(200);
    log('info', `bundled PostgreSQL in ${dataDir} is run by process ${ownerPid}: shared`);
  } else {
    if (serverAlive && running) {
      log(
        'warn',
        `found a bundled PostgreSQL (pid ${running.pid}) whose owner is gone (killed?): stopping it and starting one of our own`,
      );
      await stopForeign(running.pid);
    }
    supervisor = new BundledPostgresSupervisor({
      dataDir,
      port: options.port,
      user: PG_USER,
      password: PG_PASSWORD,
      owner,
      logFile,
      log,
      supervise: options.supervise ?? true,
    });
    await supervisor.start();
    writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
  }
  const admin = new Client({
    host: '127.0.0.1',
    port: options.port,
    user: PG_USER,
    password: PG_PASSWORD,
    database: 'postgres',
  });
  try {
    await admin.connect();
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } catch (error) {
    await supervisor?.stop();
    throw error;
  } finally {
    await admin.end().catch(() => undefined);
  }
  return {
    url: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    dataDir,
    logFile,
    state: () => supervisor?.state ?? 'shared',
    pid: () => supervisor?.pid ?? null,
    restarts: () => ({
      count: supervisor?.restarts ?? 0,
      lastRecoveryMs: supervisor?.lastRecoveryMs ?? null,
    }),
    stop: async () => {
      if (!supervisor) return;
      await supervisor.stop();
      // Stopped in order: no owner is left to share with.
      if (ownerFileNames(dataDir, process.pid)) rmSync(join(dataDir, OWNER_FILE), { force: true });
    },
  };
}
