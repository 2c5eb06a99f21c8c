import { appendFileSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import type { Ack, Bucket, Kind, LoadClientConfig } from './load-types';

/**
 * The load of the `soak` and `faults` benchmarks, in its own process: a realistic mix sent to one or
 * more api instances through a load-balancer-like client.
 *
 * - Anonymous reads on every portal: home page, a category page, an item by slug, search (GraphQL
 *   POSTs, byte-identical per portal so that the response cache can answer them; a share of them
 *   carries an operation name of its own, a new cache key each time, so they go through the
 *   whole pipeline), and the RSS feed (GET /feeds/rss.xml, never cached in process).
 * - Signed-in editorial work: a writer creates an item, edits it, submits it; a board member takes it
 *   for review, the head approves, the member publishes (`transitionContent`); some flows instead
 *   edit an item published earlier in the run and take the new revision through the same steps.
 * - Citizens' questions (`askQuestion`) from rotating client addresses (X-Forwarded-For).
 *
 * Load balancing, as nginx does with its defaults: round robin; an instance that refuses or drops a
 * connection is marked down for `failTimeoutMs`; a request that could not be sent (connection
 * refused) and an idempotent GET are retried on the other instance; a POST already sent when its
 * connection broke is not retried (its outcome is unknown) and the client sees the error.
 *
 * argv[2]: a JSON file with the {@link LoadClientConfig}.
 *
 * Every mutation that answered success is appended to `ackFile` (its ids), so the benchmark can
 * check afterwards that every acknowledged write is in the database. Prints `READY` once signed
 * in, a line `B <json>` per 100 ms bucket (counts, latencies, error classes), `SAMPLE <json>` for
 * the first errors of each class, and `RESULT <json>` after `stop` is read on stdin.
 */
const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadClientConfig;
const BUCKET_MS = 100;

// ---------------------------------------------------------------- statistics

const buckets = new Map<number, Bucket>();
const totals: Record<Kind, [number, number]> = {
  cached: [0, 0],
  uncached: [0, 0],
  feed: [0, 0],
  write: [0, 0],
  ask: [0, 0],
};
const errorTotals: Record<string, number> = {};
const samples: Record<string, number> = {};
let failovers = 0;

function bucket(now = Date.now()): Bucket {
  const t = Math.floor(now / BUCKET_MS) * BUCKET_MS;
  let b = buckets.get(t);
  if (!b) {
    b = {
      t,
      k: { cached: [0, 0, []], uncached: [0, 0, []], feed: [0, 0, []], write: [0, 0, []], ask: [0, 0, []] },
      e: {},
      s: cfg.ports.map(() => 0),
      f: 0,
    };
    buckets.set(t, b);
  }
  return b;
}

function recordOk(kind: Kind, ms: number, target: number): void {
  const b = bucket();
  b.k[kind][0]++;
  b.k[kind][2].push(Math.round(ms * 100) / 100);
  b.s[target]++;
  totals[kind][0]++;
}

function recordError(kind: Kind, cls: string, message: string): void {
  const b = bucket();
  b.k[kind][1]++;
  b.e[cls] = (b.e[cls] ?? 0) + 1;
  totals[kind][1]++;
  errorTotals[cls] = (errorTotals[cls] ?? 0) + 1;
  if ((samples[cls] = (samples[cls] ?? 0) + 1) <= 5)
    process.stdout.write(
      `SAMPLE ${JSON.stringify({ t: Date.now(), kind, cls, message: message.slice(0, 400) })}\n`,
    );
}

function flush(all = false): void {
  const current = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
  const lines: string[] = [];
  for (const [t, b] of buckets) {
    if (!all && t >= current) continue;
    lines.push(`B ${JSON.stringify(b)}\n`);
    buckets.delete(t);
  }
  if (lines.length) process.stdout.write(lines.join(''));
}
const flusher = setInterval(() => flush(), 250);

function ack(a: Omit<Ack, 'at'>): void {
  appendFileSync(cfg.ackFile, `${JSON.stringify({ ...a, at: Date.now() })}\n`);
}

// ---------------------------------------------------------------- the load balancer

interface Upstream {
  port: number;
  agent: Agent;
  downUntil: number;
}
const upstreams: Upstream[] = cfg.ports.map((port) => ({
  port,
  agent: new Agent({ keepAlive: true, maxSockets: 256 }),
  downUntil: 0,
}));
let rr = 0;

function choose(tried: Set<number>): number | null {
  const now = Date.now();
  const n = upstreams.length;
  for (let i = 0; i < n; i++) {
    const j = (rr + i) % n;
    if (!tried.has(j) && upstreams[j].downUntil <= now) {
      rr = j + 1;
      return j;
    }
  }
  // Every instance left is marked down: try one anyway (as with a single upstream).
  for (let i = 0; i < n; i++) {
    const j = (rr + i) % n;
    if (!tried.has(j)) {
      rr = j + 1;
      return j;
    }
  }
  return null;
}

interface Answer {
  status: number;
  body: string;
  target: number;
}

class NetError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function once(
  target: number,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body: string | null,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const up = upstreams[target];
    const req = request(
      { host: '127.0.0.1', port: up.port, method, path, headers, agent: up.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), target }),
        );
        res.on('error', (e: NodeJS.ErrnoException) => reject(new NetError(e.message, e.code ?? 'ERESPONSE')));
      },
    );
    req.setTimeout(cfg.requestTimeoutMs, () => req.destroy(new NetError('request timed out', 'ETIMEDOUT')));
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(e instanceof NetError ? e : new NetError(e.message, e.code ?? 'ESOCKET')),
    );
    req.end(body ?? undefined);
  });
}

