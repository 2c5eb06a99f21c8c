import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  MOBILE,
  axeViolations,
  launchBrowser,
  portalContext,
  portalUrl,
  screenshot,
} from './support/browser';
import { publishSiteItem } from './support/site-content';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');

/**
 * The footer's "for citizens" links, from each portal's own sections by kind (the reception
 * schedule sits under "Chỉ đạo, điều hành", so no main-menu entry reaches it) and the pages every
 * portal has: what a portal of each template offers, in Vietnamese and English.
 */
const CITIZEN_LINKS: Record<string, Array<[string, string, string]>> = {
  // [path, Vietnamese label, English label]
  [CITY]: [
    ['/lich-tiep-cong-dan', 'Lịch tiếp công dân', 'Citizen reception schedule'],
    [
      '/thu-tuc-hanh-chinh',
      'Thủ tục hành chính và dịch vụ công trực tuyến',
      'Administrative procedures and online public services',
    ],
    ['/van-ban', 'Văn bản quy phạm pháp luật', 'Legal documents'],
    ['/gop-y-du-thao', 'Dự thảo văn bản lấy ý kiến', 'Draft documents for comment'],
    ['/gui-thong-tin', 'Gửi thông tin đến cổng', 'Send information'],
    ['/tham-do', 'Thăm dò ý kiến', 'Polls'],
    ['/danh-gia', 'Đánh giá cổng thông tin', 'Rate this portal'],
  ],
  // A commune's template has no drafts for comment.
  [SAIGON]: [
    ['/lich-tiep-cong-dan', 'Lịch tiếp công dân', 'Citizen reception schedule'],
    [
      '/thu-tuc-hanh-chinh',
      'Thủ tục hành chính và dịch vụ công trực tuyến',
      'Administrative procedures and online public services',
    ],
    ['/van-ban', 'Văn bản quy phạm pháp luật', 'Legal documents'],
    ['/gui-thong-tin', 'Gửi thông tin đến cổng', 'Send information'],
    ['/tham-do', 'Thăm dò ý kiến', 'Polls'],
    ['/danh-gia', 'Đánh giá cổng thông tin', 'Rate this portal'],
  ],
};

async function links(page: Page): Promise<Array<[string, string]>> {
  const nav = page.getByRole('navigation', { name: /Dành cho người dân|For citizens/ });
  const anchors = nav.getByRole('link');
  const found: Array<[string, string]> = [];
  for (let i = 0; i < (await anchors.count()); i++)
    found.push([
      (await anchors.nth(i).getAttribute('href')) ?? '',
      (await anchors.nth(i).innerText()).trim(),
    ]);
  return found;
}

// The module pages (reception schedule, procedures, legal documents, sending information in, polls,
// rating) are reachable from every page's footer where a citizen looks, built from the portal's
// sections by kind, not per portal; each link opens its page (200, its own heading) without
// JavaScript; axe (best practices included) on the pages; the section "Chỉ đạo, điều hành" links its
// reception schedule subsection to the schedule's page.
describe('website: the pages for citizens are linked from every portal’s footer', () => {
  let t: TestApp;
  let browser: Browser;
  const context = (
    viewport: { width: number; height: number } = DESKTOP,
    javaScriptEnabled = false,
  ): Promise<BrowserContext> => portalContext(browser, t.port, { viewport, javaScriptEnabled });

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await publishSiteItem(t, SAIGON, {
      kind: 'CITIZEN_RECEPTION',
      title: 'Lịch tiếp công dân tháng 12 năm 2026',
      category: 'chi-dao-dieu-hanh/lich-tiep-cong-dan',
      fields: {
        sessions: [
          {
            type: 'REGULAR',
            leader: 'Chủ tịch Ủy ban nhân dân phường',
            place: 'Trụ sở Ủy ban nhân dân phường',
            recurrence: 'Thứ Năm hằng tuần',
            from: '08:00',
            to: '11:00',
          },
        ],
      },
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    [CITY, 'vi'],
    [CITY, 'en'],
    [SAIGON, 'vi'],
    [SAIGON, 'en'],
  ] as const)(
    'the footer of %s (%s) links the pages for citizens, and each opens',
    async (host, lang) => {
      const prefix = lang === 'en' ? '/en' : '';
      const ctx = await context();
      const page = await ctx.newPage();
      await page.goto(portalUrl(t.port, host, prefix || '/'));
      const expected = CITIZEN_LINKS[host].map(([path, vi, en]): [string, string] => [
        `${prefix}${path}`,
        lang === 'en' ? en : vi,
      ]);
      expect(await links(page)).toEqual(expected);
      const problems: Array<{ href: string; status?: number; title: string }> = [];
      for (const [href] of expected) {
        const res = await page.goto(portalUrl(t.port, host, href));
        const title = (await page.locator('main h1').first().innerText()).trim();
        if (res?.status() !== 200 || /Không tìm thấy trang|Page not found/.test(title))
          problems.push({ href, status: res?.status(), title });
        // Every page carries the same footer.
        expect(await links(page)).toEqual(expected);
      }
      expect(problems).toEqual([]);
      await ctx.close();
    },
    120_000,
  );

  it('a click leads from the home page to the reception schedule, and the section links it too', async () => {
    // axe runs as a script in the page: JavaScript on here (the pages themselves have none).
    const ctx = await context(MOBILE, true);
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/'));
    await page
      .getByRole('navigation', { name: 'Dành cho người dân' })
      .getByRole('link', { name: 'Lịch tiếp công dân' })
      .click();
    await page.waitForURL(/\/lich-tiep-cong-dan$/);
    expect(await page.locator('main').innerText()).toContain('Chủ tịch Ủy ban nhân dân phường');
    expect(await axeViolations(page)).toEqual([]);
    // The section's own listing names the subsection by the schedule's page.
    await page.goto(portalUrl(t.port, SAIGON, '/chuyen-muc/chi-dao-dieu-hanh'));
    expect(await page.locator('main a[href="/lich-tiep-cong-dan"]').count()).toBeGreaterThan(0);
    await ctx.close();
  });

  it.each([
    ['/', DESKTOP],
    ['/', MOBILE],
    ['/en/', DESKTOP],
    ['/thu-tuc-hanh-chinh', DESKTOP],
    ['/gui-thong-tin', MOBILE],
  ] as const)('axe, best practices included, finds nothing on %s (%j)', async (path, viewport) => {
    const ctx = await context(viewport, true);
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, SAIGON, path));
    expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
    if (path === '/' && viewport === DESKTOP) await screenshot(page, join(SHOTS, 'site-footer-citizens.png'));
    await ctx.close();
  });
});
