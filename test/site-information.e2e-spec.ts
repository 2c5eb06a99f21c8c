import type { Browser, Page } from 'playwright-core';
import { DemoSeeder } from '../libs/composition/src/demo/demo-seeder';
import { DemoContentSeeder } from '../libs/composition/src/demo/demo-content.seeder';
import { mondayOf } from '../libs/composition/src/demo/demo-content.data';
import { loadAppConfig } from '../libs/platform/src';
import {
  DESKTOP,
  MOBILE,
  axeViolations,
  launchBrowser,
  portalContext,
  portalUrl,
  screenshot,
} from './support/browser';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The engagement and information pages of the website, on the demo portals' content: each renders
 * what it should in Vietnamese and English, is cached or not as it must be, and axe finds no WCAG
 * 2.1 AA violation on any of them, in both languages, at 1280 and 375 px.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const SHOTS = 'test-output/screenshots';

/** The text of a page without tags (what a reader sees). */
const visible = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('website: engagement and information pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    const base = loadAppConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' });
    t = await startTestApp({ publicWrites: { ...base.publicWrites, challenge: 'local' } });
    await t.app.get(DemoSeeder).seedIfEmpty();
    await t.app.get(DemoContentSeeder).seed();
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  const get = (host: string, path: string) => t.http({ host, path });

  it('Q&A: published answers, never the asker’s contact details; the form and the status are not cached', async () => {
    const list = await get(SAIGON, '/hoi-dap');
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toMatch(/^public/);
    const text = visible(list.text);
    expect(text).toContain('Đăng ký khai sinh cho con');
    expect(text).toContain('Được. Cha hoặc mẹ có thể đăng ký khai sinh');
    expect(list.text).not.toContain('nguoidan1@example.vn');
    const form = await get(SAIGON, '/hoi-dap/gui-cau-hoi');
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.text).toContain('name="challengeToken"');
    expect(form.text).toContain('<label for="f-website">');
    const en = await get(SAIGON, '/en/hoi-dap');
    expect(en.text).toContain('<html lang="en">');
    expect(visible(en.text)).toContain('Answered questions');
  });

  it('consultations: drafts with their periods and status; the open one carries the form, the closed one its result', async () => {
    const list = visible((await get(CITY, '/gop-y-du-thao')).text);
    expect(list).toContain(
      'Dự thảo Quyết định quy định về quản lý, sử dụng tạm thời một phần lòng đường, vỉa hè',
    );
    expect(list).toContain('Đang lấy ý kiến');
    expect(list).toContain('Đã hết thời gian góp ý');
    const open = await get(CITY, '/gop-y-du-thao/du-thao-quy-dinh-via-he-su-dung-tam-thoi');
    expect(open.headers['cache-control']).toBe('no-store');
    expect(open.text).toContain('method="post"');
    expect(visible(open.text)).toContain('Hội Doanh nghiệp quận 1 cũ (Hội Doanh nghiệp)');
    expect(open.text).not.toContain('hoidoanhnghiep@example.vn');
    const closed = await get(CITY, '/gop-y-du-thao/du-thao-ke-hoach-phat-trien-cay-xanh');
    expect(closed.headers['cache-control']).toMatch(/^public/);
    expect(closed.text).not.toContain('method="post"');
    expect(visible(closed.text)).toContain('37 ý kiến góp ý của người dân');
    expect((await get(CITY, '/gop-y-du-thao/khong-co-du-thao-nay')).status).toBe(404);
    // A news item's address is not a draft.
    expect((await get(CITY, '/gop-y-du-thao/trien-khai-dich-vu-cong-truc-tuyen-toan-trinh')).status).toBe(
      404,
    );
  });

  it("leaders' schedule: a table per week, the week's entries in order of day and time", async () => {
    const page = await get(CITY, '/lich-cong-tac');
    expect(page.status).toBe(200);
    const monday = mondayOf(new Date());
    expect(page.text).toContain(`<time dateTime="${monday}">`);
    const tables = page.text.match(/<table class="data">/g) ?? [];
    expect(tables.length).toBe(1);
    const text = visible(page.text);
    expect(text.indexOf('Họp giao ban Thường trực')).toBeLessThan(
      text.indexOf('Hội nghị triển khai kế hoạch chuyển đổi số'),
    );
    expect(text.indexOf('Hội nghị triển khai kế hoạch chuyển đổi số')).toBeLessThan(
      text.indexOf('Tiếp công dân định kỳ'),
    );
  });

  it('introduction, leaders, contacts, procedures, projects, gazette and statistics show their items', async () => {
    const expectations: Array<[string, string, string[]]> = [
      [
        CITY,
        '/gioi-thieu',
        ['Chức năng, nhiệm vụ của Ủy ban nhân dân Thành phố', 'cơ quan chấp hành của Hội đồng nhân dân'],
      ],
      [CITY, '/lanh-dao', ['Chủ tịch Ủy ban nhân dân Thành phố', 'Phó Chủ tịch Thường trực']],
      [CITY, '/lien-he', ['Văn phòng Ủy ban nhân dân Thành phố', '028 3829 6052', 'vpub@tphcm.gov.vn']],
      [
        CITY,
        '/thu-tuc-hanh-chinh',
        ['Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'Toàn trình', '48.210'],
      ],
      [
        CITY,
        '/du-an',
        ['Cải tạo môi trường nước và xây dựng hạ tầng kênh Xuyên Tâm', '8.200.000.000.000', 'Đang thi công'],
      ],
      [CITY, '/cong-bao', ['Số 45 + 46', '05/2024/QĐ-UBND']],
      [CITY, '/thong-ke', ['Tình hình kinh tế – xã hội 11 tháng năm 2026']],
      [CITY, '/en/gioi-thieu', ["Functions and duties of the City People's Committee"]],
      [CITY, '/en/lien-he', ['Editorial Board of the City Portal', 'Head of the Editorial Board']],
      [SAIGON, '/lien-he', ['Bộ phận tiếp nhận và trả kết quả']],
    ];
    for (const [host, path, texts] of expectations) {
      const page = await get(host, path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      expect(page.headers['cache-control']).toMatch(/^public/);
      for (const s of texts)
        expect({ path, has: visible(page.text).includes(s) ? s : null }).toEqual({ path, has: s });
    }
    // English pages show English items only.
    expect(visible((await get(CITY, '/en/lien-he')).text)).not.toContain('Ban Biên tập Cổng thông tin');
    // Project filters: a field that matches, and one that does not.
    const built = visible(
      (await get(CITY, '/du-an?field=H%E1%BA%A1%20t%E1%BA%A7ng%20%C4%91%C3%B4%20th%E1%BB%8B')).text,
    );
    expect(built).toContain('kênh Xuyên Tâm');
    const none = visible((await get(CITY, '/du-an?procurement=NO')).text);
    expect(none).toContain('Không có dự án phù hợp.');
  });

  describe('accessibility', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    const PAGES: Array<[string, string, string]> = [
      ['questions', SAIGON, '/hoi-dap'],
      ['ask', SAIGON, '/hoi-dap/gui-cau-hoi'],
      ['track', SAIGON, '/hoi-dap/tra-cuu?ma=KHONG-CO'],
      ['consultations', CITY, '/gop-y-du-thao'],
      ['consultation-open', CITY, '/gop-y-du-thao/du-thao-quy-dinh-via-he-su-dung-tam-thoi'],
      ['consultation-closed', CITY, '/gop-y-du-thao/du-thao-ke-hoach-phat-trien-cay-xanh'],
      ['rating', SAIGON, '/danh-gia'],
      ['schedule', CITY, '/lich-cong-tac'],
      ['introduction', CITY, '/gioi-thieu'],
      ['leaders', CITY, '/lanh-dao'],
      ['contacts', CITY, '/lien-he'],
      ['procedures', CITY, '/thu-tuc-hanh-chinh'],
      ['projects', CITY, '/du-an'],
      ['gazette', CITY, '/cong-bao'],
      ['statistics', CITY, '/thong-ke'],
    ];

    const contexts: Record<number, Page> = {};
    const closers: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      for (const viewport of [DESKTOP, MOBILE]) {
        // axe runs as a script in the page: JavaScript on here (the pages themselves have none; the journeys test them without).
        const context = await portalContext(browser, t.port, { viewport });
        contexts[viewport.width] = await context.newPage();
        closers.push(() => context.close());
      }
    });
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it.each(PAGES)(
      'axe: no violation on %s, vi and en, at 1280 and 375 px',
      async (name, host, path) => {
        const found: Array<{ page: string; violations: unknown[] }> = [];
        for (const width of [DESKTOP.width, MOBILE.width])
          for (const lang of ['vi', 'en']) {
            const page = contexts[width];
            const full = lang === 'en' ? `/en${path}` : path;
            const response = await page.goto(portalUrl(t.port, host, full));
            expect({ full, ok: (response?.status() ?? 500) < 500 }).toEqual({ full, ok: true });
            const violations = await axeViolations(page);
            if (violations.length) found.push({ page: `${full} @${width}`, violations });
            if (
              lang === 'vi' &&
              ['questions', 'consultation-open', 'schedule', 'rating', 'contacts'].includes(name)
            )
              await screenshot(page, `${SHOTS}/site-${name}-${width}.png`);
          }
        expect(found).toEqual([]);
      },
      180_000,
    );

    it('axe: no violation on a form with errors (summary and messages), at 1280 and 375 px', async () => {
      const found: Array<{ page: string; violations: unknown[] }> = [];
      for (const width of [DESKTOP.width, MOBILE.width]) {
        const page = contexts[width];
        await page.goto(portalUrl(t.port, SAIGON, '/hoi-dap/gui-cau-hoi'));
        await page.click('form.form button[type=submit]');
        expect(await page.locator('.error-summary').count()).toBe(1);
        const violations = await axeViolations(page);
        if (violations.length) found.push({ page: `ask with errors @${width}`, violations });
        await screenshot(page, `${SHOTS}/site-ask-errors-${width}.png`);
      }
      expect(found).toEqual([]);
    }, 180_000);
  });
});
