import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { Role, RoleAssignmentService, RoleScope } from '../libs/access/src';
import { TINY_PDF } from './support/zip-fixture';
import { systemContext } from '../libs/platform/src';
import { previewedPlan, startSeededApp } from './support/fixtures';
import { dataOf, uploadAttachment } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * Merging portals with their content. Three wards with categories, published
 * items (several revisions, a slug taken on the target, an English item), an attachment, role
 * assignments and accounts are merged into a fourth ward by a confirmed plan after a dry run. Every
 * old URL answers 301 to the item's new URL, every revision and audit entry survives, moved roles
 * work on the target, and a second merge keeps the first wards' URLs working. Over HTTP against a
 * real PostgreSQL.
 */

const CITY = 'hochiminhcity.gov.vn';
const W1 = 'phuongmot.hochiminhcity.gov.vn';
const W2 = 'phuonghai.hochiminhcity.gov.vn';
const W3 = 'phuongba.hochiminhcity.gov.vn';
const TARGET = 'phuongnhat.hochiminhcity.gov.vn';
const NEXT = 'phuongmoi.hochiminhcity.gov.vn';
const WARDS = [W1, W2, W3];

const PROVISION = `mutation($input: ProvisionTenantInput!) {
  provisionTenant(input: $input) { __typename ... on Portal { id } ... on InputError { errorCode field } }
}`;
const ITEM = `__typename ... on ContentItem { id slug language live { number } working { number status } }
  ... on InputError { errorCode field message }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`;
