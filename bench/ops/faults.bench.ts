import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { num, printTable } from '../support/report';
import { restartableDatabase } from '../support/restartable-database';
import { checkAcknowledgedWrites } from './acknowledged-writes';
import { direct, getStatus, login, mustMutate, sql } from './direct-client';
import {
  Load,
  WindowStats,
  msText,
  pctText,
  percentile,
  recovery,
  startLoad,
  windowStats,
} from './load-driver';
import { Kind } from './load-types';
import { OPS_ACCOUNTS, OpsDataset, seedOps } from './ops-seed';
import { ApiProcess, freePort, killAndWait, sleep, startOpsApi, startWorker } from './processes';
import { runEmbeddedFaults } from './embedded-faults';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const READERS = Number(process.env.BENCH_FAULT_CONNECTIONS ?? 8);
/** Seconds of load before each fault (its baseline) and observed after it. */
const BASELINE_S = Number(process.env.BENCH_FAULT_BASELINE_SECONDS ?? 20);
const OBSERVE_S = Number(process.env.BENCH_FAULT_OBSERVE_SECONDS ?? 30);
/** How long a killed api stays down before its supervisor starts it again. */
const RESTART_DELAY_S = Number(process.env.BENCH_RESTART_DELAY_SECONDS ?? 5);
/** How long PostgreSQL stays down. */
const PG_DOWN_S = Number(process.env.BENCH_PG_DOWN_SECONDS ?? 5);
/** Jobs put in the queue at once, and how long the benchmark waits for the worker to work them off. */
const QUEUE_JOBS = Number(process.env.BENCH_QUEUE_JOBS ?? 50_000);
const DRAIN_S = Number(process.env.BENCH_DRAIN_SECONDS ?? 120);
/** Real scheduled publications sent behind the backlog. */
const SCHEDULED = 20;
/** The load balancer's fail_timeout (nginx: max_fails=1, fail_timeout=10s by default; here 5 s). */
const FAIL_TIMEOUT_MS = 5000;

const PUBLISH_JOB = 'content-publish';
const ALL: Kind[] = ['cached', 'uncached', 'feed', 'write', 'ask'];
const NEEDS_DB: Kind[] = ['uncached', 'feed', 'write', 'ask'];

const ITEM_FIELDS = `__typename ... on ContentItem { id slug working { id status } live { id number } } ... on InputError { errorCode field }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM_FIELDS} } }`;
const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM_FIELDS} } }`;
const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) { ${ITEM_FIELDS} } }`;
const SCHEDULE = `mutation($id: String!, $at: DateTime!) { scheduleContent(itemId: $id, publishAt: $at) { ${ITEM_FIELDS} } }`;
const PUBLIC_ITEM = `query($s: String!) { publicItem(slug: $s) { id revisionNumber } }`;

type Tokens = Record<'writer' | 'member' | 'head', string>;
interface Probe {
  itemId: string;
  host: string;
  slug: string;
}

const seconds = (ms: number | null) =>
  ms === null ? 'never (within the run)' : `${(ms / 1000).toFixed(2)} s`;

/** Warn and error lines a process logged in [from, to) (pino JSON lines; other lines count as errors). */
function logSummary(file: string, from: number, to: number): string {
  if (!existsSync(file)) return 'no log';
  let warn = 0;
  let error = 0;
  const messages = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || /^READY \d+$/.test(line.trim())) continue;
    let level = 'error';
    let msg = line;
    let at = from;
    try {
      const j = JSON.parse(line) as {
        level?: string;
        time?: string;
        msg?: string;
        error?: string;
        err?: { message?: string };
      };
      level = j.level ?? 'info';
      msg = `${j.msg ?? ''}${j.error ? `: ${j.error}` : ''}${j.err?.message ? ` (${j.err.message})` : ''}`;
      at = j.time ? Date.parse(j.time) : from;
    } catch {
      // not JSON (a stack trace on stderr): an error at an unknown time, counted in every window
    }
    if (at < from || at >= to) continue;
    if (level === 'warn') warn++;
    else if (level === 'error' || level === 'fatal') error++;
    else continue;
    const key = msg.replace(/\s+/g, ' ').slice(0, 160);
    messages.set(key, (messages.get(key) ?? 0) + 1);
  }
  const top = [...messages.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([m, n]) => `${n} × “${m}”`);
  return `${warn} warn, ${error} error lines${top.length ? `: ${top.join('; ')}` : ''}`;
}

