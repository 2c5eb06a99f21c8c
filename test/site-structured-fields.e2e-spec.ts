import type { Browser, BrowserContext } from 'playwright-core';
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
 * The structured fields on the website: the citizen-reception schedule (its sessions by kind, time,
 * leader and place), the contacts directory (unit, phone, fax, e-mail), projects and tenders
 * filtered by their status values without JavaScript; labels in both languages; another portal's
 * items never shown; axe on each page, vi and en, at both widths.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

const project = (name: string, status: string, extra: Record<string, unknown> = {}) => ({
  name,
  objective: 'Cải thiện hạ tầng.',
  field: 'Hạ tầng đô thị',
  projectType: 'Dự án nhóm C',
  sponsor: 'Ban Quản lý dự án phường',
  status,
  approvalDate: '2026-10-01',
  ...extra,
});

describe('website: structured fields', () => {
  let t: TestApp;
  let browser: Browser;
  let noScript: BrowserContext;

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    const reception = await publishSiteItem(t, SAIGON, {
      kind: 'CITIZEN_RECEPTION',
      title: 'Lịch tiếp công dân tháng 12',
      bodyHtml: '<p>Lịch có thể thay đổi khi lãnh đạo bận công tác đột xuất.</p>',
      category: 'chi-dao-dieu-hanh/lich-tiep-cong-dan',
      fields: {
        sessions: [
          {
            type: 'AD_HOC',
            leader: 'Phó Chủ tịch UBND phường',
            place: 'Nhà văn hóa khu phố 3',
            date: '2026-12-15',
            from: '14:00',
            to: '16:30',
          },
          {
            type: 'REGULAR',
            place: 'Bộ phận tiếp công dân, 45 Lê Duẩn',
            recurrence: 'Thứ Hai đến thứ Sáu hằng tuần',
            from: '07:30',
            to: '17:00',
          },
          {
            type: 'PERIODIC',
            leader: 'Chủ tịch UBND phường',
            place: 'Trụ sở UBND phường',
            recurrence: 'Sáng thứ Năm tuần thứ hai và thứ tư',
            from: '08:00',
            to: '11:30',
          },
        ],
      },
    });
    await publishSiteItem(t, SAIGON, {
      kind: 'CITIZEN_RECEPTION',
      title: 'Citizen reception in December',
      language: 'en',
      translationOf: reception.id,
      category: 'chi-dao-dieu-hanh/lich-tiep-cong-dan',
      fields: {
        sessions: [
          {
            type: 'REGULAR',
            place: '45 Le Duan',
            recurrence: 'Monday to Friday',
            from: '07:30',
            to: '17:00',
          },
          {
            type: 'AD_HOC',
            leader: 'Vice-chair',
            place: 'Quarter 3 hall',
            date: '2026-12-15',
            from: '14:00',
          },
          {
            type: 'PERIODIC',
            leader: 'Chair',
            place: 'Ward office',
            recurrence: 'Second and fourth Thursday',
            from: '08:00',
          },
        ],
      },
    });
    await publishSiteItem(t, SAIGON, {
      kind: 'CONTACT_ENTRY',
      title: 'Nguyễn Văn An',
      category: 'lien-he',
      fields: {
        unit: 'Văn phòng HĐND và UBND phường',
        position: 'Chánh Văn phòng',
        phone: '028 3829 6052',
        fax: '028 3829 6053',
        email: 'an.nv@saigon.hochiminhcity.gov.vn',
      },
    });
    await publishSiteItem(t, SAIGON, {
      kind: 'PROJECT',
      title: 'Chỉnh trang vỉa hè Lê Duẩn',
      fields: project('Chỉnh trang vỉa hè Lê Duẩn', 'IN_PROGRESS', {
        procurement: 'YES',
        tenderStatus: 'AWARDED',
        statusNote: 'Đã thi công 60 %',
      }),
    });
    await publishSiteItem(t, SAIGON, {
      kind: 'PROJECT',
      title: 'Trường mầm non khu phố 5',
      fields: project('Trường mầm non khu phố 5', 'PREPARING', {
        procurement: 'YES',
        tenderStatus: 'INVITING',
      }),
    });
    await publishSiteItem(t, SAIGON, {
      kind: 'PROJECT',
      title: 'Nhà văn hóa khu phố 2',
      fields: project('Nhà văn hóa khu phố 2', 'COMPLETED'),
    });
    await publishSiteItem(t, BENTHANH, {
      kind: 'PROJECT',
      title: 'Dự án của phường Bến Thành',
      fields: project('Dự án của phường Bến Thành', 'IN_PROGRESS'),
    });
    browser = await launchBrowser();
    noScript = await portalContext(browser, t.port, { javaScriptEnabled: false });
  }, 240_000);

  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows the reception sessions by kind, with time, leader and place', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/lich-tiep-cong-dan'));
    expect(await page.locator('h1').innerText()).toBe('Lịch tiếp công dân');
    const rows = (await page.locator('table.data tbody tr').allInnerTexts()).map((r) =>
      r.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toEqual([
      'Thường xuyên Thứ Hai đến thứ Sáu hằng tuần, 07:30 – 17:00 Bộ phận tiếp công dân, 45 Lê Duẩn',
      'Định kỳ Sáng thứ Năm tuần thứ hai và thứ tư, 08:00 – 11:30 Chủ tịch UBND phường Trụ sở UBND phường',
      'Đột xuất 15/12/2026, 14:00 – 16:30 Phó Chủ tịch UBND phường Nhà văn hóa khu phố 3',
    ]);
    expect(await page.locator('.body').innerText()).toContain('Lịch có thể thay đổi');
    await screenshot(page, 'test-output/screenshots/site-reception-1280.png');
    await page.goto(portalUrl(t.port, SAIGON, '/en/lich-tiep-cong-dan'));
    expect(await page.locator('h1').innerText()).toBe('Citizen reception schedule');
    expect(await page.locator('table.data tbody tr th').allInnerTexts()).toEqual([
      'Regular',
      'Periodic',
      'Ad hoc',
    ]);
    await page.close();
  });

  it('shows contacts with unit, phone, fax and e-mail', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/lien-he'));
    const row = (await page.locator('table.data tbody tr').first().innerText()).replace(/\s+/g, ' ').trim();
    expect(row).toBe(
      'Nguyễn Văn An Chánh Văn phòng Văn phòng HĐND và UBND phường 028 3829 6052 028 3829 6053 an.nv@saigon.hochiminhcity.gov.vn',
    );
    expect(await page.locator('a[href="tel:02838296052"]').count()).toBe(1);
    expect(await page.locator('a[href="mailto:an.nv@saigon.hochiminhcity.gov.vn"]').count()).toBe(1);
    await page.close();
  });

  it('filters projects and tenders by their status values without JavaScript', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/du-an'));
    const names = async () =>
      (await page.locator('table.data tbody tr td:first-child').allInnerTexts()).map((s) => s.trim()).sort();
    expect(await names()).toEqual([
      'Chỉnh trang vỉa hè Lê Duẩn',
      'Nhà văn hóa khu phố 2',
      'Trường mầm non khu phố 5',
    ]);
    const statusOptions = await page.locator('#f-status option').allInnerTexts();
    expect(statusOptions).toEqual([
      'Tất cả',
      'Đang chuẩn bị đầu tư',
      'Đang triển khai',
      'Đã hoàn thành',
      'Tạm dừng',
    ]);
    await page.selectOption('#f-status', 'IN_PROGRESS');
    await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
    expect(page.url()).toContain('status=IN_PROGRESS');
    expect(await names()).toEqual(['Chỉnh trang vỉa hè Lê Duẩn']);
    const row = (await page.locator('table.data tbody tr').first().innerText()).replace(/\s+/g, ' ');
    expect(row).toContain('Đang triển khai Đã thi công 60 %');
    expect(row).toContain('Đã có kết quả lựa chọn nhà thầu');
    await page.goto(portalUrl(t.port, SAIGON, '/du-an?tenderStatus=INVITING'));
    expect(await names()).toEqual(['Trường mầm non khu phố 5']);
    await page.goto(portalUrl(t.port, SAIGON, '/du-an?status=COMPLETED&procurement=YES'));
    expect(await page.locator('main').innerText()).toContain('Không có dự án phù hợp.');
    // A value outside the list filters by nothing; another portal's projects never show.
    await page.goto(portalUrl(t.port, SAIGON, '/du-an?status=%C4%90ang+thi+c%C3%B4ng'));
    expect((await names()).length).toBe(3);
    expect(await page.locator('main').innerText()).not.toContain('Bến Thành');
    await page.goto(portalUrl(t.port, SAIGON, '/en/du-an?status=PREPARING'));
    expect(
      await page.locator('#f-status option[selected], #f-status option:checked').first().innerText(),
    ).toBe('Being prepared');
    await page.close();
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the structured pages (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        for (const path of [
          '/lich-tiep-cong-dan',
          '/lien-he',
          '/du-an',
          '/du-an?status=IN_PROGRESS&procurement=YES',
        ]) {
          await page.goto(portalUrl(t.port, SAIGON, `${prefix}${path}`));
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        }
        if (name === '375' && !prefix)
          await screenshot(page, 'test-output/screenshots/site-reception-375.png');
        await context.close();
      });
});
