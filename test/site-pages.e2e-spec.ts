import { gzipSync } from 'node:zlib';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { publishSiteItem, withdrawSiteItem } from './support/site-content';

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';
const OTHER = 'benthanh.hochiminhcity.gov.vn';

/** The text of a page without tags (what a reader sees). */
const visible = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the public website of a portal', () => {
  let t: TestApp;
  let article: { id: string; slug: string };
  let withdrawn: { id: string; slug: string };
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    article = await publishSiteItem(t, WARD, {
      title: 'Kế hoạch chỉnh trang đô thị Phường Sài Gòn năm 2027',
      summary: 'UBND phường công bố kế hoạch chỉnh trang vỉa hè và cây xanh.',
      bodyHtml: '<p>Nội dung kế hoạch gồm ba giai đoạn.</p>',
      category: 'tin-tuc-su-kien',
      authorName: 'Trần Minh Khoa',
      source: 'Văn phòng UBND phường',
      pinned: true,
    });
    await publishSiteItem(t, WARD, {
      kind: 'LEGAL_DOCUMENT',
      title: 'Quyết định ban hành quy chế quản lý vỉa hè',
      category: 'van-ban',
      fields: {
        form: 'QUYET_DINH',
        issuer: 'Ủy ban nhân dân Phường Sài Gòn',
        number: '15/2026/QĐ-UBND',
        issueDate: '2026-03-15',
        excerpt: 'Ban hành quy chế quản lý, sử dụng vỉa hè trên địa bàn phường.',
        field: 'Giao thông, đô thị',
      },
    });
    await publishSiteItem(t, WARD, {
      language: 'en',
      title: 'Saigon Ward urban improvement plan for 2027',
      category: 'tin-tuc-su-kien',
    });
    withdrawn = await publishSiteItem(t, WARD, { title: 'Thông báo cũ đã gỡ', category: 'tin-tuc-su-kien' });
    await withdrawSiteItem(t, WARD, withdrawn.id);
    // Another portal's draft (never published) and its published item: neither shows on the ward.
    await publishSiteItem(t, OTHER, {
      title: 'Bản nháp mật của Bến Thành',
      unpublished: true,
      category: 'tin-tuc-su-kien',
    });
    await publishSiteItem(t, OTHER, { title: 'Tin riêng của Phường Bến Thành', category: 'tin-tuc-su-kien' });
  });
  afterAll(() => t.close());

  it('home: pinned items, the latest per section, new documents, component portals, in both languages', async () => {
    const vi = await t.http({ host: WARD, path: '/' });
    expect(vi.status).toBe(200);
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('Tin nổi bật');
    expect(vi.text).toContain(`href="/bai-viet/${article.slug}"`);
    expect(vi.text).toContain('Quyết định ban hành quy chế quản lý vỉa hè');
    expect(vi.text).toContain('href="/chuyen-muc/tin-tuc-su-kien"');
    expect(vi.text).toContain('"@type":"GovernmentOrganization"');
    const en = await t.http({ host: WARD, path: '/en' });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Saigon Ward urban improvement plan for 2027');
    expect(en.text).not.toContain('Kế hoạch chỉnh trang');
    expect(en.text).toContain('href="/" lang="vi"');
    const city = await t.http({ host: CITY, path: '/' });
    expect(city.text).toContain('Cổng thành phần');
    expect(city.text).toContain('>Phường Sài Gòn</a>');
  });

  it('article: breadcrumbs, author, source, dates, print and archive links, share links, metadata', async () => {
    const res = await t.http({ host: WARD, path: `/bai-viet/${article.slug}` });
    expect(res.status).toBe(200);
    const text = visible(res.text);
    expect(res.text).toContain('aria-label="Đường dẫn"');
    expect(res.text).toContain('<a href="/chuyen-muc/tin-tuc-su-kien">Tin tức, sự kiện</a>');
    expect(text).toContain('Tác giả: Trần Minh Khoa · Nguồn: Văn phòng UBND phường');
    expect(text).toContain('Đăng ngày');
    expect(res.text).toContain(`href="/print/${article.slug}"`);
    expect(res.text).toContain(`href="/archive/${article.id}"`);
    expect(res.text).toContain('https://www.facebook.com/sharer/sharer.php?u=');
    expect(res.text).toContain(`<link rel="canonical" href="https://${WARD}/bai-viet/${article.slug}"/>`);
    expect(res.text).toContain('<meta property="og:type" content="article"/>');
    expect(res.text).toContain('<meta name="twitter:card"');
    expect(res.text).toContain('"@type":"NewsArticle"');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['etag']).toBeTruthy();
    // The same bytes again: 304 with no body, from the cache or the handler.
    const again = await t.http({
      host: WARD,
      path: `/bai-viet/${article.slug}`,
      headers: { 'if-none-match': res.headers['etag'] as string },
    });
    expect(again.status).toBe(304);
    // The print view and the permanent link still answer.
    expect((await t.http({ host: WARD, path: `/print/${article.slug}` })).status).toBe(200);
    expect((await t.http({ host: WARD, path: `/archive/${article.id}` })).status).toBe(200);
  });

  it('a legal document shows its fields; the legal search filters by them', async () => {
    const found = await t.http({
      host: WARD,
      path: '/van-ban?form=QUYET_DINH&number=15%2F2026&issuedFrom=2026-01-01&issuedTo=2026-12-31',
    });
    expect(found.status).toBe(200);
    expect(found.text).toContain('15/2026/QĐ-UBND');
    const slug = /href="\/bai-viet\/([a-z0-9-]+)">Quyết định ban hành/.exec(found.text)![1];
    const detail = await t.http({ host: WARD, path: `/bai-viet/${slug}` });
    expect(visible(detail.text)).toContain('Cơ quan ban hành Ủy ban nhân dân Phường Sài Gòn');
    expect(visible(detail.text)).toContain('Hình thức Quyết định');
    const none = await t.http({ host: WARD, path: `/van-ban?issuer=${encodeURIComponent('Bộ Tài chính')}` });
    expect(none.text).toContain('Không có văn bản phù hợp.');
    expect(none.text).not.toContain('15/2026/QĐ-UBND');
    const bad = await t.http({ host: WARD, path: '/van-ban?issuedFrom=15-03-2026' });
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('class="error-summary"');
    expect(bad.text).toContain('href="#issuedFrom"');
  });

  it('search finds words with and without diacritics and marks them', async () => {
    for (const q of ['kế hoạch chỉnh trang', 'ke hoach chinh trang', 'KE HOACH']) {
      const res = await t.http({ host: WARD, path: `/tim-kiem?q=${encodeURIComponent(q)}` });
      expect(res.status).toBe(200);
      expect(res.text).toContain(`href="/bai-viet/${article.slug}"`);
      expect(res.text).toContain('<mark>Kế</mark> <mark>hoạch</mark>');
    }
    const nothing = await t.http({ host: WARD, path: '/tim-kiem?q=khongcotu' });
    expect(nothing.text).toContain('Không tìm thấy kết quả nào');
    const empty = await t.http({ host: WARD, path: '/tim-kiem?q=' });
    expect(empty.text).toContain('class="error-summary"');
  });

  it('a section lists its items, newest first, with keyset pages', async () => {
    const res = await t.http({ host: WARD, path: '/chuyen-muc/tin-tuc-su-kien' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1 class="page-title">Tin tức, sự kiện</h1>');
    expect(res.text).toContain(`href="/bai-viet/${article.slug}"`);
    expect(res.text).toContain('<a href="/chuyen-muc/tin-tuc-su-kien" aria-current="true">');
    expect((await t.http({ host: WARD, path: '/chuyen-muc/khong-co' })).status).toBe(404);
    expect((await t.http({ host: WARD, path: '/chuyen-muc/tin-tuc-su-kien?after=rac' })).status).toBe(404);
  });

  it('answers 404 for an unknown item and 410 for a withdrawn one, both with a way on', async () => {
    const missing = await t.http({ host: WARD, path: '/bai-viet/khong-co-bai-nay' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Không tìm thấy trang');
    expect(missing.text).toContain('action="/tim-kiem"');
    const gone = await t.http({ host: WARD, path: `/bai-viet/${withdrawn.slug}` });
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Thông tin này đã được gỡ bỏ');
    expect(gone.text).not.toContain('Thông báo cũ đã gỡ');
  });

  it('sitemap.xml and robots.txt name the portal’s own pages only', async () => {
    const map = await t.http({ host: WARD, path: '/sitemap.xml' });
    expect(map.status).toBe(200);
    expect(map.headers['content-type']).toContain('application/xml');
    expect(map.text).toContain(`<loc>https://${WARD}/bai-viet/${article.slug}</loc>`);
    expect(map.text).not.toContain(withdrawn.slug);
    expect(map.text).not.toContain('rieng-cua-phuong-ben-thanh');
    const robots = await t.http({ host: WARD, path: '/robots.txt' });
    expect(robots.text).toContain(`Sitemap: https://${WARD}/sitemap.xml`);
  });

  it("never shows another portal's draft or items", async () => {
    for (const path of [
      '/',
      '/chuyen-muc/tin-tuc-su-kien',
      '/tim-kiem?q=ben+thanh',
      '/tim-kiem?q=ban+nhap',
      '/sitemap.xml',
    ]) {
      const res = await t.http({ host: WARD, path });
      expect({ path, draft: res.text.includes('Bản nháp mật') }).toEqual({ path, draft: false });
      expect({ path, other: res.text.includes('Tin riêng của Phường Bến Thành') }).toEqual({
        path,
        other: false,
      });
    }
    const own = await t.http({ host: OTHER, path: '/tim-kiem?q=ban+nhap' });
    expect(own.text).not.toContain('Bản nháp mật');
  });

  it('the home page and its stylesheets weigh less than 60 KB compressed, with no script and no web font', async () => {
    const home = await t.http({ host: WARD, path: '/' });
    const sheets = [...home.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets.length).toBe(2);
    let bytes = gzipSync(home.text).length;
    for (const href of sheets) {
      const css = await t.http({ host: WARD, path: href });
      expect(css.status).toBe(200);
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(css.text).not.toMatch(/@font-face|@import|url\(/);
      bytes += gzipSync(css.text).length;
    }
    expect(bytes).toBeLessThan(60 * 1024);
    expect(home.text).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });

  it('pages are served from the response cache and dropped from it on publish', async () => {
    const first = await t.http({ host: WARD, path: '/chuyen-muc/tin-tuc-su-kien' });
    const second = await t.http({ host: WARD, path: '/chuyen-muc/tin-tuc-su-kien' });
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
    await publishSiteItem(t, WARD, { title: 'Tin mới sau khi lưu đệm', category: 'tin-tuc-su-kien' });
    const after = await t.http({ host: WARD, path: '/chuyen-muc/tin-tuc-su-kien' });
    expect(after.text).toContain('Tin mới sau khi lưu đệm');
  });
});
