import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../libs/access/src';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { launchBrowser, portalUrl, screenshot } from './support/browser';
import { ConsoleSessions, MINIMAL_PDF, PNG_1X1, assertConsoleBuilt, editorHtml, expectNoViolations } from './support/console';
import { until } from './support/waiting';

const WARD = 'saigon.hochiminhcity.gov.vn';
const OTHER_WARD = 'benthanh.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');

// The editorial day in the console, in a real chromium against the real server: a contributor writes
// a news item with an image and an attachment, the board returns it, it is fixed and approved, the
// operator schedules it and it appears on the public page at that time; then an edit of the live
// item and a refusal. Every screen on the way is scanned by axe.
describe('the editors’ console: a news item from draft to the public site', () => {
  let t: TestApp;
  let browser: Browser;
  const consoles = new ConsoleSessions(() => browser, () => t);
  const sessions = consoles.all;
  let itemId = '';
  let slug = '';

  const as = (username: string) => consoles.signIn(WARD, username);
  const publicPage = (s: string) => t.http({ host: WARD, method: 'GET', path: `/print/${s}` });
  const step = async (page: Page, name: string) => {
    await page.getByRole('button', { name, exact: true }).click();
  };
  const badge = (page: Page, text: string) =>
    page.locator('.mantine-Badge-root', { hasText: text }).first().waitFor();

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.createAccount({ username: 'ctv.saigon', homeHost: WARD, role: Role.CONTRIBUTOR });
    await t.createAccount({ username: 'bientap.saigon', homeHost: WARD, role: Role.BOARD_MEMBER });
    await t.createAccount({ username: 'truongban.saigon', homeHost: WARD, role: Role.BOARD_HEAD });
    await t.createAccount({ username: 'vanhanh.saigon', homeHost: WARD, role: Role.OPERATOR });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await consoles.closeAll();
    await t?.close();
  });

  it('signs in: the sign-in screen and the dashboard pass axe', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, WARD, '/quan-tri/'));
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await expectNoViolations(page, 'sign-in');
    await ctx.close();
    const s = await as('ctv.saigon');
    await expectNoViolations(s.page, 'dashboard (contributor)');
    // The menu follows the roles: a contributor writes, but does not delegate.
    expect(await s.page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual([
      'Bảng điều khiển',
      'Nội dung',
      'Viết bài mới',
      'Thông tin gửi đến',
    ]);
  });

  it('a contributor writes a news item with an image and an attachment, and submits it', async () => {
    const { page } = sessions[0];
    await page.getByRole('navigation').getByRole('link', { name: 'Viết bài mới' }).click();
    await page.getByRole('heading', { name: /Viết bài mới/ }).waitFor();
    await page
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Phường Sài Gòn ra quân làm sạch kênh rạch');
    await page.getByLabel('Tóm tắt').fill('Hơn 300 người tham gia ngày Chủ nhật xanh.');
    await page.getByLabel('Ngày diễn ra sự kiện').fill('2026-12-06');
    const body = page.getByRole('textbox', { name: 'Nội dung bài viết' });
    await body.click();
    await page.keyboard.type('Sáng Chủ nhật, ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('hơn 300 đoàn viên');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' đã làm sạch tuyến kênh Nhiêu Lộc.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- Thu gom 5 tấn rác');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Trồng 50 cây xanh');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(/\/quan-tri\/noi-dung\/[0-9a-f-]{36}\/sua$/);
    itemId = /noi-dung\/([0-9a-f-]{36})\/sua/.exec(page.url())![1];
    await page.getByRole('heading', { name: /Sửa bài/ }).waitFor();
    // The console sent the creation with an idempotency key: a retry of it would store nothing twice.
    const keys = await t.app
      .get(DataSource)
      .query(
        `SELECT operation, response::text AS answer FROM idempotency_keys WHERE operation = 'createContent'`,
      );
    expect(keys).toEqual([{ operation: 'createContent', answer: expect.stringContaining(itemId) }]);

    // Upload: an image goes into the body, a PDF becomes a download link, an HTML file is refused.
    const files = page.getByLabel('Chọn tệp đính kèm');
    await files.setInputFiles({ name: 'anh-ra-quan.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.locator('.tiptap img[alt="anh-ra-quan.png"]').waitFor();
    await files.setInputFiles({ name: 'ke-hoach.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
    await page.locator('.tiptap a', { hasText: 'ke-hoach.pdf' }).waitFor();
    await files.setInputFiles({
      name: 'trang.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html><body>x</body></html>'),
    });
    await page
      .getByRole('alert')
      .filter({ hasText: 'Chỉ nhận tệp PDF, DOCX, XLSX, PNG, JPEG, GIF hoặc WebP' })
      .waitFor();
    await expect(page.getByRole('progressbar', { name: 'anh-ra-quan.png: 100%' }).count()).resolves.toBe(1);
    await expectNoViolations(page, 'editor');
    await page.setViewportSize({ width: 1280, height: 1300 });
    await page.mouse.wheel(0, -5000);
    await screenshot(page, join(SHOTS, 'editor.png'));
    await page.setViewportSize({ width: 1280, height: 900 });

    const written = await editorHtml(page);
    await page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page.waitForURL(new RegExp(`/noi-dung/${itemId}$`));
    // What TipTap wrote survives the server's sanitiser unchanged: reopened, the editor holds the same.
    await sessions[0].open(`/noi-dung/${itemId}/sua`);
    await page.locator('.tiptap img').waitFor();
    expect(await editorHtml(page)).toBe(written);
    expect(written).toContain('<strong>hơn 300 đoàn viên</strong>');
    expect(written).toMatch(/<img src="\/attachments\/[0-9a-f-]{36}" alt="anh-ra-quan.png">/);
    expect(written).toMatch(/<a href="\/attachments\/[0-9a-f-]{36}">ke-hoach.pdf<\/a>/);

    // The draft's image shows in the editor. An <img> sends no bearer token: the console shows it from
    // its media path, opened by an HttpOnly cookie of the session; the stored HTML keeps /attachments/.
    const loaded = (img: ReturnType<Page['locator']>) =>
      until('the image to load', () =>
        img.evaluate((el) => {
          const image = el as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth > 0;
        }),
      );
    const editorImage = page.locator('.tiptap img');
    await loaded(editorImage);
    const shown = (await editorImage.getAttribute('src'))!;
    expect(shown).toMatch(/^\/quan-tri\/media\/[0-9a-f-]{36}$/);
    const attachmentId = shown.split('/').pop()!;
    expect(written).toContain(`<img src="/attachments/${attachmentId}" alt="anh-ra-quan.png">`);
    const media = (await sessions[0].context.cookies()).find((c) => c.name === 'portal_console_media')!;
    expect(media).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/quan-tri/media/',
    });
    const fetchAs = (host: string, path: string, cookie?: string) =>
      t.http({ host, method: 'GET', path, headers: cookie ? { cookie } : {} });
    const own = await fetchAs(WARD, shown, `portal_console_media=${media.value}`);
    expect(own.status).toBe(200);
    expect(own.bytes.equals(PNG_1X1)).toBe(true);
    // The same address anonymously, or through another portal's host (even with the cookie copied
    // there), gives nothing; nor does the draft's public address.
    for (const refused of [
      await fetchAs(WARD, shown),
      await fetchAs(OTHER_WARD, shown, `portal_console_media=${media.value}`),
      await fetchAs(WARD, shown, `portal_console_media=${media.value.slice(0, -2)}xx`),
      await fetchAs(WARD, `/attachments/${attachmentId}`),
    ]) {
      expect(refused.status).toBe(404);
      expect(refused.bytes.includes(PNG_1X1)).toBe(false);
    }
    // In the browser, another portal's host receives no cookie and shows no image.
    const elsewhere = await sessions[0].context.newPage();
    const answer = await elsewhere.goto(portalUrl(t.port, OTHER_WARD, shown));
    expect(answer?.status()).toBe(404);
    await elsewhere.close();

    await sessions[0].open(`/noi-dung/${itemId}`);
    // The preview shows it too.
    await loaded(page.locator('article img'));
    // Role limits are shown before a click: a contributor cannot take it into review.
    await expect(page.getByRole('button', { name: 'Gửi duyệt' }).isEnabled()).resolves.toBe(true);
    await expectNoViolations(page, 'item (draft)');
    await step(page, 'Gửi duyệt');
    await badge(page, 'Đã gửi duyệt');
    const review = page.getByRole('button', { name: 'Nhận biên tập' });
    await expect(review.isDisabled()).resolves.toBe(true);
    await page.getByText('Vai trò của bạn không được làm bước này.').first().waitFor();
  });

  it('a board member takes it into review and returns it with a note', async () => {
    const s = await as('bientap.saigon');
    // The board's queue on the dashboard lists it.
    await s.page.getByRole('link', { name: 'Phường Sài Gòn ra quân làm sạch kênh rạch' }).first().click();
    await s.page
      .getByRole('heading', { level: 1, name: 'Phường Sài Gòn ra quân làm sạch kênh rạch' })
      .waitFor();
    await step(s.page, 'Nhận biên tập');
    await badge(s.page, 'Đang biên tập');
    await step(s.page, 'Trả lại');
    const dialog = s.page.getByRole('dialog');
    await dialog.getByLabel('Yêu cầu chỉnh sửa').fill('Ghi rõ nguồn ảnh và tên người chụp.');
    await expectNoViolations(s.page, 'return dialog');
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await badge(s.page, 'Trả lại để sửa');
  });

  it('the contributor sees the note, fixes the item and resubmits it', async () => {
    const s = sessions[0];
    await s.open(`/noi-dung/${itemId}`);
    await s.page.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
    await s.page.getByRole('cell', { name: 'Ghi rõ nguồn ảnh và tên người chụp.' }).waitFor();
    await expectNoViolations(s.page, 'item history');
    await s.page.getByRole('link', { name: 'Sửa bài' }).click();
    await s.page.getByLabel('Nguồn tin').fill('Phường Sài Gòn (ảnh: Nguyễn Văn An)');
    await s.page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await s.page.waitForURL(new RegExp(`/noi-dung/${itemId}$`));
    await step(s.page, 'Gửi duyệt');
    await badge(s.page, 'Đã gửi duyệt');
  });

  it('the member takes it into review; only the head may approve, and the console says so', async () => {
    const s = sessions[1];
    await s.open(`/noi-dung/${itemId}`);
    await step(s.page, 'Nhận biên tập');
    await badge(s.page, 'Đang biên tập');
    await expect(s.page.getByRole('button', { name: 'Phê duyệt' }).isDisabled()).resolves.toBe(true);
  });

  it('the head approves (as head), and the dashboard shows the queue', async () => {
    const s = await as('truongban.saigon');
    await s.page.getByRole('table', { name: 'Hàng chờ' }).waitFor();
    await screenshot(s.page, join(SHOTS, 'dashboard.png'));
    await expectNoViolations(s.page, 'dashboard (head)');
    await s.open(`/noi-dung/${itemId}`);
    await s.page.getByText('Bạn phê duyệt với tư cách Trưởng ban.').waitFor();
    await step(s.page, 'Phê duyệt');
    await badge(s.page, 'Đã duyệt');
  });

  it('the operator schedules it and it appears on the public page at that time', async () => {
    const s = await as('vanhanh.saigon');
    await s.open(`/noi-dung/${itemId}`);
    slug = (await s.page.getByText(/^Tin tức · Tiếng Việt · \//).innerText()).split('/').pop()!.trim();
    await step(s.page, 'Hẹn giờ đăng');
    // Vietnam time (UTC+7), to the second: 20 s from now.
    const at = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
    const local = new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
    const dialog = s.page.getByRole('dialog');
    await dialog.getByLabel('Đăng lúc (giờ Việt Nam, 24 giờ)').fill(local);
    await dialog.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
    await badge(s.page, 'Hẹn giờ đăng');
    expect((await publicPage(slug)).status).toBe(404);
    await until(
      'the scheduled item on the public page',
      async () => (await publicPage(slug)).status === 200,
      90_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    const page = await publicPage(slug);
    expect(String(page.body)).toContain('Phường Sài Gòn ra quân làm sạch kênh rạch');
    expect(String(page.body)).toMatch(/<img src="\/attachments\/[0-9a-f-]{36}" alt="anh-ra-quan.png" \/>/);
  }, 120_000);

  it('an edit of the live item goes through approval while the old revision stays live', async () => {
    const writer = sessions[0];
    await writer.open(`/noi-dung/${itemId}/sua`);
    await writer.page.getByText('Bài đang đăng công khai.', { exact: false }).waitFor();
    await writer.page
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Phường Sài Gòn ra quân làm sạch kênh Nhiêu Lộc');
    await writer.page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await writer.page.waitForURL(new RegExp(`/noi-dung/${itemId}$`));
    await writer.page.getByText('Bản đang đăng vẫn giữ nguyên').waitFor();
    await step(writer.page, 'Gửi duyệt');
    await badge(writer.page, 'Đã gửi duyệt');
    expect(String((await publicPage(slug)).body)).toContain('ra quân làm sạch kênh rạch');

    const member = sessions[1];
    await member.open(`/noi-dung/${itemId}`);
    await step(member.page, 'Nhận biên tập');
    await badge(member.page, 'Đang biên tập');
    const head = sessions[2];
    await head.open(`/noi-dung/${itemId}`);
    await step(head.page, 'Phê duyệt');
    await badge(head.page, 'Đã duyệt');
    expect(String((await publicPage(slug)).body)).toContain('ra quân làm sạch kênh rạch');
    const operator = sessions[3];
    await operator.open(`/noi-dung/${itemId}`);
    await step(operator.page, 'Đăng ngay');
    await operator.page.getByText('Đăng ngay: đã xong').waitFor();
    expect(String((await publicPage(slug)).body)).toContain('ra quân làm sạch kênh Nhiêu Lộc');

    // Revisions: the side-by-side difference of the live edit, and a restore as a new draft.
    await writer.open(`/noi-dung/${itemId}/phien-ban`);
    await writer.page.getByRole('heading', { name: 'Tiêu đề', level: 2 }).waitFor();
    await writer.page.locator('ins.diff-added', { hasText: 'Nhiêu' }).first().waitFor();
    await writer.page.locator('del.diff-removed', { hasText: 'rạch' }).first().waitFor();
    await expectNoViolations(writer.page, 'revisions and diff');
    await screenshot(writer.page, join(SHOTS, 'diff.png'));
    await writer.page.getByRole('button', { name: 'Khôi phục bản 1 thành bản nháp mới' }).click();
    await writer.page.waitForURL(new RegExp(`/noi-dung/${itemId}$`));
    await badge(writer.page, 'Bản nháp');
    expect(String((await publicPage(slug)).body)).toContain('ra quân làm sạch kênh Nhiêu Lộc');
  }, 120_000);

  it('a refusal names a reason from the list', async () => {
    const writer = sessions[0];
    await writer.open('/noi-dung/moi?kind=ANNOUNCEMENT');
    await writer.page
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Thông báo chưa được phép công bố');
    await writer.page.getByRole('textbox', { name: 'Nội dung bài viết' }).click();
    await writer.page.keyboard.type('Nội dung dự kiến.');
    await writer.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await writer.page.waitForURL(/\/sua$/);
    const id = /noi-dung\/([0-9a-f-]{36})\/sua/.exec(writer.page.url())![1];
    await writer.open(`/noi-dung/${id}`);
    await step(writer.page, 'Gửi duyệt');
    await badge(writer.page, 'Đã gửi duyệt');

    const member = sessions[1];
    await member.open(`/noi-dung/${id}`);
    await step(member.page, 'Từ chối');
    const dialog = member.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Cần chọn lý do từ chối.' })
      .waitFor()
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\ndialog: ${await member.page.locator('body').innerText()}`);
      });
    await dialog.getByLabel('Lý do từ chối').selectOption('NOT_AUTHORISED_FOR_RELEASE');
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await badge(member.page, 'Từ chối');
    await member.page.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
    await member.page.getByRole('cell', { name: 'Chưa được phép công bố' }).waitFor();
    // The refused item is in the list under its state.
    await member.open('/noi-dung?status=REFUSED');
    await member.page.getByRole('link', { name: 'Thông báo chưa được phép công bố' }).waitFor();
    await expectNoViolations(member.page, 'content list');
  });
});
