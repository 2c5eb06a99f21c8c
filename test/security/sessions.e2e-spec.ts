import { createHmac, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Role, RoleScope } from '../../libs/access/src';
import { dataOf } from '../support/gql';
import { TEST_PASSWORD, type TestApp } from '../support/test-app';
import { KG, RG, CT, HCM, MARK, v } from './victim';
import { useVictimWorld } from './world';

/**
 * Tokens reused after logout, refresh and suspension, forged or altered tokens, and where a token
 * counts. Rotation and lockout in full: identity-auth.e2e-spec.ts.
 *
 * The world, its actors and the marker: test/security/world.ts and victim.ts; the cases: test/security/cases/.
 */
describe('security suite: authentication and sessions', () => {
  const world = useVictimWorld();
  const { gql, raw, officer, accounts } = world;
  let t: TestApp;
  let db: Client;
  beforeAll(() => {
    ({ t, db } = world);
  });

  describe('tokens reused after logout and after suspension (rotation and lockout: identity-auth.e2e-spec.ts)', () => {
    const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) {
      __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;
    const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
      __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;
    const ME = '{ me { id username } }';
    const ACCOUNTS = `{ accounts(filter: { first: 5 }) { nodes { id } } }`;
    const codeWith = async (host: string, token: string, query = ME) =>
      (await t.gql(host, query, {}, { token })).body.errors?.[0]?.extensions?.code;

    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claimsOf = (jwt: string) =>
      JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
    const sign = (claims: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }) => {
      const unsigned = `${b64(header)}.${b64(claims)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };

    let province: string;
    beforeAll(async () => {
      await officer('tok-province', KG, [Role.OPERATOR], RoleScope.SUBTREE);
      province = 'tok-province';
    });

    it('after logout (sent through another portal’s host) the access and refresh tokens are dead on every host', async () => {
      await officer('tok-logout', RG, [Role.OPERATOR]);
      const session = await t.login('tok-logout', RG);
      expect(await codeWith(RG, session.accessToken, ACCOUNTS)).toBeUndefined();
      expect(dataOf(await t.gql(CT, 'mutation { logout }', {}, { token: session.accessToken }))).toEqual({
        logout: true,
      });
      for (const host of [RG, CT, KG, HCM]) {
        expect(await codeWith(host, session.accessToken)).toBe('UNAUTHENTICATED');
        expect(await codeWith(host, session.accessToken, ACCOUNTS)).toBe('UNAUTHENTICATED');
      }
      const refreshed = dataOf(
        await t.gql<{ refreshSession: { errorCode?: string } }>(RG, REFRESH, { r: session.refreshToken }),
      );
      expect(refreshed.refreshSession).toEqual({
        __typename: 'InputError',
        errorCode: 'INVALID_REFRESH_TOKEN',
      });
      expect(await codeWith(RG, session.accessToken, 'mutation { logout }')).toBe('UNAUTHENTICATED');
    });

    it('after a refresh the previous access token is dead on every host; the new one works', async () => {
      await officer('tok-refresh', RG, [Role.OPERATOR]);
      const session = await t.login('tok-refresh', RG);
      const refreshed = dataOf(
        await t.gql<{ refreshSession: { accessToken: string } }>(RG, REFRESH, { r: session.refreshToken }),
      ).refreshSession;
      for (const host of [RG, CT, KG, HCM]) {
        expect(await codeWith(host, session.accessToken)).toBe('UNAUTHENTICATED');
        expect(await codeWith(host, session.accessToken, ACCOUNTS)).toBe('UNAUTHENTICATED');
      }
      expect(await codeWith(RG, refreshed.accessToken, ACCOUNTS)).toBeUndefined();
    });

    it('after suspension every session of the account is refused at once, refresh and login too; reactivation does not revive them', async () => {
      const id = await officer('tok-suspended', RG, [Role.OPERATOR]);
      const sessions = [await t.login('tok-suspended', RG), await t.login('tok-suspended', CT)];
      for (const s of sessions) expect(await codeWith(RG, s.accessToken, ACCOUNTS)).toBeUndefined();
      const SUSPEND = `mutation($id: String!) { suspendAccount(accountId: $id, reason: "Thôi việc") { __typename ... on Account { status } } }`;
      expect(dataOf(await gql(KG, province, SUSPEND, { id }))).toEqual({
        suspendAccount: { __typename: 'Account', status: 'SUSPENDED' },
      });
      for (const s of sessions) {
        for (const host of [RG, CT])
          expect(await codeWith(host, s.accessToken, ACCOUNTS)).toBe('UNAUTHENTICATED');
        const refreshed = dataOf(
          await t.gql<{ refreshSession: Record<string, string> }>(RG, REFRESH, { r: s.refreshToken }),
        );
        expect(refreshed.refreshSession.errorCode).toBe('INVALID_REFRESH_TOKEN');
      }
      const login = dataOf(
        await t.gql<{ login: Record<string, string> }>(RG, LOGIN, { u: 'tok-suspended', p: TEST_PASSWORD }),
      );
      expect(login.login.__typename).toBe('InputError');
      expect(login.login.accessToken).toBeUndefined();
      const { rows } = await db.query(
        'SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND revoked_at IS NULL',
        [id],
      );
      expect(rows[0].n).toBe(0);

      const REACTIVATE = `mutation($id: String!) { reactivateAccount(accountId: $id) { __typename ... on Account { status } } }`;
      expect(dataOf(await gql(KG, province, REACTIVATE, { id }))).toEqual({
        reactivateAccount: { __typename: 'Account', status: 'ACTIVE' },
      });
      for (const s of sessions) expect(await codeWith(RG, s.accessToken)).toBe('UNAUTHENTICATED');
      // A new sign-in works again (so the refusals above are the suspension's).
      expect(await codeWith(RG, (await t.login('tok-suspended', RG)).accessToken, ACCOUNTS)).toBeUndefined();
    });

    it('forged or altered tokens are UNAUTHENTICATED: no signature, another key, expired, refresh-typed, another account’s id', async () => {
      const real = (await t.login('sibling', CT)).accessToken;
      const claims = claimsOf(real);
      expect(claims).toMatchObject({ sub: accounts.sibling, typ: 'access', sid: expect.any(String) });
      const now = Math.floor(Date.now() / 1000);
      const secret = t.config.jwtSecret;
      const forged = {
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
        'another key': sign(claims, 'x'.repeat(48)),
        'HS512 with the key': (() => {
          const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
          return `${unsigned}.${createHmac('sha512', secret).update(unsigned).digest('base64url')}`;
        })(),
        expired: sign({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
        'refresh-typed': sign({ ...claims, typ: 'refresh' }, secret),
        'another account’s id on this session': sign({ ...claims, sub: accounts[`${MARK}-officer`] }, secret),
        'an unknown session': sign({ ...claims, sid: randomUUID() }, secret),
        'no session': sign({ sub: claims.sub, typ: 'access', iat: now, exp: now + 600 }, secret),
        'a payload edited without re-signing': `${real.split('.')[0]}.${b64({ ...claims, sub: accounts[`${MARK}-officer`] })}.${real.split('.')[2]}`,
      };
      for (const [name, token] of Object.entries(forged)) {
        const res = await t.gql(
          RG,
          `query($id: String!) { contentItem(id: $id) { id } }`,
          { id: v.rgDraft },
          { token },
        );
        expect({ name, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
          name,
          code: 'UNAUTHENTICATED',
        });
        expect(res.body.data?.contentItem ?? null).toBeNull();
      }
      // The control: the genuine token, re-signed unchanged with the key, works.
      expect(await codeWith(CT, sign(claims, secret))).toBeUndefined();
    });

    it('a token counts only in the Authorization header, never in a cookie or the query string; a refresh token is not an access token', async () => {
      const session = await t.login(`${MARK}-officer`, RG);
      const query = encodeURIComponent(ME);
      const attempts = [
        await raw({ path: `/graphql?query=${query}&access_token=${session.accessToken}`, host: RG }),
        await raw({
          path: `/graphql?query=${query}`,
          host: RG,
          headers: { cookie: `access_token=${session.accessToken}; token=${session.accessToken}` },
        }),
        await raw({
          path: `/graphql?query=${query}`,
          host: RG,
          headers: { authorization: `Bearer ${session.refreshToken}` },
        }),
        await raw({
          path: `/graphql?query=${query}`,
          host: RG,
          headers: {
            authorization: `Basic ${Buffer.from(`${MARK}-officer:${TEST_PASSWORD}`).toString('base64')}`,
          },
        }),
      ];
      for (const res of attempts) {
        expect(res.status).toBeLessThan(500);
        expect(JSON.parse(res.text).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(res.text.toLowerCase()).not.toContain(MARK);
      }
      const asRefresh = dataOf(
        await t.gql<{ refreshSession: Record<string, string> }>(RG, REFRESH, { r: session.accessToken }),
      );
      expect(asRefresh.refreshSession.errorCode).toBe('INVALID_REFRESH_TOKEN');
    });
  });
});
