import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AnonymousResponseCache } from '../apps/api/src/http/anonymous-response-cache';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

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
