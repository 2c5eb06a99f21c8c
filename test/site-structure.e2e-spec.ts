import { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { DeadlineService } from '../libs/calendar/src';
import { systemContext } from '../libs/platform/src';
import { PORTAL_TEMPLATES, PortalTemplate, TemplateCategory } from '../libs/tenancy/src';
import { publishSiteItem } from './support/site-content';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * The editable site structure (517/QĐ-SNV art. 3.2.b–c; 05/2024/QĐ-UBND art. 8.3): operators edit
 * categories and menus per language, add thematic sections and links to other websites; renames and
 * moves keep every old address answering 301 (in one hop); hidden sections answer 410; a template
 * change is re-applied where a portal never changed that part; a merge carries what was added.
 */

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';
const SIBLING = 'benthanh.hochiminhcity.gov.vn';
const THIRD = 'tandinh.hochiminhcity.gov.vn';

const ERR = '... on InputError { errorCode field messageVi messageEn }';
const CAT = `__typename ... on SiteCategory { id tenantId parentId slug slugPath nameVi nameEn contentKind thematic languages position hidden templateKey } ${ERR}`;
const MENU = `__typename ... on SiteMenuEntry { id tenantId menu parentId labelVi labelEn categoryId url external languages position hidden templateKey } ${ERR}`;
const STRUCTURE = `query($t: ID) { siteStructure(tenantId: $t) {
  __typename ... on SiteStructure { tenantId template categories { id parentId slug slugPath nameVi hidden templateKey position thematic }
    menuEntries { id menu parentId labelVi categoryId url external hidden position templateKey } changedParts { part } }
  ${ERR} } }`;
const CREATE_CAT = `mutation($i: CreateSiteCategoryInput!) { createSiteCategory(input: $i) { ${CAT} } }`;
const UPDATE_CAT = `mutation($i: UpdateSiteCategoryInput!) { updateSiteCategory(input: $i) { ${CAT} } }`;
const MOVE_CAT = `mutation($i: MoveSiteCategoryInput!) { moveSiteCategory(input: $i) { ${CAT} } }`;
const HIDE_CAT = `mutation($id: ID!, $h: Boolean!) { setSiteCategoryHidden(id: $id, hidden: $h) { ${CAT} } }`;
const CREATE_MENU = `mutation($i: CreateSiteMenuEntryInput!) { createSiteMenuEntry(input: $i) { ${MENU} } }`;
const UPDATE_MENU = `mutation($i: UpdateSiteMenuEntryInput!) { updateSiteMenuEntry(input: $i) { ${MENU} } }`;
const MOVE_MENU = `mutation($i: MoveSiteMenuEntryInput!) { moveSiteMenuEntry(input: $i) { ${MENU} } }`;
const HIDE_MENU = `mutation($id: ID!, $h: Boolean!) { setSiteMenuEntryHidden(id: $id, hidden: $h) { ${MENU} } }`;
const REAPPLY = `mutation($t: String!, $d: Boolean!) { reapplyPortalTemplate(template: $t, dryRun: $d) {
  __typename ... on TemplateReapplyReport { template dryRun portals { tenantId primaryHost
    changes { part action detail } skipped { part reason reasonVi reasonEn } } }
  ${ERR} } }`;
const MERGE_PREVIEW = `query($input: MergeInput!) { mergePreview(input: $input) { __typename
  ... on MergePreview { plan { categoryMapping { sourceCategoryId targetCategoryId } roleMapping { assignmentId action } } } } }`;
const MERGE = `mutation($input: MergeTenantsInput!) { mergeTenants(input: $input) { __typename ... on Portal { id } ${ERR} } }`;

type Row = Record<string, any>;

describe('the editable site structure', () => {
  let t: TestApp;
  let db: Client;
  let cityOperator: string;
  let wardOperator: string;
  let siblingOperator: string;
  let writer: string;
  let boardHead: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    cityOperator = await t.asUser('st.city.operator', Role.OPERATOR, CITY, RoleScope.SUBTREE);
    wardOperator = await t.asUser('st.ward.operator', Role.OPERATOR, WARD);
    siblingOperator = await t.asUser('st.sibling.operator', Role.OPERATOR, SIBLING);
    writer = await t.asUser('st.writer', Role.CONTRIBUTOR, WARD);
    boardHead = await t.asUser('st.board.head', Role.BOARD_HEAD, WARD);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const call = async (
    token: string | null,
    host: string,
    query: string,
    variables: Record<string, unknown>,
    key?: string,
  ): Promise<Row> => {
    const res = await t.gql(host, query, variables, {
      token,
      headers: key ? { 'Idempotency-Key': key } : undefined,
    });
    if (res.body.errors?.length) return { errors: res.body.errors };
    return Object.values(res.body.data ?? {})[0] as Row;
  };
  const structure = async (token: string, host: string, tenantId?: string) =>
    (await call(token, host, STRUCTURE, { t: tenantId })) as Row;
  const page = (host: string, path: string) => t.http({ host, path });
  const count = async (table: string, host: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [t.tenant(host).id]))
      .rows[0].n as number;

  let theme: Row;
  let workshop: Row;

  it('starts from the template: every category and menu entry knows its template part, nothing changed yet', async () => {
    const s = await structure(wardOperator, WARD);
    expect(s.__typename).toBe('SiteStructure');
    expect(s.template).toBe('commune');
    expect(s.categories.length).toBeGreaterThan(5);
    expect(s.categories.every((c: Row) => c.templateKey === c.slugPath)).toBe(true);
    expect(s.menuEntries.filter((m: Row) => m.menu === 'MAIN').map((m: Row) => m.templateKey)).toEqual(
      PORTAL_TEMPLATES.commune.mainMenu,
    );
    expect(s.changedParts).toEqual([]);
  });

  it('adds a thematic section with a subsection, a menu entry for it and a link to another website; the website shows them', async () => {
    theme = await call(
      wardOperator,
      WARD,
      CREATE_CAT,
      { i: { nameVi: 'Chuyển đổi số', nameEn: 'Digital transformation', thematic: true, position: 0 } },
      'st-create-theme-0001',
    );
    expect(theme).toMatchObject({
      __typename: 'SiteCategory',
      slug: 'chuyen-doi-so',
      slugPath: 'chuyen-doi-so',
      thematic: true,
      contentKind: 'NEWS',
      languages: ['vi', 'en'],
      position: 0,
      hidden: false,
      templateKey: null,
    });
    // The same key again: the same answer, one row.
    const again = await call(
      wardOperator,
      WARD,
      CREATE_CAT,
      { i: { nameVi: 'Chuyển đổi số', nameEn: 'Digital transformation', thematic: true, position: 0 } },
      'st-create-theme-0001',
    );
    expect(again.id).toBe(theme.id);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM categories WHERE slug = 'chuyen-doi-so'`)).rows[0].n,
    ).toBe(1);

    workshop = await call(wardOperator, WARD, CREATE_CAT, {
      i: { parentId: theme.id, nameVi: 'Hội thảo', nameEn: 'Workshops' },
    });
    expect(workshop).toMatchObject({ slugPath: 'chuyen-doi-so/hoi-thao', parentId: theme.id });

    const entry = await call(wardOperator, WARD, CREATE_MENU, { i: { menu: 'MAIN', categoryId: theme.id } });
    expect(entry).toMatchObject({
      labelVi: 'Chuyển đổi số',
      labelEn: 'Digital transformation',
      external: false,
    });
    const link = await call(wardOperator, WARD, CREATE_MENU, {
      i: {
        menu: 'MAIN',
        url: 'https://dichvucong.gov.vn/',
        labelVi: 'Cổng Dịch vụ công quốc gia',
        labelEn: 'National Public Service Portal',
      },
    });
    expect(link).toMatchObject({ external: true, url: 'https://dichvucong.gov.vn/', categoryId: null });
    const nested = await call(wardOperator, WARD, CREATE_MENU, {
      i: { menu: 'MAIN', categoryId: workshop.id, parentId: entry.id },
    });
    expect(nested).toMatchObject({ parentId: entry.id, labelVi: 'Hội thảo' });

    const home = await page(WARD, '/');
    expect(home.text).toContain('<a href="/chuyen-muc/chuyen-doi-so">Chuyển đổi số</a>');
    expect(home.text).toMatch(
      /<a href="https:\/\/dichvucong.gov.vn\/" class="external" rel="external noopener">Cổng Dịch vụ công quốc gia<span class="visually-hidden"> \(liên kết ngoài\)<\/span><\/a>/,
    );
    // The themes card of the home page.
    expect(home.text).toContain('id="h-themes"');
    const en = await page(WARD, '/en');
    expect(en.text).toContain('<a href="/en/chuyen-muc/chuyen-doi-so">Digital transformation</a>');
    expect(en.text).toContain(
      'National Public Service Portal<span class="visually-hidden"> (external link)</span>',
    );
    const listing = await page(WARD, '/chuyen-muc/chuyen-doi-so');
    expect(listing.status).toBe(200);
    expect(listing.text).toContain('<h1');
    expect(listing.text).toContain('Chuyển đổi số');
    // Its nested menu entry shows under the main menu on its page.
    expect(listing.text).toMatch(/<nav class="subnav"[^>]*>.*href="\/chuyen-muc\/chuyen-doi-so\/hoi-thao"/s);
    const sitemap = await page(WARD, '/sitemap.xml');
    expect(sitemap.text).toContain('/chuyen-muc/chuyen-doi-so</loc>');
    // Audited with what was written.
    const audit = await db.query(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'site.%' ORDER BY occurred_at`,
      [t.tenant(WARD).id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'site.category_created',
      'site.category_created',
      'site.menu_entry_created',
      'site.menu_entry_created',
      'site.menu_entry_created',
    ]);
  });

  it('renames and moves without breaking a URL: old addresses (and those under them) answer 301 in one hop', async () => {
    const item = await publishSiteItem(t, WARD, {
      title: 'Hội thảo chuyển đổi số cấp phường',
      category: 'chuyen-doi-so/hoi-thao',
    });
    const renamed = await call(wardOperator, WARD, UPDATE_CAT, {
      i: { id: theme.id, slug: 'so-hoa', nameVi: 'Số hóa', nameEn: 'Digitalisation' },
    });
    expect(renamed).toMatchObject({ slugPath: 'so-hoa', nameVi: 'Số hóa' });
    const moved = await page(WARD, '/chuyen-muc/chuyen-doi-so');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/chuyen-muc/so-hoa');
    const under = await page(WARD, '/chuyen-muc/chuyen-doi-so/hoi-thao?after=abc');
    expect(under.status).toBe(301);
    expect(under.headers.location).toBe('/chuyen-muc/so-hoa/hoi-thao?after=abc');
    const english = await page(WARD, '/en/chuyen-muc/chuyen-doi-so/hoi-thao');
    expect(english.status).toBe(301);
    expect(english.headers.location).toBe('/en/chuyen-muc/so-hoa/hoi-thao');
    // A second rename: the first address goes straight to the newest (no chain).
    await call(wardOperator, WARD, UPDATE_CAT, { i: { id: theme.id, slug: 'so-hoa-2026' } });
    expect((await page(WARD, '/chuyen-muc/chuyen-doi-so')).headers.location).toBe('/chuyen-muc/so-hoa-2026');
    expect((await page(WARD, '/chuyen-muc/so-hoa/hoi-thao')).headers.location).toBe(
      '/chuyen-muc/so-hoa-2026/hoi-thao',
    );
    // The item keeps its address and lists under the section's new one, whose trail names it.
    const article = await page(WARD, `/bai-viet/${item.slug}`);
    expect(article.status).toBe(200);
    expect(article.text).toContain('href="/chuyen-muc/so-hoa-2026/hoi-thao"');
    expect(article.text).toContain('Số hóa');
    const newListing = await page(WARD, '/chuyen-muc/so-hoa-2026/hoi-thao');
    expect(newListing.status).toBe(200);
    expect(newListing.text).toContain('Hội thảo chuyển đổi số cấp phường');

    // Moving the subsection to the top level: both its former addresses follow it.
    const top = await call(wardOperator, WARD, MOVE_CAT, {
      i: { id: workshop.id, parentId: null, position: 1 },
    });
    expect(top).toMatchObject({ parentId: null, slugPath: 'hoi-thao', position: 1 });
    expect((await page(WARD, '/chuyen-muc/chuyen-doi-so/hoi-thao')).headers.location).toBe(
      '/chuyen-muc/hoi-thao',
    );
    expect((await page(WARD, '/chuyen-muc/so-hoa-2026/hoi-thao')).headers.location).toBe(
      '/chuyen-muc/hoi-thao',
    );
    // …and back under its theme, reordered first.
    const back = await call(wardOperator, WARD, MOVE_CAT, {
      i: { id: workshop.id, parentId: theme.id, position: 0 },
    });
    expect(back).toMatchObject({ slugPath: 'so-hoa-2026/hoi-thao' });
    expect((await page(WARD, '/chuyen-muc/hoi-thao')).headers.location).toBe(
      '/chuyen-muc/so-hoa-2026/hoi-thao',
    );

    // Reordering the top level: the theme second, the rest follows in order.
    const second = await call(wardOperator, WARD, MOVE_CAT, {
      i: { id: theme.id, parentId: null, position: 1 },
    });
    expect(second.position).toBe(1);
    const s = await structure(wardOperator, WARD);
    const topLevel = s.categories.filter((c: Row) => !c.parentId);
    expect(topLevel.map((c: Row) => c.position)).toEqual(topLevel.map((_: Row, i: number) => i));
    expect(topLevel[1].id).toBe(theme.id);
  });

  it('hides a section (410, out of menus and the sitemap, kept on record) and shows it again; per-language visibility', async () => {
    const hidden = await call(wardOperator, WARD, HIDE_CAT, { id: theme.id, h: true });
    expect(hidden.hidden).toBe(true);
    const gone = await page(WARD, '/chuyen-muc/so-hoa-2026');
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Cơ quan đã gỡ chuyên mục này khỏi cổng thông tin.');
    expect((await page(WARD, '/chuyen-muc/so-hoa-2026/hoi-thao')).status).toBe(410);
    // A former address of a hidden section does not send the reader to it.
    expect((await page(WARD, '/chuyen-muc/chuyen-doi-so')).status).toBe(410);
    const home = await page(WARD, '/');
    expect(home.text).not.toContain('/chuyen-muc/so-hoa-2026');
    expect(home.text).not.toContain('id="h-themes"');
    expect((await page(WARD, '/sitemap.xml')).text).not.toContain('so-hoa-2026');
    expect(
      (await db.query('SELECT hidden_at FROM categories WHERE id = $1', [theme.id])).rows[0].hidden_at,
    ).not.toBeNull();
    expect((await call(wardOperator, WARD, HIDE_CAT, { id: theme.id, h: false })).hidden).toBe(false);
    expect((await page(WARD, '/chuyen-muc/so-hoa-2026')).status).toBe(200);

    // Vietnamese only: the English site has neither the page nor the menu entry.
    await call(wardOperator, WARD, UPDATE_CAT, { i: { id: theme.id, languages: ['vi'] } });
    expect((await page(WARD, '/chuyen-muc/so-hoa-2026')).status).toBe(200);
    expect((await page(WARD, '/en/chuyen-muc/so-hoa-2026')).status).toBe(404);
    expect((await page(WARD, '/en')).text).not.toContain('/en/chuyen-muc/so-hoa-2026');
    await call(wardOperator, WARD, UPDATE_CAT, { i: { id: theme.id, languages: ['vi', 'en'] } });

    // A menu entry hidden and shown again; relabelled; moved first.
    const s = await structure(wardOperator, WARD);
    const link = s.menuEntries.find((m: Row) => m.external);
    await call(wardOperator, WARD, HIDE_MENU, { id: link.id, h: true });
    // (The home page's own quick links name the national portal too: the menu is what is checked.)
    const mainNav = (html: string) => /<nav class="mainnav".*?<\/nav>/s.exec(html)![0];
    expect(mainNav((await page(WARD, '/')).text)).not.toContain('dichvucong.gov.vn');
    await call(wardOperator, WARD, HIDE_MENU, { id: link.id, h: false });
    const relabelled = await call(wardOperator, WARD, UPDATE_MENU, {
      i: { id: link.id, labelVi: 'Dịch vụ công quốc gia' },
    });
    expect(relabelled).toMatchObject({ labelVi: 'Dịch vụ công quốc gia', external: true });
    const first = await call(wardOperator, WARD, MOVE_MENU, {
      i: { id: link.id, parentId: null, position: 0 },
    });
    expect(first.position).toBe(0);
    const home2 = await page(WARD, '/');
    const nav = mainNav(home2.text);
    // Home first, then the link.
    expect(nav.indexOf('dichvucong.gov.vn')).toBeLessThan(nav.indexOf('/gioi-thieu'));
    const changed = (await structure(wardOperator, WARD)).changedParts.map((p: Row) => p.part);
    expect(changed).toEqual(expect.arrayContaining(['menu:MAIN']));
  });

  it('refuses bad input with typed errors naming the field, in Vietnamese and English, writing nothing', async () => {
    const before = [await count('categories', WARD), await count('menu_items', WARD)];
    const s = await structure(wardOperator, WARD);
    const news = s.categories.find((c: Row) => c.slugPath === 'tin-tuc-su-kien');
    const expectError = (r: Row, errorCode: string, field: string) => {
      expect(r).toMatchObject({ __typename: 'InputError', errorCode, field });
      expect(r.messageVi.length).toBeGreaterThan(5);
      expect(r.messageEn.length).toBeGreaterThan(5);
      expect(r.messageVi).not.toBe(r.messageEn);
    };
    expectError(
      await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Tin tức', slug: 'tin-tuc-su-kien' } }),
      'DUPLICATE_SLUG',
      'slug',
    );
    expectError(
      await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Sai', slug: 'Chuyển Đổi' } }),
      'INVALID_SLUG',
      'slug',
    );
    expectError(await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: '   ' } }), 'REQUIRED', 'nameVi');
    expectError(
      await call(wardOperator, WARD, CREATE_CAT, {
        i: { nameVi: 'Mồ côi', parentId: '00000000-0000-4000-8000-000000000000' },
      }),
      'UNKNOWN_PARENT',
      'parentId',
    );
    expectError(
      await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Pháp', languages: ['fr'] } }),
      'INVALID_LANGUAGES',
      'languages',
    );
    expectError(
      await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Loại lạ', contentKind: 'SCRIPT' } }),
      'INVALID_CONTENT_KIND',
      'contentKind',
    );
    // A theme under its own subsection: a cycle.
    expectError(
      await call(wardOperator, WARD, MOVE_CAT, { i: { id: theme.id, parentId: workshop.id, position: 0 } }),
      'NESTING_CYCLE',
      'parentId',
    );
    // Renaming onto a sibling's address.
    expectError(
      await call(wardOperator, WARD, UPDATE_CAT, { i: { id: theme.id, slug: 'tin-tuc-su-kien' } }),
      'DUPLICATE_SLUG',
      'slug',
    );
    // Links: http(s) only, nothing that runs or leaves the page's scheme.
    for (const url of [
      'javascript:alert(1)',
      'ftp://files.example.vn/',
      '//evil.example/',
      'data:text/html,x',
      'https://user:pw@x.vn/',
    ])
      expectError(
        await call(wardOperator, WARD, CREATE_MENU, { i: { menu: 'MAIN', url, labelVi: 'Liên kết' } }),
        'INVALID_URL',
        'url',
      );
    expectError(
      await call(wardOperator, WARD, CREATE_MENU, {
        i: { menu: 'MAIN', url: 'https://a.vn/', categoryId: news.id, labelVi: 'Hai' },
      }),
      'MENU_TARGET_REQUIRED',
      'url',
    );
    expectError(
      await call(wardOperator, WARD, CREATE_MENU, { i: { menu: 'FOOTER', url: 'https://a.vn/' } }),
      'REQUIRED',
      'labelVi',
    );
    const entries = (await structure(wardOperator, WARD)).menuEntries;
    const nested = entries.find((m: Row) => m.parentId);
    expectError(
      await call(wardOperator, WARD, CREATE_MENU, {
        i: { menu: 'MAIN', url: 'https://a.vn/', labelVi: 'Sâu', parentId: nested.id },
      }),
      'TOO_DEEP',
      'parentId',
    );
    expectError(
      await call(wardOperator, WARD, MOVE_MENU, {
        i: { id: nested.parentId, parentId: nested.id, position: 0 },
      }),
      'NESTING_CYCLE',
      'parentId',
    );
    // Too deep: four levels are allowed, a fifth is not.
    const l3 = await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Cấp ba', parentId: workshop.id } });
    const l4 = await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Cấp bốn', parentId: l3.id } });
    expect(l4.slugPath).toBe('so-hoa-2026/hoi-thao/cap-ba/cap-bon');
    expectError(
      await call(wardOperator, WARD, CREATE_CAT, { i: { nameVi: 'Cấp năm', parentId: l4.id } }),
      'TOO_DEEP',
      'parentId',
    );
    // Moving a section under the fourth level would make it five deep.
    expectError(
      await call(wardOperator, WARD, MOVE_CAT, { i: { id: news.id, parentId: l4.id, position: 0 } }),
      'TOO_DEEP',
      'parentId',
    );
    expect([await count('categories', WARD), await count('menu_items', WARD)]).toEqual([
      before[0] + 2,
      before[1],
    ]);
    for (const id of [l4.id, l3.id]) await call(wardOperator, WARD, HIDE_CAT, { id, h: true });
  });

  it('refuses other portals: the sibling’s operator, the ward operator on another portal, writers and anonymous; the city’s subtree operator may', async () => {
    const before = await count('categories', WARD);
    // The sibling's operator, on its own host, with the ward's ids: not found.
    for (const [query, vars, op] of [
      [UPDATE_CAT, { i: { id: theme.id, nameVi: 'Chiếm' } }, 'updateSiteCategory'],
      [HIDE_CAT, { id: theme.id, h: true }, 'setSiteCategoryHidden'],
      [MOVE_CAT, { i: { id: theme.id, parentId: null, position: 0 } }, 'moveSiteCategory'],
      [STRUCTURE, { t: t.tenant(WARD).id }, 'siteStructure'],
      [CREATE_CAT, { i: { tenantId: t.tenant(WARD).id, nameVi: 'Chèn' } }, 'createSiteCategory'],
    ] as const) {
      const r = await call(siblingOperator, SIBLING, query, vars);
      expect({ op, code: r.errorCode }).toEqual({ op, code: 'NOT_FOUND' });
    }
    // …and on the ward's host, its token carries no right there.
    const onWard = await call(siblingOperator, WARD, UPDATE_CAT, { i: { id: theme.id, nameVi: 'Chiếm' } });
    expect(onWard.errorCode ?? onWard.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    // The sibling's own category as a parent on its own portal from the ward: another portal's.
    const siblingNews = (await structure(siblingOperator, SIBLING)).categories[0];
    const asParent = await call(wardOperator, WARD, CREATE_CAT, {
      i: { nameVi: 'Lạc', parentId: siblingNews.id },
    });
    expect(asParent).toMatchObject({ errorCode: 'UNKNOWN_PARENT', field: 'parentId' });
    // The city's subtree operator may edit both: naming the sibling's category on the ward is "another portal's".
    const cross = await call(cityOperator, CITY, CREATE_CAT, {
      i: { tenantId: t.tenant(WARD).id, nameVi: 'Lạc', parentId: siblingNews.id },
    });
    expect(cross).toMatchObject({ errorCode: 'OTHER_PORTAL', field: 'parentId' });
    const crossMenu = await call(cityOperator, CITY, CREATE_MENU, {
      i: { tenantId: t.tenant(WARD).id, menu: 'MAIN', categoryId: siblingNews.id },
    });
    expect(crossMenu).toMatchObject({ errorCode: 'OTHER_PORTAL', field: 'categoryId' });
    const byCity = await call(cityOperator, CITY, CREATE_CAT, {
      i: { tenantId: t.tenant(WARD).id, nameVi: 'Thông tin khu phố', nameEn: 'Neighbourhoods' },
    });
    expect(byCity).toMatchObject({
      __typename: 'SiteCategory',
      tenantId: t.tenant(WARD).id,
      slug: 'thong-tin-khu-pho',
    });
    // A writer and the board's head (the ward's policy gives the board no say) are refused by the rules.
    for (const token of [writer, boardHead]) {
      const r = await t.gql(WARD, CREATE_CAT, { i: { nameVi: 'Không được' } }, { token });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await t.gql(WARD, CREATE_CAT, { i: { nameVi: 'Không được' } });
    expect(anonymous.body.data?.createSiteCategory ?? null).toBeNull();
    expect(await count('categories', WARD)).toBe(before + 1);
  });

  it('lets the board’s head edit the structure where the portal’s regulation says so (517/QĐ-SNV art. 3.2.c)', async () => {
    const assigned = await t.app
      .get(DeadlineService)
      .assign(systemContext('test'), t.tenant(WARD).id, 'soctrang-snv-517-2022');
    expect(assigned.ok).toBe(true);
    const head = await t.login('st.board.head', WARD);
    const made = await call(head.accessToken, WARD, CREATE_CAT, { i: { nameVi: 'Cải cách hành chính' } });
    expect(made).toMatchObject({ __typename: 'SiteCategory', slug: 'cai-cach-hanh-chinh' });
    // The writer still may not; the head may not on another portal.
    expect(
      (await t.gql(WARD, CREATE_CAT, { i: { nameVi: 'X' } }, { token: writer })).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const elsewhere = await call(head.accessToken, WARD, CREATE_CAT, {
      i: { tenantId: t.tenant(SIBLING).id, nameVi: 'X' },
    });
    expect(elsewhere.errorCode).toBe('NOT_FOUND');
    await call(wardOperator, WARD, HIDE_CAT, { id: made.id, h: true });
    expect(
      (await t.app.get(DeadlineService).assign(systemContext('test'), t.tenant(WARD).id, 'hcmc-2024')).ok,
    ).toBe(true);
  });

  it('re-applies a changed template where a portal never changed that part: a dry run first, then the apply; changed parts are skipped with the reason', async () => {
    // The sibling renames its news section: that part is its own now.
    const siblingNews = (await structure(siblingOperator, SIBLING)).categories.find(
      (c: Row) => c.slugPath === 'tin-tuc-su-kien',
    );
    await call(siblingOperator, SIBLING, UPDATE_CAT, {
      i: { id: siblingNews.id, nameVi: 'Tin tức phường Bến Thành' },
    });
    const original = PORTAL_TEMPLATES.commune;
    // A new version of the commune template ships: news renamed, a section added to the main menu.
    const copy = (list: TemplateCategory[]): TemplateCategory[] =>
      list.map((c) => ({ ...c, children: c.children ? copy(c.children) : undefined }));
    const changed: PortalTemplate = { ...original, categories: copy(original.categories) };
    changed.categories.find((c) => c.slug === 'tin-tuc-su-kien')!.nameVi = 'Tin tức - Sự kiện';
    changed.categories.splice(2, 0, {
      slug: 'chuyen-doi-so-quoc-gia',
      nameVi: 'Chuyển đổi số quốc gia',
      nameEn: 'National digital transformation',
      contentKind: 'NEWS',
    });
    changed.mainMenu = changed.categories.map((c) => c.slug).filter((s) => s !== 'lien-he');
    PORTAL_TEMPLATES.commune = changed;
    try {
      const rowsBefore = (await db.query('SELECT count(*)::int AS n FROM categories')).rows[0].n;
      const dry = await call(cityOperator, CITY, REAPPLY, { t: 'commune', d: true });
      expect(dry).toMatchObject({ __typename: 'TemplateReapplyReport', template: 'commune', dryRun: true });
      const of = (host: string) => dry.portals.find((p: Row) => p.primaryHost === host);
      expect(dry.portals.map((p: Row) => p.primaryHost).sort()).toEqual([SIBLING, WARD, THIRD].sort());
      // The untouched ward: news renamed, the section created, the main menu rebuilt.
      expect(of(THIRD).changes).toEqual(
        expect.arrayContaining([
          {
            part: 'category:tin-tuc-su-kien',
            action: 'UPDATE',
            detail: 'nameVi: "Tin tức, sự kiện" → "Tin tức - Sự kiện"',
          },
          expect.objectContaining({ part: 'category:chuyen-doi-so-quoc-gia', action: 'CREATE' }),
          expect.objectContaining({ part: 'menu:MAIN', action: 'REBUILD' }),
        ]),
      );
      expect(of(THIRD).skipped).toEqual([]);
      // The sibling renamed its news: skipped, with the reason; the rest applies.
      expect(of(SIBLING).skipped).toEqual([
        expect.objectContaining({ part: 'category:tin-tuc-su-kien', reason: 'CHANGED_BY_PORTAL' }),
      ]);
      expect(of(SIBLING).skipped[0].reasonVi).toContain('Cổng đã tự sửa');
      expect(of(SIBLING).changes.map((c: Row) => c.part)).toEqual(
        expect.arrayContaining(['category:chuyen-doi-so-quoc-gia', 'menu:MAIN']),
      );
      // The ward edited its main menu: that part is skipped, the new section is still added.
      expect(of(WARD).skipped.map((s: Row) => s.part)).toEqual(['menu:MAIN']);
      expect(of(WARD).changes.map((c: Row) => c.part)).toEqual(
        expect.arrayContaining(['category:tin-tuc-su-kien', 'category:chuyen-doi-so-quoc-gia']),
      );
      // A dry run writes nothing.
      expect((await db.query('SELECT count(*)::int AS n FROM categories')).rows[0].n).toBe(rowsBefore);
      expect((await page(THIRD, '/')).text).not.toContain('Chuyển đổi số quốc gia');

      // Another portal's operator may not re-apply to the city's wards.
      const foreign = await call(siblingOperator, SIBLING, REAPPLY, { t: 'commune', d: true });
      expect(foreign.portals.map((p: Row) => p.primaryHost)).toEqual([SIBLING]);
      const unknown = await call(cityOperator, CITY, REAPPLY, { t: 'galaxy', d: true });
      expect(unknown).toMatchObject({ errorCode: 'UNKNOWN_TEMPLATE', field: 'template' });

      const applied = await call(
        cityOperator,
        CITY,
        REAPPLY,
        { t: 'commune', d: false },
        'st-reapply-commune-1',
      );
      expect(applied.dryRun).toBe(false);
      expect(applied.portals).toEqual(dry.portals);
      const third = await page(THIRD, '/');
      expect(third.text).toContain('Chuyển đổi số quốc gia');
      expect(third.text).toContain('Tin tức - Sự kiện');
      const sibling = await page(SIBLING, '/');
      expect(sibling.text).toContain('Tin tức phường Bến Thành');
      expect(sibling.text).toContain('Chuyển đổi số quốc gia');
      // The ward keeps its own menu (with its link), and gets the section.
      const ward = await page(WARD, '/');
      expect(ward.text).toContain('dichvucong.gov.vn');
      expect((await page(WARD, '/chuyen-muc/chuyen-doi-so-quoc-gia')).status).toBe(200);
      // Applied again: nothing left to change but what the portals changed themselves.
      const again = await call(cityOperator, CITY, REAPPLY, { t: 'commune', d: true });
      expect(again.portals.flatMap((p: Row) => p.changes)).toEqual([]);
      const audit = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'site.template_reapplied'`,
      );
      expect(audit.rows[0].n).toBe(3);
    } finally {
      PORTAL_TEMPLATES.commune = original;
    }
  });

  it('a merge carries the merged portal’s own categories, links and former addresses', async () => {
    const third = t.tenant(THIRD).id;
    const thirdOperator = await t.asUser('st.third.operator', Role.OPERATOR, THIRD);
    const block = await call(thirdOperator, THIRD, CREATE_CAT, {
      i: { nameVi: 'Khu phố 1', slug: 'khu-pho' },
    });
    await call(thirdOperator, THIRD, UPDATE_CAT, { i: { id: block.id, slug: 'khu-pho-1' } });
    const link = await call(thirdOperator, THIRD, CREATE_MENU, {
      i: { menu: 'FOOTER', url: 'https://tandinh.example.vn/lich-su', labelVi: 'Lịch sử phường Tân Định' },
    });
    expect(link.external).toBe(true);
    const preview = await t.gql(
      CITY,
      MERGE_PREVIEW,
      { input: { sourceIds: [third], targetId: t.tenant(SIBLING).id } },
      { token: cityOperator },
    );
    const plan = preview.body.data!.mergePreview.plan;
    const merged = await call(cityOperator, CITY, MERGE, {
      input: { sourceIds: [third], targetId: t.tenant(SIBLING).id, plan },
    });
    expect(merged.__typename).toBe('Portal');
    const target = await structure(siblingOperator, SIBLING);
    const copy = target.categories.find((c: Row) => c.nameVi === 'Khu phố 1');
    expect(copy).toMatchObject({ slugPath: 'khu-pho-1', templateKey: null });
    expect(target.menuEntries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          menu: 'FOOTER',
          url: 'https://tandinh.example.vn/lich-su',
          external: true,
          templateKey: null,
        }),
      ]),
    );
    expect((await page(SIBLING, '/')).text).toContain('Lịch sử phường Tân Định');
    // The merged portal's host: its old and current section addresses go to the copy, in one hop.
    for (const path of ['/chuyen-muc/khu-pho', '/chuyen-muc/khu-pho-1']) {
      const res = await page(THIRD, path);
      expect(res.status).toBe(301);
      expect(String(res.headers.location)).toMatch(
        /benthanh\.hochiminhcity\.gov\.vn\/chuyen-muc\/khu-pho-1$/,
      );
    }
    expect((await page(SIBLING, '/chuyen-muc/khu-pho-1')).status).toBe(200);
    // The target's footer now holds an entry its template does not: a re-apply leaves it alone.
    expect(target.changedParts.map((p: Row) => p.part)).toEqual(expect.arrayContaining(['menu:FOOTER']));
  });
});
