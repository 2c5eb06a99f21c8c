import { Role, RoleScope } from '../libs/access/src';
import { openDatabase } from './support/fixtures';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';

describe('working-day calendar and deadlines over GraphQL', () => {
  let t: TestApp;
  let cityOperator: string;
  let wardOperator: string;
  let kiengiangOperator: string;
  let boardHead: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    cityOperator = await t.asUser('cal-city-op', Role.OPERATOR, CITY, RoleScope.SUBTREE);
    wardOperator = await t.asUser('cal-ward-op', Role.OPERATOR, WARD);
    kiengiangOperator = await t.asUser('cal-kg-op', Role.OPERATOR, 'kiengiang.gov.vn', RoleScope.SUBTREE);
    boardHead = await t.asUser('cal-board-head', Role.BOARD_HEAD, CITY, RoleScope.SUBTREE);
  });
  afterAll(() => t.close());

  const q = async (host: string, query: string, variables?: Record<string, unknown>, token?: string) =>
    (await t.gql(host, query, variables, { token })).body;

  it('answers the arithmetic across the Tết 2026 break', async () => {
    const body = await q(
      CITY,
      '{ a: addWorkingDays(date: "2026-02-13", days: 1) b: isWorkingDay(date: "2026-02-18") c: workingDaysBetween(from: "2026-02-13", to: "2026-02-23") d: isWorkingDay(date: "2026-01-10") }',
    );
    expect(body.data).toEqual({ a: '2026-02-23', b: false, c: 1, d: true });
  });

  it('refuses bad input with a typed error naming the field', async () => {
    const cases: Array<[string, string, string]> = [
      ['{ addWorkingDays(date: "2026-02-30", days: 1) }', 'INVALID_DATE', 'date'],
      ['{ addWorkingDays(date: "2026-02-10", days: -1) }', 'INVALID_WORKING_DAYS', 'days'],
      ['{ isWorkingDay(date: "1900-01-01") }', 'DATE_OUT_OF_RANGE', 'date'],
      ['{ workingDaysBetween(from: "2026-01-01", to: "tomorrow") }', 'INVALID_DATE', 'to'],
    ];
    for (const [query, code, field] of cases) {
      const body = await q(CITY, query);
      expect(body.data).toBeNull();
      expect(body.errors?.[0].extensions).toMatchObject({ code, field });
    }
  });

  it('lists the special days of a year with their reasons', async () => {
    const body = await q(CITY, '{ calendarYear(year: 2026) { date working origin nameVi } }');
    const days = body.data!.calendarYear as Array<{ date: string; working: boolean; origin: string }>;
    expect(days).toContainEqual(
      expect.objectContaining({ date: '2026-04-27', working: false, origin: 'ANNOUNCED' }),
    );
    expect(days).toContainEqual(
      expect.objectContaining({ date: '2026-08-22', working: true, origin: 'ANNOUNCED' }),
    );
    const computed = await q(CITY, '{ calendarYear(year: 2027) { date origin } }');
    expect(computed.data!.calendarYear).toContainEqual({ date: '2027-04-16', origin: 'STATUTORY' });
  });

  it('an operator override on the root changes due dates below it; a ward refines its own', async () => {
    // Policy dissemination: 15 working days after issue (hcmc-2024, art. 12.1.b).
    const due = async (host: string) =>
      (
        await q(
          host,
          '{ dueAt(kind: POLICY_DISSEMINATION, anchor: "2026-11-02T09:00:00+07:00") { dueDate dueAt rule { workingDays article profileKey } } }',
        )
      ).data!.dueAt;
    const before = await due(WARD);
    expect(before).toMatchObject({
      dueDate: '2026-11-23',
      rule: { workingDays: 15, article: expect.stringContaining('Điều 12'), profileKey: 'hcmc-2024' },
    });
    expect(before.dueAt).toBe('2026-11-23T16:59:59.999Z');

    const set = await q(
      CITY,
      'mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename ... on CalendarOverride { id date working } ... on InputError { errorCode field } } }',
      {
        i: {
          tenantId: t.tenant(CITY).id,
          date: '2026-11-10',
          working: false,
          nameVi: 'Nghỉ theo quyết định của Thành phố',
          source: 'Quyết định 1/QĐ-UBND',
        },
      },
      cityOperator,
    );
    expect(set.data!.setCalendarOverride).toMatchObject({
      __typename: 'CalendarOverride',
      date: '2026-11-10',
      working: false,
    });
    expect((await due(WARD)).dueDate).toBe('2026-11-24');
    expect((await due(CITY)).dueDate).toBe('2026-11-24');
    expect((await due('kiengiang.gov.vn')).dueDate).toBe('2026-11-23');

    // The ward works on Saturday 14 Nov (its own make-up day): its deadline moves back a day, the city's does not.
    const ward = await q(
      WARD,
      'mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename } }',
      {
        i: {
          tenantId: t.tenant(WARD).id,
          date: '2026-11-14',
          working: true,
          nameVi: 'Làm bù',
          source: 'Thông báo 2/TB-UBND',
        },
      },
      wardOperator,
    );
    expect(ward.data!.setCalendarOverride.__typename).toBe('CalendarOverride');
    expect((await due(WARD)).dueDate).toBe('2026-11-23');
    expect((await due(CITY)).dueDate).toBe('2026-11-24');

    // Withdrawing the city's day restores the due date; the row is kept, revoked, and both steps are audited.
    const id = set.data!.setCalendarOverride.id;
    const removed = await q(
      CITY,
      'mutation($id: String!) { removeCalendarOverride(id: $id) { __typename ... on CalendarOverride { revokedAt } } }',
      { id },
      cityOperator,
    );
    expect(removed.data!.removeCalendarOverride.revokedAt).not.toBeNull();
    expect((await due(CITY)).dueDate).toBe('2026-11-23');
    const client = await openDatabase(t);
    try {
      expect(
        (await client.query('SELECT revoked_at FROM calendar_overrides WHERE id = $1', [id])).rows[0]
          .revoked_at,
      ).not.toBeNull();
      const audit = await client.query('SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id', [
        id,
      ]);
      expect(audit.rows.map((r) => r.action)).toEqual(['calendar.override_set', 'calendar.override_removed']);
    } finally {
      await client.end();
    }
  });

  it('refuses overrides on a root the caller does not operate', async () => {
    const input = {
      tenantId: t.tenant(CITY).id,
      date: '2026-12-01',
      working: false,
      nameVi: 'Xâm phạm',
      source: 'Không',
    };
    const mutation =
      'mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename } }';
    // A ward operator cannot change its root's calendar, through either host.
    expect((await q(WARD, mutation, { i: input }, wardOperator)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await q(CITY, mutation, { i: input }, wardOperator)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Another province's operator, and a board head, cannot either; anonymous is not signed in.
    expect((await q(CITY, mutation, { i: input }, kiengiangOperator)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await q(CITY, mutation, { i: input }, boardHead)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await q(CITY, mutation, { i: input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await q(CITY, '{ calendarOverrides { date } }')).data!.calendarOverrides).toEqual([]);
  });

  it('validates override input', async () => {
    const mutation =
      'mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename ... on InputError { errorCode field } } }';
    const base = {
      tenantId: t.tenant(CITY).id,
      date: '2026-12-01',
      working: false,
      nameVi: 'Lý do',
      source: 'QĐ 3',
    };
    for (const [patch, code, field] of [
      [{ date: '2026-13-01' }, 'INVALID_DATE', 'date'],
      [{ nameVi: '  ' }, 'REQUIRED', 'nameVi'],
      [{ source: '' }, 'REQUIRED', 'source'],
      [{ tenantId: 'nope' }, 'TENANT_NOT_FOUND', 'tenantId'],
    ] as const) {
      const body = await q(CITY, mutation, { i: { ...base, ...patch } }, cityOperator);
      expect(body.data!.setCalendarOverride).toEqual({ __typename: 'InputError', errorCode: code, field });
    }
  });

  it('follows the portal’s policy profile, inherited down the tree, with its legal source', async () => {
    const news = async (host: string) =>
      (
        await q(
          host,
          '{ dueAt(kind: NEWS, anchor: "2026-11-20T10:00:00+07:00") { dueAt dueDate rule { type workingDays profileKey } } }',
        )
      ).data!.dueAt;
    expect((await news(WARD)).rule).toMatchObject({ type: 'IMMEDIATELY', profileKey: 'hcmc-2024' });

    const assign = await q(
      CITY,
      'mutation($t: String!) { setDeadlinePolicy(tenantId: $t, profileKey: "hcmc-culture-sports-2017") { __typename ... on DeadlinePolicy { key inheritedFrom } } }',
      { t: t.tenant('stp.hochiminhcity.gov.vn').id },
      cityOperator,
    );
    expect(assign.data!.setDeadlinePolicy).toMatchObject({ key: 'hcmc-culture-sports-2017' });
    const stp = await news('stp.hochiminhcity.gov.vn');
    expect(stp).toMatchObject({
      dueDate: '2026-11-24',
      rule: { type: 'WITHIN_WORKING_DAYS', workingDays: 2, profileKey: 'hcmc-culture-sports-2017' },
    });
    // Inherited rules keep their own source.
    const policy = (
      await q(
        'stp.hochiminhcity.gov.vn',
        '{ deadlinePolicy { key inheritedFrom rules { kind profileKey document } } }',
      )
    ).data!.deadlinePolicy;
    expect(policy.inheritedFrom).toBe(t.tenant('stp.hochiminhcity.gov.vn').id);
    expect(policy.rules).toContainEqual(
      expect.objectContaining({ kind: 'POLICY_DISSEMINATION', profileKey: 'hcmc-2024' }),
    );

    // The work schedule of the week of Monday 30 Nov 2026 is due before 11:00 on Saturday 28 Nov.
    const schedule = (
      await q(
        'stp.hochiminhcity.gov.vn',
        '{ dueAt(kind: WORK_SCHEDULE, anchor: "2026-12-02T08:00:00+07:00") { dueAt } }',
      )
    ).data!.dueAt;
    expect(schedule.dueAt).toBe('2026-11-28T04:00:00.000Z');
    // A kind the profile does not regulate is a clear error.
    const none = await q(
      WARD,
      '{ dueAt(kind: WORK_SCHEDULE, anchor: "2026-12-02T08:00:00+07:00") { dueAt } }',
    );
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'NO_DEADLINE_RULE', field: 'kind' });

    const unknown = await q(
      CITY,
      'mutation($t: String!) { setDeadlinePolicy(tenantId: $t, profileKey: "made-up") { __typename ... on InputError { errorCode field } } }',
      { t: t.tenant(CITY).id },
      cityOperator,
    );
    expect(unknown.data!.setDeadlinePolicy).toEqual({
      __typename: 'InputError',
      errorCode: 'UNKNOWN_POLICY_PROFILE',
      field: 'profileKey',
    });
    const foreign = await q(
      CITY,
      'mutation($t: String!) { setDeadlinePolicy(tenantId: $t, profileKey: "binhdinh-dic-2012") { __typename } }',
      { t: t.tenant(CITY).id },
      wardOperator,
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('imports an overrides file over GraphQL (as the command line does): all of it, or nothing with line-precise errors', async () => {
    const IMPORT = `mutation($t: ID!, $y: String!) { importCalendarOverrides(tenantId: $t, yaml: $y) {
      __typename ... on CalendarImport { added replaced unchanged } ... on InputError { errorCode field messageVi messageEn } } }`;
    const file = [
      'apiVersion: portal/v1',
      'kind: CalendarOverrides',
      'source: Quyết định 5/QĐ-UBND ngày 01/03/2027',
      'daysOff:',
      '  - { date: 2027-03-08, to: 2027-03-09, nameVi: Nghỉ theo quyết định của Phường }',
      'workingDays:',
      '  - { date: 2027-03-06, nameVi: Làm bù, nameEn: Make-up working day }',
    ].join('\n');
    const ward = t.tenant(WARD).id;
    const working = async () =>
      (
        await q(
          WARD,
          '{ sat: isWorkingDay(date: "2027-03-06") mon: isWorkingDay(date: "2027-03-08") tue: isWorkingDay(date: "2027-03-09") }',
        )
      ).data;
    expect(await working()).toEqual({ sat: false, mon: true, tue: true });

    // A wrong line: nothing is written, and the error names the line and the field.
    const broken = file.replace('date: 2027-03-06', 'date: 2027-02-30');
    const bad = await q(WARD, IMPORT, { t: ward, y: broken }, cityOperator);
    expect(bad.data!.importCalendarOverrides).toMatchObject({
      __typename: 'InputError',
      errorCode: 'INVALID_FILE',
      field: 'yaml',
    });
    expect(bad.data!.importCalendarOverrides.messageEn).toMatch(
      /^The file has errors \(line:column\) — 7:\d+ \/workingDays\/0\/date: /,
    );
    expect(bad.data!.importCalendarOverrides.messageVi).toContain('dòng:cột');
    expect(await working()).toEqual({ sat: false, mon: true, tue: true });

    // The city's SUBTREE operator imports it for the ward; again, it changes nothing.
    const done = await q(WARD, IMPORT, { t: ward, y: file }, cityOperator);
    expect(done.data!.importCalendarOverrides).toEqual({
      __typename: 'CalendarImport',
      added: 3,
      replaced: 0,
      unchanged: 0,
    });
    expect(await working()).toEqual({ sat: true, mon: false, tue: false });
    const again = await q(WARD, IMPORT, { t: ward, y: file }, wardOperator);
    expect(again.data!.importCalendarOverrides).toMatchObject({ added: 0, replaced: 0, unchanged: 3 });
    expect((await q(WARD, '{ calendarOverrides { date working source } }')).data!.calendarOverrides).toEqual(
      expect.arrayContaining([
        { date: '2027-03-06', working: true, source: 'Quyết định 5/QĐ-UBND ngày 01/03/2027' },
      ]),
    );

    // Not on the city (the ward operator does not operate it), not by a board head, not anonymously.
    const city = t.tenant(CITY).id;
    expect((await q(WARD, IMPORT, { t: city, y: file }, wardOperator)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await q(CITY, IMPORT, { t: city, y: file }, boardHead)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await q(CITY, IMPORT, { t: city, y: file })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await q(CITY, '{ calendarOverrides { date } }')).data!.calendarOverrides).toEqual([]);
  });
});
