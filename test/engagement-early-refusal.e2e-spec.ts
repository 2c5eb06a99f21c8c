import { Client } from 'pg';
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
    t = await startTestApp({
      trustProxy: true,
      publicWrites: { perAddress: 3, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
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
