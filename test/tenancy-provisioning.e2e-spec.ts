import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { systemContext } from '../libs/platform/src';
import {
  HostRoutingService,
  ManifestApplyService,
  TenantManifestNode,
  parseTenantManifest,
} from '../libs/tenancy/src';
import { Role, RoleScope } from '../libs/access/src';
import { startSeededApp } from './support/fixtures';
import { SMALL_TREES, TestApp } from './support/test-app';

const PROVISION = `mutation($input: ProvisionTenantInput!) {
  provisionTenant(input: $input) {
    __typename
    ... on Portal { id kind nameVi nameEn label primaryHost unitCode parentId depth status }
    ... on InputError { errorCode field message messageVi messageEn }
  }
}`;

const PORTAL = '{ portal { id nameVi nameEn label primaryHost parentId children { id label } } }';

type ProvisionResult =
  | {
      __typename: 'Portal';
      id: string;
      kind: string;
      nameVi: string;
      nameEn: string | null;
      label: string;
      primaryHost: string;
      unitCode: string | null;
      parentId: string;
      depth: number;
      status: string;
    }
  | {
      __typename: 'InputError';
      errorCode: string;
      field: string | null;
      message: string;
      messageVi: string;
      messageEn: string;
    };

const COUNTED_TABLES = ['tenants', 'tenant_hosts', 'categories', 'menu_items', 'audit_log'] as const;

function countNodes(node: TenantManifestNode): number {
  return 1 + (node.children ?? []).reduce((n, child) => n + countNodes(child), 0);
}

