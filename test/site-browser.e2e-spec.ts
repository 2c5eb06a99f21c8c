import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { Role } from '../libs/access/src';
import {
  DESKTOP,
  MOBILE,
  axeViolations,
  launchBrowser,
  portalContext,
  portalUrl,
  screenshot,
} from './support/browser';
import { SITE_WARD, seedSitePortal } from './support/site-seed';
import { withdrawSiteItem, publishSiteItem } from './support/site-content';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

// In evaluate(), the page's globals are reached through globalThis (the tests compile without the
// DOM library, and a function sent to the page cannot close over anything here).
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');

// The citizen's website in a real browser (Debian's chromium), with JavaScript off: every page type
// passes axe (WCAG 2.1 A/AA) in both languages at desktop and phone widths, the keyboard reaches
// everything, and the journeys work without a script.
describe('the public website in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let slugs: { article: string; legal: string; english: string };
  let gone: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    slugs = await seedSitePortal(t, await t.asUser('van.hanh.browser', Role.OPERATOR, SITE_WARD));
    const old = await publishSiteItem(t, SITE_WARD, {
      title: 'Thông báo đã hết hiệu lực',
      category: 'tin-tuc-su-kien',
    });
    await withdrawSiteItem(t, SITE_WARD, old.id);
    gone = old.slug;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // Citizens' journeys run with JavaScript off (the site needs none). axe is the tester's own
  // script injected into the page, so its scans run in a context that allows scripts; the pages
  // carry none either way (their policy is script-src 'none').
  const context = (width: 'desktop' | 'mobile', javaScriptEnabled = false): Promise<BrowserContext> =>
    portalContext(browser, t.port, {
      viewport: width === 'desktop' ? DESKTOP : MOBILE,
      javaScriptEnabled,
    });

  // Each page type, Vietnamese and English (the English article is the English item; a missing
  // translation is not a page type).
  const PAGE_TYPES: Array<[string, () => string, number]> = [
    ['home', () => '/', 200],
    ['category', () => '/chuyen-muc/tin-tuc-su-kien', 200],
    ['article', () => `/bai-viet/${slugs.article}`, 200],
    ['legal document', () => `/bai-viet/${slugs.legal}`, 200],
    ['search results', () => '/tim-kiem?q=via+he', 200],
    ['search error', () => '/tim-kiem?q=', 200],
    ['legal search', () => '/van-ban?form=QUYET_DINH', 200],
    ['not found (404)', () => '/bai-viet/khong-co-bai-nay', 404],
    ['withdrawn (410)', () => `/bai-viet/${gone}`, 410],
  ];
  const english = (name: string, path: string) =>
    name === 'article' ? `/en/bai-viet/${slugs.english}` : path === '/' ? '/en' : `/en${path}`;

  for (const width of ['desktop', 'mobile'] as const) {
    for (const [name, path, status] of PAGE_TYPES) {
      it(`${name}: no axe violation in Vietnamese and English, ${width}`, async () => {
        const ctx = await context(width, true);
        const page = await ctx.newPage();
        const targets = name === 'legal document' ? [path()] : [path(), english(name, path())];
        for (const target of targets) {
          const res = await page.goto(portalUrl(t.port, SITE_WARD, target));
          // The withdrawn item was Vietnamese: in English there is no such item (404).
          const expected = name.startsWith('withdrawn') && target.startsWith('/en') ? 404 : status;
          expect({ target, status: res?.status() }).toEqual({ target, status: expected });
          expect(await page.getAttribute('html', 'lang')).toBe(target.startsWith('/en') ? 'en' : 'vi');
          expect({ target, violations: await axeViolations(page) }).toEqual({ target, violations: [] });
        }
        await ctx.close();
      }, 120_000);
    }
  }

  it('the keyboard reaches the skip link first, it moves to the content, and focus is visible', async () => {
    const ctx = await context('desktop');
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, SITE_WARD, '/'));
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    expect(await skip.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
    // Visible when focused: on screen, with the focus colour behind it.
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.width > 50).toBe(true);
    expect(await skip.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe(
      'rgb(255, 221, 0)',
    );
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main$/);
    // The next Tab goes into the content, not back to the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!(globalThis as any).document.activeElement?.closest('main'))).toBe(
      true,
    );
    // A focused link shows the focus style (yellow background).
    const focused = await page.evaluate(() => {
      const g = globalThis as any;
      return g.getComputedStyle(g.document.activeElement).backgroundColor;
    });
    expect(focused).toBe('rgb(255, 221, 0)');
    await ctx.close();
  });

  it('a citizen searches without JavaScript, with and without diacritics, opens a result and switches language', async () => {
    const ctx = await context('mobile');
    const page = await ctx.newPage();
    await page.goto(portalUrl(t.port, SITE_WARD, '/'));
    for (const words of ['chỉnh trang vỉa hè', 'chinh trang via he']) {
      await page.fill('#site-search', words);
      await page.press('#site-search', 'Enter');
      await page.waitForURL(/tim-kiem/);
      expect(await page.locator('main mark').first().innerText()).toMatch(/chỉnh|vỉa/i);
    }
    await page.click(`main a[href="/bai-viet/${slugs.article}"]`);
    expect(await page.locator('article h1').innerText()).toContain('Phường Sài Gòn ra quân chỉnh trang');
    // The language switch on every page: here the article's English translation, then back.
    await page.click('.topbar a[lang="en"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(page.url()).toMatch(new RegExp(`/en/bai-viet/${slugs.english}$`));
    expect(await page.locator('article h1').innerText()).toContain('Saigon Ward tidies up its pavements');
    await page.click('.topbar a[lang="vi"]');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(page.url()).toMatch(new RegExp(`/bai-viet/${slugs.article}$`));
    // Legal-document search by its form.
    await page.goto(portalUrl(t.port, SITE_WARD, '/van-ban'));
    await page.selectOption('#form', 'KE_HOACH');
    await page.click('main button[type="submit"]');
    expect(await page.locator('main table').innerText()).toContain('210/KH-UBND');
    expect(await page.locator('main table').innerText()).not.toContain('15/2026/QĐ-UBND');
    await ctx.close();
  });

  it('screenshots of the home and article pages at both widths (for people to look at)', async () => {
    for (const width of ['desktop', 'mobile'] as const) {
      const ctx = await context(width);
      const page = await ctx.newPage();
      await page.goto(portalUrl(t.port, SITE_WARD, '/'));
      await screenshot(page, join(SCREENSHOTS, `home-${width}.png`));
      await page.goto(portalUrl(t.port, SITE_WARD, `/bai-viet/${slugs.article}`));
      await screenshot(page, join(SCREENSHOTS, `article-${width}.png`));
      await ctx.close();
    }
  }, 120_000);
});
