import { createHmac } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { EngagementClock } from '../libs/engagement/src/consultations/engagement-clock';
import { AppConfig } from '../libs/platform/src';
import { TO_LIVE, advance, openDatabase } from './support/fixtures';
import { GqlResponse, SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Abuse: the gate in front of every public write (PublicWriteGuard), exercised through
 * `commentOnDraft` and `ratePortal`: the per-address and per-portal limits (HTTP 429, Retry-After,
 * RATE_LIMITED, nothing written), other addresses and portals unaffected, the honeypot, the local
 * challenge (missing, wrong, expired, tampered, right), oversize and markup input, and cross-tenant
 * attempts. Client addresses come from X-Forwarded-For (the apps trust the proxy here).
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } } }`;
const COMMENT = `mutation($i: CommentOnDraftInput!) { commentOnDraft(input: $i) {
  __typename ... on DraftCommentReceipt { id state } ... on InputError { errorCode field message } } }`;
const RATE = `mutation($i: RatePortalInput!) { ratePortal(input: $i) {
  __typename ... on PortalRatingReceipt { ratedOn } ... on InputError { errorCode field } } }`;
const MODERATE = `mutation($i: ModerateDraftCommentInput!) { moderateDraftComment(input: $i) {
  __typename ... on DraftComment { state } ... on InputError { errorCode field } } }`;
const CHALLENGE = `{ writeChallenge { token promptVi promptEn } }`;

type Result = { __typename: string; id?: string; errorCode?: string; field?: string };

interface Rig {
  t: TestApp;
  db: Client;
  /** A live draft document of Phường Sài Gòn, open for comment now. */
  draftId: string;
  /** Same, of Phường Bến Thành. */
  otherDraftId: string;
  tokens: Record<string, string>;
}

async function rig(publicWrites: Partial<AppConfig['publicWrites']>): Promise<Rig> {
  const t = await startTestApp({
    trustProxy: true,
    publicWrites: {
      perAddress: 1000,
      perPortal: 1000,
      windowSeconds: 60,
      challenge: 'none',
      ...publicWrites,
    },
  });
  await t.apply(SMALL_TREES.city);
  const db = await openDatabase(t);
  t.app.get(EngagementClock).now = () => new Date('2026-12-10T03:00:00.000Z');
  const tokens: Record<string, string> = {};
  const draftOf = async (host: string) => {
    const key = host.split('.')[0];
    tokens[`writer@${host}`] = await t.asUser(`writer.${key}`, Role.CONTRIBUTOR, host);
    tokens[`member@${host}`] = await t.asUser(`member.${key}`, Role.BOARD_MEMBER, host);
    const res = await t.gql<{ createContent: { id: string } }>(
      host,
      CREATE,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind: 'DRAFT_DOCUMENT',
          title: `Dự thảo kế hoạch chỉnh trang đô thị – ${key}`,
          bodyHtml: '<p>Toàn văn dự thảo.</p>',
          authorName: 'Văn phòng UBND',
          source: 'UBND',
          fields: { commentOpensAt: '2026-12-01T01:00:00Z', commentClosesAt: '2026-12-31T10:00:00Z' },
        },
      },
      { token: tokens[`writer@${host}`] },
    );
    const id = res.body.data!.createContent.id;
    await advance(t, id, TO_LIVE);
    return id;
  };
  return { t, db, draftId: await draftOf(SAIGON), otherDraftId: await draftOf(BENTHANH), tokens };
}

async function close(r: Rig | undefined): Promise<void> {
  await r?.db.end();
  await r?.t.close();
}

const commentInput = (itemId: string, extra: Record<string, unknown> = {}) => ({
  itemId,
  name: 'Phạm Thị Dung',
  email: 'dung@example.vn',
  text: 'Đề nghị bổ sung cây xanh trên đường Lê Lợi.',
  ...extra,
});

function resultOf<T extends Result>(res: GqlResponse, field: string): T {
  if (res.body.errors?.length || !res.body.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors ?? res.body)}`);
  return (res.body.data as Record<string, T>)[field];
}

