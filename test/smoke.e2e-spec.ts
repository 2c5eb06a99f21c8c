import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

describe('a person clicking around', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('answers the portal query for the city host', async () => {
    const res = await t.gql('hochiminhcity.gov.vn', '{ portal { nameVi children { label } } }');
    expect(res.status).toBe(200);
    expect(res.body.data?.portal.nameVi).toBe('Thành phố Hồ Chí Minh');
    expect(res.body.data?.portal.children.map((c: { label: string }) => c.label).sort()).toEqual([
      'benthanh',
      'saigon',
      'stp',
      'tandinh',
    ]);
  });

  it('serves a home page per portal whose links keep the .localhost form and the port', async () => {
    const res = await t.http({ host: 'hochiminhcity.localhost:3000', path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<h1>Thành phố Hồ Chí Minh</h1>');
    expect(res.text).toContain('<a href="http://saigon.hochiminhcity.localhost:3000/">Phường Sài Gòn</a>');
    // The English page links to the English home of the portal above.
    const ward = await t.http({ host: 'saigon.hochiminhcity.gov.vn', path: '/en' });
    expect(ward.text).toContain('<a href="http://hochiminhcity.gov.vn/en">Ho Chi Minh City</a>');
    // The language is the address's, not the browser's: `/` stays Vietnamese.
    const vi = await t.http({
      host: 'saigon.hochiminhcity.gov.vn',
      path: '/',
      headers: { 'accept-language': 'en' },
    });
    expect(vi.text).toContain('<html lang="vi">');
  });

  it('answers in English under /en of the same host', async () => {
    const query = { query: '{ portal { name } }' };
    const vi = await t.http({ host: 'hochiminhcity.gov.vn', path: '/graphql', body: query });
    const en = await t.http({ host: 'hochiminhcity.gov.vn', path: '/en/graphql', body: query });
    expect((vi.body as { data: { portal: { name: string } } }).data.portal.name).toBe(
      'Thành phố Hồ Chí Minh',
    );
    expect((en.body as { data: { portal: { name: string } } }).data.portal.name).toBe('Ho Chi Minh City');
    // Cached answers keep the two apart.
    const again = await t.http({ host: 'hochiminhcity.gov.vn', path: '/graphql', body: query });
    expect((again.body as { data: { portal: { name: string } } }).data.portal.name).toBe(
      'Thành phố Hồ Chí Minh',
    );
    const home = await t.http({ host: 'hochiminhcity.gov.vn', path: '/en' });
    expect(home.text).toContain('<h1>Ho Chi Minh City</h1>');
    expect(home.text).toContain('lang="en"');
  });

  it('refuses an oversized anonymous GraphQL body instead of buffering it', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024);
    const res = await t.http({
      host: 'hochiminhcity.gov.vn',
      path: '/graphql',
      body: { query: `{ portal { name } } # ${padding}` },
    });
    expect(res.status).toBe(413);
    const ok = await t.gql('hochiminhcity.gov.vn', '{ portal { name } }');
    expect(ok.status).toBe(200);
  });

  it('escapes names on the home page', async () => {
    await t.apply(SMALL_TREES.city.replace('nameVi: Phường Tân Định', 'nameVi: "Phường <b>Tân Định</b>"'));
    const res = await t.http({ host: 'hochiminhcity.gov.vn', path: '/' });
    expect(res.text).toContain('Phường &lt;b&gt;Tân Định&lt;/b&gt;');
    expect(res.text).not.toContain('<b>Tân Định</b>');
  });
});
