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
 * Legal documents' validity on the website: the search filters by validity (without JavaScript),
 * a document's page shows its validity, expiry date, the link into the national database and its
 * relations both ways (to another portal's document at its own address); a change of validity
 * shows at once; axe on each page, vi and en, at both widths.
 */
const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const SET = `mutation($id: ID!, $i: LegalValidityInput!) { setLegalValidity(itemId: $id, input: $i) { __typename ... on InputError { errorCode field } } }`;
const RELATE = `mutation($i: RelateLegalDocumentsInput!) { relateLegalDocuments(input: $i) { __typename ... on InputError { errorCode field } } }`;

const doc = (
  number: string,
  title: string,
  issueDate: string,
  issuer = 'Ủy ban nhân dân phường Sài Gòn',
) => ({
  kind: 'LEGAL_DOCUMENT',
  title,
  fields: { form: 'QUYET_DINH', issuer, number, issueDate, excerpt: title },
});

describe('website: legal documents’ validity and relations', () => {
  let t: TestApp;
  let browser: Browser;
  let noScript: BrowserContext;
  let member: string;
  const docs: Record<string, { id: string; slug: string }> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    docs.old = await publishSiteItem(
      t,
      SAIGON,
      doc('12/2023/QĐ-UBND', 'Quy định về trật tự đô thị trên địa bàn phường', '2023-05-02'),
    );
    docs.new = await publishSiteItem(
      t,
      SAIGON,
      doc('07/2026/QĐ-UBND', 'Quy định mới về trật tự đô thị trên địa bàn phường', '2026-06-01'),
    );
    docs.city = await publishSiteItem(
      t,
      CITY,
      doc(
        '25/2025/QĐ-UBND',
        'Quy định quản lý trật tự đô thị của Thành phố',
        '2025-04-10',
        'Ủy ban nhân dân Thành phố',
      ),
    );
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const res = await t.gql(SAIGON, query, variables, { token: member });
      const value = Object.values(res.body.data ?? {})[0] as { __typename: string } | undefined;
      if (value?.__typename !== 'LegalDocumentStatus') throw new Error(JSON.stringify(res.body));
    };
    await ok(SET, {
      id: docs.old.id,
      i: {
        validity: 'EXPIRED',
        expiryDate: '2026-07-01',
        nationalDbUrl: 'https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=101',
      },
    });
    await ok(SET, { id: docs.new.id, i: { validity: 'IN_FORCE' } });
    await ok(RELATE, { i: { itemId: docs.new.id, kind: 'REPLACES', otherItemId: docs.old.id } });
    await ok(RELATE, { i: { itemId: docs.new.id, kind: 'GUIDES', otherItemId: docs.city.id } });
    browser = await launchBrowser();
    noScript = await portalContext(browser, t.port, { javaScriptEnabled: false });
  }, 240_000);

  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await t?.close();
  });

  it('the search filters by validity without JavaScript, and shows each document’s validity', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/van-ban'));
    const all = await page.locator('table.facts tbody tr').allInnerTexts();
    expect(all.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^07\/2026\/QĐ-UBND .* Còn hiệu lực$/),
      expect.stringMatching(/^12\/2023\/QĐ-UBND .* Hết hiệu lực toàn bộ$/),
    ]);
    await page.selectOption('#validity', 'IN_FORCE');
    await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
    expect(page.url()).toContain('validity=IN_FORCE');
    expect(await page.locator('table.facts tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining('07/2026/QĐ-UBND'),
    ]);
    expect(await page.locator('#validity').inputValue()).toBe('IN_FORCE');
    await screenshot(page, 'test-output/screenshots/site-legal-validity-1280.png');
    // An unknown value is named on the form, not a server error.
    const bad = await page.goto(portalUrl(t.port, SAIGON, '/van-ban?validity=VALID'));
    expect(bad?.status()).toBe(200);
    expect(await page.locator('.error-summary').innerText()).toContain('Tình trạng hiệu lực không hợp lệ');
    // In English: the same filter, labelled in English (the documents here are Vietnamese only).
    await page.goto(portalUrl(t.port, SAIGON, '/en/van-ban?validity=EXPIRED'));
    expect(await page.locator('label[for=validity]').innerText()).toBe('Validity');
    expect(await page.locator('#validity option:checked').innerText()).toBe('Expired');
    await page.close();
  });

  it('a document’s page shows its validity, the national database link and its relations both ways', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, `/bai-viet/${docs.old.slug}`));
    const facts = (await page.locator('table.facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain('Tình trạng hiệu lực Hết hiệu lực toàn bộ');
    expect(facts).toContain('Ngày hết hiệu lực 01/07/2026');
    const link = page.locator('a', { hasText: 'Cơ sở dữ liệu quốc gia về văn bản pháp luật' });
    expect(await link.getAttribute('href')).toBe('https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=101');
    expect(await page.locator('.legal-relations li').allInnerTexts()).toEqual([
      'Bị thay thế bởi: 07/2026/QĐ-UBND – Quy định mới về trật tự đô thị trên địa bàn phường',
    ]);
    await page.click('.legal-relations a');
    expect(page.url()).toContain(`/bai-viet/${docs.new.slug}`);
    const relations = await page.locator('.legal-relations li').allInnerTexts();
    expect(relations).toEqual([
      'Thay thế văn bản: 12/2023/QĐ-UBND – Quy định về trật tự đô thị trên địa bàn phường',
      'Hướng dẫn thi hành văn bản: 25/2025/QĐ-UBND – Quy định quản lý trật tự đô thị của Thành phố',
    ]);
    // The city's document is linked at its own portal.
    const cityLink = page.locator('.legal-relations a', { hasText: '25/2025' });
    expect(await cityLink.getAttribute('href')).toBe(`https://${CITY}/bai-viet/${docs.city.slug}`);
    await screenshot(page, 'test-output/screenshots/site-legal-relations-1280.png');
    // …whose page reads the same relation from its side.
    await page.goto(portalUrl(t.port, CITY, `/bai-viet/${docs.city.slug}`));
    expect(await page.locator('.legal-relations li').allInnerTexts()).toEqual([
      'Được hướng dẫn bởi: 07/2026/QĐ-UBND – Quy định mới về trật tự đô thị trên địa bàn phường',
    ]);
    await page.close();
  });

  it('a change of validity shows on the public pages at once (cached pages are dropped)', async () => {
    const before = await t.http({ host: SAIGON, path: `/bai-viet/${docs.new.slug}` });
    expect(before.text).toContain('Còn hiệu lực');
    await t.gql(SAIGON, SET, { id: docs.new.id, i: { validity: 'PARTLY_IN_FORCE' } }, { token: member });
    const after = await t.http({ host: SAIGON, path: `/bai-viet/${docs.new.slug}` });
    expect(after.text).toContain('Hết hiệu lực một phần');
    const list = await t.http({ host: SAIGON, path: '/van-ban?validity=PARTLY_IN_FORCE' });
    expect(list.text).toContain('07/2026/QĐ-UBND');
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the legal pages (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        // Documents are Vietnamese: their pages are read without the /en prefix.
        const paths = ['/van-ban', '/van-ban?validity=EXPIRED', '/van-ban?validity=VALID'].map(
          (p) => `${prefix}${p}`,
        );
        if (!prefix) paths.push(`/bai-viet/${docs.old.slug}`, `/bai-viet/${docs.new.slug}`);
        for (const path of paths) {
          const res = await page.goto(portalUrl(t.port, SAIGON, path));
          expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        }
        if (name === '375' && !prefix)
          await screenshot(page, 'test-output/screenshots/site-legal-document-375.png');
        await context.close();
      });
});
