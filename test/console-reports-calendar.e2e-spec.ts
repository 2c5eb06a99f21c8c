import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';
import type { Browser, Page } from 'playwright-core';
import { Role, RoleScope } from '../libs/access/src';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { launchBrowser, screenshot } from './support/browser';
import { ConsoleSessions, assertConsoleBuilt, expectNoViolations } from './support/console';

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const ITEM = `__typename ... on ContentItem { id } ... on InputError { errorCode field messageVi }`;

/** YYYY-MM-DD of a day of December of this Vietnamese year, and its dd/mm/yyyy. */
const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
);
const december = (day: number) => `${YEAR}-12-${String(day).padStart(2, '0')}`;
const dmy = (iso: string) => iso.split('-').reverse().join('/');
// The first Friday of December (no public holiday falls in December): Saturday, Monday and Tuesday follow it.
const FRIDAY = (() => {
  for (let d = 1; ; d++) if (new Date(Date.UTC(YEAR, 11, d)).getUTCDay() === 5) return d;
})();

// The administration screens of the console in a real chromium against the real server: the central
// office's subtree report on screen and as files read back here, the working-day calendar where an
// operator's make-up Saturday moves a due date, the audit log, the deadline profile and the site's look.
describe('the editors’ console: reports, working days and deadlines, site settings', () => {
  let t: TestApp;
  let browser: Browser;
  const consoles = new ConsoleSessions(() => browser, () => t);
  const tokens: Record<string, string> = {};
  const as = (username: string, host = CITY) => consoles.signIn(host, username);
  const menu = (page: Page) => page.getByRole('navigation').getByRole('link').allInnerTexts();
  const mutate = async (username: string, field: string, host = WARD) => {
    const res = await t.gql(host, `mutation { r: ${field} }`, {}, { token: tokens[username] });
    return res.body.data?.r as Record<string, any>;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    for (const [username, role, host, scope] of [
      ['vanphong.tp', Role.MANAGER, CITY, RoleScope.SUBTREE],
      ['vanhanh.tp', Role.OPERATOR, CITY, RoleScope.SUBTREE],
      ['ctv.sg', Role.CONTRIBUTOR, WARD, RoleScope.TENANT],
      ['bientap.sg', Role.BOARD_MEMBER, WARD, RoleScope.TENANT],
      ['truongban.sg', Role.BOARD_HEAD, WARD, RoleScope.TENANT],
    ] as const) {
      await t.createAccount({ username, homeHost: host, role, scope });
      tokens[username] = (await t.login(username, host)).accessToken;
    }
    // One news item of the ward goes live, so the subtree report has something to count.
    const created = await mutate(
      'ctv.sg',
      `createContent(input: { tenantId: "${t.tenant(WARD).id}", kind: NEWS, title: "Phường Sài Gòn tổng kết năm", bodyHtml: "<p>Tổng kết.</p>", authorName: "CTV", source: "Phường Sài Gòn" }) { ${ITEM} }`,
    );
    expect(created).toMatchObject({ __typename: 'ContentItem' });
    for (const [who, action] of [
      ['ctv.sg', 'SUBMIT'],
      ['bientap.sg', 'TAKE_FOR_REVIEW'],
      ['truongban.sg', 'APPROVE'],
      ['bientap.sg', 'PUBLISH'],
    ])
      expect(
        await mutate(who, `transitionContent(itemId: "${created.id}", action: ${action}) { ${ITEM} }`),
      ).toMatchObject({ __typename: 'ContentItem' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await consoles.closeAll();
    await t?.close();
  });

  it('the central office runs the subtree report, follows the files being made and downloads XLSX and CSV that open', async () => {
    const s = await as('vanphong.tp');
    const { page } = s;
    // A managing agency reads reports and the audit log; it does not operate the site.
    const entries = await menu(page);
    expect(entries).toEqual(expect.arrayContaining(['Báo cáo', 'Nhật ký hệ thống']));
    expect(entries).not.toContain('Cài đặt trang');
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    await expectNoViolations(page, 'report form');

    // The city and every ward below it, this year.
    await page.getByLabel('Cổng', { exact: true }).selectOption(t.tenant(CITY).id);
    await page.getByRole('radio', { name: 'Cổng này và mọi cổng trực thuộc' }).check();
    await page.getByLabel('Kỳ báo cáo').selectOption('YEAR');
    await page.getByLabel('Năm', { exact: true }).selectOption(String(YEAR));
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page
      .getByRole('heading', { level: 2, name: new RegExp(`^Kết quả: Thành phố Hồ Chí Minh · ${YEAR}`) })
      .waitFor();
    const wardRow = page
      .getByRole('table', { name: 'Từng cổng' })
      .getByRole('row')
      .filter({ hasText: 'Phường Sài Gòn' });
    expect((await wardRow.getByRole('cell').allInnerTexts()).slice(1, 2)).toEqual(['1']);
    await page.getByRole('table', { name: 'Kiểm tra theo quy định' }).waitFor();

    // The XLSX: asked for, made by the background job (progress shown), downloaded through the link.
    await page.getByRole('button', { name: 'Lập tệp Excel (XLSX)' }).click();
    const xlsxLink = page.getByRole('link', { name: /^Tải về bao-cao-hochiminhcity-gov-vn-\d{4}\.xlsx/ });
    await xlsxLink.waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: 'Đã xong' }).first().waitFor();
    await expectNoViolations(page, 'report results with a file ready');
    await screenshot(page, join(SHOTS, 'console-report.png'));
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`bao-cao-hochiminhcity-gov-vn-${YEAR}.xlsx`);
    const wb = XLSX.read(readFileSync((await xlsxDownload.path())!), { cellDates: true });
    expect(wb.SheetNames[0]).toBe('Tổng hợp');
    const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Tổng hợp'], { header: 1, raw: true });
    expect(String(summary[1][1])).toContain('Thành phố Hồ Chí Minh');
    const line = (host: string) => summary.slice(8).find((r) => r[0] === host)!;
    expect(line(WARD).slice(0, 3)).toEqual([WARD, 'Phường Sài Gòn', 1]);
    expect(line('Tổng / Total')[2]).toBe(1);
    expect(wb.SheetNames).toContain('Kiểm tra theo quy định');

    // The CSV the same way: UTF-8 with a BOM, the same figures.
    await page.getByRole('button', { name: 'Lập tệp CSV' }).click();
    const csvLink = page.getByRole('link', { name: /^Tải về bao-cao-hochiminhcity-gov-vn-\d{4}\.csv/ });
    await csvLink.waitFor({ timeout: 60_000 });
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const bytes = readFileSync((await csvDownload.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.toString('utf8'), { relax_column_count: true, bom: true }) as string[][];
    expect(records.find((r) => r[0] === WARD)?.slice(1, 3)).toEqual(['Phường Sài Gòn', '1']);

    // English by the switch: the same report, its tables named in English.
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page
      .getByRole('table', { name: 'Each portal' })
      .getByRole('row')
      .filter({ hasText: 'Phường Sài Gòn' })
      .waitFor();
    await page.getByRole('status').filter({ hasText: 'Ready' }).first().waitFor();
    await expectNoViolations(page, 'report results in English');
  }, 240_000);

  it('an operator adds a make-up Saturday and the due date moves a working day earlier, here and in the ward below', async () => {
    const s = await as('vanhanh.tp');
    const { page } = s;
    const friday = december(FRIDAY);
    const saturday = december(FRIDAY + 1);
    const monday = december(FRIDAY + 3);
    const tuesday = december(FRIDAY + 4);
    await page.getByRole('navigation').getByRole('link', { name: 'Ngày làm việc và thời hạn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ngày làm việc và thời hạn' }).waitFor();
    // A legal document the city issues is due within 2 working days (05/2024/QĐ-UBND art. 12.1.c).
    const due = async () => {
      await page.getByLabel('Loại thông tin').selectOption('LEGAL_DOCUMENT_OWN');
      await page.getByLabel('Tính từ ngày').fill(friday);
      await page.getByRole('button', { name: 'Tính hạn' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Hạn:' });
      await status.waitFor();
      return status;
    };
    const before = await due();
    await before.filter({ hasText: `Hạn: Thứ Ba ${dmy(tuesday)}` }).waitFor();
    expect(await before.innerText()).toContain('trong 2 ngày làm việc — Điều 12 khoản 1 điểm c');
    await expectNoViolations(page, 'calendar: the year and the due date');

    await page.getByRole('tab', { name: 'Ngày nghỉ, ngày làm bù của cổng' }).click();
    await page.getByText('Cổng này chưa quy định ngày riêng nào.').waitFor();
    await expectNoViolations(page, 'calendar: the portal’s own days');
    // The form's one date field (its label, "Ngày", begins the radio labels too).
    await page.locator('input[type="date"]').fill(saturday);
    await page.getByRole('radio', { name: 'Ngày làm việc (làm bù)' }).check();
    await page.getByLabel('Lý do (tiếng Việt)').fill('Làm bù cho ngày nghỉ cuối năm');
    await page.getByLabel('Văn bản căn cứ').fill('Thông báo 15/TB-UBND');
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    await page.getByRole('cell', { name: `Thứ Bảy ${dmy(saturday)}` }).waitFor();

    await page.getByRole('tab', { name: 'Lịch năm' }).click();
    const after = await due();
    await after.filter({ hasText: `Hạn: Thứ Hai ${dmy(monday)}` }).waitFor();
    // The year view marks the Saturday as a working day, with its reason.
    expect(await page.locator(`td[data-date="${saturday}"]`).innerText()).toContain(
      'làm việc: Làm bù cho ngày nghỉ cuối năm',
    );
    // The city's day applies to the wards below it.
    const ward = await t.gql(
      WARD,
      `{ dueAt(kind: LEGAL_DOCUMENT_OWN, anchor: "${friday}T00:00:00+07:00") { dueDate } }`,
    );
    expect(ward.body.data!.dueAt.dueDate).toBe(monday);

    // An overrides file: imported, listed, then withdrawn again.
    await page.getByRole('tab', { name: 'Ngày nghỉ, ngày làm bù của cổng' }).click();
    const yaml = `apiVersion: portal/v1\nkind: CalendarOverrides\nsource: Quyết định 20/QĐ-UBND\ndaysOff:\n  - { date: ${december(31)}, nameVi: Nghỉ cuối năm của Thành phố }\n`;
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'ngay-nghi.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã nhập tệp ngay-nghi.yaml: thêm 1, thay 0, giữ nguyên 0 ngày.' })
      .waitFor();
    await page.getByRole('cell', { name: 'Nghỉ cuối năm của Thành phố' }).waitFor();
    await page.getByRole('button', { name: `Gỡ ngày ${dmy(december(31))}` }).click();
    await page.getByRole('cell', { name: 'Nghỉ cuối năm của Thành phố' }).waitFor({ state: 'detached' });
    const broken = yaml.replace(december(31), `${YEAR}-02-30`);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'sai.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page.getByText(/Tệp có lỗi \(dòng:cột\) — 5:\d+ \/daysOff\/0\/date/).waitFor();

    // The deadline profile: each rule with its article and the regulation's words.
    await page.getByRole('tab', { name: 'Quy định thời hạn' }).click();
    await page
      .getByRole('heading', { level: 2, name: /05\/2024|Thành phố Hồ Chí Minh|hcmc/i })
      .first()
      .waitFor();
    const rule = page.getByRole('row').filter({ hasText: 'Văn bản do cơ quan ban hành' });
    expect(await rule.innerText()).toContain('Điều 12 khoản 1 điểm c');
    expect(await rule.innerText()).toContain('không quá 02 (hai) ngày làm việc');
    await expectNoViolations(page, 'calendar: the deadline profile');

    // Every step is in the audit log, filtered by action.
    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký hệ thống' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' }).waitFor();
    await page.getByLabel('Thao tác').fill('calendar.override_set');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const rows = page.getByRole('table', { name: 'Nhật ký hệ thống' }).getByRole('row');
    await rows.filter({ hasText: 'Làm bù cho ngày nghỉ cuối năm' }).waitFor();
    expect(await rows.filter({ hasText: 'calendar.override_removed' }).count()).toBe(0);
    await expectNoViolations(page, 'audit log');
  }, 240_000);

  it('the operator sets the site’s look with a live contrast check; categories and menus are listed', async () => {
    const s = await as('vanhanh.tp');
    const { page } = s;
    await page.getByRole('navigation').getByRole('link', { name: 'Cài đặt trang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cài đặt trang' }).waitFor();
    await expectNoViolations(page, 'site settings');
    const primary = page.getByRole('textbox', { name: 'Màu chính (nền đầu trang)', exact: true });
    await primary.fill('#ff8080');
    await page.getByText(/Chữ trắng trên màu chính: chưa đạt/).waitFor();
    await primary.fill('#8b0000');
    await page.getByText('Chữ trắng trên màu chính: đạt').waitFor();
    await page.getByLabel('Cơ quan chủ quản (tiếng Việt)').fill('Ủy ban nhân dân Thành phố Hồ Chí Minh');
    await page.getByRole('button', { name: 'Lưu giao diện' }).click();
    await page.getByText('Đã lưu giao diện. Trang công khai đổi ngay.').waitFor();
    const home = await t.http({ host: CITY, method: 'GET', path: '/' });
    expect(home.text).toContain('Cơ quan chủ quản: Ủy ban nhân dân Thành phố Hồ Chí Minh');
    expect(home.text).toContain('/assets/theme/8b0000-');
    // A colour the server refuses is told on its field (the check the page showed live).
    await primary.fill('#ffe066');
    await page.getByRole('button', { name: 'Lưu giao diện' }).click();
    await page
      .getByText(/^Chữ trắng trên màu chính chỉ đạt độ tương phản [\d.]+:1, cần ít nhất 4.5:1\.$/)
      .waitFor();
    // The categories the ward template made, and the menus.
    await page.getByRole('heading', { name: /^Chuyên mục \(\d+\)$/ }).waitFor();
    await page.getByRole('heading', { name: 'Menu chính' }).waitFor();
  }, 240_000);

  it('a role that may not read reports is neither offered them nor served them by URL', async () => {
    const s = await as('ctv.sg', WARD);
    const entries = await menu(s.page);
    for (const screen of ['Báo cáo', 'Nhật ký hệ thống', 'Cài đặt trang', 'Ngày làm việc và thời hạn'])
      expect(entries).not.toContain(screen);
    await s.open('/bao-cao');
    await s.page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await s.page
      .getByRole('alert')
      .filter({ hasText: /quyền|permission/i })
      .waitFor();
    await s.open('/nhat-ky');
    await s.page.getByRole('alert').first().waitFor();
  }, 240_000);
});
