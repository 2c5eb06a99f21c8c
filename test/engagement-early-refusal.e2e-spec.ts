import type { Client } from 'pg';
import { startSeededApp } from './support/fixtures';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * The early refusal of a flooding address (PublicWriteRefusalMiddleware) answers exactly what the
 * full GraphQL pipeline answers — status, Retry-After, body — and steps aside for everything it
 * cannot prove the pipeline would refuse the same way.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn';
const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
  __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
const input = (n: number, extra: Record<string, unknown> = {}) => ({
  i: {
    type: 'QUESTION',
    name: 'Võ Văn Em',
    email: 'em@example.vn',
    topic: 'Đất đai',
    text: `Câu hỏi số ${n} về thủ tục cấp giấy chứng nhận.`,
    proof: { website: '' },
    ...extra,
  },
});

describe('engagement: early refusal of a flooding address', () => {
  let t: TestApp;
  let db: Client;
  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
  const count = async () => Number((await db.query('SELECT count(*) FROM questions')).rows[0].count);

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({
      trustProxy: true,
      publicWrites: { perAddress: 3, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    }, ['city']));
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('answers like the pipeline, stores nothing, and lets other addresses and other shapes through', async () => {
    const before = await count();
    for (let n = 0; n < 3; n++) {
      const ok = await t.gql(SAIGON, ASK, input(n), from('198.51.100.7'));
      expect(ok.body.data?.askQuestion?.__typename).toBe('QuestionReceipt');
    }
    // The first refusal comes from the pipeline, the following ones from the middleware.
    const refusals = [];
    for (let n = 3; n < 8; n++) refusals.push(await t.gql(SAIGON, ASK, input(n), from('198.51.100.7')));
    for (const r of refusals) {
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
      expect(r.body.data ?? null).toBeNull();
      expect(r.body.errors?.[0]).toMatchObject({
        path: ['askQuestion'],
        extensions: {
          code: 'RATE_LIMITED',
          status: 429,
          retryAfterSeconds: Number(r.headers['retry-after']),
        },
      });
      expect(r.body.errors).toHaveLength(1);
    }
    const shape = (b: unknown) =>
      JSON.stringify(b)
        .replace(/\d+ (giây|seconds)/g, 'N $1')
        .replace(/"retryAfterSeconds":\d+/g, '');
    expect(new Set(refusals.map((r) => shape(r.body))).size).toBe(1);
    expect(await count()).toBe(before + 3);

    // Another address is not affected; the same address is refused on other shapes by the pipeline.
    const other = await t.gql(SAIGON, ASK, input(9), from('198.51.100.8'));
    expect(other.body.data?.askQuestion?.__typename).toBe('QuestionReceipt');
    const aliased = await t.gql(
      SAIGON,
      `mutation($i: AskQuestionInput!) { q: askQuestion(input: $i) { __typename } }`,
      input(10),
      from('198.51.100.7'),
    );
    expect(aliased.status).toBe(429);
    expect(aliased.body.errors?.[0]).toMatchObject({ path: ['q'], extensions: { code: 'RATE_LIMITED' } });
    // A malformed request from the limited address still gets its own, truthful answer.
    const broken = await t.gql(
      SAIGON,
      `mutation { askQuestion(input: { type: QUESTION }) { __typename } }`,
      {},
      from('198.51.100.7'),
    );
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toContain('GRAPHQL_VALIDATION_FAILED');
    // Reads from the limited address are never refused.
    const read = await t.gql(SAIGON, '{ portal { nameVi } }', {}, from('198.51.100.7'));
    expect(read.status).toBe(200);
    expect(await count()).toBe(before + 4);
  });
});

describe('engagement: a flooding address waits for its refusals (tarpit)', () => {
  let t: TestApp;
  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

  beforeAll(async () => {
    t = await startTestApp({
      trustProxy: true,
      publicWrites: {
        perAddress: 1,
        perPortal: 1000,
        windowSeconds: 60,
        challenge: 'none',
        refusalDelayMs: 400,
        maxDelayedRefusals: 3,
      },
    });
    await t.apply(SMALL_TREES.city);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('holds the answer back, at most so many at once, while everyone else is answered at once', async () => {
    const flooder = from('198.51.100.20');
    expect((await t.gql(SAIGON, ASK, input(1), flooder)).status).toBe(200);
    // The pipeline's own refusal (it confirms the document) is not held back.
    let started = Date.now();
    expect((await t.gql(SAIGON, ASK, input(2), flooder)).status).toBe(429);
    expect(Date.now() - started).toBeLessThan(400);

    started = Date.now();
    const timed = async () => {
      const res = await t.gql(SAIGON, ASK, input(3), flooder);
      return { status: res.status, ms: Date.now() - started };
    };
    // Five at once: three wait (the bound), two are answered at once; another address meanwhile
    // is answered without waiting.
    const flood = Promise.all([timed(), timed(), timed(), timed(), timed()]);
    const otherStart = Date.now();
    const other = await t.gql(SAIGON, ASK, input(4), from('198.51.100.21'));
    const otherMs = Date.now() - otherStart;
    const answers = await flood;
    expect(other.body.data?.askQuestion?.__typename).toBe('QuestionReceipt');
    expect(otherMs).toBeLessThan(400);
    expect(answers.every((a) => a.status === 429)).toBe(true);
    const held = answers.filter((a) => a.ms >= 390).length;
    expect(held).toBe(3);
  });
});
