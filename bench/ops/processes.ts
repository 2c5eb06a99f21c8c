import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The JWT secret every process of a run shares (the seeding context, the apis, the worker). */
export const BENCH_JWT_SECRET = 'b'.repeat(48);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  pid: number;
}

/**
 * Starts the api (bench/ops/ops-api-server.ts: the deployed app, unmodified) in its own process on
 * `port` (0: any). Its stdout and stderr (JSON log lines at LOG_LEVEL) go to `logFile`.
 */
export function startOpsApi(env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<ApiProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'ops-api-server.js')], {
      env: { ...process.env, ...env, BENCH_API_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(logFile, { flags: 'a' });
    let ready = false;
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      log.write(c);
      if (ready) return;
      out += c.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        ready = true;
        resolve({ child, port: Number(m[1]), pid: child.pid! });
      }
    });
    child.stderr!.on('data', (c: Buffer) => log.write(c));
    child.on('exit', (code, signal) => {
      log.end();
      if (!ready) reject(new Error(`api exited with ${code ?? signal} before READY; see ${logFile}`));
    });
  });
}

/**
 * Starts apps/worker (the production job runner, unmodified) in its own process; resolves when it
 * logs that it is ready. Its JSON log lines go to `logFile`.
 */
export function startWorker(env: NodeJS.ProcessEnv, logFile: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'apps', 'worker', 'src', 'main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: BENCH_JWT_SECRET,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(logFile, { flags: 'a' });
    let ready = false;
    child.stdout!.on('data', (c: Buffer) => {
      log.write(c);
      if (!ready && c.toString().includes('worker ready')) {
        ready = true;
        resolve(child);
      }
    });
    child.stderr!.on('data', (c: Buffer) => log.write(c));
    child.on('exit', (code, signal) => {
      log.end();
      if (!ready)
        reject(new Error(`worker exited with ${code ?? signal} before it was ready; see ${logFile}`));
    });
  });
}

/** Resident set size of a process, read from /proc (the process itself is not involved). */
export function vmRssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** GET /metrics of an api (allowed from loopback by default); the sample values by series name. */
export function scrapeMetrics(port: number, timeoutMs = 4000): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/metrics', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`/metrics answered ${res.statusCode}`));
        const values = new Map<string, number>();
        for (const line of Buffer.concat(chunks).toString().split('\n')) {
          if (!line || line.startsWith('#')) continue;
          const i = line.lastIndexOf(' ');
          values.set(line.slice(0, i), Number(line.slice(i + 1)));
        }
        resolve(values);
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('metrics timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Sends a signal and resolves when the process has exited. */
export function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
