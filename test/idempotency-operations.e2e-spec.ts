import { request } from 'node:http';
import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { TO_LIVE, advance, startSeededApp } from './support/fixtures';
import { idempotencyKey } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * The creating mutations of administration take an idempotency key like the others: a request whose
 * answer was lost (the connection cut once the server had answered) and is then retried with the
 * same key stores nothing twice and gets the first answer; the same key with other input is refused
 * with a typed error and stores nothing. Officers act here (their writes run confined to their
 * subtree), over HTTP against a real PostgreSQL.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const ERROR = '... on InputError { errorCode field }';

const OPS = {
  provisionTenant: `mutation($i: ProvisionTenantInput!) { provisionTenant(input: $i) {
    __typename ... on Portal { id label primaryHost } ${ERROR} } }`,
  pushItem: `mutation($i: PushItemInput!) { pushItem(input: $i) {
    __typename ... on PushOutcome { alreadyThere pushed { id targetPortal { primaryHost } } } ${ERROR} } }`,
  requestReportExport: `mutation($p: String!) { requestReportExport(period: $p, format: CSV) {
    __typename ... on ReportExport { id period format status } ${ERROR} } }`,
  createCollaborator: `mutation($i: CollaboratorInput!) { createCollaborator(input: $i) {
    __typename ... on Collaborator { id penName } ${ERROR} } }`,
  draftRoyaltyStatement: `mutation($t: ID!, $m: String!) { draftRoyaltyStatement(tenantId: $t, month: $m) {
    __typename ... on RoyaltyStatement { id month state total } ${ERROR} } }`,
  setCalendarOverride: `mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) {
    __typename ... on CalendarOverride { id date working nameVi } ${ERROR} } }`,
  grantRole: `mutation($i: GrantRoleInput!) { grantRole(input: $i) {
    __typename ... on RoleAssignment { id role scope } ${ERROR} } }`,
} as const;
type Op = keyof typeof OPS;
type Answer = Record<string, unknown> & { __typename: string };

