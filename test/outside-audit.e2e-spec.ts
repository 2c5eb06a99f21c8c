import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from 'pg';
import { AnonymousResponseCache } from '../apps/api/src/http/anonymous-response-cache';
import { SMALL_TREES, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Runs `task(i)` for i < count, `lanes` at a time. */
async function inLanes(count: number, lanes: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

describe('the anonymous response cache under a flood of distinct requests', () => {
  const BUDGET = 256 * 1024;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      responseCacheLimits: { maxBytes: BUDGET, maxEntryBytes: 64 * 1024, maxRequestBytes: 8 * 1024 },
    });
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('costs the process at most its byte budget, padded or not, and keeps what is read often', async () => {
    const cache = t.app.get(AnonymousResponseCache);
    const PORTAL = '{ portal { nameVi } }';
    const ITEM = 'query($slug: String!) { publicItem(slug: $slug) { title } }';
    const popular = async () => (await t.gql(CITY, PORTAL)).headers['x-cache'];
    // The tree just applied reaches the routing (and empties the cache) a moment later.
    let first = await popular();
    for (let i = 0; i < 50 && first !== 'HIT'; i++) first = await popular();
    expect(first).toBe('HIT');

    const popularReads: unknown[] = [];
    const before = heapUsed();
    // 2,500 reads of one cheap public query, each padded with a different unused 24 KB variable
    // (60 MB of request bodies), then 2,000 small reads that differ in a declared variable.
    await inLanes(2500, 8, async (i) => {
      const res = await t.gql(CITY, PORTAL, { pad: `${i}-${'x'.repeat(24 * 1024)}` });
      expect(res.body.data?.portal.nameVi).toBe('Thành phố Hồ Chí Minh');
      if (i % 100 === 0) popularReads.push(await popular());
    });
    await inLanes(2000, 8, async (i) => {
      const res = await t.gql(CITY, ITEM, { slug: `khong-co-${i}-${'y'.repeat(3000)}` });
      expect(res.body.data).toEqual({ publicItem: null });
      if (i % 100 === 0) popularReads.push(await popular());
    });
    const growth = heapUsed() - before;
    // What the heap kept is the budget plus noise, not the 60 MB the requests carried.
    expect(growth).toBeLessThan(BUDGET + 12 * 1024 * 1024);
    // The read asked throughout stayed (least recently used go first).
    expect(new Set(popularReads)).toEqual(new Set(['HIT']));

    // A distinct small read is kept (a second one is a hit); the padded ones never made entries.
    const slug = 'khong-co-lap-lai';
    await t.gql(CITY, ITEM, { slug });
    expect((await t.gql(CITY, ITEM, { slug })).headers['x-cache']).toBe('HIT');
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(BUDGET);
    expect(stats.entries).toBeGreaterThan(10);
    expect(stats.entries).toBeLessThan(2000);

    // Expired entries go on the sweep, whatever the budget.
    cache.store.sweep(Date.now() + 3600_000);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('keys a read on its declared variables only: padding does not make a new entry', async () => {
    const cache = t.app.get(AnonymousResponseCache);
    const QUERY = 'query($slug: String!) { publicItem(slug: $slug) { title } }';
    await t.gql(CITY, QUERY, { slug: 'mot-bai' });
    const entries = cache.stats().entries;
    const padded = await t.gql(CITY, QUERY, { slug: 'mot-bai', unused: 'z'.repeat(2000) });
    expect(padded.headers['x-cache']).toBe('HIT');
    // The same document spelled with other spacing and a comment is the same read.
    const respelled = await t.gql(
      CITY,
      `# đọc\nquery ( $slug : String! ) {\n  publicItem(slug: $slug) { title }\n}`,
      {
        slug: 'mot-bai',
      },
    );
    expect(respelled.headers['x-cache']).toBe('HIT');
    expect(cache.stats().entries).toBe(entries);
    // A different declared value is a different answer.
    expect((await t.gql(CITY, QUERY, { slug: 'bai-khac' })).headers['x-cache']).not.toBe('HIT');
  });
});

describe('login checks under concurrency, and per client address', () => {
  let t: TestApp;
  let db: Client;
  const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
    __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;
  const login = async (username: string, password: string, ip = '198.51.100.9') =>
    (await t.gql(CITY, LOGIN, { u: username, p: password }, { headers: { 'x-forwarded-for': ip } })).body.data
      ?.login as { __typename: string; errorCode?: string };
  const audited = async (action: string, username: string) =>
    Number(
      (
        await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = $1 AND after->>'username' = $2`, [
          action,
          username,
        ])
      ).rows[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp({
      trustProxy: true,
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, perAddress: 8 },
    });
    await t.apply(SMALL_TREES.city);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('60 wrong passwords at once for one account get exactly 5 password checks; the right one then is locked out', async () => {
    await t.createAccount({ username: 'dua.tranh', homeHost: CITY });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login('dua.tranh', `sai-mat-khau-${i}`, `192.0.2.${i + 1}`)),
    );
    expect(await audited('auth.login_failed', 'dua.tranh')).toBe(5);
    const codes = answers.map((a) => a.errorCode);
    expect(codes.filter((c) => c === 'LOGIN_LOCKED').length).toBeGreaterThanOrEqual(55);
    expect(codes.every((c) => c === 'INVALID_CREDENTIALS' || c === 'LOGIN_LOCKED')).toBe(true);
    expect((await login('dua.tranh', TEST_PASSWORD, '192.0.2.200')).errorCode).toBe('LOGIN_LOCKED');
    expect(await audited('auth.login', 'dua.tranh')).toBe(0);
  });

  it('one address (an IPv6 one by its /64) gets at most its failures across usernames; another address is not held', async () => {
    await t.createAccount({ username: 'nguoi.dung.khac', homeHost: CITY });
    // Eight failures for eight usernames, from eight addresses of one /64.
    for (let i = 1; i <= 8; i++)
      expect((await login(`doan-${i}`, 'sai-mat-khau', `2001:db8:7:1::${i}`)).errorCode).toBe(
        'INVALID_CREDENTIALS',
      );
    const refused = await login('doan-9', 'sai-mat-khau', '2001:db8:7:1:ffff::9');
    expect(refused.errorCode).toBe('LOGIN_THROTTLED');
    expect((await login('nguoi.dung.khac', TEST_PASSWORD, '2001:db8:7:1::42')).errorCode).toBe(
      'LOGIN_THROTTLED',
    );
    expect(await audited('auth.login_failed', 'doan-9')).toBe(0);
    // The next /64 and an IPv4 client are counted on their own.
    expect((await login('nguoi.dung.khac', TEST_PASSWORD, '2001:db8:7:2::1')).__typename).toBe('AuthSession');
    expect((await login('doan-10', 'sai-mat-khau', '198.51.100.77')).errorCode).toBe('INVALID_CREDENTIALS');
  });
});

describe('per-address limits on public writes group IPv6 clients by network', () => {
  let t: TestApp;
  const RATE = `mutation($i: RatePortalInput!) { ratePortal(input: $i) {
    __typename ... on PortalRatingReceipt { ratedOn } ... on InputError { errorCode field } } }`;
  const rate = (ip: string) =>
    t.gql(
      CITY,
      RATE,
      { i: { interface: 5, content: 4, quality: 4, support: 5 } },
      { headers: { 'x-forwarded-for': ip } },
    );

  afterEach(() => t?.close());

  it('counts every address of one /64 as one client (the prefix is configurable)', async () => {
    t = await startTestApp({
      trustProxy: true,
      publicWrites: {
        perAddress: 3,
        perPortal: 1000,
        windowSeconds: 60,
        challenge: 'none',
        refusalDelayMs: 0,
      },
    });
    await t.apply(SMALL_TREES.city);
    for (let i = 1; i <= 3; i++) expect((await rate(`2001:db8:aa:1::${i}`)).status).toBe(200);
    const limited = await rate('2001:db8:aa:1:1234:5678:9abc:def0');
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await rate('2001:db8:aa:2::1')).status).toBe(200);
    expect((await rate('203.0.113.8')).status).toBe(200);
  });

  it('a /48 prefix groups the whole site', async () => {
    t = await startTestApp({
      trustProxy: true,
      ipv6Prefix: 48,
      publicWrites: {
        perAddress: 2,
        perPortal: 1000,
        windowSeconds: 60,
        challenge: 'none',
        refusalDelayMs: 0,
      },
    });
    await t.apply(SMALL_TREES.city);
    expect((await rate('2001:db8:bb:1::1')).status).toBe(200);
    expect((await rate('2001:db8:bb:2::1')).status).toBe(200);
    expect((await rate('2001:db8:bb:3::1')).status).toBe(429);
  });
});
