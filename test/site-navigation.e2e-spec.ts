import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoSeeder } from '../libs/composition/src/demo/demo-seeder';
import { DemoContentSeeder } from '../libs/composition/src/demo/demo-content.seeder';
import { loadAppConfig } from '../libs/platform/src';
import { DESKTOP, MOBILE, axeViolations, launchBrowser, portalContext, portalUrl } from './support/browser';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Getting around the demo portals in a real browser with JavaScript off: every main-menu entry of
 * a provisioned portal opens a page (the kinds with a page of their own open that page, not an
 * empty section listing), and the language switch of an article keeps the reader on the article:
 * its translation when there is one, else the same address under the other interface.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
/** A Vietnamese item of the demo city with an English translation, and one without. */
const TRANSLATED = { vi: 'chuc-nang-nhiem-vu-ubnd-thanh-pho', en: 'functions-and-duties' };
const UNTRANSLATED = 'thanh-pho-khanh-thanh-tuyen-metro-so-2';

/** The main menus the province and commune templates give (`lien-he` is in the footer). */
const MAIN_MENUS: Record<string, string[]> = {
  [CITY]: [
    '/gioi-thieu',
    '/chuyen-muc/tin-tuc-su-kien',
    '/chuyen-muc/chi-dao-dieu-hanh',
    '/chuyen-muc/pho-bien-phap-luat',
    '/chuyen-muc/chien-luoc-quy-hoach',
    '/van-ban',
    '/gop-y-du-thao',
    '/cong-bao',
    '/du-an',
    '/thu-tuc-hanh-chinh',
    '/thong-ke',
    '/chuyen-muc/khoa-hoc-cong-nghe',
    '/chuyen-muc/tuyen-dung',
    '/hoi-dap',
  ],
  [SAIGON]: [
    '/gioi-thieu',
    '/chuyen-muc/tin-tuc-su-kien',
    '/chuyen-muc/chi-dao-dieu-hanh',
    '/chuyen-muc/pho-bien-phap-luat',
    '/van-ban',
    '/thu-tuc-hanh-chinh',
    '/thong-ke',
    '/hoi-dap',
  ],
};

async function hrefs(page: Page, selector: string): Promise<string[]> {
  const links = page.locator(selector);
  const found: string[] = [];
  for (let i = 0; i < (await links.count()); i++) found.push((await links.nth(i).getAttribute('href')) ?? '');
  return found;
}

