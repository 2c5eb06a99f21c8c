import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { officer, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * The editorial workflow end to end. The whole life of an item with its
 * history, each refusal path, invalid transitions and missing permissions (typed errors that change
 * nothing), four-eyes, delegation windows, board members' fields, editing a live item, withdrawal,
 * revisions, statutory and board deadlines, and the board's queue. Everything over HTTP against a
 * real PostgreSQL; the state is checked in the database as well as through the API.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const REVISION =
  'id number status title summary bodyHtml fields authorName source createdBy boardDueAt dueAt';
const ITEM_FIELDS = `id tenantId kind slug field language translationOf createdBy publishedAt withdrawnAt
  working { ${REVISION} } live { ${REVISION} }`;
const ITEM = `__typename ... on ContentItem { ${ITEM_FIELDS} } ... on InputError { errorCode field message }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`;
const RESTORE = `mutation($id: String!, $n: Int!) { restoreRevision(itemId: $id, number: $n) { ${ITEM} } }`;
const TRANSITION = `mutation($id: String!, $a: WorkflowAction!, $r: RefusalReason, $n: String) {
  transitionContent(itemId: $id, action: $a, reason: $r, note: $n) { ${ITEM} }
}`;
const DELEGATE = `mutation($i: DelegateApprovalInput!) {
  delegateApproval(input: $i) {
    __typename
    ... on ApprovalDelegation { id tenantId headAccountId deputyAccountId validFrom validTo }
    ... on InputError { errorCode field message }
  }
}`;
const HISTORY = `query($id: String!) {
  contentHistory(itemId: $id) { id action fromStatus toStatus revisionId actorAccountId delegated reason note at }
}`;
const REVISIONS = `query($id: String!) { contentRevisions(itemId: $id) { ${REVISION} createdAt } }`;
const COMPARE = `query($id: String!, $f: Int!, $t: Int!) {
  compareRevisions(itemId: $id, from: $f, to: $t) { field parts { value added removed } }
}`;
const CONTENT_ITEM = `query($id: String!) { contentItem(id: $id) { ${ITEM_FIELDS} } }`;
const QUEUE = `query($s: [RevisionStatus!], $o: Boolean) {
  editorialQueue(statuses: $s, overdueOnly: $o) { itemId revisionId status submittedAt boardDueAt dueAt }
}`;
const PUBLIC_ITEM = `query($slug: String!) { publicItem(slug: $slug) { id title bodyHtml revisionNumber publishedAt } }`;
const PUBLIC_ITEMS = `{ publicItems(filter: { first: 100 }) { nodes { id title revisionNumber } } }`;
const REVOKE = `mutation($id: String!) {
  revokeRole(assignmentId: $id) { __typename ... on RoleAssignment { id role revokedAt } ... on InputError { errorCode field } }
}`;
const GRANT = `mutation($input: GrantRoleInput!) {
  grantRole(input: $input) {
    __typename ... on RoleAssignment { id accountId tenantId role scope fields } ... on InputError { errorCode field }
  }
}`;

type Revision = {
  id: string;
  number: number;
  status: string | null;
  title: string;
  summary: string | null;
  bodyHtml: string;
  fields: Record<string, unknown>;
  authorName: string;
  source: string;
  createdBy: string;
  boardDueAt: string | null;
  dueAt: string | null;
};
type Item = {
  __typename: 'ContentItem' | 'InputError';
  id: string;
  tenantId: string;
  kind: string;
  slug: string;
  field: string | null;
  createdBy: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
  working: Revision | null;
  live: Revision | null;
  errorCode?: string;
  field_?: string;
};
type Result = Item & { errorCode?: string; field?: string | null; message?: string };
type Event = {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  revisionId: string;
  actorAccountId: string | null;
  delegated: boolean;
  reason: string | null;
  note: string | null;
  at: string;
};
type Actor = { id: string; token: string; assignmentId: string };

describe('content workflow', () => {
  let t: TestApp;
  let db: Client;
  let saigonId: string;

  let writer: Actor;
  let writer2: Actor;
  let member: Actor;
  let head: Actor;
  let head2: Actor;
  let deputy: Actor;
  let operator: Actor;
  let bMember: Actor;

  /** An account on `host` holding one role there (granted as the system), logged in. */
  const actor = async (
    username: string,
    role: Role,
    host: string,
    options: { scope?: RoleScope; fields?: string[] } = {},
  ): Promise<Actor> => {
    const granted = await officer(t, username, host, [role], options);
    return { id: granted.id, token: granted.token, assignmentId: granted.assignments[role]! };
  };

  let seq = 0;
  const create = async (who: Actor, input: Record<string, unknown> = {}, host = SAIGON): Promise<Result> => {
    seq++;
    const res = await t.gql<{ createContent: Result }>(
      host,
      CREATE,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind: 'NEWS',
          title: `Tin hoạt động phường số ${seq}`,
          bodyHtml: `<p>Nội dung bài viết số ${seq}.</p>`,
          authorName: 'Nguyễn Văn A',
          source: 'UBND phường',
          fields: { eventDate: '2026-11-20' },
          ...input,
        },
      },
      { token: who.token },
    );
    return dataOf(res).createContent;
  };
  /** A new draft that must have been created. */
  const draft = async (who: Actor, input: Record<string, unknown> = {}, host = SAIGON): Promise<Item> => {
    const item = await create(who, input, host);
    expect(item).toMatchObject({ __typename: 'ContentItem', working: { number: 1, status: 'DRAFT' } });
    return item;
  };
  const step = async (
    who: Actor,
    itemId: string,
    action: string,
    extra: { reason?: string; note?: string } = {},
    host = SAIGON,
  ): Promise<Result> =>
    dataOf(
      await t.gql<{ transitionContent: Result }>(
        host,
        TRANSITION,
        { id: itemId, a: action, r: extra.reason ?? null, n: extra.note ?? null },
        { token: who.token },
      ),
    ).transitionContent;
  /** A step that must succeed and land in `status` (null: no revision in progress). */
  const ok = async (who: Actor, itemId: string, action: string, status: string | null, host = SAIGON) => {
    const r = await step(who, itemId, action, {}, host);
    expect(r).toMatchObject({ __typename: 'ContentItem', id: itemId });
    expect(r.working?.status ?? null).toBe(status);
    return r;
  };
  const edit = async (who: Actor, itemId: string, input: Record<string, unknown>): Promise<Result> =>
    dataOf(
      await t.gql<{ editContent: Result }>(
        SAIGON,
        EDIT,
        {
          id: itemId,
          i: {
            authorName: 'Nguyễn Văn A',
            source: 'UBND phường',
            fields: { eventDate: '2026-11-20' },
            ...input,
          },
        },
        { token: who.token },
      ),
    ).editContent;
  const history = async (who: Actor, itemId: string, host = SAIGON): Promise<Event[]> =>
    dataOf(await t.gql<{ contentHistory: Event[] }>(host, HISTORY, { id: itemId }, { token: who.token }))
      .contentHistory;
  const view = async (who: Actor, itemId: string, host = SAIGON): Promise<Item | null> =>
    dataOf(
      await t.gql<{ contentItem: Item | null }>(host, CONTENT_ITEM, { id: itemId }, { token: who.token }),
    ).contentItem;
  const publicItem = async (slug: string, host = SAIGON) =>
    dataOf(
      await t.gql<{
        publicItem: {
          id: string;
          title: string;
          bodyHtml: string;
          revisionNumber: number;
          publishedAt: string;
        };
      }>(host, PUBLIC_ITEM, { slug }),
    ).publicItem;

  const toSubmitted = async (item: Item, author = writer) => ok(author, item.id, 'SUBMIT', 'SUBMITTED');
  const toInReview = async (item: Item, author = writer) => {
    await toSubmitted(item, author);
    return ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
  };
  const toApproved = async (item: Item, author = writer) => {
    await toInReview(item, author);
    return ok(head, item.id, 'APPROVE', 'APPROVED');
  };
  const toPublished = async (item: Item, author = writer) => {
    await toApproved(item, author);
    return ok(member, item.id, 'PUBLISH', null);
  };

  /** Everything the database holds about an item; a refused step must leave all of it unchanged. */
  const snapshot = async (itemId: string) => {
    const item = await db.query(
      `SELECT live_revision_id, published_at, withdrawn_at, updated_at, slug, field FROM content_items WHERE id = $1`,
      [itemId],
    );
    const revisions = await db.query(
      `SELECT id, number, title, body_html FROM content_revisions WHERE item_id = $1 ORDER BY number`,
      [itemId],
    );
    const states = await db.query(
      `SELECT s.revision_id, s.status, s.submitted_at, s.board_due_at, s.due_at, s.updated_at
         FROM editorial_states s JOIN content_revisions r ON r.id = s.revision_id
        WHERE s.item_id = $1 ORDER BY r.number`,
      [itemId],
    );
    const events = await db.query(`SELECT count(*)::int AS n FROM workflow_events WHERE item_id = $1`, [
      itemId,
    ]);
    expect(item.rowCount).toBe(1);
    return { item: item.rows[0], revisions: revisions.rows, states: states.rows, events: events.rows[0].n };
  };
  const eventCount = async (itemId: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM workflow_events WHERE item_id = $1`, [itemId])).rows[0].n;
  const stateOf = async (revisionId: string) =>
    (await db.query(`SELECT status FROM editorial_states WHERE revision_id = $1`, [revisionId])).rows[0]
      ?.status;

  /** The step is refused with `code` and the item is exactly as before. */
  const refused = async (
    who: Actor,
    item: Item,
    action: string,
    code: string,
    extra: { reason?: string; note?: string } = {},
  ) => {
    const before = await snapshot(item.id);
    const statusBefore = (await view(member, item.id))?.working?.status ?? null;
    const r = await step(who, item.id, action, extra);
    expect({ action, __typename: r.__typename, errorCode: r.errorCode }).toEqual({
      action,
      __typename: 'InputError',
      errorCode: code,
    });
    expect(await snapshot(item.id)).toEqual(before);
    expect((await view(member, item.id))?.working?.status ?? null).toBe(statusBefore);
    return r;
  };

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    saigonId = t.tenant(SAIGON).id;
    writer = await actor('writer', Role.CONTRIBUTOR, SAIGON);
    writer2 = await actor('writer2', Role.CONTRIBUTOR, SAIGON);
    member = await actor('member', Role.BOARD_MEMBER, SAIGON);
    head = await actor('head', Role.BOARD_HEAD, SAIGON);
    head2 = await actor('head2', Role.BOARD_HEAD, SAIGON);
    deputy = await actor('deputy', Role.BOARD_DEPUTY, SAIGON);
    operator = await actor('operator', Role.OPERATOR, SAIGON);
    bMember = await actor('bmember', Role.BOARD_MEMBER, BENTHANH);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('an item lives from draft to published, and its history records every step with its actor', async () => {
    const created = await draft(writer, { title: 'Phường Sài Gòn ra quân làm sạch kênh rạch' });
    expect(created).toMatchObject({
      tenantId: saigonId,
      kind: 'NEWS',
      slug: 'phuong-sai-gon-ra-quan-lam-sach-kenh-rach',
      createdBy: writer.id,
      publishedAt: null,
      live: null,
      working: {
        number: 1,
        status: 'DRAFT',
        createdBy: writer.id,
        title: 'Phường Sài Gòn ra quân làm sạch kênh rạch',
      },
    });
    expect(await publicItem(created.slug)).toBeNull();

    await ok(writer, created.id, 'SUBMIT', 'SUBMITTED');
    await ok(member, created.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    await ok(head, created.id, 'APPROVE', 'APPROVED');
    const published = await ok(operator, created.id, 'PUBLISH', null);
    expect(published.live).toMatchObject({ number: 1, id: created.working!.id });
    expect(published.publishedAt).not.toBeNull();
    expect(await publicItem(created.slug)).toMatchObject({
      id: created.id,
      title: 'Phường Sài Gòn ra quân làm sạch kênh rạch',
      revisionNumber: 1,
    });

    const events = await history(writer, created.id);
    expect(
      events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorAccountId, e.revisionId, e.delegated]),
    ).toEqual([
      ['CREATE', null, 'DRAFT', writer.id, created.working!.id, false],
      ['SUBMIT', 'DRAFT', 'SUBMITTED', writer.id, created.working!.id, false],
      ['TAKE_FOR_REVIEW', 'SUBMITTED', 'IN_REVIEW', member.id, created.working!.id, false],
      ['APPROVE', 'IN_REVIEW', 'APPROVED', head.id, created.working!.id, false],
      ['PUBLISH', 'APPROVED', 'PUBLISHED', operator.id, created.working!.id, false],
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect(times.every((x, i) => i === 0 || x >= times[i - 1])).toBe(true);
    // The API shows what the table holds: one row per step.
    expect(await eventCount(created.id)).toBe(5);
    expect(await stateOf(created.working!.id)).toBe('PUBLISHED');
  });

  it('RETURN needs a note; the author then edits the returned item and resubmits it', async () => {
    const item = await draft(writer);
    await toInReview(item);
    const noNote = await refused(member, item, 'RETURN', 'NOTE_REQUIRED');
    expect(noNote.field).toBe('note');
    expect((await refused(member, item, 'RETURN', 'NOTE_REQUIRED', { note: '  <b> </b> ' })).field).toBe(
      'note',
    );

    const returned = await step(member, item.id, 'RETURN', { note: '<b>Bổ sung</b> nguồn ảnh' });
    expect(returned).toMatchObject({ __typename: 'ContentItem', working: { number: 1, status: 'RETURNED' } });
    const last = (await history(writer, item.id)).at(-1)!;
    expect(last).toMatchObject({
      action: 'RETURN',
      fromStatus: 'IN_REVIEW',
      toStatus: 'RETURNED',
      actorAccountId: member.id,
      note: 'Bổ sung nguồn ảnh',
      reason: null,
    });

    const edited = await edit(writer, item.id, {
      title: 'Tin hoạt động phường (đã bổ sung)',
      bodyHtml: '<p>Ảnh: Trần Thị B.</p>',
    });
    expect(edited).toMatchObject({
      __typename: 'ContentItem',
      working: { number: 2, status: 'RETURNED', title: 'Tin hoạt động phường (đã bổ sung)' },
    });
    await ok(writer, item.id, 'SUBMIT', 'SUBMITTED');
    await ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    expect((await history(member, item.id)).map((e) => [e.action, e.toStatus, e.actorAccountId])).toEqual([
      ['CREATE', 'DRAFT', writer.id],
      ['SUBMIT', 'SUBMITTED', writer.id],
      ['TAKE_FOR_REVIEW', 'IN_REVIEW', member.id],
      ['RETURN', 'RETURNED', member.id],
      ['EDIT', 'RETURNED', writer.id],
      ['SUBMIT', 'SUBMITTED', writer.id],
      ['TAKE_FOR_REVIEW', 'IN_REVIEW', member.id],
    ]);
    // The first revision was replaced by the edit; the second is the one in review.
    expect(await stateOf(item.working!.id)).toBe('SUPERSEDED');
    expect(await stateOf(edited.working!.id)).toBe('IN_REVIEW');
  });

  it('REFUSE needs one of the refusal reasons and records it with the note', async () => {
    const item = await draft(writer);
    await toInReview(item);
    expect((await refused(member, item, 'REFUSE', 'REASON_REQUIRED')).field).toBe('reason');
    expect((await refused(member, item, 'REFUSE', 'REASON_REQUIRED', { note: 'Không rõ nguồn' })).field).toBe(
      'reason',
    );

    const r = await step(member, item.id, 'REFUSE', { reason: 'UNKNOWN_ORIGIN', note: 'Không rõ nguồn ảnh' });
    expect(r).toMatchObject({ __typename: 'ContentItem', working: { status: 'REFUSED' }, live: null });
    expect((await history(head, item.id)).at(-1)).toMatchObject({
      action: 'REFUSE',
      fromStatus: 'IN_REVIEW',
      toStatus: 'REFUSED',
      actorAccountId: member.id,
      reason: 'UNKNOWN_ORIGIN',
      note: 'Không rõ nguồn ảnh',
    });
    const row = await db.query(
      `SELECT reason, note FROM workflow_events WHERE item_id = $1 AND action = 'REFUSE'`,
      [item.id],
    );
    expect(row.rows).toEqual([{ reason: 'UNKNOWN_ORIGIN', note: 'Không rõ nguồn ảnh' }]);
    // A refused item stays refused: it cannot be resubmitted, approved or published.
    await refused(writer, item, 'SUBMIT', 'INVALID_TRANSITION');
    await refused(head, item, 'APPROVE', 'INVALID_TRANSITION');
    await refused(member, item, 'PUBLISH', 'INVALID_TRANSITION');
    expect(await publicItem(item.slug)).toBeNull();
  });

  it('invalid transitions come back as INVALID_TRANSITION and leave the item unchanged', async () => {
    const item = await draft(writer);
    const eventsBefore = await eventCount(item.id);
    expect((await refused(member, item, 'PUBLISH', 'INVALID_TRANSITION')).field).toBe('action');
    await refused(head, item, 'APPROVE', 'INVALID_TRANSITION');
    await refused(member, item, 'TAKE_FOR_REVIEW', 'INVALID_TRANSITION');
    await refused(member, item, 'WITHDRAW', 'INVALID_TRANSITION');
    expect(await eventCount(item.id)).toBe(eventsBefore);
    expect((await view(writer, item.id))!.working!.status).toBe('DRAFT');

    await toSubmitted(item);
    const afterSubmit = await eventCount(item.id);
    expect(afterSubmit).toBe(eventsBefore + 1);
    await refused(writer, item, 'SUBMIT', 'INVALID_TRANSITION');
    await refused(head, item, 'APPROVE', 'INVALID_TRANSITION');
    await refused(member, item, 'PUBLISH', 'INVALID_TRANSITION');
    expect(await eventCount(item.id)).toBe(afterSubmit);
    expect((await view(writer, item.id))!.working!.status).toBe('SUBMITTED');

    await ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    await refused(member, item, 'TAKE_FOR_REVIEW', 'INVALID_TRANSITION');
    await refused(member, item, 'PUBLISH', 'INVALID_TRANSITION');
    await ok(head, item.id, 'APPROVE', 'APPROVED');
    await refused(head, item, 'APPROVE', 'INVALID_TRANSITION');
    await refused(member, item, 'RETURN', 'INVALID_TRANSITION', { note: 'Quá muộn' });
    await ok(member, item.id, 'PUBLISH', null);
    await refused(member, item, 'PUBLISH', 'INVALID_TRANSITION');
    await refused(writer, item, 'SUBMIT', 'INVALID_TRANSITION');
  });

  it('missing permissions come back as NOT_ALLOWED and leave the item unchanged', async () => {
    const item = await draft(writer);
    // Another contributor does not even see someone else's draft.
    const foreign = await step(writer2, item.id, 'SUBMIT');
    expect(foreign).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_FOUND' });
    expect(await view(writer2, item.id)).toBeNull();
    // The operator never writes, submits or reviews.
    await refused(operator, item, 'SUBMIT', 'NOT_ALLOWED');

    await toSubmitted(item);
    // A contributor does not review, not even their own item; neither does the operator.
    await refused(writer, item, 'TAKE_FOR_REVIEW', 'NOT_ALLOWED');
    await refused(writer, item, 'RETURN', 'NOT_ALLOWED', { note: 'Tự trả lại' });
    await refused(operator, item, 'TAKE_FOR_REVIEW', 'NOT_ALLOWED');
    await refused(operator, item, 'REFUSE', 'NOT_ALLOWED', { reason: 'OUT_OF_SCOPE' });

    await ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    // Only the head approves: not the author, not a board member, not the operator, not a deputy
    // without a delegation.
    await refused(writer, item, 'APPROVE', 'NOT_ALLOWED');
    await refused(member, item, 'APPROVE', 'NOT_ALLOWED');
    await refused(operator, item, 'APPROVE', 'NOT_ALLOWED');
    await refused(deputy, item, 'APPROVE', 'NOT_ALLOWED');

    await ok(head, item.id, 'APPROVE', 'APPROVED');
    await refused(writer, item, 'PUBLISH', 'NOT_ALLOWED');
    // The operator publishes what the board approved.
    const published = await ok(operator, item.id, 'PUBLISH', null);
    expect(published.live).toMatchObject({ number: 1 });
    expect((await history(operator, item.id)).at(-1)).toMatchObject({
      action: 'PUBLISH',
      actorAccountId: operator.id,
    });
    // Withdrawing needs the publish right too.
    await refused(writer, item, 'WITHDRAW', 'NOT_ALLOWED');
  });

  it('four-eyes: a board head cannot approve an item they wrote, another head can', async () => {
    const item = await draft(head, { title: 'Bài viết của Trưởng ban' });
    await ok(head, item.id, 'SUBMIT', 'SUBMITTED');
    await ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    await refused(head, item, 'APPROVE', 'NOT_ALLOWED');
    await ok(head2, item.id, 'APPROVE', 'APPROVED');
    const approval = (await history(head, item.id)).find((e) => e.action === 'APPROVE');
    expect(approval).toMatchObject({ actorAccountId: head2.id, delegated: false });
    expect(
      (await history(head, item.id)).filter((e) => e.actorAccountId === head.id).map((e) => e.action),
    ).toEqual(['CREATE', 'SUBMIT']);
  });

  describe('delegation of approval to the deputy', () => {
    let delegHead: Actor;
    const delegate = async (who: Actor, deputyAccountId: string, validFrom: Date, validTo: Date) =>
      dataOf(
        await t.gql<{ delegateApproval: Record<string, any> }>(
          SAIGON,
          DELEGATE,
          {
            i: {
              tenantId: saigonId,
              deputyAccountId,
              validFrom: validFrom.toISOString(),
              validTo: validTo.toISOString(),
            },
          },
          { token: who.token },
        ),
      ).delegateApproval;
    const hours = (h: number) => new Date(Date.now() + h * 3600_000);

    beforeAll(async () => {
      delegHead = await actor('delegation-head', Role.BOARD_HEAD, SAIGON);
    });

    it('only a deputy of the board can be delegated to, and only by the head', async () => {
      const before = (await db.query('SELECT count(*)::int AS n FROM approval_delegations')).rows[0].n;
      const notDeputy = await delegate(delegHead, member.id, hours(-1), hours(1));
      expect(notDeputy).toMatchObject({
        __typename: 'InputError',
        errorCode: 'NOT_A_DEPUTY',
        field: 'deputyAccountId',
      });
      const backwards = await delegate(delegHead, deputy.id, hours(2), hours(1));
      expect(backwards).toMatchObject({ __typename: 'InputError', errorCode: 'INVALID_PERIOD' });
      // A board member cannot hand out approval rights at all.
      const res = await t.gql(
        SAIGON,
        DELEGATE,
        { i: { tenantId: saigonId, deputyAccountId: deputy.id, validFrom: hours(-1), validTo: hours(1) } },
        { token: member.token },
      );
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await db.query('SELECT count(*)::int AS n FROM approval_delegations')).rows[0].n).toBe(before);
    });

    it('the deputy approves before the window: no; inside: yes, recorded as delegated; after: no', async () => {
      const first = await draft(writer, { title: 'Bài chờ Phó trưởng ban duyệt' });
      await toInReview(first);

      // Before the window.
      const future = await delegate(delegHead, deputy.id, hours(24), hours(48));
      expect(future).toMatchObject({
        __typename: 'ApprovalDelegation',
        tenantId: saigonId,
        headAccountId: delegHead.id,
        deputyAccountId: deputy.id,
      });
      await refused(deputy, first, 'APPROVE', 'NOT_ALLOWED');

      // Inside the window.
      const inside = await delegate(delegHead, deputy.id, hours(-1), hours(1));
      expect(inside.__typename).toBe('ApprovalDelegation');
      await ok(deputy, first.id, 'APPROVE', 'APPROVED');
      expect((await history(deputy, first.id)).at(-1)).toMatchObject({
        action: 'APPROVE',
        actorAccountId: deputy.id,
        delegated: true,
      });
      const recorded = await db.query(
        `SELECT delegated FROM workflow_events WHERE item_id = $1 AND action = 'APPROVE'`,
        [first.id],
      );
      expect(recorded.rows).toEqual([{ delegated: true }]);

      // After the window: the same delegation moved into the past.
      await db.query(
        `UPDATE approval_delegations SET valid_from = now() - interval '2 days', valid_to = now() - interval '1 day' WHERE id = $1`,
        [inside.id],
      );
      const second = await draft(writer, { title: 'Bài sau khi hết ủy quyền' });
      await toInReview(second);
      await refused(deputy, second, 'APPROVE', 'NOT_ALLOWED');
      // The head still approves it, and that approval is not a delegated one.
      await ok(delegHead, second.id, 'APPROVE', 'APPROVED');
      expect((await history(delegHead, second.id)).at(-1)).toMatchObject({
        actorAccountId: delegHead.id,
        delegated: false,
      });
    });

    it('a delegation ends when its head loses the BOARD_HEAD role', async () => {
      const inside = await delegate(delegHead, deputy.id, hours(-1), hours(2));
      expect(inside.__typename).toBe('ApprovalDelegation');
      const a = await draft(writer, { title: 'Bài duyệt trong thời gian ủy quyền' });
      const b = await draft(writer, { title: 'Bài sau khi Trưởng ban thôi giữ vai trò' });
      await toInReview(a);
      await toInReview(b);
      await ok(deputy, a.id, 'APPROVE', 'APPROVED');

      const revoked = dataOf(
        await t.gql<{ revokeRole: Record<string, any> }>(
          SAIGON,
          REVOKE,
          { id: delegHead.assignmentId },
          { token: operator.token },
        ),
      ).revokeRole;
      expect(revoked).toMatchObject({ __typename: 'RoleAssignment', role: 'BOARD_HEAD' });
      expect(revoked.revokedAt).not.toBeNull();

      // The delegation row is still there and inside its window, but gives nothing any more.
      const row = await db.query(
        `SELECT revoked_at, valid_from < now() AND valid_to > now() AS inside FROM approval_delegations WHERE id = $1`,
        [inside.id],
      );
      expect(row.rows).toEqual([{ revoked_at: null, inside: true }]);
      await refused(deputy, b, 'APPROVE', 'NOT_ALLOWED');
      // The former head no longer even sees the item; the remaining head approves it.
      await refused(delegHead, b, 'APPROVE', 'NOT_FOUND');
      await ok(head, b.id, 'APPROVE', 'APPROVED');
    });
  });

  it('a board member with fields reviews items of those fields only', async () => {
    const adminId = await t.createAccount({ username: 'admin', homeHost: CITY, platformAdmin: true });
    expect(adminId).toBeTruthy();
    const admin = (await t.login('admin', CITY)).accessToken;
    const eduId = await t.createAccount({ username: 'edu-member', homeHost: SAIGON });
    const granted = dataOf(
      await t.gql<{ grantRole: Record<string, any> }>(
        SAIGON,
        GRANT,
        { input: { accountId: eduId, tenantId: saigonId, role: 'BOARD_MEMBER', fields: ['Giáo dục'] } },
        { token: admin },
      ),
    ).grantRole;
    expect(granted).toMatchObject({
      __typename: 'RoleAssignment',
      role: 'BOARD_MEMBER',
      fields: ['Giáo dục'],
    });
    const edu: Actor = {
      id: eduId,
      token: (await t.login('edu-member', SAIGON)).accessToken,
      assignmentId: granted.id,
    };

    const school = await draft(writer, { title: 'Khai giảng năm học mới', field: 'Giáo dục' });
    const health = await draft(writer, { title: 'Tiêm chủng mở rộng', field: 'Y tế' });
    expect([school.field, health.field]).toEqual(['Giáo dục', 'Y tế']);
    await toSubmitted(school);
    await toSubmitted(health);

    await ok(edu, school.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    await refused(edu, health, 'TAKE_FOR_REVIEW', 'NOT_ALLOWED');
    await refused(edu, health, 'RETURN', 'NOT_ALLOWED', { note: 'Ngoài lĩnh vực' });
    // The member still sees the item of another field (read is portal-wide), but cannot act on it.
    expect((await view(edu, health.id))?.id).toBe(health.id);
    // A member without fields reviews every field.
    await ok(member, health.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    expect((await history(member, school.id)).at(-1)).toMatchObject({
      action: 'TAKE_FOR_REVIEW',
      actorAccountId: eduId,
    });
  });

  it('editing a live item makes a new revision that goes through the workflow while the old one stays live', async () => {
    const item = await draft(writer, {
      title: 'Lễ hội Tết Nguyên đán tại phường',
      bodyHtml: '<p>Chương trình bắt đầu lúc 19 giờ.</p>',
    });
    const first = await toPublished(item);
    const rev1 = first.live!;
    const firstPublishedAt = first.publishedAt;

    const edited = await edit(writer, item.id, {
      title: 'Lễ hội Tết Nguyên đán tại phường (cập nhật)',
      bodyHtml: '<p>Chương trình bắt đầu lúc 20 giờ.</p>',
    });
    expect(edited).toMatchObject({
      __typename: 'ContentItem',
      working: { number: 2, status: 'DRAFT', title: 'Lễ hội Tết Nguyên đán tại phường (cập nhật)' },
      live: { number: 1, id: rev1.id },
    });
    expect(await publicItem(item.slug)).toMatchObject({
      revisionNumber: 1,
      title: 'Lễ hội Tết Nguyên đán tại phường',
      bodyHtml: '<p>Chương trình bắt đầu lúc 19 giờ.</p>',
    });
    expect(await stateOf(rev1.id)).toBe('PUBLISHED');

    await ok(writer, item.id, 'SUBMIT', 'SUBMITTED');
    await ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    // Still revision 1 for the public while revision 2 is in the workflow.
    expect((await publicItem(item.slug))!.revisionNumber).toBe(1);
    await ok(head, item.id, 'APPROVE', 'APPROVED');
    expect((await publicItem(item.slug))!.revisionNumber).toBe(1);
    const second = await ok(member, item.id, 'PUBLISH', null);
    expect(second.live).toMatchObject({ number: 2, id: edited.working!.id });
    expect(second.publishedAt).toBe(firstPublishedAt);

    expect(await publicItem(item.slug)).toMatchObject({
      id: item.id,
      revisionNumber: 2,
      title: 'Lễ hội Tết Nguyên đán tại phường (cập nhật)',
      bodyHtml: '<p>Chương trình bắt đầu lúc 20 giờ.</p>',
    });
    expect(await stateOf(rev1.id)).toBe('SUPERSEDED');
    expect(await stateOf(edited.working!.id)).toBe('PUBLISHED');
    const listed = dataOf(
      await t.gql<{ publicItems: { nodes: Array<{ id: string; revisionNumber: number }> } }>(
        SAIGON,
        PUBLIC_ITEMS,
      ),
    );
    expect(listed.publicItems.nodes.filter((n) => n.id === item.id)).toEqual([
      expect.objectContaining({ revisionNumber: 2 }),
    ]);

    // Withdrawn: gone from every public read, kept in the database.
    const withdrawn = await step(member, item.id, 'WITHDRAW');
    expect(withdrawn).toMatchObject({ __typename: 'ContentItem', working: null });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(await publicItem(item.slug)).toBeNull();
    const after = dataOf(
      await t.gql<{ publicItems: { nodes: Array<{ id: string }> }; search: Array<{ id: string }> }>(
        SAIGON,
        `{ publicItems(filter: { first: 100 }) { nodes { id } } search(query: "le hoi tet nguyen dan") { id } }`,
      ),
    );
    expect(after.publicItems.nodes.map((n) => n.id)).not.toContain(item.id);
    expect(after.search.map((n) => n.id)).not.toContain(item.id);
    const kept = await db.query(
      `SELECT withdrawn_at IS NOT NULL AS withdrawn, live_revision_id,
              (SELECT count(*)::int FROM content_revisions r WHERE r.item_id = i.id) AS revisions
         FROM content_items i WHERE id = $1`,
      [item.id],
    );
    expect(kept.rows).toEqual([{ withdrawn: true, live_revision_id: edited.working!.id, revisions: 2 }]);
    expect(await stateOf(edited.working!.id)).toBe('WITHDRAWN');
    expect(await stateOf(rev1.id)).toBe('SUPERSEDED');
    expect((await history(member, item.id)).at(-1)).toMatchObject({
      action: 'WITHDRAW',
      fromStatus: 'PUBLISHED',
      toStatus: 'WITHDRAWN',
      actorAccountId: member.id,
    });
    // The board still sees the item and its revisions.
    expect((await view(member, item.id))?.withdrawnAt).not.toBeNull();
    const revisions = dataOf(
      await t.gql<{ contentRevisions: Revision[] }>(
        SAIGON,
        REVISIONS,
        { id: item.id },
        { token: member.token },
      ),
    );
    expect(revisions.contentRevisions.map((r) => r.number)).toEqual([1, 2]);
    await refused(member, item, 'WITHDRAW', 'INVALID_TRANSITION');
  });

  it('revisions are listed, compared word by word, and an earlier one is restored as a new revision', async () => {
    const item = await draft(writer, {
      title: 'Thông báo lịch tiếp công dân tháng 12',
      bodyHtml: '<p>Lãnh đạo phường tiếp công dân vào sáng thứ Năm hằng tuần.</p>',
    });
    const edited = await edit(writer, item.id, {
      title: 'Thông báo lịch tiếp công dân tháng 12',
      bodyHtml: '<p>Lãnh đạo phường tiếp công dân vào chiều thứ Sáu hằng tuần.</p>',
    });
    expect(edited).toMatchObject({ working: { number: 2, status: 'DRAFT' } });

    const listed = dataOf(
      await t.gql<{ contentRevisions: Array<Revision & { createdAt: string }> }>(
        SAIGON,
        REVISIONS,
        { id: item.id },
        { token: writer.token },
      ),
    ).contentRevisions;
    expect(listed.map((r) => [r.number, r.bodyHtml, r.createdBy])).toEqual([
      [1, '<p>Lãnh đạo phường tiếp công dân vào sáng thứ Năm hằng tuần.</p>', writer.id],
      [2, '<p>Lãnh đạo phường tiếp công dân vào chiều thứ Sáu hằng tuần.</p>', writer.id],
    ]);

    const diff = dataOf(
      await t.gql<{
        compareRevisions: Array<{
          field: string;
          parts: Array<{ value: string; added: boolean; removed: boolean }>;
        }>;
      }>(SAIGON, COMPARE, { id: item.id, f: 1, t: 2 }, { token: writer.token }),
    ).compareRevisions;
    expect(diff.map((d) => d.field)).toEqual(['body']);
    const parts = diff[0].parts;
    const removed = parts
      .filter((p) => p.removed)
      .map((p) => p.value)
      .join(' ');
    const added = parts
      .filter((p) => p.added)
      .map((p) => p.value)
      .join(' ');
    const same = parts
      .filter((p) => !p.added && !p.removed)
      .map((p) => p.value)
      .join('');
    expect(removed).toContain('sáng');
    expect(removed).toContain('Năm');
    expect(added).toContain('chiều');
    expect(added).toContain('Sáu');
    expect(same).toContain('tiếp công dân');
    expect(`${removed} ${added}`).not.toContain('tiếp');
    // The parts rebuild each side.
    expect(
      parts
        .filter((p) => !p.added)
        .map((p) => p.value)
        .join(''),
    ).toBe('Lãnh đạo phường tiếp công dân vào sáng thứ Năm hằng tuần.');
    expect(
      parts
        .filter((p) => !p.removed)
        .map((p) => p.value)
        .join(''),
    ).toBe('Lãnh đạo phường tiếp công dân vào chiều thứ Sáu hằng tuần.');

    const restored = dataOf(
      await t.gql<{ restoreRevision: Result }>(
        SAIGON,
        RESTORE,
        { id: item.id, n: 1 },
        { token: writer.token },
      ),
    ).restoreRevision;
    expect(restored).toMatchObject({
      __typename: 'ContentItem',
      working: {
        number: 3,
        status: 'DRAFT',
        title: 'Thông báo lịch tiếp công dân tháng 12',
        bodyHtml: '<p>Lãnh đạo phường tiếp công dân vào sáng thứ Năm hằng tuần.</p>',
      },
    });
    const again = dataOf(
      await t.gql<{ contentRevisions: Revision[] }>(
        SAIGON,
        REVISIONS,
        { id: item.id },
        { token: writer.token },
      ),
    ).contentRevisions;
    expect(again.map((r) => r.number)).toEqual([1, 2, 3]);
    const same13 = dataOf(
      await t.gql<{ compareRevisions: unknown[] }>(
        SAIGON,
        COMPARE,
        { id: item.id, f: 1, t: 3 },
        { token: writer.token },
      ),
    ).compareRevisions;
    expect(same13).toEqual([]);
    expect((await history(writer, item.id)).map((e) => e.action)).toEqual(['CREATE', 'EDIT', 'EDIT']);
    expect(await stateOf(edited.working!.id)).toBe('SUPERSEDED');

    const missing = dataOf(
      await t.gql<{ restoreRevision: Result }>(
        SAIGON,
        RESTORE,
        { id: item.id, n: 9 },
        { token: writer.token },
      ),
    ).restoreRevision;
    expect(missing).toMatchObject({
      __typename: 'InputError',
      errorCode: 'REVISION_NOT_FOUND',
      field: 'number',
    });
    expect(await eventCount(item.id)).toBe(3);
  });

  it('a legal document is due 2 working days after its issue date, counted across the Tết 2026 break', async () => {
    const doc = await draft(writer, {
      kind: 'LEGAL_DOCUMENT',
      title: 'Quyết định về việc ban hành quy chế làm việc',
      fields: {
        form: 'QUYET_DINH',
        issuer: 'UBND phường Sài Gòn',
        number: '12/QĐ-UBND',
        issueDate: '2026-02-12',
        excerpt: 'Ban hành quy chế làm việc của UBND phường.',
      },
    });
    // Issued on Thursday 12 February; 14–22 February are the Tết break (a weekend, five days off,
    // a weekend), so the working days after issue are Friday 13 and Monday 23 February.
    const cal = dataOf(
      await t.gql<{ a: boolean; b: boolean; c: boolean; n: string }>(
        SAIGON,
        `{ a: isWorkingDay(date: "2026-02-13") b: isWorkingDay(date: "2026-02-20") c: isWorkingDay(date: "2026-02-23") n: addWorkingDays(date: "2026-02-12", days: 2) }`,
      ),
    );
    expect(cal).toEqual({ a: true, b: false, c: true, n: '2026-02-23' });
    expect(doc.working!.dueAt).toBe('2026-02-23T16:59:59.999Z');
    expect(
      (
        await db.query(`SELECT due_at FROM editorial_states WHERE revision_id = $1`, [doc.working!.id])
      ).rows[0].due_at.toISOString(),
    ).toBe('2026-02-23T16:59:59.999Z');
    // The due date follows the issue date when an edit changes it.
    const edited = await edit(writer, doc.id, {
      title: 'Quyết định về việc ban hành quy chế làm việc',
      bodyHtml: '',
      fields: {
        form: 'QUYET_DINH',
        issuer: 'UBND phường Sài Gòn',
        number: '12/QĐ-UBND',
        issueDate: '2026-02-26',
        excerpt: 'Ban hành quy chế làm việc của UBND phường.',
      },
    });
    // Thursday 26 → Friday 27 February, Monday 2 March.
    expect(edited).toMatchObject({ working: { number: 2, dueAt: '2026-03-02T16:59:59.999Z' } });
  });

  it('a submission gets the board-handling deadline of the portal policy', async () => {
    const tWriter = await actor('tandinh-writer', Role.CONTRIBUTOR, TANDINH);
    const cityOp = await actor('city-operator', Role.OPERATOR, CITY, { scope: RoleScope.SUBTREE });
    const tandinhId = t.tenant(TANDINH).id;
    const submitT = async (item: Item) => ok(tWriter, item.id, 'SUBMIT', 'SUBMITTED', TANDINH);

    // The default policy (HCMC 05/2024) sets no board-handling deadline.
    const before = await draft(tWriter, {}, TANDINH);
    expect((await submitT(before)).working!.boardDueAt).toBeNull();

    const assigned = dataOf(
      await t.gql<{ setDeadlinePolicy: Record<string, any> }>(
        CITY,
        `mutation($t: String!, $k: String) { setDeadlinePolicy(tenantId: $t, profileKey: $k) {
          __typename ... on DeadlinePolicy { key inheritedFrom } ... on InputError { errorCode field } } }`,
        { t: tandinhId, k: 'hcmc-culture-sports-2017' },
        { token: cityOp.token },
      ),
    ).setDeadlinePolicy;
    expect(assigned).toEqual({
      __typename: 'DeadlinePolicy',
      key: 'hcmc-culture-sports-2017',
      inheritedFrom: tandinhId,
    });

    const item = await draft(tWriter, {}, TANDINH);
    const submitted = await submitT(item);
    const row = (
      await db.query(`SELECT submitted_at, board_due_at FROM editorial_states WHERE revision_id = $1`, [
        item.working!.id,
      ])
    ).rows[0];
    // The local (Asia/Ho_Chi_Minh) date of the submission, and the 2nd working day after it.
    const localDay = new Date(row.submitted_at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const due = dataOf(
      await t.gql<{ addWorkingDays: string; workingDaysBetween: number }>(
        TANDINH,
        `query($d: String!) { addWorkingDays(date: $d, days: 2) }`,
        { d: localDay },
      ),
    ).addWorkingDays;
    const expected = new Date(`${due}T23:59:59.999+07:00`).toISOString();
    expect(submitted.working!.boardDueAt).toBe(expected);
    expect(row.board_due_at.toISOString()).toBe(expected);
    const dueDate = new Date(`${due}T12:00:00+07:00`);
    expect(dueDate.getTime()).toBeGreaterThan(row.submitted_at.getTime());
    expect([0, 6]).not.toContain(dueDate.getUTCDay());
    const between = dataOf(
      await t.gql<{ workingDaysBetween: number }>(
        TANDINH,
        `query($a: String!, $b: String!) { workingDaysBetween(from: $a, to: $b) }`,
        { a: localDay, b: due },
      ),
    ).workingDaysBetween;
    expect(between).toBe(2);

    // Only that portal follows the profile: a submission on Sài Gòn still has no board deadline.
    const saigonItem = await draft(writer);
    expect((await toSubmitted(saigonItem)).working!.boardDueAt).toBeNull();

    // The board of Tân Định sees it in its queue with that deadline.
    const tMember = await actor('tandinh-member', Role.BOARD_MEMBER, TANDINH);
    const queue = dataOf(
      await t.gql<{ editorialQueue: Array<Record<string, any>> }>(
        TANDINH,
        QUEUE,
        {},
        { token: tMember.token },
      ),
    ).editorialQueue;
    expect(queue.find((q) => q.itemId === item.id)).toMatchObject({
      status: 'SUBMITTED',
      boardDueAt: expected,
      revisionId: item.working!.id,
    });
  });

  it('the editorial queue lists submitted items for their board and not for another ward’s board', async () => {
    const item = await draft(writer, { title: 'Bài chờ Ban biên tập xử lý' });
    const waiting = await draft(writer, { title: 'Bài nháp chưa gửi' });
    await toSubmitted(item);
    const queueOf = async (who: Actor, host: string, variables: Record<string, unknown> = {}) =>
      dataOf(
        await t.gql<{
          editorialQueue: Array<{
            itemId: string;
            status: string;
            revisionId: string;
            submittedAt: string | null;
          }>;
        }>(host, QUEUE, variables, { token: who.token }),
      ).editorialQueue;

    const mine = await queueOf(member, SAIGON);
    expect(mine.find((q) => q.itemId === item.id)).toMatchObject({
      status: 'SUBMITTED',
      revisionId: item.working!.id,
    });
    expect(mine.find((q) => q.itemId === item.id)!.submittedAt).not.toBeNull();
    // Drafts are not waiting for the board.
    expect(mine.map((q) => q.itemId)).not.toContain(waiting.id);
    expect((await queueOf(member, SAIGON, { s: ['IN_REVIEW'] })).map((q) => q.itemId)).not.toContain(item.id);
    expect((await queueOf(head, SAIGON)).map((q) => q.itemId)).toContain(item.id);

    // Another ward's board sees nothing of it, on its own host or on Sài Gòn's.
    const other = await queueOf(bMember, BENTHANH);
    expect(other.map((q) => q.itemId)).not.toContain(item.id);
    const otherHere = await queueOf(bMember, SAIGON);
    expect(otherHere).toEqual([]);

    await ok(member, item.id, 'TAKE_FOR_REVIEW', 'IN_REVIEW');
    expect((await queueOf(member, SAIGON, { s: ['IN_REVIEW'] })).map((q) => q.itemId)).toContain(item.id);
    expect((await queueOf(member, SAIGON, { s: ['SUBMITTED'] })).map((q) => q.itemId)).not.toContain(item.id);
  });

  it('two saves of the same item at the same moment: one lands, the other is told to reload, never a 500', async () => {
    const created = await draft(writer, { title: 'Tin sửa cùng lúc' });
    const outcomes: string[] = [];
    for (let round = 0; round < 20; round++) {
      const pair = await Promise.all(
        [1, 2].map((n) =>
          t.gql<{ editContent: Result }>(
            SAIGON,
            EDIT,
            {
              id: created.id,
              i: {
                title: `Tin sửa cùng lúc ${round}.${n}`,
                bodyHtml: '<p>x</p>',
                authorName: 'Nguyễn Văn A',
                source: 'UBND phường',
                fields: { eventDate: '2026-11-20' },
              },
            },
            { token: writer.token },
          ),
        ),
      );
      for (const res of pair) {
        expect(res.body.errors).toBeUndefined();
        const r = res.body.data!.editContent as { __typename: string; errorCode?: string };
        outcomes.push(r.__typename === 'ContentItem' ? 'saved' : r.errorCode!);
      }
    }
    // Any other outcome is named in the failure.
    expect(outcomes.filter((o) => o !== 'saved' && o !== 'EDIT_CONFLICT')).toEqual([]);
    expect(outcomes).toContain('saved');
    // Every save that landed is one revision, and the item still has exactly one draft in progress.
    const revisions = await db.query('SELECT count(*)::int AS n FROM content_revisions WHERE item_id = $1', [
      created.id,
    ]);
    expect(revisions.rows[0].n).toBe(1 + outcomes.filter((o) => o === 'saved').length);
    const open = await db.query(
      `SELECT count(*)::int AS n FROM editorial_states WHERE item_id = $1 AND status = 'DRAFT'`,
      [created.id],
    );
    expect(open.rows[0].n).toBe(1);
  });
});
