import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { DeadlineService, applyManifestPolicies } from '../libs/calendar/src';
import { DeadlineReevaluationService, FreshnessService, RemindersService, WorkflowAction } from '../libs/editorial/src';
import { systemContext } from '../libs/platform/src';
import { HostRoutingService, parseTenantManifest } from '../libs/tenancy/src';
import { portal } from './support/cli';
import { TO_LIVE, advance, openDatabase } from './support/fixtures';
import { dataOf } from './support/gql';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Deadlines under each policy profile on the 2026 calendar's edges: Tết (16–20 February, with the
 * weekends around it), Hùng Kings' day on Sunday 26 April with its compensatory Monday 27 April,
 * 30 April and 1 May, the make-up Saturdays 10 January and 22 August (their swapped days off
 * 2 January and 31 August), National Day 1–2 September, and anchors on a day off. Every expected
 * date below was counted by hand on that calendar; the count is in the comment beside it.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn'; // hcmc-2024 (the default)
const STP = 'stp.hochiminhcity.gov.vn'; // hcmc-culture-sports-2017
const KG = 'kiengiang.gov.vn'; // kiengiang-641-2017
const BD = 'stttt.binhdinh.gov.vn'; // binhdinh-dic-2012
const ST = 'cchc.soctrang.gov.vn'; // soctrang-snv-517-2022

const TREES = `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Tỉnh Bình Định
  host: binhdinh.gov.vn
  children:
    - kind: DEPARTMENT
      nameVi: Sở Thông tin và Truyền thông
      label: stttt
      deadlinePolicy: binhdinh-dic-2012
`;
const SOCTRANG = `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Tỉnh Sóc Trăng
  host: soctrang.gov.vn
  children:
    - kind: THEMATIC
      nameVi: Trang thông tin điện tử cải cách hành chính
      label: cchc
      deadlinePolicy: soctrang-snv-517-2022
`;

/** The last millisecond of a local (UTC+07:00) date, as the API prints it. */
const endOf = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+07:00`)).toISOString();
const vn = (local: string) => new Date(`${local}+07:00`);

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id working { dueAt } } ... on InputError { errorCode field } } }`;
const QUEUE = `query { editorialQueue { itemId status dueAt boardDueAt } }`;

jest.setTimeout(240_000);