describe('tenancy: provisioning portals and applying trees', () => {
  let t: TestApp;
  let pg: Client;
  let adminId: string;
  let adminToken: string;
  let cityOperatorToken: string;
  let cityOperatorId: string;

  const counts = async (): Promise<Record<string, number>> => {
    const { rows } = await pg.query<Record<string, string>>(
      `SELECT ${COUNTED_TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`,
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  };

  const provision = async (
    input: Record<string, unknown>,
    token: string | null = adminToken,
    host = 'hochiminhcity.gov.vn',
  ) => {
    const res = await t.gql<{ provisionTenant: ProvisionResult }>(host, PROVISION, { input }, { token });
    return res;
  };

  const provisioned = async (
    input: Record<string, unknown>,
    token: string | null = adminToken,
    host = 'hochiminhcity.gov.vn',
  ) => {
    const res = await provision(input, token, host);
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.provisionTenant;
    if (result.__typename !== 'Portal') throw new Error(`expected a Portal, got ${JSON.stringify(result)}`);
    return result;
  };

  const id = (host: string) => t.tenant(host).id;

  beforeAll(async () => {
    ({ t, db: pg } = await startSeededApp());
    adminId = await t.createAccount({
      username: 'prov-admin',
      homeHost: 'hochiminhcity.gov.vn',
      platformAdmin: true,
    });
    adminToken = (await t.login('prov-admin', 'hochiminhcity.gov.vn')).accessToken;
    cityOperatorToken = await t.asUser(
      'prov-city-op',
      Role.OPERATOR,
      'hochiminhcity.gov.vn',
      RoleScope.SUBTREE,
    );
    cityOperatorId = (
      await pg.query<{ id: string }>(`SELECT id FROM accounts WHERE username = 'prov-city-op'`)
    ).rows[0].id;
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  describe('provisionTenant succeeds', () => {
    it('creates a ward under the city with the proposed label, its host, its template and an audit row', async () => {
      const city = t.tenant('hochiminhcity.gov.vn');
      const before = await counts();
      const portal = await provisioned({
        parentId: city.id,
        kind: 'WARD',
        nameVi: 'Phường Đa Kao',
        nameEn: 'Da Kao Ward',
        unitCode: '26734',
      });
      expect(portal).toMatchObject({
        kind: 'WARD',
        nameVi: 'Phường Đa Kao',
        nameEn: 'Da Kao Ward',
        label: 'dakao',
        primaryHost: 'dakao.hochiminhcity.gov.vn',
        unitCode: '26734',
        parentId: city.id,
        depth: 1,
        status: 'ACTIVE',
      });

      // The new host answers at once, as does its development form.
      const res = await t.gql<{ portal: { id: string; nameVi: string; parentId: string } }>(
        'dakao.hochiminhcity.gov.vn',
        PORTAL,
      );
      expect(res.status).toBe(200);
      expect(res.body.data!.portal).toMatchObject({
        id: portal.id,
        nameVi: 'Phường Đa Kao',
        parentId: city.id,
      });
      expect(
        (await t.gql<{ portal: { id: string } }>('dakao.hochiminhcity.localhost:3000', PORTAL)).body.data!
          .portal.id,
      ).toBe(portal.id);

      // Rows: the tenant, its primary host, the commune template's 16 categories and 10 menu items.
      const { rows: tenantRows } = await pg.query(
        `SELECT label, primary_host, path::text AS path, template, status FROM tenants WHERE id = $1`,
        [portal.id],
      );
      expect(tenantRows).toHaveLength(1);
      expect(tenantRows[0]).toMatchObject({
        label: 'dakao',
        primary_host: 'dakao.hochiminhcity.gov.vn',
        template: 'commune',
        status: 'ACTIVE',
      });
      expect(tenantRows[0].path.startsWith(`${city.path}.`)).toBe(true);
      const { rows: hostRows } = await pg.query(
        `SELECT host::text AS host, role FROM tenant_hosts WHERE tenant_id = $1`,
        [portal.id],
      );
      expect(hostRows).toEqual([{ host: 'dakao.hochiminhcity.gov.vn', role: 'PRIMARY' }]);

      const { rows: categories } = await pg.query<{ id: string; slug: string; parent_id: string | null }>(
        `SELECT id, slug, parent_id FROM categories WHERE tenant_id = $1`,
        [portal.id],
      );
      expect(categories).toHaveLength(16);
      const topLevel = categories.filter((c) => c.parent_id === null).map((c) => c.slug);
      expect(topLevel).toEqual(
        expect.arrayContaining([
          'gioi-thieu',
          'tin-tuc-su-kien',
          'chi-dao-dieu-hanh',
          'van-ban',
          'thu-tuc-hanh-chinh',
          'hoi-dap',
          'lien-he',
        ]),
      );
      expect(topLevel).not.toContain('cong-bao'); // the gazette belongs to provinces
      const { rows: menu } = await pg.query<{ menu: string; category_id: string }>(
        `SELECT menu, category_id FROM menu_items WHERE tenant_id = $1`,
        [portal.id],
      );
      expect(menu.filter((m) => m.menu === 'MAIN')).toHaveLength(8);
      expect(menu.filter((m) => m.menu === 'FOOTER')).toHaveLength(2);
      const categoryIds = new Set(categories.map((c) => c.id));
      expect(menu.every((m) => categoryIds.has(m.category_id))).toBe(true);

      const { rows: audit } = await pg.query(
        `SELECT action, actor_account_id, subject_id, after FROM audit_log WHERE tenant_id = $1`,
        [portal.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'tenant.provisioned',
        actor_account_id: adminId,
        subject_id: portal.id,
      });
      expect(audit[0].after).toMatchObject({ label: 'dakao', primaryHost: 'dakao.hochiminhcity.gov.vn' });

      expect(await counts()).toEqual({
        ...before,
        tenants: before.tenants + 1,
        tenant_hosts: before.tenant_hosts + 1,
        categories: before.categories + 16,
        menu_items: before.menu_items + 10,
        audit_log: before.audit_log + 1,
      });
    });

    it('lets the city subtree operator provision a department (initials label), with aliases, on the city host', async () => {
      const portal = await provisioned(
        {
          parentId: id('hochiminhcity.gov.vn'),
          kind: 'DEPARTMENT',
          nameVi: 'Sở Công Thương Thử Nghiệm',
          aliases: ['SoCongThuong.TPHCM.vn', 'sct-test.gov.vn'],
        },
        cityOperatorToken,
      );
      expect(portal).toMatchObject({
        label: 'scttn',
        primaryHost: 'scttn.hochiminhcity.gov.vn',
        kind: 'DEPARTMENT',
      });
      const { rows: hosts } = await pg.query(
        `SELECT host::text AS host, role FROM tenant_hosts WHERE tenant_id = $1 ORDER BY host`,
        [portal.id],
      );
      expect(hosts).toEqual([
        { host: 'sct-test.gov.vn', role: 'ALIAS' },
        { host: 'scttn.hochiminhcity.gov.vn', role: 'PRIMARY' },
        { host: 'socongthuong.tphcm.vn', role: 'ALIAS' },
      ]);
      for (const host of ['sct-test.gov.vn', 'socongthuong.tphcm.vn', 'SCT-TEST.gov.vn']) {
        const res = await t.gql<{ portal: { id: string } }>(host, PORTAL);
        expect(res.status).toBe(200);
        expect(res.body.data!.portal.id).toBe(portal.id);
      }
      const { rows: categories } = await pg.query(
        `SELECT count(*)::int AS n FROM categories WHERE tenant_id = $1`,
        [portal.id],
      );
      expect(categories[0].n).toBe(21); // department template: 14 sections, 7 sub-sections
      const { rows: audit } = await pg.query(
        `SELECT actor_account_id FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.provisioned'`,
        [portal.id],
      );
      expect(audit).toEqual([{ actor_account_id: cityOperatorId }]);
    });

    it('honours an explicit label and template, and builds hosts three levels deep', async () => {
      const ward = await provisioned(
        {
          parentId: id('rachgia.kiengiang.gov.vn'),
          kind: 'WARD',
          nameVi: 'Phường Vĩnh Quang',
          label: 'vinhquang-moi',
        },
        adminToken,
        'kiengiang.gov.vn',
      );
      expect(ward).toMatchObject({
        label: 'vinhquang-moi',
        primaryHost: 'vinhquang-moi.rachgia.kiengiang.gov.vn',
        depth: 2,
      });
      const site = await provisioned(
        { parentId: ward.id, kind: 'THEMATIC', nameVi: 'Chuyển đổi số', template: 'thematic' },
        adminToken,
        'rachgia.kiengiang.gov.vn',
      );
      expect(site).toMatchObject({
        label: 'chuyendoiso',
        primaryHost: 'chuyendoiso.vinhquang-moi.rachgia.kiengiang.gov.vn',
        depth: 3,
      });
      const { rows } = await pg.query(
        `SELECT (SELECT count(*)::int FROM categories WHERE tenant_id = $1) AS categories, (SELECT template FROM tenants WHERE id = $1) AS template`,
        [site.id],
      );
      expect(rows[0]).toEqual({ categories: 9, template: 'thematic' });
      const res = await t.gql<{ portal: { id: string } }>(
        'chuyendoiso.vinhquang-moi.rachgia.kiengiang.gov.vn',
        PORTAL,
      );
      expect(res.body.data!.portal.id).toBe(site.id);
    });

    it('shows the new child in the parent portal children at once', async () => {
      const parent = 'benthanh.hochiminhcity.gov.vn';
      const before = await t.gql<{ portal: { children: Array<{ label: string }> } }>(parent, PORTAL);
      expect(before.body.data!.portal.children).toEqual([]);
      await provisioned({ parentId: id(parent), kind: 'THEMATIC', nameVi: 'Lễ hội Bến Thành' });
      const after = await t.gql<{ portal: { children: Array<{ label: string }> } }>(parent, PORTAL);
      expect(after.body.data!.portal.children.map((c) => c.label)).toEqual(['lehoibenthanh']);
    });
  });

  describe('provisionTenant refuses bad input with a typed error and writes nothing', () => {
    type Case = [string, () => Record<string, unknown>, string, string, string?];
    const city = () => id('hochiminhcity.gov.vn');
    const cases: Case[] = [
      [
        'an unknown parent id',
        () => ({ parentId: '00000000-0000-4000-8000-000000000000', kind: 'WARD', nameVi: 'Phường Mồ Côi' }),
        'PARENT_NOT_FOUND',
        'parentId',
      ],
      [
        'a parent id that is not a uuid',
        () => ({ parentId: 'hochiminhcity', kind: 'WARD', nameVi: 'Phường Mồ Côi' }),
        'PARENT_NOT_FOUND',
        'parentId',
      ],
      [
        'a PROVINCE under a province',
        () => ({ parentId: city(), kind: 'PROVINCE', nameVi: 'Tỉnh Lồng Nhau' }),
        'KIND_NOT_ALLOWED',
        'kind',
      ],
      [
        'a DISTRICT under a ward',
        () => ({
          parentId: id('saigon.hochiminhcity.gov.vn'),
          kind: 'DISTRICT',
          nameVi: 'Quận Trong Phường',
        }),
        'KIND_NOT_ALLOWED',
        'kind',
      ],
      [
        'a DISTRICT under a district',
        () => ({ parentId: id('rachgia.kiengiang.gov.vn'), kind: 'DISTRICT', nameVi: 'Huyện Trong Huyện' }),
        'KIND_NOT_ALLOWED',
        'kind',
        'kiengiang.gov.vn',
      ],
      [
        'a WARD under a department',
        () => ({ parentId: id('stp.hochiminhcity.gov.vn'), kind: 'WARD', nameVi: 'Phường Tư Pháp' }),
        'KIND_NOT_ALLOWED',
        'kind',
      ],
      [
        'a SPECIAL_ZONE under a district',
        () => ({
          parentId: id('chauthanh.kiengiang.gov.vn'),
          kind: 'SPECIAL_ZONE',
          nameVi: 'Đặc khu Châu Thành',
        }),
        'KIND_NOT_ALLOWED',
        'kind',
        'kiengiang.gov.vn',
      ],
      [
        'a proposed label a sibling has',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Sài Gòn' }),
        'LABEL_TAKEN',
        'label',
      ],
      [
        'an explicit label a sibling has',
        () => ({ parentId: city(), kind: 'DEPARTMENT', nameVi: 'Sở Thể Thao Phường', label: 'stp' }),
        'LABEL_TAKEN',
        'label',
      ],
      [
        'a label taken among three-tier siblings',
        () => ({ parentId: id('rachgia.kiengiang.gov.vn'), kind: 'WARD', nameVi: 'Phường 1' }),
        'LABEL_TAKEN',
        'label',
        'rachgia.kiengiang.gov.vn',
      ],
      [
        'an upper-case label',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: 'PhuongHoa' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a label with an underscore',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: 'a_b' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a label of 64 characters',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: 'a'.repeat(64) }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a label with a leading hyphen',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: '-hoa' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a label with a trailing hyphen',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: 'hoa-' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a label with a dot',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: 'hoa.sen' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a label with diacritics',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Hoa', label: 'hòa' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'a name that proposes no label',
        () => ({ parentId: city(), kind: 'THEMATIC', nameVi: '!!! ???' }),
        'INVALID_LABEL',
        'label',
      ],
      [
        'an alias that is another portal alias',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Trùng Tên', aliases: ['tphcm.gov.vn'] }),
        'HOST_TAKEN',
        'aliases.0',
      ],
      [
        'an alias that is another portal primary host, in capitals',
        () => ({
          parentId: city(),
          kind: 'WARD',
          nameVi: 'Phường Trùng Tên',
          aliases: ['new-alias.gov.vn', 'KIENGIANG.GOV.VN'],
        }),
        'HOST_TAKEN',
        'aliases.1',
      ],
      [
        'an alias that is a ward host of another province',
        () => ({
          parentId: city(),
          kind: 'WARD',
          nameVi: 'Phường Trùng Tên',
          aliases: ['vinhthanhvan.rachgia.kiengiang.gov.vn'],
        }),
        'HOST_TAKEN',
        'aliases.0',
      ],
      [
        'an invalid alias host',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Trùng Tên', aliases: ['not a host'] }),
        'INVALID_HOST',
        'aliases.0',
      ],
      [
        'a unit code with letters',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Mã Sai', unitCode: 'AB12' }),
        'INVALID_UNIT_CODE',
        'unitCode',
      ],
      [
        'a unit code too long',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Mã Sai', unitCode: '12345678901' }),
        'INVALID_UNIT_CODE',
        'unitCode',
      ],
      [
        'an empty Vietnamese name',
        () => ({ parentId: city(), kind: 'WARD', nameVi: '', label: 'rong' }),
        'INVALID_NAME',
        'nameVi',
      ],
      [
        'a blank Vietnamese name',
        () => ({ parentId: city(), kind: 'WARD', nameVi: '   ', label: 'rong' }),
        'INVALID_NAME',
        'nameVi',
      ],
      [
        'an unknown template',
        () => ({ parentId: city(), kind: 'WARD', nameVi: 'Phường Mẫu Lạ', template: 'casino' }),
        'UNKNOWN_TEMPLATE',
        'template',
      ],
    ];

    const table = cases.map(([name, input, errorCode, field, host]) => ({
      name,
      input,
      errorCode,
      field,
      host: host ?? 'hochiminhcity.gov.vn',
    }));
    it.each(table)('$name → $errorCode on $field', async ({ input, errorCode, field, host }) => {
      const before = await counts();
      const res = await provision(input(), adminToken, host);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data!.provisionTenant;
      expect(result).toMatchObject({ __typename: 'InputError', errorCode, field });
      if (result.__typename === 'InputError') {
        expect(result.messageVi.length).toBeGreaterThan(0);
        expect(result.messageEn.length).toBeGreaterThan(0);
        expect(result.message).toBe(result.messageVi); // no Accept-Language: Vietnamese
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses a primary host that is already another portal alias (HOST_TAKEN on label)', async () => {
      await provisioned({
        parentId: id('hochiminhcity.gov.vn'),
        kind: 'THEMATIC',
        nameVi: 'Trang Cổng Dịch Vụ',
        label: 'dichvu',
        aliases: ['congdan.hochiminhcity.gov.vn'],
      });
      const before = await counts();
      const res = await provision({
        parentId: id('hochiminhcity.gov.vn'),
        kind: 'THEMATIC',
        nameVi: 'Công dân',
      });
      expect(res.body.data!.provisionTenant).toMatchObject({
        __typename: 'InputError',
        errorCode: 'HOST_TAKEN',
        field: 'label',
      });
      expect(await counts()).toEqual(before);
      expect(t.tenant('congdan.hochiminhcity.gov.vn').label).toBe('dichvu');
    });

    it('refuses an alias equal to the new portal own primary host, leaving nothing behind', async () => {
      const before = await counts();
      const res = await provision({
        parentId: id('hochiminhcity.gov.vn'),
        kind: 'THEMATIC',
        nameVi: 'Tự Trùng',
        label: 'tutrung',
        aliases: ['tutrung.hochiminhcity.gov.vn'],
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.provisionTenant).toMatchObject({
        __typename: 'InputError',
        errorCode: 'HOST_TAKEN',
        field: 'aliases.0',
      });
      expect(await counts()).toEqual(before);
      expect((await t.gql('tutrung.hochiminhcity.gov.vn', PORTAL)).status).toBe(404);
    });

    it('refuses a parent that is not active (TENANT_NOT_ACTIVE on parentId)', async () => {
      const parent = await provisioned({
        parentId: id('hochiminhcity.gov.vn'),
        kind: 'THEMATIC',
        nameVi: 'Trang Tạm Dừng',
        label: 'tamdung',
      });
      await pg.query(`UPDATE tenants SET status = 'SUSPENDED' WHERE id = $1`, [parent.id]);
      await t.app.get(HostRoutingService).reload();
      try {
        const before = await counts();
        const res = await provision({
          parentId: parent.id,
          kind: 'THEMATIC',
          nameVi: 'Trang Con',
          label: 'trangcon',
        });
        expect(res.body.data!.provisionTenant).toMatchObject({
          __typename: 'InputError',
          errorCode: 'TENANT_NOT_ACTIVE',
          field: 'parentId',
        });
        expect(await counts()).toEqual(before);
      } finally {
        await pg.query(`UPDATE tenants SET status = 'ACTIVE' WHERE id = $1`, [parent.id]);
        await t.app.get(HostRoutingService).reload();
      }
    });

    it('answers in English when asked', async () => {
      const res = await t.gql<{ provisionTenant: ProvisionResult }>(
        'hochiminhcity.gov.vn',
        PROVISION,
        { input: { parentId: id('hochiminhcity.gov.vn'), kind: 'WARD', nameVi: 'Phường Sài Gòn' } },
        { token: adminToken, headers: { 'accept-language': 'en' } },
      );
      const result = res.body.data!.provisionTenant;
      expect(result).toMatchObject({ __typename: 'InputError', errorCode: 'LABEL_TAKEN' });
      if (result.__typename === 'InputError') expect(result.message).toBe(result.messageEn);
    });
  });

  describe('provisionTenant permissions', () => {
    let wardOperatorToken: string;
    let boardHeadToken: string;

    beforeAll(async () => {
      wardOperatorToken = await t.asUser(
        'prov-ward-op',
        Role.OPERATOR,
        'saigon.hochiminhcity.gov.vn',
        RoleScope.TENANT,
      );
      boardHeadToken = await t.asUser(
        'prov-board-head',
        Role.BOARD_HEAD,
        'hochiminhcity.gov.vn',
        RoleScope.SUBTREE,
      );
    });

    const refused = async (
      input: Record<string, unknown>,
      token: string | null,
      code: 'UNAUTHENTICATED' | 'FORBIDDEN',
      host = 'hochiminhcity.gov.vn',
    ) => {
      const before = await counts();
      const res = await provision(input, token, host);
      expect(res.body.data?.provisionTenant ?? null).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0].extensions?.code).toBe(code);
      expect(await counts()).toEqual(before);
    };

    it('refuses an anonymous caller (UNAUTHENTICATED)', async () => {
      await refused(
        { parentId: id('hochiminhcity.gov.vn'), kind: 'WARD', nameVi: 'Phường Vô Danh' },
        null,
        'UNAUTHENTICATED',
      );
    });

    it('refuses an invalid bearer token (UNAUTHENTICATED)', async () => {
      await refused(
        { parentId: id('hochiminhcity.gov.vn'), kind: 'WARD', nameVi: 'Phường Vô Danh' },
        'not.a.jwt',
        'UNAUTHENTICATED',
      );
    });

    it('refuses a ward operator (TENANT scope), even under its own ward', async () => {
      await refused(
        { parentId: id('hochiminhcity.gov.vn'), kind: 'WARD', nameVi: 'Phường Láng Giềng' },
        wardOperatorToken,
        'FORBIDDEN',
      );
      await refused(
        { parentId: id('saigon.hochiminhcity.gov.vn'), kind: 'THEMATIC', nameVi: 'Trang Riêng' },
        wardOperatorToken,
        'FORBIDDEN',
        'saigon.hochiminhcity.gov.vn',
      );
    });

    it('refuses the city subtree operator under a Kiên Giang portal, on either host', async () => {
      await refused(
        { parentId: id('kiengiang.gov.vn'), kind: 'DEPARTMENT', nameVi: 'Sở Xâm Nhập' },
        cityOperatorToken,
        'FORBIDDEN',
      );
      await refused(
        { parentId: id('kiengiang.gov.vn'), kind: 'DEPARTMENT', nameVi: 'Sở Xâm Nhập' },
        cityOperatorToken,
        'FORBIDDEN',
        'kiengiang.gov.vn',
      );
      await refused(
        { parentId: id('rachgia.kiengiang.gov.vn'), kind: 'WARD', nameVi: 'Phường Xâm Nhập' },
        cityOperatorToken,
        'FORBIDDEN',
        'rachgia.kiengiang.gov.vn',
      );
    });

    it('refuses the city subtree operator outside the subtree of the host it addressed', async () => {
      // The request goes to Tân Định's host: it acts only within Tân Định, not its sibling Sài Gòn.
      await refused(
        { parentId: id('saigon.hochiminhcity.gov.vn'), kind: 'THEMATIC', nameVi: 'Trang Lạc Chỗ' },
        cityOperatorToken,
        'FORBIDDEN',
        'tandinh.hochiminhcity.gov.vn',
      );
    });

    it('lets a platform admin act across the federation, whatever host it addressed', async () => {
      // Province mergers move portals between trees: only the platform administrator may reach past the host.
      const result = await provisioned(
        { parentId: id('kiengiang.gov.vn'), kind: 'DEPARTMENT', nameVi: 'Sở Liên Tỉnh' },
        adminToken,
        'saigon.hochiminhcity.gov.vn',
      );
      expect(result.primaryHost).toBe('slt.kiengiang.gov.vn');
    });

    it('refuses a BOARD_HEAD, even with subtree scope', async () => {
      await refused(
        { parentId: id('hochiminhcity.gov.vn'), kind: 'WARD', nameVi: 'Phường Biên Tập' },
        boardHeadToken,
        'FORBIDDEN',
      );
    });
  });

  describe('applying declarative trees', () => {
    const applier = () => t.app.get(ManifestApplyService);
    const applyRaw = async (yamlText: string) => {
      const parsed = parseTenantManifest(yamlText);
      if (!parsed.ok) throw new Error(`manifest: ${JSON.stringify(parsed.issues)}`);
      return applier().apply(systemContext('test'), parsed.manifest);
    };

    it('re-applying the same tree changes nothing', async () => {
      const before = await counts();
      expect(await t.apply(SMALL_TREES.city)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
      expect(await t.apply(SMALL_TREES.province)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
      expect(await t.apply(SMALL_TREES.city)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
      expect(await counts()).toEqual(before);
    });

    it('a changed English name updates exactly that portal', async () => {
      const changed = SMALL_TREES.city.replace('nameEn: Ho Chi Minh City', 'nameEn: Ho Chi Minh City (HCMC)');
      expect(changed).not.toBe(SMALL_TREES.city);
      const before = await counts();
      expect(await t.apply(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
      const res = await t.gql<{ portal: { nameEn: string } }>('hochiminhcity.gov.vn', PORTAL);
      expect(res.body.data!.portal.nameEn).toBe('Ho Chi Minh City (HCMC)');
      const { rows } = await pg.query(
        `SELECT before, after FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.updated' ORDER BY id DESC LIMIT 1`,
        [id('hochiminhcity.gov.vn')],
      );
      expect(rows[0].before).toMatchObject({ nameEn: 'Ho Chi Minh City' });
      expect(rows[0].after).toMatchObject({ nameEn: 'Ho Chi Minh City (HCMC)' });
      expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 1 });
      expect(await t.apply(changed)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
      expect(await t.apply(SMALL_TREES.city)).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    });

    it('refuses a new tree whose alias another portal already uses, and writes nothing', async () => {
      const before = await counts();
      const report = await applyRaw(`
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Tỉnh An Giang
  host: angiang.gov.vn
  aliases: [tphcm.gov.vn]
  children:
    - kind: WARD
      nameVi: Phường Mỹ Bình
`);
      expect(report.created).toBe(0);
      expect(report.updated).toBe(0);
      expect(report.problems).toEqual([
        expect.objectContaining({ code: 'HOST_TAKEN', path: '/root/aliases' }),
      ]);
      expect(await counts()).toEqual(before);
      expect((await t.gql('angiang.gov.vn', PORTAL)).status).toBe(404);
      expect((await t.gql<{ portal: { id: string } }>('tphcm.gov.vn', PORTAL)).body.data!.portal.id).toBe(
        id('hochiminhcity.gov.vn'),
      );
    });

    it('refuses an update that claims another portal host as an alias, and writes nothing (not even the valid changes)', async () => {
      const manifest = SMALL_TREES.city
        .replace('nameEn: Ho Chi Minh City', 'nameEn: Changed In A Refused Apply')
        .replace('nameVi: Phường Sài Gòn', 'nameVi: Phường Sài Gòn\n      aliases: [kiengiang.gov.vn]');
      const before = await counts();
      const report = await applyRaw(manifest);
      expect(report.problems).toEqual([expect.objectContaining({ code: 'HOST_TAKEN' })]);
      expect(report.created + report.updated).toBe(0);
      expect(await counts()).toEqual(before);
      const { rows } = await pg.query(`SELECT name_en FROM tenants WHERE id = $1`, [
        id('hochiminhcity.gov.vn'),
      ]);
      expect(rows[0].name_en).toBe('Ho Chi Minh City');
      expect(t.tenant('kiengiang.gov.vn').label).toBe('kiengiang');
    });

    it('applies the demo trees in tenants/ cleanly, and re-applies them unchanged', async () => {
      for (const file of ['hochiminhcity.yaml', 'kiengiang.yaml']) {
        const text = readFileSync(join(__dirname, '..', 'tenants', file), 'utf8');
        const parsed = parseTenantManifest(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) continue;
        const nodes = countNodes(parsed.manifest.root);
        const first = await applyRaw(text);
        expect(first.problems).toEqual([]);
        expect(first.created + first.updated + first.unchanged).toBe(nodes);
        expect(first.created).toBeGreaterThan(0);
        const before = await counts();
        const second = await applyRaw(text);
        expect(second).toEqual({ created: 0, updated: 0, unchanged: nodes, problems: [] });
        expect(await counts()).toEqual(before);
      }
      // Spot checks of the demo hosts.
      const sgddt = await t.gql<{ portal: { nameVi: string } }>('sgddt.hochiminhcity.gov.vn', PORTAL);
      expect(sgddt.body.data!.portal.nameVi).toBe('Sở Giáo dục và Đào tạo');
      const ward = await t.gql<{ portal: { nameVi: string } }>('duongdong.phuquoc.kiengiang.gov.vn', PORTAL);
      expect(ward.body.data!.portal.nameVi).toBe('Phường Dương Đông');
      const www = await t.gql<{ portal: { id: string } }>('www.kiengiang.gov.vn', PORTAL);
      expect(www.body.data!.portal.id).toBe(id('kiengiang.gov.vn'));
    });
  });
});
