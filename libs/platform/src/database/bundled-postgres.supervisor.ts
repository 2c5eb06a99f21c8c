import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync, statSync } from 'node:fs';
import { Client } from 'pg';
import {
  ServerUser,
  bundledBinaries,
  messagesLocale,
  processAlive,
  readPostmasterPid,
} from './bundled-postgres.binaries';

export type BundledPostgresState = 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';

export type BundledPostgresLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface SupervisorOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  owner: ServerUser | null;
  logFile: string;
  log: BundledPostgresLog;
  /** Restart the server when it dies (the api); off, a death is only logged. */
  supervise: boolean;
}

/** Attempts per death before giving up, and deaths tolerated in CRASH_WINDOW_MS before giving up. */
const RESTART_ATTEMPTS = 6;
const MAX_DEATHS = 10;
const CRASH_WINDOW_MS = 10 * 60_000;
const READY_TIMEOUT_MS = 60_000;
/** The log file is moved aside (one old copy kept) when it is bigger than this at a start. */
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answers(port: number, user: string, password: string): Promise<boolean> {
  const probe = new Client({
    host: '127.0.0.1',
    port,
    user,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 1000,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    await probe.end().catch(() => undefined);
    return false;
  }
}

/** Sends `signal` and waits up to `ms` for the exit; true when it exited. */
function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', done);
      resolve(false);
    }, ms);
    function done() {
      clearTimeout(timer);
      resolve(true);
    }
    child.once('exit', done);
    child.kill(signal);
  });
}

async function halt(child: ChildProcess): Promise<void> {
  if (!(await signalAndWait(child, 'SIGINT', 5000)))
    if (!(await signalAndWait(child, 'SIGQUIT', 2000))) await signalAndWait(child, 'SIGKILL', 2000);
}

/**
 * Runs the bundled postmaster as a child of this process: its output appended to a log file in the
 * data folder, its death noticed at once (the child's exit), and restarted with a bounded number of
 * attempts. PostgreSQL's crash recovery replays the WAL on the restart, so nothing committed is lost.
 */
export class BundledPostgresSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private readonly deaths: number[] = [];
  private restartCount = 0;
  private lastRecovery: number | null = null;
  private currentState: BundledPostgresState = 'starting';
  private readonly killOnExit = () => this.child?.kill('SIGINT');

  constructor(private readonly options: SupervisorOptions) {}

  get state(): BundledPostgresState {
    return this.currentState;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get restarts(): number {
    return this.restartCount;
  }

  /** Milliseconds from the last death to accepting connections again. */
  get lastRecoveryMs(): number | null {
    return this.lastRecovery;
  }

  async start(): Promise<void> {
    await this.spawnAndWait();
    this.currentState = 'running';
    // A process.exit() without a stop (a CLI command) must not leave the server behind.
    process.once('exit', this.killOnExit);
  }

  /** Fast shutdown (SIGINT); immediate (SIGQUIT) after 5 s, SIGKILL after 2 more. A dead server returns at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    process.off('exit', this.killOnExit);
    const child = this.child;
    if (child) await halt(child);
    await this.restarting?.catch(() => undefined);
    // A restart attempt that had spawned its server before the stop: that one goes too.
    if (this.child && this.child !== child) await halt(this.child);
    this.currentState = 'stopped';
  }

  private rotateLog(): void {
    const file = this.options.logFile;
    try {
      if (existsSync(file) && statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
    } catch {
      // keep appending to the big one
    }
  }

  private async spawnAndWait(): Promise<void> {
    const { dataDir, port, owner } = this.options;
    this.rotateLog();
    const fd = openSync(this.options.logFile, 'a', 0o640);
    let child: ChildProcess;
    try {
      // After a crash, PostgreSQL first fsyncs every file of the data folder one by one (seconds on a
      // busy disk); syncfs (Linux) flushes the file system in one call, as safely.
      const args = ['-D', dataDir, '-p', String(port)];
      if (process.platform === 'linux') args.push('-c', 'recovery_init_sync_method=syncfs');
      child = spawn(bundledBinaries().postgres, args, {
        ...(owner ?? {}),
        // Its own process group: a Ctrl-C at the terminal reaches the api, which stops it in order.
        detached: true,
        stdio: ['ignore', fd, fd],
        env: { ...process.env, LC_MESSAGES: messagesLocale() },
      });
    } finally {
      closeSync(fd);
    }
    this.child = child;
    let exited = false;
    child.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      exited = true;
      this.onExit(child, code, signal);
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exited)
        throw new Error(`the bundled PostgreSQL exited while starting; see ${this.options.logFile}`);
      if (this.stopping) throw new Error('stopped while starting');
      // Another server on this port (an old one still going away) does not count: the lock file must be ours.
      if (
        readPostmasterPid(dataDir)?.pid === child.pid &&
        (await answers(port, this.options.user, this.options.password))
      )
        return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `the bundled PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s; see ${this.options.logFile}`,
        );
      }
      await sleep(50);
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child || this.stopping || this.currentState !== 'running') return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!this.options.supervise) {
      this.currentState = 'failed';
      this.options.log('error', `bundled PostgreSQL (pid ${child.pid}) exited with ${how}`);
      return;
    }
    const now = Date.now();
    this.deaths.push(now);
    while (this.deaths.length && this.deaths[0] < now - CRASH_WINDOW_MS) this.deaths.shift();
    if (this.deaths.length > MAX_DEATHS) {
      this.currentState = 'failed';
      this.options.log(
        'error',
        `bundled PostgreSQL (pid ${child.pid}) exited with ${how}, the ${this.deaths.length}th time in ${CRASH_WINDOW_MS / 60_000} min: not restarting it again`,
      );
      return;
    }
    this.currentState = 'restarting';
    this.options.log('error', `bundled PostgreSQL (pid ${child.pid}) exited with ${how}; restarting it`);
    this.restarting = this.restart(now).finally(() => {
      this.restarting = null;
    });
  }

  private async restart(diedAt: number): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS; attempt++) {
      // Backends of the dead postmaster hold its shared memory for a moment: a start refuses until they left.
      await sleep(100 * 2 ** (attempt - 1));
      if (this.stopping) return;
      try {
        await this.spawnAndWait();
        if (this.stopping) return;
        this.restartCount++;
        this.lastRecovery = Date.now() - diedAt;
        this.currentState = 'running';
        this.options.log(
          'warn',
          `bundled PostgreSQL restarted (pid ${this.child?.pid}, attempt ${attempt}): accepting connections ${this.lastRecovery} ms after it died`,
        );
        return;
      } catch (error) {
        lastError = (error as Error).message;
        this.options.log(
          'warn',
          `bundled PostgreSQL restart attempt ${attempt}/${RESTART_ATTEMPTS} failed: ${lastError}`,
        );
      }
    }
    if (this.stopping) return;
    this.currentState = 'failed';
    this.options.log(
      'error',
      `bundled PostgreSQL could not be restarted after ${RESTART_ATTEMPTS} attempts: ${lastError}`,
    );
  }

  /** Whether a postmaster we started is still running (for a stop that must not leave one behind). */
  get running(): boolean {
    return this.child?.pid !== undefined && processAlive(this.child.pid) && this.child.exitCode === null;
  }
}
