import { DEMO_ACCOUNTS, DemoSeeder } from '../libs/composition/src/demo/demo-seeder';
import { TestApp, startTestApp } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-GB,en;q=0.9',
};
const ITEM = `__typename ... on ContentItem { id slug working { status } } ... on InputError { errorCode field messageVi messageEn }`;

/**
 * What a new user meets on the first run (the demo federation, as `npm start` seeds it): the demo
 * boards can publish, a browser gets pages rather than JSON or stack traces, links stay on the
 * development hosts they were read through, and refusals say what is needed.
 */
describe('first run', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let viSlug: string;
  let enSlug: string;
  let loneSlug: string;

  const mutate = async (host: string, who: string, query: string, variables: Record<string, unknown>) => {
    const res = await t.gql(host, query, variables, { token: tokens[who] });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return Object.values(res.body.data ?? {})[0] as Record<string, any>;
  };
  const create = (host: string, who: string, input: Record<string, unknown>) =>
    mutate(host, who, `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`, {
      i: {
        tenantId: t.tenant(host).id,
        kind: 'ANNOUNCEMENT',
        bodyHtml: '<p>Nội dung</p>',
        authorName: 'Tổ biên tập',
        source: 'UBND',
        ...input,
      },
    });
  const step = (host: string, who: string, id: string, action: string) =>
    mutate(
      host,
      who,
      `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) { ${ITEM} } }`,
      {
        id,
        a: action,
      },
    );
  /** A writer, a board member and a board head of the demo take an item from draft to live. */
  const publish = async (host: string, prefix: string, input: Record<string, unknown>) => {
    const item = await create(host, `${prefix}.writer`, input);
    expect(item).toMatchObject({ __typename: 'ContentItem' });
    for (const [who, action] of [
      ['writer', 'SUBMIT'],
      ['board.member', 'TAKE_FOR_REVIEW'],
      ['board.head', 'APPROVE'],
      ['board.member', 'PUBLISH'],
    ])
      expect(await step(host, `${prefix}.${who}`, item.id, action)).toMatchObject({
        __typename: 'ContentItem',
      });
    return item as { id: string; slug: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
    for (const demo of DEMO_ACCOUNTS)
      tokens[demo.username] = (await t.login(demo.username, demo.host, 'demo-password-2026')).accessToken;
    const vi = await publish(SAIGON, 'saigon', { title: 'Thông báo lịch tiếp công dân' });
    const en = await publish(SAIGON, 'saigon', {
      title: 'Citizen reception schedule',
      language: 'en',
      translationOf: vi.id,
      authorName: 'Editorial team',
      source: 'Ward People’s Committee',
    });
    viSlug = vi.slug;
    enSlug = en.slug;
    loneSlug = (await publish(SAIGON, 'saigon', { title: 'Thông báo chỉ có tiếng Việt' })).slug;
  });
  afterAll(() => t.close());

  it('the demo has board heads, members and writers for the city and a ward, and they publish', async () => {
    const usernames = DEMO_ACCOUNTS.map((a) => a.username);
    for (const prefix of ['hcm', 'saigon'])
      expect(usernames).toEqual(
        expect.arrayContaining([`${prefix}.board.head`, `${prefix}.board.member`, `${prefix}.writer`]),
      );
    const city = await publish(CITY, 'hcm', { title: 'Thông báo của Cổng Thành phố' });
    const live = await t.gql(CITY, `query($s: String!) { publicItem(slug: $s) { title } }`, { s: city.slug });
    expect(live.body.data?.publicItem).toEqual({ title: 'Thông báo của Cổng Thành phố' });
    // A ward's board is not the city's.
    const ward = await create(SAIGON, 'saigon.writer', { title: 'Bài của phường' });
    await step(SAIGON, 'saigon.writer', ward.id, 'SUBMIT');
    const foreign = await step(SAIGON, 'hcm.board.member', ward.id, 'TAKE_FOR_REVIEW');
    expect(foreign.__typename).not.toBe('ContentItem');
  });

  it('a browser preferring English gets a Vietnamese article’s print page, with the English one offered', async () => {
    const page = await t.http({ method: 'GET', path: `/print/${viSlug}`, host: SAIGON, headers: BROWSER });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="vi">');
    expect(page.text).toContain('Thông báo lịch tiếp công dân');
    expect(page.text).toContain(`<a href="/en/print/${enSlug}" hreflang="en" lang="en">English version</a>`);
    const english = await t.http({
      method: 'GET',
      path: `/en/print/${enSlug}`,
      host: SAIGON,
      headers: BROWSER,
    });
    expect(english.status).toBe(200);
    expect(english.text).toContain('Citizen reception schedule');
    // Without a translation: the Vietnamese page, and no English link.
    const lone = await t.http({ method: 'GET', path: `/print/${loneSlug}`, host: SAIGON, headers: BROWSER });
    expect(lone.status).toBe(200);
    expect(lone.text).toContain('Thông báo chỉ có tiếng Việt');
    expect(lone.text).not.toContain('English version');
  });

  it('plain-HTTP errors are a bilingual page for a browser and JSON for an API client', async () => {
    const cases: Array<{ path: string; host: string; status: number; vi: string; en: string }> = [
      { path: '/', host: 'nowhere.gov.vn', status: 404, vi: 'Không tìm thấy trang', en: 'Page not found' },
      {
        path: '/print/khong-co-bai-nay',
        host: SAIGON,
        status: 404,
        vi: 'Không tìm thấy trang',
        en: 'Page not found',
      },
      {
        path: '/archive/not-a-uuid',
        host: SAIGON,
        status: 404,
        vi: 'Không tìm thấy trang',
        en: 'Page not found',
      },
      {
        path: '/reports/exports/x/file',
        host: SAIGON,
        status: 401,
        vi: 'Cần đăng nhập',
        en: 'Sign-in required',
      },
      { path: '/no/such/page', host: SAIGON, status: 404, vi: 'Không tìm thấy trang', en: 'Page not found' },
    ];
    for (const c of cases) {
      const page = await t.http({ method: 'GET', path: c.path, host: c.host, headers: BROWSER });
      expect({ path: c.path, status: page.status, type: page.headers['content-type'] }).toEqual({
        path: c.path,
        status: c.status,
        type: 'text/html; charset=utf-8',
      });
      expect(page.text).toContain(`<span lang="vi">${c.vi}</span> / <span lang="en">${c.en}</span>`);
      expect(page.text).not.toMatch(/"errors"|stacktrace|\n\s+at /);
      const api = await t.http({
        method: 'GET',
        path: c.path,
        host: c.host,
        headers: { accept: 'application/json' },
      });
      expect({ path: c.path, status: api.status }).toEqual({ path: c.path, status: c.status });
      expect(api.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(api.text)).toBeDefined();
    }
    // The messages a layer gave in both languages are both shown.
    const unknown = await t.http({ method: 'GET', path: '/', host: 'nowhere.gov.vn', headers: BROWSER });
    expect(unknown.text).toContain('<p lang="vi">Không có cổng thông tin nào tại tên miền này.</p>');
    expect(unknown.text).toContain('<p lang="en">No portal answers on this host.</p>');
  });

  it('the home page links no GraphQL, and a browser opening /graphql gets an explanation, not a stack trace', async () => {
    const home = await t.http({
      method: 'GET',
      path: '/',
      host: 'hochiminhcity.localhost',
      headers: BROWSER,
    });
    expect(home.status).toBe(200);
    expect(home.text).not.toContain('/graphql');
    const graphql = await t.http({
      method: 'GET',
      path: '/graphql',
      host: 'hochiminhcity.localhost',
      headers: BROWSER,
    });
    expect(graphql.status).toBe(400);
    expect(graphql.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(graphql.text).toContain('POST với Content-Type: application/json');
    expect(graphql.text).toContain('send queries by POST with Content-Type: application/json');
    expect(graphql.text).not.toMatch(/stacktrace|\n\s+at |GraphQLError/);
    // A program still gets GraphQL's JSON answer.
    const program = await t.http({
      method: 'GET',
      path: '/graphql',
      host: CITY,
      headers: { accept: 'application/json' },
    });
    expect(program.status).toBe(400);
    expect(program.headers['content-type']).toMatch(/json/);
  });

  it('feeds and canonical links read through a development host point at development hosts', async () => {
    const devHost = `saigon.hochiminhcity.localhost:${t.port}`;
    const rss = await t.http({ method: 'GET', path: '/feeds/rss.xml', host: devHost, headers: {} });
    expect(rss.status).toBe(200);
    expect(rss.text).toContain(`<link>http://${devHost}/print/${viSlug}</link>`);
    expect(rss.text).not.toContain('https://saigon.hochiminhcity.gov.vn/print/');
    const json = JSON.parse(
      (await t.http({ method: 'GET', path: '/feeds/feed.json', host: devHost, headers: {} })).text,
    );
    expect(json.home_page_url).toBe(`http://${devHost}/`);
    expect(json.feed_url).toBe(`http://${devHost}/feeds/feed.json`);
    const page = await t.http({ method: 'GET', path: `/print/${viSlug}`, host: devHost, headers: {} });
    expect(page.text).toContain(`<link rel="canonical" href="http://${devHost}/print/${viSlug}">`);
    // The API's canonicalUrl is written as the pages write theirs: the alias, its scheme and port.
    const CANONICAL = `query($s: String!) { publicItem(slug: $s) { canonicalUrl } }`;
    const viaDev = await t.gql<{ publicItem: { canonicalUrl: string } }>(devHost, CANONICAL, { s: viSlug });
    expect(viaDev.body.data?.publicItem.canonicalUrl).toBe(`http://${devHost}/print/${viSlug}`);
    const english = await t.gql<{ publicItem: { canonicalUrl: string } }>(
      devHost,
      CANONICAL,
      { s: enSlug },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.body.data?.publicItem.canonicalUrl).toBe(`http://${devHost}/en/print/${enSlug}`);
    // So does the website's article page, its canonical and Open Graph address.
    const article = await t.http({ method: 'GET', path: `/bai-viet/${viSlug}`, host: devHost, headers: {} });
    expect(article.status).toBe(200);
    expect(article.text).toContain(`<link rel="canonical" href="http://${devHost}/bai-viet/${viSlug}"/>`);
    expect(article.text).toContain(
      `<meta property="og:url" content="http://${devHost}/bai-viet/${viSlug}"/>`,
    );
    // Through the production host: https and the public name.
    const prod = await t.http({ method: 'GET', path: '/feeds/rss.xml', host: SAIGON, headers: {} });
    expect(prod.text).toContain(`<link>https://${SAIGON}/print/${viSlug}</link>`);
    const viaProd = await t.gql<{ publicItem: { canonicalUrl: string } }>(SAIGON, CANONICAL, { s: viSlug });
    expect(viaProd.body.data?.publicItem.canonicalUrl).toBe(`https://${SAIGON}/print/${viSlug}`);
    const prodArticle = await t.http({
      method: 'GET',
      path: `/bai-viet/${viSlug}`,
      host: SAIGON,
      headers: {},
    });
    expect(prodArticle.text).toContain(`<link rel="canonical" href="https://${SAIGON}/bai-viet/${viSlug}"/>`);
  });

  it('FORBIDDEN and INVALID_TRANSITION say what is needed', async () => {
    // A writer asking for the city's audit log: the roles that may read it.
    const audit = await t.gql(CITY, `{ portal { id } }`, {}, { token: tokens['hcm.writer'] });
    const cityId = audit.body.data?.portal.id as string;
    const report = await t.gql(
      CITY,
      `query($t: ID) { report(period: "2026", tenantId: $t) { period } }`,
      { t: cityId },
      { token: tokens['hcm.writer'] },
    );
    const error = report.body.errors?.[0]?.extensions as Record<string, string>;
    expect(error.code).toBe('FORBIDDEN');
    expect(error.messageVi).toContain('Cần vai trò: ');
    expect(error.messageVi).toContain('Trưởng Ban biên tập');
    expect(error.messageEn).toMatch(
      /It needs the role .*board head.*\(OWNER, MANAGER, OPERATOR, BOARD_HEAD, BOARD_DEPUTY\)\./,
    );
    // Approving a draft: the steps possible now; a writer approving: the roles that may.
    const draft = await create(SAIGON, 'saigon.writer', { title: 'Bản nháp' });
    const early = await step(SAIGON, 'saigon.board.head', draft.id, 'APPROVE');
    expect(early).toMatchObject({
      __typename: 'InputError',
      errorCode: 'INVALID_TRANSITION',
      field: 'action',
    });
    expect(early.messageEn).toBe(
      'APPROVE is not possible while the item is DRAFT. Possible next steps: EDIT, SUBMIT.',
    );
    expect(early.messageVi).toContain('Bước có thể làm tiếp: EDIT (Sửa bài), SUBMIT (Gửi duyệt).');
    await step(SAIGON, 'saigon.writer', draft.id, 'SUBMIT');
    await step(SAIGON, 'saigon.board.member', draft.id, 'TAKE_FOR_REVIEW');
    const writerApproves = await step(SAIGON, 'saigon.writer', draft.id, 'APPROVE');
    expect(writerApproves).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_ALLOWED' });
    expect(writerApproves.messageEn).toContain('It needs the role board head');
    expect(writerApproves.messageVi).toContain('Cần vai trò: Trưởng Ban biên tập');
  });
});
