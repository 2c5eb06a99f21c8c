import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DemoSeeder } from '../libs/composition/src/demo/demo-seeder';
import { DemoContentSeeder } from '../libs/composition/src/demo/demo-content.seeder';
import { loadAppConfig } from '../libs/platform/src';
import { DESKTOP, launchBrowser, portalContext, portalUrl, screenshot } from './support/browser';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The citizen journeys of the website in a real browser with JavaScript turned off: ask a question
 * and follow it by its code, comment on a draft inside its window (and be refused outside it), rate
 * the portal. Every form goes through the same public write gate as the API, here with its
 * arithmetic challenge on, and answers POST → 303 → GET.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const SHOTS = 'test-output/screenshots';

describe('website: citizen journeys without JavaScript', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let db: DataSource;

  beforeAll(async () => {
    const base = loadAppConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' });
    t = await startTestApp({ publicWrites: { ...base.publicWrites, challenge: 'local' } });
    await t.app.get(DemoSeeder).seedIfEmpty();
    await t.app.get(DemoContentSeeder).seed();
    db = t.app.get(DataSource);
    browser = await launchBrowser();
    context = await portalContext(browser, t.port, { javaScriptEnabled: false, viewport: DESKTOP });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  /** Answers the form's check question from its label ("3 cộng 4 bằng bao nhiêu?"). */
  async function answerChallenge(page: Page): Promise<void> {
    const label = await page.locator('label[for="f-challengeAnswer"]').innerText();
    const [a, b] = (label.match(/\d+/g) ?? []).map(Number);
    await page.fill('#f-challengeAnswer', String(a + b));
  }

  it('asks a question, gets its tracking code, and follows it by the code', async () => {
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/hoi-dap'));
    expect(await page.locator('h1').innerText()).toBe('Hỏi đáp');
    // The demo's answered questions are listed.
    expect(await page.content()).toContain('Đăng ký khai sinh cho con');
    await page.click('text=Gửi câu hỏi');
    expect(page.url()).toContain('/hoi-dap/gui-cau-hoi');
    // Sent empty: the error summary names the fields, the form keeps what was typed.
    await page.fill('#f-topic', 'Giờ làm việc của Bộ phận một cửa');
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.inputValue('#f-topic')).toBe('Giờ làm việc của Bộ phận một cửa');
    await page.fill('#f-name', 'Nguyễn Thị Lan');
    await page.fill('#f-email', 'lan.nguyen@example.vn');
    await page.fill('#f-text', 'Bộ phận tiếp nhận và trả kết quả của phường có làm việc sáng thứ Bảy không?');
    await answerChallenge(page);
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('form.form button[type=submit]'),
    ]);
    expect(response?.status()).toBe(200);
    expect(page.url()).toContain('/hoi-dap/da-gui?ma=');
    const code = (await page.locator('.tracking-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9-]{6,}$/);
    await screenshot(page, `${SHOTS}/site-ask-received-1280.png`);
    // Stored once, on the ward, received.
    const rows = await db.query(
      `SELECT q.status, t.primary_host AS host FROM questions q JOIN tenants t ON t.id = q.tenant_id WHERE q.tracking_code = $1`,
      [code],
    );
    expect(rows.map((r: { status: string; host: string }) => [r.status, String(r.host)])).toEqual([
      ['RECEIVED', SAIGON],
    ]);
    await page.click('text=Tra cứu tình trạng câu hỏi');
    expect(await page.locator('.status').innerText()).toBe('Đã tiếp nhận');
    // By the code typed into the lookup form; an unknown code says so.
    await page.goto(portalUrl(t.port, SAIGON, '/hoi-dap/tra-cuu'));
    await page.fill('#f-ma', code.toLowerCase());
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.status').innerText()).toBe('Đã tiếp nhận');
    await page.fill('#f-ma', 'KHONG-CO-MA-NAY');
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('Không tìm thấy');
    // The same code on another portal finds nothing.
    const elsewhere = await t.http({ host: CITY, path: `/hoi-dap/tra-cuu?ma=${encodeURIComponent(code)}` });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers['cache-control']).toBe('no-store');
    await page.close();
  });

  it('a wrong challenge answer or a filled honeypot is refused and nothing is stored', async () => {
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/hoi-dap/gui-cau-hoi'));
    await page.fill('#f-name', 'Rô Bốt');
    await page.fill('#f-email', 'robot@example.vn');
    await page.fill('#f-topic', 'Thử kiểm tra sai');
    await page.fill('#f-text', 'Nội dung câu hỏi đủ dài để hợp lệ.');
    await page.fill('#f-challengeAnswer', '999');
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('Câu trả lời kiểm tra chưa đúng');
    // A robot fills every field it finds, the hidden one too.
    const robot = await t.http({
      host: SAIGON,
      method: 'POST',
      path: '/hoi-dap/gui-cau-hoi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Rô Bốt',
        email: 'robot@example.vn',
        topic: 'Thử kiểm tra sai',
        text: 'Nội dung câu hỏi đủ dài để hợp lệ.',
        website: 'http://spam.example',
      }).toString(),
    });
    expect(robot.status).toBe(400);
    expect(robot.text).toContain('Không thể tiếp nhận nội dung này.');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM questions WHERE topic = 'Thử kiểm tra sai'`,
    );
    expect(n).toBe(0);
    await page.close();
  });

  it('comments on a draft inside its window; the closed draft shows its result and refuses comments', async () => {
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, CITY, '/gop-y-du-thao'));
    expect(await page.locator('h1').innerText()).toBe('Góp ý dự thảo văn bản');
    await page.click(
      'text=Dự thảo Quyết định quy định về quản lý, sử dụng tạm thời một phần lòng đường, vỉa hè',
    );
    expect(await page.content()).toContain('Phạm Quốc Việt'); // a published comment
    await page.fill('#f-name', 'Trương Văn Nam');
    await page.fill('#f-email', 'nam.truong@example.vn');
    await page.fill('#f-text', 'Đề nghị bổ sung quy định về giờ được sử dụng vỉa hè ở các tuyến phố đi bộ.');
    await answerChallenge(page);
    await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
    expect(page.url()).toMatch(/\/gop-y-du-thao\/du-thao-quy-dinh-via-he-su-dung-tam-thoi\/da-gui$/);
    expect(await page.locator('h1').innerText()).toBe('Đã nhận ý kiến góp ý');
    const [stored] = await db.query(`SELECT state FROM draft_comments WHERE name = 'Trương Văn Nam'`);
    expect(stored.state).toBe('PENDING');
    // Pending comments are not shown until the board publishes them.
    await page.goto(portalUrl(t.port, CITY, '/gop-y-du-thao/du-thao-quy-dinh-via-he-su-dung-tam-thoi'));
    expect(await page.content()).not.toContain('Trương Văn Nam');

    // Outside its window: no form, the result summary, and a posted comment is refused.
    await page.goto(portalUrl(t.port, CITY, '/gop-y-du-thao/du-thao-ke-hoach-phat-trien-cay-xanh'));
    expect(await page.locator('form.form').count()).toBe(0);
    expect(await page.content()).toContain('Kết quả tổng hợp, tiếp thu ý kiến');
    const late = await t.http({
      host: CITY,
      method: 'POST',
      path: '/gop-y-du-thao/du-thao-ke-hoach-phat-trien-cay-xanh',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Người đến muộn',
        email: 'muon@example.vn',
        text: 'Góp ý sau khi đã hết hạn.',
      }).toString(),
    });
    expect(late.status).toBe(400);
    expect(late.text).toContain('Đã hết thời gian góp ý');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM draft_comments WHERE name = 'Người đến muộn'`,
    );
    expect(n).toBe(0);
    await page.close();
  });

  it('rates the portal on four criteria, once a day', async () => {
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/danh-gia'));
    expect(await page.locator('fieldset legend').allInnerTexts()).toEqual([
      'Giao diện',
      'Nội dung thông tin',
      'Chất lượng dịch vụ',
      'Hỗ trợ người dùng',
    ]);
    // One criterion left out: named in the summary, the others kept.
    await page.check('input[name=interface][value="5"]');
    await page.check('input[name=content][value="4"]');
    await page.check('input[name=quality][value="4"]');
    await answerChallenge(page);
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('Hỗ trợ người dùng');
    expect(await page.isChecked('input[name=interface][value="5"]')).toBe(true);
    await page.check('input[name=support][value="3"]');
    await answerChallenge(page);
    await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
    expect(page.url()).toMatch(/\/danh-gia\/cam-on$/);
    const rows = await db.query(
      `SELECT score_interface, score_content, score_quality, score_support FROM portal_ratings r JOIN tenants t ON t.id = r.tenant_id WHERE t.primary_host = $1`,
      [SAIGON],
    );
    expect(rows).toEqual([{ score_interface: 5, score_content: 4, score_quality: 4, score_support: 3 }]);
    // The same address again today: thanked, not counted twice.
    await page.goto(portalUrl(t.port, SAIGON, '/danh-gia'));
    for (const c of ['interface', 'content', 'quality', 'support'])
      await page.check(`input[name=${c}][value="2"]`);
    await answerChallenge(page);
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('đã đánh giá');
    await page.close();
  });
});