async function send(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body: string | null,
): Promise<Answer> {
  const tried = new Set<number>();
  let last: NetError | null = null;
  for (;;) {
    const target = choose(tried);
    if (target === null) throw last ?? new NetError('no upstream', 'ENOUPSTREAM');
    try {
      return await once(target, method, path, headers, body);
    } catch (e) {
      const error = e as NetError;
      last = error;
      tried.add(target);
      upstreams[target].downUntil = Date.now() + cfg.failTimeoutMs;
      // Not sent (refused), or safe to repeat (GET): the next instance gets it.
      if (error.code === 'ECONNREFUSED' || method === 'GET') {
        if (tried.size < upstreams.length) {
          failovers++;
          bucket().f++;
        }
        continue;
      }
      throw error;
    }
  }
}

function gql(host: string, body: string, extra: Record<string, string> = {}): Promise<Answer> {
  return send('POST', '/graphql', { host, 'content-type': 'application/json', ...extra }, body);
}

/** The error class of a GraphQL answer, or null when it succeeded. */
function gqlFailure(a: Answer): { cls: string; message: string } | null {
  if (a.status !== 200) return { cls: `http:${a.status}`, message: a.body.slice(0, 300) };
  if (!a.body.includes('"errors"')) return null;
  try {
    const e = (JSON.parse(a.body) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> })
      .errors?.[0];
    if (!e) return null;
    return { cls: `gql:${e.extensions?.code ?? 'NO_CODE'}`, message: e.message ?? a.body.slice(0, 300) };
  } catch {
    return { cls: 'gql:UNPARSEABLE', message: a.body.slice(0, 300) };
  }
}

// ---------------------------------------------------------------- anonymous reads

const HOME =
  '{ homePage { pinned { title slug } sections { category { name slug } items { title slug publishedAt } } } }';
const CATEGORY = (id: string) =>
  `{ publicItems(filter: { categoryId: "${id}", first: 20 }) { nodes { title slug publishedAt } pageInfo { endCursor hasNextPage } } }`;
const ITEM = (slug: string) =>
  `{ publicItem(slug: "${slug}") { id title summary bodyHtml authorName source publishedAt revisionNumber } }`;
const QUERIES = [
  'ke hoach',
  'thông báo',
  'chuyen doi so',
  'giáo dục',
  'giao thong',
  'đất đai',
  'y te',
  'du lịch',
];
const SEARCH = (q: string) => `{ search(query: "${q}", first: 20) { title slug publishedAt } }`;

let unique = 0;
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

