import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { createApiApp } from '../apps/api/src/create-app';
import { HostRoutingService } from '../libs/tenancy/src';
import { openDatabase } from './support/fixtures';
import { httpRequest } from './support/http-client';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const PORTAL = `{
  portal {
    id kind nameVi nameEn label primaryHost status unitCode parentId depth
    parentChain { id label primaryHost kind }
    children { id label primaryHost status kind }
  }
}`;

const PROVISION = `mutation($input: ProvisionTenantInput!) {
  provisionTenant(input: $input) {
    __typename
    ... on Portal { id label primaryHost parentId }
    ... on InputError { errorCode field messageEn }
  }
}`;

type Portal = {
  id: string;
  kind: string;
  nameVi: string;
  nameEn: string | null;
  label: string;
  primaryHost: string;
  status: string;
  parentId: string | null;
  depth: number;
  parentChain: Array<{ id: string; label: string; primaryHost: string; kind: string }>;
  children: Array<{ id: string; label: string; primaryHost: string; status: string; kind: string }>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Repeats a request until the response cache answers it. Bounded: late notifications from earlier
 * writes may bump the tenancy version (and drop the cache) once or twice before things settle.
 */
async function untilCached<R extends { headers: Record<string, unknown> }>(
  send: () => Promise<R>,
): Promise<R> {
  let res = await send();
  for (let i = 0; i < 50 && res.headers['x-cache'] !== 'HIT'; i++) {
    await sleep(20);
    res = await send();
  }
  return res;
}

/** Every tenant name, label and id a response from the wrong place could leak. */
async function allTenantMarkers(databaseUrl: string): Promise<string[]> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ id: string; name_vi: string; primary_host: string }>(
      'SELECT id, name_vi, primary_host FROM tenants',
    );
    return rows.flatMap((r) => [r.id, r.name_vi, r.primary_host]);
  } finally {
    await pg.end();
  }
}

