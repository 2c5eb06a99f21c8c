import type { Browser } from 'playwright-core';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { axeViolations, launchBrowser, portalContext, portalUrl } from './support/browser';

// The browser tests' own footing: Debian's chromium reaches a portal by its `.localhost` host, and
// axe-core reports a violation that is there (so a scan that finds none means something).
describe('the browser harness', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens a portal by its development host and reads its page', async () => {
    const context = await portalContext(browser, t.port);
    const page = await context.newPage();
    const res = await page.goto(portalUrl(t.port, 'saigon.hochiminhcity.gov.vn'));
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Phường Sài Gòn');
    await context.close();
  });

  it('finds an accessibility violation that is planted in the page', async () => {
    const context = await portalContext(browser, t.port);
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="vi"><head><title>x</title></head><body><main><img src="data:,"></main></body></html>');
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    await context.close();
  });
});
