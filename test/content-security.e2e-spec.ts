import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { officer, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * Content is confined to its portal. Cross-tenant attempts on every editor
 * mutation, on get-by-id and on the nested reads (history, revisions, comparison) are refused and
 * change nothing; a provincial (subtree) board head acts through the province's host, never through
 * a sibling ward's; anonymous callers get nothing; public reads show only the addressed portal's
 * published items; XSS payloads come back inert; input is validated field by field; English
 * translations are read with `Accept-Language: en`.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

const REVISION = 'id number status title summary bodyHtml fields authorName source createdBy';
const ITEM_FIELDS = `id tenantId kind slug field language translationOf categoryId createdBy publishedAt withdrawnAt
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
    ... on ApprovalDelegation { id tenantId headAccountId deputyAccountId }
    ... on InputError { errorCode field message }
  }
}`;
const CONTENT_ITEM = `query($id: String!) { contentItem(id: $id) { ${ITEM_FIELDS} } }`;
const HISTORY = `query($id: String!) { contentHistory(itemId: $id) { id action actorAccountId revisionId note } }`;
const REVISIONS = `query($id: String!) { contentRevisions(itemId: $id) { id number title bodyHtml } }`;
const COMPARE = `query($id: String!) { compareRevisions(itemId: $id, from: 1, to: 2) { field parts { value } } }`;
const QUEUE = `{ editorialQueue { itemId status } }`;
const PUBLIC = 'id slug title summary bodyHtml authorName source fields language revisionNumber';

type Revision = {
  id: string;
  number: number;
  status?: string | null;
  title: string;
  summary: string | null;
  bodyHtml: string;
  fields: Record<string, unknown>;
  authorName: string;
  source: string;
};
type Item = {
  __typename: 'ContentItem' | 'InputError';
  id: string;
  tenantId: string;
  slug: string;
  language: string;
  translationOf: string | null;
  categoryId: string | null;
  working: Revision | null;
  live: Revision | null;
  errorCode?: string;
  field?: string | null;
};
type PublicItem = Revision & { slug: string; language: string; revisionNumber: number };
type Actor = { id: string; token: string };

describe('content security', () => {
  let t: TestApp;
  let db: Client;
  let saigonId: string;
  let benthanhId: string;

  let writer: Actor;
  let writer2: Actor;
  let member: Actor;
  let head: Actor;
  let deputy: Actor;
  let bWriter: Actor;
  let bHead: Actor;
  let bDeputy: Actor;
  let cityHead: Actor;

  /** Sài Gòn items: a draft with two revisions, and a published item; a published Bến Thành item. */
  let draftItem: Item;
  let publishedItem: Item;
  let benthanhItem: Item;

  const actor = async (
    username: string,
    role: Role,
    host: string,
    scope = RoleScope.TENANT,
  ): Promise<Actor> => {
    const { id, token } = await officer(t, username, host, [role], { scope });
    return { id, token };
  };

  const base = (host: string) => ({
    tenantId: t.tenant(host).id,
    kind: 'NEWS',
    bodyHtml: '<p>Nội dung.</p>',
    authorName: 'Nguyễn Văn A',
    source: 'UBND phường',
    fields: {},
  });
  const create = async (who: Actor | null, input: Record<string, unknown>, host = SAIGON) => {
    const res = await t.gql<{ createContent: Item }>(
      host,
      CREATE,
      { i: { ...base(SAIGON), ...input } },
      { token: who?.token },
    );
    return dataOf(res).createContent;
  };
  const draft = async (who: Actor, input: Record<string, unknown>, host = SAIGON) => {
    const item = await create(who, { ...base(host), ...input }, host);
    expect(item).toMatchObject({ __typename: 'ContentItem', working: { status: 'DRAFT' } });
    return item;
  };
  const step = async (
    who: Actor,
    itemId: string,
    action: string,
    host = SAIGON,
    extra: Record<string, string> = {},
  ) =>
    dataOf(
      await t.gql<{ transitionContent: Item }>(
        host,
        TRANSITION,
        { id: itemId, a: action, r: extra.reason ?? null, n: extra.note ?? null },
        { token: who.token },
      ),
    ).transitionContent;
  const ok = async (who: Actor, itemId: string, action: string, host = SAIGON) => {
    const r = await step(who, itemId, action, host);
    expect({ action, __typename: r.__typename, errorCode: r.errorCode }).toEqual({
      action,
      __typename: 'ContentItem',
      errorCode: undefined,
    });
    return r;
  };
  const publish = async (item: Item, author: Actor, board: { member: Actor; head: Actor }, host = SAIGON) => {
    await ok(author, item.id, 'SUBMIT', host);
    await ok(board.member, item.id, 'TAKE_FOR_REVIEW', host);
    await ok(board.head, item.id, 'APPROVE', host);
    return ok(board.member, item.id, 'PUBLISH', host);
  };

  /** A digest of every content and editorial table: a refused call must leave all of them as they were. */
  const digest = async () =>
    (
      await db.query(`SELECT
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM content_items x) AS items,
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM content_revisions x) AS revisions,
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.revision_id), '')) FROM editorial_states x) AS states,
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM workflow_events x) AS events,
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM approval_delegations x) AS delegations,
        (SELECT count(*)::int FROM content_items) AS item_count`)
    ).rows[0];

  const publicRead = async (
    host: string,
    query: string,
    variables: Record<string, unknown> = {},
    headers = {},
  ) => dataOf(await t.gql<Record<string, any>>(host, query, variables, { headers }));

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    saigonId = t.tenant(SAIGON).id;
    benthanhId = t.tenant(BENTHANH).id;
    writer = await actor('writer', Role.CONTRIBUTOR, SAIGON);
    writer2 = await actor('writer2', Role.CONTRIBUTOR, SAIGON);
    member = await actor('member', Role.BOARD_MEMBER, SAIGON);
    head = await actor('head', Role.BOARD_HEAD, SAIGON);
    deputy = await actor('deputy', Role.BOARD_DEPUTY, SAIGON);
    bWriter = await actor('bwriter', Role.CONTRIBUTOR, BENTHANH);
    bHead = await actor('bhead', Role.BOARD_HEAD, BENTHANH);
    bDeputy = await actor('bdeputy', Role.BOARD_DEPUTY, BENTHANH);
    cityHead = await actor('city-head', Role.BOARD_HEAD, CITY, RoleScope.SUBTREE);

    draftItem = await draft(writer, {
      title: 'Dự thảo mật của phường Sài Gòn',
      bodyHtml: '<p>Phiên bản thứ nhất.</p>',
    });
    const second = dataOf(
      await t.gql<{ editContent: Item }>(
        SAIGON,
        EDIT,
        {
          id: draftItem.id,
          i: {
            title: 'Dự thảo mật của phường Sài Gòn',
            bodyHtml: '<p>Phiên bản thứ hai.</p>',
            authorName: 'Nguyễn Văn A',
            source: 'UBND phường',
          },
        },
        { token: writer.token },
      ),
    ).editContent;
    expect(second).toMatchObject({ working: { number: 2 } });
    await ok(writer, draftItem.id, 'SUBMIT');

    publishedItem = await draft(writer, { title: 'Hội thao phường Sài Gòn năm 2026' });
    await publish(publishedItem, writer, { member, head });

    benthanhItem = await draft(bWriter, { title: 'Hội thao phường Bến Thành năm 2026' }, BENTHANH);
    // Bến Thành's head reviews and approves what its contributor wrote.
    await publish(benthanhItem, bWriter, { member: bHead, head: bHead }, BENTHANH);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('cross-tenant attempts', () => {
    it('createContent for a sibling ward is NOT_ALLOWED through either host, and writes nothing', async () => {
      const before = await digest();
      for (const [who, host] of [
        [writer, SAIGON],
        [writer, BENTHANH],
        [head, SAIGON],
        [head, BENTHANH],
      ] as const) {
        const r = await create(who, { tenantId: benthanhId, title: 'Bài viết sang phường khác' }, host);
        expect({ host, r: [r.__typename, r.errorCode] }).toEqual({ host, r: ['InputError', 'NOT_ALLOWED'] });
      }
      // Neither for the province above, nor for a portal that does not exist.
      expect(
        await create(head, { tenantId: t.tenant(CITY).id, title: 'Bài lên Thành phố' }, CITY),
      ).toMatchObject({
        errorCode: 'NOT_ALLOWED',
      });
      expect(
        await create(head, { tenantId: '00000000-0000-4000-8000-000000000000', title: 'Không có cổng' }),
      ).toMatchObject({ errorCode: 'TENANT_NOT_FOUND', field: 'tenantId' });
      // Nor by pointing a translation at a sibling's item.
      expect(
        await create(
          bHead,
          {
            tenantId: benthanhId,
            language: 'en',
            translationOf: publishedItem.id,
            title: 'Sports day',
          },
          BENTHANH,
        ),
      ).toMatchObject({ errorCode: 'INVALID_TRANSLATION', field: 'translationOf' });
      expect(await digest()).toEqual(before);
    });

    it('edit, transition and restore on a sibling ward’s item are refused and change nothing', async () => {
      const before = await digest();
      const refusedCodes = /^(NOT_FOUND|NOT_ALLOWED)$/;
      for (const who of [bHead, bWriter]) {
        for (const host of [BENTHANH, SAIGON]) {
          for (const item of [draftItem, publishedItem]) {
            const edited = dataOf(
              await t.gql<{ editContent: Item }>(
                host,
                EDIT,
                {
                  id: item.id,
                  i: { title: 'Đã bị sửa', bodyHtml: '<p>x</p>', authorName: 'Kẻ lạ', source: 'Không rõ' },
                },
                { token: who.token },
              ),
            ).editContent;
            expect(edited.__typename).toBe('InputError');
            expect(edited.errorCode).toMatch(refusedCodes);
            const restored = dataOf(
              await t.gql<{ restoreRevision: Item }>(
                host,
                RESTORE,
                { id: item.id, n: 1 },
                { token: who.token },
              ),
            ).restoreRevision;
            expect(restored.__typename).toBe('InputError');
            expect(restored.errorCode).toMatch(refusedCodes);
            for (const action of [
              'SUBMIT',
              'TAKE_FOR_REVIEW',
              'RETURN',
              'REFUSE',
              'APPROVE',
              'PUBLISH',
              'WITHDRAW',
            ]) {
              const r = await step(who, item.id, action, host, { reason: 'OUT_OF_SCOPE', note: 'x' });
              expect({ action, type: r.__typename }).toEqual({ action, type: 'InputError' });
              expect(r.errorCode).toMatch(refusedCodes);
              // The error tells nothing about the item.
              expect(JSON.stringify(r)).not.toContain('Sài Gòn');
            }
          }
        }
      }
      expect(await digest()).toEqual(before);
      // The Sài Gòn items are as they were, and the published one is still public.
      expect(
        (
          await publicRead(SAIGON, `query($s: String!) { publicItem(slug: $s) { id } }`, {
            s: publishedItem.slug,
          })
        ).publicItem,
      ).toEqual({ id: publishedItem.id });
    });

    it('delegateApproval for a sibling ward is NOT_ALLOWED; a sibling’s deputy cannot be delegated to', async () => {
      const before = await digest();
      const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
      for (const host of [BENTHANH, SAIGON]) {
        const r = dataOf(
          await t.gql<{ delegateApproval: Item }>(
            host,
            DELEGATE,
            {
              i: { tenantId: saigonId, deputyAccountId: deputy.id, validFrom: hours(-1), validTo: hours(1) },
            },
            { token: bHead.token },
          ),
        ).delegateApproval;
        expect({ host, r: [r.__typename, r.errorCode] }).toEqual({ host, r: ['InputError', 'NOT_ALLOWED'] });
      }
      // Sài Gòn's own head cannot hand Sài Gòn approvals to Bến Thành's deputy.
      const r = dataOf(
        await t.gql<{ delegateApproval: Item }>(
          SAIGON,
          DELEGATE,
          { i: { tenantId: saigonId, deputyAccountId: bDeputy.id, validFrom: hours(-1), validTo: hours(1) } },
          { token: head.token },
        ),
      ).delegateApproval;
      expect(r).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_A_DEPUTY' });
      // Nor delegate Bến Thành's approvals from Sài Gòn.
      const other = dataOf(
        await t.gql<{ delegateApproval: Item }>(
          SAIGON,
          DELEGATE,
          {
            i: { tenantId: benthanhId, deputyAccountId: bDeputy.id, validFrom: hours(-1), validTo: hours(1) },
          },
          { token: head.token },
        ),
      ).delegateApproval;
      expect(other).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_ALLOWED' });
      expect(await digest()).toEqual(before);
    });

    it('get-by-id of a sibling ward’s item is null', async () => {
      for (const [who, host] of [
        [bHead, BENTHANH],
        [bHead, SAIGON],
        [bWriter, SAIGON],
        [cityHead, BENTHANH],
      ] as const) {
        for (const item of [draftItem, publishedItem]) {
          const res = await t.gql(host, CONTENT_ITEM, { id: item.id }, { token: who.token });
          expect(res.body).toEqual({ data: { contentItem: null } });
        }
      }
      // Another contributor of the same ward does not see someone else's draft either.
      expect(
        dataOf(await t.gql(SAIGON, CONTENT_ITEM, { id: draftItem.id }, { token: writer2.token })),
      ).toEqual({
        contentItem: null,
      });
      // While its own board does (the query itself works).
      const own = dataOf(
        await t.gql<{ contentItem: Item }>(
          SAIGON,
          CONTENT_ITEM,
          { id: draftItem.id },
          { token: member.token },
        ),
      );
      expect(own.contentItem).toMatchObject({ id: draftItem.id, working: { number: 2 } });
    });

    it('history, revisions and comparison of a sibling ward’s item give no data', async () => {
      const secrets = [draftItem.working!.id, 'Dự thảo mật', 'Phiên bản thứ', writer.id];
      for (const [who, host] of [
        [bHead, BENTHANH],
        [bHead, SAIGON],
        [bWriter, SAIGON],
        [writer2, SAIGON],
      ] as const) {
        for (const query of [HISTORY, REVISIONS, COMPARE]) {
          const res = await t.gql<Record<string, unknown[] | null>>(
            host,
            query,
            { id: draftItem.id },
            { token: who.token },
          );
          const values = Object.values(res.body.data ?? {});
          // Either an error and no data, or an empty answer: never the item's history or text.
          if (res.body.errors?.length) {
            expect(res.body.errors[0].extensions?.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
            expect(res.body.data ?? null).toBeNull();
          } else {
            expect(values).toEqual([[]]);
          }
          for (const secret of secrets) expect(res.text).not.toContain(secret);
        }
      }
      // The board of the ward itself reads them (the queries work).
      const own = await t.gql<{
        contentHistory: unknown[];
        contentRevisions: unknown[];
        compareRevisions: unknown[];
      }>(
        SAIGON,
        `query($id: String!) { contentHistory(itemId: $id) { id } contentRevisions(itemId: $id) { id }
          compareRevisions(itemId: $id, from: 1, to: 2) { field } }`,
        { id: draftItem.id },
        { token: member.token },
      );
      expect(dataOf(own)).toMatchObject({
        contentHistory: [{}, {}, {}],
        contentRevisions: [{}, {}],
        compareRevisions: [{ field: 'body' }],
      });
    });

    it('the city subtree board head acts on a ward item through the city host, not through a sibling ward’s host', async () => {
      const item = await draft(writer, { title: 'Bài gửi Ban biên tập Thành phố' });
      await ok(writer, item.id, 'SUBMIT');
      const before = await digest();
      for (const action of ['TAKE_FOR_REVIEW', 'RETURN', 'REFUSE']) {
        const r = await step(cityHead, item.id, action, BENTHANH, { reason: 'OUT_OF_SCOPE', note: 'x' });
        expect({ action, r: [r.__typename, r.errorCode] }).toEqual({
          action,
          r: ['InputError', 'NOT_FOUND'],
        });
      }
      const viaSibling = await create(
        cityHead,
        { tenantId: saigonId, title: 'Bài của Thành phố cho phường' },
        BENTHANH,
      );
      expect(viaSibling).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_ALLOWED' });
      expect(await digest()).toEqual(before);

      const taken = await ok(cityHead, item.id, 'TAKE_FOR_REVIEW', CITY);
      expect(taken.working!.status).toBe('IN_REVIEW');
      const approved = await ok(cityHead, item.id, 'APPROVE', CITY);
      expect(approved.working!.status).toBe('APPROVED');
      const seen = dataOf(
        await t.gql<{ contentItem: Item | null }>(
          CITY,
          CONTENT_ITEM,
          { id: item.id },
          { token: cityHead.token },
        ),
      );
      expect(seen.contentItem).toMatchObject({ id: item.id, tenantId: saigonId });
      // Creating for the ward through the city host is within its rights.
      const viaCity = await create(cityHead, { tenantId: saigonId, title: 'Chỉ đạo của Thành phố' }, CITY);
      expect(viaCity).toMatchObject({ __typename: 'ContentItem', tenantId: saigonId });
      const events = await db.query(
        `SELECT action FROM workflow_events WHERE item_id = $1 AND actor_account_id = $2 ORDER BY id`,
        [item.id, cityHead.id],
      );
      expect(events.rows.map((r) => r.action)).toEqual(['TAKE_FOR_REVIEW', 'APPROVE']);
    });
  });

  it('anonymous callers get UNAUTHENTICATED on every editor operation, and nothing changes', async () => {
    const before = await digest();
    const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const operations: Array<[string, Record<string, unknown>]> = [
      [CREATE, { i: { ...base(SAIGON), title: 'Bài của khách' } }],
      [EDIT, { id: draftItem.id, i: { title: 'x', bodyHtml: 'x', authorName: 'x', source: 'x' } }],
      [RESTORE, { id: draftItem.id, n: 1 }],
      [TRANSITION, { id: draftItem.id, a: 'TAKE_FOR_REVIEW' }],
      [TRANSITION, { id: publishedItem.id, a: 'WITHDRAW' }],
      [
        DELEGATE,
        { i: { tenantId: saigonId, deputyAccountId: deputy.id, validFrom: hours(-1), validTo: hours(1) } },
      ],
      [CONTENT_ITEM, { id: draftItem.id }],
      [HISTORY, { id: draftItem.id }],
      [REVISIONS, { id: draftItem.id }],
      [COMPARE, { id: draftItem.id }],
      [QUEUE, {}],
    ];
    for (const [query, variables] of operations) {
      const res = await t.gql(SAIGON, query, variables);
      expect({ query: query.slice(0, 40), code: res.body.errors?.[0]?.extensions?.code }).toEqual({
        query: query.slice(0, 40),
        code: 'UNAUTHENTICATED',
      });
      // No data: a null root (non-null fields) or a null field (nullable contentItem).
      expect(Object.values(res.body.data ?? {}).filter((v) => v !== null)).toEqual([]);
      expect(res.text).not.toContain('Dự thảo mật');
    }
    // A forged token is no better than none.
    const forged = await t.gql(SAIGON, CONTENT_ITEM, { id: draftItem.id }, { token: 'not.a.jwt' });
    expect(forged.body.data?.contentItem ?? null).toBeNull();
    expect(forged.text).not.toContain('Dự thảo mật');
    expect(await digest()).toEqual(before);
  });

  it('public reads show only the published items of the addressed portal', async () => {
    const withdrawn = await draft(writer, { title: 'Hội thao phường Sài Gòn đã gỡ' });
    await publish(withdrawn, writer, { member, head });
    await ok(member, withdrawn.id, 'WITHDRAW');
    const unpublished = await draft(writer, { title: 'Hội thao phường Sài Gòn bản nháp' });
    const approvedOnly = await draft(writer, { title: 'Hội thao phường Sài Gòn chờ đăng' });
    await ok(writer, approvedOnly.id, 'SUBMIT');
    await ok(member, approvedOnly.id, 'TAKE_FOR_REVIEW');
    await ok(head, approvedOnly.id, 'APPROVE');

    const read = async (host: string) =>
      publicRead(
        host,
        `query($a: String!, $b: String!, $c: String!, $d: String!, $e: String!) {
          a: publicItem(slug: $a) { id } b: publicItem(slug: $b) { id } c: publicItem(slug: $c) { id }
          d: publicItem(slug: $d) { id } e: publicItem(slug: $e) { id }
          list: publicItems(filter: { first: 100 }) { nodes { id } }
          found: search(query: "hoi thao") { id }
        }`,
        {
          a: publishedItem.slug,
          b: unpublished.slug,
          c: withdrawn.slug,
          d: benthanhItem.slug,
          e: approvedOnly.slug,
        },
      );
    const saigon = await read(SAIGON);
    expect([saigon.a, saigon.b, saigon.c, saigon.d, saigon.e]).toEqual([
      { id: publishedItem.id },
      null,
      null,
      null,
      null,
    ]);
    expect(saigon.list.nodes.map((n: { id: string }) => n.id)).toEqual([publishedItem.id]);
    expect(saigon.found.map((n: { id: string }) => n.id)).toEqual([publishedItem.id]);

    const benthanh = await read(BENTHANH);
    expect([benthanh.a, benthanh.b, benthanh.c, benthanh.d, benthanh.e]).toEqual([
      null,
      null,
      null,
      { id: benthanhItem.id },
      null,
    ]);
    expect(benthanh.list.nodes.map((n: { id: string }) => n.id)).toEqual([benthanhItem.id]);
    expect(benthanh.found.map((n: { id: string }) => n.id)).toEqual([benthanhItem.id]);

    // The province's portal is another portal: its wards' items are not its own.
    const city = await read(CITY);
    expect([city.a, city.d]).toEqual([null, null]);
    expect(city.list.nodes).toEqual([]);
    expect(city.found).toEqual([]);

    // Signed-in editors see no more through the public reads.
    const asHead = dataOf(
      await t.gql<{ publicItem: unknown }>(
        SAIGON,
        `query($s: String!) { publicItem(slug: $s) { id } }`,
        { s: unpublished.slug },
        { token: head.token },
      ),
    );
    expect(asHead.publicItem).toBeNull();
  });

  describe('XSS payloads come back inert', () => {
    const BODY = [
      '<p>Đoạn mở đầu <strong>quan trọng</strong>.</p>',
      '<script>alert("body")</script>',
      '<img src="https://example.gov.vn/anh.png" alt="Ảnh" onerror="alert(1)">',
      '<img src=x onerror=alert(2)>',
      '<a href="javascript:alert(3)">bấm vào đây</a>',
      '<a href="JaVaScRiPt:alert(4)">liên kết</a>',
      '<a href="https://dichvucong.gov.vn/" onclick="alert(5)">Dịch vụ công</a>',
      '<svg onload="alert(6)"><circle r="5"></circle></svg>',
      '<iframe src="https://evil.example.com/phish"></iframe>',
      '<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
      '<div style="background:url(javascript:alert(7))" onmouseover="alert(8)">Khối</div>',
      '<object data="https://evil.example.com/x.swf"></object><embed src="https://evil.example.com/y">',
      '<form action="https://evil.example.com"><input name="p"></form>',
      '<style>body{display:none}</style>',
      '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
      '<p><a href="data:text/html,<script>alert(9)</script>">data</a></p>',
    ].join('');
    const TEXT = '<script>alert("t")</script><img src=x onerror=alert(1)>';
    let news: Item;
    let legal: Item;

    /** Nothing in an HTML string can run or load a foreign document. */
    const inertHtml = (html: string) => {
      expect(html).not.toMatch(/<script|<\/script/i);
      expect(html).not.toMatch(/\son\w+\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
      expect(html).not.toMatch(/data:/i);
      expect(html).not.toMatch(/<svg|<object|<embed|<form|<input|<style|style=/i);
      expect(html).not.toContain('evil.example.com');
      expect(html).not.toMatch(/alert\(/);
    };
    /** A plain-text field holds no markup at all. */
    const inertText = (text: string) => {
      expect(text).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/alert|onerror|script/i);
    };
    const checkRevision = (
      r: Pick<Revision, 'title' | 'summary' | 'bodyHtml' | 'authorName' | 'source' | 'fields'>,
    ) => {
      inertHtml(r.bodyHtml);
      for (const text of [r.title, r.summary ?? '', r.authorName, r.source]) inertText(text);
      for (const value of Object.values(r.fields)) inertText(String(value));
      // What is legitimate survives.
      expect(r.bodyHtml).toContain('<strong>quan trọng</strong>');
      expect(r.bodyHtml).toContain('<a href="https://dichvucong.gov.vn/">Dịch vụ công</a>');
      expect(r.bodyHtml).toContain('<iframe src="https://www.youtube.com/embed/abc123"></iframe>');
      expect(r.bodyHtml).toContain('alt="Ảnh"');
    };

    beforeAll(async () => {
      news = await draft(writer, {
        title: `${TEXT}Tin có mã độc`,
        summary: `<b onmouseover="alert(1)">Tóm tắt</b>${TEXT}`,
        bodyHtml: BODY,
        authorName: `<a href="javascript:alert(1)">Nguyễn Văn Độc</a>${TEXT}`,
        source: `<iframe src="https://evil.example.com"></iframe>Nguồn ${TEXT}`,
        fields: { eventDate: '2026-11-20' },
      });
      legal = await draft(writer, {
        kind: 'LEGAL_DOCUMENT',
        title: 'Quyết định có mã độc trong trường',
        bodyHtml: BODY,
        fields: {
          form: 'QUYET_DINH',
          issuer: `${TEXT}<svg onload=alert(1)>UBND phường Sài Gòn`,
          number: `<b>99</b>/QĐ-UBND${TEXT}`,
          issueDate: '2026-11-02',
          excerpt: `<p onclick="alert(1)">Trích yếu</p>${TEXT}`,
          field: '<i>Văn hóa</i>',
        },
      });
      await publish(news, writer, { member, head });
      await publish(legal, writer, { member, head });
    });

    it('in the editor view (stored sanitised)', async () => {
      for (const item of [news, legal]) {
        const seen = dataOf(
          await t.gql<{ contentItem: Item }>(SAIGON, CONTENT_ITEM, { id: item.id }, { token: head.token }),
        ).contentItem;
        checkRevision(seen.live!);
      }
      const live = dataOf(
        await t.gql<{ contentItem: Item }>(SAIGON, CONTENT_ITEM, { id: news.id }, { token: head.token }),
      ).contentItem.live!;
      expect(live.title).toBe('Tin có mã độc');
      expect(live.summary).toBe('Tóm tắt');
      expect(live.authorName).toBe('Nguyễn Văn Độc');
      expect(live.source).toBe('Nguồn');
      const doc = dataOf(
        await t.gql<{ contentItem: Item }>(SAIGON, CONTENT_ITEM, { id: legal.id }, { token: head.token }),
      ).contentItem.live!;
      expect(doc.fields).toMatchObject({
        issuer: 'UBND phường Sài Gòn',
        number: '99/QĐ-UBND',
        excerpt: 'Trích yếu',
        field: 'Văn hóa',
      });
      // The database holds the sanitised text, not the payload.
      const stored = await db.query(
        `SELECT body_html, title, fields::text AS fields FROM content_revisions WHERE item_id = ANY($1)`,
        [[news.id, legal.id]],
      );
      for (const row of stored.rows) {
        inertHtml(row.body_html);
        inertText(row.title);
        expect(row.fields).not.toMatch(/<|alert|script/i);
      }
    });

    it('in the public reads (item, list, search, legal documents)', async () => {
      const r = await publicRead(
        SAIGON,
        `query($a: String!, $b: String!) {
          a: publicItem(slug: $a) { ${PUBLIC} } b: publicItem(slug: $b) { ${PUBLIC} }
          list: publicItems(filter: { first: 100 }) { nodes { ${PUBLIC} } }
          found: search(query: "ma doc") { ${PUBLIC} }
          docs: legalDocuments(filter: { form: "QUYET_DINH" }) { ${PUBLIC} }
        }`,
        { a: news.slug, b: legal.slug },
      );
      const all: PublicItem[] = [
        r.a,
        r.b,
        ...r.list.nodes.filter((n: PublicItem) => [news.id, legal.id].includes(n.id)),
        ...r.found,
        ...r.docs,
      ];
      expect(all.map((x) => x.id).sort()).toEqual(
        [news.id, news.id, news.id, legal.id, legal.id, legal.id, legal.id].sort(),
      );
      for (const x of all) checkRevision(x);
      expect(r.a.title).toBe('Tin có mã độc');
      expect(r.b.fields.issuer).toBe('UBND phường Sài Gòn');
      // The slug came from the cleaned title.
      expect(news.slug).toBe('tin-co-ma-doc');
    });
  });

  describe('input validation', () => {
    const expectError = async (input: Record<string, unknown>, errorCode: string, field: string | null) => {
      const before = await digest();
      const r = await create(writer, { title: 'Bài kiểm tra dữ liệu', ...input });
      expect({ __typename: r.__typename, errorCode: r.errorCode, field: r.field }).toEqual({
        __typename: 'InputError',
        errorCode,
        field,
      });
      expect(await digest()).toEqual(before);
    };

    it('author and source are required', async () => {
      await expectError({ authorName: '' }, 'REQUIRED', 'authorName');
      await expectError({ authorName: '   ' }, 'REQUIRED', 'authorName');
      await expectError({ authorName: '<b></b><script>x</script>' }, 'REQUIRED', 'authorName');
      await expectError({ source: '' }, 'REQUIRED', 'source');
      await expectError({ source: ' <i> </i> ' }, 'REQUIRED', 'source');
      // GraphQL itself refuses a missing one.
      const res = await t.gql(
        SAIGON,
        `mutation { createContent(input: { tenantId: "${saigonId}", kind: NEWS, title: "x", bodyHtml: "x", source: "x" }) { __typename } }`,
        undefined,
        { token: writer.token },
      );
      expect(res.body.errors?.[0]?.message).toMatch(/authorName/);
      // Editing is held to the same rules.
      const r = dataOf(
        await t.gql<{ editContent: Item }>(
          SAIGON,
          EDIT,
          { id: draftItem.id, i: { title: 'x', bodyHtml: 'x', authorName: 'Tác giả', source: '' } },
          { token: member.token },
        ),
      ).editContent;
      expect(r).toMatchObject({ __typename: 'InputError', errorCode: 'REQUIRED', field: 'source' });
    });

    it('kind fields are checked by their type', async () => {
      const legalFields = {
        form: 'QUYET_DINH',
        issuer: 'UBND phường Sài Gòn',
        number: '01/QĐ-UBND',
        issueDate: '2026-03-01',
        excerpt: 'Trích yếu',
      };
      await expectError(
        { kind: 'LEGAL_DOCUMENT', fields: { ...legalFields, issueDate: '12/02/2026' } },
        'INVALID_FIELD',
        'fields.issueDate',
      );
      await expectError(
        { kind: 'LEGAL_DOCUMENT', fields: { ...legalFields, issueDate: '2026-02-30' } },
        'INVALID_FIELD',
        'fields.issueDate',
      );
      await expectError(
        { kind: 'LEGAL_DOCUMENT', fields: { ...legalFields, issueDate: undefined } },
        'REQUIRED',
        'fields.issueDate',
      );
      await expectError(
        { kind: 'LEGAL_DOCUMENT', fields: { ...legalFields, form: 'THU_TAY' } },
        'INVALID_FIELD',
        'fields.form',
      );
      await expectError(
        { kind: 'NEWS', fields: { eventDate: '2026-11-20', color: 'red' } },
        'UNKNOWN_FIELD',
        'fields.color',
      );
      const entry = {
        date: '2026-11-23',
        time: '08:00',
        place: 'Hội trường',
        leader: 'Chủ tịch',
        content: 'Họp giao ban',
      };
      // 2026-11-25 is a Wednesday.
      await expectError(
        { kind: 'WORK_SCHEDULE', fields: { weekStart: '2026-11-25', entries: [entry] } },
        'INVALID_FIELD',
        'fields.weekStart',
      );
      await expectError(
        {
          kind: 'WORK_SCHEDULE',
          fields: { weekStart: '2026-11-23', entries: [{ ...entry, time: '25:00' }] },
        },
        'INVALID_FIELD',
        'fields.entries.0.time',
      );
      await expectError(
        {
          kind: 'DRAFT_DOCUMENT',
          fields: {
            commentOpensAt: '2026-12-10T08:00:00+07:00',
            commentClosesAt: '2026-12-01T17:00:00+07:00',
          },
        },
        'INVALID_PERIOD',
        'fields.commentClosesAt',
      );
      // The valid versions of the same items are accepted.
      const schedule = await create(writer, {
        kind: 'WORK_SCHEDULE',
        title: 'Lịch công tác tuần 48',
        fields: { weekStart: '2026-11-23', entries: [entry] },
      });
      expect(schedule).toMatchObject({
        __typename: 'ContentItem',
        working: { fields: { weekStart: '2026-11-23' } },
      });
      const comment = await create(writer, {
        kind: 'DRAFT_DOCUMENT',
        title: 'Dự thảo quy chế lấy ý kiến',
        fields: { commentOpensAt: '2026-12-01T08:00:00+07:00', commentClosesAt: '2026-12-10T17:00:00+07:00' },
      });
      expect(comment).toMatchObject({
        __typename: 'ContentItem',
        working: {
          fields: { commentOpensAt: '2026-12-01T01:00:00.000Z', commentClosesAt: '2026-12-10T10:00:00.000Z' },
        },
      });
    });

    it('a category of another portal is refused; an explicit slug must be free', async () => {
      const category = async (tenantId: string) =>
        (
          await db.query(`SELECT id FROM categories WHERE tenant_id = $1 AND slug = 'tin-tuc-su-kien'`, [
            tenantId,
          ])
        ).rows[0].id as string;
      await expectError({ categoryId: await category(benthanhId) }, 'CATEGORY_NOT_FOUND', 'categoryId');
      await expectError({ categoryId: 'not-a-uuid' }, 'CATEGORY_NOT_FOUND', 'categoryId');
      const own = await create(writer, {
        title: 'Bài trong chuyên mục',
        categoryId: await category(saigonId),
      });
      expect(own).toMatchObject({ __typename: 'ContentItem', categoryId: await category(saigonId) });

      const first = await create(writer, { title: 'Bài có đường dẫn riêng', slug: 'duong-dan-rieng' });
      expect(first).toMatchObject({ __typename: 'ContentItem', slug: 'duong-dan-rieng' });
      await expectError({ slug: 'duong-dan-rieng' }, 'SLUG_TAKEN', 'slug');
      await expectError({ slug: 'Đường dẫn/sai' }, 'INVALID_SLUG', 'slug');
      // A proposed (not explicit) slug is numbered instead.
      const again = await create(writer, { title: 'Đường dẫn riêng' });
      expect(again).toMatchObject({ __typename: 'ContentItem', slug: 'duong-dan-rieng-2' });
      // The same slug is free on another portal.
      const elsewhere = await create(
        bWriter,
        { ...base(BENTHANH), title: 'Bài khác', slug: 'duong-dan-rieng' },
        BENTHANH,
      );
      expect(elsewhere).toMatchObject({
        __typename: 'ContentItem',
        slug: 'duong-dan-rieng',
        tenantId: benthanhId,
      });
    });
  });

  it('an English translation is paired with its Vietnamese original and read with Accept-Language: en', async () => {
    const vi = await draft(writer, {
      title: 'Giới thiệu phường Sài Gòn',
      bodyHtml: '<p>Phường Sài Gòn nằm ở trung tâm Thành phố.</p>',
    });
    const en = await create(writer, {
      language: 'en',
      translationOf: vi.id,
      slug: vi.slug,
      title: 'About Saigon Ward',
      bodyHtml: '<p>Saigon Ward lies in the city centre.</p>',
      authorName: 'Nguyen Van A',
      source: 'Saigon Ward People’s Committee',
    });
    expect(en).toMatchObject({
      __typename: 'ContentItem',
      language: 'en',
      translationOf: vi.id,
      slug: vi.slug,
    });
    // One English translation per original; an English original cannot be translated again.
    const twice = await create(writer, {
      language: 'en',
      translationOf: vi.id,
      title: 'About Saigon Ward again',
    });
    expect(twice).toMatchObject({
      __typename: 'InputError',
      errorCode: 'TRANSLATION_EXISTS',
      field: 'translationOf',
    });
    const ofEnglish = await create(writer, {
      language: 'en',
      translationOf: en.id,
      title: 'Translation of a translation',
    });
    expect(ofEnglish).toMatchObject({ errorCode: 'INVALID_TRANSLATION' });

    await publish(vi, writer, { member, head });
    await publish(en, writer, { member, head });

    const q = `query($s: String!) { publicItem(slug: $s) { id title language bodyHtml } publicItems(filter: { first: 100 }) { nodes { id language } } }`;
    const english = await publicRead(SAIGON, q, { s: vi.slug }, { 'accept-language': 'en' });
    expect(english.publicItem).toEqual({
      id: en.id,
      title: 'About Saigon Ward',
      language: 'en',
      bodyHtml: '<p>Saigon Ward lies in the city centre.</p>',
    });
    expect(english.publicItems.nodes).toEqual([{ id: en.id, language: 'en' }]);
    const english2 = await publicRead(
      SAIGON,
      `{ search(query: "centre") { id } }`,
      {},
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(english2.search).toEqual([{ id: en.id }]);

    const vietnamese = await publicRead(SAIGON, q, { s: vi.slug });
    expect(vietnamese.publicItem).toMatchObject({
      id: vi.id,
      title: 'Giới thiệu phường Sài Gòn',
      language: 'vi',
    });
    expect(vietnamese.publicItems.nodes.map((n: { id: string }) => n.id)).toContain(vi.id);
    expect(vietnamese.publicItems.nodes.map((n: { id: string }) => n.id)).not.toContain(en.id);
    const viHeader = await publicRead(
      SAIGON,
      q,
      { s: vi.slug },
      { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' },
    );
    expect(viHeader.publicItem.id).toBe(vi.id);
  });
});
