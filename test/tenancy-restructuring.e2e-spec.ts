import type { Client } from 'pg';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { Role, RoleScope } from '../libs/access/src';
import { openDatabase } from './support/fixtures';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const RESULT = `__typename
    ... on Portal { id label primaryHost status parentId depth }
    ... on InputError { errorCode field messageEn }`;
const MERGE = `mutation($input: MergeTenantsInput!) { mergeTenants(input: $input) { ${RESULT} } }`;
const MERGE_PREVIEW = `query($input: MergeInput!) {
  mergePreview(input: $input) {
    __typename
    ... on MergePreview {
      plan { categoryMapping { sourceCategoryId targetCategoryId } roleMapping { assignmentId action } }
    }
  }
}`;
const MOVE = `mutation($input: MoveTenantInput!) { moveTenant(input: $input) { ${RESULT} } }`;
const RETIRE = `mutation($input: RetireTenantInput!) { retireTenant(input: $input) { ${RESULT} } }`;
const PROVISION = `mutation($input: ProvisionTenantInput!) { provisionTenant(input: $input) { ${RESULT} } }`;
const PORTAL = '{ portal { id label primaryHost depth parentChain { id label } children { id label } } }';
const TENANT_BY_ID = 'query($id: String!) { tenant(id: $id) { id status primaryHost } }';

const AN_GIANG = `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Tỉnh An Giang
  host: angiang.gov.vn
  children:
    - kind: DISTRICT
      nameVi: Thành phố Long Xuyên
`;

type Outcome =
  | {
      __typename: 'Portal';
      id: string;
      label: string;
      primaryHost: string;
      status: string;
      parentId: string | null;
      depth: number;
    }
  | { __typename: 'InputError'; errorCode: string; field: string | null; messageEn: string };
type PortalView = {
  id: string;
  label: string;
  primaryHost: string;
  depth: number;
  parentChain: Array<{ id: string; label: string }>;
  children: Array<{ id: string; label: string }>;
};

