import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { WorkflowAction } from '../libs/editorial/src';
import { EngagementClock } from '../libs/engagement/src/consultations/engagement-clock';
import { Cast, TO_LIVE, advance, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * A draft document opens and closes for comment at
 * its exact instants, comments wait for the board and only published ones show (never an email),
 * the portal's visibility setting, the summary after closing, ratings aggregated per month, quarter
 * and year in Vietnamese time, every bad input, and cross-tenant attempts. The engagement clock is
 * set by the test so that each edge is hit to the millisecond; everything else is real (HTTP,
 * PostgreSQL). Limits on public writes are raised here; engagement-abuse.e2e-spec.ts tests them.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

const OPENS = '2026-12-01T01:00:00.000Z'; // 08:00 on 1 December in Hanoi time
const CLOSES = '2026-12-31T10:00:00.000Z'; // 17:00 on 31 December

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id slug } ... on InputError { errorCode field } } }`;
const COMMENT = `mutation($i: CommentOnDraftInput!) { commentOnDraft(input: $i) {
  __typename ... on DraftCommentReceipt { id itemId state receivedAt } ... on InputError { errorCode field message messageVi } } }`;
const CONSULTATION = `query($id: ID, $slug: String) { consultation(itemId: $id, slug: $slug) {
  itemId tenantId title opensAt closesAt status commentVisibility received published summaryHtml summaryPublishedAt } }`;
const PUBLIC_COMMENTS = `query($id: ID, $first: Int, $after: String) { draftComments(itemId: $id, first: $first, after: $after) {
  nodes { id name organisation text createdAt } pageInfo { hasNextPage endCursor } } }`;
const QUEUE = `query($f: DraftCommentQueueFilter) { draftCommentQueue(filter: $f) {
  nodes { id tenantId itemId viaTenantId name email organisation text state reason } pageInfo { hasNextPage endCursor } } }`;
const MODERATE = `mutation($i: ModerateDraftCommentInput!) { moderateDraftComment(input: $i) {
  __typename ... on DraftComment { id state reason moderatedBy } ... on InputError { errorCode field } } }`;
const SUMMARY = `mutation($id: ID!, $html: String!) { publishConsultationSummary(itemId: $id, summaryHtml: $html) {
  __typename ... on ConsultationSummary { itemId summaryHtml publishedAt } ... on InputError { errorCode field } } }`;
const VISIBILITY = `mutation($v: CommentVisibility!, $t: ID) { setCommentVisibility(visibility: $v, tenantId: $t) {
  __typename ... on ConsultationSettings { tenantId commentVisibility } ... on InputError { errorCode field } } }`;
const PROPOSE = `mutation($item: ID!) { proposeSyndication(itemId: $item) { __typename ... on Syndication { id } ... on InputError { errorCode } } }`;
const ACCEPT = `mutation($i: AcceptSyndicationInput!) { acceptSyndication(input: $i) { __typename ... on Syndication { id state } } }`;
const RATE = `mutation($i: RatePortalInput!) { ratePortal(input: $i) {
  __typename ... on PortalRatingReceipt { ratedOn interface content quality support } ... on InputError { errorCode field } } }`;
const RATINGS = `query($p: RatingPeriod!, $from: String!, $to: String!, $t: ID) { portalRatings(period: $p, from: $from, to: $to, tenantId: $t) {
  label periodStart count overall averages { interface content quality support } } }`;
const RATING_SUMMARY = `{ portalRatingSummary { count overall averages { interface content quality support } } }`;

type Receipt = {
  __typename: string;
  id: string;
  state: string;
  errorCode?: string;
  field?: string;
  messageVi?: string;
};
type Moderated = {
  __typename: string;
  id: string;
  state: string;
  reason: string | null;
  moderatedBy?: string | null;
  errorCode?: string;
  field?: string;
};

describe('engagement: consultations on draft documents, and portal ratings', () => {
  let t: TestApp;
  let db: Client;
  let clock: EngagementClock;
  const cast = new Cast(() => t);
  const { tokens, accounts } = cast;

  const { gql } = cast;
  const errorCodeOf = async (host: string, query: string, variables: Record<string, unknown>, who?: string) =>
    (await t.gql(host, query, variables, { token: who ? tokens[who] : null })).body.errors?.[0]?.extensions
      ?.code;

  /** The engagement clock stands at this instant until the next call. */
  const at = (iso: string) => {
    clock.now = () => new Date(iso);
  };
  const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  let seq = 0;
  const publish = async (itemId: string) => {
    await advance(t, itemId, TO_LIVE);
  };
  /** A live draft document of `host`, open for comment from `opens` to `closes`. */
  const draft = async (host: string, opens = OPENS, closes = CLOSES, kind = 'DRAFT_DOCUMENT') => {
    seq++;
    const created = await gql<{ createContent: { __typename: string; id: string; slug: string } }>(
      host,
      CREATE,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind,
          title: `Dự thảo Quy chế tiếp công dân số ${seq} – ${host.split('.')[0]}`,
          bodyHtml: '<p>Toàn văn dự thảo quy chế, lấy ý kiến nhân dân.</p>',
          authorName: 'Văn phòng UBND',
          source: 'UBND',
          fields:
            kind === 'DRAFT_DOCUMENT'
              ? { commentOpensAt: opens, commentClosesAt: closes, issuer: 'UBND phường' }
              : { eventDate: '2026-11-20' },
        },
      },
      `writer@${host}`,
    );
    expect(created.createContent.__typename).toBe('ContentItem');
    await publish(created.createContent.id);
    return created.createContent;
  };
  const comment = async (host: string, input: Record<string, unknown>) =>
    (
      await gql<{ commentOnDraft: Receipt }>(host, COMMENT, {
        i: {
          name: 'Nguyễn Văn An',
          email: 'an.nguyen@example.vn',
          text: 'Đề nghị bổ sung giờ tiếp dân buổi tối.',
          ...input,
        },
      })
    ).commentOnDraft;
  const moderate = async (who: string, input: Record<string, unknown>, host = who.split('@')[1]) =>
    (await gql<{ moderateDraftComment: Moderated }>(host, MODERATE, { i: input }, who)).moderateDraftComment;
  const consultation = async (host: string, itemId: string) =>
    (await gql<{ consultation: Record<string, unknown> | null }>(host, CONSULTATION, { id: itemId }))
      .consultation;
  const publicComments = async (host: string, itemId: string) =>
    (
      await gql<{ draftComments: { nodes: Array<Record<string, unknown>> } }>(host, PUBLIC_COMMENTS, {
        id: itemId,
      })
    ).draftComments.nodes;
  const countComments = async (itemId: string) =>
    (await db.query('SELECT count(*)::int AS n FROM draft_comments WHERE item_id = $1', [itemId])).rows[0]
      .n as number;

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({
      trustProxy: true,
      publicWrites: { perAddress: 100_000, perPortal: 100_000, windowSeconds: 60, challenge: 'none' },
    }, ['city']));
    clock = t.app.get(EngagementClock);
    const { grant } = cast;
    for (const host of [CITY, SAIGON, BENTHANH]) {
      await grant(`writer@${host}`, Role.CONTRIBUTOR, host);
      await grant(`member@${host}`, Role.BOARD_MEMBER, host);
      await grant(`head@${host}`, Role.BOARD_HEAD, host);
    }
    await grant(`owner@${SAIGON}`, Role.OWNER, SAIGON);
    await grant(`operator@${CITY}`, Role.OPERATOR, CITY, RoleScope.SUBTREE);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('the comment period', () => {
    it('opens at commentOpensAt exactly and closes at commentClosesAt exactly, with clear typed errors', async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, -1));
      const early = await comment(SAIGON, { itemId: d.id });
      expect(early).toMatchObject({
        __typename: 'InputError',
        errorCode: 'COMMENTS_NOT_OPEN',
        field: 'commentOpensAt',
      });
      expect(early.messageVi).toContain('08:00 ngày 01/12/2026');
      expect(await consultation(SAIGON, d.id)).toMatchObject({ status: 'UPCOMING', received: 0 });

      at(OPENS);
      expect(await comment(SAIGON, { itemId: d.id })).toMatchObject({
        __typename: 'DraftCommentReceipt',
        state: 'PENDING',
      });
      expect(await consultation(SAIGON, d.id)).toMatchObject({ status: 'OPEN' });

      at(plus(CLOSES, -1));
      expect(await comment(SAIGON, { slug: d.slug })).toMatchObject({
        __typename: 'DraftCommentReceipt',
        state: 'PENDING',
      });

      at(CLOSES);
      const late = await comment(SAIGON, { itemId: d.id });
      expect(late).toMatchObject({
        __typename: 'InputError',
        errorCode: 'COMMENTS_CLOSED',
        field: 'commentClosesAt',
      });
      expect(late.messageVi).toContain('17:00 ngày 31/12/2026');
      at(plus(CLOSES, 86_400_000));
      expect((await comment(SAIGON, { itemId: d.id })).errorCode).toBe('COMMENTS_CLOSED');

      expect(await countComments(d.id)).toBe(2);
      expect(await consultation(SAIGON, d.id)).toMatchObject({
        itemId: d.id,
        tenantId: t.tenant(SAIGON).id,
        opensAt: OPENS,
        closesAt: CLOSES,
        status: 'CLOSED',
        received: 2,
        published: 0,
        summaryHtml: null,
      });
      // Not a consultation: no consultation info.
      const news = await draft(SAIGON, OPENS, CLOSES, 'NEWS');
      expect(await consultation(SAIGON, news.id)).toBeNull();
    });
  });

  describe('moderation', () => {
    it('comments wait for the board; only published ones show, without email; every step is audited', async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 3_600_000));
      const a = await comment(SAIGON, {
        itemId: d.id,
        name: 'Trần Thị Bình',
        email: 'binh@example.vn',
        organisation: 'Hội Luật gia phường',
        text: 'Điều 3 cần ghi rõ thời hạn trả lời.\n\nĐiều 5 nên bỏ.',
      });
      at(plus(OPENS, 3_600_001));
      const b = await comment(SAIGON, { itemId: d.id, text: 'Nội dung quảng cáo không liên quan.' });
      at(plus(OPENS, 3_600_002));
      const c = await comment(SAIGON, { itemId: d.id, name: 'Lê Văn Cường', text: 'Đồng ý với dự thảo.' });
      expect(await publicComments(SAIGON, d.id)).toEqual([]);

      const queue = await gql<{ draftCommentQueue: { nodes: Array<Record<string, unknown>> } }>(
        SAIGON,
        QUEUE,
        { f: { itemId: d.id, state: 'PENDING' } },
        `member@${SAIGON}`,
      );
      expect(queue.draftCommentQueue.nodes.map((n) => n.id)).toEqual([a.id, b.id, c.id]);
      expect(queue.draftCommentQueue.nodes[0]).toMatchObject({
        email: 'binh@example.vn',
        organisation: 'Hội Luật gia phường',
        tenantId: t.tenant(SAIGON).id,
        viaTenantId: t.tenant(SAIGON).id,
      });

      expect(await moderate(`member@${SAIGON}`, { id: a.id, action: 'PUBLISH' })).toMatchObject({
        __typename: 'DraftComment',
        state: 'PUBLISHED',
        moderatedBy: accounts[`member@${SAIGON}`],
      });
      expect(await moderate(`member@${SAIGON}`, { id: b.id, action: 'REJECT' })).toMatchObject({
        errorCode: 'REASON_REQUIRED',
        field: 'reason',
      });
      expect(
        await moderate(`member@${SAIGON}`, { id: b.id, action: 'REJECT', reason: '<b>Quảng cáo</b>' }),
      ).toMatchObject({
        state: 'REJECTED',
        reason: 'Quảng cáo',
      });
      expect(await moderate(`head@${SAIGON}`, { id: c.id, action: 'PUBLISH' })).toMatchObject({
        state: 'PUBLISHED',
      });
      // The state machine: a rejected comment is not published, a published one not published twice.
      expect(await moderate(`head@${SAIGON}`, { id: b.id, action: 'PUBLISH' })).toMatchObject({
        errorCode: 'INVALID_TRANSITION',
        field: 'action',
      });
      expect((await moderate(`head@${SAIGON}`, { id: a.id, action: 'PUBLISH' })).errorCode).toBe(
        'INVALID_TRANSITION',
      );

      const res = await t.gql(SAIGON, PUBLIC_COMMENTS, { id: d.id });
      const nodes = (res.body.data as { draftComments: { nodes: Array<Record<string, unknown>> } })
        .draftComments.nodes;
      expect(nodes).toEqual([
        expect.objectContaining({
          id: a.id,
          name: 'Trần Thị Bình',
          organisation: 'Hội Luật gia phường',
          text: 'Điều 3 cần ghi rõ thời hạn trả lời.\n\nĐiều 5 nên bỏ.',
        }),
        expect.objectContaining({ id: c.id, name: 'Lê Văn Cường', organisation: null }),
      ]);
      expect(res.text).not.toContain('@example.vn');
      // Asking for the email of a public comment is not even a valid query.
      const email = await t.gql(SAIGON, `query($id: ID) { draftComments(itemId: $id) { nodes { email } } }`, {
        id: d.id,
      });
      expect(email.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      // Paging, oldest first.
      const first = await gql<{
        draftComments: {
          nodes: Array<{ id: string }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }>(SAIGON, PUBLIC_COMMENTS, { id: d.id, first: 1 });
      expect(first.draftComments.nodes.map((n) => n.id)).toEqual([a.id]);
      expect(first.draftComments.pageInfo.hasNextPage).toBe(true);
      const second = await gql<{ draftComments: { nodes: Array<{ id: string }> } }>(SAIGON, PUBLIC_COMMENTS, {
        id: d.id,
        first: 1,
        after: first.draftComments.pageInfo.endCursor,
      });
      expect(second.draftComments.nodes.map((n) => n.id)).toEqual([c.id]);
      expect(await errorCodeOf(SAIGON, PUBLIC_COMMENTS, { id: d.id, after: 'garbage' })).toBe(
        'INVALID_CURSOR',
      );

      expect(await consultation(SAIGON, d.id)).toMatchObject({ received: 3, published: 2 });

      // A published comment can be taken down, with a reason.
      expect(
        await moderate(`member@${SAIGON}`, { id: c.id, action: 'REJECT', reason: 'Trùng lặp' }),
      ).toMatchObject({
        state: 'REJECTED',
      });
      expect((await publicComments(SAIGON, d.id)).map((n) => n.id)).toEqual([a.id]);

      const audit = await db.query(
        `SELECT action, tenant_id, actor_account_id FROM audit_log WHERE subject_type = 'Comment' AND subject_id = ANY($1) ORDER BY id`,
        [[a.id, b.id, c.id]],
      );
      expect(audit.rows.map((r) => r.action)).toEqual([
        'comment.publish',
        'comment.reject',
        'comment.publish',
        'comment.reject',
      ]);
      expect(new Set(audit.rows.map((r) => r.tenant_id))).toEqual(new Set([t.tenant(SAIGON).id]));
    });

    it('only the board moderates: owners read, contributors neither', async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 1000));
      const c = await comment(SAIGON, { itemId: d.id });
      const ownerQueue = await gql<{ draftCommentQueue: { nodes: Array<{ id: string }> } }>(
        SAIGON,
        QUEUE,
        { f: { itemId: d.id } },
        `owner@${SAIGON}`,
      );
      expect(ownerQueue.draftCommentQueue.nodes.map((n) => n.id)).toEqual([c.id]);
      expect(
        await errorCodeOf(SAIGON, MODERATE, { i: { id: c.id, action: 'PUBLISH' } }, `owner@${SAIGON}`),
      ).toBe('FORBIDDEN');
      expect(
        await errorCodeOf(SAIGON, MODERATE, { i: { id: c.id, action: 'PUBLISH' } }, `writer@${SAIGON}`),
      ).toBe('FORBIDDEN');
      expect(await errorCodeOf(SAIGON, QUEUE, { f: {} }, `writer@${SAIGON}`)).toBe('FORBIDDEN');
      expect(await errorCodeOf(SAIGON, QUEUE, { f: {} })).toBe('UNAUTHENTICATED');
      expect(await errorCodeOf(SAIGON, MODERATE, { i: { id: c.id, action: 'PUBLISH' } })).toBe(
        'UNAUTHENTICATED',
      );
      // The city's operator (SUBTREE) reads the ward's comments but does not moderate them.
      const op = await gql<{ draftCommentQueue: { nodes: Array<{ id: string }> } }>(
        CITY,
        QUEUE,
        { f: { tenantId: t.tenant(SAIGON).id, itemId: d.id } },
        `operator@${CITY}`,
      );
      expect(op.draftCommentQueue.nodes.map((n) => n.id)).toEqual([c.id]);
      expect(
        await errorCodeOf(CITY, MODERATE, { i: { id: c.id, action: 'PUBLISH' } }, `operator@${CITY}`),
      ).toBe('FORBIDDEN');
      expect((await db.query('SELECT state FROM draft_comments WHERE id = $1', [c.id])).rows[0].state).toBe(
        'PENDING',
      );
    });

    it("the portal's visibility setting hides or shows published comments", async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 1000));
      const c = await comment(SAIGON, { itemId: d.id });
      await moderate(`member@${SAIGON}`, { id: c.id, action: 'PUBLISH' });
      expect(await publicComments(SAIGON, d.id)).toHaveLength(1);
      const hidden = await gql<{ setCommentVisibility: Record<string, unknown> }>(
        SAIGON,
        VISIBILITY,
        { v: 'HIDDEN' },
        `head@${SAIGON}`,
      );
      expect(hidden.setCommentVisibility).toEqual({
        __typename: 'ConsultationSettings',
        tenantId: t.tenant(SAIGON).id,
        commentVisibility: 'HIDDEN',
      });
      expect(await publicComments(SAIGON, d.id)).toEqual([]);
      expect(await consultation(SAIGON, d.id)).toMatchObject({ commentVisibility: 'HIDDEN', published: 1 });
      // Other portals keep their own setting.
      expect((await consultation(BENTHANH, (await draft(BENTHANH)).id))?.commentVisibility).toBe(
        'PUBLISHED_ONLY',
      );
      expect(await errorCodeOf(SAIGON, VISIBILITY, { v: 'PUBLISHED_ONLY' }, `owner@${SAIGON}`)).toBe(
        'FORBIDDEN',
      );
      await gql(SAIGON, VISIBILITY, { v: 'PUBLISHED_ONLY' }, `member@${SAIGON}`);
      expect(await publicComments(SAIGON, d.id)).toHaveLength(1);
      const audit = await db.query(
        `SELECT after FROM audit_log WHERE action = 'consultation.settings_changed' AND tenant_id = $1 ORDER BY id`,
        [t.tenant(SAIGON).id],
      );
      expect(audit.rows.map((r) => r.after.commentVisibility)).toEqual(['HIDDEN', 'PUBLISHED_ONLY']);
    });

    it('the summary of how comments were handled: after closing, sanitised, shown with the consultation', async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 1000));
      await comment(SAIGON, { itemId: d.id });
      const html =
        '<p>Đã tiếp thu 1 ý kiến về <strong>giờ tiếp dân</strong>.</p><script>alert(1)</script><img src=x onerror=alert(1)>';
      at(plus(CLOSES, -1));
      expect(
        (
          await gql<{ publishConsultationSummary: Moderated }>(
            SAIGON,
            SUMMARY,
            { id: d.id, html },
            `head@${SAIGON}`,
          )
        ).publishConsultationSummary,
      ).toMatchObject({ errorCode: 'CONSULTATION_NOT_CLOSED', field: 'itemId' });
      at(CLOSES);
      for (const bad of ['', '<script>alert(1)</script>', '<p>   </p>'])
        expect(
          (
            await gql<{ publishConsultationSummary: Moderated }>(
              SAIGON,
              SUMMARY,
              { id: d.id, html: bad },
              `head@${SAIGON}`,
            )
          ).publishConsultationSummary,
        ).toMatchObject({ errorCode: 'REQUIRED', field: 'summaryHtml' });
      expect(
        (
          await gql<{ publishConsultationSummary: Moderated }>(
            SAIGON,
            SUMMARY,
            { id: d.id, html: `<p>${'x'.repeat(100_001)}</p>` },
            `head@${SAIGON}`,
          )
        ).publishConsultationSummary,
      ).toMatchObject({ errorCode: 'TOO_LONG', field: 'summaryHtml' });
      const ok = await gql<{ publishConsultationSummary: { summaryHtml: string } }>(
        SAIGON,
        SUMMARY,
        { id: d.id, html },
        `member@${SAIGON}`,
      );
      expect(ok.publishConsultationSummary.summaryHtml).toBe(
        '<p>Đã tiếp thu 1 ý kiến về <strong>giờ tiếp dân</strong>.</p><img src="x" />',
      );
      expect(await consultation(SAIGON, d.id)).toMatchObject({
        status: 'CLOSED',
        received: 1,
        summaryHtml: ok.publishConsultationSummary.summaryHtml,
      });
      // Published again: replaced, first publication time kept, both audited.
      await gql(SAIGON, SUMMARY, { id: d.id, html: '<p>Bản tổng hợp cuối cùng.</p>' }, `head@${SAIGON}`);
      expect((await consultation(SAIGON, d.id))?.summaryHtml).toBe('<p>Bản tổng hợp cuối cùng.</p>');
      const audit = await db.query(
        `SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'consultation.%'`,
        [d.id],
      );
      expect(audit.rows).toHaveLength(2);
      // Not a draft document; not a live one; the owner may not.
      const news = await draft(SAIGON, OPENS, CLOSES, 'NEWS');
      expect(
        (
          await gql<{ publishConsultationSummary: Moderated }>(
            SAIGON,
            SUMMARY,
            { id: news.id, html },
            `head@${SAIGON}`,
          )
        ).publishConsultationSummary.errorCode,
      ).toBe('NOT_A_CONSULTATION');
      await advance(t, d.id, [WorkflowAction.WITHDRAW]);
      expect(
        (
          await gql<{ publishConsultationSummary: Moderated }>(
            SAIGON,
            SUMMARY,
            { id: d.id, html },
            `head@${SAIGON}`,
          )
        ).publishConsultationSummary.errorCode,
      ).toBe('NOT_PUBLISHED');
      expect(await consultation(SAIGON, d.id)).toBeNull();
      expect(await errorCodeOf(SAIGON, SUMMARY, { id: d.id, html }, `owner@${SAIGON}`)).toBe('FORBIDDEN');
    });
  });

  describe('bad input', () => {
    it('every field is validated with a typed error naming it, and nothing is written', async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 1000));
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ itemId: null }, 'REQUIRED', 'itemId'],
        [{ itemId: 'not-a-uuid' }, 'NOT_FOUND', 'itemId'],
        [{ itemId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'itemId'],
        [{ itemId: null, slug: 'khong-co-bai-nay' }, 'NOT_FOUND', 'slug'],
        [{ name: '' }, 'REQUIRED', 'name'],
        [{ name: '   ' }, 'REQUIRED', 'name'],
        [{ name: '<b></b><script>x</script>' }, 'REQUIRED', 'name'],
        [{ name: 'A'.repeat(201) }, 'TOO_LONG', 'name'],
        [{ name: 'A'.repeat(5000) }, 'TOO_LONG', 'name'],
        [{ email: '' }, 'REQUIRED', 'email'],
        [{ email: 'not-an-email' }, 'INVALID_EMAIL', 'email'],
        [{ email: 'a@b' }, 'INVALID_EMAIL', 'email'],
        [{ email: 'a b@example.vn' }, 'INVALID_EMAIL', 'email'],
        [{ email: '<script>@example.vn' }, 'INVALID_EMAIL', 'email'],
        [{ email: `${'a'.repeat(250)}@example.vn` }, 'INVALID_EMAIL', 'email'],
        [{ organisation: 'O'.repeat(301) }, 'TOO_LONG', 'organisation'],
        [{ text: '' }, 'REQUIRED', 'text'],
        [{ text: '<p> </p>\n\n' }, 'REQUIRED', 'text'],
        [{ text: 'x'.repeat(10_001) }, 'TOO_LONG', 'text'],
        [{ text: '<b>x</b>'.repeat(6_000) }, 'TOO_LONG', 'text'],
      ];
      for (const [input, code, field] of cases) {
        const r = await comment(SAIGON, { itemId: d.id, ...input });
        expect({ input, r: { code: r.errorCode, field: r.field } }).toEqual({ input, r: { code, field } });
      }
      expect(await countComments(d.id)).toBe(0);
      // The limits themselves are accepted.
      const edge = await comment(SAIGON, {
        itemId: d.id,
        name: 'A'.repeat(200),
        organisation: 'O'.repeat(300),
        text: 'x'.repeat(10_000),
      });
      expect(edge.__typename).toBe('DraftCommentReceipt');
      // Another kind of item is not open for comment; an item not live is not there.
      const news = await draft(SAIGON, OPENS, CLOSES, 'NEWS');
      expect(await comment(SAIGON, { itemId: news.id })).toMatchObject({
        errorCode: 'NOT_A_CONSULTATION',
        field: 'itemId',
      });
      const gone = await draft(SAIGON);
      await advance(t, gone.id, [WorkflowAction.WITHDRAW]);
      expect((await comment(SAIGON, { itemId: gone.id })).errorCode).toBe('NOT_FOUND');
      expect(await countComments(news.id)).toBe(0);
      expect(await countComments(gone.id)).toBe(0);
      // Wrong types never reach the service.
      const wrong = await t.gql(SAIGON, COMMENT, { i: { itemId: d.id, name: 'A', email: 'a@b.vn' } });
      expect(wrong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('markup is stored as plain text (NFC), line breaks kept', async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 1000));
      const decomposed = 'Nguye\u0302\u0303n'; // "Nguyễn" with combining marks
      const r = await comment(SAIGON, {
        itemId: d.id,
        name: `<img src=x onerror=alert(1)>${decomposed} <i>Văn</i> An`,
        organisation: '<a href="javascript:alert(1)">Công ty TNHH A</a>',
        text: '<script>alert(1)</script><p>Ý kiến <b>một</b></p>\r\n<p onclick="x()">Ý kiến hai</p>\n\n\n\nKết: 1 < 2 &amp; 3 > 2',
      });
      const row = (
        await db.query('SELECT name, organisation, text FROM draft_comments WHERE id = $1', [r.id])
      ).rows[0];
      expect(row).toEqual({
        name: 'Nguyễn Văn An',
        organisation: 'Công ty TNHH A',
        text: 'Ý kiến một\nÝ kiến hai\n\nKết: 1 < 2 & 3 > 2',
      });
      expect(row.name).toBe(row.name.normalize('NFC'));
    });
  });

  describe('across portals', () => {
    it("another portal's draft through this host is NOT_FOUND; its officers cannot see or moderate the comments", async () => {
      const d = await draft(SAIGON);
      at(plus(OPENS, 1000));
      expect(await comment(BENTHANH, { itemId: d.id })).toMatchObject({
        errorCode: 'NOT_FOUND',
        field: 'itemId',
      });
      expect(await comment(BENTHANH, { itemId: null, slug: d.slug })).toMatchObject({
        errorCode: 'NOT_FOUND',
      });
      expect(await comment(CITY, { itemId: d.id })).toMatchObject({ errorCode: 'NOT_FOUND' });
      expect(await countComments(d.id)).toBe(0);
      expect(await consultation(BENTHANH, d.id)).toBeNull();

      const c = await comment(SAIGON, { itemId: d.id });
      await moderate(`member@${SAIGON}`, { id: c.id, action: 'PUBLISH' });
      expect(await publicComments(BENTHANH, d.id)).toEqual([]);
      // Officers of a sibling, on their host or on this one, and of the parent with a TENANT role.
      for (const [who, host] of [
        [`member@${BENTHANH}`, BENTHANH],
        [`member@${BENTHANH}`, SAIGON],
        [`head@${CITY}`, CITY],
      ]) {
        expect(await moderate(who, { id: c.id, action: 'REJECT', reason: 'x' }, host)).toMatchObject({
          errorCode: 'NOT_FOUND',
        });
        const q = await gql<{ draftCommentQueue: { nodes: unknown[] } }>(
          host,
          QUEUE,
          { f: { tenantId: t.tenant(SAIGON).id } },
          who,
        );
        expect(q.draftCommentQueue.nodes).toEqual([]);
        expect(
          (
            await gql<{ publishConsultationSummary: Moderated }>(
              host,
              SUMMARY,
              { id: d.id, html: '<p>x</p>' },
              who,
            )
          ).publishConsultationSummary.errorCode,
        ).toBe('NOT_FOUND');
        expect(
          (
            await gql<{ setCommentVisibility: Moderated }>(
              host,
              VISIBILITY,
              { v: 'HIDDEN', t: t.tenant(SAIGON).id },
              who,
            )
          ).setCommentVisibility.errorCode,
        ).toBe('NOT_FOUND');
      }
      // The ward's own officer through a sibling's host: the host bounds what it may touch.
      expect(
        await moderate(`member@${SAIGON}`, { id: c.id, action: 'REJECT', reason: 'x' }, BENTHANH),
      ).toMatchObject({
        errorCode: 'NOT_FOUND',
      });
      expect((await db.query('SELECT state FROM draft_comments WHERE id = $1', [c.id])).rows[0].state).toBe(
        'PUBLISHED',
      );
      const settings = await db.query(
        'SELECT comment_visibility FROM consultation_settings WHERE tenant_id = $1',
        [t.tenant(SAIGON).id],
      );
      expect(settings.rows.map((r) => r.comment_visibility)).toEqual(['PUBLISHED_ONLY']);
    });

    it("a draft shown on the city by syndication takes comments there; they belong to the ward's board", async () => {
      const d = await draft(SAIGON);
      const s = await gql<{ proposeSyndication: { id: string } }>(
        SAIGON,
        PROPOSE,
        { item: d.id },
        `member@${SAIGON}`,
      );
      await gql(CITY, ACCEPT, { i: { id: s.proposeSyndication.id } }, `member@${CITY}`);
      at(plus(OPENS, 1000));
      const c = await comment(CITY, { itemId: d.id, text: 'Góp ý gửi qua cổng Thành phố.' });
      expect(c.__typename).toBe('DraftCommentReceipt');
      const row = (
        await db.query('SELECT tenant_id, via_tenant_id FROM draft_comments WHERE id = $1', [c.id])
      ).rows[0];
      expect(row).toEqual({ tenant_id: t.tenant(SAIGON).id, via_tenant_id: t.tenant(CITY).id });
      // The city's board does not moderate it; the ward's does.
      expect((await moderate(`member@${CITY}`, { id: c.id, action: 'PUBLISH' })).errorCode).toBe('NOT_FOUND');
      expect(await moderate(`member@${SAIGON}`, { id: c.id, action: 'PUBLISH' })).toMatchObject({
        state: 'PUBLISHED',
      });
      // Shown on both portals, with the ward's setting and counts.
      expect((await publicComments(CITY, d.id)).map((n) => n.id)).toEqual([c.id]);
      expect(await consultation(CITY, d.id)).toMatchObject({
        tenantId: t.tenant(SAIGON).id,
        received: 1,
        published: 1,
      });
    });
  });

  describe('portal ratings', () => {
    const rate = async (host: string, ip: string, scores: Record<string, number>) =>
      dataOf(
        await t.gql<{ ratePortal: Record<string, unknown> }>(
          host,
          RATE,
          { i: scores },
          { headers: { 'x-forwarded-for': ip } },
        ),
      ).ratePortal;
    const all = (n: number) => ({ interface: n, content: n, quality: n, support: n });

    it('scores are 1–5 integers on four criteria; one rating per address, portal and Vietnamese day', async () => {
      at('2025-06-10T03:00:00.000Z');
      for (const [field, value] of [
        ['interface', 0],
        ['content', 6],
        ['quality', -1],
        ['support', 100],
      ] as const)
        expect(await rate(BENTHANH, '10.0.0.1', { ...all(3), [field]: value })).toEqual({
          __typename: 'InputError',
          errorCode: 'INVALID_SCORE',
          field,
        });
      const float = await t.gql(BENTHANH, RATE, { i: { ...all(3), quality: 2.5 } });
      expect(float.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await rate(BENTHANH, '10.0.0.1', { interface: 5, content: 4, quality: 3, support: 2 })).toEqual({
        __typename: 'PortalRatingReceipt',
        ratedOn: '2025-06-10',
        interface: 5,
        content: 4,
        quality: 3,
        support: 2,
      });
      // The same address the same day (until midnight in Vietnam, 17:00 UTC): refused.
      at('2025-06-10T16:59:59.999Z');
      expect(await rate(BENTHANH, '10.0.0.1', all(1))).toMatchObject({ errorCode: 'ALREADY_RATED' });
      // Another portal, another address, the next day: accepted.
      expect(await rate(SAIGON, '10.0.0.1', all(1))).toMatchObject({ __typename: 'PortalRatingReceipt' });
      expect(await rate(BENTHANH, '10.0.0.2', all(1))).toMatchObject({ __typename: 'PortalRatingReceipt' });
      at('2025-06-10T17:00:00.000Z');
      expect(await rate(BENTHANH, '10.0.0.1', all(1))).toMatchObject({ ratedOn: '2025-06-11' });
      const rows = await db.query('SELECT address_hash FROM portal_ratings WHERE tenant_id = $1', [
        t.tenant(BENTHANH).id,
      ]);
      expect(rows.rows).toHaveLength(3);
      expect(JSON.stringify(rows.rows)).not.toContain('10.0.0');
      const summary = await gql<{ portalRatingSummary: Record<string, unknown> }>(
        BENTHANH,
        RATING_SUMMARY,
        {},
      );
      expect(summary.portalRatingSummary).toEqual({
        count: 3,
        overall: 1.83, // (3.5 + 1 + 1) / 3
        averages: { interface: 2.33, content: 2, quality: 1.67, support: 1.33 },
      });
      expect(
        (await gql<{ portalRatingSummary: { count: number } }>(CITY, RATING_SUMMARY, {})).portalRatingSummary,
      ).toEqual({
        count: 0,
        overall: null,
        averages: null,
      });
    });

    it('aggregated per month, quarter and year in Vietnamese time, empty periods included', async () => {
      const cases: Array<[string, number]> = [
        ['2026-01-15T05:00:00.000Z', 5],
        ['2026-01-31T16:59:59.999Z', 3], // 23:59 on 31 January in Vietnam
        ['2026-01-31T17:00:00.000Z', 4], // 00:00 on 1 February
        ['2026-03-31T16:30:00.000Z', 2], // still March, still Q1
        ['2026-03-31T17:30:00.000Z', 1], // 1 April: Q2
        ['2026-12-31T17:00:00.000Z', 5], // 1 January 2027
      ];
      let n = 0;
      for (const [instant, score] of cases) {
        at(instant);
        expect(
          await rate(SAIGON, `10.1.0.${++n}`, { interface: score, content: score, quality: 5, support: 1 }),
        ).toMatchObject({
          __typename: 'PortalRatingReceipt',
        });
      }
      const report = async (
        p: string,
        from: string,
        to: string,
        who = `head@${SAIGON}`,
        host = SAIGON,
        tenant?: string,
      ) =>
        (
          await gql<{ portalRatings: Array<Record<string, any>> }>(
            host,
            RATINGS,
            { p, from, to, t: tenant },
            who,
          )
        ).portalRatings;

      const months = await report('MONTH', '2026-01-01', '2026-04-30');
      expect(months.map((b) => [b.label, b.periodStart, b.count])).toEqual([
        ['2026-01', '2026-01-01', 2],
        ['2026-02', '2026-02-01', 1],
        ['2026-03', '2026-03-01', 1],
        ['2026-04', '2026-04-01', 1],
      ]);
      expect(months[0]).toMatchObject({
        averages: { interface: 4, content: 4, quality: 5, support: 1 },
        overall: 3.5,
      });
      expect(months[1]).toMatchObject({ averages: { interface: 4 } });
      const quarters = await report('QUARTER', '2026-01-01', '2026-12-31');
      expect(quarters.map((b) => [b.label, b.count, b.averages?.interface ?? null])).toEqual([
        ['2026-Q1', 4, 3.5],
        ['2026-Q2', 1, 1],
        ['2026-Q3', 0, null],
        ['2026-Q4', 0, null],
      ]);
      expect(quarters[2]).toMatchObject({ count: 0, averages: null, overall: null });
      const years = await report('YEAR', '2026-01-01', '2027-12-31');
      expect(years.map((b) => [b.label, b.count])).toEqual([
        ['2026', 5],
        ['2027', 1],
      ]);
      // Partial ends: only the days inside the range count.
      expect((await report('MONTH', '2026-01-20', '2026-01-31')).map((b) => b.count)).toEqual([1]);
      // Other readers: the owner, the city's SUBTREE operator; not a board member, not a sibling.
      expect((await report('YEAR', '2026-01-01', '2026-12-31', `owner@${SAIGON}`))[0].count).toBe(5);
      expect(
        (await report('YEAR', '2026-01-01', '2026-12-31', `operator@${CITY}`, CITY, t.tenant(SAIGON).id))[0]
          .count,
      ).toBe(5);
      expect(
        await errorCodeOf(
          SAIGON,
          RATINGS,
          { p: 'YEAR', from: '2026-01-01', to: '2026-12-31' },
          `member@${SAIGON}`,
        ),
      ).toBe('FORBIDDEN');
      expect(
        await errorCodeOf(
          BENTHANH,
          RATINGS,
          { p: 'YEAR', from: '2026-01-01', to: '2026-12-31', t: t.tenant(SAIGON).id },
          `head@${BENTHANH}`,
        ),
      ).toBe('FORBIDDEN');
      expect(
        await errorCodeOf(
          SAIGON,
          RATINGS,
          { p: 'YEAR', from: '2026-01-01', to: '2026-12-31', t: t.tenant(SAIGON).id },
          `head@${BENTHANH}`,
        ),
      ).toBe('FORBIDDEN');
      expect(await errorCodeOf(SAIGON, RATINGS, { p: 'YEAR', from: '2026-01-01', to: '2026-12-31' })).toBe(
        'UNAUTHENTICATED',
      );
      // Bad ranges.
      for (const [from, to, code] of [
        ['2026-13-01', '2026-12-31', 'INVALID_DATE'],
        ['2026-01-01', 'tomorrow', 'INVALID_DATE'],
        ['2026-02-01', '2026-01-31', 'INVALID_RANGE'],
        ['2016-01-01', '2026-12-31', 'INVALID_RANGE'],
      ])
        expect(await errorCodeOf(SAIGON, RATINGS, { p: 'MONTH', from, to }, `head@${SAIGON}`)).toBe(code);
      expect(
        await errorCodeOf(
          SAIGON,
          RATINGS,
          { p: 'WEEK', from: '2026-01-01', to: '2026-01-02' },
          `head@${SAIGON}`,
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });
});
