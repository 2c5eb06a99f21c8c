import { parse as parseCsv } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';
import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { ReportExportJobService } from '../libs/reporting/src';
import { Cast, TO_LIVE, advance, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * Royalties: the board head's corrections of a draft statement (kept beside the computed figure,
 * with the reason, audited, shown on the statement and its payment sheet, refused across portals),
 * and the royalties sheet of the report files, read back from the XLSX and the CSV. Amounts worked
 * out by hand next to each: Kiên Giang follows the Ninh Thuận table, one point = 10 % of the base
 * salary of 2,340,000 đ (Decree 73/2024/NĐ-CP) = 234,000 đ; Rạch Giá below it is paid 20 %.
 */

const KG = 'kiengiang.gov.vn';
const RG = 'rachgia.kiengiang.gov.vn';
const CT = 'chauthanh.kiengiang.gov.vn';

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode field } } }`;
const GRADE = `mutation($i: GradeItemInput!) { gradeItem(input: $i) { __typename ... on RoyaltyGrade { id } ... on InputError { errorCode field } } }`;
const STATEMENT = `__typename ... on RoyaltyStatement { id month state total
  lines { lineNo kind payeeName amount adjustsLineNo note itemId }
  adjustments { id status lineNo entryKind payeeName computedAmount amount reason adjustedBy supersededAt lapsedAt } }
  ... on InputError { errorCode field message messageVi messageEn }`;
const DRAFT = `mutation($t: ID!, $m: String!) { draftRoyaltyStatement(tenantId: $t, month: $m) { ${STATEMENT} } }`;
const ADJUST = `mutation($i: AdjustRoyaltyLineInput!) { adjustRoyaltyStatementLine(input: $i) { ${STATEMENT} } }`;
const STEP = (name: string) => `mutation($s: ID!) { ${name}(statementId: $s) { ${STATEMENT} } }`;
const FILE = `query($s: ID!, $f: RoyaltySheetFormat!) { royaltyStatementFile(statementId: $s, format: $f) { fileName base64 } }`;

type Line = {
  lineNo: number;
  kind: string;
  payeeName: string;
  amount: string;
  adjustsLineNo: number | null;
  note: string | null;
  itemId: string | null;
};
type Adjustment = {
  id: string;
  status: string;
  lineNo: number | null;
  entryKind: string;
  payeeName: string;
  computedAmount: string;
  amount: string;
  reason: string;
  adjustedBy: string | null;
};
type Statement = {
  __typename: string;
  id: string;
  state: string;
  total: string;
  lines: Line[];
  adjustments: Adjustment[];
  errorCode?: string;
  field?: string;
  messageVi?: string;
  messageEn?: string;
};

const vn = (local: string) => new Date(`${local}+07:00`);

describe('royalties: corrections of a draft statement, and the royalties sheet of the reports', () => {
  let t: TestApp;
  let db: Client;
  const cast = new Cast(() => t);
  const { tokens, accounts } = cast;
  let collaboratorId = '';
  const items: Record<string, string> = {};
  let november: Statement;

  const { grant } = cast;
  const gql = <T = any>(host: string, who: string | null, query: string, variables = {}) =>
    t.gql<T>(host, query, variables, who ? { token: tokens[who] } : {});
  const item = async (host: string, writer: string, title: string, day: string) => {
    const res = dataOf(
      await gql(host, writer, CREATE, {
        i: {
          tenantId: t.tenant(host).id,
          kind: 'NEWS',
          title,
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Tác giả',
          source: 'Cổng',
          fields: {},
        },
      }),
    ).createContent;
    expect(res.__typename).toBe('ContentItem');
    await advance(t, res.id, TO_LIVE);
    await db.query('UPDATE content_items SET published_at = $2 WHERE id = $1', [res.id, vn(day)]);
    return res.id as string;
  };
  const grade = async (host: string, who: string, input: Record<string, unknown>) => {
    const g = dataOf(await gql(host, who, GRADE, { i: input })).gradeItem;
    expect(g.__typename).toBe('RoyaltyGrade');
  };
  const draft = async (host: string, who: string, month: string): Promise<Statement> =>
    dataOf(await gql(host, who, DRAFT, { t: t.tenant(host).id, m: month })).draftRoyaltyStatement;
  const adjust = async (who: string, input: Record<string, unknown>, host = KG) =>
    gql<{ adjustRoyaltyStatementLine: Statement }>(host, who, ADJUST, {
      i: { statementId: november.id, ...input },
    });
  const step = async (host: string, who: string, name: string, id: string): Promise<Statement> =>
    dataOf(await gql<Record<string, Statement>>(host, who, STEP(name), { s: id }))[name];
  const stored = async () => {
    const { rows } = await db.query(
      `SELECT s.total, (SELECT count(*)::int FROM royalty_statement_adjustments a WHERE a.statement_id = s.id) AS n
         FROM royalty_statements s WHERE s.id = $1`,
      [november.id],
    );
    return rows[0] as { total: string; n: number };
  };
  const kinds = (s: Statement) =>
    s.lines.map((l) => [l.lineNo, l.kind, l.payeeName, l.amount, l.adjustsLineNo]);

  beforeAll(async () => {
    // The test runs the export jobs itself (ReportExportJobService.run), not the background poller.
    ({ t, db } = await startSeededApp({ runJobs: false }, ['province']));
    await grant('head-kg', Role.BOARD_HEAD, KG);
    await grant('deputy-kg', Role.BOARD_DEPUTY, KG);
    await grant('member-kg', Role.BOARD_MEMBER, KG);
    await grant('writer-kg', Role.CONTRIBUTOR, KG);
    await grant('owner-kg', Role.OWNER, KG);
    await grant('operator-kg', Role.OPERATOR, KG);
    await grant('manager-kg', Role.MANAGER, KG, RoleScope.SUBTREE);
    await grant('head-rg', Role.BOARD_HEAD, RG);
    await grant('writer-rg', Role.CONTRIBUTOR, RG);
    await grant('owner-rg', Role.OWNER, RG);
    await grant('head-ct', Role.BOARD_HEAD, CT);
    await db.query(`UPDATE role_assignments SET valid_from = '2024-01-01T00:00:00+07:00'`);
    // Kiên Giang's writer belongs to its culture office (the unit the reports count by).
    await db.query(
      `INSERT INTO question_units (id, tenant_id, name) VALUES (gen_random_uuid(), $1, 'Phòng Văn hóa')`,
      [t.tenant(KG).id],
    );
    await db.query(
      `INSERT INTO question_unit_members (unit_id, account_id)
         SELECT id, $2 FROM question_units WHERE tenant_id = $1 AND name = 'Phòng Văn hóa'`,
      [t.tenant(KG).id, accounts['writer-kg']],
    );
    const assigned = await gql(
      KG,
      'operator-kg',
      `mutation($t: ID!) { assignRoyaltyProfile(tenantId: $t, profileKey: "ninhthuan-23-2020") { __typename } }`,
      { t: t.tenant(KG).id },
    );
    expect(dataOf(assigned).assignRoyaltyProfile.__typename).toBe('RoyaltyProfileAssignment');
    const created = dataOf(
      await gql(
        KG,
        'operator-kg',
        `mutation($i: CollaboratorInput!) { createCollaborator(input: $i) { __typename ... on Collaborator { id } } }`,
        {
          i: {
            tenantId: t.tenant(KG).id,
            penName: 'Hoài Thu',
            realName: 'Nguyễn Thị Thu',
            idNumber: '091234567890',
            bankAccount: '7001234567',
            bankName: 'Agribank Kiên Giang',
          },
        },
      ),
    ).createCollaborator;
    collaboratorId = created.id;

    // November in Kiên Giang: A, commentary 3.0 → 3.0 × 234,000 = 702,000 (writer-kg);
    // B, news 1.0 → 234,000 (the collaborator); C, news 1.0 → 234,000 (writer-kg).
    items.a = await item(KG, 'writer-kg', 'Bình luận: chuyển đổi số ở Kiên Giang', '2026-11-05T08:00:00');
    items.b = await item(KG, 'writer-kg', 'Tin mùa lúa', '2026-11-10T08:00:00');
    items.c = await item(KG, 'writer-kg', 'Tin lễ hội', '2026-11-15T08:00:00');
    const me = [{ accountId: accounts['writer-kg'], share: '100' }];
    await grade(KG, 'head-kg', { itemId: items.a, genre: 'COMMENTARY', coefficient: '3', authors: me });
    await grade(KG, 'head-kg', {
      itemId: items.b,
      genre: 'NEWS',
      coefficient: '1',
      authors: [{ collaboratorId, share: '100' }],
    });
    await grade(KG, 'head-kg', { itemId: items.c, genre: 'NEWS', coefficient: '1', authors: me });
    november = await draft(KG, 'operator-kg', '2026-11');
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('corrections of a draft by the board head', () => {
    it('keeps the computed line and adds the correction as a line of its own, with the reason', async () => {
      expect(kinds(november)).toEqual([
        [1, 'ROYALTY', 'writer-kg', '702000', null],
        [2, 'ROYALTY', 'Nguyễn Thị Thu (bút danh Hoài Thu)', '234000', null],
        [3, 'ROYALTY', 'writer-kg', '234000', null],
      ]);
      expect(november.total).toBe('1170000');
      const s = dataOf(
        await adjust('head-kg', {
          lineNo: 1,
          amount: '-52.000',
          reason: '  Bài bị cắt ngắn khi biên tập  ',
        }),
      ).adjustRoyaltyStatementLine;
      // 702,000 stays as computed; the correction −52,000 is line 4, pointing at line 1.
      expect(kinds(s)).toEqual([
        [1, 'ROYALTY', 'writer-kg', '702000', null],
        [2, 'ROYALTY', 'Nguyễn Thị Thu (bút danh Hoài Thu)', '234000', null],
        [3, 'ROYALTY', 'writer-kg', '234000', null],
        [4, 'CORRECTION', 'writer-kg', '-52000', 1],
      ]);
      expect(s.lines[3].note).toBe('Bài bị cắt ngắn khi biên tập');
      expect(s.lines[3].itemId).toBe(items.a);
      // 1,170,000 − 52,000
      expect(s.total).toBe('1118000');
      expect(s.adjustments).toEqual([
        expect.objectContaining({
          status: 'IN_FORCE',
          lineNo: 1,
          entryKind: 'ROYALTY',
          payeeName: 'writer-kg',
          computedAmount: '702000',
          amount: '-52000',
          reason: 'Bài bị cắt ngắn khi biên tập',
          adjustedBy: 'head-kg',
        }),
      ]);
      const audit = await db.query(
        `SELECT action, before->>'computed' AS computed, after->>'correction' AS correction, after->>'reason' AS reason,
                after->>'total' AS total, actor_account_id = $2 AS by_head
           FROM audit_log WHERE subject_id = $1 AND action LIKE 'royalty_statement.correct%'`,
        [november.id, accounts['head-kg']],
      );
      expect(audit.rows).toEqual([
        {
          action: 'royalty_statement.corrected',
          computed: '702000',
          correction: '-52000',
          reason: 'Bài bị cắt ngắn khi biên tập',
          total: '1118000',
          by_head: true,
        },
      ]);
    });

    it('refuses bad input with a typed error naming the field, writing nothing', async () => {
      const before = await stored();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ lineNo: 1, amount: 'năm mươi nghìn', reason: 'x' }, 'INVALID_AMOUNT', 'amount'],
        [{ lineNo: 1, amount: '1,5', reason: 'x' }, 'INVALID_AMOUNT', 'amount'],
        [{ lineNo: 2, amount: '0', reason: 'x' }, 'INVALID_AMOUNT', 'amount'],
        [{ lineNo: 1, amount: '-5000', reason: '   ' }, 'REASON_REQUIRED', 'reason'],
        [{ lineNo: 1, amount: '-5000', reason: 'x'.repeat(501) }, 'REASON_TOO_LONG', 'reason'],
        [{ lineNo: 99, amount: '-5000', reason: 'x' }, 'LINE_NOT_FOUND', 'lineNo'],
        [{ lineNo: 4, amount: '-5000', reason: 'x' }, 'LINE_NOT_ADJUSTABLE', 'lineNo'],
        // 702,000 − 800,000 would be a charge, not a payment.
        [{ lineNo: 1, amount: '-800000', reason: 'x' }, 'AMOUNT_OUT_OF_RANGE', 'amount'],
      ];
      for (const [input, code, field] of cases) {
        const r = dataOf(await adjust('head-kg', input)).adjustRoyaltyStatementLine;
        expect({ input, r: [r.__typename, r.errorCode, r.field] }).toEqual({
          input,
          r: ['InputError', code, field],
        });
        expect(r.messageVi).toBeTruthy();
        expect(r.messageEn).toBeTruthy();
      }
      expect(await stored()).toEqual(before);
    });

    it('refuses everyone but the board head, and every other portal', async () => {
      const before = await stored();
      const input = { lineNo: 1, amount: '+1000000', reason: 'Không được phép' };
      // The portal's own people without the right to check a statement.
      for (const who of ['member-kg', 'writer-kg', 'owner-kg', 'operator-kg', 'deputy-kg', 'manager-kg']) {
        const res = await adjust(who, input);
        expect({ who, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ who, code: 'FORBIDDEN' });
      }
      // Board heads of a child and of a sibling portal, on their own hosts and on Kiên Giang's.
      for (const [who, host] of [
        ['head-rg', RG],
        ['head-rg', KG],
        ['head-ct', CT],
        ['head-ct', KG],
      ]) {
        const res = await adjust(who, input, host);
        expect({ who, host, data: res.body.data?.adjustRoyaltyStatementLine ?? null }).toEqual({
          who,
          host,
          data: null,
        });
        expect(res.body.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      }
      const anonymous = await adjust(null as unknown as string, input);
      expect(anonymous.body.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
      expect(await stored()).toEqual(before);
    });

    it('a new correction of the same entry supersedes the one in force; both are kept', async () => {
      const s = dataOf(
        await adjust('head-kg', { lineNo: 1, amount: '-50000', reason: 'Mức trừ theo biên bản họp Ban' }),
      ).adjustRoyaltyStatementLine;
      expect(kinds(s).slice(3)).toEqual([[4, 'CORRECTION', 'writer-kg', '-50000', 1]]);
      // 1,170,000 − 50,000
      expect(s.total).toBe('1120000');
      expect(s.adjustments.map((a) => [a.status, a.amount, a.lineNo])).toEqual([
        ['SUPERSEDED', '-52000', null],
        ['IN_FORCE', '-50000', 1],
      ]);
      // A photo added to item C after the draft: +16,000 on line 3.
      const photo = dataOf(
        await adjust('head-kg', { lineNo: 3, amount: '+16.000', reason: 'Ảnh bổ sung' }),
      ).adjustRoyaltyStatementLine;
      expect(kinds(photo).slice(3)).toEqual([
        [4, 'CORRECTION', 'writer-kg', '-50000', 1],
        [5, 'CORRECTION', 'writer-kg', '16000', 3],
      ]);
      expect(photo.total).toBe('1136000');
    });

    it('drafting again lays the corrections on their entries; one whose entry left the draft lapses', async () => {
      // Item C is re-graded as not paid (own staff duty): its line, and the +16,000 on it, go.
      const g = dataOf(
        await gql(KG, 'head-kg', GRADE, { i: { itemId: items.c, notPaidReason: 'OWN_STAFF_DUTY' } }),
      ).gradeItem;
      expect(g.__typename).toBe('RoyaltyGrade');
      november = await draft(KG, 'operator-kg', '2026-11');
      expect(kinds(november)).toEqual([
        [1, 'ROYALTY', 'writer-kg', '702000', null],
        [2, 'ROYALTY', 'Nguyễn Thị Thu (bút danh Hoài Thu)', '234000', null],
        [3, 'CORRECTION', 'writer-kg', '-50000', 1],
      ]);
      // 702,000 + 234,000 − 50,000
      expect(november.total).toBe('886000');
      expect(november.adjustments.map((a) => [a.status, a.amount, a.lineNo])).toEqual([
        ['SUPERSEDED', '-52000', null],
        ['IN_FORCE', '-50000', 1],
        ['LAPSED', '16000', null],
      ]);
      const lapsed = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'royalty_statement.correction_lapsed'`,
        [november.id],
      );
      expect(lapsed.rows[0].n).toBe(1);
    });

    it('shows the correction and its reason on the payment sheet', async () => {
      const file = dataOf(await gql(KG, 'head-kg', FILE, { s: november.id, f: 'XLSX' })).royaltyStatementFile;
      const book = XLSX.read(Buffer.from(file.base64, 'base64'), { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {
        header: 1,
        raw: true,
        blankrows: true,
      });
      const body = rows.slice(8, 11);
      expect(body.map((r) => [r[0], r[1], r[2], r[9]])).toEqual([
        [1, 'writer-kg', 'Nhuận bút', 702000],
        [2, 'Nguyễn Thị Thu (bút danh Hoài Thu)', 'Nhuận bút', 234000],
        [3, 'writer-kg', 'Điều chỉnh khi kiểm tra', -50000],
      ]);
      expect(body[2][3]).toBe(
        'Điều chỉnh dòng 1 (Bình luận: chuyển đổi số ở Kiên Giang). Lý do: Mức trừ theo biên bản họp Ban',
      );
      expect(rows[11][0]).toBe('Tổng cộng / Total');
      expect(rows[11][9]).toBe(886000);
    });

    it('once checked, the statement is no longer corrected; approved and locked as it stands', async () => {
      expect((await step(KG, 'head-kg', 'checkRoyaltyStatement', november.id)).state).toBe('CHECKED');
      const late = dataOf(
        await adjust('head-kg', { lineNo: 1, amount: '-1000', reason: 'Quá muộn' }),
      ).adjustRoyaltyStatementLine;
      expect([late.errorCode, late.field]).toEqual(['INVALID_STATEMENT_STATE', 'statementId']);
      expect((await step(KG, 'owner-kg', 'approveRoyaltyStatement', november.id)).state).toBe('APPROVED');
      const locked = await step(KG, 'operator-kg', 'lockRoyaltyStatement', november.id);
      expect([locked.state, locked.total]).toEqual(['LOCKED', '886000']);
    });
  });

  describe('the royalties sheet of the report files', () => {
    beforeAll(async () => {
      // Rạch Giá, November: news 1.0 × 234,000 × 20 % = 46,800 (writer-rg, no unit); checked and approved.
      items.e = await item(RG, 'writer-rg', 'Tin Rạch Giá', '2026-11-12T08:00:00');
      await grade(RG, 'head-rg', {
        itemId: items.e,
        genre: 'NEWS',
        coefficient: '1',
        authors: [{ accountId: accounts['writer-rg'], share: '100' }],
      });
      const rg = await draft(RG, 'head-rg', '2026-11');
      expect(rg.total).toBe('46800');
      await step(RG, 'head-rg', 'checkRoyaltyStatement', rg.id);
      expect((await step(RG, 'owner-rg', 'approveRoyaltyStatement', rg.id)).state).toBe('APPROVED');
      // Kiên Giang, December: drafted only, so named but not added up.
      items.d = await item(KG, 'writer-kg', 'Tin tháng Mười hai', '2026-12-03T08:00:00');
      await grade(KG, 'head-kg', {
        itemId: items.d,
        genre: 'NEWS',
        coefficient: '1',
        authors: [{ accountId: accounts['writer-kg'], share: '100' }],
      });
      expect((await draft(KG, 'operator-kg', '2026-12')).total).toBe('234000');
    });

    const exportFile = async (format: 'XLSX' | 'CSV') => {
      const res = dataOf(
        await gql(
          KG,
          'manager-kg',
          `mutation { requestReportExport(period: "2026-Q4", format: ${format}, scope: SUBTREE) { __typename ... on ReportExport { id } } }`,
        ),
      ).requestReportExport;
      expect(res.__typename).toBe('ReportExport');
      await t.app.get(ReportExportJobService).run(res.id);
      const view = dataOf(
        await gql(KG, 'manager-kg', `query { reportExport(id: "${res.id}") { status downloadPath } }`),
      ).reportExport;
      expect(view.status).toBe('DONE');
      const file = await t.http({
        method: 'GET',
        path: view.downloadPath,
        host: KG,
        headers: { authorization: `Bearer ${tokens['manager-kg']}` },
      });
      expect(file.status).toBe(200);
      return file.bytes;
    };

    // host, name, by, value, lines, recipients, items, royalties, syndicated, remuneration,
    // adjustments, total, statements not yet approved
    const HOST_KG = [KG, 'Tỉnh Kiên Giang'];
    const expected = [
      // Kiên Giang: the locked November only: 702,000 + 234,000 − 50,000 = 886,000.
      [
        ...HOST_KG,
        'Tổng / Total',
        null,
        3,
        2,
        2,
        936000,
        0,
        0,
        -50000,
        886000,
        '2026-12 (đang lập / drafted)',
      ],
      [...HOST_KG, 'Tháng / Month', '2026-11', 3, 2, 2, 936000, 0, 0, -50000, 886000, null],
      // writer-kg's unit: item A and its correction; the collaborator apart.
      [...HOST_KG, 'Đơn vị / Unit', 'Phòng Văn hóa', 2, 1, 1, 702000, 0, 0, -50000, 652000, null],
      [
        ...HOST_KG,
        'Đơn vị / Unit',
        '(cộng tác viên ngoài) / (outside collaborator)',
        1,
        1,
        1,
        234000,
        0,
        0,
        0,
        234000,
        null,
      ],
    ];

    it('adds royalties per portal, month and unit to the XLSX, read back by an independent reader', async () => {
      const wb = XLSX.read(await exportFile('XLSX'));
      expect(wb.SheetNames).toContain('Nhuận bút, thù lao');
      // Before the rule checks, after the other sections.
      expect(wb.SheetNames.indexOf('Nhuận bút, thù lao')).toBe(wb.SheetNames.length - 2);
      const rows = XLSX.utils
        .sheet_to_json<unknown[]>(wb.Sheets['Nhuận bút, thù lao'], { header: 1, raw: true, defval: null })
        .slice(8);
      const kg = rows.filter((r) => r[0] === KG);
      expect(kg).toEqual(expected);
      // Rạch Giá's approved November: 46,800, its writer in no unit.
      expect(rows.filter((r) => r[0] === RG)).toEqual([
        [RG, 'Thành phố Rạch Giá', 'Tổng / Total', null, 1, 1, 1, 46800, 0, 0, 0, 46800, null],
        [RG, 'Thành phố Rạch Giá', 'Tháng / Month', '2026-11', 1, 1, 1, 46800, 0, 0, 0, 46800, null],
        [
          RG,
          'Thành phố Rạch Giá',
          'Đơn vị / Unit',
          '(không thuộc đơn vị) / (no unit)',
          1,
          1,
          1,
          46800,
          0,
          0,
          0,
          46800,
          null,
        ],
      ]);
      // A portal without statements has its zero line.
      expect(rows.find((r) => r[0] === CT)).toEqual([
        CT,
        'Huyện Châu Thành',
        'Tổng / Total',
        null,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        null,
      ]);
      // The province's subtree: 886,000 + 46,800 = 932,800; three recipients, three items.
      const totals = rows.filter((r) => r[0] === 'Tổng / Total');
      expect(totals[0]).toEqual([
        'Tổng / Total',
        null,
        'Tổng / Total',
        null,
        4,
        3,
        3,
        982800,
        0,
        0,
        -50000,
        932800,
        null,
      ]);
      expect(totals.find((r) => r[2] === 'Tháng / Month')?.[11]).toBe(932800);
    });

    it('and the same figures to the CSV', async () => {
      const bytes = await exportFile('CSV');
      const records = parseCsv(bytes.toString('utf8'), { relax_column_count: true, bom: true }) as string[][];
      const kg = records.filter((r) => r[0] === KG && r.length === 13 && r[2] === 'Tổng / Total');
      expect(kg.map((r) => [r[4], r[5], r[6], r[7], r[10], r[11], r[12]])).toContainEqual([
        '3',
        '2',
        '2',
        '936000',
        '-50000',
        '886000',
        '2026-12 (đang lập / drafted)',
      ]);
      expect(records.some((r) => r[0] === KG && r[3] === 'Phòng Văn hóa' && r[11] === '652000')).toBe(true);
    });

    const AMOUNTS = 'lines payees items royalties syndicated remuneration adjustments total';
    const REPORT = `query($t: ID!, $p: String!, $s: ReportScope!) { report(period: $p, tenantId: $t, scope: $s) {
      royalties {
        total { ${AMOUNTS} byMonth { month ${AMOUNTS} } byUnit { unit outside ${AMOUNTS} } }
        portals { portal { host } figures { ${AMOUNTS} byMonth { month total } byUnit { unit outside total } }
                  notCounted { month state } }
        notCounted { portal { host } month state } } } }`;
    const sums = (
      lines: number,
      payees: number,
      items: number,
      royalties: number,
      adjustments: number,
      total: number,
    ) => ({
      lines,
      payees,
      items,
      royalties: String(royalties),
      syndicated: '0',
      remuneration: '0',
      adjustments: String(adjustments),
      total: String(total),
    });

    it('and the same figures in the GraphQL report, per portal, month and unit, for the subtree', async () => {
      const res = await gql(KG, 'manager-kg', REPORT, { t: t.tenant(KG).id, p: '2026-Q4', s: 'SUBTREE' });
      const r = dataOf(res).report.royalties;
      // The subtree: 886,000 + 46,800 = 932,800 (702,000 + 234,000 + 46,800 paid, −50,000 corrected).
      expect(r.total).toEqual({
        ...sums(4, 3, 3, 982800, -50000, 932800),
        byMonth: [{ month: '2026-11', ...sums(4, 3, 3, 982800, -50000, 932800) }],
        byUnit: [
          { unit: 'Phòng Văn hóa', outside: false, ...sums(2, 1, 1, 702000, -50000, 652000) },
          { unit: null, outside: false, ...sums(1, 1, 1, 46800, 0, 46800) },
          { unit: null, outside: true, ...sums(1, 1, 1, 234000, 0, 234000) },
        ],
      });
      const of = (host: string) =>
        r.portals.find((p: { portal: { host: string } }) => p.portal.host === host) as Record<string, any>;
      // Kiên Giang: the locked November only; December's draft named, not added.
      expect(of(KG)).toEqual({
        portal: { host: KG },
        figures: {
          ...sums(3, 2, 2, 936000, -50000, 886000),
          byMonth: [{ month: '2026-11', total: '886000' }],
          byUnit: [
            { unit: 'Phòng Văn hóa', outside: false, total: '652000' },
            { unit: null, outside: true, total: '234000' },
          ],
        },
        notCounted: [{ month: '2026-12', state: 'DRAFTED' }],
      });
      expect(of(RG).figures).toMatchObject({
        ...sums(1, 1, 1, 46800, 0, 46800),
        byUnit: [{ unit: null, outside: false, total: '46800' }],
      });
      expect(of(CT)).toEqual({
        portal: { host: CT },
        figures: { ...sums(0, 0, 0, 0, 0, 0), byMonth: [], byUnit: [] },
        notCounted: [],
      });
      expect(r.notCounted).toEqual([{ portal: { host: KG }, month: '2026-12', state: 'DRAFTED' }]);
      // Figures only: no recipient's name, identity or bank details, even to who may read them.
      for (const secret of ['7001234567', '091234567890', 'Agribank', 'Nguyễn Thị Thu', 'Hoài Thu'])
        expect(res.text).not.toContain(secret);
    });

    it('a portal alone, and a month whose statement is a draft: named, nothing added', async () => {
      const rg = dataOf(await gql(RG, 'owner-rg', REPORT, { t: t.tenant(RG).id, p: '2026-11', s: 'PORTAL' }))
        .report.royalties;
      expect(rg.total).toMatchObject(sums(1, 1, 1, 46800, 0, 46800));
      expect(rg.portals.map((p: { portal: { host: string } }) => p.portal.host)).toEqual([RG]);
      const december = dataOf(
        await gql(KG, 'owner-kg', REPORT, { t: t.tenant(KG).id, p: '2026-12', s: 'PORTAL' }),
      ).report.royalties;
      expect(december.total).toEqual({ ...sums(0, 0, 0, 0, 0, 0), byMonth: [], byUnit: [] });
      expect(december.notCounted).toEqual([{ portal: { host: KG }, month: '2026-12', state: 'DRAFTED' }]);
    });

    it('refused to another portal’s board, a contributor, a board member and anonymous', async () => {
      const attempts: Array<[string, string | null, string]> = [
        // Rạch Giá's officers and Châu Thành's board head: not the province's report.
        [KG, 'head-rg', 'SUBTREE'],
        [RG, 'owner-rg', 'SUBTREE'],
        [CT, 'head-ct', 'PORTAL'],
        [KG, 'head-ct', 'PORTAL'],
        [KG, 'writer-kg', 'PORTAL'],
        [KG, 'member-kg', 'PORTAL'],
        [KG, null, 'PORTAL'],
      ];
      for (const [host, who, scope] of attempts) {
        const res = await gql(host, who, REPORT, { t: t.tenant(KG).id, p: '2026-Q4', s: scope });
        expect({ who, host, data: res.body.data?.report ?? null }).toEqual({ who, host, data: null });
        expect(res.body.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN|NOT_FOUND)$/);
        expect(res.text).not.toContain('886000');
      }
    });
  });
});