function rowsFor(label: string, w: WindowStats): Array<[string, string]> {
  const classes = Object.entries(w.errorsByClass)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return [
    [
      `${label} (${w.seconds.toFixed(1)} s)`,
      `${num(w.requests)} requests, ${num(w.errors)} errors = ${pctText(w.errorRate)}${classes ? ` [${classes}]` : ''}`,
    ],
    [
      `  by kind ok/errors`,
      ALL.map((k) => `${k} ${num(w.ok[k])}/${num(w.err[k])}`).join(', ') +
        `; answers per instance ${w.served.map(num).join(' / ')}`,
    ],
  ];
}

function latencyRow(label: string, w: WindowStats): [string, string] {
  const l = w.latencies;
  return [
    `  ${label} read latency`,
    `cached p50 ${msText(percentile(l.cached, 50))} p95 ${msText(percentile(l.cached, 95))} p99 ${msText(percentile(l.cached, 99))}; uncached p50 ${msText(percentile(l.uncached, 50))} p95 ${msText(percentile(l.uncached, 95))}; feed p95 ${msText(percentile(l.feed, 95))}; writes p95 ${msText(percentile(l.write, 95))}`,
  ];
}

function samplesIn(load: Load, from: number, to: number): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const s of load.samples) {
    if (s.t < from || s.t >= to || seen.has(s.cls)) continue;
    seen.add(s.cls);
    out.push([`  error ${s.cls}`, `${s.kind}: ${s.message.replace(/\s+/g, ' ').slice(0, 220)}`]);
  }
  return out;
}

/** An item taken through the workflow over the api (straight to one instance) up to APPROVED or published. */
async function prepareItem(
  port: number,
  tokens: Tokens,
  target: OpsDataset['writeTargets'][number],
  title: string,
  publish: boolean,
): Promise<Probe> {
  const created = await mustMutate(
    port,
    target.host,
    'createContent',
    CREATE,
    {
      i: {
        tenantId: target.tenantId,
        categoryId: target.categoryId,
        kind: 'NEWS',
        title,
        bodyHtml: '<p>Nội dung kiểm tra.</p>',
        authorName: 'Phòng Văn hóa',
        source: 'UBND',
      },
    },
    tokens.writer,
  );
  const steps: Array<[keyof Tokens, string]> = [
    ['writer', 'SUBMIT'],
    ['member', 'TAKE_FOR_REVIEW'],
    ['head', 'APPROVE'],
  ];
  if (publish) steps.push(['member', 'PUBLISH']);
  for (const [who, a] of steps)
    await mustMutate(port, target.host, 'transitionContent', TRANSITION, { id: created.id, a }, tokens[who]);
  return { itemId: created.id, host: target.host, slug: created.slug };
}

/**
 * Cross-instance invalidation: the probe is read anonymously on `readPort` until the response cache
 * answers it (x-cache: HIT), a new revision is written and published on `writePort`, then the read
 * is repeated every 5 ms until it shows the new revision. Returns the time from the publish answer.
 */
