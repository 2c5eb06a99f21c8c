import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';
import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { DeadlineService } from '../libs/calendar/src';
import { EditorialService, RefusalReason, WorkflowAction } from '../libs/editorial/src';
import { QuestionUnitsService } from '../libs/engagement/src/questions/question-units.service';
import { SyndicationService } from '../libs/federation/src';
import { systemContext } from '../libs/platform/src';
import { DOWNLOAD_LINK_SECONDS, ReportExportJobService, signedDownloadPath } from '../libs/reporting/src';
import { portalBytes } from './support/cli';
import { Cast, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { GqlResponse, TestApp } from './support/test-app';

/**
 * A seeded tree whose every figure is checked against values computed by
 * hand. The history (publication days in February and March 2026, board decisions, questions)
 * is written as it would have happened on those days: items go through the real workflow (so
 * their statutory due dates are the platform's own), then their timestamps are set to the days
 * of the story.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';
const RACHGIA = 'rachgia.kiengiang.gov.vn';
const CHAUTHANH = 'chauthanh.kiengiang.gov.vn';
const KG = 'kiengiang.gov.vn';

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode field } } }`;
const FIGURES = `published { total byKind { key count } byCategory { key count } byUnit { key count } byLanguage { key count } }
  syndication { sentUp receivedUp pushedDown receivedDown refusedUp }
  timeliness { kind published withDeadline onTime late }
  board { decided withDeadline onTime late medianHours p90Hours }
  questions { received questions feedback forwardedAway handled forwardedIn routed routedOnTime routedLate outOfScope answered answeredOnTime answerLate published }
  consultations { held comments commentsPublished commentsRejected commentsPending }
  ratings { count interface content quality support }
  refusals { refused byReason { key count } returned }
  throughput { username tookForReview returned refused approved scheduled published withdrawn }
  accounts { role holders active }`;
const REPORT = `query($t: ID, $p: String!, $s: ReportScope) { report(tenantId: $t, period: $p, scope: $s) {
  scope period from to portalCount root { host }
  total { ${FIGURES} }
  portals { portal { host } figures { ${FIGURES} } rules { key outcome findings document article } }
  ruleSummaries { key passed failed notApplicable failedPortals } } }`;

type Figures = Record<string, any>;
type Report = {
  scope: string;
  period: string;
  from: string;
  to: string;
  portalCount: number;
  root: { host: string } | null;
  total: Figures;
  portals: Array<{
    portal: { host: string };
    figures: Figures;
    rules: Array<{ key: string; outcome: string; findings: string[]; document: string; article: string }>;
  }>;
  ruleSummaries: Array<{
    key: string;
    passed: number;
    failed: number;
    notApplicable: number;
    failedPortals: string[];
  }>;
};

/** An instant given in Vietnamese local time. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('reports: figures, rule checks and files', () => {
  let t: TestApp;
  let db: Client;
  const cast = new Cast(() => t);
  const { tokens, accounts } = cast;

  const { grant } = cast;

  /** An item taken through the real workflow, then dated to the day of the story. */
  const publish = async (
    host: string,
    writer: string,
    at: Date,
    input: Record<string, unknown> = {},
  ): Promise<string> => {
    const res = dataOf(
      await t.gql<{ createContent: { __typename: string; id: string } }>(
        host,
        CREATE,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            title: `Tin ${randomUUID().slice(0, 8)}`,
            bodyHtml: '<p>Nội dung.</p>',
            authorName: 'Nguyễn Văn A',
            source: 'UBND',
            fields: {},
            ...input,
          },
        },
        { token: tokens[writer] },
      ),
    ).createContent;
    expect(res.__typename).toBe('ContentItem');
    const editorial = t.app.get(EditorialService);
    for (const a of [
      WorkflowAction.SUBMIT,
      WorkflowAction.TAKE_FOR_REVIEW,
      WorkflowAction.APPROVE,
      WorkflowAction.PUBLISH,
    ]) {
      const r = await editorial.transition(systemContext('test'), res.id, a);
      if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
    }
    await db.query(`UPDATE content_items SET published_at = $2 WHERE id = $1`, [res.id, at]);
    await db.query(`UPDATE workflow_events SET at = $2 WHERE item_id = $1 AND action = 'PUBLISH'`, [
      res.id,
      at,
    ]);
    // The earlier steps happened long before the periods reported on here.
    await db.query(
      `UPDATE workflow_events SET at = '2025-06-01T00:00:00Z' WHERE item_id = $1 AND action <> 'PUBLISH'`,
      [res.id],
    );
    return res.id;
  };

  const report = async (who: string, host: string, variables: Record<string, unknown>) =>
    t.gql<{ report: Report }>(host, REPORT, variables, { token: tokens[who] });
  const portalOf = (r: Report, host: string) => r.portals.find((p) => p.portal.host === host)!;

  beforeAll(async () => {
    ({ t, db } = await startSeededApp());

    await grant('writer-a', Role.CONTRIBUTOR, BENTHANH);
    await grant('writer-b', Role.CONTRIBUTOR, BENTHANH);
    await grant('writer-saigon', Role.CONTRIBUTOR, SAIGON);
    await grant('head-benthanh', Role.BOARD_HEAD, BENTHANH);
    await grant('owner-tandinh', Role.OWNER, TANDINH);
    await grant('central', Role.MANAGER, CITY, RoleScope.SUBTREE);
    await grant('manager-rachgia', Role.MANAGER, RACHGIA, RoleScope.SUBTREE);
    await grant('manager-chauthanh', Role.MANAGER, CHAUTHANH, RoleScope.SUBTREE);
    await grant('member-benthanh', Role.BOARD_MEMBER, BENTHANH);
    // Everyone has held their role since the start of the year.
    await db.query(`UPDATE role_assignments SET valid_from = '2026-01-01T00:00:00+07:00'`);

    const system = systemContext('test');
    // Sài Gòn follows the Bình Định profile (news within 1 working day); Bến Thành the culture one
    // (its report rules: 4 news a month per unit, an update every working day, the work schedule).
    expect(
      (await t.app.get(DeadlineService).assign(system, t.tenant(SAIGON).id, 'binhdinh-dic-2012')).ok,
    ).toBe(true);
    expect(
      (await t.app.get(DeadlineService).assign(system, t.tenant(BENTHANH).id, 'hcmc-culture-sports-2017')).ok,
    ).toBe(true);

    // Tết 2026: 14–22 February off (announced 16–20 plus two weekends). News of an event on Friday
    // 13 February is due by the end of the next working day: Monday 23 February.
    await publish(SAIGON, 'writer-saigon', vn('2026-02-23T15:00:00'), {
      fields: { eventDate: '2026-02-13' },
    });
    await publish(SAIGON, 'writer-saigon', vn('2026-02-24T09:00:00'), {
      title: 'Tin trễ sau Tết',
      fields: { eventDate: '2026-02-13' },
    });

    // Bến Thành in March 2026: two units; the Văn phòng supplies 4 news, the Phòng Văn hóa 3.
    const units = t.app.get(QuestionUnitsService);
    for (const [name, member] of [
      ['Văn phòng', 'writer-a'],
      ['Phòng Văn hóa', 'writer-b'],
    ] as const) {
      const u = await units.create(system, {
        tenantId: t.tenant(BENTHANH).id,
        name,
        memberAccountIds: [accounts[member]],
      });
      expect(u.ok).toBe(true);
    }
    const days = ['02', '03', '04', '05', '06', '09', '10'];
    for (const [i, day] of days.entries())
      await publish(BENTHANH, i < 4 ? 'writer-a' : 'writer-b', vn(`2026-03-${day}T10:00:00`));

    // Board decisions in March: 4 h, 10 h and 60 h after submission, against a 48 h deadline;
    // the 60 h one is a refusal for inaccuracy. The head decides.
    const decisions: Array<[number, WorkflowAction, RefusalReason?]> = [
      [4, WorkflowAction.APPROVE],
      [10, WorkflowAction.APPROVE],
      [60, WorkflowAction.REFUSE, RefusalReason.INACCURATE_OR_LOW_QUALITY],
    ];
    const editorial = t.app.get(EditorialService);
    for (const [hours, action, reason] of decisions) {
      const created = dataOf(
        await t.gql<{ createContent: { id: string } }>(
          BENTHANH,
          CREATE,
          {
            i: {
              tenantId: t.tenant(BENTHANH).id,
              kind: 'NEWS',
              title: `Quyết định sau ${hours} giờ`,
              bodyHtml: '<p>x</p>',
              authorName: 'A',
              source: 'B',
              fields: {},
            },
          },
          { token: tokens['writer-a'] },
        ),
      ).createContent;
      for (const a of [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW, action]) {
        const r = await editorial.transition(
          system,
          created.id,
          a,
          a === WorkflowAction.REFUSE ? { reason } : {},
        );
        if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
      }
      const submitted = vn('2026-03-16T08:00:00');
      await db.query(`UPDATE editorial_states SET submitted_at = $2, board_due_at = $3 WHERE item_id = $1`, [
        created.id,
        submitted,
        new Date(submitted.getTime() + 48 * 3_600_000),
      ]);
      await db.query(`UPDATE workflow_events SET at = '2025-06-01T00:00:00Z' WHERE item_id = $1`, [
        created.id,
      ]);
      await db.query(`UPDATE workflow_events SET at = $2 WHERE item_id = $1 AND action = 'SUBMIT'`, [
        created.id,
        submitted,
      ]);
      await db.query(
        `UPDATE workflow_events SET at = $2, actor_account_id = $3 WHERE item_id = $1 AND action = $4`,
        [created.id, new Date(submitted.getTime() + hours * 3_600_000), accounts['head-benthanh'], action],
      );
    }

    // Syndication: a Sài Gòn item accepted by the city in March.
    const upId = await publish(SAIGON, 'writer-saigon', vn('2026-03-11T09:00:00'), {
      title: 'Tin được Thành phố sử dụng',
    });
    const synd = t.app.get(SyndicationService);
    const proposed = await synd.propose(system, upId, t.tenant(CITY).id);
    if (!proposed.ok) throw new Error(proposed.error.code);
    const accepted = await synd.accept(system, proposed.value.id, {});
    if (!accepted.ok) throw new Error(accepted.error.code);
    await db.query(`UPDATE syndications SET placed_at = $2, decided_at = $2 WHERE id = $1`, [
      proposed.value.id,
      vn('2026-03-12T09:00:00'),
    ]);

    // Questions of Tân Định in March 2026 (2 WD to route, 15 WD to answer).
    const q = async (v: {
      tenant: string;
      origin: string;
      status: string;
      type?: string;
      received: string;
      routingDue: string;
      routed?: string;
      answerDue?: string;
      answered?: string;
    }) =>
      db.query(
        `INSERT INTO questions (id, tenant_id, origin_tenant_id, handler_tenant_id, type, tracking_code, status,
           asker_name, asker_email, topic, text, public_text, answer, received_at, handling_since, routing_due_at,
           routed_at, answer_due_at, answered_at, published_at)
         VALUES ($1, $2, $3, $2, $4, $5, $6, 'Trần Thị B', 'b@example.vn', 'Hộ tịch', 'Câu hỏi?',
           CASE WHEN $6 = 'PUBLISHED' THEN 'Câu hỏi?' END, CASE WHEN $6 = 'PUBLISHED' THEN 'Trả lời.' END,
           $7, $7, $8, $9, $10, $11, CASE WHEN $6 = 'PUBLISHED' THEN $11::timestamptz END)`,
        [
          randomUUID(),
          t.tenant(v.tenant).id,
          t.tenant(v.origin).id,
          v.type ?? 'QUESTION',
          `HD-${randomUUID()}`,
          v.status,
          vn(v.received),
          vn(v.routingDue),
          v.routed ? vn(v.routed) : null,
          v.answerDue ? vn(v.answerDue) : null,
          v.answered ? vn(v.answered) : null,
        ],
      );
    await q({
      tenant: TANDINH,
      origin: TANDINH,
      status: 'PUBLISHED',
      received: '2026-03-02T09:00:00',
      routingDue: '2026-03-04T23:59:59',
      routed: '2026-03-03T09:00:00',
      answerDue: '2026-03-24T23:59:59',
      answered: '2026-03-20T09:00:00',
    });
    await q({
      tenant: TANDINH,
      origin: TANDINH,
      status: 'ANSWERED',
      type: 'FEEDBACK',
      received: '2026-03-02T10:00:00',
      routingDue: '2026-03-04T23:59:59',
      routed: '2026-03-05T09:00:00',
      answerDue: '2026-03-24T23:59:59',
      answered: '2026-03-26T09:00:00',
    });
    await q({
      tenant: TANDINH,
      origin: TANDINH,
      status: 'OUT_OF_SCOPE',
      received: '2026-03-03T09:00:00',
      routingDue: '2026-03-05T23:59:59',
    });
    // Forwarded to Bến Thành and never answered: overdue there by the end of March.
    await q({
      tenant: BENTHANH,
      origin: TANDINH,
      status: 'ROUTED',
      received: '2026-03-04T09:00:00',
      routingDue: '2026-03-06T23:59:59',
      routed: '2026-03-05T09:00:00',
      answerDue: '2026-03-25T23:59:59',
    });
    for (const s of [
      [5, 4, 3, 2],
      [3, 4, 5, 4],
    ])
      await db.query(
        `INSERT INTO portal_ratings (id, tenant_id, score_interface, score_content, score_quality, score_support, address_hash, rated_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-03-10')`,
        [randomUUID(), t.tenant(TANDINH).id, ...s, randomUUID()],
      );
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('counts an item published on the Monday after Tết as on time, the next day as late, in working days', async () => {
    const r = dataOf(await report('central', CITY, { t: t.tenant(SAIGON).id, p: '2026-02' })).report;
    expect([r.from, r.to, r.portalCount]).toEqual(['2026-02-01', '2026-02-28', 1]);
    expect(r.total.published.total).toBe(2);
    expect(r.total.timeliness).toEqual([{ kind: 'NEWS', published: 2, withDeadline: 2, onTime: 1, late: 1 }]);
    const late = dataOf(
      await t.gql<{
        reportLateItems: Array<{ title: string; dueAt: string; publishedAt: string; cursor: string }>;
      }>(
        CITY,
        `query { reportLateItems(tenantId: "${t.tenant(SAIGON).id}", period: "2026-02") { title dueAt publishedAt cursor } }`,
        {},
        { token: tokens.central },
      ),
    ).reportLateItems;
    const cursor = late[0].cursor;
    expect(late.map(({ cursor: _, ...rest }) => rest)).toEqual([
      {
        title: 'Tin trễ sau Tết',
        // The end of Monday 23 February, Vietnamese time.
        dueAt: '2026-02-23T16:59:59.999Z',
        publishedAt: '2026-02-24T02:00:00.000Z',
      },
    ]);
    // The cursor pages on: nothing after the only late item.
    const next = dataOf(
      await t.gql<{ reportLateItems: unknown[] }>(
        CITY,
        `query($a: String) { reportLateItems(tenantId: "${t.tenant(SAIGON).id}", period: "2026-02", first: 1, after: $a) { title } }`,
        { a: cursor },
        { token: tokens.central },
      ),
    ).reportLateItems;
    expect(next).toEqual([]);
  });

  it('gives every figure of a portal for March, and checks its rules naming their sources', async () => {
    const r = dataOf(await report('head-benthanh', BENTHANH, { p: '2026-03' })).report;
    const f = r.total;
    expect(f.published.total).toBe(7);
    expect(f.published.byKind).toEqual([{ key: 'NEWS', count: 7 }]);
    expect(f.published.byUnit).toEqual([
      { key: 'Văn phòng', count: 4 },
      { key: 'Phòng Văn hóa', count: 3 },
    ]);
    expect(f.published.byLanguage).toEqual([{ key: 'vi', count: 7 }]);
    // No event date given: their deadline runs from when they were written (today, after the dates
    // they were dated to), so all seven are on time.
    expect(f.timeliness).toEqual([{ kind: 'NEWS', published: 7, withDeadline: 7, onTime: 7, late: 0 }]);
    expect(f.board).toEqual({
      decided: 3,
      withDeadline: 3,
      onTime: 2,
      late: 1,
      medianHours: 10,
      p90Hours: 50,
    });
    expect(f.refusals).toEqual({
      refused: 1,
      byReason: [{ key: 'INACCURATE_OR_LOW_QUALITY', count: 1 }],
      returned: 0,
    });
    expect(f.throughput).toEqual([
      {
        username: 'head-benthanh',
        tookForReview: 0,
        returned: 0,
        refused: 1,
        approved: 2,
        scheduled: 0,
        published: 0,
        withdrawn: 0,
      },
    ]);
    expect(f.accounts).toEqual([
      { role: 'BOARD_HEAD', holders: 1, active: 1 },
      { role: 'BOARD_MEMBER', holders: 1, active: 0 },
      { role: 'CONTRIBUTOR', holders: 2, active: 0 },
    ]);
    // The question forwarded in from Tân Định, unanswered past its due date.
    expect(f.questions).toMatchObject({
      received: 0,
      handled: 1,
      forwardedIn: 1,
      routed: 1,
      routedOnTime: 1,
      answered: 0,
      answerLate: 1,
    });

    const rules = Object.fromEntries(r.portals[0].rules.map((x) => [x.key, x]));
    expect(rules['unit-news-monthly']).toMatchObject({
      outcome: 'FAILED',
      findings: ['Phòng Văn hóa — 2026-03: 3/4'],
      article: 'Điều 18 khoản 3',
    });
    expect(rules['unit-news-monthly'].document).toMatch(/1376\/QĐ-SVHTT/);
    // 22 working days in March 2026; publications on 7 of them.
    expect(rules['updated-every-working-day'].outcome).toBe('FAILED');
    expect(rules['updated-every-working-day'].findings).toHaveLength(15);
    expect(rules['updated-every-working-day'].findings).toContain('2026-03-11');
    expect(rules['updated-every-working-day'].findings).not.toContain('2026-03-10');
    expect(rules['english-introduction-contacts']).toMatchObject({
      outcome: 'FAILED',
      findings: ['ORGANISATION_PAGE (en)', 'CONTACT_ENTRY (en)'],
      article: 'Điều 7',
    });
    expect(rules['english-introduction-contacts'].document).toMatch(/42\/2022\/NĐ-CP/);
    // Mondays 2, 9, 16, 23 and 30 March: no work schedule published.
    expect(rules['weekly-work-schedule'].findings).toEqual(
      ['02', '09', '16', '23', '30'].map((d) => `2026-03-${d}: chưa đăng / not published`),
    );
  });

  it('counts questions on the portal asked and on the portal holding them, and averages ratings', async () => {
    const r = dataOf(await report('owner-tandinh', TANDINH, { p: '2026-03' })).report;
    expect(r.total.questions).toEqual({
      received: 4,
      questions: 3,
      feedback: 1,
      forwardedAway: 1,
      handled: 3,
      forwardedIn: 0,
      routed: 2,
      routedOnTime: 1,
      routedLate: 1,
      outOfScope: 1,
      answered: 2,
      answeredOnTime: 1,
      answerLate: 1,
      published: 1,
    });
    expect(r.total.ratings).toEqual({ count: 2, interface: 4, content: 4, quality: 4, support: 3 });
    expect(r.total.consultations).toEqual({
      held: 0,
      comments: 0,
      commentsPublished: 0,
      commentsRejected: 0,
      commentsPending: 0,
    });
  });

  it('rolls a subtree up without counting a syndicated copy twice', async () => {
    const r = dataOf(await report('central', CITY, { p: '2026-03', s: 'SUBTREE' })).report;
    expect(r.portalCount).toBe(5);
    // Bến Thành 7 + Sài Gòn 1 (the copy on the city is not an item of the city).
    expect(r.total.published.total).toBe(8);
    expect(portalOf(r, CITY).figures.published.total).toBe(0);
    expect(portalOf(r, SAIGON).figures.syndication).toMatchObject({ sentUp: 1, receivedUp: 0 });
    expect(portalOf(r, CITY).figures.syndication).toMatchObject({ sentUp: 0, receivedUp: 1 });
    expect(r.total.syndication).toMatchObject({ sentUp: 1, receivedUp: 1 });
    // The forwarded question: received once (Tân Định), handled once (Bến Thành).
    expect(r.total.questions).toMatchObject({ received: 4, handled: 4, forwardedAway: 1, forwardedIn: 1 });
    const sum = r.portals.reduce((n, p) => n + p.figures.published.total, 0);
    expect(sum).toBe(r.total.published.total);
    expect(r.ruleSummaries.find((s) => s.key === 'unit-news-monthly')).toMatchObject({
      failed: 1,
      failedPortals: [BENTHANH],
    });
  });

  it('lets each reader see only what its role reaches', async () => {
    const forbidden = (res: GqlResponse<unknown>) =>
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A ward's owner sees its ward, not a sibling, not the city.
    expect(dataOf(await report('owner-tandinh', TANDINH, { p: '2026-03' })).report.root!.host).toBe(TANDINH);
    forbidden(await report('owner-tandinh', TANDINH, { t: t.tenant(BENTHANH).id, p: '2026-03' }));
    forbidden(await report('owner-tandinh', TANDINH, { t: t.tenant(CITY).id, p: '2026-03', s: 'SUBTREE' }));
    // A district manager with SUBTREE scope sees its district and wards; not the sibling district.
    const district = dataOf(await report('manager-rachgia', RACHGIA, { p: '2026-H1', s: 'SUBTREE' })).report;
    expect(district.portalCount).toBe(3);
    forbidden(await report('manager-rachgia', RACHGIA, { t: t.tenant(CHAUTHANH).id, p: '2026-H1' }));
    forbidden(
      await report('manager-chauthanh', CHAUTHANH, { t: t.tenant(RACHGIA).id, p: '2026-H1', s: 'SUBTREE' }),
    );
    forbidden(await report('manager-rachgia', RACHGIA, { t: t.tenant(KG).id, p: '2026-H1' }));
    // A board member and a contributor read no reports; nobody but the platform reads the federation's.
    forbidden(await report('member-benthanh', BENTHANH, { p: '2026-03' }));
    forbidden(await report('writer-a', BENTHANH, { p: '2026-03' }));
    forbidden(await report('central', CITY, { p: '2026-03', s: 'FEDERATION' }));
  });

  it('refuses bad periods and unknown portals with a typed error naming the field', async () => {
    for (const p of [
      'H1-2026',
      '2026-13',
      '2026-Q5',
      '2026-02-30..2026-03-01',
      '2026-03-10..2026-03-01',
      '2020-01-01..2026-01-02',
    ]) {
      const res = await report('central', CITY, { p });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_PERIOD', field: 'period' });
    }
    const res = await report('central', CITY, { t: 'not-a-uuid', p: '2026-03' });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'TENANT_NOT_FOUND', field: 'tenantId' });
    const bad = await t.gql<{
      requestReportExport: { __typename: string; errorCode: string; field: string };
    }>(
      CITY,
      `mutation { requestReportExport(period: "2026-H3", format: XLSX) { __typename ... on InputError { errorCode field } } }`,
      {},
      { token: tokens.central },
    );
    expect(dataOf(bad).requestReportExport).toEqual({
      __typename: 'InputError',
      errorCode: 'INVALID_PERIOD',
      field: 'period',
    });
  });

  it('writes the XLSX a clerk opens, read back by an independent reader, and a CSV with a BOM', async () => {
    const request = async (format: string) => {
      const res = dataOf(
        await t.gql<{ requestReportExport: { id: string; status: string } }>(
          CITY,
          `mutation { requestReportExport(period: "2026-03", format: ${format}, scope: SUBTREE) { ... on ReportExport { id status } } }`,
          {},
          { token: tokens.central },
        ),
      ).requestReportExport;
      // The job runs in the background; run it now rather than wait for the poller.
      await t.app.get(ReportExportJobService).run(res.id);
      const view = dataOf(
        await t.gql<{
          reportExport: { status: string; downloadPath: string; downloadUrl: string; fileName: string };
        }>(
          CITY,
          `query { reportExport(id: "${res.id}") { status downloadPath downloadUrl fileName } }`,
          {},
          { token: tokens.central },
        ),
      ).reportExport;
      expect(view.status).toBe('DONE');
      const file = await t.http({
        method: 'GET',
        path: view.downloadPath,
        host: CITY,
        headers: { authorization: `Bearer ${tokens.central}` },
      });
      expect(file.status).toBe(200);
      // A browser sends no token: the signed link opens the same file, on the host it was asked through only.
      const link = await t.http({
        method: 'GET',
        path: view.downloadUrl,
        host: CITY,
        headers: { accept: 'text/html' },
      });
      expect(link.status).toBe(200);
      expect(link.headers['content-disposition']).toContain(view.fileName);
      expect(Buffer.compare(link.bytes, file.bytes)).toBe(0);
      const url = new URL(view.downloadUrl, 'http://x');
      expect(Number(url.searchParams.get('expires')) - Date.now() / 1000).toBeLessThanOrEqual(
        DOWNLOAD_LINK_SECONDS,
      );
      const refused = async (path: string, host = CITY) =>
        (await t.http({ method: 'GET', path, host, headers: {} })).status;
      expect(await refused(view.downloadUrl, BENTHANH)).toBe(404);
      expect(await refused(view.downloadUrl.replace(/signature=[^&]+/, 'signature=AAAA'))).toBe(404);
      expect(await refused(`/reports/exports/${res.id}/download`)).toBe(404);
      const grant = {
        exportId: res.id,
        accountId: url.searchParams.get('account')!,
        tenantId: t.tenant(CITY).id,
      };
      // Signed correctly, but past its time; and signed for another account.
      const past = Math.floor(Date.now() / 1000) - 1;
      expect(await refused(signedDownloadPath(t.config.jwtSecret, { ...grant, expires: past }))).toBe(404);
      const later = Math.floor(Date.now() / 1000) + 60;
      expect(
        await refused(
          signedDownloadPath(t.config.jwtSecret, { ...grant, accountId: randomUUID(), expires: later }),
        ),
      ).toBe(404);
      expect(await refused(signedDownloadPath(t.config.jwtSecret, { ...grant, expires: later }))).toBe(200);
      // Someone else cannot fetch it.
      const other = await t.http({
        method: 'GET',
        path: view.downloadPath,
        host: CITY,
        headers: { authorization: `Bearer ${tokens['head-benthanh']}` },
      });
      expect(other.status).toBe(404);
      return { file, view };
    };

    const { file, view } = await request('XLSX');
    expect(view.fileName).toBe('bao-cao-hochiminhcity-gov-vn-2026-03.xlsx');
    const wb = XLSX.read(file.bytes, { cellDates: true });
    expect(wb.SheetNames[0]).toBe('Tổng hợp');
    const rows = (name: string) =>
      XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: true });
    const summary = rows('Tổng hợp');
    expect(String(summary[1][1])).toContain('Thành phố Hồ Chí Minh');
    expect(String(summary[3][1])).toContain('2026-03');
    expect(String(summary[4][1])).toMatch(/05\/2024\/QĐ-UBND/);
    const body = summary.slice(8);
    const line = (host: string) => body.find((r) => r[0] === host)!;
    // host, name, published, on-time share, late, board on-time share, sent up, received down, questions…
    expect(line(BENTHANH).slice(2, 6)).toEqual([7, 1, 0, 2 / 3]);
    expect(line(SAIGON)[6]).toBe(1);
    expect(line(TANDINH)[8]).toBe(4);
    expect(line('Tổng / Total')[2]).toBe(8);
    const published = rows('Tin bài đã đăng').slice(8);
    expect(published).toContainEqual([BENTHANH, 'Phường Bến Thành', 'Đơn vị / Unit', 'Phòng Văn hóa', 3]);
    const ruleRows = rows('Kiểm tra theo quy định').slice(8);
    const unitRule = ruleRows.find((r) => r[0] === BENTHANH && String(r[2]).startsWith('Mỗi đơn vị'))!;
    expect(unitRule[4]).toBe('Không đạt / Failed');
    expect(unitRule[5]).toBe('Phòng Văn hóa — 2026-03: 3/4');
    expect(String(unitRule[3])).toMatch(/1376\/QĐ-SVHTT.*Điều 18 khoản 3/s);

    const csv = await request('CSV');
    const bytes = csv.file.bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.toString('utf8'), { relax_column_count: true, bom: true }) as string[][];
    expect(records.find((r) => r[0] === BENTHANH && r[2] === '7')).toBeTruthy();
    expect(records.some((r) => r.includes('Phường Bến Thành'))).toBe(true);
  });

  // Four CLI processes, each booting the libs: seconds apiece on a busy machine (as in cli.e2e-spec.ts).
  it('writes the same report from the command line, late items in working days included', async () => {
    const env = { DATABASE_URL: t.databaseUrl };
    const out = join(mkdtempSync(join(tmpdir(), 'portal-report-')), 'saigon.xlsx');
    const run = await portalBytes(
      ['report', SAIGON, '--period', '2026-02', '--format', 'xlsx', '--out', out],
      env,
    );
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain(`report written to ${out}`);
    const wb = XLSX.read(readFileSync(out), { cellDates: true, UTC: true });
    const late = XLSX.utils
      .sheet_to_json<unknown[]>(wb.Sheets['Tin bài đăng trễ hạn'], { header: 1, raw: false })
      .slice(8);
    // Due at the end of Monday 23 February, published Tuesday 24 at 09:00: one working day, 9 hours late.
    expect(late).toEqual([
      [
        SAIGON,
        'Phường Sài Gòn',
        'Tin tức, sự kiện / News',
        'Tin trễ sau Tết',
        '23/02/2026 23:59',
        '24/02/2026 09:00',
        '1',
        '9.00',
      ],
    ]);

    const csv = await portalBytes(
      ['report', CITY, '--period', '2026-03', '--format', 'csv', '--subtree', '--out', '-'],
      env,
    );
    expect(csv.code).toBe(0);
    expect([...csv.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.stdout.toString('utf8')).toContain('Phòng Văn hóa — 2026-03: 3/4');

    const bad = await portalBytes(['report', CITY, '--period', '2026-H3'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--period');
    const nobody = await portalBytes(['report', 'khongco.hochiminhcity.gov.vn', '--period', '2026-03'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no live portal');
  }, 240_000);
});
