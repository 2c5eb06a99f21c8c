import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { EditorialService, WorkflowAction } from '../libs/editorial/src';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { Cast, previewedPlan, startSeededApp } from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * A component portal proposes, the ancestor's board decides
 * (accept into its own category under its own title, refuse with a reason, drop later), auto-accept
 * rules, new revisions and withdrawals at the source reaching every copy, pushes to chosen
 * descendants, and who may do none of it. Over HTTP against a real PostgreSQL.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';
const DEPT = 'stp.hochiminhcity.gov.vn';

const SYND = `__typename ... on Syndication { id itemId itemTitle state direction categoryId titleOverride slug pinned reason ruleId
  decidedBy sourcePortal { id primaryHost } targetPortal { id primaryHost } }
  ... on InputError { errorCode field message }`;
const PROPOSE = `mutation($item: ID!, $target: ID, $note: String) { proposeSyndication(itemId: $item, targetTenantId: $target, note: $note) { ${SYND} } }`;
const ACCEPT = `mutation($i: AcceptSyndicationInput!) { acceptSyndication(input: $i) { ${SYND} } }`;
const REFUSE = `mutation($id: ID!, $r: String!) { refuseSyndication(id: $id, reason: $r) { ${SYND} } }`;
const DROP = `mutation($id: ID!) { dropSyndication(id: $id, reason: "Hết thời sự") { ${SYND} } }`;
const RETRACT = `mutation($id: ID!) { retractSyndication(id: $id) { ${SYND} } }`;
const QUEUE = `query($t: ID, $s: SyndicationState) { receivedSyndications(tenantId: $t, state: $s) { id itemId state itemTitle sourcePortal { primaryHost } } }`;
const PUSH = `mutation($i: PushItemInput!) { pushItem(input: $i) {
  __typename ... on PushOutcome { alreadyThere pushed { id state direction pinned categoryId targetPortal { primaryHost } } }
  ... on InputError { errorCode field message } } }`;
const RULE = `mutation($i: SyndicationRuleInput!) { createSyndicationRule(input: $i) {
  __typename ... on SyndicationRule { id kinds sourcePortalKinds } ... on InputError { errorCode field } } }`;
const PUBLIC_LIST = `query($c: ID) { publicItems(filter: { categoryId: $c, first: 100 }) { nodes {
  id slug title summary bodyHtml revisionNumber categoryId canonicalUrl pinned
  syndicatedFrom { direction sourcePortalId sourcePortalName sourcePortalHost } } } }`;