async function invalidation(
  writePort: number,
  readPort: number,
  tokens: Tokens,
  probe: Probe,
  tag: string,
): Promise<{ ms: number | null; cachedBefore: boolean; revisions: string }> {
  const read = async () => {
    const r = await direct(readPort, probe.host, PUBLIC_ITEM, { s: probe.slug });
    return {
      rev: (r.json?.data?.publicItem?.revisionNumber as number | undefined) ?? null,
      hit: r.headers['x-cache'] === 'HIT',
    };
  };
  await read();
  const before = await read();
  await mustMutate(
    writePort,
    probe.host,
    'editContent',
    EDIT,
    {
      id: probe.itemId,
      i: { title: `Kiểm tra ${tag}`, bodyHtml: `<p>${tag}</p>`, authorName: 'Phòng Văn hóa', source: 'UBND' },
    },
    tokens.writer,
  );
  for (const [who, a] of [
    ['writer', 'SUBMIT'],
    ['member', 'TAKE_FOR_REVIEW'],
    ['head', 'APPROVE'],
    ['member', 'PUBLISH'],
  ] as Array<[keyof Tokens, string]>)
    await mustMutate(
      writePort,
      probe.host,
      'transitionContent',
      TRANSITION,
      { id: probe.itemId, a },
      tokens[who],
    );
  const published = performance.now();
  for (;;) {
    const now = await read();
    if (now.rev !== null && before.rev !== null && now.rev > before.rev)
      return {
        ms: performance.now() - published,
        cachedBefore: before.hit,
        revisions: `${before.rev} → ${now.rev}`,
      };
    if (performance.now() - published > 15_000)
      return { ms: null, cachedBefore: before.hit, revisions: `${before.rev} → still ${now.rev}` };
    await sleep(5);
  }
}

const countConnections = async (url: string) =>
  Object.fromEntries(
    (
      await sql<{ app: string; n: number }>(
        url,
        `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name IN ('portal', 'portal-listener', 'portal-jobs')
          GROUP BY application_name`,
      )
    ).map((r) => [r.app, r.n]),
  ) as Record<string, number>;

const queueDepth = async (url: string) =>
  (
    await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
      [PUBLISH_JOB],
    )
  )[0].n;

export async function runFaultsBench(): Promise<void> {
  // BENCH_FAULTS=embedded: only the faults of the embedded default (d–f), a few minutes.
  if (process.env.BENCH_FAULTS !== 'embedded') await runSharedDatabaseFaults();
  process.stdout.write('  faults d–f: the embedded default\n');
  printTable(
    `faults d–f — the embedded default (the api runs its bundled PostgreSQL): kill -9 of the postmaster twice under writes with and without Idempotency-Key, kill -9 of the api, SIGTERM after a kill`,
    await runEmbeddedFaults(),
  );
}

