import type { Client } from 'pg';
import { isInputObjectType } from 'graphql';
import { Role, RoleScope } from '../../libs/access/src';
import { WorkflowAction } from '../../libs/editorial/src';
import { ReportExportJobService } from '../../libs/reporting/src';
import { dataOf } from '../support/gql';
import type { GqlResponse, TestApp } from '../support/test-app';
import { SCHEMA } from './cases';
import { KG, RG, RG_WARD, CT, HCM, MARK, DAY, iso, v } from './victim';
import { useVictimWorld } from './world';

/**
 * Privilege escalation through role grants and approval delegation: who may grant, revoke and
 * delegate what, where, through which host, and what a revoked role still opens. Account
 * administration across wards: access-cross-tenant.e2e-spec.ts.
 *
 * The world, its actors and the marker: test/security/world.ts and victim.ts; the cases: test/security/cases/.
 */
describe('security suite: privilege escalation', () => {
  const world = useVictimWorld();
  const { gql, done, raw, officer, item, tokens, accounts } = world;
  let t: TestApp;
  let db: Client;
  beforeAll(() => {
    ({ t, db } = world);
  });

  describe('privilege escalation through role grants', () => {
    const GRANT = `mutation($i: GrantRoleInput!) { grantRole(input: $i) {
      __typename ... on RoleAssignment { id role scope tenantId } ... on InputError { errorCode field } } }`;
    const REVOKE = `mutation($id: String!) { revokeRole(assignmentId: $id) {
      __typename ... on RoleAssignment { id revokedAt } ... on InputError { errorCode field } } }`;
    const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) {
      __typename ... on ContentItem { id working { status } } ... on InputError { errorCode field } } }`;
    const DELEGATE = `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) {
      __typename ... on ApprovalDelegation { id } ... on InputError { errorCode field } } }`;
    /** What a grant can change: roles, platform administrators, delegations. */
    const rights = async () =>
      (
        await db.query(
          `SELECT (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM role_assignments x) AS roles,
                  (SELECT count(*)::int FROM accounts WHERE is_platform_admin) AS admins,
                  (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM approval_delegations x) AS delegations`,
        )
      ).rows[0];
    /** The answer is a typed refusal: FORBIDDEN / NOT_ALLOWED / … (thrown or as an InputError). */
    const refusal = (res: GqlResponse): string => {
      expect(res.status).toBeLessThan(500);
      const thrown = res.body.errors?.[0]?.extensions?.code;
      if (thrown) return String(thrown);
      const value = Object.values(res.body.data ?? {})[0] as { __typename?: string; errorCode?: string };
      return value?.__typename === 'InputError' ? String(value.errorCode) : `granted: ${value?.__typename}`;
    };
    const grant = (host: string, who: string, input: Record<string, unknown>) =>
      gql(host, who, GRANT, { i: input });

    let target: string;
    beforeAll(async () => {
      await officer('esc-manager', RG, [Role.MANAGER]);
      await officer('esc-operator', RG, [Role.OPERATOR]);
      await officer('esc-owner', RG, [Role.OWNER]);
      await officer('esc-head', RG, [Role.BOARD_HEAD]);
      await officer('esc-member', RG, [Role.BOARD_MEMBER]);
      await officer('esc-deputy', RG, [Role.BOARD_DEPUTY]);
      await officer('esc-province', KG, [Role.OPERATOR], RoleScope.SUBTREE);
      target = await t.createAccount({ username: 'esc-target', homeHost: RG });
    });

    it('a manager grants nothing: not OWNER to itself, not any role to anyone, on no portal', async () => {
      const before = await rights();
      for (const role of ['OWNER', 'OPERATOR', 'MANAGER', 'BOARD_HEAD']) {
        for (const [accountId, tenant] of [
          [accounts['esc-manager'], v[RG]],
          [target, v[RG]],
          [target, v[RG_WARD]],
          [target, v[KG]],
        ]) {
          const code = refusal(await grant(RG, 'esc-manager', { accountId, tenantId: tenant, role }));
          expect({ role, code }).toEqual({
            role,
            code: expect.stringMatching(/^(FORBIDDEN|CANNOT_GRANT_SELF)$/),
          });
        }
      }
      expect(await rights()).toEqual(before);
    });

    it('an operator cannot grant OWNER/MANAGER, SUBTREE scope, or roles on its parent, sibling or child portals, through any host', async () => {
      const before = await rights();
      const attempts: Array<[string, Record<string, unknown>]> = [
        [RG, { tenantId: v[RG], role: 'OWNER' }],
        [RG, { tenantId: v[RG], role: 'MANAGER' }],
        [RG, { tenantId: v[RG], role: 'OPERATOR', scope: 'SUBTREE' }],
        [RG, { tenantId: v[RG], role: 'BOARD_HEAD', scope: 'SUBTREE' }],
        [RG, { tenantId: v[KG], role: 'OPERATOR' }],
        [KG, { tenantId: v[KG], role: 'BOARD_MEMBER' }],
        [RG, { tenantId: v[CT], role: 'BOARD_HEAD' }],
        [CT, { tenantId: v[CT], role: 'BOARD_HEAD' }],
        [RG, { tenantId: v[RG_WARD], role: 'OPERATOR' }],
        [RG_WARD, { tenantId: v[RG_WARD], role: 'OWNER' }],
        [KG, { tenantId: v[RG], role: 'OWNER' }],
        [CT, { tenantId: v[RG], role: 'BOARD_MEMBER' }],
      ];
      for (const [host, input] of attempts) {
        const code = refusal(await grant(host, 'esc-operator', { accountId: target, ...input }));
        expect({ host, input, code }).toEqual({ host, input, code: 'FORBIDDEN' });
      }
      // Itself, even a role it may hand out (access-cross-tenant covers a ward operator the same way).
      const self = await grant(RG, 'esc-operator', {
        accountId: accounts['esc-operator'],
        tenantId: v[RG],
        role: 'BOARD_HEAD',
      });
      expect(refusal(self)).toBe('CANNOT_GRANT_SELF');
      expect(await rights()).toEqual(before);
      // The control: the same operator does grant a role of its own portal (so the refusals above are rules).
      expect(
        refusal(await grant(RG, 'esc-operator', { accountId: target, tenantId: v[RG], role: 'CONTRIBUTOR' })),
      ).toBe('granted: RoleAssignment');
    });

    it('board roles and the owner grant and revoke nothing', async () => {
      const before = await rights();
      for (const who of ['esc-owner', 'esc-head', 'esc-deputy', 'esc-member']) {
        for (const role of ['CONTRIBUTOR', 'BOARD_MEMBER', 'OPERATOR']) {
          const code = refusal(await grant(RG, who, { accountId: target, tenantId: v[RG], role }));
          expect({ who, role, code }).toEqual({ who, role, code: 'FORBIDDEN' });
        }
        const revoke = await gql(RG, who, REVOKE, { id: accounts[`esc-member:${Role.BOARD_MEMBER}`] });
        expect({ who, code: refusal(revoke) }).toEqual({ who, code: 'FORBIDDEN' });
      }
      expect(await rights()).toEqual(before);
    });

    it('nobody becomes a platform administrator through the API: no input carries it, no role names it', async () => {
      const before = await rights();
      const CREATE_ACCOUNT_WITH = (extra: string) =>
        `mutation { createAccount(input: { tenantId: "${v[KG]}", username: "esc-admin", displayName: "Quản trị", password: "a-long-enough-passphrase", ${extra} }) { __typename } }`;
      const adminFields = Object.values(SCHEMA.getTypeMap())
        .filter(isInputObjectType)
        .flatMap((type) => Object.keys(type.getFields()).map((f) => `${type.name}.${f}`))
        .filter((f) => /admin|superuser|platform/i.test(f));
      expect(adminFields).toEqual([]);
      const attempts = [
        [CREATE_ACCOUNT_WITH('isPlatformAdmin: true'), 'GRAPHQL_VALIDATION_FAILED'],
        [CREATE_ACCOUNT_WITH('platformAdmin: true'), 'GRAPHQL_VALIDATION_FAILED'],
        [
          `mutation { grantRole(input: { accountId: "${target}", tenantId: "${v[KG]}", role: PLATFORM_ADMIN }) { __typename } }`,
          'GRAPHQL_VALIDATION_FAILED',
        ],
      ] as const;
      for (const [query, code] of attempts) {
        const res = await gql(KG, 'esc-province', query);
        expect(res.status).toBe(400);
        expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
      }
      const viaVariable = await gql(KG, 'esc-province', GRANT, {
        i: { accountId: target, tenantId: v[KG], role: 'ADMIN', isPlatformAdmin: true },
      });
      expect(viaVariable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await rights()).toEqual(before);
      expect(before.admins).toBe(0);
    });

    it('only the province above revokes an owner; the owner, a manager, an operator and the board cannot', async () => {
      const ownerAssignment = accounts[`esc-owner:${Role.OWNER}`];
      const before = await rights();
      for (const who of ['esc-manager', 'esc-operator', 'esc-head', 'esc-owner', 'sibling', 'foreignTree']) {
        for (const host of [RG, CT, KG]) {
          const code = refusal(await gql(host, who, REVOKE, { id: ownerAssignment }));
          expect({ who, host, code }).toEqual({
            who,
            host,
            code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/),
          });
        }
      }
      expect(await rights()).toEqual(before);
      // The province's operator may (OWNER and MANAGER are set up from above).
      expect(refusal(await gql(KG, 'esc-province', REVOKE, { id: ownerAssignment }))).toBe(
        'granted: RoleAssignment',
      );
      expect(
        (await db.query('SELECT revoked_at FROM role_assignments WHERE id = $1', [ownerAssignment])).rows[0]
          .revoked_at,
      ).not.toBeNull();
    });

    it('the province operator cannot make owners of the province itself, reach another tree, or promote itself', async () => {
      const before = await rights();
      for (const [host, input, expected] of [
        [KG, { accountId: target, tenantId: v[KG], role: 'OWNER' }, 'FORBIDDEN'],
        [KG, { accountId: target, tenantId: v[KG], role: 'MANAGER', scope: 'SUBTREE' }, 'FORBIDDEN'],
        [KG, { accountId: target, tenantId: v[HCM], role: 'OPERATOR' }, 'FORBIDDEN'],
        [HCM, { accountId: target, tenantId: v[HCM], role: 'BOARD_MEMBER' }, 'FORBIDDEN'],
        [RG, { accountId: target, tenantId: v[KG], role: 'OPERATOR' }, 'FORBIDDEN'],
        [KG, { accountId: accounts['esc-province'], tenantId: v[RG], role: 'OWNER' }, 'CANNOT_GRANT_SELF'],
      ] as const) {
        expect({ host, input, code: refusal(await grant(host, 'esc-province', input)) }).toEqual({
          host,
          input,
          code: expected,
        });
      }
      expect(await rights()).toEqual(before);
    });

    it('a grant outside its validity window gives nothing, and a revoked role stops the token already issued', async () => {
      const ACCOUNTS = `{ accounts(filter: { first: 5 }) { nodes { id } } }`;
      const holder = await t.createAccount({ username: 'esc-window', homeHost: RG });
      tokens['esc-window'] = (await t.login('esc-window', RG)).accessToken;
      for (const [validFrom, validTo] of [
        ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'],
        [iso(30 * DAY), iso(60 * DAY)],
      ]) {
        const granted = await grant(KG, 'esc-province', {
          accountId: holder,
          tenantId: v[RG],
          role: 'OPERATOR',
          validFrom,
          validTo,
        });
        expect(refusal(granted)).toBe('granted: RoleAssignment');
        expect(refusal(await gql(RG, 'esc-window', ACCOUNTS))).toBe('FORBIDDEN');
      }
      const live = (await grant(KG, 'esc-province', { accountId: holder, tenantId: v[RG], role: 'OPERATOR' }))
        .body.data!.grantRole;
      expect(
        dataOf(await gql<{ accounts: { nodes: unknown[] } }>(RG, 'esc-window', ACCOUNTS)).accounts.nodes
          .length,
      ).toBeGreaterThan(0);
      expect(refusal(await gql(KG, 'esc-province', REVOKE, { id: live.id }))).toBe('granted: RoleAssignment');
      // The same access token, at once: the ability is built from live assignments on every request.
      expect(refusal(await gql(RG, 'esc-window', ACCOUNTS))).toBe('FORBIDDEN');
    });

    it('a report file closes to its requester once the role that allowed it is revoked, and through another portal’s host', async () => {
      await officer('esc-reporter', RG, [Role.MANAGER]);
      const requested = await done(
        RG,
        'esc-reporter',
        `mutation { requestReportExport(period: "2026-H1", format: CSV) { __typename ... on ReportExport { id } ... on InputError { errorCode field } } }`,
        {},
      );
      await t.app.get(ReportExportJobService).run(requested.id);
      const VIEW = `query($id: ID!) { reportExport(id: $id) { status downloadPath } }`;
      const view = (host: string) =>
        gql<{ reportExport: { status: string; downloadPath: string } | null }>(host, 'esc-reporter', VIEW, {
          id: requested.id,
        });
      const done_ = dataOf(await view(RG)).reportExport!;
      expect(done_.status).toBe('DONE');
      const file = (host: string) =>
        raw({
          path: done_.downloadPath,
          host,
          headers: { authorization: `Bearer ${tokens['esc-reporter']}` },
        });
      expect((await file(RG)).status).toBe(200);
      // Through the province's host too (Rạch Giá lies below it) …
      expect((await file(KG)).status).toBe(200);
      // … but not through the sibling's, whose subtree does not hold it.
      expect((await file(CT)).status).toBe(404);
      expect((await view(CT)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // Once the manager role is revoked, the same token no longer opens the file it asked for.
      expect(
        refusal(await gql(KG, 'esc-province', REVOKE, { id: accounts[`esc-reporter:${Role.MANAGER}`] })),
      ).toBe('granted: RoleAssignment');
      expect((await file(RG)).status).toBe(404);
      // (FORBIDDEN here: with no role left, the account reads no report at all.)
      expect((await view(RG)).body.errors?.[0]?.extensions?.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
    });

    describe('approval delegation abuse', () => {
      const inReview = async (host: string, who: string, title: string) =>
        (await item(host, who, title, {}, [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW])).id;
      const delegation = (to: string) => ({
        tenantId: v[RG],
        deputyAccountId: to,
        validFrom: iso(-DAY),
        validTo: iso(DAY),
      });
      const delegate = (who: string, input: Record<string, unknown>, host = RG) =>
        gql(host, who, DELEGATE, { i: input });

      it('only the head delegates, only to a deputy of its own board, never to itself, for a real period', async () => {
        const before = await rights();
        const deputy = accounts['esc-deputy'];
        for (const who of ['esc-member', 'esc-deputy', 'esc-operator', 'esc-owner', 'esc-manager']) {
          expect({ who, code: refusal(await delegate(who, delegation(deputy))) }).toEqual({
            who,
            code: expect.stringMatching(/^(FORBIDDEN|NOT_ALLOWED)$/),
          });
        }
        for (const [input, code] of [
          [delegation(accounts['esc-head']), 'INVALID_DEPUTY'],
          [delegation(accounts['esc-member']), 'NOT_A_DEPUTY'],
          [delegation(accounts['sibling']), 'NOT_A_DEPUTY'],
          [delegation('not-a-uuid'), 'INVALID_DEPUTY'],
          [{ ...delegation(deputy), validFrom: iso(DAY), validTo: iso(-DAY) }, 'INVALID_PERIOD'],
        ] as const) {
          expect({ to: input.deputyAccountId, code: refusal(await delegate('esc-head', input)) }).toEqual({
            to: input.deputyAccountId,
            code,
          });
        }
        // Through the sibling's host the head is nobody's head.
        expect(refusal(await delegate('esc-head', delegation(deputy), CT))).toMatch(
          /^(FORBIDDEN|NOT_ALLOWED)$/,
        );
        expect(await rights()).toEqual(before);
      });

      it('a deputy under delegation approves neither its own item, nor a ward’s, nor through another host, nor once the head is no longer head', async () => {
        expect(refusal(await delegate('esc-head', delegation(accounts['esc-deputy'])))).toBe(
          'granted: ApprovalDelegation',
        );
        const approve = (who: string, id: string, host = RG) =>
          gql(host, who, TRANSITION, { id, a: 'APPROVE' });
        // Its own item: four eyes win over the delegation.
        const own = await inReview(RG, 'esc-deputy', 'Tin do phó ban tự viết');
        expect(refusal(await approve('esc-deputy', own))).toBe('NOT_ALLOWED');
        // An item of a ward below: the delegation covers the head's board only.
        const ward = await inReview(RG_WARD, `${MARK}-ward`, 'Tin của phường chờ duyệt');
        expect(refusal(await approve('esc-deputy', ward))).toMatch(/^(NOT_ALLOWED|NOT_FOUND)$/);
        // Another's item through the sibling's host: the host bounds the delegation too.
        const other = await inReview(RG, `${MARK}-writer`, 'Tin của cộng tác viên chờ duyệt');
        expect(refusal(await approve('esc-deputy', other, CT))).toMatch(/^(NOT_ALLOWED|NOT_FOUND)$/);
        // The control: on its own host the deputy approves it.
        expect(refusal(await approve('esc-deputy', other))).toBe('granted: ContentItem');
        // Once the head loses the role, the delegation gives nothing (the same deputy token).
        const next = await inReview(RG, `${MARK}-writer`, 'Tin thứ hai của cộng tác viên');
        expect(
          refusal(await gql(KG, 'esc-province', REVOKE, { id: accounts[`esc-head:${Role.BOARD_HEAD}`] })),
        ).toBe('granted: RoleAssignment');
        expect(refusal(await approve('esc-deputy', next))).toBe('NOT_ALLOWED');
        const { rows } = await db.query(
          `SELECT status FROM editorial_states WHERE item_id = ANY($1) ORDER BY status`,
          [[own, ward, next]],
        );
        expect(rows.map((r: { status: string }) => r.status)).toEqual([
          'IN_REVIEW',
          'IN_REVIEW',
          'IN_REVIEW',
        ]);
      });
    });
  });
});
