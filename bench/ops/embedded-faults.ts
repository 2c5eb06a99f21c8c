import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/platform/src';
import { graphqlPost } from '../support/api-client';
import { num } from '../support/report';
import { getStatus, login, sql } from './direct-client';
import { OPS_ACCOUNTS, seedOps } from './ops-seed';
import { ApiProcess, freePort, killAndWait, sleep, startOpsApi } from './processes';

const ITEMS = Number(process.env.BENCH_EMBEDDED_ITEMS ?? 2000);
/** Seconds of writes before the first kill, between the kills, and after the last. */
const PHASE_S = Number(process.env.BENCH_EMBEDDED_PHASE_SECONDS ?? 10);
/** How long a client keeps retrying one write before it gives up. */
const RETRY_FOR_MS = 60_000;

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode } } }`;
const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode } } }`;

interface Flow {
  label: string;
  keyed: boolean;
  requests: number;
  attempts: number;
  acknowledged: number;
  /** Acknowledged only after one or more failed attempts. */
  afterRetry: number;
  gaveUp: number;
  failures: Record<string, number>;
  /** title or topic marker → the id or tracking code acknowledged. */
  acks: Map<string, string>;
}

const newFlow = (label: string, keyed: boolean): Flow => ({
  label,
  keyed,
  requests: 0,
  attempts: 0,
  acknowledged: 0,
  afterRetry: 0,
  gaveUp: 0,
  failures: {},
  acks: new Map(),
});

/**
 * One client writing in a loop, as a careful API client does: every failure (connection refused or
 * reset, 5xx, SERVICE_UNAVAILABLE) is retried after its Retry-After (or 0.25 s), for up to a
 * minute; with `keyed`, every retry carries the request's Idempotency-Key.
 */
async function writeLoop(
  flow: Flow,
  running: () => boolean,
  send: (
    marker: string,
    key: string | null,
  ) => Promise<{ ok: string | null; failure: string | null; retryAfterS: number }>,
): Promise<void> {
  for (let i = 0; running(); i++) {
    const marker = `${flow.label}-${randomUUID().slice(0, 8)}-${i}`;
    const key = flow.keyed ? randomUUID() : null;
    flow.requests++;
    const started = Date.now();
    let failed = false;
    for (;;) {
      flow.attempts++;
      const r = await send(marker, key).catch((e: NodeJS.ErrnoException) => ({
        ok: null,
        failure: `net:${e.code ?? e.message}`,
        retryAfterS: 0.25,
      }));
      if (r.ok) {
        flow.acknowledged++;
        if (failed) flow.afterRetry++;
        flow.acks.set(marker, r.ok);
        break;
      }
      failed = true;
      flow.failures[r.failure!] = (flow.failures[r.failure!] ?? 0) + 1;
      if (Date.now() - started > RETRY_FOR_MS) {
        flow.gaveUp++;
        break;
      }
      await sleep(r.retryAfterS * 1000);
    }
    await sleep(50);
  }
}

function classify(
  status: number,
  body: string,
  field: string,
): { ok: string | null; failure: string | null; retryAfterS: number } {
  let json: {
    data?: Record<string, { __typename?: string; id?: string; trackingCode?: string; errorCode?: string }>;
    errors?: Array<{ extensions?: { code?: string; retryAfterSeconds?: number } }>;
  };
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: null, failure: `http:${status}`, retryAfterS: 0.25 };
  }
  const value = json.data?.[field];
  if (status === 200 && !json.errors && value && value.__typename !== 'InputError')
    return { ok: value.id ?? value.trackingCode ?? null, failure: null, retryAfterS: 0 };
  const code =
    json.errors?.[0]?.extensions?.code ?? (value?.errorCode ? `input:${value.errorCode}` : 'unknown');
  return {
    ok: null,
    failure: `${status} ${code}`,
    retryAfterS: Math.min(5, json.errors?.[0]?.extensions?.retryAfterSeconds ?? 0.25),
  };
}

/** Polls until `probe` is true; the milliseconds it took, or null after `ms`. */
async function timeUntil(probe: () => Promise<boolean>, ms = 60_000): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await probe().catch(() => false)) return Date.now() - t0;
    await sleep(50);
  }
  return null;
}

const postmasterPid = (pgData: string) =>
  Number(readFileSync(join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};
const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);

const ms = (v: number | null) => (v === null ? 'never (within 60 s)' : `${(v / 1000).toFixed(2)} s`);

/**
 * The embedded default under faults: one api process running its own bundled PostgreSQL (no
 * DATABASE_URL), editors creating items and citizens asking questions, half of them with an
 * Idempotency-Key on their retries and half without; the postmaster is killed -9 twice (once alone,
 * once with its backends), then the api is killed -9 (its server orphaned) and started again, and
 * finally stopped with SIGTERM right after its server was killed. Returns the report's rows.
 */