async function runSharedDatabaseFaults(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'portal-ops-faults-'));
  const db = await restartableDatabase();
  const cleanup: Array<() => void> = [];
  const tables = {
    push: ([title, rows]: [string, Array<[string, string]>]) => printTable(title, rows),
  };
  const summary: Array<[string, string]> = [];
  try {
    const t0 = performance.now();
    const data = await seedOps(db.url, 2, ITEMS);
    summary.push([
      'dataset',
      `${num(data.portals)} portals (2 provinces), ${num(ITEMS)} published items; seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ]);
    const dataDir = join(scratch, 'data');
    const workerLog = join(scratch, 'worker.log');
    const worker: ChildProcess = await startWorker(
      { DATABASE_URL: db.url, PORTAL_DATA_DIR: dataDir },
      workerLog,
    );
    cleanup.push(() => worker.kill('SIGKILL'));
    const env = {
      DATABASE_URL: db.url,
      RUN_JOBS: 'false',
      TRUST_PROXY: 'true',
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      PORTAL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    const ports = [await freePort(), await freePort()];
    const logs = [join(scratch, 'api-a.log'), join(scratch, 'api-b.log')];
    const apis: ApiProcess[] = [];
    for (const i of [0, 1]) apis.push(await startOpsApi(env, ports[i], logs[i]));
    cleanup.push(() => apis.forEach((a) => a.child.kill('SIGKILL')));

    // Prepared over the api, straight to instance A: two published probes (cross-instance
    // invalidation both ways) and approved items for scheduled publications.
    const loginHost = data.writeTargets[0].host;
    const tokens: Tokens = {
      writer: await login(ports[0], loginHost, OPS_ACCOUNTS.writer.username, OPS_ACCOUNTS.writer.password),
      member: await login(ports[0], loginHost, OPS_ACCOUNTS.member.username, OPS_ACCOUNTS.member.password),
      head: await login(ports[0], loginHost, OPS_ACCOUNTS.head.username, OPS_ACCOUNTS.head.password),
    };
    const targets = data.writeTargets;
    const probeAB = await prepareItem(ports[0], tokens, targets[1], 'Tin kiểm tra bộ nhớ đệm A B', true);
    const probeBA = await prepareItem(ports[0], tokens, targets[2], 'Tin kiểm tra bộ nhớ đệm B A', true);
    const afterRestartItem = await prepareItem(
      ports[0],
      tokens,
      targets[3],
      'Tin hẹn giờ sau khởi động lại',
      false,
    );
    const scheduled: Probe[] = [];
    for (let i = 0; i < SCHEDULED; i++)
      scheduled.push(
        await prepareItem(
          ports[0],
          tokens,
          targets[(4 + i) % targets.length],
          `Tin hẹn giờ số ${i + 1}`,
          false,
        ),
      );

    const ackFile = join(scratch, 'acks.jsonl');
    const load = startLoad({
      ports,
      hosts: data.hosts,
      sections: data.sections,
      slugs: data.slugs,
      writeTargets: data.writeTargets,
      accounts: { writer: OPS_ACCOUNTS.writer, member: OPS_ACCOUNTS.member, head: OPS_ACCOUNTS.head },
      readConnections: READERS,
      uncachedShare: 0.3,
      writers: 2,
      thinkMs: 100,
      askPerSecond: 5,
      ackFile,
      failTimeoutMs: FAIL_TIMEOUT_MS,
      requestTimeoutMs: 15_000,
    });
    cleanup.push(() => load.kill());
    await load.ready;
    process.stdout.write('  load running; warm-up\n');
    await sleep(BASELINE_S * 1000);

    // ------------------------------------------------------------ a. SIGKILL one of two apis
    {
      process.stdout.write('  fault a: SIGKILL api A\n');
      const baseline = windowStats(load.buckets, Date.now() - BASELINE_S * 1000, Date.now());
      const kill = Date.now();
      await killAndWait(apis[0].child, 'SIGKILL');
      await sleep(RESTART_DELAY_S * 1000);
      const restart = Date.now();
      apis[0] = await startOpsApi(env, ports[0], logs[0]);
      const ready = Date.now();
      await sleep(OBSERVE_S * 1000);
      const during = windowStats(load.buckets, kill, ready);
      const after = windowStats(load.buckets, ready, ready + OBSERVE_S * 1000);
      const rec = recovery(load.buckets, ready, ALL);
      const backOnA = load.buckets.filter((b) => b.t >= ready && b.s[0] > 0).sort((x, y) => x.t - y.t)[0];
      // When each client-visible error happened (there are few): offset from the kill, and classes.
      const timeline = load.buckets
        .filter((b) => b.t >= kill && b.t < ready + OBSERVE_S * 1000 && Object.keys(b.e).length > 0)
        .sort((x, y) => x.t - y.t)
        .map(
          (b) =>
            `+${((b.t - kill) / 1000).toFixed(1)} s ${Object.entries(b.e)
              .map(([c, n]) => `${n} × ${c}`)
              .join(', ')}`,
        );
      tables.push([
        `fault a — SIGKILL api A of two behind the balancing client; restarted after ${RESTART_DELAY_S} s`,
        [
          ...rowsFor('baseline before', baseline),
          ...rowsFor('during (kill → A READY again)', during),
          ['  client-visible errors, when (from the kill)', timeline.join('; ') || 'none'],
          ['  requests moved to B (refused or reset, retried)', num(during.failovers)],
          ...samplesIn(load, kill, ready),
          ...rowsFor(`after (${OBSERVE_S} s from READY)`, after),
          ['A restart: start → READY', seconds(ready - restart)],
          ['recovery: first success after READY', seconds(rec.firstOk === null ? null : rec.firstOk - ready)],
          [
            'recovery: sustained success after READY',
            seconds(rec.sustained === null ? null : rec.sustained - ready),
          ],
          [
            'A answers again after READY',
            `${seconds(backOnA ? backOnA.t - ready : null)} (the balancer retries a failed instance after its fail_timeout, ${FAIL_TIMEOUT_MS / 1000} s)`,
          ],
          ['api A log', logSummary(logs[0], kill, ready + OBSERVE_S * 1000)],
          ['api B log', logSummary(logs[1], kill, ready + OBSERVE_S * 1000)],
        ],
      ]);
    }

    // ------------------------------------------------------------ b. restart PostgreSQL
    {
      process.stdout.write('  fault b: restart PostgreSQL\n');
      const abBefore = await invalidation(
        ports[0],
        ports[1],
        tokens,
        probeAB,
        'trước khi khởi động lại (A→B)',
      );
      const baBefore = await invalidation(
        ports[1],
        ports[0],
        tokens,
        probeBA,
        'trước khi khởi động lại (B→A)',
      );
      const connectionsBefore = await countConnections(db.url);
      const baseline = windowStats(load.buckets, Date.now() - BASELINE_S * 1000, Date.now());
      const stop = Date.now();
      await db.stop();
      const stopped = Date.now();
      await sleep(PG_DOWN_S * 1000);
      const start = Date.now();
      await db.start();
      const up = Date.now();
      // When the LISTEN connections and the pools are back (polled from the bench's own connections).
      let listenersBack: number | null = null;
      let connectionsAfter: Record<string, number> = {};
      while (Date.now() - up < OBSERVE_S * 1000) {
        connectionsAfter = await countConnections(db.url).catch(() => ({}));
        if (
          listenersBack === null &&
          (connectionsAfter['portal-listener'] ?? 0) >= (connectionsBefore['portal-listener'] ?? 0)
        )
          listenersBack = Date.now() - up;
        await sleep(250);
      }
      const during = windowStats(load.buckets, stop, up);
      const after = windowStats(load.buckets, up, up + OBSERVE_S * 1000);
      const rec = recovery(load.buckets, up, NEEDS_DB);
      const recByKind = NEEDS_DB.map((k) => {
        const r = recovery(load.buckets, up, [k]);
        return `${k} ${r.sustained === null ? 'never' : `${((r.sustained - up) / 1000).toFixed(1)} s`}`;
      }).join(', ');
      const perInstance = [0, 1].map((i) => {
        const ok = load.buckets.filter((b) => b.t >= up && b.s[i] > 0).sort((x, y) => x.t - y.t)[0];
        return ok
          ? `${i === 0 ? 'A' : 'B'} +${((ok.t - up) / 1000).toFixed(1)} s`
          : `${i === 0 ? 'A' : 'B'} never`;
      });
      const health = await Promise.all(ports.map((p) => getStatus(p, '/health/ready')));
      const abAfter = await invalidation(ports[0], ports[1], tokens, probeAB, 'sau khi khởi động lại (A→B)');
      const baAfter = await invalidation(ports[1], ports[0], tokens, probeBA, 'sau khi khởi động lại (B→A)');
      // The worker's queue after the restart: a publication scheduled 2 s ahead must happen.
      const at = new Date(Date.now() + 2000);
      await mustMutate(
        ports[1],
        afterRestartItem.host,
        'scheduleContent',
        SCHEDULE,
        { id: afterRestartItem.itemId, at: at.toISOString() },
        tokens.member,
      );
      let publishedAfter: number | null = null;
      while (Date.now() - at.getTime() < 60_000) {
        const [row] = await sql<{ published_at: Date | null }>(
          db.url,
          'SELECT published_at FROM content_items WHERE id = $1',
          [afterRestartItem.itemId],
        );
        if (row.published_at) {
          publishedAfter = new Date(row.published_at).getTime() - at.getTime();
          break;
        }
        await sleep(250);
      }
      const inv = (r: { ms: number | null; cachedBefore: boolean; revisions: string }) =>
        `${r.ms === null ? 'NOT INVALIDATED within 15 s' : `${r.ms.toFixed(1)} ms`} (revision ${r.revisions}; cached before: ${r.cachedBefore ? 'yes' : 'NO'})`;
      tables.push([
        `fault b — PostgreSQL fast shutdown, down ${PG_DOWN_S} s, started again on the same port and data folder`,
        [
          ...rowsFor('baseline before', baseline),
          ['PostgreSQL stop (fast) took', seconds(stopped - stop)],
          ['PostgreSQL start took', seconds(up - start)],
          ...rowsFor('during (stop → accepting connections)', during),
          ...samplesIn(load, stop, up + 2000),
          ...rowsFor(`after (${OBSERVE_S} s from PostgreSQL up)`, after),
          ...samplesIn(load, up + 2000, up + OBSERVE_S * 1000),
          [
            'recovery: first success needing the database',
            seconds(rec.firstOk === null ? null : rec.firstOk - up),
          ],
          [
            'recovery: sustained success (5 s, all kinds needing the db)',
            seconds(rec.sustained === null ? null : rec.sustained - up),
          ],
          ['  sustained success by kind', recByKind],
          ['  first answer per instance after restart', perInstance.join(', ')],
          ['/health/ready after', health.map((h, i) => `${i === 0 ? 'A' : 'B'} ${h}`).join('; ')],
          [
            'connections by application before → after',
            `${JSON.stringify(connectionsBefore)} → ${JSON.stringify(connectionsAfter)}; LISTEN connections back ${seconds(listenersBack)} after PostgreSQL was up`,
          ],
          ['publish on A → cached read on B shows it, before', inv(abBefore)],
          ['publish on B → cached read on A shows it, before', inv(baBefore)],
          ['publish on A → cached read on B shows it, after', inv(abAfter)],
          ['publish on B → cached read on A shows it, after', inv(baAfter)],
          [
            'worker: publication scheduled after the restart',
            publishedAfter === null
              ? 'NOT published within 60 s'
              : `published ${(publishedAfter / 1000).toFixed(2)} s after its time`,
          ],
          ['api A log', logSummary(logs[0], stop, up + OBSERVE_S * 1000)],
          ['api B log', logSummary(logs[1], stop, up + OBSERVE_S * 1000)],
          ['worker log', logSummary(workerLog, stop, up + OBSERVE_S * 1000)],
          [
            'processes alive after',
            `api A ${apis[0].child.exitCode === null ? 'yes' : `NO (${apis[0].child.exitCode})`}, api B ${apis[1].child.exitCode === null ? 'yes' : `NO (${apis[1].child.exitCode})`}, worker ${worker.exitCode === null ? 'yes' : `NO (${worker.exitCode})`}`,
          ],
        ],
      ]);
    }

    // ------------------------------------------------------------ c. a full job queue
    {
      process.stdout.write(`  fault c: ${num(QUEUE_JOBS)} jobs in the queue\n`);
      await sleep(BASELINE_S * 1000);
      const baseline = windowStats(load.buckets, Date.now() - BASELINE_S * 1000, Date.now());
      const boss = new PgBoss({
        connectionString: db.url,
        schema: 'pgboss',
        supervise: false,
        schedule: false,
        migrate: false,
        max: 2,
      });
      boss.on('error', () => undefined);
      await boss.start();
      const [{ id: noopItem }] = await sql<{ id: string }>(
        db.url,
        'SELECT item_id AS id FROM content_revisions WHERE id = $1',
        [data.someRevisionId],
      );
      const fill = Date.now();
      // No-op publications: the handler reads the revision's editorial state (none: a seeded item)
      // and returns, as it does for a publication that was unscheduled meanwhile.
      for (let from = 0; from < QUEUE_JOBS; from += 5000) {
        const jobs = Array.from({ length: Math.min(5000, QUEUE_JOBS - from) }, (_, i) => ({
          name: PUBLISH_JOB,
          data: {
            itemId: noopItem,
            revisionId: data.someRevisionId,
            at: new Date(0).toISOString(),
            backlog: from + i,
          },
        }));
        await boss.insert(jobs);
      }
      const filled = Date.now();
      // Real scheduled publications, due 15 s later (time to schedule them all), behind the backlog.
      const at = new Date(Date.now() + 15_000);
      for (const s of scheduled)
        await mustMutate(
          ports[0],
          s.host,
          'scheduleContent',
          SCHEDULE,
          { id: s.itemId, at: at.toISOString() },
          tokens.member,
        );
      const depths: Array<[number, number]> = [[filled, await queueDepth(db.url)]];
      let drained: number | null = null;
      while (Date.now() - filled < DRAIN_S * 1000) {
        await sleep(1000);
        const d = await queueDepth(db.url);
        depths.push([Date.now(), d]);
        if (d === 0) {
          drained = Date.now();
          break;
        }
      }
      const observedEnd = Date.now();
      const worked = depths[0][1] - depths[depths.length - 1][1];
      const rate = worked / ((depths[depths.length - 1][0] - depths[0][0]) / 1000);
      const during = windowStats(load.buckets, fill, observedEnd);
      const publishedInWindow = (
        await sql<{ n: number }>(
          db.url,
          'SELECT count(*)::int AS n FROM content_items WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL',
          [scheduled.map((s) => s.itemId)],
        )
      )[0].n;
      // When the backlog does not drain within the run, it is taken out of the queue (as an operator
      // would), and the scheduled publications behind it must then happen, each exactly once.
      let removed = 0;
      if (drained === null) {
        removed = (
          await sql<{ n: number }>(
            db.url,
            `WITH d AS (DELETE FROM pgboss.job WHERE name = $1 AND state = 'created' AND data ? 'backlog' RETURNING 1) SELECT count(*)::int AS n FROM d`,
            [PUBLISH_JOB],
          )
        )[0].n;
      }
      const removedAt = Date.now();
      let allPublished: number | null = null;
      while (Date.now() - removedAt < 120_000) {
        const [{ n }] = await sql<{ n: number }>(
          db.url,
          'SELECT count(*)::int AS n FROM content_items WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL',
          [scheduled.map((s) => s.itemId)],
        );
        if (n === scheduled.length) {
          allPublished = Date.now();
          break;
        }
        await sleep(500);
      }
      const publications = await sql<{ item_id: string; n: number; first: Date }>(
        db.url,
        `SELECT item_id, count(*)::int AS n, min(at) AS first FROM workflow_events WHERE item_id = ANY($1::uuid[]) AND action = 'PUBLISH' GROUP BY item_id`,
        [scheduled.map((s) => s.itemId)],
      );
      const delays = publications.map((p) => new Date(p.first).getTime() - at.getTime());
      const failedJobs = (
        await sql<{ n: number }>(
          db.url,
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'failed'`,
          [PUBLISH_JOB],
        )
      )[0].n;
      await sleep(OBSERVE_S * 1000);
      const after = windowStats(load.buckets, Date.now() - OBSERVE_S * 1000, Date.now());
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      const depthTrace = depths
        .filter((_, i) => i % 20 === 0 || i === depths.length - 1)
        .map(([t, d]) => `+${Math.round((t - filled) / 1000)} s ${num(d)}`)
        .join(', ');
      tables.push([
        `fault c — ${num(QUEUE_JOBS)} jobs put in the ${PUBLISH_JOB} queue at once (worked by one worker process)`,
        [
          ['enqueue (pg-boss insert, 5,000 a statement)', seconds(filled - fill)],
          ...rowsFor('baseline before', baseline),
          latencyRow('baseline', baseline),
          ...rowsFor(`during (${drained === null ? `observed ${DRAIN_S} s` : 'until drained'})`, during),
          latencyRow('during', during),
          ...samplesIn(load, fill, observedEnd),
          [
            'drain',
            drained === null
              ? `NOT drained in ${DRAIN_S} s: ${num(worked)} jobs worked, ${rate.toFixed(2)} jobs/s; at that rate ${num(QUEUE_JOBS)} jobs take ${(QUEUE_JOBS / Math.max(rate, 1e-9) / 3600).toFixed(1)} h`
              : `drained in ${seconds(drained - filled)} (${rate.toFixed(1)} jobs/s)`,
          ],
          ['queue depth', depthTrace],
          [
            `${SCHEDULED} real publications scheduled behind the backlog`,
            `${publishedInWindow} published while the backlog was there${removed ? `; backlog of ${num(removed)} removed, then all published after ${seconds(allPublished === null ? null : allPublished - removedAt)}` : ''}; delay after their time ${delays.length ? `p50 ${seconds(percentile(delays, 50))}, max ${seconds(Math.max(...delays))}` : '–'}; PUBLISH events per item ${[...new Set(publications.map((p) => p.n))].join(',')} (${publications.length}/${SCHEDULED} items) ${publications.length === SCHEDULED && publications.every((p) => p.n === 1) ? 'OK' : 'MISSED'}`,
          ],
          ['failed jobs in the queue', num(failedJobs)],
          ...rowsFor(`after (${OBSERVE_S} s)`, after),
          latencyRow('after', after),
          ['worker log', logSummary(workerLog, fill, Date.now())],
        ],
      ]);
    }

    const result = await load.stop();
    const acks = await checkAcknowledgedWrites(db.url, ackFile);
    // Side observation (no load): two editors save the same item at the same moment, one on each
    // instance, ten times.
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      const both = await Promise.all(
        ports.map((p, j) =>
          direct(
            p,
            probeAB.host,
            EDIT,
            {
              id: probeAB.itemId,
              i: {
                title: `Sửa đồng thời ${i}-${j}`,
                bodyHtml: '<p>Sửa.</p>',
                authorName: 'Phòng Văn hóa',
                source: 'UBND',
              },
            },
            tokens.writer,
          ),
        ),
      );
      for (const r of both) {
        const v = r.json?.data?.editContent;
        const key = r.json?.errors
          ? `${r.status} ${r.json.errors[0]?.extensions?.code}`
          : `${r.status} ${v?.__typename}${v?.errorCode ? ` ${v.errorCode}` : ''}`;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
    }
    const violations = logs.map((f) =>
      existsSync(f) ? (readFileSync(f, 'utf8').match(/content_revisions_number_unique/g) ?? []).length : 0,
    );
    summary.push([
      'side: 2 concurrent editContent on one item ×10',
      `${Object.entries(outcomes)
        .map(([k, n]) => `${n} × ${k}`)
        .join(', ')}; "content_revisions_number_unique" in the api logs: ${violations.join(' / ')}`,
    ]);
    summary.push([
      'load over the whole run',
      `${num(Object.values(result.totals).reduce((s, [ok, err]) => s + ok + err, 0))} requests, ${num(Object.values(result.totals).reduce((s, [, err]) => s + err, 0))} errors ${JSON.stringify(result.errors)}; ${num(result.failovers)} moved to the other instance; ${num(result.published)} items published by the load`,
    ]);
    summary.push([
      'acknowledged writes in the database',
      `${num(acks.acknowledged.create)} creates, ${num(acks.acknowledged.edit)} edits, ${num(acks.acknowledged.transition)} workflow steps, ${num(acks.acknowledged.ask)} questions; missing ${acks.missing.length} ${acks.missing.length === 0 ? 'OK' : `MISSED: ${acks.missing.join(', ')}`}`,
    ]);
    summary.push([
      'processes at the end',
      `api A ${apis[0].child.exitCode === null ? 'running' : 'exited'}, api B ${apis[1].child.exitCode === null ? 'running' : 'exited'}, worker ${worker.exitCode === null ? 'running' : 'exited'}`,
    ]);
    await Promise.all([...apis.map((a) => killAndWait(a.child, 'SIGTERM')), killAndWait(worker, 'SIGTERM')]);
  } finally {
    for (const c of cleanup) c();
    await db.drop();
    // BENCH_KEEP_LOGS=<folder>: keep the processes' logs and the acknowledgements for inspection.
    if (process.env.BENCH_KEEP_LOGS)
      cpSync(scratch, process.env.BENCH_KEEP_LOGS, { recursive: true, filter: (f) => !f.includes('/data') });
    rmSync(scratch, { recursive: true, force: true });
  }
  printTable('faults benchmark', summary);
}
