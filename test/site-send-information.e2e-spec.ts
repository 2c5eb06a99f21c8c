import type { Browser, BrowserContext } from 'playwright-core';
import { Role } from '../libs/access/src';
import { TINY_PDF } from './support/zip-fixture';
import {
  DESKTOP,
  MOBILE,
  axeViolations,
  launchBrowser,
  portalContext,
  portalUrl,
  screenshot,
} from './support/browser';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Sending information to the editorial board on the website, without JavaScript: the form with an
 * optional file (multipart POST → 303 → the receipt with the tracking code), errors on their fields,
 * the status by code (taken up, declined with the reason), another portal not knowing the code; axe
 * on the form, the form with errors, the receipt and the status page, vi and en, at both widths.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

describe('website: sending information to the board', () => {
  let t: TestApp;
  let browser: Browser;
  let noScript: BrowserContext;
  let code = '';

  beforeAll(async () => {
    t = await startTestApp({
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    browser = await launchBrowser();
    noScript = await portalContext(browser, t.port, { javaScriptEnabled: false });
  }, 240_000);

  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await t?.close();
  });

  it('sends with a file and shows the tracking code; the code shows the status', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/'));
    await page.click('text=Gửi thông tin cho Ban Biên tập');
    expect(await page.locator('h1').innerText()).toBe('Gửi thông tin cho Ban Biên tập');
    // Sent empty: the summary links to the fields, nothing is stored.
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('Cần nhập họ và tên');
    expect(await page.locator('.error-summary a').first().getAttribute('href')).toBe('#f-name');
    await screenshot(page, 'test-output/screenshots/site-send-information-errors-1280.png');

    await page.fill('#f-name', 'Phạm Minh Tuấn');
    await page.fill('#f-organisation', 'Câu lạc bộ Dưỡng sinh khu phố 4');
    await page.fill('#f-email', 'tuan.pm@example.vn');
    await page.fill('#f-title', 'Câu lạc bộ Dưỡng sinh khu phố 4 mừng 10 năm thành lập');
    await page.fill(
      '#f-body',
      'Sáng Chủ nhật, câu lạc bộ tổ chức buổi giao lưu mừng 10 năm thành lập với hơn 80 hội viên tham dự.',
    );
    await page.setInputFiles('#f-file', {
      name: 'chuong-trinh.pdf',
      mimeType: 'application/pdf',
      buffer: TINY_PDF,
    });
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('form.form button[type=submit]'),
    ]);
    expect(response?.status()).toBe(200);
    expect(page.url()).toContain('/gui-thong-tin/da-gui?ma=TT-');
    code = (await page.locator('.tracking-code').innerText()).trim();
    expect(code).toMatch(/^TT-/);
    await screenshot(page, 'test-output/screenshots/site-send-information-sent-1280.png');

    await page.click('text=Tra cứu tình trạng');
    expect(await page.locator('.status').innerText()).toBe('Đã tiếp nhận, chờ Ban Biên tập xem xét');
    expect(await page.locator('main').innerText()).not.toContain('tuan.pm@example.vn');

    // The board declines it: the sender reads the reason by the code.
    const member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    const queue = await t.gql<{
      sentInformation: {
        nodes: Array<{ id: string; trackingCode: string; file: { fileName: string } | null }>;
      };
    }>(SAIGON, '{ sentInformation(first: 10) { nodes { id trackingCode file { fileName } } } }', undefined, {
      token: member,
    });
    const row = queue.body.data!.sentInformation.nodes.find((n) => n.trackingCode === code)!;
    expect(row.file?.fileName).toBe('chuong-trinh.pdf');
    await t.gql(
      SAIGON,
      'mutation($id: ID!) { declineSentInformation(id: $id, reason: "Tin đã được đăng trên trang của khu phố.") { __typename } }',
      { id: row.id },
      { token: member },
    );
    await page.goto(portalUrl(t.port, SAIGON, `/gui-thong-tin/tra-cuu?ma=${encodeURIComponent(code)}`));
    expect(await page.locator('.status').innerText()).toBe('Không sử dụng');
    expect(await page.locator('main').innerText()).toContain('Tin đã được đăng trên trang của khu phố.');
    // Never cached: the status is the sender's.
    const status = await t.http({
      host: SAIGON,
      path: `/gui-thong-tin/tra-cuu?ma=${encodeURIComponent(code)}`,
    });
    expect(status.headers['cache-control']).toBe('no-store');
    // Another portal does not know the code.
    const elsewhere = await page.goto(
      portalUrl(t.port, BENTHANH, `/gui-thong-tin/tra-cuu?ma=${encodeURIComponent(code)}`),
    );
    expect(elsewhere?.status()).toBe(404);
    await page.close();
  });

  it('the same form sent twice (a lost answer, a reload) is stored once, with the same answer', async () => {
    const send = () =>
      t.http({
        method: 'POST',
        host: SAIGON,
        path: '/gui-thong-tin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          name: 'Võ Thị Lan',
          phone: '0903123456',
          title: 'Thư cảm ơn của bà con khu phố 1',
          body: 'Bà con khu phố 1 cảm ơn phường đã sửa xong tuyến cống thoát nước trước mùa mưa.',
          website: '',
          idempotencyKey: 'form-9f8e7d6c5b',
        }).toString(),
      });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the sending pages (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        const ma = encodeURIComponent(code);
        for (const path of [
          '/gui-thong-tin',
          `/gui-thong-tin/da-gui?ma=${ma}`,
          `/gui-thong-tin/tra-cuu?ma=${ma}`,
          '/gui-thong-tin/tra-cuu?ma=TT-KHONG-CO',
        ]) {
          await page.goto(portalUrl(t.port, SAIGON, `${prefix}${path}`));
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        }
        // The form with its errors.
        await page.goto(portalUrl(t.port, SAIGON, `${prefix}/gui-thong-tin`));
        await page.click('form.form button[type=submit]');
        expect(await page.locator('.error-summary').count()).toBe(1);
        expect({ path: 'errors', violations: await axeViolations(page) }).toEqual({
          path: 'errors',
          violations: [],
        });
        if (name === '375' && !prefix)
          await screenshot(page, 'test-output/screenshots/site-send-information-375.png');
        await context.close();
      });
});
