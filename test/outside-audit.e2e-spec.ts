import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from 'pg';
import { AnonymousResponseCache } from '../apps/api/src/http/anonymous-response-cache';
import { Role } from '../libs/access/src';
import { TO_LIVE, advance, startSeededApp } from './support/fixtures';
import { SMALL_TREES, TEST_PASSWORD, TestApp, productionSettings, startTestApp } from './support/test-app';

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
    // Its max-age may run out on a slow machine: then the read after the miss must hit, i.e. the
    // flood going on meanwhile does not push a just-used entry out.
    const popularAgain = async () => ((await popular()) === 'HIT' ? 'HIT' : popular());
    const before = heapUsed();
    // 2,000 reads of one cheap public query, each padded with a different unused 24 KB variable
    // (48 MB of request bodies), then 1,500 small reads that differ in a declared variable.
    await inLanes(2000, 8, async (i) => {
      const res = await t.gql(CITY, PORTAL, { pad: `${i}-${'x'.repeat(24 * 1024)}` });
      expect(res.body.data?.portal.nameVi).toBe('Thành phố Hồ Chí Minh');
      if (i % 100 === 0) popularReads.push(await popularAgain());
    });
    await inLanes(1500, 8, async (i) => {
      const res = await t.gql(CITY, ITEM, { slug: `khong-co-${i}-${'y'.repeat(3000)}` });
      expect(res.body.data).toEqual({ publicItem: null });
      if (i % 100 === 0) popularReads.push(await popularAgain());
    });
    const growth = heapUsed() - before;
    // What the heap kept is the budget plus noise, not the 48 MB the requests carried.
    expect(growth).toBeLessThan(BUDGET + 12 * 1024 * 1024);
    // The read asked throughout stayed (least recently used go first, the flood's entries).
    expect(new Set(popularReads)).toEqual(new Set(['HIT']));

    // A distinct small read is kept (a second one is a hit); the padded ones never made entries.
    const slug = 'khong-co-lap-lai';
    await t.gql(CITY, ITEM, { slug });
    expect((await t.gql(CITY, ITEM, { slug })).headers['x-cache']).toBe('HIT');
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(BUDGET);
    expect(stats.entries).toBeGreaterThan(10);
    expect(stats.entries).toBeLessThan(1500);

    // Expired entries go on the sweep, whatever the budget.
    cache.store.sweep(Date.now() + 3600_000);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  }, 180_000);

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
    ({ t, db } = await startSeededApp({
      trustProxy: true,
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, perAddress: 8 },
    }, ['city']));
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

describe('production validation messages name nothing of the schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(productionSettings());
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('suggest no field, argument, type, input field or enum value, in literals or in variables', async () => {
    const attempts: Array<[string, Record<string, unknown>?]> = [
      ['{ portl { nameVi } }'],
      ['{ portal { nameV } }'],
      ['{ publicItems(filtr: { kind: NEWS }) { nodes { title } } }'],
      ['{ publicItems(filter: { kid: NEWS }) { nodes { title } } }'],
      ['{ publicItems(filter: { kind: NEWZ }) { nodes { title } } }'],
      ['{ publicItems(filter: { kind: "NEWS" }) { nodes { title } } }'],
      ['query($f: PublicItemsFiltr) { publicItems(filter: $f) { nodes { title } } }', { f: {} }],
      ['query($k: ContentKind) { publicItems(filter: { kind: $k }) { nodes { title } } }', { k: 'NEWZ' }],
      ['query($k: ContentKind) { publicItems(filter: { kind: $k }) { nodes { title } } }', { k: 'news' }],
      [
        'query($f: PublicItemsFilter) { publicItems(filter: $f) { nodes { title } } }',
        { f: { kid: 'NEWS' } },
      ],
      [
        'query($f: PublicItemsFilter) { publicItems(filter: $f) { nodes { title } } }',
        { f: { kind: 'NEWZ' } },
      ],
      ['{ publicItems { nodes { ... on PublicIte { title } } } }'],
      ['mutation { logn(username: "a", password: "b") { __typename } }'],
    ];
    for (const [query, variables] of attempts) {
      const res = await t.gql(CITY, query, variables);
      expect(res.body.errors?.length ?? 0).toBeGreaterThan(0);
      expect(res.text).not.toMatch(/did you mean/i);
      expect(res.text).not.toMatch(/"NEWS"|PublicItemsFilter"|"title"|"nameVi"|"filter"|"kind"|"login"/);
    }
  });
});

