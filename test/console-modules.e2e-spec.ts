import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../libs/access/src';
import { launchBrowser, screenshot } from './support/browser';
import { ConsoleSession, assertConsoleBuilt, consoleViolations, signIn } from './support/console';
import { publishSiteItem } from './support/site-content';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const REFUSED = 'Bạn không có quyền thực hiện thao tác này';
const DB_LINK = 'Liên kết tới Cơ sở dữ liệu quốc gia về văn bản pháp luật';

const doc = (number: string, title: string, issuer = 'Ủy ban nhân dân phường Sài Gòn') => ({
  kind: 'LEGAL_DOCUMENT',
  title,
  fields: { form: 'QUYET_DINH', issuer, number, issueDate: '2026-03-02', excerpt: title },
});

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

// The console's screens for legal documents' validity and the catalogue of public services: a
// board member states a document's validity (a bad link refused on its field, in Vietnamese and in
// English), relates it to documents of this portal and another found by their number, sees the
// relation from the other side and removes it, imports a list with a dry run showing the wrong
// line; keeps the services catalogue (import with a dry run, filter, withdraw, restore); a
// contributor is refused with the server's reason.
describe('the editors’ console: legal documents and public services', () => {
  let t: TestApp;
  let browser: Browser;
  const sessions: ConsoleSession[] = [];
  const docs: Record<string, { id: string; slug: string }> = {};
  const as = async (username: string) => {
    const s = await signIn(browser, t, WARD, username);
    sessions.push(s);
    return s;
  };
  const noViolations = async (page: Page, screen: string) =>
    expect({ screen, violations: await consoleViolations(page) }).toEqual({ screen, violations: [] });

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.createAccount({ username: 'bientap.saigon', homeHost: WARD, role: Role.BOARD_MEMBER });
    await t.createAccount({ username: 'ctv.saigon', homeHost: WARD, role: Role.CONTRIBUTOR });
    docs.old = await publishSiteItem(t, WARD, doc('12/2023/QĐ-UBND', 'Quy định về trật tự đô thị phường'));
    docs.new = await publishSiteItem(
      t,
      WARD,
      doc('07/2026/QĐ-UBND', 'Quy định mới về trật tự đô thị phường'),
    );
    docs.city = await publishSiteItem(
      t,
      CITY,
      doc('25/2025/QĐ-UBND', 'Quy định quản lý trật tự đô thị của Thành phố', 'Ủy ban nhân dân Thành phố'),
    );
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('states a document’s validity, refusing a bad link on its field, and relates documents both ways', async () => {
    const { page, open } = await as('bientap.saigon');
    await open('/van-ban');
    await page.getByRole('link', { name: 'Quy định mới về trật tự đô thị phường' }).click();
    await page.getByRole('heading', { level: 2, name: 'Hiệu lực và văn bản liên quan' }).waitFor();
    // The document's stored validity has come (none yet) before anything is typed.
    await page.getByText('Hiệu lực hôm nay: chưa ghi').waitFor();

    // A link outside the national database: refused by the server, the message by the field.
    await page.getByLabel('Tình trạng', { exact: true }).selectOption('PARTLY_IN_FORCE');
    await page.getByLabel('Ngày hết hiệu lực').fill('2031-01-01');
    await page.getByLabel(DB_LINK).fill('https://example.com/van-ban/07');
    await page.getByRole('button', { name: 'Ghi tình trạng hiệu lực' }).click();
    await page.getByText('Liên kết phải là địa chỉ của Cơ sở dữ liệu quốc gia').waitFor();
    expect(await page.getByLabel(DB_LINK).getAttribute('aria-invalid')).toBe('true');
    await noViolations(page, 'legal panel with an error');
    // The same refusal in English, by the switch.
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByRole('button', { name: 'Save the validity' }).click();
    await page.getByText('The link must be an address in the national legal database').waitFor();
    await page.locator('label', { hasText: 'Tiếng Việt' }).click();

    await page.getByLabel(DB_LINK).fill('https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=707');
    await page.getByRole('button', { name: 'Ghi tình trạng hiệu lực' }).click();
    await page.getByText('Hiệu lực hôm nay: Hết hiệu lực một phần').waitFor();
    expect(await page.getByLabel(DB_LINK).getAttribute('aria-invalid')).not.toBe('true');

    // Relations: this portal's older decision (found by a part of its number), the city's one.
    await page.getByLabel('Văn bản này').selectOption('REPLACES');
    await page.getByLabel('Số, ký hiệu văn bản kia (mọi cổng)').fill('12/2023');
    await page.getByRole('button', { name: 'Tìm văn bản' }).click();
    await page.getByLabel('Văn bản kia', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Thêm quan hệ' }).click();
    await page.getByRole('cell', { name: 'Quy định về trật tự đô thị phường' }).waitFor();
    await page.getByLabel('Văn bản này').selectOption('GUIDES');
    await page.getByLabel('Số, ký hiệu văn bản kia (mọi cổng)').fill('25/2025/qđ-ubnd');
    await page.getByRole('button', { name: 'Tìm văn bản' }).click();
    const other = page.getByLabel('Văn bản kia', { exact: true });
    await other.waitFor();
    expect(await other.locator('option').allInnerTexts()).toEqual([
      '25/2025/QĐ-UBND — Quy định quản lý trật tự đô thị của Thành phố (Thành phố Hồ Chí Minh)',
    ]);
    await page.getByRole('button', { name: 'Thêm quan hệ' }).click();
    await page.getByRole('cell', { name: 'Quy định quản lý trật tự đô thị của Thành phố' }).waitFor();
    // A number nobody published: said so, nothing to choose.
    await page.getByLabel('Số, ký hiệu văn bản kia (mọi cổng)').fill('99/2099/QĐ-UBND');
    await page.getByRole('button', { name: 'Tìm văn bản' }).click();
    await page.getByText('Không có văn bản đã đăng nào mang số này.').waitFor();
    await noViolations(page, 'legal panel with relations');
    await page.evaluate('window.scrollTo(0, 0)'); // the shell's fixed header at the top of the shot
    await screenshot(page, join(SHOTS, 'console-legal.png'));

    // The other side lists it too, and the board removes it there (kept, marked removed).
    await open(`/noi-dung/${docs.old.id}`);
    await page.getByRole('cell', { name: 'Bị thay thế bởi' }).waitFor();
    await page.getByRole('button', { name: 'Gỡ quan hệ với 07/2026/QĐ-UBND' }).click();
    await page.getByText('Chưa có văn bản liên quan.').waitFor();
    const status = await t.gql<{
      legalDocumentStatus: { relations: Array<{ kind: string; otherNumber: string }> };
    }>(
      WARD,
      `query($id: ID!) { legalDocumentStatus(itemId: $id) { relations { kind otherNumber } } }`,
      { id: docs.new.id },
      { token: await t.asUser('kiemtra.saigon', Role.BOARD_HEAD, WARD) },
    );
    expect(status.body.data!.legalDocumentStatus.relations).toEqual([
      { kind: 'GUIDES', otherNumber: '25/2025/QĐ-UBND' },
    ]);
  });

  it('imports a list of documents: the dry run names the wrong line, then the import writes', async () => {
    const { page, open } = await as('bientap.saigon');
    await open('/van-ban');
    await page.getByRole('cell', { name: '12/2023/QĐ-UBND' }).waitFor();
    const file = page.locator('input[type="file"]');
    await file.setInputFiles(
      csv(
        'sai.csv',
        'number,validity,expiryDate\n12/2023/QĐ-UBND,EXPIRED,2026-07-01\n07/2026/QĐ-UBND,CON_HIEU_LUC,\n',
      ),
    );
    await page.getByRole('button', { name: 'Chạy thử (không ghi)' }).click();
    const problems = page.getByRole('table', { name: 'Các lỗi của tệp, theo dòng' });
    await problems.waitFor();
    expect(await problems.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual([
      '3',
      'validity',
      expect.stringContaining('Tình trạng hiệu lực phải là'),
    ]);
    await page.getByText('Tệp có 1 lỗi; không dòng nào được ghi.').waitFor();
    expect(await page.getByRole('button', { name: 'Nhập tệp' }).isDisabled()).toBe(true);
    await noViolations(page, 'legal import errors');

    await file.setInputFiles(
      csv('dung.csv', 'number,validity,expiryDate\n12/2023/QĐ-UBND,EXPIRED,2026-07-01\n'),
    );
    await page.getByRole('button', { name: 'Chạy thử (không ghi)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Chạy thử: sẽ tạo 0 bản nháp, cập nhật 1, giữ nguyên 0 văn bản, thêm 0 quan hệ.' })
      .waitFor();
    // The dry run wrote nothing.
    expect(await page.getByRole('row', { name: /12\/2023\/QĐ-UBND/ }).innerText()).toContain('chưa ghi');
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã nhập: tạo 0 bản nháp, cập nhật 1' }).waitFor();
    await page.getByRole('row', { name: /12\/2023\/QĐ-UBND.*Hết hiệu lực toàn bộ/ }).waitFor();
    // The validity filter (the public search's) finds it.
    await page.getByLabel('Hiệu lực', { exact: true }).selectOption('EXPIRED');
    // (The list reloads: the other row goes, then the filtered list shows.)
    await page.getByRole('row', { name: /07\/2026/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /12\/2023\/QĐ-UBND/ }).waitFor();
    expect(await page.getByRole('row', { name: /07\/2026/ }).count()).toBe(0);
  });

  it('keeps the catalogue of public services: import with a dry run, filter, withdraw, restore', async () => {
    const { page, open } = await as('bientap.saigon');
    await open('/thu-tuc-hanh-chinh');
    await page.getByText('Danh mục chưa có dịch vụ nào.').waitFor();
    const url = (code: string) =>
      `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${code}`;
    const header = 'code,name,field,level,portalUrl,received,processed,countsAsOf';
    const good = [
      header,
      `1.001193,Đăng ký khai sinh,Hộ tịch,FULL_ONLINE,${url('1.001193')},120,118,2026-11-30`,
      `1.000656,Chứng thực bản sao từ bản chính,Chứng thực,PARTIAL_ONLINE,${url('1.000656')},,,`,
    ];
    const file = page.locator('input[type="file"]');
    await file.setInputFiles(
      csv('sai.csv', [...good.slice(0, 2), good[2].replace('PARTIAL_ONLINE', 'MUC_4')].join('\n')),
    );
    await page.getByRole('button', { name: 'Chạy thử (không ghi)' }).click();
    const problems = page.getByRole('table', { name: 'Các lỗi của tệp, theo dòng' });
    await problems.waitFor();
    expect(await problems.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual([
      '3',
      'level',
      'Mức độ phải là FULL_ONLINE, PARTIAL_ONLINE hoặc OFFLINE.',
    ]);
    await noViolations(page, 'services import errors');

    await file.setInputFiles(csv('dung.csv', good.join('\n')));
    await page.getByRole('button', { name: 'Chạy thử (không ghi)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Chạy thử: sẽ thêm 2, cập nhật 0, giữ nguyên 0 dịch vụ.' })
      .waitFor();
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã nhập: thêm 2, cập nhật 0, giữ nguyên 0 dịch vụ.' })
      .waitFor();
    await page
      .getByRole('row', { name: /1\.001193.*Đăng ký khai sinh.*Hộ tịch.*Toàn trình.*120 \/ 118/ })
      .waitFor();

    // Filters: by level, by field.
    await page.getByLabel('Mức độ').selectOption('PARTIAL_ONLINE');
    await page.getByRole('row', { name: /1\.001193/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /1\.000656/ }).waitFor();
    expect(await page.getByRole('row', { name: /1\.001193/ }).count()).toBe(0);
    await page.getByLabel('Mức độ').selectOption('');
    await page.getByLabel('Lĩnh vực').selectOption('Hộ tịch');
    await page.getByRole('row', { name: /1\.000656/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /1\.001193/ }).waitFor();
    expect(await page.getByRole('row', { name: /1\.000656/ }).count()).toBe(0);
    await page.getByLabel('Lĩnh vực').selectOption('');

    // Withdrawn: kept in the board's list, gone from the public catalogue; restored.
    await page.getByRole('button', { name: 'Rút 1.001193 khỏi danh mục' }).click();
    await page.getByRole('row', { name: /1\.001193.*Đã rút/ }).waitFor();
    const publicCodes = async () =>
      (
        await t.gql<{ publicServices: { services: Array<{ code: string }> } }>(
          WARD,
          '{ publicServices { services { code } } }',
        )
      ).body.data!.publicServices.services.map((s) => s.code);
    expect(await publicCodes()).toEqual(['1.000656']);
    await noViolations(page, 'services list');
    await screenshot(page, join(SHOTS, 'console-public-services.png'));
    await page.getByRole('button', { name: 'Khôi phục 1.001193' }).click();
    await page.getByRole('row', { name: /1\.001193.*Đang công khai/ }).waitFor();
    expect((await publicCodes()).sort()).toEqual(['1.000656', '1.001193']);
  });

  it('refuses a contributor, with the server’s reason under the screen’s heading', async () => {
    const { page, open } = await as('ctv.saigon');
    await open('/thu-tuc-hanh-chinh');
    await page.getByRole('alert').filter({ hasText: REFUSED }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual([
      'Thủ tục hành chính, dịch vụ công',
    ]);
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await noViolations(page, 'services refused');

    // The documents are public; importing a list is not the contributor's to do.
    await open('/van-ban');
    await page.getByRole('cell', { name: '07/2026/QĐ-UBND' }).waitFor();
    await page
      .locator('input[type="file"]')
      .setInputFiles(csv('ds.csv', 'number,validity\n07/2026/QĐ-UBND,EXPIRED\n'));
    await page.getByRole('button', { name: 'Chạy thử (không ghi)' }).click();
    await page.getByRole('alert').filter({ hasText: REFUSED }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['Văn bản pháp luật']);
    await noViolations(page, 'legal import refused');
    const status = await t.gql<{ legalDocumentStatus: { validity: string } }>(
      WARD,
      `query($id: ID!) { legalDocumentStatus(itemId: $id) { validity } }`,
      { id: docs.new.id },
      { token: await t.asUser('kiemtra2.saigon', Role.BOARD_HEAD, WARD) },
    );
    expect(status.body.data!.legalDocumentStatus.validity).toBe('PARTLY_IN_FORCE');
  });
});
