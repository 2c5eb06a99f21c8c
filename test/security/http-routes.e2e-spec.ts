import type { Client } from 'pg';
import { AnonymousResponseCache } from '../../apps/api/src/http/anonymous-response-cache';
import { Role } from '../../libs/access/src';
import type { TestApp } from '../support/test-app';
import { HTTP_CASES, idTakingEndpoints } from './cases';
import { RG, CT, MARK, CONTEXTS } from './victim';
import { useVictimWorld } from './world';

/**
 * Every HTTP route with a `:param` (test/endpoint-access.txt), called with the victim's private
 * objects by every attacker: 401/404, no file, no marker, nothing changed. Then a short check of each
 * finding of the outside audit against the victim portal (each in full: outside-audit.e2e-spec.ts,
 * plain-text-markup.e2e-spec.ts): the lockout under concurrency, the response cache, /metrics behind
 * a relay, the 415 rule and Vary.
 *
 * The world, its actors and the marker: test/security/world.ts and victim.ts; the cases: test/security/cases/.
 */
describe('security suite: HTTP routes', () => {
  const world = useVictimWorld();
  const { raw, officer, fingerprint, tokenOf, tokens } = world;
  let t: TestApp;
  let db: Client;
  beforeAll(() => {
    ({ t, db } = world);
  });

  describe('IDOR over HTTP: every id-taking route, called with the ids of another portal', () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = await fingerprint();
    });

    it('covers every id-taking HTTP endpoint of test/endpoint-access.txt', () => {
      expect(HTTP_CASES.map((c) => c.endpoint).sort()).toEqual(idTakingEndpoints().sort());
    });

    it('the victim’s own officer on its own host opens the files the attacks below must not (the checks can fail)', async () => {
      for (const c of HTTP_CASES.filter((x) => x.file || x.endpoint.endsWith('/file'))) {
        const res = await raw({
          path: c.path(),
          host: RG,
          headers: { authorization: `Bearer ${tokens.victimOfficer}` },
        });
        expect({ endpoint: c.endpoint, status: res.status }).toEqual({ endpoint: c.endpoint, status: 200 });
      }
    });

    it.each(HTTP_CASES.map((c) => [c.endpoint, c] as const))(
      '%s with the victim’s private object: 401/404 to every attacker, nothing leaked',
      async (_endpoint, c) => {
        const failures: string[] = [];
        for (const ctx of CONTEXTS) {
          if (c.publicOnVictimHost && ctx.host === RG) continue;
          const token = tokenOf(ctx.who);
          const form = c.form ? Buffer.from(new URLSearchParams(c.form()).toString()) : undefined;
          const res = await raw({
            method: form ? 'POST' : 'GET',
            path: c.path(),
            host: ctx.host,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            },
            body: form,
          });
          if (![401, 403, 404].includes(res.status)) failures.push(`${ctx.label}: HTTP ${res.status}`);
          // A page may repeat the address it was asked for (its canonical and language links): that
          // is the attacker's own input, not a leak; anything else carrying the marker is.
          const answered = res.text.split(c.path()).join('');
          if (answered.toLowerCase().includes(MARK))
            failures.push(`${ctx.label}: leaks ${answered.slice(0, 200)}`);
          if (c.file && res.body.includes(c.file)) failures.push(`${ctx.label}: sent the file`);
        }
        expect(failures).toEqual([]);
      },
    );

    it('changed nothing in the database', async () => {
      expect(await fingerprint()).toEqual(before);
    });
  });

  describe('the outside audit (each finding in full: outside-audit.e2e-spec.ts, plain-text-markup.e2e-spec.ts)', () => {
    it('40 wrong passwords at once for the victim’s officer get exactly 5 password checks', async () => {
      await officer(`${MARK}-guessed`, RG, [Role.OPERATOR]);
      const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
        __typename ... on InputError { errorCode } } }`;
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.gql(CT, LOGIN, { u: `${MARK}-guessed`, p: `doan-mat-khau-${i}` }),
        ),
      );
      for (const res of answers)
        expect(res.body.data?.login?.errorCode).toMatch(/^(INVALID_CREDENTIALS|LOGIN_LOCKED)$/);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND after->>'username' = $1`,
        [`${MARK}-guessed`],
      );
      expect(rows[0].n).toBe(5);
    });

    it('anonymous reads padded with unused variables make no new cache entries', async () => {
      const cache = t.app.get(AnonymousResponseCache);
      const QUERY = '{ portal { nameVi } }';
      let first = await t.gql(RG, QUERY);
      for (let i = 0; i < 50 && first.headers['x-cache'] !== 'HIT'; i++) first = await t.gql(RG, QUERY);
      const entries = cache.stats().entries;
      for (let i = 0; i < 20; i++) {
        const padded = await t.gql(RG, QUERY, { [`pad${i}`]: `${i}`.repeat(1000) });
        expect(padded.headers['x-cache']).toBe('HIT');
      }
      expect(cache.stats().entries).toBe(entries);
    });

    it('/metrics is closed to a loopback relay naming an outside client, in any relay header', async () => {
      expect((await t.http({ host: '127.0.0.1', path: '/metrics' })).status).toBe(200);
      for (const headers of [
        { forwarded: 'for=203.0.113.7' } as Record<string, string>,
        { 'true-client-ip': '203.0.113.7' },
        { 'cf-connecting-ip': '203.0.113.7' },
        { 'x-client-ip': '203.0.113.7' },
      ]) {
        const res = await t.http({ host: '127.0.0.1', path: '/metrics', headers });
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('portal_');
      }
    });

    it('a form-encoded mutation is 415 on an absolute-form or fragment target; cacheable answers vary on the locale', async () => {
      const form = `query=${encodeURIComponent(`mutation { logout }`)}`;
      for (const path of [`http://${RG}/graphql`, '/graphql#x', `http://${RG}/GraphQL/#x`]) {
        const res = await t.http({
          host: RG,
          method: 'POST',
          path,
          body: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect([path, res.status]).toEqual([path, 415]);
      }
      const vary = String((await t.gql(RG, '{ portal { nameVi } }')).headers.vary).toLowerCase();
      for (const name of ['origin', 'accept-language', 'x-portal-locale', 'accept'])
        expect(vary).toContain(name);
    });
  });
});