describe('tenancy: host routing and the portal query', () => {
  let t: TestApp;
  let adminToken: string;

  const portalOn = async (host: string): Promise<Portal> => {
    const res = await t.gql<{ portal: Portal }>(host, PORTAL);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.portal;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    await t.createAccount({
      username: 'routing-admin',
      homeHost: 'hochiminhcity.gov.vn',
      platformAdmin: true,
    });
    adminToken = (await t.login('routing-admin', 'hochiminhcity.gov.vn')).accessToken;
  });
  afterAll(() => t.close());

  describe('resolving a Host to a portal', () => {
    it('answers for the city on its primary host, with no parent and its children', async () => {
      const p = await portalOn('hochiminhcity.gov.vn');
      expect(p).toMatchObject({
        kind: 'PROVINCE',
        nameVi: 'Thành phố Hồ Chí Minh',
        nameEn: 'Ho Chi Minh City',
        primaryHost: 'hochiminhcity.gov.vn',
        status: 'ACTIVE',
        parentId: null,
        depth: 0,
      });
      expect(p.id).toBe(t.tenant('hochiminhcity.gov.vn').id);
      expect(p.parentChain).toEqual([]);
      expect(p.children.map((c) => c.primaryHost).sort()).toEqual([
        'benthanh.hochiminhcity.gov.vn',
        'saigon.hochiminhcity.gov.vn',
        'stp.hochiminhcity.gov.vn',
        'tandinh.hochiminhcity.gov.vn',
      ]);
      expect(p.children.every((c) => c.status === 'ACTIVE')).toBe(true);
    });

    it('answers for a child portal on its own host, with the parent chain root first', async () => {
      const city = t.tenant('hochiminhcity.gov.vn');
      const p = await portalOn('saigon.hochiminhcity.gov.vn');
      expect(p).toMatchObject({
        kind: 'WARD',
        nameVi: 'Phường Sài Gòn',
        label: 'saigon',
        primaryHost: 'saigon.hochiminhcity.gov.vn',
        parentId: city.id,
        depth: 1,
      });
      expect(p.parentChain).toEqual([
        { id: city.id, label: 'hochiminhcity', primaryHost: 'hochiminhcity.gov.vn', kind: 'PROVINCE' },
      ]);
      expect(p.children).toEqual([]);
    });

    it('answers for the department whose label is its initials', async () => {
      const p = await portalOn('stp.hochiminhcity.gov.vn');
      expect(p).toMatchObject({ kind: 'DEPARTMENT', nameVi: 'Sở Tư pháp', label: 'stp' });
    });

    it('answers on an alias host with the same portal as the primary host', async () => {
      const viaAlias = await portalOn('tphcm.gov.vn');
      expect(viaAlias.id).toBe(t.tenant('hochiminhcity.gov.vn').id);
      expect(viaAlias.primaryHost).toBe('hochiminhcity.gov.vn');
    });

    it('answers on the development form of a host, with or without a port', async () => {
      const saigon = t.tenant('saigon.hochiminhcity.gov.vn');
      expect((await portalOn('saigon.hochiminhcity.localhost:3000')).id).toBe(saigon.id);
      expect((await portalOn('saigon.hochiminhcity.localhost')).id).toBe(saigon.id);
      expect((await portalOn('hochiminhcity.localhost:3000')).id).toBe(t.tenant('hochiminhcity.gov.vn').id);
      expect((await portalOn('tphcm.localhost')).id).toBe(t.tenant('hochiminhcity.gov.vn').id);
    });

    it('ignores the case of the host, a port and a trailing dot', async () => {
      const saigon = t.tenant('saigon.hochiminhcity.gov.vn');
      expect((await portalOn('SAIGON.HoChiMinhCity.GOV.VN')).id).toBe(saigon.id);
      expect((await portalOn('Saigon.HOCHIMINHCITY.LOCALHOST:8080')).id).toBe(saigon.id);
      expect((await portalOn('saigon.hochiminhcity.gov.vn:443')).id).toBe(saigon.id);
      expect((await portalOn('saigon.hochiminhcity.gov.vn.')).id).toBe(saigon.id);
    });
  });

  describe('hosts that name no portal', () => {
    const unknownHosts = [
      'unknown.gov.vn',
      'nope.hochiminhcity.gov.vn', // an unknown child never falls back to the parent
      'evil-hochiminhcity.gov.vn',
      'hochiminhcity.gov.vn.evil.com',
      'xhochiminhcity.gov.vn',
      'hochiminhcity.gov.vn.localhost',
      'hochiminhcity.evil.localhost',
      'gov.vn',
      'localhost',
      '127.0.0.1',
      '[::1]:3000',
    ];

    it.each(unknownHosts)('%s → 404 UNKNOWN_HOST with no portal data', async (host) => {
      const markers = await allTenantMarkers(t.databaseUrl);
      const res = await t.gql(host, PORTAL);
      expect(res.status).toBe(404);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0].extensions?.code).toBe('UNKNOWN_HOST');
      for (const marker of markers) expect(res.text).not.toContain(marker);
    });

    it('refuses a mutation and a GET on an unknown host the same way', async () => {
      const mutation = await t.gql(
        'evil-hochiminhcity.gov.vn',
        'mutation { login(username: "x", password: "y") { __typename } }',
      );
      expect(mutation.status).toBe(404);
      expect((mutation.body.errors ?? [])[0]?.extensions?.code).toBe('UNKNOWN_HOST');
      const get = await t.http({
        host: 'hochiminhcity.gov.vn.evil.com',
        path: '/graphql?query=%7Bportal%7Bid%7D%7D',
      });
      expect(get.status).toBe(404);
      expect(
        (get.body as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
      ).toBe('UNKNOWN_HOST');
    });
  });

  describe('proposeDomainLabel', () => {
    const cases: Array<[string, string, string]> = [
      ['Phường 01', 'WARD', 'phuong1'],
      ['Phường 1', 'WARD', 'phuong1'],
      ['Phường 007', 'WARD', 'phuong7'],
      ['Quận 10', 'DISTRICT', 'quan10'],
      ['Phường Sài Gòn', 'WARD', 'saigon'],
      ['Phường Đa Kao', 'WARD', 'dakao'],
      ['Xã Đông Thạnh', 'COMMUNE', 'dongthanh'],
      ['Đặc khu Côn Đảo', 'SPECIAL_ZONE', 'condao'],
      ['Thị trấn Minh Lương', 'TOWNSHIP', 'minhluong'],
      ['Thị xã Hà Tiên', 'DISTRICT', 'hatien'],
      ['Huyện Châu Thành', 'DISTRICT', 'chauthanh'],
      ['Thành phố Thủ Đức', 'DISTRICT', 'thuduc'],
      ['Sở Giáo dục và Đào tạo', 'DEPARTMENT', 'sgddt'],
      ['Sở Tư pháp', 'DEPARTMENT', 'stp'],
      ['Sở Khoa học và Công nghệ', 'DEPARTMENT', 'skhcn'],
      ['Cải cách hành chính', 'THEMATIC', 'caicachhanhchinh'],
    ];

    it.each(cases)('%s (%s) → %s', async (name, kind, expected) => {
      const res = await t.gql<{ proposeDomainLabel: string }>(
        'hochiminhcity.gov.vn',
        'query($n: String!, $k: TenantKind!) { proposeDomainLabel(name: $n, kind: $k) }',
        { n: name, k: kind },
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.proposeDomainLabel).toBe(expected);
    });

    it('gives the same label for the composed and decomposed spelling of a name', async () => {
      const q = 'query($n: String!) { proposeDomainLabel(name: $n, kind: WARD) }';
      const composed = await t.gql<{ proposeDomainLabel: string }>('hochiminhcity.gov.vn', q, {
        n: 'Phường Đa Kao'.normalize('NFC'),
      });
      const decomposed = await t.gql<{ proposeDomainLabel: string }>('hochiminhcity.gov.vn', q, {
        n: 'Phường Đa Kao'.normalize('NFD'),
      });
      expect(composed.body.data!.proposeDomainLabel).toBe('dakao');
      expect(decomposed.body.data!.proposeDomainLabel).toBe('dakao');
    });
  });

  describe('a three-tier province (province → district → ward)', () => {
    it('routes a ward under a district on label.district.province', async () => {
      const province = t.tenant('kiengiang.gov.vn');
      const district = t.tenant('rachgia.kiengiang.gov.vn');
      const ward = await portalOn('vinhthanhvan.rachgia.kiengiang.gov.vn');
      expect(ward).toMatchObject({
        kind: 'WARD',
        nameVi: 'Phường Vĩnh Thanh Vân',
        label: 'vinhthanhvan',
        parentId: district.id,
        depth: 2,
      });
      expect(ward.parentChain.map((p) => [p.id, p.primaryHost])).toEqual([
        [province.id, 'kiengiang.gov.vn'],
        [district.id, 'rachgia.kiengiang.gov.vn'],
      ]);
      const numbered = await portalOn('phuong1.rachgia.kiengiang.gov.vn');
      expect(numbered).toMatchObject({ nameVi: 'Phường 01', label: 'phuong1', depth: 2 });
      expect((await portalOn('vinhthanhvan.rachgia.kiengiang.localhost:3000')).id).toBe(ward.id);
    });

    it('lists districts under the province and wards under the district', async () => {
      const province = await portalOn('kiengiang.gov.vn');
      expect(province.children.map((c) => [c.label, c.kind]).sort()).toEqual([
        ['chauthanh', 'DISTRICT'],
        ['rachgia', 'DISTRICT'],
      ]);
      const district = await portalOn('rachgia.kiengiang.gov.vn');
      expect(district.parentChain.map((p) => p.label)).toEqual(['kiengiang']);
      expect(district.children.map((c) => c.primaryHost).sort()).toEqual([
        'phuong1.rachgia.kiengiang.gov.vn',
        'vinhthanhvan.rachgia.kiengiang.gov.vn',
      ]);
    });

    it('does not answer for a ward on a host that skips its district', async () => {
      const res = await t.gql('vinhthanhvan.kiengiang.gov.vn', PORTAL);
      expect(res.status).toBe(404);
      expect(res.body.errors![0].extensions?.code).toBe('UNKNOWN_HOST');
    });
  });

  describe('a suspended portal', () => {
    it('answers 503 while suspended and serves again once reactivated', async () => {
      const host = 'minhluong.chauthanh.kiengiang.gov.vn';
      const id = t.tenant(host).id;
      const pg = await openDatabase(t);
      try {
        expect((await t.gql(host, PORTAL)).status).toBe(200);
        await pg.query(`UPDATE tenants SET status = 'SUSPENDED' WHERE id = $1`, [id]);
        await t.app.get(HostRoutingService).reload();

        const res = await t.gql(host, PORTAL);
        expect(res.status).toBe(503);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors![0].extensions?.code).toBe('PORTAL_SUSPENDED');
        expect(res.text).not.toContain('Minh Lương');
        const dev = await t.gql('minhluong.chauthanh.kiengiang.localhost:3000', PORTAL);
        expect(dev.status).toBe(503);

        // Still listed (as suspended) by its parent, which keeps answering.
        const parent = await portalOn('chauthanh.kiengiang.gov.vn');
        expect(parent.children.find((c) => c.id === id)?.status).toBe('SUSPENDED');

        await pg.query(`UPDATE tenants SET status = 'ACTIVE' WHERE id = $1`, [id]);
        await t.app.get(HostRoutingService).reload();
        const back = await t.gql<{ portal: Portal }>(host, PORTAL);
        expect(back.status).toBe(200);
        expect(back.body.data!.portal.id).toBe(id);
      } finally {
        await pg.query(`UPDATE tenants SET status = 'ACTIVE' WHERE id = $1`, [id]).catch(() => undefined);
        await pg.end();
      }
    });
  });

  describe('caching of the anonymous portal query', () => {
    it('marks the anonymous portal query Cache-Control: public', async () => {
      const res = await t.gql('benthanh.hochiminhcity.gov.vn', PORTAL);
      expect(res.status).toBe(200);
      const cacheControl = String(res.headers['cache-control'] ?? '');
      expect(cacheControl).toMatch(/\bpublic\b/);
      expect(cacheControl).toMatch(/max-age=\d+/);
      expect(cacheControl).not.toMatch(/\bprivate\b/);
    });

    it('shows a provisioned child in the parent children immediately, though the parent was cached', async () => {
      const before = await t.gql<{ portal: Portal }>('tandinh.hochiminhcity.gov.vn', PORTAL);
      const again = await untilCached(() =>
        t.gql<{ portal: Portal }>('tandinh.hochiminhcity.gov.vn', PORTAL),
      );
      expect(again.headers['x-cache']).toBe('HIT');
      expect(before.body.data!.portal.children).toEqual([]);
      expect(again.body.data!.portal.children).toEqual([]);

      const created = await t.gql(
        'hochiminhcity.gov.vn',
        PROVISION,
        {
          input: {
            parentId: t.tenant('tandinh.hochiminhcity.gov.vn').id,
            kind: 'THEMATIC',
            nameVi: 'Chuyển đổi số Tân Định',
            label: 'chuyendoiso',
          },
        },
        { token: adminToken },
      );
      expect(created.body.data?.provisionTenant).toMatchObject({
        __typename: 'Portal',
        primaryHost: 'chuyendoiso.tandinh.hochiminhcity.gov.vn',
      });

      const after = await t.gql<{ portal: Portal }>('tandinh.hochiminhcity.gov.vn', PORTAL);
      expect(after.status).toBe(200);
      expect(after.headers['x-cache']).not.toBe('HIT');
      expect(after.body.data!.portal.children.map((c) => c.primaryHost)).toEqual([
        'chuyendoiso.tandinh.hochiminhcity.gov.vn',
      ]);
      const child = await portalOn('chuyendoiso.tandinh.hochiminhcity.gov.vn');
      expect(child.parentChain.map((p) => p.label)).toEqual(['hochiminhcity', 'tandinh']);
    });
  });

  describe('a second api instance on the same database', () => {
    let second: NestExpressApplication | null = null;
    let secondPort = 0;

    afterAll(async () => {
      await second?.close();
    });

    it('sees a portal provisioned through the first instance without a restart (LISTEN/NOTIFY)', async () => {
      second = await createApiApp(t.config);
      await second.listen(0, '127.0.0.1');
      secondPort = (second.getHttpServer().address() as { port: number }).port;
      expect(secondPort).not.toBe(t.port);
      const onSecond = (host: string, query = PORTAL) =>
        httpRequest<{ data?: { portal: Portal }; errors?: Array<{ extensions?: { code?: string } }> }>(
          secondPort,
          { host, body: { query } },
        );

      const host = 'bennghe.hochiminhcity.gov.vn';
      const missing = await onSecond(host);
      expect(missing.status).toBe(404);
      // Cache the city's portal answer on the second instance before the change.
      const cityBefore = await onSecond('hochiminhcity.gov.vn');
      expect(cityBefore.status).toBe(200);
      expect(cityBefore.body.data!.portal.children.map((c) => c.label)).not.toContain('bennghe');
      expect((await untilCached(() => onSecond('hochiminhcity.gov.vn'))).headers['x-cache']).toBe('HIT');

      const created = await t.gql(
        'hochiminhcity.gov.vn',
        PROVISION,
        { input: { parentId: t.tenant('hochiminhcity.gov.vn').id, kind: 'WARD', nameVi: 'Phường Bến Nghé' } },
        { token: adminToken },
      );
      const portal = created.body.data?.provisionTenant as {
        __typename: string;
        id: string;
        primaryHost: string;
      };
      expect(portal).toMatchObject({ __typename: 'Portal', primaryHost: host });

      let seen = await onSecond(host);
      for (let i = 0; i < 100 && seen.status !== 200; i++) {
        await sleep(50);
        seen = await onSecond(host);
      }
      expect(seen.status).toBe(200);
      expect(seen.body.data!.portal.id).toBe(portal.id);
      expect(seen.body.data!.portal.nameVi).toBe('Phường Bến Nghé');

      // The second instance's cached city answer was dropped with its host map.
      const cityAfter = await onSecond('hochiminhcity.gov.vn');
      expect(cityAfter.status).toBe(200);
      expect(cityAfter.body.data!.portal.children.map((c) => c.label)).toContain('bennghe');
    });

    it('sees a suspension made directly in the database, again without a restart', async () => {
      expect(second).not.toBeNull();
      const host = 'benthanh.hochiminhcity.gov.vn';
      const id = t.tenant(host).id;
      const pg = await openDatabase(t);
      try {
        expect((await httpRequest(secondPort, { host, body: { query: PORTAL } })).status).toBe(200);
        await pg.query(`UPDATE tenants SET status = 'SUSPENDED' WHERE id = $1`, [id]);
        let res = await httpRequest(secondPort, { host, body: { query: PORTAL } });
        for (let i = 0; i < 100 && res.status !== 503; i++) {
          await sleep(50);
          res = await httpRequest(secondPort, { host, body: { query: PORTAL } });
        }
        expect(res.status).toBe(503);
      } finally {
        await pg.query(`UPDATE tenants SET status = 'ACTIVE' WHERE id = $1`, [id]);
        await pg.end();
      }
      let back = await httpRequest(secondPort, { host, body: { query: PORTAL } });
      for (let i = 0; i < 100 && back.status !== 200; i++) {
        await sleep(50);
        back = await httpRequest(secondPort, { host, body: { query: PORTAL } });
      }
      expect(back.status).toBe(200);
    });
  });
});