const count = async (db: Client, table: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('engagement: limits and checks on public writes', () => {
  describe('rate limits (3 writes per address, per minute)', () => {
    let r: Rig;
    beforeAll(async () => {
      r = await rig({ perAddress: 3 });
    }, 120_000);
    afterAll(() => close(r));

    const comment = (ip: string, host = SAIGON, itemId = r.draftId) =>
      r.t.gql(host, COMMENT, { i: commentInput(itemId) }, { headers: { 'x-forwarded-for': ip } });

    it('the fourth write from one address is refused with 429, Retry-After and RATE_LIMITED; nothing is written', async () => {
      for (let i = 0; i < 3; i++) {
        const ok = await comment('203.0.113.7');
        expect(ok.status).toBe(200);
        expect(resultOf(ok, 'commentOnDraft').__typename).toBe('DraftCommentReceipt');
      }
      const before = await count(r.db, 'draft_comments');
      const limited = await comment('203.0.113.7');
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(limited.body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: retryAfter,
        status: 429,
      });
      expect(limited.body.errors?.[0]?.extensions?.messageVi).toContain('giây');
      expect(limited.body.data?.commentOnDraft ?? null).toBeNull();
      // The address is limited across portals and across kinds of write.
      const elsewhere = await comment('203.0.113.7', BENTHANH, r.otherDraftId);
      expect(elsewhere.status).toBe(429);
      const rating = await r.t.gql(
        SAIGON,
        RATE,
        { i: { interface: 5, content: 5, quality: 5, support: 5 } },
        { headers: { 'x-forwarded-for': '203.0.113.7' } },
      );
      expect(rating.status).toBe(429);
      expect(rating.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(await count(r.db, 'draft_comments')).toBe(before);
      expect(await count(r.db, 'portal_ratings')).toBe(0);
    });

    it('other addresses still get through while one is limited', async () => {
      for (let i = 0; i < 3; i++) await comment('203.0.113.8');
      expect((await comment('203.0.113.8')).status).toBe(429);
      const other = await comment('198.51.100.20');
      expect(other.status).toBe(200);
      expect(resultOf(other, 'commentOnDraft').__typename).toBe('DraftCommentReceipt');
      // A proxy chain: the client is the left-most address the trusted proxy forwards.
      const chained = await comment('198.51.100.21, 10.0.0.5');
      expect(chained.status).toBe(200);
      const rated = await r.t.gql(
        SAIGON,
        RATE,
        { i: { interface: 4, content: 4, quality: 4, support: 4 } },
        { headers: { 'x-forwarded-for': '198.51.100.22' } },
      );
      expect(resultOf(rated, 'ratePortal').__typename).toBe('PortalRatingReceipt');
    });

    it('reads are not limited', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await r.t.gql(SAIGON, CHALLENGE, {}, { headers: { 'x-forwarded-for': '203.0.113.7' } });
        expect(res.status).toBe(200);
        // No challenge on this platform.
        expect(res.body.data).toEqual({ writeChallenge: null });
      }
    });
  });

  describe('rate limits (4 writes per portal, per minute)', () => {
    let r: Rig;
    beforeAll(async () => {
      r = await rig({ perPortal: 4 });
    }, 120_000);
    afterAll(() => close(r));

    it("a portal's budget runs out whoever writes; other portals keep theirs", async () => {
      for (let i = 1; i <= 4; i++) {
        const ok = await r.t.gql(
          SAIGON,
          RATE,
          { i: { interface: 3, content: 3, quality: 3, support: 3 } },
          { headers: { 'x-forwarded-for': `192.0.2.${i}` } },
        );
        expect(resultOf(ok, 'ratePortal').__typename).toBe('PortalRatingReceipt');
      }
      const limited = await r.t.gql(
        SAIGON,
        COMMENT,
        { i: commentInput(r.draftId) },
        { headers: { 'x-forwarded-for': '192.0.2.99' } },
      );
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(await count(r.db, 'draft_comments')).toBe(0);
      expect(await count(r.db, 'portal_ratings')).toBe(4);
      const sibling = await r.t.gql(
        BENTHANH,
        COMMENT,
        { i: commentInput(r.otherDraftId) },
        { headers: { 'x-forwarded-for': '192.0.2.99' } },
      );
      expect(resultOf(sibling, 'commentOnDraft').__typename).toBe('DraftCommentReceipt');
    });
  });

  describe('honeypot, input and tenants', () => {
    let r: Rig;
    beforeAll(async () => {
      r = await rig({ perAddress: 2 });
    }, 120_000);
    afterAll(() => close(r));
    // Each write but the honeypot's from its own address: only the honeypot test spends one budget.
    let n = 0;
    const gql = (host: string, query: string, variables: Record<string, unknown>, token?: string) =>
      r.t.gql(host, query, variables, { token, headers: { 'x-forwarded-for': `198.18.0.${++n}` } });

    it('a filled honeypot is REJECTED and nothing is written (and no budget is used)', async () => {
      for (let i = 0; i < 8; i++) {
        const res = await r.t.gql(
          SAIGON,
          COMMENT,
          { i: commentInput(r.draftId, { proof: { website: 'http://spam.example' } }) },
          { headers: { 'x-forwarded-for': '203.0.113.50' } },
        );
        expect(resultOf(res, 'commentOnDraft')).toMatchObject({
          __typename: 'InputError',
          errorCode: 'REJECTED',
          field: 'website',
        });
      }
      const rating = await gql(SAIGON, RATE, {
        i: { interface: 1, content: 1, quality: 1, support: 1, proof: { website: 'x' } },
      });
      expect(resultOf(rating, 'ratePortal')).toMatchObject({ errorCode: 'REJECTED', field: 'website' });
      expect(await count(r.db, 'draft_comments')).toBe(0);
      expect(await count(r.db, 'portal_ratings')).toBe(0);
      // An empty honeypot is what people send.
      const ok = await r.t.gql(
        SAIGON,
        COMMENT,
        { i: commentInput(r.draftId, { proof: { website: '  ' } }) },
        { headers: { 'x-forwarded-for': '203.0.113.50' } },
      );
      expect(resultOf(ok, 'commentOnDraft').__typename).toBe('DraftCommentReceipt');
    });

    it('oversize text is a typed error; markup is stored as plain text', async () => {
      const big = await gql(SAIGON, COMMENT, { i: commentInput(r.draftId, { text: 'ả'.repeat(10_001) }) });
      expect(resultOf(big, 'commentOnDraft')).toMatchObject({ errorCode: 'TOO_LONG', field: 'text' });
      const huge = await gql(SAIGON, COMMENT, { i: commentInput(r.draftId, { text: '<i>'.repeat(50_000) }) });
      expect(resultOf(huge, 'commentOnDraft')).toMatchObject({ errorCode: 'TOO_LONG', field: 'text' });
      const marked = await gql(SAIGON, COMMENT, {
        i: commentInput(r.draftId, {
          name: '<svg onload=alert(1)>Hacker</svg>',
          text: '<img src=x onerror=alert(document.cookie)><a href="javascript:alert(1)">bấm vào</a> <style>body{}</style>đây',
        }),
      });
      const id = resultOf(marked, 'commentOnDraft').id;
      const row = (await r.db.query('SELECT name, text FROM draft_comments WHERE id = $1', [id])).rows[0];
      expect(row).toEqual({ name: 'Hacker', text: 'bấm vào đây' });
    });

    it("another portal's item through this host is NOT_FOUND; another portal's officer cannot moderate", async () => {
      const before = await count(r.db, 'draft_comments');
      const cross = await gql(BENTHANH, COMMENT, { i: commentInput(r.draftId) });
      expect(resultOf(cross, 'commentOnDraft')).toMatchObject({ errorCode: 'NOT_FOUND', field: 'itemId' });
      const parent = await gql(CITY, COMMENT, { i: commentInput(r.otherDraftId) });
      expect(resultOf(parent, 'commentOnDraft')).toMatchObject({ errorCode: 'NOT_FOUND' });
      expect(await count(r.db, 'draft_comments')).toBe(before);

      const own = await gql(SAIGON, COMMENT, { i: commentInput(r.draftId) });
      const id = resultOf(own, 'commentOnDraft').id;
      for (const host of [BENTHANH, SAIGON]) {
        const res = await r.t.gql(
          host,
          MODERATE,
          { i: { id, action: 'PUBLISH' } },
          { token: r.tokens[`member@${BENTHANH}`] },
        );
        expect(resultOf(res, 'moderateDraftComment')).toMatchObject({ errorCode: 'NOT_FOUND' });
      }
      expect((await r.db.query('SELECT state FROM draft_comments WHERE id = $1', [id])).rows[0].state).toBe(
        'PENDING',
      );
      const mine = await r.t.gql(
        SAIGON,
        MODERATE,
        { i: { id, action: 'PUBLISH' } },
        { token: r.tokens[`member@${SAIGON}`] },
      );
      expect(resultOf(mine, 'moderateDraftComment')).toMatchObject({ state: 'PUBLISHED' });
    });
  });

  describe('the local challenge', () => {
    let r: Rig;
    beforeAll(async () => {
      r = await rig({ challenge: 'local' });
    }, 120_000);
    afterAll(() => close(r));

    const challenge = async () => {
      const res = await r.t.gql(SAIGON, CHALLENGE, {});
      const c = (res.body.data as { writeChallenge: { token: string; promptVi: string; promptEn: string } })
        .writeChallenge;
      const [, a, b] = /^What is (\d+) plus (\d+)\?$/.exec(c.promptEn)!;
      expect(c.promptVi).toBe(`${a} cộng ${b} bằng bao nhiêu?`);
      return { token: c.token, answer: String(Number(a) + Number(b)) };
    };
    const send = (proof: Record<string, unknown> | null) =>
      r.t.gql(SAIGON, COMMENT, { i: commentInput(r.draftId, proof ? { proof } : {}) });
    const failed = { __typename: 'InputError', errorCode: 'CHALLENGE_FAILED', field: 'challengeAnswer' };

    it('missing, wrong, expired and tampered answers fail; nothing is written', async () => {
      const { token, answer } = await challenge();
      const [expires, nonce, signature] = token.split('.');
      const sign = (payload: string) =>
        createHmac('sha256', r.t.config.jwtSecret).update(`challenge:${payload}`).digest('base64url');
      const expired = `${Date.now() - 1000}.${nonce}`;
      const cases: Array<Record<string, unknown> | null> = [
        null,
        {},
        { challengeToken: token },
        { challengeAnswer: answer },
        { challengeToken: token, challengeAnswer: String(Number(answer) + 1) },
        { challengeToken: token, challengeAnswer: `${answer}0` },
        { challengeToken: token, challengeAnswer: 'mười' },
        // Signed correctly by someone holding the secret, but past its time.
        { challengeToken: `${expired}.${sign(`${expired}.${answer}`)}`, challengeAnswer: answer },
        // A later expiry with the old signature; another signature; a truncated token.
        { challengeToken: `${Number(expires) + 3_600_000}.${nonce}.${signature}`, challengeAnswer: answer },
        { challengeToken: `${expires}.${nonce}.${signature.slice(0, -2)}AA`, challengeAnswer: answer },
        { challengeToken: `${expires}.${nonce}`, challengeAnswer: answer },
        { challengeToken: 'garbage', challengeAnswer: answer },
      ];
      for (const proof of cases) {
        const res = await send(proof);
        expect({ proof, r: resultOf(res, 'commentOnDraft') }).toEqual({
          proof,
          r: expect.objectContaining(failed),
        });
      }
      const rating = await r.t.gql(SAIGON, RATE, {
        i: {
          interface: 5,
          content: 5,
          quality: 5,
          support: 5,
          proof: { challengeToken: token, challengeAnswer: '0' },
        },
      });
      expect(resultOf(rating, 'ratePortal')).toMatchObject({ errorCode: 'CHALLENGE_FAILED' });
      expect(await count(r.db, 'draft_comments')).toBe(0);
      expect(await count(r.db, 'portal_ratings')).toBe(0);
    });

    it('the right answer, read from the prompt, passes', async () => {
      const { token, answer } = await challenge();
      const ok = await send({ challengeToken: token, challengeAnswer: ` ${answer} ` });
      expect(resultOf(ok, 'commentOnDraft')).toMatchObject({ __typename: 'DraftCommentReceipt' });
      const next = await challenge();
      const rated = await r.t.gql(SAIGON, RATE, {
        i: {
          interface: 5,
          content: 4,
          quality: 4,
          support: 3,
          proof: { challengeToken: next.token, challengeAnswer: next.answer },
        },
      });
      expect(resultOf(rated, 'ratePortal').__typename).toBe('PortalRatingReceipt');
      expect(await count(r.db, 'draft_comments')).toBe(1);
    });
  });
});
