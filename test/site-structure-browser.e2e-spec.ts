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
import { assertConsoleBuilt, consoleViolations, signIn } from './support/console';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * The edited structure in a real browser: the website's menus with a theme and a link to another
 * website (marked as external), a renamed section's old address landing on the new one, a hidden
 * section gone, in Vietnamese and English at both widths with no axe finding; and the console's
 * site settings screen as the editor (buttons only, no dragging), its changes seen on the website.
 */

const WARD = 'saigon.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const ERR = '... on InputError { errorCode field }';

describe('the edited site structure in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let operator: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    operator = await t.asUser('sb.operator', Role.OPERATOR, WARD);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const call = async (query: string, variables: Record<string, unknown>) => {
    const res = await t.gql(WARD, query, variables, { token: operator });
    const value = Object.values(res.body.data ?? {})[0] as Record<string, any>;
    if (!value || value.__typename === 'InputError') throw new Error(JSON.stringify(res.body));
    return value;
  };
  const context = async (viewport: { width: number; height: number } = DESKTOP): Promise<BrowserContext> => {
    // axe runs as a script in the page: JavaScript on here (the pages themselves have none).
    const ctx = await portalContext(browser, t.port, { viewport, javaScriptEnabled: true });
    ctx.setDefaultTimeout(15_000);
    return ctx;
  };

  it('shows the theme, the nested entry and the external link; a renamed section redirects, a hidden one is gone; axe finds nothing', async () => {
    const theme = await call(
      `mutation($i: CreateSiteCategoryInput!) { createSiteCategory(input: $i) { __typename ... on SiteCategory { id } ${ERR} } }`,
      { i: { nameVi: 'Chuyển đổi số', nameEn: 'Digital transformation', thematic: true } },
    );
    const sub = await call(
      `mutation($i: CreateSiteCategoryInput!) { createSiteCategory(input: $i) { __typename ... on SiteCategory { id } ${ERR} } }`,
      { i: { nameVi: 'Hội thảo', nameEn: 'Workshops', parentId: theme.id } },
    );
    const MENU = `mutation($i: CreateSiteMenuEntryInput!) { createSiteMenuEntry(input: $i) { __typename ... on SiteMenuEntry { id } ${ERR} } }`;
    const entry = await call(MENU, { i: { menu: 'MAIN', categoryId: theme.id } });
    await call(MENU, { i: { menu: 'MAIN', categoryId: sub.id, parentId: entry.id } });
    await call(MENU, {
      i: {
        menu: 'MAIN',
        url: 'https://dichvucong.gov.vn/',
        labelVi: 'Dịch vụ công quốc gia',
        labelEn: 'National public services',
      },
    });
    const gone = await call(
      `mutation($i: CreateSiteCategoryInput!) { createSiteCategory(input: $i) { __typename ... on SiteCategory { id } ${ERR} } }`,
      { i: { nameVi: 'Sắp gỡ' } },
    );
    await call(`mutation($id: ID!) { setSiteCategoryHidden(id: $id, hidden: true) { __typename ${ERR} } }`, {
      id: gone.id,
    });

    for (const viewport of [DESKTOP, MOBILE]) {
      const ctx = await context(viewport);
      const page = await ctx.newPage();
      const wide = viewport === DESKTOP ? 'desktop' : 'mobile';
      // Vietnamese: the menu entry, the external link with its marker, the themes card.
      await page.goto(portalUrl(t.port, WARD, '/'));
      const nav = page.getByRole('navigation', { name: 'Menu chính' });
      await nav.getByRole('link', { name: 'Chuyển đổi số' }).waitFor();
      const external = nav.getByRole('link', { name: 'Dịch vụ công quốc gia (liên kết ngoài)' });
      expect(await external.getAttribute('href')).toBe('https://dichvucong.gov.vn/');
      expect(await external.getAttribute('rel')).toBe('external noopener');
      // In the page: the marker CSS draws after the link text.
      const marker = await external.evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }
          ).getComputedStyle(el, '::after').content,
      );
      expect(marker).toBe('"↗"');
      await page.getByRole('heading', { name: 'Chuyên đề' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // Nothing wider than the screen (the link's hidden words stay inside the sideways menu).
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(viewport.width);
      if (viewport === DESKTOP) await screenshot(page, join(SHOTS, 'site-structure-menu.png'));
      // The theme's page: its nested entry under the main menu.
      await nav.getByRole('link', { name: 'Chuyển đổi số' }).click();
      await page.getByRole('heading', { level: 1, name: 'Chuyển đổi số' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Mục con của Chuyển đổi số' })
        .getByRole('link', { name: 'Hội thảo' })
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // English.
      await page.goto(portalUrl(t.port, WARD, '/en'));
      const navEn = page.getByRole('navigation', { name: 'Main menu' });
      await navEn.getByRole('link', { name: 'Digital transformation' }).waitFor();
      await navEn.getByRole('link', { name: 'National public services (external link)' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // A hidden section: gone (410), its page says so, and axe is satisfied with that page too.
      const res = await page.goto(portalUrl(t.port, WARD, '/chuyen-muc/sap-go'));
      expect(res?.status()).toBe(410);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.getByRole('navigation', { name: 'Menu chính' }).getByText('Sắp gỡ').count()).toBe(0);
      if (viewport === MOBILE) await screenshot(page, join(SHOTS, `site-structure-gone-${wide}.png`));
      await ctx.close();
    }

    // Renamed: the old address lands on the new one (the browser follows the 301).
    await call(
      `mutation($i: UpdateSiteCategoryInput!) { updateSiteCategory(input: $i) { __typename ${ERR} } }`,
      { i: { id: theme.id, slug: 'so-hoa', nameVi: 'Số hóa' } },
    );
    const ctx = await context();
    const page = await ctx.newPage();
    const first = await page.goto(portalUrl(t.port, WARD, '/chuyen-muc/chuyen-doi-so/hoi-thao'));
    expect(first?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/chuyen-muc/so-hoa/hoi-thao');
    expect(first?.request().redirectedFrom()?.url()).toContain('/chuyen-muc/chuyen-doi-so/hoi-thao');
    await page.getByRole('heading', { level: 1, name: 'Hội thảo' }).waitFor();
    await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: 'Số hóa' }).waitFor();
    await page.goto(portalUrl(t.port, WARD, '/en/chuyen-muc/chuyen-doi-so'));
    expect(new URL(page.url()).pathname).toBe('/en/chuyen-muc/so-hoa');
    await ctx.close();
  }, 240_000);

  it('the console’s site settings screen edits the structure with buttons, and the website shows it; axe finds nothing', async () => {
    assertConsoleBuilt();
    const s = await signIn(browser, t, WARD, 'sb.operator');
    const { page } = s;
    await s.open('/cai-dat');
    await page.getByRole('heading', { name: /^Chuyên mục \(\d+\)$/ }).waitFor();
    expect(await consoleViolations(page)).toEqual([]);
    // Add a theme.
    const add = page.locator('form[aria-labelledby="add-category-title"]');
    await add.getByLabel('Tên (tiếng Việt)').fill('Cải cách hành chính');
    await add.getByLabel('Tên (tiếng Anh)').fill('Administrative reform');
    await add.getByLabel('Là chuyên đề').check();
    await add.getByRole('button', { name: 'Thêm' }).click();
    await page.getByText('/chuyen-muc/cai-cach-hanh-chinh').waitFor();
    // Move it up, with the keyboard: focus the button and press Enter.
    const up = page.getByRole('button', { name: 'Lên: Cải cách hành chính' });
    await up.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Đã chuyển chỗ.').first().waitFor();
    // A link in the footer menu; a bad address first is refused on its field.
    const footer = page.locator('form[aria-labelledby="add-entry-FOOTER-title"]');
    await footer.getByLabel('Địa chỉ liên kết').fill('javascript:alert(1)');
    await footer.getByLabel('Nhãn (tiếng Việt)').fill('Cổng thông tin Chính phủ');
    await footer.getByRole('button', { name: 'Thêm' }).click();
    await page.getByRole('alert').filter({ hasText: 'url: Liên kết phải bắt đầu bằng http://' }).waitFor();
    await footer.getByLabel('Địa chỉ liên kết').fill('https://chinhphu.vn/');
    await footer.getByRole('button', { name: 'Thêm' }).click();
    await page.getByText('Liên kết ngoài: https://chinhphu.vn/').waitFor();
    // A menu entry for the theme, then renamed from its row.
    const main = page.locator('form[aria-labelledby="add-entry-MAIN-title"]');
    await main.getByLabel('Trỏ tới').selectOption('category');
    await main.getByLabel('Chuyên mục', { exact: true }).selectOption({ label: 'cai-cach-hanh-chinh' });
    await main.getByRole('button', { name: 'Thêm' }).click();
    await page.getByText('Đã thêm mục menu.').first().waitFor();
    await page.getByRole('button', { name: 'Sửa: Cải cách hành chính' }).first().click();
    const edit = page.locator('form[aria-label="Sửa: Cải cách hành chính"]');
    await edit.getByLabel('Tên (tiếng Việt)').fill('Cải cách thủ tục');
    await edit.getByLabel('Địa chỉ').fill('cai-cach-thu-tuc');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('/chuyen-muc/cai-cach-thu-tuc').waitFor();
    // The English names.
    await page.getByLabel('Xem tên bằng').selectOption('en');
    await page.getByText('Administrative reform').first().waitFor();
    expect(await consoleViolations(page)).toEqual([]);
    await page.getByLabel('Xem tên bằng').selectOption('vi');
    await screenshot(page, join(SHOTS, 'site-structure-editor.png'));
    // The template's dry run is offered to the operator.
    await page.getByRole('button', { name: 'Chạy thử' }).click();
    await page.getByRole('table', { name: 'Kết quả theo từng cổng' }).waitFor();
    expect(await consoleViolations(page)).toEqual([]);
    await s.close();

    // On the website: the renamed theme in the menu (the label followed the name), the footer link.
    const home = await t.http({ host: WARD, path: '/' });
    expect(home.text).toContain('<a href="/chuyen-muc/cai-cach-thu-tuc">Cải cách thủ tục</a>');
    expect(home.text).toContain('href="https://chinhphu.vn/" class="external"');
    const old = await t.http({ host: WARD, path: '/chuyen-muc/cai-cach-hanh-chinh' });
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe('/chuyen-muc/cai-cach-thu-tuc');
  }, 240_000);
});
