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
import { publishSiteItem } from './support/site-content';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * The catalogue of procedures and online public services on the website: imported entries with
 * their level, counts and link to the public-service portal, and the portal's own procedure items
 * the catalogue does not list; filtered by field and level without JavaScript; an unknown level
 * named on the form; another portal shows none of it; axe on it, vi and en, at both widths.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const IMPORT = `mutation($i: ImportPublicServicesInput!) { importPublicServices(input: $i) { __typename } }`;

describe('website: procedures and online public services', () => {
  let t: TestApp;
  let browser: Browser;
  let noScript: BrowserContext;
  let written: { id: string; slug: string };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    const member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    const content = [
      'code,name,nameEn,field,level,portalUrl,received,processed,countsAsOf',
      '1.001193,Đăng ký khai sinh,Birth registration,Hộ tịch,FULL_ONLINE,https://dichvucong.hochiminhcity.gov.vn/thu-tuc/1.001193,1830,1794,2026-11-30',
      '1.000894,Đăng ký kết hôn,Marriage registration,Hộ tịch,PARTIAL_ONLINE,https://dichvucong.hochiminhcity.gov.vn/thu-tuc/1.000894,412,400,2026-11-30',
      '2.000908,"Chứng thực bản sao từ bản chính giấy tờ, văn bản",Certified copies,Chứng thực,FULL_ONLINE,https://dichvucong.hochiminhcity.gov.vn/thu-tuc/2.000908,9120,9120,2026-11-30',
    ].join('\n');
    const res = await t.gql<{ importPublicServices: { __typename: string } }>(
      SAIGON,
      IMPORT,
      { i: { format: 'CSV', content } },
      { token: member },
    );
    if (res.body.data?.importPublicServices.__typename !== 'PublicServiceImportReport')
      throw new Error(JSON.stringify(res.body));
    // A write-up of a listed procedure, and a procedure the catalogue does not list (shown as written).
    await publishSiteItem(t, SAIGON, {
      kind: 'ADMINISTRATIVE_PROCEDURE',
      title: 'Hướng dẫn đăng ký khai sinh',
      fields: { code: '1.001193', field: 'Hộ tịch', serviceLevel: 'FULL_ONLINE' },
    });
    written = await publishSiteItem(t, SAIGON, {
      kind: 'ADMINISTRATIVE_PROCEDURE',
      title: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      fields: { code: '1.009994', field: 'Xây dựng', serviceLevel: 'OFFLINE', usageCount: 57 },
    });
    browser = await launchBrowser();
    noScript = await portalContext(browser, t.port, { javaScriptEnabled: false });
  }, 240_000);

  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await t?.close();
  });

  const rows = async (page: import('playwright-core').Page) =>
    (await page.locator('table.services tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());

  it('lists the catalogue with levels, counts and links, and filters by field and level without JavaScript', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/thu-tuc-hanh-chinh'));
    expect(await page.locator('h1').innerText()).toBe('Thủ tục hành chính và dịch vụ công trực tuyến');
    const all = await rows(page);
    expect(all).toHaveLength(4);
    expect(all).toContainEqual(
      expect.stringMatching(
        /^1\.001193 Đăng ký khai sinh Hộ tịch Toàn trình 1\.830 đến ngày 30\/11\/2026 1\.794 Nộp hồ sơ trực tuyến/,
      ),
    );
    expect(all).toContainEqual(
      expect.stringMatching(/^1\.009994 Cấp giấy phép xây dựng nhà ở riêng lẻ Xây dựng Trực tiếp 57/),
    );
    const apply = page
      .locator('table.services tr', { hasText: '1.000894' })
      .locator('a', { hasText: 'Nộp hồ sơ trực tuyến' });
    expect(await apply.getAttribute('href')).toBe('https://dichvucong.hochiminhcity.gov.vn/thu-tuc/1.000894');
    // The catalogue entry links the portal's own write-up of the procedure.
    const birth = page.locator('table.services a', { hasText: 'Đăng ký khai sinh' }).first();
    expect(await birth.getAttribute('href')).toMatch(/^\/bai-viet\/huong-dan-dang-ky-khai-sinh/);
    expect(await page.locator('#field option').allInnerTexts()).toEqual([
      'Tất cả',
      'Chứng thực',
      'Hộ tịch',
      'Xây dựng',
    ]);

    await page.selectOption('#field', 'Hộ tịch');
    await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
    expect((await rows(page)).map((r) => r.slice(0, 8)).sort()).toEqual(['1.000894', '1.001193']);
    await page.selectOption('#level', 'PARTIAL_ONLINE');
    await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
    expect(page.url()).toContain('level=PARTIAL_ONLINE');
    expect((await rows(page)).map((r) => r.slice(0, 8))).toEqual(['1.000894']);
    await page.goto(portalUrl(t.port, SAIGON, '/thu-tuc-hanh-chinh?level=OFFLINE'));
    expect((await rows(page)).map((r) => r.slice(0, 8))).toEqual(['1.009994']);
    await screenshot(page, 'test-output/screenshots/site-services-1280.png');
    const bad = await page.goto(portalUrl(t.port, SAIGON, '/thu-tuc-hanh-chinh?level=LEVEL_4'));
    expect(bad?.status()).toBe(200);
    expect(await page.locator('.error-summary').innerText()).toContain('Mức độ dịch vụ không hợp lệ');
    await page.goto(portalUrl(t.port, SAIGON, '/en/thu-tuc-hanh-chinh?field=H%E1%BB%99%20t%E1%BB%8Bch'));
    expect(await rows(page)).toContainEqual(expect.stringContaining('Birth registration'));
    await page.close();
  });

  it('another portal shows none of it', async () => {
    const elsewhere = await t.http({ host: BENTHANH, path: '/thu-tuc-hanh-chinh' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.text).not.toContain('1.001193');
    expect(elsewhere.text).not.toContain(written.slug);
    expect(elsewhere.text).toContain('Không có thủ tục phù hợp.');
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the catalogue (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        for (const path of [
          '/thu-tuc-hanh-chinh',
          '/thu-tuc-hanh-chinh?field=H%E1%BB%99%20t%E1%BB%8Bch&level=FULL_ONLINE',
          '/thu-tuc-hanh-chinh?level=LEVEL_4',
        ]) {
          const res = await page.goto(portalUrl(t.port, SAIGON, `${prefix}${path}`));
          expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        }
        if (name === '375' && !prefix)
          await screenshot(page, 'test-output/screenshots/site-services-375.png');
        await context.close();
      });
});
