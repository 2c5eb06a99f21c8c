import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { startSeededApp } from './support/fixtures';
import { GqlResponse, TEST_PASSWORD, TestApp } from './support/test-app';

/**
 * Cross-tenant attempts are refused. A ward operator administers its ward and
 * nothing else (not a sibling ward, not through another ward's host, not above its own rights); the
 * city operator administers every ward below it but not another province; managers read, never
 * write; board roles and contributors see no account list; anonymous callers get nothing.
 * Everything over HTTP against a real PostgreSQL.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';
const STP = 'stp.hochiminhcity.gov.vn';
const KIENGIANG = 'kiengiang.gov.vn';
const NEW_PASSWORD = 'a-long-enough-passphrase';

const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) {
    __typename
    ... on Account { id tenantId username displayName email status }
    ... on InputError { errorCode field message messageVi messageEn }
  }
}`;
const ACCOUNTS = `query($f: AccountsFilter) {
  accounts(filter: $f) { nodes { id username tenantId } pageInfo { hasNextPage endCursor } }
}`;
const ACCOUNT = `query($id: String!) { account(id: $id) { id username tenantId } }`;
const SUSPEND = `mutation($id: String!) {
  suspendAccount(accountId: $id, reason: "cross-tenant attempt") {
    __typename
    ... on Account { id status }
    ... on InputError { errorCode field }
  }
}`;
const GRANT = `mutation($input: GrantRoleInput!) {
  grantRole(input: $input) {
    __typename
    ... on RoleAssignment { id accountId tenantId role scope fields validFrom validTo revokedAt }
    ... on InputError { errorCode field message }
  }
}`;
const REVOKE = `mutation($id: String!) {
  revokeRole(assignmentId: $id) {
    __typename
    ... on RoleAssignment { id role revokedAt }
    ... on InputError { errorCode field }
  }
}`;
const AUDIT = `query($f: AuditLogFilter) {
  auditLog(filter: $f) {
    nodes { id tenantId action actorAccountId actorLabel subjectType subjectId before after }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Node = { id: string; username: string; tenantId: string };
type Connection = { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type Assignment = {
  __typename: string;
  id: string;
  accountId: string;
  tenantId: string;
  role: string;
  scope: string;
  fields: string[];
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  errorCode?: string;
  field?: string;
};
type AuditNode = {
  id: string;
  tenantId: string;
  action: string;
  actorAccountId: string | null;
  actorLabel: string;
  subjectType: string;
  subjectId: string | null;
  before: Record<string, any> | null;
  after: Record<string, any> | null;
};

const codeOf = (res: GqlResponse) => res.body.errors?.[0]?.extensions?.code;

describe('access: cross-tenant administration', () => {
  let t: TestApp;
  let db: Client;
  let ids: Record<'city' | 'saigon' | 'benthanh' | 'tandinh' | 'kiengiang', string>;

  /** Tokens of the actors every block uses. */
  let wardOp: string;
  let wardOpId: string;
  let cityOp: string;
  let cityOpId: string;
  /** An account living in the sibling ward, and one in the other province. */
  let benthanhUserId: string;
  let kgUserId: string;

  const createAccount = (host: string, token: string | null, input: Record<string, unknown>) =>
    t.gql<{ createAccount: Record<string, any> }>(
      host,
      CREATE_ACCOUNT,
      { input: { displayName: String(input.username), password: NEW_PASSWORD, ...input } },
      { token },
    );
  const listAccounts = (host: string, token: string | null, f: Record<string, unknown> = {}) =>
    t.gql<{ accounts: Connection }>(host, ACCOUNTS, { f }, { token });
  const grant = (host: string, token: string | null, input: Record<string, unknown>) =>
    t.gql<{ grantRole: Assignment }>(host, GRANT, { input }, { token });
  const audit = (host: string, token: string | null, f: Record<string, unknown> = {}) =>
    t.gql<{ auditLog: { nodes: AuditNode[]; pageInfo: Connection['pageInfo'] } }>(
      host,
      AUDIT,
      { f },
      { token },
    );
  const usernameExists = async (username: string) =>
    (await db.query('SELECT 1 FROM accounts WHERE username = $1', [username])).rowCount === 1;
  const assignmentsOf = async (accountId: string) =>
    (
      await db.query(
        'SELECT role, scope, tenant_id, revoked_at FROM role_assignments WHERE account_id = $1 ORDER BY created_at',
        [accountId],
      )
    ).rows;
  const statusOf = async (accountId: string) =>
    (await db.query('SELECT status FROM accounts WHERE id = $1', [accountId])).rows[0].status;

  beforeAll(async () => {
    ({ t, db } = await startSeededApp());
    ids = {
      city: t.tenant(CITY).id,
      saigon: t.tenant(SAIGON).id,
      benthanh: t.tenant(BENTHANH).id,
      tandinh: t.tenant(TANDINH).id,
      kiengiang: t.tenant(KIENGIANG).id,
    };

    wardOpId = await t.createAccount({
      username: 'saigon-op',
      homeHost: SAIGON,
      role: Role.OPERATOR,
      scope: RoleScope.TENANT,
    });
    wardOp = (await t.login('saigon-op', SAIGON)).accessToken;
    cityOpId = await t.createAccount({
      username: 'city-op',
      homeHost: CITY,
      role: Role.OPERATOR,
      scope: RoleScope.SUBTREE,
    });
    cityOp = (await t.login('city-op', CITY)).accessToken;
    benthanhUserId = await t.createAccount({ username: 'benthanh-resident', homeHost: BENTHANH });
    kgUserId = await t.createAccount({ username: 'kg-resident', homeHost: KIENGIANG });
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('a ward operator (OPERATOR, TENANT scope on Sài Gòn)', () => {
    it('creates an account in its own ward and lists it', async () => {
      const res = await createAccount(SAIGON, wardOp, {
        tenantId: ids.saigon,
        username: 'sg-clerk',
        email: 'clerk@saigon.example.vn',
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.createAccount).toMatchObject({
        __typename: 'Account',
        tenantId: ids.saigon,
        username: 'sg-clerk',
        email: 'clerk@saigon.example.vn',
        status: 'ACTIVE',
      });

      const list = await listAccounts(SAIGON, wardOp);
      expect(list.body.errors).toBeUndefined();
      const names = list.body.data!.accounts.nodes.map((n) => n.username);
      expect(names).toContain('sg-clerk');
      expect(names).toContain('saigon-op');
      expect(list.body.data!.accounts.nodes.every((n) => n.tenantId === ids.saigon)).toBe(true);
      // The new account can sign in.
      expect((await t.login('sg-clerk', SAIGON, NEW_PASSWORD)).accessToken).toEqual(expect.any(String));
    });

    it('cannot create an account in the sibling ward, through either host', async () => {
      const viaOwnHost = await createAccount(SAIGON, wardOp, {
        tenantId: ids.benthanh,
        username: 'bt-intruder-1',
      });
      expect(codeOf(viaOwnHost)).toBe('FORBIDDEN');
      expect(viaOwnHost.body.data?.createAccount ?? null).toBeNull();
      const viaSiblingHost = await createAccount(BENTHANH, wardOp, {
        tenantId: ids.benthanh,
        username: 'bt-intruder-2',
      });
      expect(codeOf(viaSiblingHost)).toBe('FORBIDDEN');
      // Nor in the city above it.
      const above = await createAccount(CITY, wardOp, { tenantId: ids.city, username: 'city-intruder' });
      expect(codeOf(above)).toBe('FORBIDDEN');
      for (const u of ['bt-intruder-1', 'bt-intruder-2', 'city-intruder'])
        expect(await usernameExists(u)).toBe(false);
    });

    it('cannot list the sibling ward’s accounts', async () => {
      const attempts = [
        await listAccounts(SAIGON, wardOp, { tenantId: ids.benthanh }),
        await listAccounts(BENTHANH, wardOp),
        await listAccounts(BENTHANH, wardOp, { tenantId: ids.benthanh }),
        await listAccounts(CITY, wardOp, { tenantId: ids.benthanh }),
      ];
      for (const res of attempts) {
        const code = codeOf(res);
        if (code) expect(code).toBe('FORBIDDEN');
        const nodes = res.body.data?.accounts?.nodes ?? [];
        expect(nodes.filter((n) => n.tenantId === ids.benthanh || n.id === benthanhUserId)).toEqual([]);
        expect(res.text).not.toContain('benthanh-resident');
      }
      // Sanity: the city operator does see that account, so the empty answers above are refusals.
      const seen = await listAccounts(BENTHANH, cityOp);
      expect(seen.body.data!.accounts.nodes.map((n) => n.id)).toContain(benthanhUserId);
    });

    it('cannot read a sibling-ward account by id', async () => {
      for (const host of [SAIGON, BENTHANH, CITY]) {
        const res = await t.gql<{ account: Node | null }>(
          host,
          ACCOUNT,
          { id: benthanhUserId },
          { token: wardOp },
        );
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.account).toBeNull();
      }
      const own = await t.gql<{ account: Node | null }>(SAIGON, ACCOUNT, { id: wardOpId }, { token: wardOp });
      expect(own.body.data!.account?.username).toBe('saigon-op');
    });

    it('cannot suspend a sibling-ward account; it stays ACTIVE', async () => {
      for (const host of [SAIGON, BENTHANH]) {
        const res = await t.gql<{ suspendAccount: Record<string, any> }>(
          host,
          SUSPEND,
          { id: benthanhUserId },
          { token: wardOp },
        );
        const refused =
          codeOf(res) === 'FORBIDDEN' || res.body.data?.suspendAccount?.errorCode === 'NOT_FOUND';
        expect(refused).toBe(true);
        expect(res.body.data?.suspendAccount?.status).toBeUndefined();
      }
      expect(await statusOf(benthanhUserId)).toBe('ACTIVE');
      expect((await t.login('benthanh-resident', BENTHANH)).accessToken).toEqual(expect.any(String));
    });

    it('cannot grant OPERATOR on the sibling ward, through either host', async () => {
      const target = await t.createAccount({ username: 'sg-grant-target', homeHost: SAIGON });
      for (const host of [SAIGON, BENTHANH]) {
        const res = await grant(host, wardOp, {
          accountId: target,
          tenantId: ids.benthanh,
          role: 'OPERATOR',
        });
        expect(codeOf(res)).toBe('FORBIDDEN');
      }
      // Nor a role on its own ward through the sibling's host.
      expect(
        codeOf(
          await grant(BENTHANH, wardOp, { accountId: target, tenantId: ids.saigon, role: 'BOARD_MEMBER' }),
        ),
      ).toBe('FORBIDDEN');
      expect(await assignmentsOf(target)).toEqual([]);
    });

    it('cannot grant SUBTREE scope, OWNER or MANAGER even on its own ward', async () => {
      const target = await t.createAccount({ username: 'sg-escalate', homeHost: SAIGON });
      const attempts: Array<Record<string, unknown>> = [
        { role: 'OPERATOR', scope: 'SUBTREE' },
        { role: 'BOARD_MEMBER', scope: 'SUBTREE' },
        { role: 'OWNER' },
        { role: 'MANAGER' },
        { role: 'OWNER', scope: 'SUBTREE' },
      ];
      for (const attempt of attempts) {
        const res = await grant(SAIGON, wardOp, { accountId: target, tenantId: ids.saigon, ...attempt });
        expect({ attempt, code: codeOf(res) }).toEqual({ attempt, code: 'FORBIDDEN' });
      }
      expect(await assignmentsOf(target)).toEqual([]);
    });

    it('cannot grant itself anything (CANNOT_GRANT_SELF)', async () => {
      const before = await assignmentsOf(wardOpId);
      const res = await grant(SAIGON, wardOp, {
        accountId: wardOpId,
        tenantId: ids.saigon,
        role: 'BOARD_HEAD',
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.grantRole).toMatchObject({
        __typename: 'InputError',
        errorCode: 'CANNOT_GRANT_SELF',
        field: 'accountId',
      });
      expect(await assignmentsOf(wardOpId)).toEqual(before);
    });

    it('grants BOARD_MEMBER with fields on its ward, then revokes it; both are audited with before/after', async () => {
      const memberId = await t.createAccount({ username: 'sg-member', homeHost: SAIGON });
      const res = await grant(SAIGON, wardOp, {
        accountId: memberId,
        tenantId: ids.saigon,
        role: 'BOARD_MEMBER',
        fields: ['Giáo dục', 'Y tế', 'Giáo dục'],
      });
      expect(res.body.errors).toBeUndefined();
      const assignment = res.body.data!.grantRole;
      expect(assignment).toMatchObject({
        __typename: 'RoleAssignment',
        accountId: memberId,
        tenantId: ids.saigon,
        role: 'BOARD_MEMBER',
        scope: 'TENANT',
        validTo: null,
        revokedAt: null,
      });
      expect(assignment.fields.sort()).toEqual(['Giáo dục', 'Y tế']);
      expect(await assignmentsOf(memberId)).toEqual([
        { role: 'BOARD_MEMBER', scope: 'TENANT', tenant_id: ids.saigon, revoked_at: null },
      ]);

      const visible = await t.gql<{ roleAssignments: Array<{ id: string }> }>(
        SAIGON,
        `query($a: ID) { roleAssignments(filter: { accountId: $a }) { id } }`,
        { a: memberId },
        { token: wardOp },
      );
      expect(visible.body.data!.roleAssignments.map((r) => r.id)).toEqual([assignment.id]);

      const revoked = await t.gql<{ revokeRole: Record<string, any> }>(
        SAIGON,
        REVOKE,
        { id: assignment.id },
        { token: wardOp },
      );
      expect(revoked.body.errors).toBeUndefined();
      expect(revoked.body.data!.revokeRole).toMatchObject({
        __typename: 'RoleAssignment',
        id: assignment.id,
        role: 'BOARD_MEMBER',
      });
      expect(revoked.body.data!.revokeRole.revokedAt).not.toBeNull();
      const [row] = await assignmentsOf(memberId);
      expect(row.revoked_at).toBeInstanceOf(Date);

      const granted = (
        await audit(SAIGON, wardOp, { action: 'role.granted' })
      ).body.data!.auditLog.nodes.filter((n) => n.subjectId === assignment.id);
      expect(granted).toHaveLength(1);
      expect(granted[0]).toMatchObject({
        tenantId: ids.saigon,
        actorAccountId: wardOpId,
        actorLabel: 'saigon-op',
        subjectType: 'RoleAssignment',
      });
      expect(granted[0].after).toMatchObject({
        accountId: memberId,
        username: 'sg-member',
        role: 'BOARD_MEMBER',
        scope: 'TENANT',
      });
      expect(granted[0].after!.fields.sort()).toEqual(['Giáo dục', 'Y tế']);

      const revokedAudit = (
        await audit(SAIGON, wardOp, { action: 'role.revoked' })
      ).body.data!.auditLog.nodes.filter((n) => n.subjectId === assignment.id);
      expect(revokedAudit).toHaveLength(1);
      expect(revokedAudit[0]).toMatchObject({
        tenantId: ids.saigon,
        actorAccountId: wardOpId,
        subjectType: 'RoleAssignment',
      });
      expect(revokedAudit[0].before).toMatchObject({
        accountId: memberId,
        role: 'BOARD_MEMBER',
        scope: 'TENANT',
      });
    });

    it('cannot revoke an assignment on the sibling ward', async () => {
      const someone = await t.createAccount({ username: 'bt-member', homeHost: BENTHANH });
      const made = await grant(BENTHANH, cityOp, {
        accountId: someone,
        tenantId: ids.benthanh,
        role: 'BOARD_MEMBER',
      });
      const assignmentId = made.body.data!.grantRole.id;
      expect(assignmentId).toEqual(expect.any(String));
      for (const host of [SAIGON, BENTHANH]) {
        const res = await t.gql<{ revokeRole: Record<string, any> }>(
          host,
          REVOKE,
          { id: assignmentId },
          { token: wardOp },
        );
        const refused = codeOf(res) === 'FORBIDDEN' || res.body.data?.revokeRole?.errorCode === 'NOT_FOUND';
        expect(refused).toBe(true);
      }
      expect((await assignmentsOf(someone))[0].revoked_at).toBeNull();
    });

    it('cannot revoke an OWNER assignment on its own ward (set up from above)', async () => {
      const owner = await t.createAccount({ username: 'sg-owner', homeHost: SAIGON });
      const made = await grant(CITY, cityOp, { accountId: owner, tenantId: ids.saigon, role: 'OWNER' });
      expect(made.body.data!.grantRole.__typename).toBe('RoleAssignment');
      const res = await t.gql(SAIGON, REVOKE, { id: made.body.data!.grantRole.id }, { token: wardOp });
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect((await assignmentsOf(owner))[0].revoked_at).toBeNull();
    });

    it('does not see the sibling ward’s role assignments', async () => {
      const q = `query($f: RoleAssignmentsFilter) { roleAssignments(filter: $f) { id tenantId } }`;
      for (const [host, f] of [
        [SAIGON, { tenantId: ids.benthanh }],
        [BENTHANH, {}],
        [CITY, {}],
      ] as const) {
        const res = await t.gql<{ roleAssignments: Array<{ id: string; tenantId: string }> }>(
          host,
          q,
          { f },
          { token: wardOp },
        );
        if (codeOf(res)) expect(codeOf(res)).toBe('FORBIDDEN');
        expect((res.body.data?.roleAssignments ?? []).filter((r) => r.tenantId !== ids.saigon)).toEqual([]);
      }
      // Its own ward's assignments (at least its own OPERATOR role) are visible.
      const own = await t.gql<{ roleAssignments: Array<{ id: string; tenantId: string }> }>(
        SAIGON,
        q,
        { f: {} },
        { token: wardOp },
      );
      expect(own.body.data!.roleAssignments.length).toBeGreaterThan(0);
    });

    it('sees only its own ward in the audit log', async () => {
      // There are entries for the sibling ward (account created, role granted above).
      const benthanhEntries = Number(
        (await db.query('SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1', [ids.benthanh])).rows[0]
          .n,
      );
      expect(benthanhEntries).toBeGreaterThan(0);

      const own = await audit(SAIGON, wardOp, { first: 100 });
      expect(own.body.errors).toBeUndefined();
      const nodes = own.body.data!.auditLog.nodes;
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.map((n) => n.action)).toContain('account.created');
      expect([...new Set(nodes.map((n) => n.tenantId))]).toEqual([ids.saigon]);

      for (const [host, f] of [
        [SAIGON, { tenantId: ids.benthanh }],
        [BENTHANH, {}],
        [CITY, { tenantId: ids.benthanh }],
        [CITY, {}],
      ] as const) {
        const res = await audit(host, wardOp, { ...f, first: 100 });
        if (codeOf(res)) expect(codeOf(res)).toBe('FORBIDDEN');
        const leaked = (res.body.data?.auditLog.nodes ?? []).filter((n) => n.tenantId !== ids.saigon);
        expect({ host, f, leaked }).toEqual({ host, f, leaked: [] });
      }
    });

    it('a role granted to start tomorrow confers nothing yet', async () => {
      const futureId = await t.createAccount({ username: 'sg-future-op', homeHost: SAIGON });
      const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
      const res = await grant(SAIGON, wardOp, {
        accountId: futureId,
        tenantId: ids.saigon,
        role: 'OPERATOR',
        validFrom: tomorrow,
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.grantRole).toMatchObject({
        __typename: 'RoleAssignment',
        role: 'OPERATOR',
        validFrom: tomorrow,
      });

      const token = (await t.login('sg-future-op', SAIGON)).accessToken;
      const mine = await t.gql<{ myRoles: Array<{ role: string }> }>(
        SAIGON,
        '{ myRoles { role } }',
        {},
        { token },
      );
      expect(mine.body.data!.myRoles.map((r) => r.role)).toEqual(['OPERATOR']);
      expect(codeOf(await listAccounts(SAIGON, token))).toBe('FORBIDDEN');

      // Once the start date has passed (simulated), the same assignment works.
      await db.query(`UPDATE role_assignments SET valid_from = now() - interval '1 minute' WHERE id = $1`, [
        res.body.data!.grantRole.id,
      ]);
      const now = await listAccounts(SAIGON, token);
      expect(now.body.errors).toBeUndefined();
      expect(now.body.data!.accounts.nodes.map((n) => n.username)).toContain('sg-future-op');

      // And once it has ended, it confers nothing again.
      await db.query(`UPDATE role_assignments SET valid_to = now() - interval '1 second' WHERE id = $1`, [
        res.body.data!.grantRole.id,
      ]);
      expect(codeOf(await listAccounts(SAIGON, token))).toBe('FORBIDDEN');
    });

    it('validTo not after validFrom is INVALID_PERIOD on validTo', async () => {
      const target = await t.createAccount({ username: 'sg-period', homeHost: SAIGON });
      const from = new Date(Date.now() + 3600_000);
      for (const validTo of [new Date(from.getTime() - 1000), from]) {
        const res = await grant(SAIGON, wardOp, {
          accountId: target,
          tenantId: ids.saigon,
          role: 'CONTRIBUTOR',
          validFrom: from.toISOString(),
          validTo: validTo.toISOString(),
        });
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.grantRole).toMatchObject({
          __typename: 'InputError',
          errorCode: 'INVALID_PERIOD',
          field: 'validTo',
        });
      }
      // validTo in the past without validFrom (which defaults to now) is the same error.
      const past = await grant(SAIGON, wardOp, {
        accountId: target,
        tenantId: ids.saigon,
        role: 'CONTRIBUTOR',
        validTo: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(past.body.data!.grantRole).toMatchObject({ errorCode: 'INVALID_PERIOD', field: 'validTo' });
      expect(await assignmentsOf(target)).toEqual([]);
    });
  });

  describe('the city operator (OPERATOR, SUBTREE scope on the city)', () => {
    it('creates, lists, reads and suspends accounts in any ward below it', async () => {
      for (const [host, tenantId, username] of [
        [BENTHANH, ids.benthanh, 'bt-by-city'],
        [CITY, ids.benthanh, 'bt-by-city-2'],
        [TANDINH, ids.tandinh, 'td-by-city'],
      ] as const) {
        const res = await createAccount(host, cityOp, { tenantId, username });
        expect(res.body.data!.createAccount).toMatchObject({ __typename: 'Account', tenantId, username });
      }
      const list = await listAccounts(CITY, cityOp, { tenantId: ids.benthanh });
      expect(list.body.data!.accounts.nodes.map((n) => n.username)).toEqual(
        expect.arrayContaining(['benthanh-resident', 'bt-by-city', 'bt-by-city-2']),
      );
      expect(list.body.data!.accounts.nodes.every((n) => n.tenantId === ids.benthanh)).toBe(true);

      const read = await t.gql<{ account: Node | null }>(
        BENTHANH,
        ACCOUNT,
        { id: benthanhUserId },
        { token: cityOp },
      );
      expect(read.body.data!.account).toMatchObject({ id: benthanhUserId, username: 'benthanh-resident' });

      const victim = await t.createAccount({ username: 'bt-suspend-me', homeHost: BENTHANH });
      const suspended = await t.gql<{ suspendAccount: Record<string, any> }>(
        CITY,
        SUSPEND,
        { id: victim },
        { token: cityOp },
      );
      expect(suspended.body.data!.suspendAccount).toMatchObject({
        __typename: 'Account',
        status: 'SUSPENDED',
      });
      expect(await statusOf(victim)).toBe('SUSPENDED');
    });

    it('is refused on a ward addressed through a sibling ward’s host', async () => {
      expect(
        codeOf(await createAccount(SAIGON, cityOp, { tenantId: ids.benthanh, username: 'bt-through-sg' })),
      ).toBe('FORBIDDEN');
      expect(await usernameExists('bt-through-sg')).toBe(false);
      const list = await listAccounts(SAIGON, cityOp, { tenantId: ids.benthanh });
      if (codeOf(list)) expect(codeOf(list)).toBe('FORBIDDEN');
      expect(list.body.data?.accounts?.nodes ?? []).toEqual([]);
      expect(
        (await t.gql<{ account: Node | null }>(SAIGON, ACCOUNT, { id: benthanhUserId }, { token: cityOp }))
          .body.data!.account,
      ).toBeNull();
      const target = await t.createAccount({ username: 'bt-host-grant', homeHost: BENTHANH });
      expect(
        codeOf(
          await grant(SAIGON, cityOp, { accountId: target, tenantId: ids.benthanh, role: 'BOARD_MEMBER' }),
        ),
      ).toBe('FORBIDDEN');
      expect(await assignmentsOf(target)).toEqual([]);
    });

    it('grants OPERATOR and SUBTREE scope on a ward, and OWNER/MANAGER on a ward but not on the city itself', async () => {
      const target = await t.createAccount({ username: 'bt-promoted', homeHost: BENTHANH });
      for (const attempt of [
        { role: 'OPERATOR' },
        { role: 'BOARD_HEAD', scope: 'SUBTREE' },
        { role: 'OWNER' },
        { role: 'MANAGER' },
      ]) {
        const res = await grant(CITY, cityOp, { accountId: target, tenantId: ids.benthanh, ...attempt });
        expect({
          attempt,
          result: res.body.data?.grantRole?.__typename,
          role: res.body.data?.grantRole?.role,
        }).toEqual({ attempt, result: 'RoleAssignment', role: attempt.role });
      }
      const cityTarget = await t.createAccount({ username: 'city-would-be-owner', homeHost: CITY });
      for (const role of ['OWNER', 'MANAGER']) {
        expect(codeOf(await grant(CITY, cityOp, { accountId: cityTarget, tenantId: ids.city, role }))).toBe(
          'FORBIDDEN',
        );
      }
      expect(await assignmentsOf(cityTarget)).toEqual([]);
      expect((await assignmentsOf(target)).map((r) => r.role)).toEqual([
        'OPERATOR',
        'BOARD_HEAD',
        'OWNER',
        'MANAGER',
      ]);
    });

    it('cannot grant itself anything either', async () => {
      const res = await grant(BENTHANH, cityOp, {
        accountId: cityOpId,
        tenantId: ids.benthanh,
        role: 'OWNER',
      });
      expect(res.body.data!.grantRole).toMatchObject({ errorCode: 'CANNOT_GRANT_SELF', field: 'accountId' });
    });

    it('is refused on the Kiên Giang tree', async () => {
      const target = await t.createAccount({ username: 'kg-target', homeHost: KIENGIANG });
      for (const host of [KIENGIANG, CITY]) {
        expect(
          codeOf(
            await createAccount(host, cityOp, {
              tenantId: ids.kiengiang,
              username: `kg-by-city-${host.length}`,
            }),
          ),
        ).toBe('FORBIDDEN');
        const list = await listAccounts(host, cityOp, { tenantId: ids.kiengiang });
        if (codeOf(list)) expect(codeOf(list)).toBe('FORBIDDEN');
        expect(list.body.data?.accounts?.nodes ?? []).toEqual([]);
        expect(
          (await t.gql<{ account: Node | null }>(host, ACCOUNT, { id: kgUserId }, { token: cityOp })).body
            .data?.account ?? null,
        ).toBeNull();
        const suspend = await t.gql<{ suspendAccount: Record<string, any> }>(
          host,
          SUSPEND,
          { id: kgUserId },
          { token: cityOp },
        );
        expect(
          codeOf(suspend) === 'FORBIDDEN' || suspend.body.data?.suspendAccount?.errorCode === 'NOT_FOUND',
        ).toBe(true);
        expect(
          codeOf(
            await grant(host, cityOp, { accountId: target, tenantId: ids.kiengiang, role: 'BOARD_MEMBER' }),
          ),
        ).toBe('FORBIDDEN');
        const auditRes = await audit(host, cityOp, { tenantId: ids.kiengiang, first: 100 });
        if (codeOf(auditRes)) expect(codeOf(auditRes)).toBe('FORBIDDEN');
        expect(auditRes.body.data?.auditLog?.nodes ?? []).toEqual([]);
      }
      const wardBelow = t.tenant('phuong1.rachgia.kiengiang.gov.vn');
      expect(
        codeOf(
          await createAccount('phuong1.rachgia.kiengiang.gov.vn', cityOp, {
            tenantId: wardBelow.id,
            username: 'kg-ward-by-city',
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(await usernameExists('kg-by-city-16')).toBe(false);
      expect(await usernameExists('kg-by-city-20')).toBe(false);
      expect(await usernameExists('kg-ward-by-city')).toBe(false);
      expect(await statusOf(kgUserId)).toBe('ACTIVE');
      expect(await assignmentsOf(target)).toEqual([]);
    });
  });

  describe('managers, board roles and contributors', () => {
    it('a city MANAGER (SUBTREE) lists accounts and reads the audit log, but cannot create accounts or grant', async () => {
      const mgr = await t.asUser('city-mgr', Role.MANAGER, CITY, RoleScope.SUBTREE);
      const list = await listAccounts(CITY, mgr, { tenantId: ids.benthanh });
      expect(list.body.errors).toBeUndefined();
      expect(list.body.data!.accounts.nodes.map((n) => n.id)).toContain(benthanhUserId);
      const own = await listAccounts(CITY, mgr);
      expect(own.body.data!.accounts.nodes.map((n) => n.username)).toContain('city-mgr');

      const log = await audit(CITY, mgr, { first: 100 });
      expect(log.body.errors).toBeUndefined();
      expect(log.body.data!.auditLog.nodes.length).toBeGreaterThan(0);
      expect(log.body.data!.auditLog.nodes.filter((n) => n.tenantId === ids.kiengiang)).toEqual([]);
      const wardLog = await audit(CITY, mgr, { tenantId: ids.benthanh, first: 100 });
      expect(wardLog.body.data!.auditLog.nodes.map((n) => n.subjectId)).toContain(benthanhUserId);
      expect(new Set(wardLog.body.data!.auditLog.nodes.map((n) => n.tenantId))).toEqual(
        new Set([ids.benthanh]),
      );
      const otherProvince = await audit(CITY, mgr, { tenantId: ids.kiengiang, first: 100 });
      expect(otherProvince.body.data!.auditLog.nodes).toEqual([]);

      expect(codeOf(await createAccount(CITY, mgr, { tenantId: ids.benthanh, username: 'mgr-made' }))).toBe(
        'FORBIDDEN',
      );
      expect(
        codeOf(await createAccount(BENTHANH, mgr, { tenantId: ids.benthanh, username: 'mgr-made-2' })),
      ).toBe('FORBIDDEN');
      expect(await usernameExists('mgr-made')).toBe(false);
      const target = await t.createAccount({ username: 'mgr-target', homeHost: BENTHANH });
      expect(
        codeOf(await grant(CITY, mgr, { accountId: target, tenantId: ids.benthanh, role: 'BOARD_MEMBER' })),
      ).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(CITY, SUSPEND, { id: target }, { token: mgr }))).toBe('FORBIDDEN');
      expect(await assignmentsOf(target)).toEqual([]);
      expect(await statusOf(target)).toBe('ACTIVE');
    });

    it('a BOARD_HEAD and a CONTRIBUTOR cannot list accounts', async () => {
      const head = await t.asUser('sg-head', Role.BOARD_HEAD, SAIGON);
      const contributor = await t.asUser('sg-contributor', Role.CONTRIBUTOR, SAIGON);
      for (const token of [head, contributor]) {
        const res = await listAccounts(SAIGON, token);
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(res.body.data?.accounts ?? null).toBeNull();
        expect(codeOf(await t.gql(SAIGON, ACCOUNT, { id: wardOpId }, { token }))).toBe('FORBIDDEN');
        expect(codeOf(await audit(SAIGON, token))).toBe('FORBIDDEN');
      }
    });

    it('anonymous callers are UNAUTHENTICATED on accounts, createAccount, grantRole and auditLog', async () => {
      const target = await t.createAccount({ username: 'anon-target', homeHost: SAIGON });
      expect(codeOf(await listAccounts(SAIGON, null))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(SAIGON, ACCOUNT, { id: target }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await createAccount(SAIGON, null, { tenantId: ids.saigon, username: 'anon-made' }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        codeOf(await grant(SAIGON, null, { accountId: target, tenantId: ids.saigon, role: 'OPERATOR' })),
      ).toBe('UNAUTHENTICATED');
      expect(codeOf(await audit(SAIGON, null))).toBe('UNAUTHENTICATED');
      expect(await usernameExists('anon-made')).toBe(false);
      expect(await assignmentsOf(target)).toEqual([]);
    });
  });

  describe('malformed ids', () => {
    it('name nothing: no row, no internal error', async () => {
      const audit1 = await audit(CITY, cityOp, { tenantId: 'not-a-uuid' });
      expect(audit1.body.errors).toBeUndefined();
      expect(audit1.body.data!.auditLog.nodes).toEqual([]);
      const account = await t.gql<{ account: Node | null }>(
        CITY,
        ACCOUNT,
        { id: 'not-a-uuid' },
        { token: cityOp },
      );
      expect(account.body.errors).toBeUndefined();
      expect(account.body.data!.account).toBeNull();
      const suspend = await t.gql<{ suspendAccount: Record<string, any> }>(
        CITY,
        SUSPEND,
        { id: 'not-a-uuid' },
        { token: cityOp },
      );
      expect(suspend.body.data!.suspendAccount).toMatchObject({ errorCode: 'NOT_FOUND', field: 'accountId' });
      const grantRes = await grant(CITY, cityOp, {
        accountId: 'not-a-uuid',
        tenantId: ids.saigon,
        role: 'BOARD_MEMBER',
      });
      expect(grantRes.body.data!.grantRole).toMatchObject({
        errorCode: 'ACCOUNT_NOT_FOUND',
        field: 'accountId',
      });
      const create = await createAccount(CITY, cityOp, { tenantId: 'not-a-uuid', username: 'nowhere-user' });
      expect(create.body.data!.createAccount).toMatchObject({
        errorCode: 'TENANT_NOT_FOUND',
        field: 'tenantId',
      });
      const list = await listAccounts(CITY, cityOp, { after: 'garbage' });
      expect(list.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
    });
  });

  describe('account list pagination', () => {
    it('is keyset-paginated by username: first 2, then the rest after the cursor', async () => {
      // The department (stp) has no accounts of its own; its operator lives at the city.
      const stp = t.tenant('stp.hochiminhcity.gov.vn');
      await t.createAccount({
        username: 'stp-op',
        homeHost: CITY,
        role: Role.OPERATOR,
        roleHost: 'stp.hochiminhcity.gov.vn',
      });
      const op = (await t.login('stp-op', CITY)).accessToken;
      for (const u of ['stp-page-c', 'stp-page-a', 'stp-page-b']) {
        const res = await createAccount(STP, op, { tenantId: stp.id, username: u });
        expect(res.body.data!.createAccount.__typename).toBe('Account');
      }

      const first = await listAccounts(STP, op, { first: 2 });
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data!.accounts.nodes.map((n) => n.username)).toEqual(['stp-page-a', 'stp-page-b']);
      expect(first.body.data!.accounts.pageInfo.hasNextPage).toBe(true);
      const cursor = first.body.data!.accounts.pageInfo.endCursor;
      expect(cursor).toEqual(expect.any(String));

      const second = await listAccounts(STP, op, { first: 2, after: cursor });
      expect(second.body.errors).toBeUndefined();
      expect(second.body.data!.accounts.nodes.map((n) => n.username)).toEqual(['stp-page-c']);
      expect(second.body.data!.accounts.pageInfo.hasNextPage).toBe(false);

      // Keyset, not offset: an account inserted before the cursor does not shift the next page.
      await createAccount(STP, op, { tenantId: stp.id, username: 'stp-page-0' });
      const again = await listAccounts(STP, op, { first: 2, after: cursor });
      expect(again.body.data!.accounts.nodes.map((n) => n.username)).toEqual(['stp-page-c']);
      const whole = await listAccounts(STP, op, { first: 10 });
      expect(whole.body.data!.accounts.nodes.map((n) => n.username)).toEqual([
        'stp-page-0',
        'stp-page-a',
        'stp-page-b',
        'stp-page-c',
      ]);
      expect(whole.body.data!.accounts.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('createAccount input errors', () => {
    const cases: Array<{ name: string; input: Record<string, unknown>; errorCode: string; field: string }> = [
      {
        name: 'invalid username (uppercase, spaces, punctuation)',
        input: { username: 'Bad User!' },
        errorCode: 'INVALID_USERNAME',
        field: 'username',
      },
      {
        name: 'invalid username (too short)',
        input: { username: 'ab' },
        errorCode: 'INVALID_USERNAME',
        field: 'username',
      },
      {
        name: 'invalid username (Vietnamese diacritics)',
        input: { username: 'nguyễn' },
        errorCode: 'INVALID_USERNAME',
        field: 'username',
      },
      {
        name: 'short password',
        input: { username: 'sg-shortpw', password: 'short-pw' },
        errorCode: 'PASSWORD_TOO_SHORT',
        field: 'password',
      },
      {
        name: 'password containing the username',
        input: { username: 'sg-echo', password: 'my-sg-echo-password' },
        errorCode: 'PASSWORD_CONTAINS_USERNAME',
        field: 'password',
      },
      {
        name: 'duplicate username',
        input: { username: 'saigon-op' },
        errorCode: 'USERNAME_TAKEN',
        field: 'username',
      },
      {
        name: 'duplicate username in another case and another ward’s account',
        input: { username: 'BENTHANH-RESIDENT' },
        errorCode: 'USERNAME_TAKEN',
        field: 'username',
      },
      {
        name: 'invalid email',
        input: { username: 'sg-bademail', email: 'not-an-email' },
        errorCode: 'INVALID_EMAIL',
        field: 'email',
      },
      {
        name: 'invalid email (spaces)',
        input: { username: 'sg-bademail2', email: 'a b@c.vn' },
        errorCode: 'INVALID_EMAIL',
        field: 'email',
      },
    ];

    it.each(cases)('$name → $errorCode on $field, nothing written', async ({ input, errorCode, field }) => {
      const count = async () => Number((await db.query('SELECT count(*) AS n FROM accounts')).rows[0].n);
      const audits = async () =>
        Number(
          (await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'account.created'`)).rows[0].n,
        );
      const [accountsBefore, auditsBefore] = [await count(), await audits()];
      const res = await createAccount(SAIGON, wardOp, { tenantId: ids.saigon, ...input });
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data!.createAccount;
      expect(result).toMatchObject({ __typename: 'InputError', errorCode, field });
      expect(result.messageVi).toEqual(expect.any(String));
      expect(result.messageEn).toEqual(expect.any(String));
      expect(result.messageVi).not.toBe(result.messageEn);
      expect(await count()).toBe(accountsBefore);
      expect(await audits()).toBe(auditsBefore);
    });

    it('the duplicate is refused without touching the existing account', async () => {
      const { rows: before } = await db.query(
        `SELECT id, tenant_id, password_hash FROM accounts WHERE username = 'benthanh-resident'`,
      );
      await createAccount(SAIGON, wardOp, {
        tenantId: ids.saigon,
        username: 'benthanh-resident',
        password: 'a-completely-different-pass',
      });
      const { rows: after } = await db.query(
        `SELECT id, tenant_id, password_hash FROM accounts WHERE username = 'benthanh-resident'`,
      );
      expect(after).toEqual(before);
      expect(after[0].tenant_id).toBe(ids.benthanh);
      expect((await t.login('benthanh-resident', BENTHANH, TEST_PASSWORD)).accessToken).toEqual(
        expect.any(String),
      );
    });
  });
});
