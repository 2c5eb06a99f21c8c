import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Bucket, KINDS, Kind, LoadClientConfig } from './load-types';

export interface ErrorSample {
  t: number;
  kind: Kind;
  cls: string;
  message: string;
}

export interface LoadResult {
  totals: Record<Kind, [number, number]>;
  errors: Record<string, number>;
  failovers: number;
  published: number;
}

export interface Load {
  ready: Promise<void>;
  buckets: Bucket[];
  samples: ErrorSample[];
  /** Asks the client to stop, waits for its requests in flight, resolves with its totals. */
  stop(): Promise<LoadResult>;
  /** Ends the client at once (after a failure of the benchmark). */
  kill(): void;
}

/** Starts bench/ops/load-client.js in its own process. */
export function startLoad(config: LoadClientConfig): Load {
  // Too long for one argument: the client reads it from a file next to its acknowledgements.
  const configFile = `${config.ackFile}.config.json`;
  writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, [join(__dirname, 'load-client.js'), configFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const buckets: Bucket[] = [];
  const samples: ErrorSample[] = [];
  let onReady!: () => void;
  let onFail!: (e: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  let onResult!: (r: LoadResult) => void;
  const result = new Promise<LoadResult>((resolve) => (onResult = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('B ')) buckets.push(JSON.parse(line.slice(2)) as Bucket);
    else if (line.startsWith('SAMPLE ')) samples.push(JSON.parse(line.slice(7)) as ErrorSample);
    else if (line === 'READY') onReady();
    else if (line.startsWith('RESULT ')) onResult(JSON.parse(line.slice(7)) as LoadResult);
  });
  child.on('exit', (code) => onFail(new Error(`load client exited with ${code}`)));
  return {
    ready,
    buckets,
    samples,
    stop: async () => {
      child.stdin!.write('stop\n');
      return result;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export interface WindowStats {
  seconds: number;
  ok: Record<Kind, number>;
  err: Record<Kind, number>;
  requests: number;
  errors: number;
  /** Errors / requests, all kinds. */
  errorRate: number;
  errorsByClass: Record<string, number>;
  /** Answers per instance. */
  served: number[];
  failovers: number;
  /** Latencies of successful reads (cached, uncached, feed) in ms. */
  readLatencies: number[];
  latencies: Record<Kind, number[]>;
}

/** Everything the buckets of [from, to) hold. */
export function windowStats(buckets: Bucket[], from: number, to: number): WindowStats {
  const ok = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const err = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const latencies = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const errorsByClass: Record<string, number> = {};
  let served: number[] = [];
  let failovers = 0;
  for (const b of buckets) {
    if (b.t < from || b.t >= to) continue;
    for (const k of KINDS) {
      ok[k] += b.k[k][0];
      err[k] += b.k[k][1];
      for (const l of b.k[k][2]) latencies[k].push(l);
    }
    for (const [c, n] of Object.entries(b.e)) errorsByClass[c] = (errorsByClass[c] ?? 0) + n;
    served = b.s.map((n, i) => n + (served[i] ?? 0));
    failovers += b.f;
  }
  const requests = KINDS.reduce((s, k) => s + ok[k] + err[k], 0);
  const errors = KINDS.reduce((s, k) => s + err[k], 0);
  return {
    seconds: (to - from) / 1000,
    ok,
    err,
    requests,
    errors,
    errorRate: requests ? errors / requests : 0,
    errorsByClass,
    served,
    failovers,
    readLatencies: [...latencies.cached, ...latencies.uncached, ...latencies.feed],
    latencies,
  };
}

/**
 * After a fault ends at `end`: the first successful answer of the given kinds, and the start of
 * sustained success (the first instant from which `holdMs` pass with answers and without an error of
 * those kinds). Null when it never came within the buckets recorded.
 */
export function recovery(
  buckets: Bucket[],
  end: number,
  kinds: Kind[],
  holdMs = 5000,
): { firstOk: number | null; sustained: number | null } {
  const after = buckets.filter((b) => b.t + 100 > end).sort((a, b) => a.t - b.t);
  let firstOk: number | null = null;
  let runStart: number | null = null;
  for (const b of after) {
    const ok = kinds.reduce((s, k) => s + b.k[k][0], 0);
    const err = kinds.reduce((s, k) => s + b.k[k][1], 0);
    if (ok > 0 && firstOk === null) firstOk = Math.max(b.t, end);
    if (err > 0) runStart = null;
    else if (ok > 0 && runStart === null) runStart = Math.max(b.t, end);
    if (runStart !== null && b.t + 100 - runStart >= holdMs) return { firstOk, sustained: runStart };
  }
  return { firstOk, sustained: null };
}

/** The p-th percentile (nearest rank) of some figures, or NaN when there are none. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const pctText = (n: number) => `${(n * 100).toFixed(2)} %`;
export const msText = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(1)} ms`);
