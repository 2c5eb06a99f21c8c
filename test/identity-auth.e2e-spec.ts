import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { startSeededApp } from './support/fixtures';
import { GqlResponse, TEST_PASSWORD, TestApp } from './support/test-app';

/**
 * Accounts and roles: login, lockout without user enumeration, refresh-token rotation
 * with reuse detection, logout, suspension that revokes sessions at once, and the audit trail.
 * Everything goes over HTTP to the real api against a fresh PostgreSQL database.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const WRONG_PASSWORD = 'definitely-not-the-password';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) {
    __typename
    ... on AuthSession { accessToken refreshToken accountId }
    ... on InputError { errorCode field message messageVi messageEn }
  }
}`;
const REFRESH = `mutation($r: String!) {
  refreshSession(refreshToken: $r) {
    __typename
    ... on AuthSession { accessToken refreshToken accountId }
    ... on InputError { errorCode field message }
  }
}`;
const ME = `{ me { id username tenantId status } }`;
const SUSPEND = `mutation($id: String!, $reason: String) {
  suspendAccount(accountId: $id, reason: $reason) {
    __typename
    ... on Account { id status suspendedAt }
    ... on InputError { errorCode field message }
  }
}`;
const REACTIVATE = `mutation($id: String!) {
  reactivateAccount(accountId: $id) {
    __typename
    ... on Account { id status suspendedAt }
    ... on InputError { errorCode field message }
  }
}`;

type LoginResult = {
  __typename: 'AuthSession' | 'InputError';
  accessToken?: string;
  refreshToken?: string;
  accountId?: string;
  errorCode?: string;
  field?: string | null;
  message?: string;
  messageVi?: string;
  messageEn?: string;
};

const errorCode = (res: GqlResponse) => res.body.errors?.[0]?.extensions?.code;

describe('identity: login, lockout, sessions, suspension', () => {
  let t: TestApp;
  let db: Client;

  const login = async (username: string, password: string, host = CITY): Promise<LoginResult> => {
    const res = await t.gql<{ login: LoginResult }>(host, LOGIN, { u: username, p: password });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.login;
  };
  const refresh = async (refreshToken: string): Promise<LoginResult> => {
    const res = await t.gql<{ refreshSession: LoginResult }>(CITY, REFRESH, { r: refreshToken });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.refreshSession;
  };
  const me = (token: string, host = CITY) =>
    t.gql<{ me: { id: string; username: string; tenantId: string; status: string } | null }>(
      host,
      ME,
      {},
      { token },
    );
  const failuresOf = async (username: string) =>
    Number(
      (
        await db.query(
          'SELECT count(*) AS n FROM login_failures WHERE username_key = $1 AND cleared_at IS NULL',
          [username],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, perAddress: 0 },
    }, ['city']));
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('login', () => {
    it('returns a token pair whose access token works for `me`', async () => {
      const id = await t.createAccount({ username: 'login-ok', homeHost: SAIGON });
      const result = await login('login-ok', TEST_PASSWORD);
      expect(result.__typename).toBe('AuthSession');
      expect(result.accountId).toBe(id);
      expect(typeof result.accessToken).toBe('string');
      expect(result.accessToken!.split('.')).toHaveLength(3); // a JWT
      expect(typeof result.refreshToken).toBe('string');
      expect(result.refreshToken).not.toBe(result.accessToken);

      const res = await me(result.accessToken!);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.me).toEqual({
        id,
        username: 'login-ok',
        tenantId: t.tenant(SAIGON).id,
        status: 'ACTIVE',
      });
    });

    it('accepts the username in any case and with surrounding spaces', async () => {
      const id = await t.createAccount({ username: 'login-case', homeHost: SAIGON });
      const result = await login('  Login-CASE ', TEST_PASSWORD);
      expect(result.__typename).toBe('AuthSession');
      expect(result.accountId).toBe(id);
    });

    it('`me` without a token, or with a forged one, is UNAUTHENTICATED', async () => {
      expect(errorCode(await t.gql(CITY, ME))).toBe('UNAUTHENTICATED');
      expect(errorCode(await me('not-a-jwt'))).toBe('UNAUTHENTICATED');
      await t.createAccount({ username: 'login-forge', homeHost: SAIGON });
      const { accessToken } = await t.login('login-forge');
      expect((await me(accessToken)).body.data!.me!.username).toBe('login-forge');
      const [h, p] = accessToken.split('.');
      expect(errorCode(await me(`${h}.${p}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`))).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('a wrong password and an unknown username give the identical error and no account data', async () => {
      const id = await t.createAccount({ username: 'login-known', homeHost: SAIGON });
      const wrongPassword = await t.gql<{ login: LoginResult }>(CITY, LOGIN, {
        u: 'login-known',
        p: WRONG_PASSWORD,
      });
      const unknownUser = await t.gql<{ login: LoginResult }>(CITY, LOGIN, {
        u: 'login-nobody',
        p: WRONG_PASSWORD,
      });

      expect(wrongPassword.body.data!.login.__typename).toBe('InputError');
      expect(wrongPassword.body.data!.login.errorCode).toBe('INVALID_CREDENTIALS');
      // Same code, same field, same message in both languages, same HTTP status: nothing tells them apart.
      expect(unknownUser.body.data!.login).toEqual(wrongPassword.body.data!.login);
      expect(unknownUser.status).toBe(wrongPassword.status);
      expect(Object.keys(wrongPassword.body.data!.login).sort()).toEqual([
        '__typename',
        'errorCode',
        'field',
        'message',
        'messageEn',
        'messageVi',
      ]);
      // No trace of the account in the answer.
      expect(wrongPassword.text).not.toContain(id);
      expect(wrongPassword.text).not.toContain('accessToken');
      expect(wrongPassword.text).not.toContain('refreshToken');
    });

    it('the English message is the same for both as well', async () => {
      await t.createAccount({ username: 'login-known-en', homeHost: SAIGON });
      const en = { headers: { 'accept-language': 'en' } };
      const a = await t.gql<{ login: LoginResult }>(
        CITY,
        LOGIN,
        { u: 'login-known-en', p: WRONG_PASSWORD },
        en,
      );
      const b = await t.gql<{ login: LoginResult }>(
        CITY,
        LOGIN,
        { u: 'login-nobody-en', p: WRONG_PASSWORD },
        en,
      );
      expect(a.body.data!.login.message).toBe('Wrong username or password.');
      expect(b.body.data!.login).toEqual(a.body.data!.login);
    });
  });

  describe('lockout (5 failures in 15 minutes lock for 15 minutes)', () => {
    it('the 6th attempt is LOGIN_LOCKED even with the right password', async () => {
      await t.createAccount({ username: 'lock-known', homeHost: SAIGON });
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push((await login('lock-known', WRONG_PASSWORD)).errorCode!);
      expect(codes.slice(0, 4)).toEqual([
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
      ]);
      // The 5th failure is refused too (it may already say "locked").
      expect(['INVALID_CREDENTIALS', 'LOGIN_LOCKED']).toContain(codes[4]);
      expect(await failuresOf('lock-known')).toBe(5);

      const sixth = await login('lock-known', TEST_PASSWORD);
      expect(sixth.__typename).toBe('InputError');
      expect(sixth.errorCode).toBe('LOGIN_LOCKED');
      expect(sixth.accessToken).toBeUndefined();
      expect(sixth.messageEn).toMatch(/^Too many failed logins; try again after \d{4}-\d\d-\d\dT/);
      // The lock ends about 15 minutes after the last failure.
      const until = new Date(sixth.messageEn!.replace(/^.*after /, '').replace(/\.$/, ''));
      expect(until.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(until.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    });

    it('four failures do not lock', async () => {
      await t.createAccount({ username: 'lock-four', homeHost: SAIGON });
      for (let i = 0; i < 4; i++)
        expect((await login('lock-four', WRONG_PASSWORD)).errorCode).toBe('INVALID_CREDENTIALS');
      expect((await login('lock-four', TEST_PASSWORD)).__typename).toBe('AuthSession');
    });

    it('an unknown username locks exactly the same way (no user enumeration)', async () => {
      await t.createAccount({ username: 'lock-real', homeHost: SAIGON });
      const real: Array<Pick<LoginResult, 'errorCode' | 'field'>> = [];
      const ghost: Array<Pick<LoginResult, 'errorCode' | 'field'>> = [];
      for (let i = 0; i < 6; i++) {
        const r = await login('lock-real', i === 5 ? TEST_PASSWORD : WRONG_PASSWORD);
        // Case variations of the unknown name count against the same key.
        const g = await login(i % 2 ? 'LOCK-GHOST' : 'lock-ghost', i === 5 ? TEST_PASSWORD : WRONG_PASSWORD);
        real.push({ errorCode: r.errorCode, field: r.field });
        ghost.push({ errorCode: g.errorCode, field: g.field });
      }
      expect(ghost).toEqual(real);
      expect(ghost[5]).toEqual({ errorCode: 'LOGIN_LOCKED', field: 'username' });
      expect(await failuresOf('lock-ghost')).toBe(5);
    });

    it('failures moved 16 minutes into the past no longer lock; 10 minutes is not enough', async () => {
      await t.createAccount({ username: 'lock-expire', homeHost: SAIGON });
      for (let i = 0; i < 5; i++) await login('lock-expire', WRONG_PASSWORD);
      expect((await login('lock-expire', TEST_PASSWORD)).errorCode).toBe('LOGIN_LOCKED');

      await db.query(
        `UPDATE login_failures SET occurred_at = occurred_at - interval '10 minutes' WHERE username_key = $1`,
        ['lock-expire'],
      );
      expect((await login('lock-expire', TEST_PASSWORD)).errorCode).toBe('LOGIN_LOCKED');

      await db.query(
        `UPDATE login_failures SET occurred_at = occurred_at - interval '6 minutes' WHERE username_key = $1`,
        ['lock-expire'],
      );
      const after = await login('lock-expire', TEST_PASSWORD);
      expect(after.__typename).toBe('AuthSession');
    });

    it('an unknown username unlocks the same way', async () => {
      for (let i = 0; i < 6; i++) await login('lock-ghost-expire', WRONG_PASSWORD);
      expect((await login('lock-ghost-expire', WRONG_PASSWORD)).errorCode).toBe('LOGIN_LOCKED');
      await db.query(
        `UPDATE login_failures SET occurred_at = occurred_at - interval '16 minutes' WHERE username_key = $1`,
        ['lock-ghost-expire'],
      );
      expect((await login('lock-ghost-expire', WRONG_PASSWORD)).errorCode).toBe('INVALID_CREDENTIALS');
    });

    it('a successful login clears the failure count', async () => {
      await t.createAccount({ username: 'lock-clear', homeHost: SAIGON });
      for (let i = 0; i < 4; i++) await login('lock-clear', WRONG_PASSWORD);
      expect(await failuresOf('lock-clear')).toBe(4);
      expect((await login('lock-clear', TEST_PASSWORD)).__typename).toBe('AuthSession');
      expect(await failuresOf('lock-clear')).toBe(0);
      // Four more failures: without the reset this would be eight and locked.
      for (let i = 0; i < 4; i++)
        expect((await login('lock-clear', WRONG_PASSWORD)).errorCode).toBe('INVALID_CREDENTIALS');
      expect((await login('lock-clear', TEST_PASSWORD)).__typename).toBe('AuthSession');
    });

    it('a lock on one username does not lock another', async () => {
      await t.createAccount({ username: 'lock-bystander', homeHost: SAIGON });
      for (let i = 0; i < 5; i++) await login('lock-culprit', WRONG_PASSWORD);
      expect((await login('lock-culprit', WRONG_PASSWORD)).errorCode).toBe('LOGIN_LOCKED');
      expect((await login('lock-bystander', TEST_PASSWORD)).__typename).toBe('AuthSession');
    });
  });

  describe('refresh-token rotation', () => {
    it('returns a new pair; the new refresh token works once; reusing a rotated one revokes the whole family', async () => {
      const accountId = await t.createAccount({ username: 'refresh-user', homeHost: SAIGON });
      const first = await login('refresh-user', TEST_PASSWORD);

      const second = await refresh(first.refreshToken!);
      expect(second.__typename).toBe('AuthSession');
      expect(second.accountId).toBe(accountId);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect((await me(second.accessToken!)).body.data!.me!.id).toBe(accountId);

      // The new refresh token works (once) ...
      const third = await refresh(second.refreshToken!);
      expect(third.__typename).toBe('AuthSession');
      expect((await me(third.accessToken!)).body.data!.me!.id).toBe(accountId);

      // ... and presenting it again is a reuse: refused, and the whole family is revoked.
      const reused = await refresh(second.refreshToken!);
      expect(reused.__typename).toBe('InputError');
      expect(reused.errorCode).toBe('INVALID_REFRESH_TOKEN');
      expect(reused.field).toBe('refreshToken');
      expect(reused.accessToken).toBeUndefined();

      // The latest pair died with the family.
      expect(errorCode(await me(third.accessToken!))).toBe('UNAUTHENTICATED');
      const latest = await refresh(third.refreshToken!);
      expect(latest.errorCode).toBe('INVALID_REFRESH_TOKEN');
      expect(errorCode(await me(first.accessToken!))).toBe('UNAUTHENTICATED');

      const { rows } = await db.query(
        'SELECT revoked_at, revoked_reason FROM sessions WHERE account_id = $1',
        [accountId],
      );
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.revoked_at).not.toBeNull();
        expect(row.revoked_reason).toBe('REFRESH_TOKEN_REUSED');
      }
    });

    it('reusing the very first refresh token also revokes the family', async () => {
      await t.createAccount({ username: 'refresh-first', homeHost: SAIGON });
      const first = await login('refresh-first', TEST_PASSWORD);
      const second = await refresh(first.refreshToken!);
      expect(second.__typename).toBe('AuthSession');
      expect((await refresh(first.refreshToken!)).errorCode).toBe('INVALID_REFRESH_TOKEN');
      expect(errorCode(await me(second.accessToken!))).toBe('UNAUTHENTICATED');
      expect((await refresh(second.refreshToken!)).errorCode).toBe('INVALID_REFRESH_TOKEN');
    });

    it('a reuse in one family leaves the account’s other sessions alone', async () => {
      await t.createAccount({ username: 'refresh-two', homeHost: SAIGON });
      const laptop = await login('refresh-two', TEST_PASSWORD);
      const phone = await login('refresh-two', TEST_PASSWORD);
      await refresh(laptop.refreshToken!);
      expect((await refresh(laptop.refreshToken!)).errorCode).toBe('INVALID_REFRESH_TOKEN');
      expect((await me(phone.accessToken!)).body.data!.me!.username).toBe('refresh-two');
      expect((await refresh(phone.refreshToken!)).__typename).toBe('AuthSession');
    });

    it('garbage refresh tokens are refused with INVALID_REFRESH_TOKEN', async () => {
      await t.createAccount({ username: 'refresh-garbage', homeHost: SAIGON });
      const real = await login('refresh-garbage', TEST_PASSWORD);
      const [sessionId] = real.refreshToken!.split('.');
      const garbage = [
        'garbage',
        '',
        '...',
        `${sessionId}.wrong-secret`,
        `00000000-0000-0000-0000-000000000000.${real.refreshToken!.split('.')[1]}`,
        real.accessToken!,
      ];
      for (const token of garbage) {
        const r = await refresh(token);
        expect({ token, typename: r.__typename, errorCode: r.errorCode, field: r.field }).toEqual({
          token,
          typename: 'InputError',
          errorCode: 'INVALID_REFRESH_TOKEN',
          field: 'refreshToken',
        });
      }
      // A guessed secret does not revoke the real session (nor does any of the above).
      expect((await me(real.accessToken!)).body.data!.me!.username).toBe('refresh-garbage');
      expect((await refresh(real.refreshToken!)).__typename).toBe('AuthSession');
    });
  });

  describe('logout', () => {
    it('makes the access token fail immediately and the refresh token fail', async () => {
      await t.createAccount({ username: 'logout-user', homeHost: SAIGON });
      const session = await login('logout-user', TEST_PASSWORD);
      expect((await me(session.accessToken!)).body.data!.me!.username).toBe('logout-user');

      const out = await t.gql<{ logout: boolean }>(
        CITY,
        'mutation { logout }',
        {},
        { token: session.accessToken },
      );
      expect(out.body.errors).toBeUndefined();
      expect(out.body.data!.logout).toBe(true);

      expect(errorCode(await me(session.accessToken!))).toBe('UNAUTHENTICATED');
      expect((await refresh(session.refreshToken!)).errorCode).toBe('INVALID_REFRESH_TOKEN');
    });

    it('logout of a rotated session also kills the tokens issued before the rotation', async () => {
      await t.createAccount({ username: 'logout-rotated', homeHost: SAIGON });
      const first = await login('logout-rotated', TEST_PASSWORD);
      const second = await refresh(first.refreshToken!);
      await t.gql(CITY, 'mutation { logout }', {}, { token: second.accessToken });
      expect(errorCode(await me(first.accessToken!))).toBe('UNAUTHENTICATED');
      expect(errorCode(await me(second.accessToken!))).toBe('UNAUTHENTICATED');
      expect((await refresh(second.refreshToken!)).errorCode).toBe('INVALID_REFRESH_TOKEN');
    });

    it('anonymous logout is UNAUTHENTICATED', async () => {
      expect(errorCode(await t.gql(CITY, 'mutation { logout }'))).toBe('UNAUTHENTICATED');
    });
  });

  describe('suspension', () => {
    let operatorToken: string;
    let operatorId: string;

    beforeAll(async () => {
      operatorId = await t.createAccount({
        username: 'susp-operator',
        homeHost: SAIGON,
        role: Role.OPERATOR,
        scope: RoleScope.TENANT,
      });
      operatorToken = (await t.login('susp-operator', SAIGON)).accessToken;
    });

    it('revokes the account’s sessions at once, refuses its login, and reactivation lets it back in', async () => {
      const targetId = await t.createAccount({ username: 'susp-target', homeHost: SAIGON });
      const session = await login('susp-target', TEST_PASSWORD);
      const other = await login('susp-target', TEST_PASSWORD);
      expect((await me(session.accessToken!)).body.data!.me!.id).toBe(targetId);

      const res = await t.gql<{
        suspendAccount: { __typename: string; id: string; status: string; suspendedAt: string | null };
      }>(SAIGON, SUSPEND, { id: targetId, reason: 'left the unit' }, { token: operatorToken });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.suspendAccount).toMatchObject({
        __typename: 'Account',
        id: targetId,
        status: 'SUSPENDED',
      });
      expect(res.body.data!.suspendAccount.suspendedAt).not.toBeNull();

      // The very next request with the existing access token fails.
      expect(errorCode(await me(session.accessToken!))).toBe('UNAUTHENTICATED');
      expect(errorCode(await me(other.accessToken!))).toBe('UNAUTHENTICATED');
      expect((await refresh(session.refreshToken!)).errorCode).toBe('INVALID_REFRESH_TOKEN');

      const refused = await login('susp-target', TEST_PASSWORD);
      expect(refused.__typename).toBe('InputError');
      expect(refused.errorCode).toBe('ACCOUNT_SUSPENDED');
      expect(refused.accessToken).toBeUndefined();
      // A wrong password on a suspended account says only "wrong credentials".
      expect((await login('susp-target', WRONG_PASSWORD)).errorCode).toBe('INVALID_CREDENTIALS');

      const { rows: sessions } = await db.query(
        'SELECT revoked_at, revoked_reason FROM sessions WHERE account_id = $1',
        [targetId],
      );
      expect(sessions).toHaveLength(2);
      expect(sessions.every((s) => s.revoked_at !== null && s.revoked_reason === 'ACCOUNT_SUSPENDED')).toBe(
        true,
      );
      const { rows: account } = await db.query('SELECT status, suspended_at FROM accounts WHERE id = $1', [
        targetId,
      ]);
      expect(account[0].status).toBe('SUSPENDED');

      const back = await t.gql<{
        reactivateAccount: { __typename: string; status: string; suspendedAt: string | null };
      }>(SAIGON, REACTIVATE, { id: targetId }, { token: operatorToken });
      expect(back.body.errors).toBeUndefined();
      expect(back.body.data!.reactivateAccount).toMatchObject({
        __typename: 'Account',
        status: 'ACTIVE',
        suspendedAt: null,
      });

      const again = await login('susp-target', TEST_PASSWORD);
      expect(again.__typename).toBe('AuthSession');
      expect((await me(again.accessToken!)).body.data!.me!.status).toBe('ACTIVE');
      // Reactivation does not resurrect the sessions revoked by the suspension.
      expect(errorCode(await me(session.accessToken!))).toBe('UNAUTHENTICATED');
    });

    it('an operator cannot suspend itself', async () => {
      const res = await t.gql<{ suspendAccount: { __typename: string; errorCode: string; field: string } }>(
        SAIGON,
        SUSPEND,
        { id: operatorId },
        { token: operatorToken },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.suspendAccount).toMatchObject({
        __typename: 'InputError',
        errorCode: 'CANNOT_CHANGE_OWN_STATUS',
        field: 'accountId',
      });
      const { rows } = await db.query('SELECT status FROM accounts WHERE id = $1', [operatorId]);
      expect(rows[0].status).toBe('ACTIVE');
      expect((await me(operatorToken, SAIGON)).body.data!.me!.status).toBe('ACTIVE');
    });

    it('an account without an operator role cannot suspend anyone (FORBIDDEN)', async () => {
      const victim = await t.createAccount({ username: 'susp-victim', homeHost: SAIGON });
      const token = await t.asUser('susp-plain', Role.BOARD_MEMBER, SAIGON);
      const res = await t.gql(SAIGON, SUSPEND, { id: victim }, { token });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect((await db.query('SELECT status FROM accounts WHERE id = $1', [victim])).rows[0].status).toBe(
        'ACTIVE',
      );
      expect(errorCode(await t.gql(SAIGON, SUSPEND, { id: victim }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('audit trail and password storage', () => {
    it('records auth.login, auth.login_failed and account.suspended with actor and tenant', async () => {
      const saigonId = t.tenant(SAIGON).id;
      const operatorId = await t.createAccount({
        username: 'audit-operator',
        homeHost: SAIGON,
        role: Role.OPERATOR,
      });
      const operatorToken = (await t.login('audit-operator', SAIGON)).accessToken;
      const subjectId = await t.createAccount({ username: 'audit-subject', homeHost: SAIGON });

      expect((await login('audit-subject', TEST_PASSWORD)).__typename).toBe('AuthSession');
      expect((await login('audit-subject', WRONG_PASSWORD)).errorCode).toBe('INVALID_CREDENTIALS');
      expect((await login('audit-unknown', WRONG_PASSWORD, SAIGON)).errorCode).toBe('INVALID_CREDENTIALS');
      const suspended = await t.gql(
        SAIGON,
        SUSPEND,
        { id: subjectId, reason: 'audit test' },
        { token: operatorToken },
      );
      expect(suspended.body.data?.suspendAccount.status).toBe('SUSPENDED');

      const rowsOf = async (action: string, subject: string | null) =>
        (
          await db.query(
            `SELECT tenant_id, actor_account_id, actor_label, subject_type, subject_id, before, after, occurred_at
               FROM audit_log WHERE action = $1 AND subject_id IS NOT DISTINCT FROM $2 ORDER BY id`,
            [action, subject],
          )
        ).rows;

      const logins = await rowsOf('auth.login', subjectId);
      expect(logins).toHaveLength(1);
      expect(logins[0]).toMatchObject({
        tenant_id: saigonId,
        subject_type: 'Account',
        subject_id: subjectId,
      });
      expect(logins[0].actor_label).toEqual(expect.any(String));
      expect(logins[0].actor_label).not.toBe('');
      expect(logins[0].occurred_at).toBeInstanceOf(Date);
      expect(logins[0].after.sessionId).toEqual(expect.any(String));

      const failed = await rowsOf('auth.login_failed', subjectId);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        tenant_id: saigonId,
        actor_label: 'anonymous',
        actor_account_id: null,
        subject_type: 'Account',
      });
      expect(failed[0].after.username).toBe('audit-subject');

      // An unknown username is logged against the portal that was addressed.
      const unknown = (
        await db.query(
          `SELECT tenant_id, actor_label, after FROM audit_log WHERE action = 'auth.login_failed' AND after->>'username' = 'audit-unknown'`,
        )
      ).rows;
      expect(unknown).toHaveLength(1);
      expect(unknown[0].tenant_id).toBe(saigonId);
      expect(unknown[0].actor_label).toBe('anonymous');

      const suspension = await rowsOf('account.suspended', subjectId);
      expect(suspension).toHaveLength(1);
      expect(suspension[0]).toMatchObject({
        tenant_id: saigonId,
        actor_account_id: operatorId,
        actor_label: 'audit-operator',
        subject_type: 'Account',
        before: { status: 'ACTIVE' },
        after: { status: 'SUSPENDED', reason: 'audit test', sessionsRevoked: 1 },
      });
    });

    it('stores argon2id hashes only, and never exposes them', async () => {
      await t.createAccount({
        username: 'hash-user',
        homeHost: SAIGON,
        password: 'another long passphrase 42',
      });
      const { rows } = await db.query('SELECT username, password_hash FROM accounts');
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows)
        expect({ username: row.username, prefix: row.password_hash.slice(0, 10) }).toEqual({
          username: row.username,
          prefix: '$argon2id$',
        });
      const hashUser = rows.find((r) => r.username === 'hash-user')!;
      expect(hashUser.password_hash).not.toContain('another long passphrase 42');
      // Two accounts with the same password get different (salted) hashes.
      const same = rows.filter((r) => r.username === 'login-ok' || r.username === 'login-case');
      expect(same).toHaveLength(2);
      expect(same[0].password_hash).not.toBe(same[1].password_hash);
      // The API has no field for it.
      const { accessToken } = await t.login('hash-user', CITY, 'another long passphrase 42');
      const res = await t.gql(CITY, '{ me { id passwordHash } }', {}, { token: accessToken });
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.message).toMatch(/passwordHash/);
    });
  });
});