describe('/metrics and the headers relays add', () => {
  for (const trustProxy of [false, true])
    describe(`TRUST_PROXY=${trustProxy}`, () => {
      let t: TestApp;
      beforeAll(async () => {
        t = await startTestApp({ trustProxy });
      });
      afterAll(() => t.close());
      const scrape = (headers: Record<string, string> = {}) =>
        t.http({ host: '127.0.0.1', path: '/metrics', headers });

      it('close it to a loopback relay naming any outside client, in any relay header', async () => {
        expect((await scrape()).status).toBe(200);
        const relayed: Array<Record<string, string>> = [
          { forwarded: 'for=203.0.113.7' },
          { forwarded: 'for="[2001:db8::7]:4711";proto=https' },
          { forwarded: 'for=127.0.0.1, for=203.0.113.7' },
          { forwarded: 'for=unknown' },
          { forwarded: 'for=_hidden' },
          { 'true-client-ip': '203.0.113.7' },
          { 'cf-connecting-ip': '203.0.113.7' },
          { 'x-client-ip': '203.0.113.7' },
          { 'x-cluster-client-ip': '203.0.113.7' },
          { 'fastly-client-ip': '203.0.113.7' },
          { 'x-original-forwarded-for': '203.0.113.7' },
          { 'x-forwarded-for': '203.0.113.7' },
          { 'x-real-ip': '203.0.113.7:5555' },
          { 'x-forwarded-for': '127.0.0.1', 'cf-connecting-ip': '203.0.113.7' },
        ];
        for (const headers of relayed) {
          const res = await scrape(headers);
          expect([JSON.stringify(headers), res.status]).toEqual([JSON.stringify(headers), 404]);
          expect(res.text).not.toContain('portal_');
        }
        // Relays for allowed addresses (a local scraper behind the same proxy) still pass.
        expect((await scrape({ forwarded: 'for=127.0.0.1;proto=http' })).status).toBe(200);
        expect((await scrape({ 'x-real-ip': '127.0.0.1', 'x-forwarded-proto': 'https' })).status).toBe(200);
      });
    });
});

describe('shared caches and the language of an answer', () => {
  let t: TestApp;
  let slug = '';
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    const writer = await t.asUser('writer.vary', Role.CONTRIBUTOR, CITY);
    const created = await t.gql(
      CITY,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id slug } } }`,
      {
        i: {
          tenantId: t.tenant(CITY).id,
          kind: 'NEWS',
          title: 'Thông báo lịch tiếp công dân',
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Văn phòng',
          source: 'UBND',
        },
      },
      { token: writer },
    );
    const item = created.body.data!.createContent as { id: string; slug: string };
    await advance(t, item.id, TO_LIVE);
    slug = item.slug;
  });
  afterAll(() => t.close());

  const varies = (res: { headers: Record<string, unknown> }) =>
    String(res.headers.vary ?? '')
      .split(',')
      .map((v) => v.trim().toLowerCase());

  it('every cacheable answer varies on Accept-Language and X-Portal-Locale (GraphQL also on Accept), fresh or from the cache', async () => {
    // The locale does change these answers (the website takes it from the address: `/en`).
    const vi = await t.http({ host: CITY, path: '/', headers: { 'accept-language': 'vi' } });
    const en = await t.http({ host: CITY, path: '/en/', headers: { 'accept-language': 'en' } });
    expect(vi.text).toContain('Thành phố Hồ Chí Minh');
    expect(en.text).toContain('Ho Chi Minh City');

    const QUERY = '{ portal { nameVi nameEn } }';
    const answers: Array<[string, { status: number; headers: Record<string, unknown> }]> = [];
    let graphql = await t.gql(CITY, QUERY);
    for (let i = 0; i < 50 && graphql.headers['x-cache'] !== 'HIT'; i++) graphql = await t.gql(CITY, QUERY);
    expect(graphql.headers['x-cache']).toBe('HIT');
    answers.push(['graphql POST (cached)', graphql]);
    answers.push([
      'graphql POST (en)',
      await t.gql(CITY, QUERY, undefined, { headers: { 'x-portal-locale': 'en' } }),
    ]);
    answers.push([
      'graphql GET',
      await t.http({ host: CITY, path: `/graphql?query=${encodeURIComponent(QUERY)}` }),
    ]);
    answers.push(['graphql /en', await t.http({ host: CITY, path: '/en/graphql', body: { query: QUERY } })]);
    for (const [name, res] of answers) {
      expect([name, res.status]).toEqual([name, 200]);
      expect([name, String(res.headers['cache-control'])]).toEqual([name, expect.stringMatching(/public/)]);
      expect([name, varies(res)]).toEqual([
        name,
        expect.arrayContaining(['origin', 'accept-language', 'x-portal-locale', 'accept']),
      ]);
    }
    const pages: Array<[string, { status: number; headers: Record<string, unknown> }]> = [
      ['home', vi],
      ['home /en', await t.http({ host: CITY, path: '/en/' })],
      ['print', await t.http({ host: CITY, path: `/print/${slug}` })],
      ['rss', await t.http({ host: CITY, path: '/feeds/rss.xml' })],
      ['atom /en', await t.http({ host: CITY, path: '/en/feeds/atom.xml' })],
      ['json feed', await t.http({ host: CITY, path: '/feeds/feed.json' })],
    ];
    for (const [name, res] of pages) {
      expect([name, res.status]).toEqual([name, 200]);
      expect([name, String(res.headers['cache-control'])]).toEqual([name, expect.stringMatching(/public/)]);
      expect([name, varies(res)]).toEqual([
        name,
        expect.arrayContaining(['origin', 'accept-language', 'x-portal-locale']),
      ]);
    }
  });
});

describe('the GraphQL media-type rule, whatever the request target', () => {
  let t: TestApp;
  let db: Client;
  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('refuses a form-encoded POST with 415 on every target form Express routes to GraphQL; nothing runs', async () => {
    const form = `query=${encodeURIComponent('mutation { login(username: "ke.gia.mao", password: "sai-mat-khau") { __typename } }')}`;
    const targets = [
      '/graphql',
      `http://${CITY}/graphql`,
      `HTTP://${CITY}/graphql?x=1`,
      `http://${CITY}:80/graphql#frag`,
      '/graphql#x',
      '/graphql#/../other',
      '/GraphQL',
      '/graphql/',
      `http://${CITY}/GRAPHQL/`,
      '/en/graphql#x',
    ];
    for (const path of targets) {
      for (const type of [
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await t.http({
          host: CITY,
          method: 'POST',
          path,
          body: form,
          headers: { 'content-type': type, 'content-length': String(Buffer.byteLength(form)) },
        });
        expect([path, type, res.status]).toEqual([path, type, 415]);
      }
    }
    const ran = await db.query(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'auth.%'`);
    expect(Number(ran.rows[0].n)).toBe(0);
    // The same mutation as JSON on an absolute-form target runs (the rule is about the media type).
    const json = await t.http({
      host: CITY,
      path: `http://${CITY}/graphql`,
      body: { query: 'mutation { login(username: "ke.gia.mao", password: "sai-mat-khau") { __typename } }' },
    });
    expect(json.status).toBe(200);
  });
});

