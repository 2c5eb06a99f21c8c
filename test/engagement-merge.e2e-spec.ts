import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { TO_LIVE, advance, previewedPlan, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * What citizens wrote to a portal survives its merger: questions (held, asked there, routed there),
 * their events, units and comments on its drafts become the target's; tracking codes given out by
 * the merged portal keep working on the target, whose board takes the questions over.
 */

const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
  __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
const STATUS = `query($c: String!) { questionStatus(trackingCode: $c) { trackingCode status topic forwardedTo { id } } }`;
const QUEUE = `{ questionQueue { id topic text } }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode field } } }`;
const COMMENT = `mutation($i: CommentOnDraftInput!) { commentOnDraft(input: $i) { __typename ... on DraftCommentReceipt { id state } ... on InputError { errorCode field } } }`;
const COMMENTS = `{ draftCommentQueue { nodes { id tenantId itemId text } } }`;

describe('engagement: merging a portal keeps what citizens wrote', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    for (const [key, role, host] of [
      ['writer.benthanh', Role.CONTRIBUTOR, BENTHANH],
      ['head.benthanh', Role.BOARD_HEAD, BENTHANH],
      ['head.tandinh', Role.BOARD_HEAD, TANDINH],
    ] as const) {
      await t.createAccount({ username: key, homeHost: host, role, roleHost: host });
      tokens[key] = (await t.login(key, host)).accessToken;
    }
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('moves questions, units and comments; tracking codes work on the target', async () => {
    const asked = dataOf(
      await t.gql<{ askQuestion: { __typename: string; trackingCode: string } }>(BENTHANH, ASK, {
        i: {
          type: 'QUESTION',
          name: 'Phạm Thị Dung',
          email: 'dung@example.vn',
          topic: 'Hộ tịch',
          text: 'Tôi cần đăng ký khai sinh cho con ở đâu?',
          proof: { website: '' },
        },
      }),
    ).askQuestion;
    expect(asked.__typename).toBe('QuestionReceipt');
    const unit = await t.gql(
      BENTHANH,
      `mutation { createQuestionUnit(input: { tenantId: "${t.tenant(BENTHANH).id}", name: "Bộ phận một cửa" }) { __typename } }`,
      {},
      { token: tokens['head.benthanh'] },
    );
    expect(JSON.stringify(unit.body)).toContain('QuestionUnit');

    // A draft document open for comment, and one comment on it.
    const now = Date.now();
    const draft = dataOf(
      await t.gql<{ createContent: { __typename: string; id: string } }>(
        BENTHANH,
        CREATE,
        {
          i: {
            tenantId: t.tenant(BENTHANH).id,
            kind: 'DRAFT_DOCUMENT',
            title: 'Dự thảo quy định về chợ Bến Thành',
            bodyHtml: '<p>Nội dung dự thảo.</p>',
            authorName: 'UBND phường',
            source: 'UBND phường',
            fields: {
              commentOpensAt: new Date(now - 86_400_000).toISOString(),
              commentClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
            },
          },
        },
        { token: tokens['writer.benthanh'] },
      ),
    ).createContent;
    expect(draft.__typename).toBe('ContentItem');
    await advance(t, draft.id, TO_LIVE);
    const comment = dataOf(
      await t.gql<{ commentOnDraft: { __typename: string } }>(
        BENTHANH,
        COMMENT,
        {
          i: {
            itemId: draft.id,
            name: 'Hội tiểu thương',
            email: 'tieuthuong@example.vn',
            text: 'Đề nghị giữ giờ mở cửa như cũ.',
            proof: { website: '' },
          },
        },
        { headers: { 'x-forwarded-for': '203.0.113.9' } },
      ),
    ).commentOnDraft;
    expect(comment.__typename).toBe('DraftCommentReceipt');

    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    const countsOf = (name: string) => preview.value.counts.find((c) => c.participant === name)!.counts;
    expect(countsOf('questions')).toMatchObject({ held: 1, asked: 1, handled: 1, units: 1 });
    expect(countsOf('questions').events).toBeGreaterThanOrEqual(1);
    expect(countsOf('consultations')).toMatchObject({ comments: 1 });
    const merged = await restructuring.merge(sys, [ward], target, previewedPlan(preview.value));
    if (!merged.ok) throw new Error(merged.error.code);

    // The asker's code works on the target (the old host now redirects there) and says nothing moved away.
    const status = dataOf(
      await t.gql<{ questionStatus: { status: string; forwardedTo: unknown } | null }>(TANDINH, STATUS, {
        c: asked.trackingCode,
      }),
    ).questionStatus;
    expect(status).toMatchObject({ status: expect.any(String), forwardedTo: null });
    const old = await t.http({
      method: 'POST',
      path: '/graphql',
      host: BENTHANH,
      body: { query: STATUS, variables: { c: asked.trackingCode } },
    });
    expect(old.status).toBe(301);
    // The target's board has the question and the comment; nothing is left on the merged portal.
    const queue = dataOf(
      await t.gql<{ questionQueue: Array<{ topic: string }> }>(
        TANDINH,
        QUEUE,
        {},
        { token: tokens['head.tandinh'] },
      ),
    ).questionQueue;
    expect(queue.map((q) => q.topic)).toContain('Hộ tịch');
    const comments = dataOf(
      await t.gql<{ draftCommentQueue: { nodes: Array<{ tenantId: string; itemId: string }> } }>(
        TANDINH,
        COMMENTS,
        {},
        { token: tokens['head.tandinh'] },
      ),
    ).draftCommentQueue.nodes;
    expect(comments).toEqual([expect.objectContaining({ tenantId: target, itemId: draft.id })]);
    for (const [table, column] of [
      ['questions', 'tenant_id'],
      ['questions', 'origin_tenant_id'],
      ['questions', 'handler_tenant_id'],
      ['question_events', 'tenant_id'],
      ['question_units', 'tenant_id'],
      ['draft_comments', 'tenant_id'],
    ]) {
      const left = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [ward]);
      expect([table, column, left.rows[0].n]).toEqual([table, column, 0]);
    }
  });
});