describe('tenancy: restructuring (merge, move, retire) with redirects', () => {
  let t: TestApp;
  let pg: Client;
  let adminId: string;
  let adminToken: string;

  const id = (host: string) => t.tenant(host).id;

  /** Provisions a portal as the platform admin, addressed to the parent's host. */
  const make = async (
    parentHost: string,
    kind: string,
    nameVi: string,
    label: string,
    aliases?: string[],
  ) => {
    const res = await t.gql<{ provisionTenant: Outcome }>(
      parentHost,
      PROVISION,
      { input: { parentId: id(parentHost), kind, nameVi, label, aliases } },
      { token: adminToken },
    );
    const portal = res.body.data?.provisionTenant;
    if (!portal || portal.__typename !== 'Portal')
      throw new Error(`provision ${label}: ${JSON.stringify(res.body)}`);
    return portal;
  };

  /** A merge confirms the dry run's proposed plan (an empty one when the dry run is refused). */
  const withProposedPlan = async (input: Record<string, unknown>, host: string, token: string | null) => {
    if (input.plan) return input;
    const preview = await t.gql<{
      mergePreview: { __typename: string; plan?: { categoryMapping: unknown[]; roleMapping: unknown[] } };
    }>(host, MERGE_PREVIEW, { input: { sourceIds: input.sourceIds, targetId: input.targetId } }, { token });
    const plan = preview.body.data?.mergePreview?.plan ?? { categoryMapping: [], roleMapping: [] };
    return { ...input, plan };
  };

  const run = async (
    mutation: string,
    field: 'mergeTenants' | 'moveTenant' | 'retireTenant',
    input: Record<string, unknown>,
    host: string,
    token: string | null = adminToken,
  ) =>
    t.gql<Record<string, Outcome>>(
      host,
      mutation,
      { input: field === 'mergeTenants' ? await withProposedPlan(input, host, token) : input },
      { token },
    );

  const ok = async (
    mutation: string,
    field: 'mergeTenants' | 'moveTenant' | 'retireTenant',
    input: Record<string, unknown>,
    host: string,
    token: string | null = adminToken,
  ) => {
    const res = await run(mutation, field, input, host, token);
    expect(res.body.errors).toBeUndefined();
    const outcome = res.body.data![field];
    if (outcome.__typename !== 'Portal') throw new Error(`${field}: ${JSON.stringify(outcome)}`);
    return outcome;
  };

  const portalOn = async (host: string): Promise<PortalView> => {
    const res = await t.gql<{ portal: PortalView }>(host, PORTAL);
    expect(res.status).toBe(200);
    return res.body.data!.portal;
  };

  /** Asserts a GET (or POST) on `host` answers 301 with exactly `location`. */
  const expectRedirect = async (
    host: string,
    path: string,
    location: string,
    method: 'GET' | 'POST' = 'GET',
  ) => {
    const res = await t.http({
      host,
      path,
      method,
      ...(method === 'POST' ? { body: { query: PORTAL } } : {}),
    });
    expect({ host, status: res.status, location: res.headers.location }).toEqual({
      host,
      status: 301,
      location,
    });
    expect((res.body as { data?: unknown }).data).toBeUndefined();
    expect((res.body as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
      'PORTAL_MOVED',
    );
  };

  const statusOf = async (tenantId: string) =>
    (
      await pg.query<{ status: string; successor_id: string | null }>(
        'SELECT status, successor_id FROM tenants WHERE id = $1',
        [tenantId],
      )
    ).rows[0];

  /** Everything a restructuring writes: tenants, hosts, and how much audit there is. */
  const snapshot = async () => {
    const tenants = await pg.query(
      'SELECT id, parent_id, path::text AS path, label, status, primary_host::text AS primary_host, successor_id, updated_at FROM tenants ORDER BY id',
    );
    const hosts = await pg.query(
      'SELECT host::text AS host, tenant_id, role FROM tenant_hosts ORDER BY host',
    );
    const audit = await pg.query('SELECT count(*)::int AS n FROM audit_log');
    return { tenants: tenants.rows, hosts: hosts.rows, audit: audit.rows[0].n };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    await t.apply(AN_GIANG);
    pg = await openDatabase(t);
    adminId = await t.createAccount({
      username: 'restr-admin',
      homeHost: 'hochiminhcity.gov.vn',
      platformAdmin: true,
    });
    adminToken = (await t.login('restr-admin', 'hochiminhcity.gov.vn')).accessToken;
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  describe('merging wards', () => {
    it('merges two wards into a third: sources MERGED, their hosts 301 to the same path on the target', async () => {
      const a = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Hợp Một', 'hopmot', [
        'hopmot.tphcm.gov.vn',
      ]);
      const b = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Hợp Hai', 'hophai');
      const c = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Hợp Nhất', 'hopnhat');
      // The city's (cached) children list shows all three before the merge.
      expect((await portalOn('hochiminhcity.gov.vn')).children.map((x) => x.label)).toEqual(
        expect.arrayContaining(['hopmot', 'hophai', 'hopnhat']),
      );

      const target = await ok(
        MERGE,
        'mergeTenants',
        { sourceIds: [a.id, b.id], targetId: c.id },
        'hochiminhcity.gov.vn',
      );
      expect(target).toMatchObject({
        id: c.id,
        primaryHost: 'hopnhat.hochiminhcity.gov.vn',
        status: 'ACTIVE',
      });

      expect(await statusOf(a.id)).toEqual({ status: 'MERGED', successor_id: c.id });
      expect(await statusOf(b.id)).toEqual({ status: 'MERGED', successor_id: c.id });
      const viaQuery = await t.gql<{ tenant: { status: string } }>('hochiminhcity.gov.vn', TENANT_BY_ID, {
        id: a.id,
      });
      expect(viaQuery.body.data!.tenant.status).toBe('MERGED');

      await expectRedirect(
        'hopmot.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://hopnhat.hochiminhcity.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'hophai.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://hopnhat.hochiminhcity.gov.vn/graphql?x=1',
        'POST',
      );
      await expectRedirect(
        'HOPMOT.HoChiMinhCity.gov.vn',
        '/en/tin-tuc?page=2',
        'http://hopnhat.hochiminhcity.gov.vn/en/tin-tuc?page=2',
      );
      await expectRedirect(
        'hopmot.tphcm.gov.vn',
        '/graphql?x=1',
        'http://hopnhat.hochiminhcity.gov.vn/graphql?x=1',
      );
      // The development form keeps its form and its port.
      await expectRedirect(
        'hopmot.hochiminhcity.localhost:3000',
        '/graphql?x=1',
        'http://hopnhat.hochiminhcity.localhost:3000/graphql?x=1',
      );
      await expectRedirect(
        'hophai.hochiminhcity.localhost',
        '/graphql',
        'http://hopnhat.hochiminhcity.localhost/graphql',
      );

      expect((await portalOn('hopnhat.hochiminhcity.gov.vn')).id).toBe(c.id);
      const cityChildren = (await portalOn('hochiminhcity.gov.vn')).children.map((x) => x.label);
      expect(cityChildren).toContain('hopnhat');
      expect(cityChildren).not.toContain('hopmot');
      expect(cityChildren).not.toContain('hophai');

      const { rows: hosts } = await pg.query(
        `SELECT host::text AS host, tenant_id, role FROM tenant_hosts WHERE host IN ('hopmot.hochiminhcity.gov.vn', 'hopmot.tphcm.gov.vn', 'hophai.hochiminhcity.gov.vn') ORDER BY host`,
      );
      expect(hosts).toEqual([
        { host: 'hophai.hochiminhcity.gov.vn', tenant_id: c.id, role: 'REDIRECT' },
        { host: 'hopmot.hochiminhcity.gov.vn', tenant_id: c.id, role: 'REDIRECT' },
        { host: 'hopmot.tphcm.gov.vn', tenant_id: c.id, role: 'REDIRECT' },
      ]);

      const { rows: audit } = await pg.query(
        `SELECT tenant_id, action, actor_account_id, after FROM audit_log WHERE action IN ('tenant.merged', 'tenant.merge_target') AND tenant_id = ANY($1) ORDER BY action, tenant_id`,
        [[a.id, b.id, c.id]],
      );
      expect(audit.map((r) => [r.action, r.tenant_id]).sort()).toEqual(
        [
          ['tenant.merge_target', c.id],
          ['tenant.merged', a.id],
          ['tenant.merged', b.id],
        ].sort(),
      );
      expect(audit.every((r) => r.actor_account_id === adminId)).toBe(true);
      expect(audit.find((r) => r.action === 'tenant.merged' && r.tenant_id === a.id)!.after).toMatchObject({
        status: 'MERGED',
        successorId: c.id,
      });
      expect(audit.find((r) => r.action === 'tenant.merge_target')!.after.mergedFrom.sort()).toEqual(
        [a.id, b.id].sort(),
      );
    });

    it('merges wards of a three-tier district into a ward of another district', async () => {
      const source = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Vĩnh Hiệp', 'vinhhiep');
      const target = await make('chauthanh.kiengiang.gov.vn', 'COMMUNE', 'Xã Bình An', 'binhan');
      await ok(MERGE, 'mergeTenants', { sourceIds: [source.id], targetId: target.id }, 'kiengiang.gov.vn');
      await expectRedirect(
        'vinhhiep.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://binhan.chauthanh.kiengiang.gov.vn/graphql?x=1',
      );
      expect((await portalOn('rachgia.kiengiang.gov.vn')).children.map((x) => x.label)).not.toContain(
        'vinhhiep',
      );
    });
  });

  describe('chained restructurings', () => {
    it('merge A into B, then B into C: A’s old host redirects straight to C', async () => {
      const a = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Chuỗi A', 'chuoia');
      const b = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Chuỗi B', 'chuoib');
      const c = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Chuỗi C', 'chuoic');
      await ok(MERGE, 'mergeTenants', { sourceIds: [a.id], targetId: b.id }, 'hochiminhcity.gov.vn');
      await expectRedirect(
        'chuoia.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://chuoib.hochiminhcity.gov.vn/graphql?x=1',
      );
      await ok(MERGE, 'mergeTenants', { sourceIds: [b.id], targetId: c.id }, 'hochiminhcity.gov.vn');
      await expectRedirect(
        'chuoia.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://chuoic.hochiminhcity.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'chuoib.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://chuoic.hochiminhcity.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'chuoia.hochiminhcity.localhost:3000',
        '/',
        'http://chuoic.hochiminhcity.localhost:3000/',
      );
      expect(await statusOf(a.id)).toEqual({ status: 'MERGED', successor_id: b.id });
      expect(await statusOf(b.id)).toEqual({ status: 'MERGED', successor_id: c.id });
    });

    it('merge A into B, then retire B: A’s old host redirects to B’s successor', async () => {
      const a = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Tiếp A', 'tiepa');
      const b = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Tiếp B', 'tiepb');
      await ok(MERGE, 'mergeTenants', { sourceIds: [a.id], targetId: b.id }, 'hochiminhcity.gov.vn');
      await ok(RETIRE, 'retireTenant', { tenantId: b.id }, 'hochiminhcity.gov.vn');
      await expectRedirect(
        'tiepa.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://hochiminhcity.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'tiepb.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://hochiminhcity.gov.vn/graphql?x=1',
      );
    });

    it('merge A into B, then move B: A’s old host follows B to its new host', async () => {
      const a = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Theo A', 'theoa');
      const b = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Theo B', 'theob');
      await ok(MERGE, 'mergeTenants', { sourceIds: [a.id], targetId: b.id }, 'kiengiang.gov.vn');
      await ok(
        MOVE,
        'moveTenant',
        { tenantId: b.id, newParentId: id('kiengiang.gov.vn') },
        'kiengiang.gov.vn',
      );
      await expectRedirect(
        'theoa.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://theob.kiengiang.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'theob.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://theob.kiengiang.gov.vn/graphql?x=1',
      );
    });
  });

  describe('moving portals', () => {
    it('two-tier reform: a ward (with a site below it) moves from its district to directly under the province', async () => {
      const province = t.tenant('kiengiang.gov.vn');
      const district = t.tenant('rachgia.kiengiang.gov.vn');
      const ward = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Vĩnh Bảo', 'vinhbao');
      const site = await make('vinhbao.rachgia.kiengiang.gov.vn', 'THEMATIC', 'Chợ đêm Vĩnh Bảo', 'chodem');
      const before = await portalOn('vinhbao.rachgia.kiengiang.gov.vn');
      expect(before.parentChain.map((p) => p.label)).toEqual(['kiengiang', 'rachgia']);

      const moved = await ok(
        MOVE,
        'moveTenant',
        { tenantId: ward.id, newParentId: province.id },
        'kiengiang.gov.vn',
      );
      expect(moved).toMatchObject({
        id: ward.id,
        primaryHost: 'vinhbao.kiengiang.gov.vn',
        parentId: province.id,
        depth: 1,
      });

      const after = await portalOn('vinhbao.kiengiang.gov.vn');
      expect(after.id).toBe(ward.id);
      expect(after.parentChain.map((p) => p.id)).toEqual([province.id]);
      expect(after.children.map((x) => x.id)).toEqual([site.id]);
      const siteAfter = await portalOn('chodem.vinhbao.kiengiang.gov.vn');
      expect(siteAfter.id).toBe(site.id);
      expect(siteAfter.parentChain.map((p) => p.label)).toEqual(['kiengiang', 'vinhbao']);

      await expectRedirect(
        'vinhbao.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://vinhbao.kiengiang.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'chodem.vinhbao.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://chodem.vinhbao.kiengiang.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'vinhbao.rachgia.kiengiang.localhost:3000',
        '/graphql?x=1',
        'http://vinhbao.kiengiang.localhost:3000/graphql?x=1',
      );

      expect((await portalOn('rachgia.kiengiang.gov.vn')).children.map((x) => x.id)).not.toContain(ward.id);
      expect((await portalOn('kiengiang.gov.vn')).children.map((x) => x.id)).toContain(ward.id);

      const { rows } = await pg.query<{ id: string; path: string; parent_id: string }>(
        'SELECT id, path::text AS path, parent_id FROM tenants WHERE id = ANY($1)',
        [[ward.id, site.id]],
      );
      const wardRow = rows.find((r) => r.id === ward.id)!;
      const siteRow = rows.find((r) => r.id === site.id)!;
      expect(wardRow.parent_id).toBe(province.id);
      expect(wardRow.path.split('.').slice(0, -1).join('.')).toBe(province.path);
      expect(siteRow.path.startsWith(`${wardRow.path}.`)).toBe(true);
      expect(wardRow.path.startsWith(district.path)).toBe(false);

      const { rows: audit } = await pg.query(
        `SELECT tenant_id, action, before, after FROM audit_log WHERE tenant_id = ANY($1) AND action LIKE 'tenant.moved%'`,
        [[ward.id, site.id]],
      );
      expect(audit.map((r) => [r.tenant_id, r.action]).sort()).toEqual(
        [
          [ward.id, 'tenant.moved'],
          [site.id, 'tenant.moved_with_parent'],
        ].sort(),
      );
      const wardAudit = audit.find((r) => r.action === 'tenant.moved')!;
      expect(wardAudit.before).toMatchObject({
        parentId: district.id,
        primaryHost: 'vinhbao.rachgia.kiengiang.gov.vn',
      });
      expect(wardAudit.after).toMatchObject({
        parentId: province.id,
        primaryHost: 'vinhbao.kiengiang.gov.vn',
      });
    });

    it('moves a ward under a new label', async () => {
      const ward = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Rạch Sỏi', 'rachsoi');
      const moved = await ok(
        MOVE,
        'moveTenant',
        { tenantId: ward.id, newParentId: id('kiengiang.gov.vn'), newLabel: 'rachsoi-rg' },
        'kiengiang.gov.vn',
      );
      expect(moved).toMatchObject({ label: 'rachsoi-rg', primaryHost: 'rachsoi-rg.kiengiang.gov.vn' });
      await expectRedirect(
        'rachsoi.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://rachsoi-rg.kiengiang.gov.vn/graphql?x=1',
      );
      expect((await t.gql('rachsoi.kiengiang.gov.vn', PORTAL)).status).toBe(404);
    });

    it('moves a ward and its site from one district to another over GraphQL', async () => {
      const ward = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Vĩnh Lợi', 'vinhloi');
      const site = await make('vinhloi.rachgia.kiengiang.gov.vn', 'THEMATIC', 'Du lịch Vĩnh Lợi', 'dulich');
      await ok(
        MOVE,
        'moveTenant',
        { tenantId: ward.id, newParentId: id('chauthanh.kiengiang.gov.vn') },
        'kiengiang.gov.vn',
      );
      expect((await portalOn('vinhloi.chauthanh.kiengiang.gov.vn')).parentChain.map((p) => p.label)).toEqual([
        'kiengiang',
        'chauthanh',
      ]);
      expect((await portalOn('dulich.vinhloi.chauthanh.kiengiang.gov.vn')).id).toBe(site.id);
      await expectRedirect(
        'dulich.vinhloi.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://dulich.vinhloi.chauthanh.kiengiang.gov.vn/graphql?x=1',
      );
    });

    it('moves a district with its wards to another province: every descendant host is recomputed and the old ones redirect', async () => {
      const district = await make('kiengiang.gov.vn', 'DISTRICT', 'Huyện Giồng Riềng', 'giongrieng');
      const commune = await make('giongrieng.kiengiang.gov.vn', 'COMMUNE', 'Xã Thạnh Hòa', 'thanhhoa');
      const township = await make(
        'giongrieng.kiengiang.gov.vn',
        'TOWNSHIP',
        'Thị trấn Giồng Riềng',
        'giongrieng',
      );
      const site = await make(
        'thanhhoa.giongrieng.kiengiang.gov.vn',
        'THEMATIC',
        'Nông thôn mới',
        'nongthonmoi',
      );
      const angiang = t.tenant('angiang.gov.vn');

      // Across provinces no portal host covers both trees, so this is the CLI's (system) path.
      const result = await t.app
        .get(RestructuringService)
        .move(systemContext('cli'), district.id, angiang.id);
      expect(result.ok).toBe(true);

      const expected: Array<[string, string, string]> = [
        [district.id, 'giongrieng.kiengiang.gov.vn', 'giongrieng.angiang.gov.vn'],
        [commune.id, 'thanhhoa.giongrieng.kiengiang.gov.vn', 'thanhhoa.giongrieng.angiang.gov.vn'],
        [township.id, 'giongrieng.giongrieng.kiengiang.gov.vn', 'giongrieng.giongrieng.angiang.gov.vn'],
        [
          site.id,
          'nongthonmoi.thanhhoa.giongrieng.kiengiang.gov.vn',
          'nongthonmoi.thanhhoa.giongrieng.angiang.gov.vn',
        ],
      ];
      for (const [tenantId, oldHost, newHost] of expected) {
        expect(t.tenant(newHost).id).toBe(tenantId);
        expect((await portalOn(newHost)).id).toBe(tenantId);
        await expectRedirect(oldHost, '/graphql?x=1', `http://${newHost}/graphql?x=1`);
      }
      await expectRedirect(
        'nongthonmoi.thanhhoa.giongrieng.kiengiang.localhost:3000',
        '/',
        'http://nongthonmoi.thanhhoa.giongrieng.angiang.localhost:3000/',
      );

      const { rows } = await pg.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM tenants WHERE id = ANY($1) AND path <@ $2::ltree',
        [expected.map((e) => e[0]), angiang.path],
      );
      expect(rows[0].n).toBe(4);
      expect((await portalOn('thanhhoa.giongrieng.angiang.gov.vn')).parentChain.map((p) => p.label)).toEqual([
        'angiang',
        'giongrieng',
      ]);
      expect((await portalOn('kiengiang.gov.vn')).children.map((x) => x.id)).not.toContain(district.id);
      expect((await portalOn('angiang.gov.vn')).children.map((x) => x.id)).toContain(district.id);
      const { rows: audit } = await pg.query(
        `SELECT action, actor_label FROM audit_log WHERE tenant_id = ANY($1) AND action LIKE 'tenant.moved%' ORDER BY action`,
        [expected.map((e) => e[0])],
      );
      expect(audit.map((r) => r.action)).toEqual([
        'tenant.moved',
        'tenant.moved_with_parent',
        'tenant.moved_with_parent',
        'tenant.moved_with_parent',
      ]);
      expect(audit.every((r) => r.actor_label === 'system:cli')).toBe(true);
    });

    it('moving back reclaims the old host; the intermediate host then redirects', async () => {
      const ward = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Qua Lại', 'qualai');
      await ok(
        MOVE,
        'moveTenant',
        { tenantId: ward.id, newParentId: id('kiengiang.gov.vn') },
        'kiengiang.gov.vn',
      );
      await expectRedirect(
        'qualai.rachgia.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://qualai.kiengiang.gov.vn/graphql?x=1',
      );
      const back = await ok(
        MOVE,
        'moveTenant',
        { tenantId: ward.id, newParentId: id('rachgia.kiengiang.gov.vn') },
        'kiengiang.gov.vn',
      );
      expect(back.primaryHost).toBe('qualai.rachgia.kiengiang.gov.vn');
      expect((await portalOn('qualai.rachgia.kiengiang.gov.vn')).id).toBe(ward.id);
      await expectRedirect(
        'qualai.kiengiang.gov.vn',
        '/graphql?x=1',
        'http://qualai.rachgia.kiengiang.gov.vn/graphql?x=1',
      );
      const { rows } = await pg.query(
        `SELECT host::text AS host, role FROM tenant_hosts WHERE tenant_id = $1 ORDER BY host`,
        [ward.id],
      );
      expect(rows).toEqual([
        { host: 'qualai.kiengiang.gov.vn', role: 'REDIRECT' },
        { host: 'qualai.rachgia.kiengiang.gov.vn', role: 'PRIMARY' },
      ]);
    });
  });

  describe('retiring portals', () => {
    it('retires a ward: its host redirects to the parent', async () => {
      const city = t.tenant('hochiminhcity.gov.vn');
      const ward = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Giải Thể', 'giaithe');
      const successor = await ok(RETIRE, 'retireTenant', { tenantId: ward.id }, 'hochiminhcity.gov.vn');
      expect(successor).toMatchObject({ id: city.id, primaryHost: 'hochiminhcity.gov.vn' });
      expect(await statusOf(ward.id)).toEqual({ status: 'RETIRED', successor_id: city.id });
      await expectRedirect(
        'giaithe.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://hochiminhcity.gov.vn/graphql?x=1',
      );
      await expectRedirect(
        'giaithe.hochiminhcity.localhost:3000',
        '/graphql?x=1',
        'http://hochiminhcity.localhost:3000/graphql?x=1',
      );
      expect((await portalOn('hochiminhcity.gov.vn')).children.map((x) => x.id)).not.toContain(ward.id);
      const { rows } = await pg.query(
        `SELECT actor_account_id, after FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.retired'`,
        [ward.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_account_id: adminId,
        after: { status: 'RETIRED', successorId: city.id },
      });
    });

    it('retires a ward into a named successor', async () => {
      const ward = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Nghỉ', 'nghi');
      const heir = await make('hochiminhcity.gov.vn', 'WARD', 'Phường Kế Thừa', 'kethua');
      const successor = await ok(
        RETIRE,
        'retireTenant',
        { tenantId: ward.id, successorId: heir.id },
        'hochiminhcity.gov.vn',
      );
      expect(successor.id).toBe(heir.id);
      await expectRedirect(
        'nghi.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://kethua.hochiminhcity.gov.vn/graphql?x=1',
      );
    });
  });

  describe('restructuring refuses bad input with a typed error and changes nothing', () => {
    type Mut = 'mergeTenants' | 'moveTenant' | 'retireTenant';
    const MUTATIONS: Record<Mut, string> = { mergeTenants: MERGE, moveTenant: MOVE, retireTenant: RETIRE };
    const UNKNOWN = '00000000-0000-4000-8000-000000000000';

    const refusedWith = async (
      field: Mut,
      input: Record<string, unknown>,
      errorCode: string,
      errorField: string,
      host = 'kiengiang.gov.vn',
    ) => {
      const before = await snapshot();
      const res = await run(MUTATIONS[field], field, input, host);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data![field]).toMatchObject({ __typename: 'InputError', errorCode, field: errorField });
      expect(await snapshot()).toEqual(before);
    };

    it('merging a portal into itself', async () => {
      const ward = id('phuong1.rachgia.kiengiang.gov.vn');
      await refusedWith(
        'mergeTenants',
        { sourceIds: [ward], targetId: ward },
        'MERGE_INTO_ITSELF',
        'sourceIds.0',
      );
      await refusedWith(
        'mergeTenants',
        { sourceIds: [id('vinhthanhvan.rachgia.kiengiang.gov.vn'), ward], targetId: ward },
        'MERGE_INTO_ITSELF',
        'sourceIds.1',
      );
    });

    it('merging a source that still has live children (HAS_CHILDREN)', async () => {
      await refusedWith(
        'mergeTenants',
        { sourceIds: [id('rachgia.kiengiang.gov.vn')], targetId: id('chauthanh.kiengiang.gov.vn') },
        'HAS_CHILDREN',
        'sourceIds.0',
      );
      // A valid first source does not get merged when the second one fails.
      await refusedWith(
        'mergeTenants',
        {
          sourceIds: [id('phuong1.rachgia.kiengiang.gov.vn'), id('rachgia.kiengiang.gov.vn')],
          targetId: id('chauthanh.kiengiang.gov.vn'),
        },
        'HAS_CHILDREN',
        'sourceIds.1',
      );
      expect((await statusOf(id('phuong1.rachgia.kiengiang.gov.vn'))).status).toBe('ACTIVE');
    });

    it('merging a portal into its own descendant', async () => {
      await refusedWith(
        'mergeTenants',
        { sourceIds: [id('rachgia.kiengiang.gov.vn')], targetId: id('phuong1.rachgia.kiengiang.gov.vn') },
        'MERGE_INTO_DESCENDANT',
        'sourceIds.0',
      );
    });

    it('merging with no source, an unknown source or an unknown target', async () => {
      await refusedWith(
        'mergeTenants',
        { sourceIds: [], targetId: id('phuong1.rachgia.kiengiang.gov.vn') },
        'REQUIRED',
        'sourceIds',
      );
      await refusedWith(
        'mergeTenants',
        { sourceIds: [id('phuong1.rachgia.kiengiang.gov.vn')], targetId: UNKNOWN },
        'TENANT_NOT_FOUND',
        'targetId',
      );
      await refusedWith(
        'mergeTenants',
        {
          sourceIds: [id('phuong1.rachgia.kiengiang.gov.vn'), UNKNOWN],
          targetId: id('vinhthanhvan.rachgia.kiengiang.gov.vn'),
        },
        'TENANT_NOT_FOUND',
        'sourceIds.1',
      );
      await refusedWith(
        'mergeTenants',
        { sourceIds: ['phuong1'], targetId: id('vinhthanhvan.rachgia.kiengiang.gov.vn') },
        'TENANT_NOT_FOUND',
        'sourceIds.0',
      );
    });

    it('merging a portal that was already merged', async () => {
      const gone = await make('chauthanh.kiengiang.gov.vn', 'COMMUNE', 'Xã Đã Nhập', 'danhap');
      const into = await make('chauthanh.kiengiang.gov.vn', 'COMMUNE', 'Xã Nhận Nhập', 'nhannhap');
      await ok(MERGE, 'mergeTenants', { sourceIds: [gone.id], targetId: into.id }, 'kiengiang.gov.vn');
      await refusedWith(
        'mergeTenants',
        { sourceIds: [gone.id], targetId: id('minhluong.chauthanh.kiengiang.gov.vn') },
        'TENANT_NOT_ACTIVE',
        'sourceIds.0',
      );
      await refusedWith(
        'mergeTenants',
        { sourceIds: [id('minhluong.chauthanh.kiengiang.gov.vn')], targetId: gone.id },
        'TENANT_NOT_ACTIVE',
        'targetId',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: gone.id, newParentId: id('kiengiang.gov.vn') },
        'TENANT_NOT_ACTIVE',
        'tenantId',
      );
    });

    it('moving a portal under itself or its own descendant (MOVE_INTO_OWN_SUBTREE)', async () => {
      await refusedWith(
        'moveTenant',
        {
          tenantId: id('rachgia.kiengiang.gov.vn'),
          newParentId: id('vinhthanhvan.rachgia.kiengiang.gov.vn'),
        },
        'MOVE_INTO_OWN_SUBTREE',
        'newParentId',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: id('rachgia.kiengiang.gov.vn'), newParentId: id('rachgia.kiengiang.gov.vn') },
        'MOVE_INTO_OWN_SUBTREE',
        'newParentId',
      );
    });

    it('moving a portal under a parent of a kind that may not hold it', async () => {
      await refusedWith(
        'moveTenant',
        { tenantId: id('rachgia.kiengiang.gov.vn'), newParentId: id('chauthanh.kiengiang.gov.vn') },
        'KIND_NOT_ALLOWED',
        'newParentId',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: id('saigon.hochiminhcity.gov.vn'), newParentId: id('stp.hochiminhcity.gov.vn') },
        'KIND_NOT_ALLOWED',
        'newParentId',
        'hochiminhcity.gov.vn',
      );
      await refusedWith(
        'moveTenant',
        {
          tenantId: id('phuong1.rachgia.kiengiang.gov.vn'),
          newParentId: id('vinhthanhvan.rachgia.kiengiang.gov.vn'),
        },
        'KIND_NOT_ALLOWED',
        'newParentId',
      );
    });

    it('moving a portal where its label is already taken (LABEL_TAKEN), or under an invalid new label', async () => {
      const ward = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Trùng', 'trung');
      await make('kiengiang.gov.vn', 'DEPARTMENT', 'Sở Trùng', 'trung');
      await refusedWith(
        'moveTenant',
        { tenantId: ward.id, newParentId: id('kiengiang.gov.vn') },
        'LABEL_TAKEN',
        'tenantId',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: ward.id, newParentId: id('kiengiang.gov.vn'), newLabel: 'rachgia' },
        'LABEL_TAKEN',
        'newLabel',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: ward.id, newParentId: id('kiengiang.gov.vn'), newLabel: 'Bad_Label' },
        'INVALID_LABEL',
        'newLabel',
      );
      expect((await portalOn('trung.rachgia.kiengiang.gov.vn')).id).toBe(ward.id);
    });

    it('moving a portal to where its new host is another portal alias (HOST_TAKEN)', async () => {
      await make('hochiminhcity.gov.vn', 'THEMATIC', 'Trang Va Chạm', 'vacham', ['vacham.kiengiang.gov.vn']);
      const ward = await make('rachgia.kiengiang.gov.vn', 'WARD', 'Phường Va Chạm', 'vacham');
      await refusedWith(
        'moveTenant',
        { tenantId: ward.id, newParentId: id('kiengiang.gov.vn') },
        'HOST_TAKEN',
        'newParentId',
      );
    });

    it('moving a root, or unknown ids', async () => {
      await refusedWith(
        'moveTenant',
        { tenantId: id('kiengiang.gov.vn'), newParentId: id('rachgia.kiengiang.gov.vn') },
        'CANNOT_MOVE_ROOT',
        'tenantId',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: UNKNOWN, newParentId: id('kiengiang.gov.vn') },
        'TENANT_NOT_FOUND',
        'tenantId',
      );
      await refusedWith(
        'moveTenant',
        { tenantId: id('phuong1.rachgia.kiengiang.gov.vn'), newParentId: UNKNOWN },
        'TENANT_NOT_FOUND',
        'newParentId',
      );
    });

    it('retiring a portal with live children, into itself, into an unknown successor, or a root without successor', async () => {
      await refusedWith(
        'retireTenant',
        { tenantId: id('rachgia.kiengiang.gov.vn') },
        'HAS_CHILDREN',
        'tenantId',
      );
      await refusedWith(
        'retireTenant',
        {
          tenantId: id('phuong1.rachgia.kiengiang.gov.vn'),
          successorId: id('phuong1.rachgia.kiengiang.gov.vn'),
        },
        'MERGE_INTO_ITSELF',
        'successorId',
      );
      await refusedWith(
        'retireTenant',
        { tenantId: id('phuong1.rachgia.kiengiang.gov.vn'), successorId: UNKNOWN },
        'TENANT_NOT_FOUND',
        'successorId',
      );
      await refusedWith('retireTenant', { tenantId: UNKNOWN }, 'TENANT_NOT_FOUND', 'tenantId');
      await refusedWith(
        'retireTenant',
        { tenantId: id('kiengiang.gov.vn') },
        'SUCCESSOR_REQUIRED',
        'successorId',
      );
    });
  });

  describe('restructuring permissions', () => {
    let wardOperatorToken: string;
    let cityOperatorToken: string;
    let boardHeadToken: string;
    let cityOperatorId: string;

    beforeAll(async () => {
      await make('hochiminhcity.gov.vn', 'WARD', 'Phường Tự Quản', 'tuquan');
      wardOperatorToken = await t.asUser(
        'restr-ward-op',
        Role.OPERATOR,
        'tuquan.hochiminhcity.gov.vn',
        RoleScope.TENANT,
      );
      cityOperatorToken = await t.asUser(
        'restr-city-op',
        Role.OPERATOR,
        'hochiminhcity.gov.vn',
        RoleScope.SUBTREE,
      );
      boardHeadToken = await t.asUser(
        'restr-board-head',
        Role.BOARD_HEAD,
        'hochiminhcity.gov.vn',
        RoleScope.SUBTREE,
      );
      cityOperatorId = (
        await pg.query<{ id: string }>(`SELECT id FROM accounts WHERE username = 'restr-city-op'`)
      ).rows[0].id;
    });

    const refused = async (
      mutation: string,
      field: 'mergeTenants' | 'moveTenant' | 'retireTenant',
      input: Record<string, unknown>,
      host: string,
      token: string | null,
      code = 'FORBIDDEN',
    ) => {
      const before = await snapshot();
      const res = await run(mutation, field, input, host, token);
      expect(res.body.data?.[field] ?? null).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(await snapshot()).toEqual(before);
    };

    it('refuses an anonymous caller', async () => {
      await refused(
        RETIRE,
        'retireTenant',
        { tenantId: id('tuquan.hochiminhcity.gov.vn') },
        'hochiminhcity.gov.vn',
        null,
        'UNAUTHENTICATED',
      );
    });

    it('refuses a ward operator on its own ward', async () => {
      const ward = id('tuquan.hochiminhcity.gov.vn');
      await refused(
        RETIRE,
        'retireTenant',
        { tenantId: ward },
        'tuquan.hochiminhcity.gov.vn',
        wardOperatorToken,
      );
      await refused(
        MOVE,
        'moveTenant',
        { tenantId: ward, newParentId: id('hochiminhcity.gov.vn') },
        'tuquan.hochiminhcity.gov.vn',
        wardOperatorToken,
      );
      await refused(
        MERGE,
        'mergeTenants',
        { sourceIds: [id('tandinh.hochiminhcity.gov.vn')], targetId: ward },
        'hochiminhcity.gov.vn',
        wardOperatorToken,
      );
    });

    it('refuses a board head, even with subtree scope', async () => {
      await refused(
        RETIRE,
        'retireTenant',
        { tenantId: id('tuquan.hochiminhcity.gov.vn') },
        'hochiminhcity.gov.vn',
        boardHeadToken,
      );
    });

    it('refuses the city subtree operator on Kiên Giang portals, on either host', async () => {
      const kg = (host: string) => id(host);
      for (const host of ['hochiminhcity.gov.vn', 'kiengiang.gov.vn']) {
        await refused(
          MERGE,
          'mergeTenants',
          {
            sourceIds: [kg('phuong1.rachgia.kiengiang.gov.vn')],
            targetId: kg('vinhthanhvan.rachgia.kiengiang.gov.vn'),
          },
          host,
          cityOperatorToken,
        );
        await refused(
          MOVE,
          'moveTenant',
          { tenantId: kg('phuong1.rachgia.kiengiang.gov.vn'), newParentId: kg('kiengiang.gov.vn') },
          host,
          cityOperatorToken,
        );
        await refused(
          RETIRE,
          'retireTenant',
          { tenantId: kg('minhluong.chauthanh.kiengiang.gov.vn') },
          host,
          cityOperatorToken,
        );
      }
      // Nor may it pull a Kiên Giang ward into the city, or push a city ward out to Kiên Giang.
      await refused(
        MOVE,
        'moveTenant',
        { tenantId: kg('phuong1.rachgia.kiengiang.gov.vn'), newParentId: id('hochiminhcity.gov.vn') },
        'hochiminhcity.gov.vn',
        cityOperatorToken,
      );
      await refused(
        MOVE,
        'moveTenant',
        { tenantId: id('tuquan.hochiminhcity.gov.vn'), newParentId: kg('rachgia.kiengiang.gov.vn') },
        'hochiminhcity.gov.vn',
        cityOperatorToken,
      );
      await refused(
        MERGE,
        'mergeTenants',
        { sourceIds: [id('tuquan.hochiminhcity.gov.vn')], targetId: kg('phuong1.rachgia.kiengiang.gov.vn') },
        'hochiminhcity.gov.vn',
        cityOperatorToken,
      );
    });

    it('refuses the city subtree operator outside the subtree of the host it addressed', async () => {
      await refused(
        RETIRE,
        'retireTenant',
        { tenantId: id('tuquan.hochiminhcity.gov.vn') },
        'tandinh.hochiminhcity.gov.vn',
        cityOperatorToken,
      );
    });

    it('lets the city subtree operator restructure within the city (and audits it as that operator)', async () => {
      const ward = id('tuquan.hochiminhcity.gov.vn');
      const successor = await ok(
        RETIRE,
        'retireTenant',
        { tenantId: ward },
        'hochiminhcity.gov.vn',
        cityOperatorToken,
      );
      expect(successor.id).toBe(id('hochiminhcity.gov.vn'));
      await expectRedirect(
        'tuquan.hochiminhcity.gov.vn',
        '/graphql?x=1',
        'http://hochiminhcity.gov.vn/graphql?x=1',
      );
      const { rows } = await pg.query(
        `SELECT actor_account_id FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.retired'`,
        [ward],
      );
      expect(rows).toEqual([{ actor_account_id: cityOperatorId }]);
    });
  });
});