describe('statutory deadlines under each regulation', () => {
  let t: TestApp;
  let db: Client;
  const writers: Record<string, string> = {};
  const boards: Record<string, string> = {};

  const dueAt = async (host: string, kind: string, anchor: string) => {
    const body = (
      await t.gql(
        host,
        `query($k: InformationKind!, $a: DateTime!) { dueAt(kind: $k, anchor: $a) { dueAt dueDate rule { type workingDays article profileKey } } }`,
        {
          k: kind,
          a: anchor,
        },
      )
    ).body;
    return body;
  };
  const dueDate = async (host: string, kind: string, anchor: string) => {
    const body = await dueAt(host, kind, anchor);
    if (body.errors?.length) throw new Error(`${host} ${kind}: ${JSON.stringify(body.errors)}`);
    return body.data!.dueAt as {
      dueAt: string;
      dueDate: string;
      rule: { profileKey: string; article: string };
    };
  };

  const create = async (host: string, kind: string, fields: Record<string, unknown>, title?: string) => {
    const res = dataOf(
      await t.gql<{ createContent: { __typename: string; id: string; working: { dueAt: string | null } } }>(
        host,
        CREATE,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind,
            title: title ?? `Mục ${randomUUID().slice(0, 8)}`,
            bodyHtml: '<p>Nội dung.</p>',
            authorName: 'Nguyễn Văn A',
            source: 'Văn phòng',
            fields,
          },
        },
        { token: writers[host] },
      ),
    ).createContent;
    if (res.__typename !== 'ContentItem') throw new Error(JSON.stringify(res));
    return res;
  };
  const step = async (id: string, ...actions: WorkflowAction[]) => {
    await advance(t, id, actions);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    const routing = t.app.get(HostRoutingService);
    const deadlines = t.app.get(DeadlineService);
    for (const text of [TREES, SOCTRANG]) {
      await t.apply(text);
      const parsed = parseTenantManifest(text);
      if (!parsed.ok) throw new Error('manifest');
      const assigned = await applyManifestPolicies(
        systemContext('test'),
        parsed.manifest,
        routing,
        deadlines,
      );
      expect(assigned.problems).toEqual([]);
    }
    const system = systemContext('test');
    expect((await deadlines.assign(system, t.tenant(STP).id, 'hcmc-culture-sports-2017')).ok).toBe(true);
    expect((await deadlines.assign(system, t.tenant(KG).id, 'kiengiang-641-2017')).ok).toBe(true);
    for (const host of [SAIGON, STP, KG, BD, ST]) {
      const label = host.split('.')[0];
      writers[host] = await t.asUser(`dl-writer-${label}`, Role.CONTRIBUTOR, host);
      boards[host] = await t.asUser(`dl-head-${label}`, Role.BOARD_HEAD, host);
    }
    db = await openDatabase(t);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('each portal follows its own regulation, the manifest naming it', async () => {
    const keys = await Promise.all(
      [SAIGON, STP, KG, BD, ST].map(
        async (host) =>
          (await dueDate(host, 'POLICY_DISSEMINATION', '2026-03-02T09:00:00+07:00')).rule.profileKey,
      ),
    );
    expect(keys).toEqual([
      'hcmc-2024',
      'hcmc-2024',
      'kiengiang-641-2017',
      'hcmc-2024',
      'soctrang-snv-517-2022',
    ]);
    // Rạch Giá inherits Kiên Giang's profile from the province.
    expect(
      (await dueDate('rachgia.kiengiang.gov.vn', 'QA_ANSWER', '2026-03-02T09:00:00+07:00')).rule,
    ).toMatchObject({
      profileKey: 'kiengiang-641-2017',
      article: 'Điều 16 khoản 1 điểm đ',
    });
  });

  it('"immediately" (05/2024 art. 12.1.a) is the end of the anchor’s working day, the next one’s when it is a day off', async () => {
    const cases: Array<[string, string]> = [
      // A working Friday: the same day, not its midnight.
      ['2026-02-13T10:00:00+07:00', '2026-02-13'],
      // Saturday of the Tết weekend: Monday 23 February, the first working day after Tết.
      ['2026-02-14T08:00:00+07:00', '2026-02-23'],
      // Hùng Kings' day on Sunday 26 April, its compensatory Monday off: Tuesday 28 April.
      ['2026-04-26T09:00:00+07:00', '2026-04-28'],
      // The make-up Saturday 10 January is a working day: the same Saturday.
      ['2026-01-10T09:00:00+07:00', '2026-01-10'],
      // Friday 2 January, swapped day off: Monday 5 January.
      ['2026-01-02T09:00:00+07:00', '2026-01-05'],
    ];
    for (const [anchor, date] of cases) {
      const d = await dueDate(SAIGON, 'NEWS', anchor);
      expect([anchor, d.dueDate, d.dueAt]).toEqual([anchor, date, endOf(date)]);
      expect(d.rule).toMatchObject({ profileKey: 'hcmc-2024', article: 'Điều 12 khoản 1 điểm a' });
    }
    // Kiên Giang's "thông báo ngay" of an out-of-scope question received on Hùng Kings' Sunday.
    expect((await dueDate(KG, 'QA_OUT_OF_SCOPE_NOTICE', '2026-04-26T09:00:00+07:00')).dueDate).toBe(
      '2026-04-28',
    );
  });

  it('gives every profile’s rules on the calendar’s edges through dueAt', async () => {
    const cases: Array<[string, string, string, string]> = [
      // hcmc-2024
      // 15 wd after Fri 13 Feb: 23–27 Feb (5), 2–6 Mar (10), 9–13 Mar (15).
      [SAIGON, 'POLICY_DISSEMINATION', '2026-02-13', '2026-03-13'],
      // 2 wd after Fri 24 Apr: Mon 27 off (compensatory), Tue 28 (1), Wed 29 (2).
      [SAIGON, 'LEGAL_DOCUMENT_OWN', '2026-04-24', '2026-04-29'],
      // Same working day, anchor on the make-up Saturday 22 Aug.
      [SAIGON, 'QA_OUT_OF_SCOPE_NOTICE', '2026-08-22', '2026-08-22'],
      // 2 wd after Fri 28 Aug: 31 Aug, 1–2 Sep off; Thu 3 (1), Fri 4 (2).
      [SAIGON, 'QA_ROUTING', '2026-08-28', '2026-09-04'],
      // 20 wd after Fri 24 Apr: 28, 29 Apr (2), 4–8 May (7), 11–15 (12), 18–22 (17), 25–27 (20).
      [SAIGON, 'SCIENCE_PROGRAMME', '2026-04-24', '2026-05-27'],

      // hcmc-culture-sports-2017
      // 2 wd after Fri 13 Feb: Mon 23 (1), Tue 24 (2).
      [STP, 'NEWS', '2026-02-13', '2026-02-24'],
      // 5 wd after Fri 24 Apr: 28 (1), 29 (2), 30 Apr and 1 May off, Mon 4 (3), 5 (4), 6 (5).
      [STP, 'STATISTICS', '2026-04-24', '2026-05-06'],
      // 3 wd after the make-up Saturday 10 Jan: Mon 12 (1), 13 (2), 14 (3).
      [STP, 'INTRODUCTION', '2026-01-10', '2026-01-14'],
      // 2 wd after Fri 21 Aug: the make-up Saturday 22 (1), Mon 24 (2).
      [STP, 'BOARD_HANDLING', '2026-08-21', '2026-08-24'],

      // binhdinh-dic-2012
      // 1 wd after Fri 13 Feb: Mon 23 Feb.
      [BD, 'NEWS', '2026-02-13', '2026-02-23'],
      // 1 wd after Fri 9 Jan: the make-up Saturday 10 Jan.
      [BD, 'NEWS', '2026-01-09', '2026-01-10'],
      // Inherited from 05/2024, anchor on the compensatory Monday 27 Apr: 28 (1), 29 (2).
      [BD, 'LEGAL_DOCUMENT_OWN', '2026-04-27', '2026-04-29'],

      // kiengiang-641-2017
      // 10 wd after Fri 13 Feb: 23–27 Feb (5), 2–6 Mar (10).
      [KG, 'LEGAL_DOCUMENT_IN_SCOPE', '2026-02-13', '2026-03-06'],
      // 2 wd after Sun 26 Apr (a day off): 27 off, 28 (1), 29 (2).
      [KG, 'LEGAL_DOCUMENT_OWN', '2026-04-26', '2026-04-29'],
      // 10 wd after Fri 28 Aug: 3, 4 Sep (2), 7–11 (7), 14, 15, 16 (10).
      [KG, 'STRATEGY_PLAN_PROJECT', '2026-08-28', '2026-09-16'],
      // 15 wd after Fri 9 Jan: Sat 10 (1), 12–16 (6), 19–23 (11), 26–29 (15).
      [KG, 'QA_ANSWER', '2026-01-09', '2026-01-29'],
      // 20 wd after Fri 24 Apr, as above.
      [KG, 'SCIENCE_PROGRAMME', '2026-04-24', '2026-05-27'],

      // soctrang-snv-517-2022
      // 3 wd after Fri 13 Feb: 23 (1), 24 (2), 25 (3).
      [ST, 'NEWS', '2026-02-13', '2026-02-25'],
      // 10 wd after Fri 21 Aug: Sat 22 (1), 24–28 (6), 31 Aug–2 Sep off, 3, 4 (8), 7 (9), 8 (10).
      [ST, 'LEGAL_DOCUMENT_NORMATIVE', '2026-08-21', '2026-09-08'],
      // 2 wd after Fri 9 Jan: Sat 10 (1), Mon 12 (2).
      [ST, 'LEGAL_DOCUMENT_ADMINISTRATIVE', '2026-01-09', '2026-01-12'],
      // 10 wd after Fri 13 Feb, as Kiên Giang's in-scope documents.
      [ST, 'STATISTICS', '2026-02-13', '2026-03-06'],
    ];
    for (const [host, kind, anchor, date] of cases) {
      const d = await dueDate(host, kind, `${anchor}T09:00:00+07:00`);
      expect([host, kind, anchor, d.dueDate, d.dueAt]).toEqual([host, kind, anchor, date, endOf(date)]);
    }
    // The work schedule of the week of Monday 23 February is due before 11:00 on Saturday 21
    // February: the regulation names that Saturday, a day off or not (1376/QĐ-SVHTT art. 10.3).
    expect((await dueDate(STP, 'WORK_SCHEDULE', '2026-02-23T08:00:00+07:00')).dueAt).toBe(
      '2026-02-21T04:00:00.000Z',
    );
    // Kinds a regulation leaves untimed have no deadline there.
    for (const [host, kind] of [
      [KG, 'NEWS'],
      [KG, 'QA_ROUTING'],
      [ST, 'QA_ANSWER'],
      [SAIGON, 'LEGAL_DOCUMENT_IN_SCOPE'],
    ])
      expect((await dueAt(host, kind, '2026-03-02T09:00:00+07:00')).errors?.[0].extensions).toMatchObject({
        code: 'NO_DEADLINE_RULE',
      });
  });

  it('an item’s due date in the board queue follows its kind, anchor field and portal', async () => {
    const expected: Array<[string, string, Record<string, unknown>, string | null]> = [
      [SAIGON, 'NEWS', { eventDate: '2026-04-26' }, '2026-04-28'],
      // Dissemination is timed from the disseminated text's issue, not as news.
      [
        SAIGON,
        'LAW_DISSEMINATION',
        { textName: 'Luật An ninh mạng số 24/2018/QH14', textIssueDate: '2026-02-13' },
        '2026-03-13',
      ],
      [STP, 'NEWS', { eventDate: '2026-02-13' }, '2026-02-24'],
      [STP, 'ORGANISATION_PAGE', { changedOn: '2026-01-10' }, '2026-01-14'],
      [BD, 'CONTACT_ENTRY', { position: 'Chánh Văn phòng', changedOn: '2026-01-09' }, '2026-01-09'],
      [KG, 'SCIENCE_PROGRAMME', { approvalDate: '2026-04-24' }, '2026-05-27'],
      // The accepted results: 20 wd after Fri 21 Aug: 22 (1), 24–28 (6), 3, 4 Sep (8), 7–11 (13), 14–18 (18), 21, 22 (20).
      [KG, 'SCIENCE_PROGRAMME', { approvalDate: '2026-04-24', acceptanceDate: '2026-08-21' }, '2026-09-22'],
      [KG, 'NEWS', { eventDate: '2026-02-13' }, null],
      [
        ST,
        'LEGAL_DOCUMENT',
        {
          form: 'NGHI_DINH',
          issuer: 'Chính phủ',
          number: '42/2022/NĐ-CP',
          issueDate: '2026-08-21',
          excerpt: 'Quy định.',
        },
        '2026-09-08',
      ],
      [
        ST,
        'LEGAL_DOCUMENT',
        {
          form: 'CONG_VAN',
          issuer: 'Sở Nội vụ',
          number: '1/SNV',
          issueDate: '2026-01-09',
          excerpt: 'Hướng dẫn.',
        },
        '2026-01-12',
      ],
    ];
    const ids: string[] = [];
    for (const [host, kind, fields, date] of expected) {
      const item = await create(host, kind, fields);
      expect([host, kind, item.working.dueAt]).toEqual([host, kind, date && endOf(date)]);
      await step(item.id, WorkflowAction.SUBMIT);
      ids.push(item.id);
    }
    for (const [i, [host, kind, , date]] of expected.entries()) {
      const queue = dataOf(
        await t.gql<{ editorialQueue: Array<{ itemId: string; dueAt: string | null }> }>(
          host,
          QUEUE,
          {},
          { token: boards[host] },
        ),
      ).editorialQueue;
      expect([host, kind, queue.find((q) => q.itemId === ids[i])?.dueAt]).toEqual([
        host,
        kind,
        date && endOf(date),
      ]);
    }
    // The overdue queue and the reminders carry the same due date.
    const overdue = dataOf(
      await t.gql<{ editorialQueue: Array<{ itemId: string; dueAt: string }> }>(
        SAIGON,
        `query { editorialQueue(overdueOnly: true) { itemId dueAt } }`,
        {},
        { token: boards[SAIGON] },
      ),
    ).editorialQueue;
    expect(overdue).toContainEqual({ itemId: ids[0], dueAt: endOf('2026-04-28') });
    await t.app.get(RemindersService).raise(new Date());
    const { rows } = await db.query(
      `SELECT due_at FROM editorial_reminders WHERE item_id = $1 AND deadline = 'PUBLICATION' AND stage = 'OVERDUE'`,
      [ids[0]],
    );
    expect(rows.map((r) => new Date(r.due_at).toISOString())).toEqual([endOf('2026-04-28')]);
  });

  it('a dissemination item must name the text and its issue date; a science item’s acceptance follows its approval', async () => {
    const bad = async (kind: string, fields: Record<string, unknown>) =>
      (
        await t.gql(
          SAIGON,
          CREATE.replace('errorCode field', 'errorCode field'),
          {
            i: {
              tenantId: t.tenant(SAIGON).id,
              kind,
              title: 'X',
              bodyHtml: '<p>x</p>',
              authorName: 'A',
              source: 'B',
              fields,
            },
          },
          { token: writers[SAIGON] },
        )
      ).body.data!.createContent;
    expect(await bad('LAW_DISSEMINATION', { textName: 'Luật' })).toEqual({
      __typename: 'InputError',
      errorCode: 'REQUIRED',
      field: 'fields.textIssueDate',
    });
    expect(
      await bad('SCIENCE_PROGRAMME', { approvalDate: '2026-05-01', acceptanceDate: '2026-04-01' }),
    ).toEqual({
      __typename: 'InputError',
      errorCode: 'INVALID_PERIOD',
      field: 'fields.acceptanceDate',
    });
  });

  it('re-evaluates stored deadlines after a profile change or the old midnight reading', async () => {
    // A Kiên Giang district item written while the province had no profile of its own.
    const system = systemContext('test');
    const deadlines = t.app.get(DeadlineService);
    const RACHGIA = 'rachgia.kiengiang.gov.vn';
    writers[RACHGIA] = await t.asUser('dl-writer-rachgia', Role.CONTRIBUTOR, RACHGIA);
    expect((await deadlines.assign(system, t.tenant(KG).id, null)).ok).toBe(true);
    const doc = await create(RACHGIA, 'LEGAL_DOCUMENT', {
      form: 'QUYET_DINH',
      issuer: 'UBND tỉnh',
      number: '641/QĐ-UBND',
      issueDate: '2026-02-13',
      excerpt: 'Quy chế.',
      scope: 'IN_SCOPE',
    });
    expect(doc.working.dueAt).toBeNull(); // 05/2024 has no in-scope rule
    const news = await create(SAIGON, 'NEWS', { eventDate: '2026-02-13' });
    // As the platform used to store "immediately": the event date's midnight.
    await db.query(`UPDATE editorial_states SET due_at = '2026-02-12T17:00:00Z' WHERE item_id = $1`, [
      news.id,
    ]);
    expect((await deadlines.assign(system, t.tenant(KG).id, 'kiengiang-641-2017')).ok).toBe(true);

    const service = t.app.get(DeadlineReevaluationService);
    const first = await service.reevaluate(system, null);
    expect(first.changed).toBe(2);
    const due = async (id: string) =>
      (await db.query(`SELECT due_at FROM editorial_states WHERE item_id = $1`, [id])).rows.map((r) =>
        r.due_at ? new Date(r.due_at).toISOString() : null,
      );
    expect(await due(doc.id)).toEqual([endOf('2026-03-06')]);
    expect(await due(news.id)).toEqual([endOf('2026-02-13')]);
    expect((await service.reevaluate(system, null)).changed).toBe(0);
    const audit = await db.query(
      `SELECT tenant_id, after FROM audit_log WHERE action = 'editorial.deadlines_reevaluated' ORDER BY tenant_id`,
    );
    expect(audit.rows.map((r) => r.after.changed).sort()).toEqual([1, 1]);
  });

  it('answers the CLI with each profile’s rule and source', async () => {
    const env = { DATABASE_URL: t.databaseUrl };
    const cases: Array<[string, string, string, string]> = [
      [
        SAIGON,
        'NEWS',
        '2026-04-26',
        '2026-04-28\t2026-04-28T16:59:59.999Z\tIMMEDIATELY\tĐiều 12 khoản 1 điểm a',
      ],
      [
        STP,
        'NEWS',
        '2026-02-13',
        '2026-02-24\t2026-02-24T16:59:59.999Z\tWITHIN_WORKING_DAYS 2\tĐiều 10 khoản 2',
      ],
      [
        BD,
        'NEWS',
        '2026-01-09',
        '2026-01-10\t2026-01-10T16:59:59.999Z\tWITHIN_WORKING_DAYS 1\tĐiều 8 khoản 2 điểm a',
      ],
      [
        KG,
        'LEGAL_DOCUMENT_IN_SCOPE',
        '2026-02-13',
        '2026-03-06\t2026-03-06T16:59:59.999Z\tWITHIN_WORKING_DAYS 10\tĐiều 16 khoản 1 điểm c',
      ],
      [
        ST,
        'LEGAL_DOCUMENT_NORMATIVE',
        '2026-08-21',
        '2026-09-08\t2026-09-08T16:59:59.999Z\tWITHIN_WORKING_DAYS 10\tĐiều 10 khoản 1 điểm c',
      ],
    ];
    for (const [host, kind, date, line] of cases) {
      const r = await portal(['deadlines', 'due', kind, date, '--tenant', host], env);
      expect([host, r.code, r.stdout.split(',')[0]]).toEqual([host, 0, line]);
    }
    const reevaluated = await portal(['deadlines', 'reevaluate', '--tenant', KG], env);
    expect(reevaluated).toMatchObject({ code: 0 });
    expect(reevaluated.stdout).toMatch(
      /^revisions: \d+ examined, 0 changed; questions: \d+ examined, 0 changed\n$/,
    );
  });

  it('reports the share published on time over a period under each profile, counted by hand', async () => {
    // Anchor Monday 2 March 2026 (an ordinary week); published the same day, the next day and a week later.
    const stories: Array<[string, string, Record<string, unknown>]> = [
      [SAIGON, 'NEWS', { eventDate: '2026-03-02' }], // due Mon 2 Mar (immediately): 1 of 3 on time
      [STP, 'NEWS', { eventDate: '2026-03-02' }], // due Wed 4 Mar (2 wd): 2 of 3
      [BD, 'NEWS', { eventDate: '2026-03-02' }], // due Tue 3 Mar (1 wd): 2 of 3
      [
        KG,
        'LEGAL_DOCUMENT',
        {
          form: 'QUYET_DINH',
          issuer: 'Bộ',
          number: '1/QĐ',
          issueDate: '2026-03-02',
          excerpt: 'x',
          scope: 'IN_SCOPE',
        },
      ], // due Mon 16 Mar (10 wd): 3 of 3
      [ST, 'NEWS', { eventDate: '2026-03-02' }], // due Thu 5 Mar (3 wd): 2 of 3
    ];
    const publishedAt = [vn('2026-03-02T15:00:00'), vn('2026-03-03T15:00:00'), vn('2026-03-09T15:00:00')];
    for (const [host, kind, fields] of stories) {
      for (const at of publishedAt) {
        const item = await create(host, kind, fields);
        await step(
          item.id,
          WorkflowAction.SUBMIT,
          WorkflowAction.TAKE_FOR_REVIEW,
          WorkflowAction.APPROVE,
          WorkflowAction.PUBLISH,
        );
        // Written as it would have happened on that day: the real workflow, then its dates.
        await db.query(`UPDATE content_items SET published_at = $2 WHERE id = $1`, [item.id, at]);
        await db.query(`UPDATE workflow_events SET at = $2 WHERE item_id = $1`, [item.id, at]);
      }
    }
    const shares: Record<string, unknown> = {};
    for (const [host, kind] of stories) {
      const token = boards[host];
      const r = dataOf(
        await t.gql<{
          report: {
            total: {
              timeliness: Array<{
                kind: string;
                published: number;
                withDeadline: number;
                onTime: number;
                late: number;
              }>;
            };
          };
        }>(
          host,
          `query($t: ID, $p: String!) { report(tenantId: $t, period: $p) { total { timeliness { kind published withDeadline onTime late } } } }`,
          { t: t.tenant(host).id, p: '2026-03' },
          { token },
        ),
      ).report.total.timeliness.find((k) => k.kind === kind);
      shares[host] = r;
    }
    expect(shares).toEqual({
      [SAIGON]: { kind: 'NEWS', published: 3, withDeadline: 3, onTime: 1, late: 2 },
      [STP]: { kind: 'NEWS', published: 3, withDeadline: 3, onTime: 2, late: 1 },
      [BD]: { kind: 'NEWS', published: 3, withDeadline: 3, onTime: 2, late: 1 },
      [KG]: { kind: 'LEGAL_DOCUMENT', published: 3, withDeadline: 3, onTime: 3, late: 0 },
      [ST]: { kind: 'NEWS', published: 3, withDeadline: 3, onTime: 2, late: 1 },
    });
  });
});