async function readOnce(): Promise<void> {
  const r = Math.random();
  if (r < 0.15) {
    const host = pick(cfg.hosts);
    const path = Math.random() < 0.3 ? '/feeds/rss.xml?category=tin-tuc-su-kien' : '/feeds/rss.xml';
    const t0 = performance.now();
    try {
      const a = await send('GET', path, { host }, null);
      if (a.status === 200) recordOk('feed', performance.now() - t0, a.target);
      else recordError('feed', `http:${a.status}`, a.body.slice(0, 300));
    } catch (e) {
      recordError('feed', `net:${(e as NetError).code}`, (e as Error).message);
    }
    return;
  }
  let host: string;
  let query: string;
  if (r < 0.45) {
    host = pick(cfg.hosts);
    query = HOME;
  } else if (r < 0.65) {
    const s = pick(cfg.sections);
    host = s.host;
    query = CATEGORY(s.categoryId);
  } else if (r < 0.9) {
    const s = pick(cfg.slugs);
    host = s.host;
    query = ITEM(s.slug);
  } else {
    host = pick(cfg.hosts);
    query = SEARCH(pick(QUERIES));
  }
  const uncached = Math.random() < cfg.uncachedShare;
  const kind: Kind = uncached ? 'uncached' : 'cached';
  // The response cache keys a read on its document and declared variables only: a distinct
  // operation name makes a distinct document (the same answer), so the read misses and is kept.
  const body = JSON.stringify({ query: uncached ? `query U${++unique} ${query}` : query });
  const t0 = performance.now();
  try {
    const a = await gql(host, body);
    const failure = gqlFailure(a);
    if (failure) recordError(kind, failure.cls, failure.message);
    else recordOk(kind, performance.now() - t0, a.target);
  } catch (e) {
    recordError(kind, `net:${(e as NetError).code}`, (e as Error).message);
  }
}

// ---------------------------------------------------------------- signed-in editorial work

const tokens: Record<string, string> = {};
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;

async function login(who: 'writer' | 'member' | 'head'): Promise<void> {
  const a = cfg.accounts[who];
  const host = cfg.writeTargets[0].host;
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await gql(
        host,
        JSON.stringify({ query: LOGIN, variables: { u: a.username, p: a.password } }),
      );
      const token = (JSON.parse(answer.body).data?.login as { accessToken?: string } | undefined)
        ?.accessToken;
      if (token) {
        tokens[who] = token;
        return;
      }
      if (attempt > 20) throw new Error(`login ${a.username}: ${answer.body.slice(0, 300)}`);
    } catch (e) {
      if (attempt > 20) throw e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const ITEM_RESULT = `__typename ... on ContentItem { id working { id number status } live { id number } } ... on InputError { errorCode field }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM_RESULT} } }`;
const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM_RESULT} } }`;
const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) { ${ITEM_RESULT} } }`;

interface ItemAnswer {
  __typename: string;
  id: string;
  working: { id: string; number: number; status: string } | null;
  live: { id: string; number: number } | null;
  errorCode?: string;
}

/** One signed-in mutation; the item when it succeeded (and then acknowledged), null otherwise. */
async function mutate(
  who: 'writer' | 'member' | 'head',
  host: string,
  field: 'createContent' | 'editContent' | 'transitionContent',
  query: string,
  variables: Record<string, unknown>,
): Promise<ItemAnswer | null> {
  const t0 = performance.now();
  try {
    const a = await gql(host, JSON.stringify({ query, variables }), {
      authorization: `Bearer ${tokens[who]}`,
    });
    const failure = gqlFailure(a);
    if (failure) {
      recordError('write', failure.cls, `${field}: ${failure.message}`);
      if (failure.cls === 'gql:UNAUTHENTICATED') await login(who).catch(() => undefined);
      return null;
    }
    const item = (JSON.parse(a.body) as { data: Record<string, ItemAnswer> }).data[field];
    if (item.__typename !== 'ContentItem') {
      recordError('write', `input:${item.errorCode}`, `${field} ${JSON.stringify(variables).slice(0, 200)}`);
      return null;
    }
    recordOk('write', performance.now() - t0, a.target);
    return item;
  } catch (e) {
    recordError('write', `net:${(e as NetError).code}`, `${field}: ${(e as Error).message}`);
    return null;
  }
}

let running = true;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Items each editorial flow published (a flow re-edits only its own: two editors never save one item at once). */
const published: Array<Array<{ id: string; host: string }>> = [];
let itemSeq = 0;