export async function runEmbeddedFaults(): Promise<Array<[string, string]>> {
  const scratch = mkdtempSync(join(tmpdir(), 'portal-ops-embedded-'));
  chmodSync(scratch, 0o755);
  const dataDir = join(scratch, 'data');
  const pgData = join(dataDir, 'postgres');
  const pgPort = await freePort();
  const rows: Array<[string, string]> = [];
  let api: ApiProcess | null = null;
  try {
    // Seeded through a bundled server on the same folder and port, stopped before the api takes it.
    const seeding = await startEmbeddedPostgres({ dataDir: pgData, port: pgPort, database: 'portal' });
    const url = seeding.url;
    const data = await seedOps(url, 1, ITEMS);
    await seeding.stop();
    const port = await freePort();
    const log = join(scratch, 'api.log');
    const env = {
      DATABASE_URL: '',
      PORTAL_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      RUN_JOBS: 'false',
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      PUBLIC_WRITES_PER_ADDRESS: '1000000',
      PUBLIC_WRITES_PER_PORTAL: '1000000',
    };
    const firstStart = Date.now();
    api = await startOpsApi(env, port, log);
    const firstStartMs = Date.now() - firstStart;
    const target = data.writeTargets[0];
    const token = await login(port, target.host, OPS_ACCOUNTS.writer.username, OPS_ACCOUNTS.writer.password);
    const headers = (key: string | null, auth?: string): Record<string, string> => ({
      ...(key ? { 'idempotency-key': key } : {}),
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
    });
    const create = async (marker: string, key: string | null) => {
      const a = await graphqlPost(
        port,
        target.host,
        {
          query: CREATE,
          variables: {
            i: {
              tenantId: target.tenantId,
              categoryId: target.categoryId,
              kind: 'NEWS',
              title: `Tin ${marker}`,
              bodyHtml: '<p>Nội dung kiểm tra.</p>',
              authorName: 'Phòng Văn hóa',
              source: 'UBND',
            },
          },
        },
        headers(key, token),
        15_000,
      );
      return classify(a.status, a.body, 'createContent');
    };
    const ask = async (marker: string, key: string | null) => {
      const a = await graphqlPost(
        port,
        target.host,
        {
          query: ASK,
          variables: {
            i: {
              type: 'QUESTION',
              name: 'Nguyễn Văn A',
              email: 'nguyenvana@example.vn',
              topic: `Hỏi ${marker}`.slice(0, 60),
              text: `Xin hỏi về thủ tục hành chính, mã ${marker}.`,
            },
          },
        },
        headers(key),
        15_000,
      );
      return classify(a.status, a.body, 'askQuestion');
    };
    const flows = {
      createKeyed: newFlow('ck', true),
      createPlain: newFlow('cp', false),
      askKeyed: newFlow('ak', true),
      askPlain: newFlow('ap', false),
    };
    let running = true;
    const loops = [
      writeLoop(flows.createKeyed, () => running, create),
      writeLoop(flows.createPlain, () => running, create),
      writeLoop(flows.askKeyed, () => running, ask),
      writeLoop(flows.askPlain, () => running, ask),
    ];
    const ready = async () => (await getStatus(port, '/health/ready')).startsWith('200');
    const writes = async () => (await create(`probe-${randomUUID().slice(0, 8)}`, randomUUID())).ok !== null;
    await sleep(PHASE_S * 1000);
    const kills: Array<{
      what: string;
      ready: number | null;
      write: number | null;
      pidBefore: number;
      pidAfter: number;
    }> = [];
    for (const withBackends of [false, true]) {
      const pid = postmasterPid(pgData);
      const children = withBackends ? childrenOf(pid) : [];
      const t0 = Date.now();
      process.kill(pid, 'SIGKILL');
      for (const c of children)
        try {
          process.kill(c, 'SIGKILL');
        } catch {
          // gone
        }
      await sleep(20);
      const readyMs = await timeUntil(ready);
      const readyAt = Date.now();
      const writeMs = await timeUntil(writes);
      kills.push({
        what: withBackends ? 'kill -9 of the postmaster and its backends' : 'kill -9 of the postmaster',
        ready: readyMs === null ? null : readyAt - t0,
        write: writeMs === null ? null : Date.now() - t0,
        pidBefore: pid,
        pidAfter: postmasterPid(pgData),
      });
      await sleep(PHASE_S * 1000);
    }
    // The api killed -9 under the writes: its server is orphaned, answers in flight are lost (the
    // clients retry until it is back); the next start replaces the orphan.
    const orphan = postmasterPid(pgData);
    const t1 = Date.now();
    await killAndWait(api.child, 'SIGKILL');
    const orphanAlive = alive(orphan);
    api = await startOpsApi(env, port, log);
    const startMs = Date.now() - t1;
    const replaced = postmasterPid(pgData);
    const apiWriteMs = await timeUntil(writes);
    const apiKill = {
      orphanAlive,
      startMs,
      orphanGone: !alive(orphan),
      replaced,
      writeMs: apiWriteMs === null ? null : Date.now() - t1,
    };
    await sleep(PHASE_S * 1000);
    running = false;
    await Promise.all(loops);

    // What the database holds: every acknowledgement found, and how many rows each request made.
    const dbUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/portal`;
    const check = async (flow: Flow, kind: 'create' | 'ask') => {
      const markers = [...flow.acks.keys()];
      const found =
        kind === 'create'
          ? await sql<{ marker: string; n: number; ids: string[] }>(
              dbUrl,
              `SELECT substr(r.title, 5) AS marker, count(DISTINCT r.item_id)::int AS n, array_agg(DISTINCT r.item_id::text) AS ids
                 FROM content_revisions r WHERE r.title LIKE 'Tin ${flow.label}-%' GROUP BY 1`,
            )
          : await sql<{ marker: string; n: number; ids: string[] }>(
              dbUrl,
              `SELECT substring(text from 'mã (.*)\\.$') AS marker, count(*)::int AS n, array_agg(tracking_code) AS ids
                 FROM questions WHERE text LIKE '%mã ${flow.label}-%' GROUP BY 1`,
            );
      const byMarker = new Map(found.map((f) => [f.marker, f]));
      let lost = 0;
      for (const m of markers) if (!byMarker.get(m)?.ids.includes(flow.acks.get(m)!)) lost++;
      const duplicates = found.reduce((s, f) => s + f.n - 1, 0);
      const unacknowledgedStored = found.filter((f) => !flow.acks.has(f.marker)).length;
      return { lost, duplicates, unacknowledgedStored };
    };
    const report = async (flow: Flow, kind: 'create' | 'ask', label: string) => {
      const c = await check(flow, kind);
      const failures = Object.entries(flow.failures)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} × ${k}`)
        .join(', ');
      rows.push([
        label,
        `${num(flow.requests)} requests, ${num(flow.attempts)} attempts; acknowledged ${num(flow.acknowledged)} (${num(flow.afterRetry)} after a retry), gave up ${flow.gaveUp}; lost ${c.lost}; duplicates ${c.duplicates}; stored but never acknowledged ${c.unacknowledgedStored}`,
      ]);
      rows.push([`  failed attempts`, failures || 'none']);
    };
    await report(flows.createKeyed, 'create', 'createContent with Idempotency-Key');
    await report(flows.createPlain, 'create', 'createContent without a key');
    await report(flows.askKeyed, 'ask', 'askQuestion with Idempotency-Key');
    await report(flows.askPlain, 'ask', 'askQuestion without a key');
    for (const k of kills)
      rows.push([
        k.what,
        `restarted by the api (pid ${k.pidBefore} → ${k.pidAfter}); /health/ready 200 after ${ms(k.ready)}, first acknowledged write ${ms(k.write)} after the kill`,
      ]);

    rows.push([
      'kill -9 of the api under the writes, started again',
      `its server ${apiKill.orphanAlive ? 'kept running (orphaned)' : 'died with it'}; kill → READY ${ms(apiKill.startMs)} (the first start took ${ms(firstStartMs)}); orphan ${apiKill.orphanGone ? 'stopped' : 'STILL RUNNING'}, new server pid ${apiKill.replaced}${apiKill.replaced === orphan ? ' (SAME: adopted without supervision)' : ''}; first acknowledged write ${ms(apiKill.writeMs)} after the kill`,
    ]);

    // SIGTERM right after the server was killed: a prompt exit, nothing left running.
    const dead = postmasterPid(pgData);
    process.kill(dead, 'SIGKILL');
    const t2 = Date.now();
    await killAndWait(api.child, 'SIGTERM');
    const exitMs = Date.now() - t2;
    let left = 'none';
    try {
      const last = postmasterPid(pgData);
      if (alive(last)) left = `pid ${last} STILL RUNNING`;
    } catch {
      // no lock file: nothing running
    }
    rows.push([
      'SIGTERM with the server just killed',
      `exit after ${ms(exitMs)} (${api.child.exitCode ?? api.child.signalCode}); server processes left: ${left}`,
    ]);
    const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const unexpected = [
      ...new Set(
        (logText.match(/Unexpected error[^"]{0,160}/g) ?? []).map((m) => m.replace(/\(request [^)]*\)/, '')),
      ),
    ];
    rows.push([
      'api log (warn and above)',
      `${(logText.match(/"level":"(warn|error)"/g) ?? []).length} lines; restarts logged ${(logText.match(/bundled PostgreSQL restarted/g) ?? []).length}; orphan replaced logged ${(logText.match(/whose owner is gone/g) ?? []).length}${unexpected.length ? `; unexpected errors: ${unexpected.slice(0, 3).join(' | ')}` : ''}`,
    ]);
    api = null;
  } finally {
    if (api) await killAndWait(api.child, 'SIGKILL');
    try {
      const pid = postmasterPid(pgData);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // none
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}
