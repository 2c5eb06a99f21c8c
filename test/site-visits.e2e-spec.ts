import { Role } from '../libs/access/src';
import { SiteVisitsService } from '../libs/site/src';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const WARD = 'saigon.hochiminhcity.gov.vn';
const SIBLING = 'benthanh.hochiminhcity.gov.vn';
const VISITS = `query($from: String!, $to: String!, $tenantId: ID) {
  siteVisits(from: $from, to: $to, tenantId: $tenantId) { day path views }
}`;

const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);

// Page views ("lượt truy cập"): counted without cookies or personal data, also when the response
// cache answers, shown in the footer and readable per page and day by those who read reports.
describe('visitor statistics of the website', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('counts each page view, cached or not, per page and day, and nothing personal', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await t.http({ host: WARD, path: '/' }));
    expect(answers.map((a) => a.headers['x-cache'])).toContain('HIT');
    for (const a of answers) expect(a.headers['set-cookie']).toBeUndefined();
    await t.http({ host: WARD, path: '/en' });
    await t.http({ host: WARD, path: '/tim-kiem?q=ke+hoach' });
    // Not counted: robots, pages that are not there, other portals' pages.
    await t.http({ host: WARD, path: '/', headers: { 'user-agent': 'Googlebot/2.1' } });
    await t.http({ host: WARD, path: '/bai-viet/khong-co' });
    await t.http({ host: SIBLING, path: '/' });
    const operator = await t.asUser('thong.ke', Role.OPERATOR, WARD);
    const res = await t.gql(WARD, VISITS, { from: today(), to: today() }, { token: operator });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.siteVisits).toEqual([
      { day: today(), path: '/', views: 3 },
      { day: today(), path: '/en', views: 1 },
      { day: today(), path: '/tim-kiem', views: 1 },
    ]);
    // Nothing but the counters is stored.
    const columns = await t.app
      .get(SiteVisitsService)
      ['dataSource'].query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'site_page_visits' ORDER BY column_name`,
      );
    expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
      'day',
      'path',
      'tenant_id',
      'views',
    ]);
    // The footer shows the portal's total (within the cache's minute: a fresh page shows it).
    const page = await t.http({ host: WARD, path: '/en/tim-kiem?q=x' });
    expect(page.text).toMatch(/Page views: <strong>[5-9]<\/strong>/);
  });

  it("is refused for another portal's figures and to citizens", async () => {
    const operator = await t.asUser('thong.ke.2', Role.OPERATOR, WARD);
    const other = await t.gql(
      WARD,
      VISITS,
      { from: today(), to: today(), tenantId: t.tenant(SIBLING).id },
      { token: operator },
    );
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await t.gql(WARD, VISITS, { from: today(), to: today() });
    expect(anonymous.body.data ?? null).toBeNull();
    const bad = await t.gql(WARD, VISITS, { from: '2026-13-01', to: today() }, { token: operator });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('INVALID_DATE');
  });
});