describe('what an access token and a suspended account tell', () => {
  let t: TestApp;
  let db: Client;
  const ME = '{ me { id } }';
  const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) {
    __typename ... on AuthSession { accessToken refreshToken } ... on InputError { errorCode } } }`;
  const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
    __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;
  const meWith = async (token: string) => {
    const res = await t.gql(CITY, ME, undefined, { token });
    return res.body.data?.me?.id ?? res.body.errors?.[0]?.extensions?.code;
  };
  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('an access token stops working when its session is refreshed or logged out, not at its expiry', async () => {
    const id = await t.createAccount({ username: 'phien.lam.viec', homeHost: CITY });
    const first = await t.login('phien.lam.viec', CITY);
    expect(await meWith(first.accessToken)).toBe(id);
    const refreshed = (await t.gql(CITY, REFRESH, { r: first.refreshToken })).body.data!.refreshSession;
    expect(refreshed.__typename).toBe('AuthSession');
    expect(await meWith(first.accessToken)).toBe('UNAUTHENTICATED');
    expect(await meWith(refreshed.accessToken)).toBe(id);
    await t.gql(CITY, 'mutation { logout }', undefined, { token: refreshed.accessToken });
    expect(await meWith(refreshed.accessToken)).toBe('UNAUTHENTICATED');
  });

  it('a suspended account: a wrong password is just wrong, the right one is told the suspension, both counted', async () => {
    const id = await t.createAccount({ username: 'tam.khoa', homeHost: CITY });
    await db.query(`UPDATE accounts SET status = 'SUSPENDED' WHERE id = $1`, [id]);
    const login = async (password: string) =>
      (await t.gql(CITY, LOGIN, { u: 'tam.khoa', p: password })).body.data!.login.errorCode;
    expect(await login('sai-mat-khau-1')).toBe('INVALID_CREDENTIALS');
    expect(await login(TEST_PASSWORD)).toBe('ACCOUNT_SUSPENDED');
    // Every check, the right one included, comes out of the same lockout budget (5).
    for (let i = 0; i < 3; i++)
      expect(await login(`sai-mat-khau-x${i}`)).toMatch(/INVALID_CREDENTIALS|LOGIN_LOCKED/);
    expect(await login(TEST_PASSWORD)).toBe('LOGIN_LOCKED');
  });
});