describe('kept up to date: freshness rules in queues, reminders and reports', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};
  const FRESH = `query($o: Boolean) { freshnessQueue(overdueOnly: $o) { tenantId itemId kind scope ruleKey article profileKey lastReviewedAt reviewDueAt overdue } }`;
  const REVIEW = `mutation($i: ID!, $n: String) { markContentReviewed(itemId: $i, note: $n) { __typename ... on ContentReview { entries { itemId ruleKey reviewDueAt overdue lastReviewedAt } } ... on InputError { errorCode field } } }`;

  /** A live item published on `at` (the real workflow, then dated to that day). */
  const published = async (
    host: string,
    kind: string,
    fields: Record<string, unknown>,
    at: Date,
    language = 'vi',
  ) => {
    const res = await t.gql(
      host,
      CREATE,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind,
          language,
          title: `Giới thiệu ${randomUUID().slice(0, 6)}`,
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Văn phòng',
          source: 'Văn phòng',
          fields,
        },
      },
      { token: tokens[`w-${host}`] },
    );
    const id = res.body.data!.createContent.id as string;
    await advance(t, id, TO_LIVE);
    await db.query(`UPDATE content_items SET published_at = $2 WHERE id = $1`, [id, at]);
    await db.query(`UPDATE workflow_events SET at = $2 WHERE item_id = $1`, [id, at]);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    const system = systemContext('test');
    const deadlines = t.app.get(DeadlineService);
    expect((await deadlines.assign(system, t.tenant(KG).id, 'kiengiang-641-2017')).ok).toBe(true);
    expect((await deadlines.assign(system, t.tenant(STP).id, 'hcmc-culture-sports-2017')).ok).toBe(true);
    for (const host of [KG, STP, SAIGON]) {
      const label = host.split('.')[0];
      tokens[`w-${host}`] = await t.asUser(`fr-writer-${label}`, Role.CONTRIBUTOR, host);
      tokens[`h-${host}`] = await t.asUser(`fr-head-${label}`, Role.BOARD_HEAD, host);
    }
    db = await openDatabase(t);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('flags an item not reviewed for N working days, and a review restarts the count', async () => {
    // Published Mon 2 March 2026; 22 wd later: 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30, 31 Mar, 1 Apr (22).
    const page = await published(KG, 'ORGANISATION_PAGE', {}, vn('2026-03-02T10:00:00'));
    const english = await published(
      KG,
      'CONTACT_ENTRY',
      { position: 'Chánh Văn phòng' },
      vn('2026-03-02T10:00:00'),
      'en',
    );
    const queue = (await t.gql(KG, FRESH, { o: true }, { token: tokens[`h-${KG}`] })).body.data!
      .freshnessQueue as Array<Record<string, any>>;
    expect(queue.filter((e) => e.itemId === page)).toEqual([
      {
        tenantId: t.tenant(KG).id,
        itemId: page,
        kind: 'ORGANISATION_PAGE',
        scope: 'ITEM',
        ruleKey: 'introduction-contacts',
        article: 'Điều 16 khoản 1 điểm a',
        profileKey: 'kiengiang-641-2017',
        lastReviewedAt: vn('2026-03-02T10:00:00').toISOString(),
        reviewDueAt: endOf('2026-04-01'),
        overdue: true,
      },
    ]);
    // The English contact answers to art. 16.1.h, the Vietnamese page to 16.1.a, never both.
    expect(queue.filter((e) => e.itemId === english).map((e) => [e.ruleKey, e.article])).toEqual([
      ['foreign-language', 'Điều 16 khoản 1 điểm h'],
    ]);
    // The news section has had nothing published: due now.
    expect(queue.find((e) => e.scope === 'SECTION')).toMatchObject({
      itemId: null,
      ruleKey: 'news-direction',
      lastReviewedAt: null,
      overdue: true,
    });

    // Another portal's board neither sees nor reviews it.
    const saigonQueue = (await t.gql(SAIGON, FRESH, {}, { token: tokens[`h-${SAIGON}`] })).body.data!
      .freshnessQueue as Array<Record<string, any>>;
    expect(saigonQueue.filter((e) => e.tenantId === t.tenant(KG).id)).toEqual([]);
    expect(
      (await t.gql(SAIGON, REVIEW, { i: page }, { token: tokens[`h-${SAIGON}`] })).body.data!
        .markContentReviewed,
    ).toEqual({
      __typename: 'InputError',
      errorCode: 'NOT_FOUND',
      field: 'itemId',
    });

    const reviewed = (
      await t.gql(KG, REVIEW, { i: page, n: 'Đã rà soát, không thay đổi.' }, { token: tokens[`h-${KG}`] })
    ).body.data!.markContentReviewed;
    expect(reviewed.__typename).toBe('ContentReview');
    expect(reviewed.entries).toHaveLength(1);
    expect(reviewed.entries[0]).toMatchObject({ itemId: page, overdue: false });
    expect(Date.parse(reviewed.entries[0].reviewDueAt)).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    const after = (await t.gql(KG, FRESH, { o: true }, { token: tokens[`h-${KG}`] })).body.data!
      .freshnessQueue as Array<Record<string, any>>;
    expect(after.map((e) => e.itemId)).not.toContain(page);
    const history = await db.query(
      `SELECT action, actor_account_id IS NOT NULL AS actor, note FROM workflow_events WHERE item_id = $1 AND action = 'REVIEW'`,
      [page],
    );
    expect(history.rows).toEqual([{ action: 'REVIEW', actor: true, note: 'Đã rà soát, không thay đổi.' }]);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'content.review' AND subject_id = $1`,
      [page],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('reminds the unit monthly where the regulation says so (1376 art. 19.3), and when a review is overdue', async () => {
    const stpPage = await published(STP, 'ORGANISATION_PAGE', {}, vn('2026-03-02T10:00:00'));
    const saigonPage = await published(SAIGON, 'ORGANISATION_PAGE', {}, vn('2026-03-02T10:00:00'));
    const now = vn('2026-12-01T08:00:00');
    await t.app.get(FreshnessService).raiseReminders(now);
    const stages = async (id: string) =>
      (
        await db.query(
          `SELECT stage, due_at FROM editorial_reminders WHERE item_id = $1 AND deadline = 'REVIEW' ORDER BY stage`,
          [id],
        )
      ).rows.map((r) => [r.stage, new Date(r.due_at).toISOString()]);
    expect(await stages(stpPage)).toEqual([
      ['MONTHLY_2026_12', endOf('2026-04-01')],
      ['OVERDUE', endOf('2026-04-01')],
    ]);
    // 05/2024 asks no monthly review: only the overdue reminder.
    expect(await stages(saigonPage)).toEqual([['OVERDUE', endOf('2026-04-01')]]);
    // Raised once.
    expect(await t.app.get(FreshnessService).raiseReminders(now)).toBe(0);
    // The unit's writer reads them with its other reminders.
    const reminders = (
      await t.gql(
        STP,
        `query { editorialReminders { itemId deadline stage } }`,
        {},
        { token: tokens[`w-${STP}`] },
      )
    ).body;
    expect(reminders.data?.editorialReminders ?? reminders.errors).toEqual(
      expect.arrayContaining([{ itemId: stpPage, deadline: 'REVIEW', stage: 'MONTHLY_2026_12' }]),
    );
  });

  it('fails the report’s freshness check once an item is past its review date', async () => {
    const page = await published(
      SAIGON,
      'CONTACT_ENTRY',
      { position: 'Chủ tịch' },
      vn('2026-01-05T10:00:00'),
    );
    // 22 wd after Mon 5 Jan: 6–9 (4), 10 make-up Saturday (5), 12–16 (10), 19–23 (15), 26–30 (20), 2, 3 Feb (22).
    const check = async (period: string) => {
      const body = (
        await t.gql(
          SAIGON,
          `query($t: ID, $p: String!) { report(tenantId: $t, period: $p) { portals { rules { key outcome findings article } } } }`,
          { t: t.tenant(SAIGON).id, p: period },
          { token: tokens[`h-${SAIGON}`] },
        )
      ).body;
      return (body.data!.report.portals[0].rules as Array<Record<string, any>>).find(
        (r) => r.key === 'freshness-introduction-contacts',
      )!;
    };
    expect(await check('2026-01')).toMatchObject({
      outcome: 'PASSED',
      findings: [],
      article: 'Điều 12 khoản 1 điểm a',
    });
    const feb = await check('2026-02');
    expect(feb.outcome).toBe('FAILED');
    expect(feb.findings).toEqual([expect.stringMatching(/rà soát lần cuối 2026-01-05, hạn 2026-02-03$/)]);
    expect(page).toBeTruthy();
  });
});