const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) { ${ITEM} } }`;
const REVISIONS = `query($id: String!) { contentRevisions(itemId: $id) { number title } }`;
const PREVIEW = `query($input: MergeInput!) {
  mergePreview(input: $input) {
    __typename
    ... on MergePreview {
      sources { id primaryHost }
      target { id primaryHost }
      participants { participant counts { name value } }
      plan {
        categoryMapping { sourceCategoryId sourceTenantId slugPath nameVi targetCategoryId targetSlugPath }
        roleMapping { assignmentId sourceTenantId accountId username role scope fields action duplicate }
      }
    }
    ... on InputError { errorCode field messageEn }
  }
}`;
const MERGE = `mutation($input: MergeTenantsInput!) {
  mergeTenants(input: $input) {
    __typename ... on Portal { id primaryHost } ... on InputError { errorCode field messageEn }
  }
}`;

type CategoryMapping = {
  sourceCategoryId: string;
  sourceTenantId: string;
  slugPath: string;
  nameVi: string;
  targetCategoryId: string | null;
  targetSlugPath: string | null;
};
type RoleMapping = {
  assignmentId: string;
  sourceTenantId: string;
  accountId: string;
  username: string;
  role: string;
  scope: string;
  fields: string[];
  action: 'MOVE' | 'REVOKE';
  duplicate: boolean;
};
type Preview = {
  __typename: 'MergePreview';
  sources: Array<{ id: string; primaryHost: string }>;
  target: { id: string; primaryHost: string };
  participants: Array<{ participant: string; counts: Array<{ name: string; value: number }> }>;
  plan: { categoryMapping: CategoryMapping[]; roleMapping: RoleMapping[] };
};
type Plan = {
  categoryMapping: Array<{ sourceCategoryId: string; targetCategoryId: string | null }>;
  roleMapping: Array<{ assignmentId: string; action: string }>;
};
type Item = { __typename: string; id: string; slug: string; language: string; errorCode?: string };
type Board = { writer: string; member: string; head: string };
/** A published (or draft) item of a ward, as the old URLs must find it. */
type Known = { id: string; ward: string; language: 'vi' | 'en'; slug: string; title: string; live: boolean };

const planOf = (preview: Preview): Plan => previewedPlan(preview);

const countsOf = (preview: Preview): Record<string, Record<string, number>> =>
  Object.fromEntries(
    preview.participants.map((p) => [
      p.participant,
      Object.fromEntries(p.counts.map((c) => [c.name, c.value])),
    ]),
  );

describe('federation: merging portals with their content', () => {
  let t: TestApp;
  let db: Client;
  let dataDir: string;
  let adminToken: string;
  let cityOperator: string;
  let wardOperator: string;
  const boards: Record<string, Board> = {};
  const known: Known[] = [];
  let attachmentId: string;
  let expiredAssignmentId: string;

  const id = (host: string) => t.tenant(host).id;
  const q = async <T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, params)).rows as T[];

  const provision = async (label: string, nameVi: string) => {
    const res = await t.gql(
      CITY,
      PROVISION,
      { input: { parentId: id(CITY), kind: 'WARD', nameVi, label } },
      { token: adminToken },
    );
    expect(dataOf(res).provisionTenant.__typename).toBe('Portal');
  };

  const create = async (host: string, who: string, input: Record<string, unknown>): Promise<Item> => {
    const item = dataOf(
      await t.gql<{ createContent: Item }>(
        host,
        CREATE,
        {
          i: {
            tenantId: id(host),
            kind: 'NEWS',
            bodyHtml: `<p>Nội dung ${randomUUID()}</p>`,
            authorName: 'Nguyễn Văn A',
            source: 'UBND phường',
            fields: { eventDate: '2026-11-20' },
            ...input,
          },
        },
        { token: who },
      ),
    ).createContent;
    expect(item.__typename).toBe('ContentItem');
    return item;
  };
  const edit = async (host: string, who: string, itemId: string, title: string) => {
    const item = dataOf(
      await t.gql<{ editContent: Item }>(
        host,
        EDIT,
        {
          id: itemId,
          i: {
            title,
            bodyHtml: `<p>${title}</p>`,
            authorName: 'Nguyễn Văn A',
            source: 'UBND phường',
            fields: { eventDate: '2026-11-20' },
          },
        },
        { token: who },
      ),
    ).editContent;
    expect(item.__typename).toBe('ContentItem');
  };
  const step = async (host: string, who: string, itemId: string, action: string) => {
    const item = dataOf(
      await t.gql<{ transitionContent: Item }>(host, TRANSITION, { id: itemId, a: action }, { token: who }),
    ).transitionContent;
    expect({ action, result: item.__typename, error: item.errorCode }).toEqual({
      action,
      result: 'ContentItem',
      error: undefined,
    });
  };
  const publish = async (host: string, itemId: string) => {
    const b = boards[host];
    await step(host, b.writer, itemId, 'SUBMIT');
    await step(host, b.member, itemId, 'TAKE_FOR_REVIEW');
    await step(host, b.head, itemId, 'APPROVE');
    await step(host, b.member, itemId, 'PUBLISH');
  };
  /** Creates (and by default publishes) an item on a ward and remembers its old address. */
  const item = async (
    host: string,
    title: string,
    extra: Record<string, unknown> = {},
    options: { publish?: boolean; edits?: string[]; editAfterPublish?: string } = {},
  ): Promise<Item> => {
    const created = await create(host, boards[host].writer, { title, ...extra });
    for (const next of options.edits ?? []) await edit(host, boards[host].writer, created.id, next);
    if (options.publish !== false) await publish(host, created.id);
    if (options.editAfterPublish) await edit(host, boards[host].writer, created.id, options.editAfterPublish);
    const liveTitle = options.edits?.length ? options.edits[options.edits.length - 1] : title;
    if (WARDS.includes(host))
      known.push({
        id: created.id,
        ward: host,
        language: created.language as 'vi' | 'en',
        slug: created.slug,
        title: liveTitle,
        live: options.publish !== false,
      });
    return created;
  };
  const categoryId = async (host: string, slugPath: string): Promise<string> => {
    const [parent, child] = slugPath.split('/');
    const rows = await q<{ id: string }>(
      child
        ? `SELECT c.id FROM categories c JOIN categories p ON p.id = c.parent_id
            WHERE c.tenant_id = $1 AND p.slug = $2 AND c.slug = $3`
        : `SELECT id FROM categories WHERE tenant_id = $1 AND parent_id IS NULL AND slug = $2`,
      child ? [id(host), parent, child] : [id(host), parent],
    );
    expect(rows).toHaveLength(1);
    return rows[0].id;
  };
  /** Categories have no API of their own yet (they come with the provisioning template). */
  const addCategory = async (host: string, slug: string, nameVi: string, parentId: string | null) => {
    const newId = randomUUID();
    await db.query(
      `INSERT INTO categories (id, tenant_id, parent_id, slug, name_vi, content_kind, position) VALUES ($1, $2, $3, $4, $5, 'NEWS', 9)`,
      [newId, id(host), parentId, slug, nameVi],
    );
    return newId;
  };
  const upload = async (host: string, token: string, itemId: string): Promise<string> => {
    const res = await uploadAttachment(t.port, { host, token }, itemId, { name: 'quyet-dinh.pdf', data: TINY_PDF });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return (JSON.parse(res.text) as { id: string }).id;
  };

  const preview = async (sources: string[], target: string, token: string, plan?: Plan) =>
    dataOf(
      await t.gql<{ mergePreview: Preview | { __typename: 'InputError'; errorCode: string; field: string } }>(
        CITY,
        PREVIEW,
        { input: { sourceIds: sources.map(id), targetId: id(target), ...(plan ? { plan } : {}) } },
        { token },
      ),
    ).mergePreview;
  const merge = (sources: string[], target: string, token: string, plan: Plan) =>
    t.gql<{ mergeTenants: { __typename: string; id?: string; errorCode?: string; field?: string } }>(
      CITY,
      MERGE,
      { input: { sourceIds: sources.map(id), targetId: id(target), plan } },
      { token },
    );

  /** Everything a merge writes; a refused merge must leave all of it as it was. */
  const snapshot = async () => ({
    tenants: await q('SELECT id, status, successor_id, updated_at FROM tenants ORDER BY id'),
    hosts: await q(
      'SELECT host::text AS host, tenant_id, role, origin_tenant_id FROM tenant_hosts ORDER BY host',
    ),
    categories: await q('SELECT id, tenant_id, parent_id, slug FROM categories ORDER BY id'),
    items: await q('SELECT id, tenant_id, slug, category_id FROM content_items ORDER BY id'),
    revisions: await q('SELECT id, tenant_id FROM content_revisions ORDER BY id'),
    roles: await q('SELECT id, tenant_id, revoked_at FROM role_assignments ORDER BY id'),
    accounts: await q('SELECT id, tenant_id FROM accounts ORDER BY id'),
    aliases: await q('SELECT * FROM content_url_aliases ORDER BY tenant_id, language, slug'),
    audit: await q('SELECT id FROM audit_log ORDER BY id'),
  });
  const auditIds = async () =>
    (await q<{ id: string }>('SELECT id FROM audit_log ORDER BY id')).map((r) => r.id);
  const revisionCounts = async () =>
    Object.fromEntries(
      (
        await q<{ item_id: string; n: number }>(
          'SELECT item_id, count(*)::int AS n FROM content_revisions WHERE item_id = ANY($1) GROUP BY item_id',
          [known.map((k) => k.id)],
        )
      ).map((r) => [r.item_id, r.n]),
    );

  /** The current public URL of an item: its portal's primary host and its slug now. */
  const currentUrl = async (itemId: string) => {
    const [row] = await q<{ host: string; slug: string; language: string }>(
      `SELECT t.primary_host::text AS host, i.slug, i.language FROM content_items i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = $1`,
      [itemId],
    );
    return `http://${row.host}${row.language === 'en' ? '/en' : ''}/print/${row.slug}`;
  };
  const get = (url: string) => {
    const u = new URL(url);
    return t.http({ host: u.host, path: `${u.pathname}${u.search}` });
  };
  /** `url` answers 301 to exactly `location`, and following it shows the item. */
  const redirectsTo = async (url: string, location: string, title: string) => {
    const res = await get(url);
    expect({ url, status: res.status, location: res.headers.location }).toEqual({
      url,
      status: 301,
      location,
    });
    const page = await get(location);
    expect({ location, status: page.status }).toEqual({ location, status: 200 });
    expect(page.text).toContain(title);
  };
  /** Every old URL of every live item of the first wards answers 301 to the item's current URL. */
  const checkOldUrls = async () => {
    for (const k of known.filter((x) => x.live)) {
      const now = await currentUrl(k.id);
      const nowHost = new URL(now).host;
      await redirectsTo(`http://${k.ward}${k.language === 'en' ? '/en' : ''}/print/${k.slug}`, now, k.title);
      await redirectsTo(`http://${k.ward}/archive/${k.id}`, `http://${nowHost}/archive/${k.id}`, k.title);
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-merge-'));
    ({ t, db } = await startSeededApp({ dataDir }, ['city']));
    await t.createAccount({ username: 'merge-admin', homeHost: CITY, platformAdmin: true });
    adminToken = (await t.login('merge-admin', CITY)).accessToken;
    await provision('phuongmot', 'Phường Hợp Một');
    await provision('phuonghai', 'Phường Hợp Hai');
    await provision('phuongba', 'Phường Hợp Ba');
    await provision('phuongnhat', 'Phường Hợp Nhất');
    await provision('phuongmoi', 'Phường Hợp Mới');
    cityOperator = await t.asUser('merge-city-op', Role.OPERATOR, CITY, RoleScope.SUBTREE);
    wardOperator = await t.asUser('merge-w1-op', Role.OPERATOR, W1, RoleScope.TENANT);
    for (const [host, prefix] of [
      [W1, 'w1'],
      [W2, 'w2'],
      [W3, 'w3'],
      [TARGET, 'tg'],
    ]) {
      boards[host] = {
        writer: await t.asUser(`${prefix}-writer`, Role.CONTRIBUTOR, host),
        member: await t.asUser(`${prefix}-member`, Role.BOARD_MEMBER, host),
        head: await t.asUser(`${prefix}-head`, Role.BOARD_HEAD, host),
      };
    }
    // w1-member already sits on the target's board: moving its ward role is a duplicate.
    const [w1Member] = await q<{ id: string }>(`SELECT id FROM accounts WHERE username = 'w1-member'`);
    const system = systemContext('test');
    const roles = t.app.get(RoleAssignmentService);
    expect(
      (await roles.grant(system, { accountId: w1Member.id, tenantId: id(TARGET), role: Role.BOARD_MEMBER }))
        .ok,
    ).toBe(true);
    // An expired assignment is history: not part of the plan, left as it is.
    const expired = await roles.grant(system, {
      accountId: w1Member.id,
      tenantId: id(W3),
      role: Role.CONTRIBUTOR,
      validFrom: new Date('2020-01-01T00:00:00Z'),
      validTo: new Date('2021-01-01T00:00:00Z'),
    });
    if (!expired.ok) throw new Error(expired.error.code);
    expiredAssignmentId = expired.value.id;

    // Categories beyond the template: one the target has too (mapped), a tree only W3 has (copied).
    await addCategory(TARGET, 'khu-pho', 'Tin khu phố', await categoryId(TARGET, 'tin-tuc-su-kien'));
    await addCategory(W2, 'khu-pho', 'Tin khu phố', await categoryId(W2, 'tin-tuc-su-kien'));
    const reform = await addCategory(W3, 'cai-cach-hanh-chinh', 'Cải cách hành chính', null);
    await addCategory(W3, 'mot-cua', 'Một cửa', reform);

    // The target's own items, one of them with a slug a ward item also has.
    await item(TARGET, 'Thông báo lịch tiếp dân của phường Hợp Nhất', { slug: 'thong-bao-lich-tiep-dan' });
    // W1: an item with three revisions (two before publishing, one in progress after), a slug
    // the target has, and a slug W2 has too.
    await item(
      W1,
      'Phường Hợp Một ra quân dọn vệ sinh',
      { categoryId: await categoryId(W1, 'tin-tuc-su-kien') },
      { edits: ['Phường Hợp Một ra quân dọn vệ sinh kênh rạch'], editAfterPublish: 'Bản sửa đang chờ duyệt' },
    );
    await item(W1, 'Thông báo lịch tiếp dân của phường Hợp Một', { slug: 'thong-bao-lich-tiep-dan' });
    await item(W1, 'Lịch công tác tuần của phường Hợp Một', { slug: 'lich-cong-tac-tuan' });
    // W2: an English item, an item with two revisions in a category the target also has, the shared slug.
    await item(W2, 'Ward Hai opens a new service centre', { language: 'en', slug: 'ward-two-news' });
    await item(
      W2,
      'Khu phố 3 phường Hợp Hai',
      { categoryId: await categoryId(W2, 'tin-tuc-su-kien/khu-pho') },
      { edits: ['Khu phố 3 phường Hợp Hai đón bằng công nhận'] },
    );
    await item(W2, 'Lịch công tác tuần của phường Hợp Hai', { slug: 'lich-cong-tac-tuan' });
    // W3: a draft, and a published item with an attachment in the copied category tree.
    await item(W3, 'Bản nháp chưa gửi', {}, { publish: false });
    const withFile = await create(W3, boards[W3].writer, {
      title: 'Quy trình một cửa phường Hợp Ba',
      categoryId: await categoryId(W3, 'cai-cach-hanh-chinh/mot-cua'),
    });
    attachmentId = await upload(W3, boards[W3].writer, withFile.id);
    await publish(W3, withFile.id);
    known.push({
      id: withFile.id,
      ward: W3,
      language: 'vi',
      slug: withFile.slug,
      title: 'Quy trình một cửa phường Hợp Ba',
      live: true,
    });
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let proposal: Preview;
  let plan: Plan;

  it('the dry run counts exactly what would move, and proposes a mapping; it writes nothing', async () => {
    const before = await snapshot();
    const result = await preview(WARDS, TARGET, cityOperator);
    if (result.__typename !== 'MergePreview') throw new Error(JSON.stringify(result));
    proposal = result;
    expect(await snapshot()).toEqual(before);

    const wardIds = WARDS.map(id);
    const [{ n: templateCategories }] = await q<{ n: number }>(
      'SELECT count(*)::int AS n FROM categories WHERE tenant_id = $1',
      [id(W1)],
    );
    const [{ n: menuItems }] = await q<{ n: number }>(
      'SELECT count(*)::int AS n FROM menu_items WHERE tenant_id = ANY($1)',
      [wardIds],
    );
    const editorial = async (table: string) =>
      (
        await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ANY($1)`, [wardIds])
      )[0].n;
    // Each of these participants' counts exactly (other libs, e.g. federation, add their own).
    const expected: Record<string, Record<string, number>> = {
      // The template's categories of each ward, plus W2's khu-pho, map; W3's own tree (2) is copied.
      categories: { mapped: 3 * templateCategories + 1, copied: 2, menuItemsLeft: menuItems },
      // writer, member, head of each ward and W1's operator.
      accounts: { rehomed: 10 },
      roles: { moved: 9, duplicates: 1, revoked: 0 },
      // 8 items with 3+1+1 / 1+2+1 / 1+1 revisions; two slugs taken (one by the target, one by W1).
      content: { items: 8, revisions: 11, attachments: 1, slugChanges: 2 },
      editorial: {
        states: await editorial('editorial_states'),
        events: await editorial('workflow_events'),
        delegations: 0,
        reminders: await editorial('editorial_reminders'),
      },
      calendar: { overridesLeft: 0, policyAssignmentsLeft: 0 },
    };
    const counts = countsOf(proposal);
    expect(Object.fromEntries(Object.keys(expected).map((p) => [p, counts[p]]))).toEqual(expected);
    expect(countsOf(proposal).editorial.states).toBe(11);
    expect(countsOf(proposal).editorial.events).toBeGreaterThan(20);

    expect(proposal.sources.map((s) => s.primaryHost)).toEqual(WARDS);
    expect(proposal.target.primaryHost).toBe(TARGET);
    // Every source category is named: by slug path onto the target, or copied (null) with its tree.
    const mapping = proposal.plan.categoryMapping;
    expect(mapping).toHaveLength(3 * templateCategories + 3);
    for (const e of mapping) {
      if (e.slugPath.startsWith('cai-cach-hanh-chinh')) expect(e).toMatchObject({ targetCategoryId: null });
      else expect(e.targetSlugPath).toBe(e.slugPath);
    }
    expect(mapping.find((e) => e.slugPath === 'tin-tuc-su-kien/khu-pho')).toMatchObject({
      sourceTenantId: id(W2),
      targetCategoryId: await categoryId(TARGET, 'tin-tuc-su-kien/khu-pho'),
    });
    expect(
      mapping.find((e) => e.slugPath === 'chi-dao-dieu-hanh/lich-cong-tac' && e.sourceTenantId === id(W3)),
    ).toMatchObject({
      targetCategoryId: await categoryId(TARGET, 'chi-dao-dieu-hanh/lich-cong-tac'),
    });
    // Every live assignment is named (the expired one is not), each proposed MOVE.
    const roles = proposal.plan.roleMapping;
    expect(roles).toHaveLength(10);
    expect(roles.every((r) => r.action === 'MOVE')).toBe(true);
    expect(roles.map((r) => r.assignmentId)).not.toContain(expiredAssignmentId);
    expect(roles.filter((r) => r.duplicate).map((r) => [r.username, r.role])).toEqual([
      ['w1-member', 'BOARD_MEMBER'],
    ]);
    expect(roles.find((r) => r.username === 'merge-w1-op')).toMatchObject({
      role: 'OPERATOR',
      scope: 'TENANT',
      sourceTenantId: id(W1),
    });

    // The operator revokes W3's contributor instead of moving it; the dry run of that plan says so.
    plan = planOf(proposal);
    const w3Writer = roles.find((r) => r.username === 'w3-writer')!;
    plan.roleMapping.find((r) => r.assignmentId === w3Writer.assignmentId)!.action = 'REVOKE';
    const edited = await preview(WARDS, TARGET, cityOperator, plan);
    if (edited.__typename !== 'MergePreview') throw new Error(JSON.stringify(edited));
    expect(countsOf(edited).roles).toEqual({ moved: 8, duplicates: 1, revoked: 1 });
    expect(edited.plan.roleMapping.find((r) => r.assignmentId === w3Writer.assignmentId)!.action).toBe(
      'REVOKE',
    );
  });

  it('refuses an incomplete or wrong plan with a typed error naming the field, and changes nothing', async () => {
    const before = await snapshot();
    const refused = async (bad: Plan, errorCode: string, field: string) => {
      const res = await merge(WARDS, TARGET, cityOperator, bad);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.mergeTenants).toMatchObject({ __typename: 'InputError', errorCode, field });
      const dry = await preview(WARDS, TARGET, cityOperator, bad);
      expect(dry).toMatchObject({ __typename: 'InputError', errorCode, field });
      expect(await snapshot()).toEqual(before);
    };
    await refused(
      { ...plan, categoryMapping: plan.categoryMapping.slice(1) },
      'MERGE_PLAN_INCOMPLETE',
      'plan.categoryMapping',
    );
    await refused(
      { ...plan, roleMapping: plan.roleMapping.slice(0, -1) },
      'MERGE_PLAN_INCOMPLETE',
      'plan.roleMapping',
    );
    const wrongTarget = plan.categoryMapping.map((e, i) =>
      i === 3 ? { ...e, targetCategoryId: plan.categoryMapping[0].sourceCategoryId } : e,
    );
    await refused(
      { ...plan, categoryMapping: wrongTarget },
      'CATEGORY_NOT_OF_TARGET',
      'plan.categoryMapping.3.targetCategoryId',
    );
    const foreign = await categoryId('saigon.hochiminhcity.gov.vn', 'tin-tuc-su-kien');
    await refused(
      {
        ...plan,
        categoryMapping: [...plan.categoryMapping, { sourceCategoryId: foreign, targetCategoryId: null }],
      },
      'CATEGORY_NOT_OF_SOURCE',
      `plan.categoryMapping.${plan.categoryMapping.length}.sourceCategoryId`,
    );
    await refused(
      { ...plan, roleMapping: [...plan.roleMapping, { assignmentId: expiredAssignmentId, action: 'MOVE' }] },
      'ROLE_ASSIGNMENT_NOT_OF_SOURCE',
      `plan.roleMapping.${plan.roleMapping.length}.assignmentId`,
    );
  });

  it('a ward operator (no subtree right to restructure) can neither preview nor merge', async () => {
    const before = await snapshot();
    for (const res of [
      await t.gql(
        CITY,
        PREVIEW,
        { input: { sourceIds: WARDS.map(id), targetId: id(TARGET) } },
        { token: wardOperator },
      ),
      await t.gql(
        W1,
        PREVIEW,
        { input: { sourceIds: [id(W1)], targetId: id(TARGET) } },
        { token: wardOperator },
      ),
      await merge(WARDS, TARGET, wardOperator, plan),
    ]) {
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(Object.values(res.body.data ?? {}).filter(Boolean)).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('merges: every item, revision, attachment, role and account is re-homed; every old URL answers 301 to the new one', async () => {
    const auditBefore = await auditIds();
    const revisionsBefore = await revisionCounts();
    const res = await merge(WARDS, TARGET, cityOperator, plan);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.mergeTenants).toMatchObject({ __typename: 'Portal', id: id(TARGET) });

    // Nothing is left on the merged wards but their history, menus and the expired assignment.
    const sourceIds = proposal.sources.map((s) => s.id);
    for (const table of [
      'content_items',
      'content_revisions',
      'attachments',
      'editorial_states',
      'workflow_events',
      'editorial_reminders',
      'accounts',
    ]) {
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ANY($1)`,
        [sourceIds],
      );
      expect({ table, n }).toEqual({ table, n: 0 });
    }
    expect(
      await q(
        `SELECT role, revoked_at FROM role_assignments WHERE tenant_id = ANY($1) AND revoked_at IS NULL`,
        [sourceIds],
      ),
    ).toEqual([{ role: 'CONTRIBUTOR', revoked_at: null }]); // the expired one, untouched
    expect(
      (
        await q(`SELECT tenant_id FROM categories WHERE id = ANY($1)`, [
          plan.categoryMapping.map((e) => e.sourceCategoryId),
        ])
      ).length,
    ).toBe(plan.categoryMapping.length); // source categories stay (menus point at them)

    // Slugs: the target's own item keeps its slug; W1's gets -2; W2's shared slug gets -2.
    const slugs = Object.fromEntries(
      (
        await q<{ id: string; slug: string }>('SELECT id, slug FROM content_items WHERE id = ANY($1)', [
          known.map((k) => k.id),
        ])
      ).map((r) => [r.id, r.slug]),
    );
    const w1Notice = known.find((k) => k.ward === W1 && k.slug === 'thong-bao-lich-tiep-dan')!;
    const w2Schedule = known.find((k) => k.ward === W2 && k.slug === 'lich-cong-tac-tuan')!;
    expect(slugs[w1Notice.id]).toBe('thong-bao-lich-tiep-dan-2');
    expect(slugs[w2Schedule.id]).toBe('lich-cong-tac-tuan-2');
    expect(known.filter((k) => slugs[k.id] !== k.slug)).toHaveLength(2);

    // Categories: mapped onto the target's, or the copy (with its tree) for W3's own.
    const [copied] = await q<{ id: string; parent_slug: string }>(
      `SELECT c.id, p.slug AS parent_slug FROM content_items i JOIN categories c ON c.id = i.category_id
         JOIN categories p ON p.id = c.parent_id WHERE i.id = $1 AND c.tenant_id = $2 AND c.slug = 'mot-cua'`,
      [known.find((k) => k.ward === W3 && k.live)!.id, id(TARGET)],
    );
    expect(copied.parent_slug).toBe('cai-cach-hanh-chinh');
    const [khuPho] = await q<{ category_id: string }>('SELECT category_id FROM content_items WHERE id = $1', [
      known.find((k) => k.title.startsWith('Khu phố 3'))!.id,
    ]);
    expect(khuPho.category_id).toBe(await categoryId(TARGET, 'tin-tuc-su-kien/khu-pho'));

    // The old URLs: the old slug on the old host goes to the item's new slug on the target, never
    // to the target's own item that has that slug; the English one keeps /en; archive links too.
    await redirectsTo(
      `http://${W1}/print/thong-bao-lich-tiep-dan`,
      `http://${TARGET}/print/thong-bao-lich-tiep-dan-2`,
      'Thông báo lịch tiếp dân của phường Hợp Một',
    );
    await redirectsTo(
      `http://${W2}/en/print/ward-two-news`,
      `http://${TARGET}/en/print/ward-two-news`,
      'Ward Hai opens',
    );
    await redirectsTo(
      `http://${W2}/print/lich-cong-tac-tuan?ref=rss`,
      `http://${TARGET}/print/lich-cong-tac-tuan-2?ref=rss`,
      'Lịch công tác tuần của phường Hợp Hai',
    );
    // The website's article pages of the old host follow their items the same way.
    await redirectsTo(
      `http://${W1}/bai-viet/thong-bao-lich-tiep-dan`,
      `http://${TARGET}/bai-viet/thong-bao-lich-tiep-dan-2`,
      'Thông báo lịch tiếp dân của phường Hợp Một',
    );
    await redirectsTo(
      `http://${W2}/en/bai-viet/ward-two-news`,
      `http://${TARGET}/en/bai-viet/ward-two-news`,
      'Ward Hai opens',
    );
    await checkOldUrls();
    // The target's own item is still where it was.
    const own = await get(`http://${TARGET}/print/thong-bao-lich-tiep-dan`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('Thông báo lịch tiếp dân của phường Hợp Nhất');
    // Paths nobody claims keep the host redirect's same-path rule.
    const other = await get(`http://${W1}/print/khong-co-bai-nay`);
    expect([other.status, other.headers.location]).toEqual([301, `http://${TARGET}/print/khong-co-bai-nay`]);

    // The attachment follows its item and is served on the target.
    const file = await t.http({ host: TARGET, path: `/attachments/${attachmentId}` });
    expect(file.status).toBe(200);
    const oldFile = await t.http({ host: W3, path: `/attachments/${attachmentId}` });
    expect([oldFile.status, oldFile.headers.location]).toEqual([
      301,
      `http://${TARGET}/attachments/${attachmentId}`,
    ]);

    // Every revision is still there, readable on the target by its board.
    expect(await revisionCounts()).toEqual(revisionsBefore);
    for (const k of known) {
      const revisions = dataOf(
        await t.gql<{ contentRevisions: Array<{ number: number; title: string }> }>(
          TARGET,
          REVISIONS,
          { id: k.id },
          { token: boards[TARGET].head },
        ),
      ).contentRevisions;
      expect({ id: k.id, n: revisions.map((r) => r.number) }).toEqual({
        id: k.id,
        n: Array.from({ length: revisionsBefore[k.id] }, (_, i) => i + 1),
      });
    }

    // Every audit entry is still there; each participant's share is audited with its counts.
    const auditAfter = await auditIds();
    expect(auditAfter.filter((a) => auditBefore.includes(a))).toEqual(auditBefore);
    const shares = await q<{ participant: string; counts: Record<string, number>; actor: string }>(
      `SELECT after->>'participant' AS participant, after->'counts' AS counts, actor_label AS actor
         FROM audit_log WHERE action = 'tenant.merge_participant' AND tenant_id = $1 ORDER BY id`,
      [id(TARGET)],
    );
    expect(shares[0].participant).toBe('categories'); // first: items are mapped onto its categories
    expect(shares.map((s) => s.participant)).toEqual(
      expect.arrayContaining(['accounts', 'calendar', 'categories', 'content', 'editorial', 'roles']),
    );
    expect(shares.find((s) => s.participant === 'content')!.counts).toEqual({
      items: 8,
      revisions: 11,
      attachments: 1,
      slugChanges: 2,
    });
    expect(shares.find((s) => s.participant === 'roles')!.counts).toEqual({
      moved: 8,
      duplicates: 1,
      revoked: 1,
    });
    expect(shares.every((s) => s.actor === 'merge-city-op')).toBe(true);

    // Accounts now live on the target; moved roles are live there, the revoked one is gone.
    const homes = await q<{ username: string; tenant_id: string }>(
      `SELECT username::text AS username, tenant_id FROM accounts WHERE username LIKE 'w_-%' OR username = 'merge-w1-op'`,
    );
    expect(homes).toHaveLength(10);
    expect(homes.every((h) => h.tenant_id === id(TARGET))).toBe(true);
    const live = await q<{ username: string; role: string }>(
      `SELECT a.username::text AS username, ra.role FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id
        WHERE ra.tenant_id = $1 AND ra.revoked_at IS NULL AND a.username::text ~ '^(w[123]-|merge-w1-op)' ORDER BY 1, 2`,
      [id(TARGET)],
    );
    expect(live.map((r) => `${r.username}:${r.role}`)).toEqual([
      'merge-w1-op:OPERATOR',
      'w1-head:BOARD_HEAD',
      'w1-member:BOARD_MEMBER',
      'w1-writer:CONTRIBUTOR',
      'w2-head:BOARD_HEAD',
      'w2-member:BOARD_MEMBER',
      'w2-writer:CONTRIBUTOR',
      'w3-head:BOARD_HEAD',
      'w3-member:BOARD_MEMBER',
    ]);
  });

  it('moved roles work on the target: a former ward writer, member and head take an item through the workflow', async () => {
    const w2 = boards[W2];
    const created = await create(TARGET, w2.writer, { title: 'Bài đầu tiên sau sáp nhập' });
    await step(TARGET, w2.writer, created.id, 'SUBMIT');
    await step(TARGET, w2.member, created.id, 'TAKE_FOR_REVIEW');
    await step(TARGET, boards[W1].head, created.id, 'APPROVE');
    await step(TARGET, w2.member, created.id, 'PUBLISH');
    const page = await t.http({ host: TARGET, path: `/print/${created.slug}` });
    expect(page.status).toBe(200);
    // The revoked contributor cannot write on the target.
    const refused = await t.gql(
      TARGET,
      CREATE,
      {
        i: {
          tenantId: id(TARGET),
          kind: 'NEWS',
          title: 'Không được phép',
          bodyHtml: '<p>x</p>',
          authorName: 'A',
          source: 'B',
          fields: { eventDate: '2026-11-20' },
        },
      },
      { token: boards[W3].writer },
    );
    expect(refused.body.errors?.[0]?.extensions?.code ?? refused.body.data?.createContent?.errorCode).toMatch(
      /FORBIDDEN|NOT_ALLOWED/,
    );
  });

  it('a second merge (the target into another ward) keeps every old URL of the first wards working', async () => {
    const auditBefore = await auditIds();
    const revisionsBefore = await revisionCounts();
    const second = await preview([TARGET], NEXT, cityOperator);
    if (second.__typename !== 'MergePreview') throw new Error(JSON.stringify(second));
    expect(countsOf(second).content).toMatchObject({ items: 10, slugChanges: 0 });
    const res = await merge([TARGET], NEXT, cityOperator, planOf(second));
    expect(res.body.data!.mergeTenants).toMatchObject({ __typename: 'Portal', id: id(NEXT) });

    // W1's old address goes straight to the item's current home, not to the item that took its slug.
    await redirectsTo(
      `http://${W1}/print/thong-bao-lich-tiep-dan`,
      `http://${NEXT}/print/thong-bao-lich-tiep-dan-2`,
      'Thông báo lịch tiếp dân của phường Hợp Một',
    );
    await redirectsTo(
      `http://${TARGET}/print/thong-bao-lich-tiep-dan`,
      `http://${NEXT}/print/thong-bao-lich-tiep-dan`,
      'Thông báo lịch tiếp dân của phường Hợp Nhất',
    );
    await redirectsTo(
      `http://${TARGET}/print/lich-cong-tac-tuan-2`,
      `http://${NEXT}/print/lich-cong-tac-tuan-2`,
      'Lịch công tác tuần của phường Hợp Hai',
    );
    await redirectsTo(
      `http://${W2}/en/print/ward-two-news`,
      `http://${NEXT}/en/print/ward-two-news`,
      'Ward Hai opens',
    );
    // The development form of an old host keeps its form and port.
    const dev = await t.http({
      host: 'phuongmot.hochiminhcity.localhost:3000',
      path: '/print/thong-bao-lich-tiep-dan',
    });
    expect([dev.status, dev.headers.location]).toEqual([
      301,
      'http://phuongmoi.hochiminhcity.localhost:3000/print/thong-bao-lich-tiep-dan-2',
    ]);
    await checkOldUrls();

    expect(await revisionCounts()).toEqual(revisionsBefore);
    const auditAfter = await auditIds();
    expect(auditAfter.filter((a) => auditBefore.includes(a))).toEqual(auditBefore);
    expect(
      await q(`SELECT tenant_id, origin_tenant_id, role FROM tenant_hosts WHERE host = $1`, [W1]),
    ).toEqual([{ tenant_id: id(NEXT), origin_tenant_id: proposal.sources[0].id, role: 'REDIRECT' }]);
  });
});
