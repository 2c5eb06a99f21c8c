import { connect } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../../apps/api/src/create-app';
import { dataOf } from '../support/gql';
import { httpRequest } from '../support/http-client';
import type { TestApp } from '../support/test-app';
import { RG, RG_WARD, CT, HCM, MARK, v } from './victim';
import { useVictimWorld } from './world';

/**
 * Host header spoofing: unknown and look-alike hosts, ports, case and trailing dots, X-Forwarded-Host
 * and its cousins without a trusted proxy, absolute-URI request lines, duplicate Host headers, a
 * token carried to another portal's host; and behind a trusted proxy (a second api on the same
 * database, last). Host normalisation itself: tenancy-routing.e2e-spec.ts.
 *
 * The world, its actors and the marker: test/security/world.ts and victim.ts; the cases: test/security/cases/.
 */
describe('security suite: host headers and tenant isolation', () => {
  const world = useVictimWorld();
  const { gql, tokens, accounts } = world;
  let t: TestApp;
  beforeAll(() => {
    ({ t } = world);
  });

  describe('host header spoofing (normalisation itself: tenancy-routing.e2e-spec.ts)', () => {
    const PORTAL = '{ portal { id } }';
    const DRAFT = `query($id: String!) { contentItem(id: $id) { id working { title } } }`;
    const portalOf = async (host: string, headers: Record<string, string> = {}) =>
      (await t.gql<{ portal: { id: string } }>(host, PORTAL, {}, { headers })).body.data?.portal.id;

    it.each([
      'nowhere.gov.vn',
      'rachgia.kiengiang.gov.vn.evil.example',
      'evil-rachgia.kiengiang.gov.vn',
      'xrachgia.kiengiang.gov.vn',
      'rachgia.kiengiang.gov.vn@evil.example',
      'evil.example:80@rachgia.kiengiang.gov.vn',
      'rachgia..kiengiang.gov.vn',
      'kiengiang',
      '[::1]',
      '0x7f000001',
    ])(
      'an unknown host %s is 404 UNKNOWN_HOST, with a token and a forwarded header naming the victim too',
      async (host) => {
        const variants: Array<Record<string, string>> = [
          {},
          { authorization: `Bearer ${tokens.victimOfficer}` },
          { 'x-forwarded-host': RG, forwarded: `host=${RG}` },
        ];
        for (const headers of variants) {
          const res = await t.gql(host, DRAFT, { id: v.rgDraft }, { headers });
          expect({ host, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
            host,
            status: 404,
            code: 'UNKNOWN_HOST',
          });
          expect(res.body.data).toBeUndefined();
          expect(res.text.toLowerCase()).not.toContain(MARK);
        }
      },
    );

    it('a port, a trailing dot or upper case name the same portal and give no other rights', async () => {
      for (const host of [
        'RACHGIA.KIENGIANG.GOV.VN',
        'rachgia.kiengiang.gov.vn.',
        'rachgia.kiengiang.gov.vn:8443',
        'Rachgia.Kiengiang.Localhost:3000',
      ]) {
        expect(await portalOf(host)).toBe(v[RG]);
        // The victim's officer reads its draft there; the sibling's officer does not.
        const own = await gql<{ contentItem: { id: string } | null }>(host, 'victimOfficer', DRAFT, {
          id: v.rgDraft,
        });
        expect(own.body.data?.contentItem?.id).toBe(v.rgDraft);
        const other = await gql<{ contentItem: unknown }>(host, 'sibling', DRAFT, { id: v.rgDraft });
        expect(other.body.data?.contentItem).toBeNull();
      }
      for (const host of ['CHAUTHANH.KIENGIANG.GOV.VN.', 'chauthanh.kiengiang.gov.vn:443']) {
        const res = await gql<{ contentItem: unknown }>(host, 'victimOfficer', DRAFT, { id: v.rgDraft });
        expect(res.body.data?.contentItem).toBeNull();
        expect(res.text.toLowerCase()).not.toContain(MARK);
      }
    });

    it('X-Forwarded-Host, Forwarded and their cousins are ignored when no proxy is trusted', async () => {
      const spoofs: Array<Record<string, string>> = [
        { 'x-forwarded-host': RG },
        { 'x-forwarded-host': `${RG}, ${CT}` },
        { forwarded: `for=192.0.2.1;host=${RG};proto=https` },
        { 'x-original-host': RG, 'x-host': RG, 'x-forwarded-server': RG },
      ];
      for (const headers of spoofs) {
        expect(await portalOf(CT, headers)).toBe(v[CT]);
        // The victim's officer cannot step onto its portal through the sibling's host with a header.
        const res = await gql<{ contentItem: unknown }>(
          CT,
          'victimOfficer',
          DRAFT,
          { id: v.rgDraft },
          headers,
        );
        expect(res.body.data?.contentItem).toBeNull();
        expect(res.text.toLowerCase()).not.toContain(MARK);
      }
    });

    /** One request written by hand on a socket (absolute URIs, duplicate headers). */
    const rawSocket = (lines: string[], body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const socket = connect(t.port, '127.0.0.1', () => {
          socket.write(
            [...lines, `content-length: ${Buffer.byteLength(body)}`, 'connection: close', '', body].join(
              '\r\n',
            ),
          );
        });
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('error', reject);
        socket.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
        });
      });
    const body = (query: string, variables: Record<string, unknown> = {}) =>
      JSON.stringify({ query, variables });

    it('an absolute-URI request line naming the victim does not move a request off its Host', async () => {
      const auth = `authorization: Bearer ${tokens.victimOfficer}`;
      const portal = await rawSocket(
        [`POST http://${RG}/graphql HTTP/1.1`, `host: ${CT}`, 'content-type: application/json'],
        body(PORTAL),
      );
      expect(portal.status).toBe(200);
      expect(portal.text).toContain(v[CT]);
      expect(portal.text).not.toContain(v[RG]);
      const draft = await rawSocket(
        [`POST http://${RG}/graphql HTTP/1.1`, `host: ${CT}`, 'content-type: application/json', auth],
        body(DRAFT, { id: v.rgDraft }),
      );
      expect(draft.status).toBe(200);
      expect(draft.text).toContain('"contentItem":null');
      expect(draft.text.toLowerCase()).not.toContain(MARK);
    });

    it('two Host headers are refused (400), never answered for the second one', async () => {
      const res = await rawSocket(
        [
          'POST /graphql HTTP/1.1',
          `host: ${CT}`,
          `host: ${RG}`,
          'content-type: application/json',
          `authorization: Bearer ${tokens.victimOfficer}`,
        ],
        body(DRAFT, { id: v.rgDraft }),
      );
      expect(res.status).toBe(400);
      expect(res.text.toLowerCase()).not.toContain(MARK);
    });

    it('a token issued on one portal is the same account on another host, with only that host’s rights', async () => {
      const ACCOUNTS = `query($t: ID) { accounts(filter: { tenantId: $t, first: 100 }) { nodes { username } } }`;
      // Issued on Châu Thành, where the sibling officer administers accounts…
      const own = dataOf(
        await gql<{ accounts: { nodes: unknown[] } }>(CT, 'sibling', ACCOUNTS, { t: v[CT] }),
      );
      expect(own.accounts.nodes.length).toBeGreaterThan(0);
      // …it still names the account on Rạch Giá’s host (`me`), but the Châu Thành rights stay there.
      const me = dataOf(await gql<{ me: { id: string } }>(RG, 'sibling', '{ me { id } }'));
      expect(me.me.id).toBe(accounts.sibling);
      // (Through the province's host it does read them: Châu Thành lies in Kiên Giang's subtree.)
      for (const host of [RG, RG_WARD, HCM]) {
        const res = await gql<{ accounts: { nodes: unknown[] } | null }>(host, 'sibling', ACCOUNTS, {
          t: v[CT],
        });
        expect(res.body.errors?.[0]?.extensions?.code ?? 'none').toMatch(/^(FORBIDDEN|none)$/);
        expect(res.body.data?.accounts?.nodes ?? []).toEqual([]);
      }
    });
  });

  describe('host header spoofing behind a trusted proxy (TRUST_PROXY=true; last: a second api on the same database)', () => {
    let second: NestExpressApplication | null = null;
    let port = 0;
    const ACCOUNTS = `{ accounts(filter: { first: 100 }) { nodes { username } } }`;
    const call = (host: string, query: string, headers: Record<string, string>, token?: string) =>
      httpRequest<{ data?: Record<string, any>; errors?: Array<{ extensions?: Record<string, unknown> }> }>(
        port,
        {
          host,
          body: { query },
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        },
      );
    beforeAll(async () => {
      second = await createApiApp({ ...t.config, trustProxy: true });
      await second.listen(0, '127.0.0.1');
      port = (second.getHttpServer().address() as { port: number }).port;
    });
    afterAll(async () => {
      await second?.close();
    });

    it('the forwarded host picks the portal; rights still come from the token, bounded by that portal', async () => {
      const portal = await call(CT, '{ portal { id } }', { 'x-forwarded-host': RG });
      expect(portal.body.data?.portal.id).toBe(v[RG]);
      // The sibling operator lists its accounts under Châu Thành's name, and nothing under Rạch Giá's.
      const own = await call(RG, ACCOUNTS, { 'x-forwarded-host': CT }, tokens.sibling);
      expect(own.body.data?.accounts.nodes.length).toBeGreaterThan(0);
      const refused = await call(CT, ACCOUNTS, { 'x-forwarded-host': RG }, tokens.sibling);
      expect(refused.body.errors?.[0]?.extensions?.code ?? 'none').toMatch(/^(FORBIDDEN|none)$/);
      expect(refused.body.data?.accounts?.nodes ?? []).toEqual([]);
      // The first of a list counts (the client-facing proxy's); an unknown one is not answered for the Host.
      const listed = await call(CT, '{ portal { id } }', { 'x-forwarded-host': `${RG}, ${CT}` });
      expect(listed.body.data?.portal.id).toBe(v[RG]);
      const unknown = await call(CT, '{ portal { id } }', { 'x-forwarded-host': 'nowhere.gov.vn' });
      expect(unknown.status).toBe(404);
    });

    it('the response cache keys by the forwarded host: an ingress that sends it keeps the cache, per portal', async () => {
      const read = (forwarded: string) =>
        call(CT, '{ portal { id nameVi } }', { 'x-forwarded-host': forwarded });
      let hit = await read(RG);
      for (let i = 0; i < 50 && hit.headers['x-cache'] !== 'HIT'; i++) hit = await read(RG);
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.body.data?.portal.id).toBe(v[RG]);
      // The same Host forwarded for another portal is that portal's answer, never the cached one.
      const other = await read(CT);
      expect(other.body.data?.portal.id).toBe(v[CT]);
    });
  });
});