async function editorialFlow(mine: Array<{ id: string; host: string }>): Promise<void> {
  const target = pick(cfg.writeTargets);
  const n = ++itemSeq;
  const stamp = `${process.pid}-${n}`;
  let itemId: string;
  let host = target.host;
  const revision = (title: string) => ({
    title,
    summary: `Tóm tắt tin vận hành ${stamp}.`,
    bodyHtml: `<p>Nội dung tin vận hành ${stamp}, cập nhật lúc ${new Date().toISOString()}.</p>`,
    authorName: 'Phòng Văn hóa',
    source: 'UBND',
    fields: { eventDate: '2026-11-20' },
  });
  const relive = mine.length > 2 && Math.random() < 0.3 ? pick(mine) : null;
  if (relive) {
    // A new revision of an item published earlier in the run.
    itemId = relive.id;
    host = relive.host;
    const edited = await mutate('writer', host, 'editContent', EDIT, {
      id: itemId,
      i: revision(`Cập nhật tin vận hành ${stamp}`),
    });
    if (!edited?.working) return;
    ack({ op: 'edit', itemId, revisionId: edited.working.id });
  } else {
    const created = await mutate('writer', host, 'createContent', CREATE, {
      i: {
        tenantId: target.tenantId,
        categoryId: target.categoryId,
        kind: 'NEWS',
        ...revision(`Tin vận hành số ${stamp}`),
      },
    });
    if (!created?.working) return;
    itemId = created.id;
    ack({ op: 'create', itemId, revisionId: created.working.id });
    await sleep(cfg.thinkMs);
    const edited = await mutate('writer', host, 'editContent', EDIT, {
      id: itemId,
      i: revision(`Tin vận hành số ${stamp} (đã sửa)`),
    });
    if (!edited?.working) return;
    ack({ op: 'edit', itemId, revisionId: edited.working.id });
  }
  for (const [who, action] of [
    ['writer', 'SUBMIT'],
    ['member', 'TAKE_FOR_REVIEW'],
    ['head', 'APPROVE'],
    ['member', 'PUBLISH'],
  ] as const) {
    if (!running) return;
    await sleep(cfg.thinkMs);
    const r = await mutate(who, host, 'transitionContent', TRANSITION, { id: itemId, a: action });
    if (!r) return;
    const revisionId = action === 'PUBLISH' ? r.live?.id : r.working?.id;
    ack({ op: 'transition', itemId, action, revisionId });
  }
  if (!relive) mine.push({ id: itemId, host });
}

async function writerLoop(): Promise<void> {
  const mine: Array<{ id: string; host: string }> = [];
  published.push(mine);
  while (running) {
    await editorialFlow(mine);
    await sleep(cfg.thinkMs);
  }
}

// ---------------------------------------------------------------- citizens' questions

const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
let asked = 0;
let asking = 0;

async function askOnce(): Promise<void> {
  const i = ++asked;
  const j = (process.pid * 7919 + i) % 16_000_000;
  const address = `10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255}`;
  const body = JSON.stringify({
    query: ASK,
    variables: {
      i: {
        type: 'QUESTION',
        name: 'Nguyễn Văn An',
        email: `nguoi${i}@example.vn`,
        topic: 'Hộ tịch',
        text: `Xin hỏi thủ tục đăng ký khai sinh cho con, câu hỏi số ${i}.`,
        proof: { website: '' },
      },
    },
  });
  const t0 = performance.now();
  asking++;
  try {
    const a = await gql(pick(cfg.hosts), body, { 'x-forwarded-for': address });
    const failure = gqlFailure(a);
    if (failure) return recordError('ask', failure.cls, failure.message);
    const r = (
      JSON.parse(a.body) as {
        data: { askQuestion: { __typename: string; trackingCode?: string; errorCode?: string } };
      }
    ).data.askQuestion;
    if (r.__typename !== 'QuestionReceipt')
      return recordError('ask', `input:${r.errorCode}`, a.body.slice(0, 300));
    recordOk('ask', performance.now() - t0, a.target);
    ack({ op: 'ask', trackingCode: r.trackingCode });
  } catch (e) {
    recordError('ask', `net:${(e as NetError).code}`, (e as Error).message);
  } finally {
    asking--;
  }
}

// ---------------------------------------------------------------- main

async function readLoop(): Promise<void> {
  while (running) await readOnce();
}

async function main(): Promise<void> {
  for (const who of ['writer', 'member', 'head'] as const) await login(who);
  process.stdout.write('READY\n');
  const loops: Array<Promise<void>> = [];
  for (let i = 0; i < cfg.readConnections; i++) loops.push(readLoop());
  for (let i = 0; i < cfg.writers; i++) loops.push(writerLoop());
  const asks: Array<Promise<void>> = [];
  const asker =
    cfg.askPerSecond > 0
      ? setInterval(() => {
          if (running && asking < 50) asks.push(askOnce());
        }, 1000 / cfg.askPerSecond)
      : null;
  await new Promise<void>((resolve) => {
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (line.trim() === 'stop') resolve();
    });
  });
  running = false;
  if (asker) clearInterval(asker);
  await Promise.race([Promise.all([...loops, ...asks]), sleep(cfg.requestTimeoutMs + 5000)]);
  clearInterval(flusher);
  flush(true);
  process.stdout.write(
    `RESULT ${JSON.stringify({ totals, errors: errorTotals, failovers, published: published.reduce((n, m) => n + m.length, 0) })}\n`,
  );
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`load client: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