describe('website navigation on the demo portals', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const base = loadAppConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' });
    t = await startTestApp({ publicWrites: { ...base.publicWrites, challenge: 'local' } });
    await t.app.get(DemoSeeder).seedIfEmpty();
    await t.app.get(DemoContentSeeder).seed();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const context = (
    viewport: { width: number; height: number } = DESKTOP,
    javaScriptEnabled = false,
  ): Promise<BrowserContext> => portalContext(browser, t.port, { viewport, javaScriptEnabled });

  it.each([
    [CITY, 'vi'],
    [CITY, 'en'],
    [SAIGON, 'vi'],
    [SAIGON, 'en'],
  ] as const)(
    'every main-menu entry of %s (%s) opens its page, answered 200',
    async (host, lang) => {
      const prefix = lang === 'en' ? '/en' : '';
      const ctx = await context();
      const page = await ctx.newPage();
      await page.goto(portalUrl(t.port, host, prefix || '/'));
      const menu = await hrefs(page, 'nav.mainnav a');
      // "Home" first, then the template's entries: the kinds with a page of their own link to it.
      expect(menu).toEqual([prefix || '/', ...MAIN_MENUS[host].map((p) => `${prefix}${p}`)]);
      // The footer menu (the contact column); the pages for citizens: site-citizen-links.
      expect(await hrefs(page, 'footer.footer div > ul a')).toEqual([
        `${prefix}/lien-he`,
        `${prefix}/hoi-dap`,
      ]);
      const problems: Array<{ href: string; status?: number; title: string }> = [];
      for (const href of menu) {
        const res = await page.goto(portalUrl(t.port, host, href));
        const title = (await page.locator('h1').first().innerText()).trim();
        if (res?.status() !== 200 || /Không tìm thấy trang|Page not found/.test(title))
          problems.push({ href, status: res?.status(), title });
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
      }
      expect(problems).toEqual([]);
      // A page of its own that is a menu entry is marked as the current page.
      await page.goto(portalUrl(t.port, host, `${prefix}/hoi-dap`));
      expect(await page.getAttribute(`nav.mainnav a[href="${prefix}/hoi-dap"]`, 'aria-current')).toBe('page');
      await ctx.close();
    },
    120_000,
  );

  it('the language switch of a translated article opens its translation, both ways', async () => {
    const ctx = await context(MOBILE);
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, CITY, `/bai-viet/${TRANSLATED.vi}`));
    expect(await page.getAttribute('link[rel="alternate"][hreflang="en"]', 'href')).toBe(
      // Links name the address the page was reached by (a development host here, https in production).
      portalUrl(t.port, CITY, `/en/bai-viet/${TRANSLATED.en}`),
    );
    await page.click('.topbar a[lang="en"]');
    await page.waitForURL(new RegExp(`/en/bai-viet/${TRANSLATED.en}$`));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('article h1').innerText()).toBe(
      "Functions and duties of the City People's Committee",
    );
    expect(await page.locator('.language-note').count()).toBe(0);
    await page.click('.topbar a[lang="vi"]');
    await page.waitForURL(new RegExp(`/bai-viet/${TRANSLATED.vi}$`));
    expect(page.url()).not.toContain('/en/');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    // The other language's address of a translated item leads to the translation.
    const stale = await t.http({ host: CITY, path: `/en/bai-viet/${TRANSLATED.vi}` });
    expect({ status: stale.status, location: stale.headers.location }).toEqual({
      status: 302,
      location: `/en/bai-viet/${TRANSLATED.en}`,
    });
    const back = await t.http({ host: CITY, path: `/bai-viet/${TRANSLATED.en}` });
    expect({ status: back.status, location: back.headers.location }).toEqual({
      status: 302,
      location: `/bai-viet/${TRANSLATED.vi}`,
    });
    await ctx.close();
  }, 120_000);

  it('the language switch of an untranslated article keeps the article, under the other interface', async () => {
    const ctx = await context(DESKTOP);
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, CITY, `/bai-viet/${UNTRANSLATED}`));
    const title = await page.locator('article h1').innerText();
    // No English version to announce to search engines, but the switch stays on the article.
    expect(await page.locator('link[rel="alternate"][hreflang="en"]').count()).toBe(0);
    expect(await page.getAttribute('.topbar a[lang="en"]', 'href')).toBe(`/en/bai-viet/${UNTRANSLATED}`);
    await page.click('.topbar a[lang="en"]');
    await page.waitForURL(new RegExp(`/en/bai-viet/${UNTRANSLATED}$`));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The interface is English; the item's own words are marked Vietnamese, and the reader is told.
    expect(await page.locator('article h1').innerText()).toBe(title);
    expect(await page.getAttribute('article h1', 'lang')).toBe('vi');
    expect(await page.locator('.language-note').innerText()).toBe(
      'This article is not available in English; it is shown in Vietnamese.',
    );
    expect(await page.locator('nav.breadcrumbs li').first().innerText()).toBe('Home');
    expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(
      portalUrl(t.port, CITY, `/bai-viet/${UNTRANSLATED}`),
    );
    expect(await page.getAttribute('link[rel="alternate"][hreflang="vi"]', 'href')).toBe(
      portalUrl(t.port, CITY, `/bai-viet/${UNTRANSLATED}`),
    );
    const direct = await t.http({ host: CITY, path: `/en/bai-viet/${UNTRANSLATED}` });
    expect(direct.status).toBe(200);
    await page.click('.topbar a[lang="vi"]');
    await page.waitForURL(new RegExp(`/bai-viet/${UNTRANSLATED}$`));
    expect(page.url()).not.toContain('/en/');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('.language-note').count()).toBe(0);
    // An address that is no item in either language is still a 404.
    expect((await t.http({ host: CITY, path: '/en/bai-viet/khong-co-bai-nay' })).status).toBe(404);
    await ctx.close();
  }, 120_000);

  it('axe: no violation on an article under either interface, at 1280 and 375 px', async () => {
    const found: Array<{ page: string; violations: unknown[] }> = [];
    for (const viewport of [DESKTOP, MOBILE]) {
      // axe runs as a script in the page: JavaScript on here (the pages themselves have none).
      const ctx = await context(viewport, true);
      const page = await ctx.newPage();
      for (const path of [
        `/bai-viet/${UNTRANSLATED}`,
        `/en/bai-viet/${UNTRANSLATED}`,
        `/bai-viet/${TRANSLATED.vi}`,
        `/en/bai-viet/${TRANSLATED.en}`,
      ]) {
        const res = await page.goto(portalUrl(t.port, CITY, path));
        expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
        const violations = await axeViolations(page);
        if (violations.length) found.push({ page: `${path} @${viewport.width}`, violations });
      }
      await ctx.close();
    }
    expect(found).toEqual([]);
  }, 180_000);
});