describe('idempotency keys on the remaining creating mutations', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  /**
   * Sends the mutation and cuts the connection as soon as the answer starts to arrive, never reading
   * it: the server has committed, the client saw nothing (a lost answer).
   */
  const lost = (op: Op, variables: Record<string, unknown>, token: string, key: string, host = CITY) =>
    new Promise<void>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify({ query: OPS[op], variables }));
      const req = request(
        {
          host: '127.0.0.1',
          port: t.port,
          method: 'POST',
          path: '/graphql',
          headers: {
            host,
            'content-type': 'application/json',
            'content-length': String(payload.length),
            authorization: `Bearer ${token}`,
            'idempotency-key': key,
          },
        },
        (res) => {
          res.destroy();
          resolve();
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  const send = async (
    op: Op,
    variables: Record<string, unknown>,
    token: string,
    key: string | null,
    host = CITY,
  ): Promise<Answer> => {
    const res = await t.gql<Record<string, Answer>>(host, OPS[op], variables, {
      token,
      headers: key ? { 'idempotency-key': key } : {},
    });
    if (res.body.errors?.length || !res.body.data)
      throw new Error(`${op}: ${JSON.stringify(res.body.errors ?? res.body)}`);
    return res.body.data[op];
  };

  const count = async (sql: string, params: unknown[]) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0].n);

  /**
   * The journey every operation must pass: an answer lost, the retry with the same key answered with
   * what was stored, once; a third send the same; the key with other input refused, nothing stored.
   */
  const retried = async (
    op: Op,
    token: string,
    first: Record<string, unknown>,
    other: Record<string, unknown>,
    stored: () => Promise<number>,
    storedOther: () => Promise<number>,
  ): Promise<Answer> => {
    const key = idempotencyKey();
    expect(await stored()).toBe(0);
    await lost(op, first, token, key);
    expect(await stored()).toBe(1);
    const retry = await send(op, first, token, key);
    expect(retry.__typename).not.toBe('InputError');
    expect(await send(op, first, token, key)).toEqual(retry);
    expect(await stored()).toBe(1);
    const keyRows = await db.query<{ operation: string }>(
      'SELECT operation FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(keyRows.rows).toEqual([{ operation: op }]);
    const reused = await send(op, other, token, key);
    expect(reused).toEqual({
      __typename: 'InputError',
      errorCode: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
    expect(await storedOther()).toBe(0);
    return retry;
  };

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    const person = async (name: string, role: Role, host: string, scope = RoleScope.TENANT) => {
      ids[name] = await t.createAccount({ username: name, homeHost: host, role, roleHost: host, scope });
      tokens[name] = (await t.login(name, host)).accessToken;
    };
    await person('idem-operator', Role.OPERATOR, CITY, RoleScope.SUBTREE);
    await person('idem-writer', Role.CONTRIBUTOR, CITY);
    await person('idem-head', Role.BOARD_HEAD, CITY);
    ids.newcomer = await t.createAccount({ username: 'idem-newcomer', homeHost: SAIGON });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('provisionTenant: one portal, answering on its host', async () => {
    const city = t.tenant(CITY).id;
    const portal = await retried(
      'provisionTenant',
      tokens['idem-operator'],
      { i: { parentId: city, kind: 'WARD', nameVi: 'Phường Đa Kao' } },
      { i: { parentId: city, kind: 'WARD', nameVi: 'Phường Thảo Điền' } },
      () => count(`SELECT count(*) AS n FROM tenants WHERE name_vi = 'Phường Đa Kao'`, []),
      () => count(`SELECT count(*) AS n FROM tenants WHERE name_vi = 'Phường Thảo Điền'`, []),
    );
    expect(portal).toMatchObject({ __typename: 'Portal', primaryHost: 'dakao.hochiminhcity.gov.vn' });
    expect(t.tenant('dakao.hochiminhcity.gov.vn').id).toBe(portal.id);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'tenant.provisioned' AND subject_id = $1`,
        [portal.id],
      ),
    ).toBe(1);
  });

  it('pushItem: the item placed once on each ward', async () => {
    const res = await t.gql<{ createContent: { id: string } }>(
      CITY,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id } } }`,
      {
        i: {
          tenantId: t.tenant(CITY).id,
          kind: 'ANNOUNCEMENT',
          title: 'Thông báo lịch cắt điện tuần sau',
          bodyHtml: '<p>Các phường chú ý lịch cắt điện.</p>',
          authorName: 'Trần Thị Bình',
          source: 'Văn phòng UBND',
        },
      },
      { token: tokens['idem-writer'] },
    );
    const itemId = res.body.data!.createContent.id;
    await advance(t, itemId, TO_LIVE);
    const saigon = t.tenant(SAIGON).id;
    const outcome = await retried(
      'pushItem',
      tokens['idem-head'],
      { i: { itemId, targets: { tenantIds: [saigon] }, placement: 'PINNED' } },
      { i: { itemId, targets: { all: true }, placement: 'PINNED' } },
      () => count('SELECT count(*) AS n FROM syndications WHERE item_id = $1', [itemId]),
      () =>
        count('SELECT count(*) AS n FROM syndications WHERE item_id = $1 AND target_tenant_id <> $2', [
          itemId,
          saigon,
        ]),
    );
    expect(outcome).toMatchObject({
      __typename: 'PushOutcome',
      alreadyThere: 0,
      pushed: [{ targetPortal: { primaryHost: SAIGON } }],
    });
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'syndication.pushed' AND subject_id = $1`,
        [(outcome.pushed as Array<{ id: string }>)[0].id],
      ),
    ).toBe(1);
  });

  it('requestReportExport: one file asked for, one job', async () => {
    const operator = ids['idem-operator'];
    const exported = await retried(
      'requestReportExport',
      tokens['idem-operator'],
      { p: '2026' },
      { p: '2025' },
      () =>
        count(`SELECT count(*) AS n FROM report_exports WHERE requested_by = $1 AND period = '2026'`, [
          operator,
        ]),
      () =>
        count(`SELECT count(*) AS n FROM report_exports WHERE requested_by = $1 AND period = '2025'`, [
          operator,
        ]),
    );
    expect(exported).toMatchObject({ __typename: 'ReportExport', period: '2026', format: 'CSV' });
  });

  it('createCollaborator: one collaborator', async () => {
    const collaborator = await retried(
      'createCollaborator',
      tokens['idem-operator'],
      { i: { tenantId: t.tenant(SAIGON).id, penName: 'Hải Âu', realName: 'Lê Văn Hải' } },
      { i: { tenantId: t.tenant(SAIGON).id, penName: 'Sóng Biển', realName: 'Lê Văn Hải' } },
      () => count(`SELECT count(*) AS n FROM royalty_collaborators WHERE pen_name = 'Hải Âu'`, []),
      () => count(`SELECT count(*) AS n FROM royalty_collaborators WHERE pen_name = 'Sóng Biển'`, []),
    );
    expect(collaborator).toMatchObject({ __typename: 'Collaborator', penName: 'Hải Âu' });
  });

  it('draftRoyaltyStatement: drafted once (no second drafting in the audit)', async () => {
    const saigon = t.tenant(SAIGON).id;
    const drafted = (month: string) => () =>
      count(
        `SELECT count(*) AS n FROM audit_log a JOIN royalty_statements s ON s.id::text = a.subject_id
          WHERE a.action LIKE 'royalty_statement.%drafted' AND s.tenant_id = $1 AND s.month = $2`,
        [saigon, month],
      );
    const statement = await retried(
      'draftRoyaltyStatement',
      tokens['idem-operator'],
      { t: saigon, m: '2025-01' },
      { t: saigon, m: '2025-02' },
      drafted('2025-01'),
      drafted('2025-02'),
    );
    expect(statement).toMatchObject({ __typename: 'RoyaltyStatement', month: '2025-01', state: 'DRAFTED' });
  });

  it('setCalendarOverride: one override, and deadlines count with it', async () => {
    const saigon = t.tenant(SAIGON).id;
    const day = (nameVi: string) => ({
      i: {
        tenantId: saigon,
        date: '2027-03-06',
        working: true,
        nameVi,
        source: 'Quyết định 15/QĐ-UBND',
      },
    });
    const override = await retried(
      'setCalendarOverride',
      tokens['idem-operator'],
      day('Làm bù ngày 08/03'),
      day('Làm bù ngày 09/03'),
      () =>
        count(
          `SELECT count(*) AS n FROM calendar_overrides WHERE tenant_id = $1 AND name_vi = 'Làm bù ngày 08/03'`,
          [saigon],
        ),
      () =>
        count(
          `SELECT count(*) AS n FROM calendar_overrides WHERE tenant_id = $1 AND name_vi = 'Làm bù ngày 09/03'`,
          [saigon],
        ),
    );
    expect(override).toMatchObject({ __typename: 'CalendarOverride', date: '2027-03-06', working: true });
    // The day the caller's transaction wrote is in force once it committed (2027-03-06 is a Saturday).
    const working = await t.gql<{ isWorkingDay: boolean }>(SAIGON, `{ isWorkingDay(date: "2027-03-06") }`);
    expect(working.body.data?.isWorkingDay).toBe(true);
  });

  it('grantRole: one assignment', async () => {
    const newcomer = ids.newcomer;
    const saigon = t.tenant(SAIGON).id;
    const held = (role: string, scope: string) => () =>
      count('SELECT count(*) AS n FROM role_assignments WHERE account_id = $1 AND role = $2 AND scope = $3', [
        newcomer,
        role,
        scope,
      ]);
    const assignment = await retried(
      'grantRole',
      tokens['idem-operator'],
      { i: { accountId: newcomer, tenantId: saigon, role: 'BOARD_HEAD' } },
      { i: { accountId: newcomer, tenantId: saigon, role: 'OPERATOR' } },
      held('BOARD_HEAD', 'TENANT'),
      held('OPERATOR', 'TENANT'),
    );
    expect(assignment).toMatchObject({ __typename: 'RoleAssignment', role: 'BOARD_HEAD', scope: 'TENANT' });
    // Without a key, a second grant is a second assignment, as before.
    const plain = { i: { accountId: newcomer, tenantId: saigon, role: 'BOARD_MEMBER', scope: 'SUBTREE' } };
    expect(await send('grantRole', plain, tokens['idem-operator'], null)).toMatchObject({
      __typename: 'RoleAssignment',
    });
    await send('grantRole', plain, tokens['idem-operator'], null);
    expect(await held('BOARD_MEMBER', 'SUBTREE')()).toBe(2);
  });
});
