import { Role } from '../libs/access/src';
import { HostRoutingService } from '../libs/tenancy/src';
import { openDatabase } from './support/fixtures';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { publishSiteItem } from './support/site-content';

const WARD = 'saigon.hochiminhcity.gov.vn';
const SUSPENDED = 'tandinh.hochiminhcity.gov.vn';
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)><style>body{display:none}</style>'`;

/** Markup an attacker would want on a page: none of it may come through as markup. */
const INJECTED = [/<script>alert/i, /<img src=x/i, /<style>body/i, /"><script/i, /=\s*"?javascript:/i];

describe('the website with hostile content in every field', () => {
  let t: TestApp;
  let slugs: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    // The portal's own name, the names of the portals around it.
    await t.apply(
      SMALL_TREES.city
        .replace(
          'nameVi: Phường Sài Gòn',
          `nameVi: ${JSON.stringify(`Phường Sài Gòn ${HOSTILE}`)}\n      label: saigon`,
        )
        .replace(
          'nameVi: Phường Bến Thành',
          `nameVi: ${JSON.stringify(`Phường Bến Thành ${HOSTILE}`)}\n      label: benthanh`,
        ),
    );
    const operator = await t.asUser('van.hanh.doc', Role.OPERATOR, WARD);
    const theme = await t.gql(
      WARD,
      `mutation($i: SiteThemeInput!) { setSiteTheme(input: $i) { __typename ... on InputError { errorCode field } } }`,
      {
        i: {
          ownerVi: HOSTILE,
          ownerEn: HOSTILE,
          address: HOSTILE,
          phone: HOSTILE,
          // Addresses are checked when set (no quote or angle bracket passes); what passes is escaped.
          email: 'a&b@c.vn',
          editorInChief: HOSTILE,
          licence: HOSTILE,
          bannerUrl: '/anh/bang-ron.jpg?a=1&b=2',
          bannerAltVi: HOSTILE,
        },
      },
      { token: operator },
    );
    expect(theme.body.data?.setSiteTheme).toEqual({ __typename: 'SiteTheme' });
    const news = await publishSiteItem(t, WARD, {
      title: `Tin ${HOSTILE}`,
      summary: `Tóm tắt ${HOSTILE}`,
      bodyHtml: `<p>Thân bài</p>${HOSTILE}<a href="javascript:alert(3)">x</a>`,
      authorName: `Tác giả ${HOSTILE}`,
      source: `Nguồn ${HOSTILE}`,
      category: 'tin-tuc-su-kien',
      pinned: true,
    });
    const legal = await publishSiteItem(t, WARD, {
      kind: 'LEGAL_DOCUMENT',
      title: `Văn bản ${HOSTILE}`,
      category: 'van-ban',
      fields: {
        form: 'QUYET_DINH',
        issuer: `UBND ${HOSTILE}`,
        number: `01/${HOSTILE}`,
        issueDate: '2026-01-02',
        excerpt: `Trích yếu ${HOSTILE}`,
        field: `Lĩnh vực ${HOSTILE}`,
      },
    });
    slugs = [news.slug, legal.slug];
  }, 120_000);
  afterAll(() => t.close());

  it('escapes it on every page type, in both languages', async () => {
    const paths = [
      '/',
      '/chuyen-muc/tin-tuc-su-kien',
      `/bai-viet/${slugs[0]}`,
      `/bai-viet/${slugs[1]}`,
      `/tim-kiem?q=${encodeURIComponent(`tin ${HOSTILE}`)}`,
      `/van-ban?issuer=${encodeURIComponent(HOSTILE)}&number=${encodeURIComponent(HOSTILE)}&issuedFrom=${encodeURIComponent(HOSTILE)}`,
      `/van-ban?issuer=${encodeURIComponent('UBND')}`,
      `/bai-viet/khong-co`,
      `/chuyen-muc/${encodeURIComponent(HOSTILE)}`,
      '/sitemap.xml',
    ];
    for (const prefix of ['', '/en']) {
      for (const path of paths) {
        const res = await t.http({ host: WARD, path: `${prefix}${path}` });
        expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
        for (const bad of INJECTED) {
          const at = res.text.search(bad);
          const where = `${prefix}${path}`;
          expect({ where, found: at < 0 ? null : res.text.slice(Math.max(0, at - 80), at + 40) }).toEqual({
            where,
            found: null,
          });
        }
        expect(res.text).not.toContain('javascript:alert');
      }
    }
    // The text is still there, shown as text.
    const home = await t.http({ host: WARD, path: '/' });
    expect(home.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const article = await t.http({ host: WARD, path: `/bai-viet/${slugs[1]}` });
    // (Item text had its tags removed when it was saved; what is left is escaped.)
    expect(article.text).toContain('<td>UBND &quot;&gt;&#x27;</td>');
    // JSON-LD carries the portal's name as data that cannot end its block.
    expect(article.text).toContain('"name":"Phường Sài Gòn \\">\\u003cscript>alert(1)\\u003c/script>');
  });

  it("a suspended portal's page (503) for browsers, its JSON error for API clients", async () => {
    const pg = await openDatabase(t);
    try {
      await pg.query(`UPDATE tenants SET status = 'SUSPENDED' WHERE id = $1`, [t.tenant(SUSPENDED).id]);
      await t.app.get(HostRoutingService).reload();
      const page = await t.http({
        host: SUSPENDED,
        path: '/',
        headers: { accept: 'text/html,application/xhtml+xml' },
      });
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['retry-after']).toBe('3600');
      expect(page.text).toContain('Cổng thông tin đang tạm ngừng hoạt động');
      expect(page.text).toContain('href="https://hochiminhcity.gov.vn/"');
      const en = await t.http({ host: SUSPENDED, path: '/en', headers: { accept: 'text/html' } });
      expect(en.text).toContain('This portal is temporarily unavailable');
      const api = await t.gql(SUSPENDED, '{ portal { name } }');
      expect(api.status).toBe(503);
      expect(api.body.errors![0].extensions?.code).toBe('PORTAL_SUSPENDED');
    } finally {
      await pg.query(`UPDATE tenants SET status = 'ACTIVE' WHERE id = $1`, [t.tenant(SUSPENDED).id]);
      await pg.end();
    }
  });
});