const PUBLIC_ITEM = `query($s: String!) { publicItem(slug: $s) { id title bodyHtml revisionNumber canonicalUrl syndicatedFrom { direction sourcePortalHost } } }`;
const SEARCH = `query($q: String!) { search(query: $q) { id title syndicatedFrom { sourcePortalHost } } }`;
const HOME = `{ homePage { pinned { id title syndicatedFrom { direction sourcePortalName } } } }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id slug } ... on InputError { errorCode field } } }`;
const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode field } } }`;

type Synd = {
  __typename: 'Syndication' | 'InputError';
  id: string;
  itemId: string;
  state: string;
  direction: string;
  categoryId: string | null;
  titleOverride: string | null;
  slug: string | null;
  reason: string | null;
  ruleId: string | null;
  errorCode?: string;
  field?: string;
};
type PublicNode = {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  bodyHtml: string;
  revisionNumber: number;
  categoryId: string | null;
  canonicalUrl: string;
  pinned: boolean;
  syndicatedFrom: {
    direction: string;
    sourcePortalId: string;
    sourcePortalName: string;
    sourcePortalHost: string;
  } | null;
};

describe('federation: syndication up and down', () => {
  let t: TestApp;
  let db: Client;
  const cast = new Cast(() => t);
  const { tokens, accounts } = cast;

  const { gql } = cast;

  let seq = 0;
  /** Writes an item as `writer` of `host` and publishes it through the workflow (as the system). */
  const published = async (
    host: string,
    input: Record<string, unknown> = {},
  ): Promise<{ id: string; slug: string; title: string }> => {
    seq++;
    const title = (input.title as string) ?? `Thông báo lịch tiếp công dân số ${seq} – ${host.split('.')[0]}`;
    const created = await gql<{ createContent: { __typename: string; id: string; slug: string } }>(
      host,
      CREATE,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind: 'NEWS',
          bodyHtml: `<p>Nội dung số ${seq}: người dân được tiếp vào thứ Năm hằng tuần.</p>`,
          authorName: 'Trần Thị Bình',
          source: 'Văn phòng UBND',
          fields: { eventDate: '2026-11-20' },
          ...input,
          title,
        },
      },
      `writer@${host}`,
    );
    expect(created.createContent.__typename).toBe('ContentItem');
    await publish(created.createContent.id);
    return { id: created.createContent.id, slug: created.createContent.slug, title };
  };
  const publish = async (itemId: string) => {
    const editorial = t.app.get(EditorialService);
    for (const a of [
      WorkflowAction.SUBMIT,
      WorkflowAction.TAKE_FOR_REVIEW,
      WorkflowAction.APPROVE,
      WorkflowAction.PUBLISH,
    ]) {
      const r = await editorial.transition(systemContext('test'), itemId, a);
      if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
    }
  };
  const withdraw = async (itemId: string) => {
    const r = await t.app
      .get(EditorialService)
      .transition(systemContext('test'), itemId, WorkflowAction.WITHDRAW);
    if (!r.ok) throw new Error(r.error.code);
  };
  const publicList = async (host: string, categoryId: string | null = null) =>
    (await gql<{ publicItems: { nodes: PublicNode[] } }>(host, PUBLIC_LIST, { c: categoryId })).publicItems
      .nodes;
  const propose = async (who: string, itemId: string, target: string | null = null, host?: string) =>
    (
      await gql<{ proposeSyndication: Synd }>(
        host ?? who.split('@')[1],
        PROPOSE,
        { item: itemId, target },
        who,
      )
    ).proposeSyndication;
  const accept = async (who: string, input: Record<string, unknown>, host = CITY) =>
    (await gql<{ acceptSyndication: Synd }>(host, ACCEPT, { i: input }, who)).acceptSyndication;
  const stateOf = async (id: string) =>
    (await db.query('SELECT state FROM syndications WHERE id = $1', [id])).rows[0]?.state as string;
  const categoryOf = async (host: string, slug: string): Promise<string> =>
    (
      await db.query('SELECT id FROM categories WHERE tenant_id = $1 AND slug = $2 AND parent_id IS NULL', [
        t.tenant(host).id,
        slug,
      ])
    ).rows[0].id;

  beforeAll(async () => {
    ({ t, db } = await startSeededApp());
    const { grant } = cast;
    for (const host of [CITY, SAIGON, BENTHANH, TANDINH, DEPT]) {
      await grant(`writer@${host}`, Role.CONTRIBUTOR, host);
      await grant(`member@${host}`, Role.BOARD_MEMBER, host);
      await grant(`head@${host}`, Role.BOARD_HEAD, host);
    }
    await grant('owner@city', Role.OWNER, CITY);
    await grant('operator@city', Role.OPERATOR, CITY);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('up: propose, accept, refuse, drop', () => {
    it('a ward board member proposes a live item to the city; the city board sees it in its queue', async () => {
      const item = await published(SAIGON);
      const s = await propose(`member@${SAIGON}`, item.id, null, SAIGON);
      expect(s).toMatchObject({
        __typename: 'Syndication',
        state: 'PROPOSED',
        direction: 'UP',
        itemId: item.id,
      });
      const queue = await gql<{
        receivedSyndications: Array<{ id: string; itemTitle: string; sourcePortal: { primaryHost: string } }>;
      }>(CITY, QUEUE, { s: 'PROPOSED' }, `member@${CITY}`);
      expect(queue.receivedSyndications).toContainEqual(
        expect.objectContaining({ id: s.id, itemTitle: item.title, sourcePortal: { primaryHost: SAIGON } }),
      );
      // Not shown on the city until its board accepts.
      expect((await publicList(CITY)).map((n) => n.id)).not.toContain(item.id);
      // The ward's own board does not see the city's queue.
      const wardView = await t.gql(CITY, QUEUE, { s: 'PROPOSED' }, { token: tokens[`member@${SAIGON}`] });
      expect(JSON.stringify(wardView.body)).not.toContain(s.id);
    });

    it('accepted into a city category under its own title, with attribution and the canonical link to the source', async () => {
      const item = await published(SAIGON, {
        title: 'Phường Sài Gòn ra mắt mô hình “Chính quyền thân thiện”',
      });
      const s = await propose(`member@${SAIGON}`, item.id, null, SAIGON);
      const news = await categoryOf(CITY, 'tin-tuc-su-kien');
      const accepted = await accept(`member@${CITY}`, {
        id: s.id,
        categoryId: news,
        titleOverride: 'Sài Gòn: mô hình chính quyền thân thiện',
        summaryOverride: 'Bài của Phường Sài Gòn.',
      });
      expect(accepted).toMatchObject({
        state: 'ACCEPTED',
        categoryId: news,
        slug: item.slug,
        decidedBy: accounts[`member@${CITY}`],
      });
      const node = (await publicList(CITY, news)).find((n) => n.id === item.id)!;
      expect(node).toMatchObject({
        title: 'Sài Gòn: mô hình chính quyền thân thiện',
        summary: 'Bài của Phường Sài Gòn.',
        canonicalUrl: `https://${SAIGON}/print/${item.slug}`,
        syndicatedFrom: {
          direction: 'UP',
          sourcePortalId: t.tenant(SAIGON).id,
          sourcePortalName: 'Phường Sài Gòn',
          sourcePortalHost: SAIGON,
        },
      });
      // The source keeps its own title; it is its own item there.
      const own = (await publicList(SAIGON)).find((n) => n.id === item.id)!;
      expect(own).toMatchObject({
        title: item.title,
        syndicatedFrom: null,
        canonicalUrl: `https://${SAIGON}/print/${item.slug}`,
      });
      // Found by the city's search without diacritics, and at its address there.
      const found = await gql<{ search: Array<{ id: string }> }>(CITY, SEARCH, {
        q: 'chinh quyen than thien',
      });
      expect(found.search.map((r) => r.id)).toContain(item.id);
      const bySlug = await gql<{ publicItem: { id: string; canonicalUrl: string } }>(CITY, PUBLIC_ITEM, {
        s: item.slug,
      });
      expect(bySlug.publicItem).toMatchObject({
        id: item.id,
        canonicalUrl: `https://${SAIGON}/print/${item.slug}`,
      });
      const print = await t.http({ method: 'GET', path: `/print/${item.slug}`, host: CITY });
      expect(print.status).toBe(200);
      expect(print.text).toContain(`<link rel="canonical" href="https://${SAIGON}/print/${item.slug}">`);
      expect(print.text).toContain('Phường Sài Gòn');
      // Every decision is audited on the receiving portal.
      const audit = await db.query(
        `SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at, id`,
        [s.id],
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['syndication.proposed', 'syndication.accept']);
    });

    it('a new live revision at the source shows on the copy at once (through the public cache)', async () => {
      const item = await published(BENTHANH);
      const s = await propose(`head@${BENTHANH}`, item.id, null, BENTHANH);
      await accept(`head@${CITY}`, { id: s.id });
      const before = (await publicList(CITY)).find((n) => n.id === item.id)!;
      expect(before.revisionNumber).toBe(1);
      const edited = await gql<{ editContent: { __typename: string } }>(
        BENTHANH,
        EDIT,
        {
          id: item.id,
          i: {
            title: item.title,
            bodyHtml: '<p>Đã cập nhật: tiếp công dân cả thứ Sáu.</p>',
            authorName: 'Trần Thị Bình',
            source: 'Văn phòng UBND',
            fields: { eventDate: '2026-11-20' },
          },
        },
        `writer@${BENTHANH}`,
      );
      expect(edited.editContent.__typename).toBe('ContentItem');
      await publish(item.id);
      let after: PublicNode | undefined;
      for (let i = 0; i < 50; i++) {
        after = (await publicList(CITY)).find((n) => n.id === item.id);
        if (after?.revisionNumber === 2) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(after).toMatchObject({
        revisionNumber: 2,
        bodyHtml: '<p>Đã cập nhật: tiếp công dân cả thứ Sáu.</p>',
      });
      // One body: the copy stores none of its own.
      const copies = await db.query('SELECT count(*)::int AS n FROM content_revisions WHERE item_id = $1', [
        item.id,
      ]);
      expect(copies.rows[0].n).toBe(2);
    });

    it('a withdrawal at the source withdraws every copy, and they do not come back with a new publication', async () => {
      const item = await published(TANDINH);
      const s = await propose(`member@${TANDINH}`, item.id, null, TANDINH);
      await accept(`member@${CITY}`, { id: s.id });
      expect((await publicList(CITY)).map((n) => n.id)).toContain(item.id);
      await withdraw(item.id);
      expect((await publicList(CITY)).map((n) => n.id)).not.toContain(item.id);
      expect(await stateOf(s.id)).toBe('WITHDRAWN');
      const audit = await db.query(
        `SELECT tenant_id FROM audit_log WHERE subject_id = $1 AND action = 'syndication.source_withdrawn'`,
        [s.id],
      );
      expect(audit.rows).toEqual([{ tenant_id: t.tenant(CITY).id }]);
      // A proposal still waiting is withdrawn too.
      const other = await published(TANDINH);
      const waiting = await propose(`member@${TANDINH}`, other.id, null, TANDINH);
      await withdraw(other.id);
      expect(await stateOf(waiting.id)).toBe('WITHDRAWN');
    });

    it('the city board drops an accepted copy without touching the source', async () => {
      const item = await published(SAIGON);
      const s = await propose(`member@${SAIGON}`, item.id, null, SAIGON);
      await accept(`member@${CITY}`, { id: s.id });
      const dropped = (await gql<{ dropSyndication: Synd }>(CITY, DROP, { id: s.id }, `head@${CITY}`))
        .dropSyndication;
      expect(dropped).toMatchObject({ state: 'DROPPED', reason: 'Hết thời sự' });
      expect((await publicList(CITY)).map((n) => n.id)).not.toContain(item.id);
      expect((await publicList(SAIGON)).map((n) => n.id)).toContain(item.id);
      // Dropped may be proposed again later.
      expect(await propose(`member@${SAIGON}`, item.id, null, SAIGON)).toMatchObject({ state: 'PROPOSED' });
    });

    it('refusal needs a reason; the reason reaches the proposing portal', async () => {
      const item = await published(SAIGON);
      const s = await propose(`member@${SAIGON}`, item.id, null, SAIGON);
      const bad = (
        await gql<{ refuseSyndication: Synd }>(CITY, REFUSE, { id: s.id, r: '  ' }, `member@${CITY}`)
      ).refuseSyndication;
      expect(bad).toMatchObject({ __typename: 'InputError', errorCode: 'REASON_REQUIRED', field: 'reason' });
      expect(await stateOf(s.id)).toBe('PROPOSED');
      const refused = (
        await gql<{ refuseSyndication: Synd }>(
          CITY,
          REFUSE,
          { id: s.id, r: 'Nội dung mang tính địa phương.' },
          `member@${CITY}`,
        )
      ).refuseSyndication;
      expect(refused).toMatchObject({ state: 'REFUSED', reason: 'Nội dung mang tính địa phương.' });
      const seen = await gql<{ itemSyndications: Array<{ id: string; state: string; reason: string }> }>(
        SAIGON,
        `query($i: ID!) { itemSyndications(itemId: $i) { id state reason } }`,
        { i: item.id },
        `member@${SAIGON}`,
      );
      expect(seen.itemSyndications).toEqual([
        { id: s.id, state: 'REFUSED', reason: 'Nội dung mang tính địa phương.' },
      ]);
      // A decided proposal cannot be decided again.
      const again = await accept(`member@${CITY}`, { id: s.id });
      expect(again).toMatchObject({ __typename: 'InputError', errorCode: 'INVALID_TRANSITION' });
    });

    it('typed errors for bad proposals and bad acceptances change nothing', async () => {
      const item = await published(SAIGON);
      // To a sibling: not an ancestor.
      const sibling = await propose(`member@${SAIGON}`, item.id, t.tenant(BENTHANH).id, SAIGON);
      expect(sibling).toMatchObject({
        __typename: 'InputError',
        errorCode: 'NOT_AN_ANCESTOR',
        field: 'targetTenantId',
      });
      // Into another province.
      const foreign = await propose(`member@${SAIGON}`, item.id, t.tenant('kiengiang.gov.vn').id, SAIGON);
      expect(foreign).toMatchObject({ errorCode: 'NOT_AN_ANCESTOR' });
      // A draft cannot be proposed.
      const draft = await gql<{ createContent: { id: string } }>(
        SAIGON,
        CREATE,
        {
          i: {
            tenantId: t.tenant(SAIGON).id,
            kind: 'NEWS',
            title: 'Bản nháp',
            bodyHtml: '<p>x</p>',
            authorName: 'A',
            source: 'B',
            fields: { eventDate: '2026-11-20' },
          },
        },
        `writer@${SAIGON}`,
      );
      expect(await propose(`member@${SAIGON}`, draft.createContent.id, null, SAIGON)).toMatchObject({
        errorCode: 'NOT_PUBLISHED',
        field: 'itemId',
      });
      const s = await propose(`member@${SAIGON}`, item.id, null, SAIGON);
      expect(await propose(`member@${SAIGON}`, item.id, null, SAIGON)).toMatchObject({
        errorCode: 'ALREADY_SYNDICATED',
      });
      // A category of another portal, an empty title: refused, still PROPOSED.
      const wardCategory = await categoryOf(SAIGON, 'tin-tuc-su-kien');
      expect(await accept(`member@${CITY}`, { id: s.id, categoryId: wardCategory })).toMatchObject({
        errorCode: 'CATEGORY_NOT_ON_PORTAL',
        field: 'categoryId',
      });
      expect(await accept(`member@${CITY}`, { id: s.id, titleOverride: '<b></b>' })).toMatchObject({
        errorCode: 'REQUIRED',
        field: 'titleOverride',
      });
      expect(await stateOf(s.id)).toBe('PROPOSED');
      const count = await db.query(`SELECT count(*)::int AS n FROM syndications WHERE item_id = $1`, [
        item.id,
      ]);
      expect(count.rows[0].n).toBe(1);
    });

    it('the copy gets a free address when the slug is taken on the receiving portal', async () => {
      const cityItem = await published(CITY, { title: 'Lịch tiếp công dân trùng tên' });
      const wardItem = await published(SAIGON, { title: 'Lịch tiếp công dân trùng tên' });
      expect(wardItem.slug).toBe(cityItem.slug);
      const s = await propose(`member@${SAIGON}`, wardItem.id, null, SAIGON);
      const accepted = await accept(`member@${CITY}`, { id: s.id });
      expect(accepted.slug).toBe(`${cityItem.slug}-2`);
      const a = await gql<{ publicItem: { id: string } }>(CITY, PUBLIC_ITEM, { s: cityItem.slug });
      const b = await gql<{ publicItem: { id: string } }>(CITY, PUBLIC_ITEM, { s: `${cityItem.slug}-2` });
      expect([a.publicItem.id, b.publicItem.id]).toEqual([cityItem.id, wardItem.id]);
      // A new city item does not take the copy's address.
      const next = await published(CITY, { title: 'Lịch tiếp công dân trùng tên' });
      expect(next.slug).toBe(`${cityItem.slug}-3`);
    });
  });

  describe('auto-accept rules', () => {
    it('accepts legal documents from departments at once, audited; other proposals wait', async () => {
      const docs = await categoryOf(CITY, 'van-ban');
      const rule = await gql<{ createSyndicationRule: { __typename: string; id: string } }>(
        CITY,
        RULE,
        {
          i: {
            tenantId: t.tenant(CITY).id,
            kinds: ['LEGAL_DOCUMENT'],
            sourcePortalKinds: ['DEPARTMENT'],
            categoryId: docs,
          },
        },
        `head@${CITY}`,
      );
      expect(rule.createSyndicationRule.__typename).toBe('SyndicationRule');
      const legal = {
        kind: 'LEGAL_DOCUMENT',
        fields: {
          number: '12/2026/QĐ-STP',
          form: 'QUYET_DINH',
          issuer: 'Sở Tư pháp',
          issueDate: '2026-11-02',
          effectiveDate: '2026-11-15',
          excerpt: 'Quy định trình tự chứng thực bản sao.',
          field: 'Tư pháp',
        },
      };
      const doc = await published(DEPT, { ...legal, title: 'Quyết định về quy trình chứng thực' });
      const auto = await propose(`member@${DEPT}`, doc.id, null, DEPT);
      expect(auto).toMatchObject({
        state: 'ACCEPTED',
        ruleId: rule.createSyndicationRule.id,
        categoryId: docs,
        decidedBy: null,
      });
      expect((await publicList(CITY)).map((n) => n.id)).toContain(doc.id);
      const audit = await db.query(
        `SELECT action, actor_label FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at, id`,
        [auto.id],
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['syndication.proposed', 'syndication.auto_accepted']);
      // News from the department, and a legal document from a ward, wait for the board.
      const news = await published(DEPT);
      expect(await propose(`member@${DEPT}`, news.id, null, DEPT)).toMatchObject({ state: 'PROPOSED' });
      const wardDoc = await published(SAIGON, { ...legal, title: 'Quyết định của phường' });
      expect(await propose(`member@${SAIGON}`, wardDoc.id, null, SAIGON)).toMatchObject({
        state: 'PROPOSED',
      });
      // The city's board reads its rules; a ward's board does not see them.
      const RULES = `query($t: ID!) { syndicationRules(tenantId: $t) { id kinds sourcePortalKinds } }`;
      const read = await gql<{ syndicationRules: Array<{ id: string; kinds: string[] }> }>(
        CITY,
        RULES,
        { t: t.tenant(CITY).id },
        `member@${CITY}`,
      );
      expect(read.syndicationRules).toEqual([
        { id: rule.createSyndicationRule.id, kinds: ['LEGAL_DOCUMENT'], sourcePortalKinds: ['DEPARTMENT'] },
      ]);
      const fromWard = await gql<{ syndicationRules: unknown[] }>(
        SAIGON,
        RULES,
        { t: t.tenant(CITY).id },
        `head@${SAIGON}`,
      );
      expect(fromWard.syndicationRules).toEqual([]);
      // Only the head sets rules.
      const byMember = await t.gql(
        CITY,
        RULE,
        { i: { tenantId: t.tenant(CITY).id } },
        { token: tokens[`member@${CITY}`] },
      );
      expect(JSON.stringify(byMember.body)).toMatch(/FORBIDDEN|NOT_ALLOWED/);
    });
  });

  describe('down: the city pushes', () => {
    it('pushes to wards only, pinned and marked as from the city; not to the department', async () => {
      const item = await published(CITY, {
        kind: 'ANNOUNCEMENT',
        title: 'Chỉ đạo về phòng chống bão số 15',
        fields: {},
      });
      const res = await gql<{
        pushItem: {
          __typename: string;
          alreadyThere: number;
          pushed: Array<{
            targetPortal: { primaryHost: string };
            pinned: boolean;
            direction: string;
            state: string;
          }>;
        };
      }>(
        CITY,
        PUSH,
        { i: { itemId: item.id, targets: { all: true, portalKinds: ['WARD'] }, placement: 'PINNED' } },
        `head@${CITY}`,
      );
      expect(res.pushItem.__typename).toBe('PushOutcome');
      expect(res.pushItem.pushed.map((p) => p.targetPortal.primaryHost).sort()).toEqual(
        [BENTHANH, SAIGON, TANDINH].sort(),
      );
      expect(
        res.pushItem.pushed.every((p) => p.pinned && p.direction === 'DOWN' && p.state === 'ACCEPTED'),
      ).toBe(true);
      for (const host of [SAIGON, BENTHANH, TANDINH]) {
        const home = await gql<{
          homePage: {
            pinned: Array<{ id: string; syndicatedFrom: { direction: string; sourcePortalName: string } }>;
          };
        }>(host, HOME, {});
        expect(home.homePage.pinned).toContainEqual({
          id: item.id,
          title: 'Chỉ đạo về phòng chống bão số 15',
          syndicatedFrom: { direction: 'DOWN', sourcePortalName: 'Thành phố Hồ Chí Minh' },
        });
      }
      const dept = await gql<{ homePage: { pinned: Array<{ id: string }> } }>(DEPT, HOME, {});
      expect(dept.homePage.pinned.map((p) => p.id)).not.toContain(item.id);
      // Pushing again to all: the wards already have it.
      const again = await gql<{ pushItem: { alreadyThere: number; pushed: unknown[] } }>(
        CITY,
        PUSH,
        { i: { itemId: item.id, targets: { all: true }, placement: 'PINNED' } },
        `head@${CITY}`,
      );
      expect(again.pushItem).toMatchObject({ alreadyThere: 3 });
      expect(again.pushItem.pushed).toHaveLength(1); // the department
      // Wards can neither edit nor drop it.
      const wardEdit = await gql<{ editContent: { __typename: string } }>(
        SAIGON,
        EDIT,
        { id: item.id, i: { title: 'Sửa', bodyHtml: '<p>x</p>', authorName: 'A', source: 'B', fields: {} } },
        `head@${SAIGON}`,
      );
      expect(wardEdit.editContent.__typename).toBe('InputError');
      const pushedToSaigon = (
        await db.query(`SELECT id FROM syndications WHERE item_id = $1 AND target_tenant_id = $2`, [
          item.id,
          t.tenant(SAIGON).id,
        ])
      ).rows[0].id;
      const wardDrop = (
        await gql<{ dropSyndication: Synd }>(SAIGON, DROP, { id: pushedToSaigon }, `head@${SAIGON}`)
      ).dropSyndication;
      expect(wardDrop).toMatchObject({ __typename: 'InputError' });
      expect(await stateOf(pushedToSaigon)).toBe('ACCEPTED');
      // A withdrawal upstream removes it everywhere.
      await withdraw(item.id);
      for (const host of [SAIGON, BENTHANH, TANDINH, DEPT]) {
        const home = await gql<{ homePage: { pinned: Array<{ id: string }> } }>(host, HOME, {});
        expect(home.homePage.pinned.map((p) => p.id)).not.toContain(item.id);
      }
      const states = await db.query(`SELECT DISTINCT state FROM syndications WHERE item_id = $1`, [item.id]);
      expect(states.rows).toEqual([{ state: 'WITHDRAWN' }]);
    });

    it('pushes to a list into the announcements section; retracts one', async () => {
      const item = await published(CITY, {
        kind: 'ANNOUNCEMENT',
        title: 'Thông báo nghỉ Tết Nguyên đán',
        fields: {},
      });
      const res = await gql<{
        pushItem: {
          pushed: Array<{
            id: string;
            categoryId: string | null;
            pinned: boolean;
            targetPortal: { primaryHost: string };
          }>;
        };
      }>(
        CITY,
        PUSH,
        {
          i: {
            itemId: item.id,
            targets: { tenantIds: [t.tenant(SAIGON).id, t.tenant(DEPT).id] },
            placement: 'ANNOUNCEMENTS',
          },
        },
        `head@${CITY}`,
      );
      expect(res.pushItem.pushed).toHaveLength(2);
      const saigon = res.pushItem.pushed.find((p) => p.targetPortal.primaryHost === SAIGON)!;
      const section =
        (
          await db.query(
            `SELECT id FROM categories WHERE tenant_id = $1 AND content_kind = 'ANNOUNCEMENT' ORDER BY parent_id NULLS FIRST, position LIMIT 1`,
            [t.tenant(SAIGON).id],
          )
        ).rows[0]?.id ?? null;
      expect(saigon).toMatchObject({ pinned: false, categoryId: section });
      const listed = await publicList(SAIGON, section);
      expect(listed.find((n) => n.id === item.id)?.syndicatedFrom?.direction).toBe('DOWN');
      expect((await publicList(BENTHANH)).map((n) => n.id)).not.toContain(item.id);
      const retracted = (
        await gql<{ retractSyndication: Synd }>(CITY, RETRACT, { id: saigon.id }, `head@${CITY}`)
      ).retractSyndication;
      expect(retracted).toMatchObject({ state: 'RETRACTED' });
      expect((await publicList(SAIGON)).map((n) => n.id)).not.toContain(item.id);
    });

    it('refuses targets outside the subtree and pushes by people without the right', async () => {
      const item = await published(CITY);
      const outside = await gql<{ pushItem: { __typename: string; errorCode: string; field: string } }>(
        CITY,
        PUSH,
        {
          i: {
            itemId: item.id,
            targets: { tenantIds: [t.tenant(SAIGON).id, t.tenant('kiengiang.gov.vn').id] },
            placement: 'PINNED',
          },
        },
        `head@${CITY}`,
      );
      expect(outside.pushItem).toMatchObject({
        __typename: 'InputError',
        errorCode: 'NOT_A_DESCENDANT',
        field: 'targets.tenantIds.1',
      });
      const none = await gql<{ pushItem: { errorCode: string } }>(
        CITY,
        PUSH,
        { i: { itemId: item.id, targets: {}, placement: 'PINNED' } },
        `head@${CITY}`,
      );
      expect(none.pushItem).toMatchObject({ errorCode: 'NO_TARGETS' });
      // A board member (not head or deputy) and the operator may not push.
      for (const who of [`member@${CITY}`, 'operator@city']) {
        const res = await t.gql(
          CITY,
          PUSH,
          { i: { itemId: item.id, targets: { all: true }, placement: 'PINNED' } },
          { token: tokens[who] },
        );
        expect(JSON.stringify(res.body)).toMatch(/FORBIDDEN|NOT_ALLOWED/);
      }
      // A ward head cannot push a city item.
      const ward = await t.gql(
        SAIGON,
        PUSH,
        { i: { itemId: item.id, targets: { all: true }, placement: 'PINNED' } },
        { token: tokens[`head@${SAIGON}`] },
      );
      expect(JSON.stringify(ward.body)).toMatch(/FORBIDDEN|NOT_ALLOWED|NOT_FOUND/);
      const count = await db.query(`SELECT count(*)::int AS n FROM syndications WHERE item_id = $1`, [
        item.id,
      ]);
      expect(count.rows[0].n).toBe(0);
    });
  });

  describe('permissions', () => {
    it('a ward board cannot accept into the province', async () => {
      const item = await published(BENTHANH);
      const s = await propose(`member@${BENTHANH}`, item.id, null, BENTHANH);
      for (const [who, host] of [
        [`head@${BENTHANH}`, BENTHANH],
        [`head@${SAIGON}`, SAIGON],
        [`head@${BENTHANH}`, CITY],
      ] as const) {
        const res = await t.gql<{ acceptSyndication: Synd }>(
          host,
          ACCEPT,
          { i: { id: s.id } },
          { token: tokens[who] },
        );
        const r = res.body.data?.acceptSyndication;
        expect(r?.__typename ?? 'error').not.toBe('Syndication');
      }
      // Nor can the city's owner or operator (not the board), nor a contributor propose.
      for (const who of ['owner@city', 'operator@city']) {
        const res = await t.gql<{ acceptSyndication: Synd }>(
          CITY,
          ACCEPT,
          { i: { id: s.id } },
          { token: tokens[who] },
        );
        expect(res.body.data?.acceptSyndication?.__typename ?? 'error').not.toBe('Syndication');
      }
      const other = await published(BENTHANH);
      const byWriter = await t.gql(
        BENTHANH,
        PROPOSE,
        { item: other.id },
        { token: tokens[`writer@${BENTHANH}`] },
      );
      expect(JSON.stringify(byWriter.body)).toMatch(/FORBIDDEN|NOT_ALLOWED/);
      // A city board member cannot propose a ward's item (it is not their portal's).
      const byCity = await t.gql<{ proposeSyndication: Synd }>(
        CITY,
        PROPOSE,
        { item: other.id },
        { token: tokens[`member@${CITY}`] },
      );
      expect(byCity.body.data?.proposeSyndication?.__typename ?? 'error').not.toBe('Syndication');
      expect(await stateOf(s.id)).toBe('PROPOSED');
      const count = await db.query(`SELECT count(*)::int AS n FROM syndications WHERE item_id = $1`, [
        other.id,
      ]);
      expect(count.rows[0].n).toBe(0);
    });
  });
  describe('restructuring', () => {
    it('merging a ward carries its syndications: copies elsewhere follow the item, copies on it move or end', async () => {
      const up = await published(BENTHANH, { title: 'Bến Thành: bài đã lên thành phố trước khi sáp nhập' });
      const s = await propose(`member@${BENTHANH}`, up.id, null, BENTHANH);
      await accept(`member@${CITY}`, { id: s.id });
      const both = await published(CITY, {
        kind: 'ANNOUNCEMENT',
        title: 'Chỉ đạo gửi hai phường',
        fields: {},
      });
      const only = await published(CITY, {
        kind: 'ANNOUNCEMENT',
        title: 'Chỉ đạo gửi riêng Bến Thành',
        fields: {},
      });
      const push = async (itemId: string, hosts: string[]) =>
        gql<{ pushItem: { pushed: Array<{ id: string; targetPortal: { primaryHost: string } }> } }>(
          CITY,
          PUSH,
          { i: { itemId, targets: { tenantIds: hosts.map((h) => t.tenant(h).id) }, placement: 'PINNED' } },
          `head@${CITY}`,
        );
      const pushedBoth = (await push(both.id, [BENTHANH, TANDINH])).pushItem.pushed;
      const pushedOnly = (await push(only.id, [BENTHANH])).pushItem.pushed;
      const rule = await gql<{ createSyndicationRule: { __typename: string } }>(
        BENTHANH,
        RULE,
        { i: { tenantId: t.tenant(BENTHANH).id, kinds: ['NEWS'] } },
        `head@${BENTHANH}`,
      );
      expect(rule.createSyndicationRule.__typename).toBe('SyndicationRule');
      const ward = t.tenant(BENTHANH).id;
      const open = async () =>
        (
          await db.query(
            `SELECT id, item_id, source_tenant_id, target_tenant_id, state FROM syndications
              WHERE (source_tenant_id = $1 OR target_tenant_id = $1) AND state IN ('PROPOSED', 'ACCEPTED')`,
            [ward],
          )
        ).rows as Array<{ id: string; source_tenant_id: string; target_tenant_id: string }>;
      const before = await open();
      const fromWard = before.filter((r) => r.source_tenant_id === ward).length;

      const restructuring = t.app.get(RestructuringService);
      const sys = systemContext('test');
      const preview = await restructuring.mergePreview(sys, [ward], t.tenant(TANDINH).id);
      if (!preview.ok) throw new Error(preview.error.code);
      const counts = preview.value.counts.find((c) => c.participant === 'syndication')!.counts;
      expect(counts).toEqual({ dropped: 1, retargeted: 1, resourced: fromWard, rulesDisabled: 1 });
      const merged = await restructuring.merge(sys, [ward], t.tenant(TANDINH).id, previewedPlan(preview.value));
      if (!merged.ok) throw new Error(merged.error.code);
      const fate = async (id: string) =>
        (
          await db.query('SELECT state, source_tenant_id, target_tenant_id FROM syndications WHERE id = $1', [
            id,
          ])
        ).rows[0];
      // The ward's item shown on the city is now Tân Định's, still shown there.
      expect(await fate(s.id)).toMatchObject({ state: 'ACCEPTED', source_tenant_id: t.tenant(TANDINH).id });
      const onCity = (await publicList(CITY)).find((n) => n.id === up.id)!;
      expect(onCity.syndicatedFrom).toMatchObject({ sourcePortalHost: TANDINH });
      expect(onCity.canonicalUrl).toMatch(new RegExp(`^https://${TANDINH.replace(/\./g, '\\.')}/print/`));
      // A push Tân Định already had ends for the ward; a push only the ward had moves to Tân Định.
      const wardBoth = pushedBoth.find((p) => p.targetPortal.primaryHost === BENTHANH)!;
      expect(await fate(wardBoth.id)).toMatchObject({ state: 'DROPPED' });
      expect(await fate(pushedOnly[0].id)).toMatchObject({
        state: 'ACCEPTED',
        target_tenant_id: t.tenant(TANDINH).id,
      });
      const home = await gql<{ homePage: { pinned: Array<{ id: string }> } }>(TANDINH, HOME, {});
      expect(home.homePage.pinned.map((p) => p.id)).toEqual(expect.arrayContaining([both.id, only.id]));
      expect(await open()).toEqual([]);
      // The registry audited the share with the same counts the dry run showed.
      const audit = await db.query(
        `SELECT after FROM audit_log WHERE action = 'tenant.merge_participant' AND after->>'participant' = 'syndication'`,
      );
      expect(audit.rows.map((r) => r.after.counts)).toEqual([counts]);
    });
  });
});
