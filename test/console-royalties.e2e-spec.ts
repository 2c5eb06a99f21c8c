import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Browser, Page } from 'playwright-core';
import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { WorkflowAction } from '../libs/editorial/src';
import { TO_LIVE, advance, startSeededApp } from './support/fixtures';
import { TestApp } from './support/test-app';
import { launchBrowser, screenshot } from './support/browser';
import { ConsoleSessions, assertConsoleBuilt, expectNoViolations } from './support/console';

const KG = 'kiengiang.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');

/**
 * The royalty statement in the console, in a real chromium against the real server: the operator
 * drafts November's statement, the board head corrects a line with a reason (a refused attempt
 * first) and checks it, the owner approves it, the operator locks it and downloads the payment
 * sheet. Every screen on the way is scanned by axe. Amounts: one point = 10 % of 2,340,000 đ.
 */
describe('the console: a month’s royalty statement from draft to lock', () => {
  let t: TestApp;
  let db: Client;
  let browser: Browser;
  const consoles = new ConsoleSessions(() => browser, () => t);
  const ids: Record<string, string> = {};

  const as = async (username: string) => {
    const s = await consoles.signIn(KG, username);
    await s.open('/nhuan-but?thang=2026-11');
    await s.page.getByRole('heading', { level: 1, name: 'Bảng kê nhuận bút, thù lao' }).waitFor();
    return s;
  };
  const cells = async (page: Page, region = 'Các dòng chi trả') =>
    page
      .getByRole('region', { name: region })
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          Array.from(
            (
              r as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }
            ).querySelectorAll('td'),
          )
            .slice(0, 10)
            .map((c) => c.textContent?.trim() ?? ''),
        ),
      );
  const badge = (page: Page, text: string) =>
    page.locator('.mantine-Badge-root', { hasText: text }).first().waitFor();

  beforeAll(async () => {
    assertConsoleBuilt();
    ({ t, db } = await startSeededApp({}, ['province']));
    for (const [username, role] of [
      ['truongban.kg', Role.BOARD_HEAD],
      ['chuquan.kg', Role.OWNER],
      ['vanhanh.kg', Role.OPERATOR],
      ['phongvien.kg', Role.CONTRIBUTOR],
    ] as const)
      ids[username] = await t.createAccount({ username, homeHost: KG, role });
    await db.query(`UPDATE role_assignments SET valid_from = '2024-01-01T00:00:00+07:00'`);
    await db.query(`UPDATE accounts SET display_name = 'Trần Văn Phóng' WHERE id = $1`, [
      ids['phongvien.kg'],
    ]);
    const head = (await t.login('truongban.kg', KG)).accessToken;
    const operator = (await t.login('vanhanh.kg', KG)).accessToken;
    const writer = (await t.login('phongvien.kg', KG)).accessToken;
    const call = async (token: string, query: string, variables: Record<string, unknown>) => {
      const res = await t.gql<Record<string, any>>(KG, query, variables, { token });
      if (res.body.errors?.length) throw new Error(JSON.stringify(res.body.errors));
      return Object.values(res.body.data!)[0];
    };
    await call(
      operator,
      `mutation($t: ID!) { assignRoyaltyProfile(tenantId: $t, profileKey: "ninhthuan-23-2020") { __typename } }`,
      { t: t.tenant(KG).id },
    );
    await call(
      operator,
      `mutation($t: ID!) { setRoyaltyBudget(tenantId: $t, year: 2026, amount: "12000000") { __typename } }`,
      { t: t.tenant(KG).id },
    );
    // Two news items of November: a commentary (3.0 points: 702,000 đ) and a news item with a photo
    // (1.5 + 1 photo × 1.2 = 2.7 points: 631,800 đ).
    const items: Array<[string, string, Record<string, unknown>]> = [
      [
        'Bình luận: kinh tế biển Kiên Giang',
        '2026-11-04T08:00:00',
        { genre: 'COMMENTARY', coefficient: '3' },
      ],
      [
        'Khánh thành cầu Rạch Sỏi mới',
        '2026-11-18T08:00:00',
        { genre: 'NEWS_WITH_PHOTO', coefficient: '1.5', photoCount: 1, photoCoefficient: '1.2' },
      ],
    ];
    for (const [title, day, grade] of items) {
      const created = await call(
        writer,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } } }`,
        {
          i: {
            tenantId: t.tenant(KG).id,
            kind: 'NEWS',
            title,
            bodyHtml: '<p>Nội dung.</p>',
            authorName: 'Trần Văn Phóng',
            source: 'Cổng',
            fields: {},
          },
        },
      );
      await advance(t, created.id, TO_LIVE);
      await db.query('UPDATE content_items SET published_at = $2 WHERE id = $1', [
        created.id,
        new Date(`${day}+07:00`),
      ]);
      const g = await call(
        head,
        `mutation($i: GradeItemInput!) { gradeItem(input: $i) { __typename ... on InputError { errorCode field } } }`,
        { i: { itemId: created.id, ...grade, authors: [{ accountId: ids['phongvien.kg'], share: '100' }] } },
      );
      expect(g.__typename).toBe('RoyaltyGrade');
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await consoles.closeAll();
    await db?.end();
    await t?.close();
  });

  it('the operator drafts the month: items, grades and amounts, the budget, the profile’s warning', async () => {
    const { page } = await as('vanhanh.kg');
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'Nhuận bút' }).getAttribute('href'),
    ).toBe('/quan-tri/nhuan-but');
    await page.getByText('Chưa có bảng kê tháng 2026-11.').waitFor();
    await expectNoViolations(page, 'no statement yet');
    await page.getByRole('button', { name: 'Lập bảng kê' }).click();
    await badge(page, 'Đang lập');
    expect(await cells(page)).toEqual([
      [
        '1',
        'Trần Văn Phóng',
        'Nhuận bút',
        'Bình luận: kinh tế biển Kiên Giang',
        // The genre as the profile names it, not its key.
        'Bài bình luận, chính luận',
        '04/11/2026',
        '3.00',
        '100 %',
        '234.000 đ',
        '702.000 đ',
      ],
      [
        '2',
        'Trần Văn Phóng',
        'Nhuận bút',
        'Khánh thành cầu Rạch Sỏi mới',
        'Tin có ảnh',
        '18/11/2026',
        '2.70',
        '100 %',
        '234.000 đ',
        '631.800 đ',
      ],
    ]);
    // 702,000 + 631,800
    await page.getByText('Tổng cộng: 1.333.800 đ').waitFor();
    await page.getByText('Kinh phí cả năm').waitFor();
    // The Ninh Thuận table is marked unverified, and the statement says so.
    await page.getByText(/chưa được đối chiếu với văn bản gốc/).waitFor();
    // The operator drafts and locks, but does not correct or check.
    expect(await page.getByRole('button', { name: /Điều chỉnh dòng/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Kiểm tra bảng kê' }).count()).toBe(0);
    await expectNoViolations(page, 'drafted statement (operator)');
    // English by the console's switch: the genres by their English names.
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Payment lines' }).waitFor();
    expect((await cells(page, 'Payment lines')).map((r) => r[4])).toEqual([
      'Commentary',
      'News with a photo',
    ]);
  });

  it('the board head corrects a line with a reason, the computed amount kept, then checks it', async () => {
    const { page } = await as('truongban.kg');
    await badge(page, 'Đang lập');
    await page.getByRole('button', { name: 'Điều chỉnh dòng 2' }).click();
    const form = page.getByRole('region', { name: 'Điều chỉnh dòng 2' });
    await form.getByText('số tiền tính được 631.800 đ', { exact: false }).waitFor();
    // Refused without a reason: the typed error is shown on the field, nothing written.
    await form.getByLabel(/Số tiền điều chỉnh/).fill('-31.800');
    await form.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await form.getByText('Cần ghi lý do điều chỉnh.').waitFor();
    await expectNoViolations(page, 'correction form with an error');
    await form.getByLabel(/Lý do/).fill('Ảnh không đạt chất lượng in, trừ theo biên bản họp Ban');
    await form.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await page.getByText('Tổng cộng: 1.302.000 đ').waitFor();
    const rows = await cells(page);
    expect(rows.map((r) => [r[0], r[2], r[3], r[9]])).toEqual([
      ['1', 'Nhuận bút', 'Bình luận: kinh tế biển Kiên Giang', '702.000 đ'],
      ['2', 'Nhuận bút', 'Khánh thành cầu Rạch Sỏi mới', '631.800 đ'],
      [
        '3',
        'Điều chỉnh khi kiểm tra',
        'Điều chỉnh dòng 2. Lý do: Ảnh không đạt chất lượng in, trừ theo biên bản họp Ban',
        '-31.800 đ',
      ],
    ]);
    const history = page.getByRole('region', { name: 'Điều chỉnh khi kiểm tra' });
    await history.getByText('Đang áp dụng (dòng 2)').waitFor();
    expect(await history.locator('tbody tr').count()).toBe(1);
    const { rows: stored } = await db.query(
      `SELECT computed_amount::int AS computed, amount::int AS amount, adjusted_by FROM royalty_statement_adjustments`,
    );
    expect(stored).toEqual([{ computed: 631800, amount: -31800, adjusted_by: ids['truongban.kg'] }]);
    await expectNoViolations(page, 'statement with a correction (board head)');
    // From the top, so that the fixed header is where a person sees it.
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await screenshot(page, join(SHOTS, 'console-royalties.png'));

    await page.getByRole('button', { name: 'Kiểm tra bảng kê' }).click();
    await badge(page, 'Đã kiểm tra');
    // Checked: no more corrections.
    expect(await page.getByRole('button', { name: /Điều chỉnh dòng/ }).count()).toBe(0);
  });

  it('the owner approves it and the operator locks it and downloads the payment sheet', async () => {
    const owner = await as('chuquan.kg');
    await badge(owner.page, 'Đã kiểm tra');
    await owner.page.getByRole('button', { name: 'Phê duyệt bảng kê' }).click();
    await badge(owner.page, 'Đã phê duyệt');
    await expectNoViolations(owner.page, 'approved statement (owner)');

    const { page } = await as('vanhanh.kg');
    await badge(page, 'Đã phê duyệt');
    await page.getByRole('button', { name: 'Khóa bảng kê' }).click();
    await badge(page, 'Đã khóa');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải bảng kê (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bang-ke-nhuan-but-kiengiang.gov.vn-2026-11.xlsx');
    const book = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {
      header: 1,
      raw: true,
      blankrows: true,
    });
    expect(sheet.slice(8, 11).map((r) => r[9])).toEqual([702000, 631800, -31800]);
    expect(sheet[11]).toEqual(expect.arrayContaining(['Tổng cộng / Total', 1302000]));
    await expectNoViolations(page, 'locked statement (operator)');
  });

  it('the reports screen shows the month’s royalties per month and unit, from the approved statement', async () => {
    const s = await consoles.signIn(KG, 'chuquan.kg');
    const { page } = s;
    await s.open('/bao-cao');
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    await page.getByLabel('Cổng', { exact: true }).selectOption(t.tenant(KG).id);
    // The owner of the province reads its portal's report, not its subtree's.
    await page.getByRole('radio', { name: 'Chỉ cổng này' }).check();
    await page.getByLabel('Kỳ báo cáo').selectOption('MONTH');
    await page.getByLabel('Năm', { exact: true }).selectOption('2026');
    await page.getByLabel('Tháng', { exact: true }).selectOption('11');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page
      .getByRole('heading', { level: 2, name: /^Kết quả: Tỉnh Kiên Giang · 2026-11/ })
      .waitFor()
      .catch(async (e: Error) => {
        // What the screen showed instead, for whoever reads the failure.
        throw new Error(`${e.message}\npage text: ${(await page.locator('main').innerText()).slice(0, 800)}`);
      });
    const row = async (table: string, first: string) =>
      page
        .getByRole('table', { name: table })
        .getByRole('row')
        .filter({ hasText: first })
        .first()
        .getByRole('cell')
        .allInnerTexts();
    // The locked November: 702,000 + 631,800 paid, −31,800 corrected = 1,302,000; one recipient.
    const november = ['3', '1', '1.333.800 đ', '0 đ', '0 đ', '-31.800 đ', '1.302.000 đ'];
    expect(await row('Theo tháng', '2026-11')).toEqual(['2026-11', ...november]);
    expect(await row('Theo tháng', 'Cả kỳ')).toEqual(['Cả kỳ', ...november]);
    // The writer belongs to no unit of the portal.
    expect(await row('Theo đơn vị', 'Không thuộc đơn vị')).toEqual(['Không thuộc đơn vị', ...november]);
    await expectNoViolations(page, 'report with royalties');
  });

  it('the board head approves an item and grades it on the item page; out of range is refused on its field', async () => {
    const writer = (await t.login('phongvien.kg', KG)).accessToken;
    const head = (await t.login('truongban.kg', KG)).accessToken;
    const created = await t.gql<Record<string, any>>(
      KG,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } } }`,
      {
        i: {
          tenantId: t.tenant(KG).id,
          kind: 'NEWS',
          title: 'Bình luận: du lịch Phú Quốc sau mùa mưa',
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Trần Văn Phóng',
          source: 'Cổng',
          fields: {},
        },
      },
      { token: writer },
    );
    const itemId = created.body.data!.createContent.id as string;
    await advance(t, itemId, [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW]);
    const s = await consoles.signIn(KG, 'truongban.kg');
    const { page } = s;
    await s.open(`/noi-dung/${itemId}`);
    // Not approved yet: no grading.
    expect(await page.getByRole('region', { name: 'Chấm nhuận bút' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Chấm nhuận bút' });
    await panel.getByText('Bài chưa được chấm nhuận bút.').waitFor();
    // The portal follows the Ninh Thuận table: its genres by their Vietnamese names, the range shown.
    await panel
      .getByText(
        'Bảng nhuận bút của cổng: Nhuận bút Cổng thông tin điện tử tỉnh Ninh Thuận (Quyết định 23/2020/QĐ-UBND)',
      )
      .waitFor();
    expect(
      await panel
        .getByLabel(/^Thể loại/)
        .locator('option')
        .allTextContents(),
    ).toContain('Bài bình luận, chính luận');
    await panel.getByLabel(/^Thể loại/).selectOption({ label: 'Bài bình luận, chính luận' });
    await panel.getByText(/^Từ 2\.50 đến 3\.00 \(Quyết định 23\/2020\/QĐ-UBND/).waitFor();
    // The writer is the author by default, with the whole share.
    expect(await panel.getByLabel('Tác giả 1', { exact: true }).inputValue()).toBe(
      `a:${ids['phongvien.kg']}`,
    );
    expect(await panel.getByLabel('Tỷ lệ (%) tác giả 1').inputValue()).toBe('100');
    const coefficient = panel.getByLabel(/^Hệ số/).first();
    await coefficient.fill('3,5');
    await panel.getByRole('button', { name: 'Lưu chấm nhuận bút' }).click();
    await panel.getByText(/^Hệ số của thể loại Bài bình luận, chính luận phải từ 2\.50 đến 3\.00/).waitFor();
    expect(await coefficient.getAttribute('aria-invalid')).toBe('true');
    // The error is the coefficient field's own description, not a loose message.
    const errorId = await panel
      .getByText(/^Hệ số của thể loại/)
      .evaluate((el) => (el as unknown as { id: string }).id);
    expect((await coefficient.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
    const before = await t.gql<Record<string, any>>(
      KG,
      `query($i: ID!) { royaltyGrade(itemId: $i) { id } }`,
      { i: itemId },
      { token: head },
    );
    expect(before.body.data!.royaltyGrade).toBeNull();
    await expectNoViolations(page, 'grading panel with an error');

    await coefficient.fill('2,8');
    await panel.getByRole('button', { name: 'Lưu chấm nhuận bút' }).click();
    await panel.getByText(/^Đang áp dụng: Bài bình luận, chính luận, hệ số 2\.80 \(chấm lúc/).waitFor();
    expect(await coefficient.getAttribute('aria-invalid')).not.toBe('true');
    const read = await t.gql<Record<string, any>>(
      KG,
      `query($i: ID!) { royaltyGrade(itemId: $i) { profileKey genre coefficient photoCount notPaidReason authors { accountId collaboratorId share } } }`,
      { i: itemId },
      { token: head },
    );
    expect(read.body.data!.royaltyGrade).toEqual({
      profileKey: 'ninhthuan-23-2020',
      genre: 'COMMENTARY',
      coefficient: '2.80',
      photoCount: 0,
      notPaidReason: null,
      authors: [{ accountId: ids['phongvien.kg'], collaboratorId: null, share: '100.00' }],
    });
    await expectNoViolations(page, 'grading panel with the grade in force');
  });
});
