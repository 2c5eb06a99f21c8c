import { DemoSeeder } from '../libs/composition/src/demo/demo-seeder';
import { DemoContentSeeder } from '../libs/composition/src/demo/demo-content.seeder';
import { demoPortals } from '../libs/composition/src/demo/demo-content.data';
import { loadAppConfig } from '../libs/platform/src';
import { dataOf } from './support/gql';
import { TestApp, startTestApp } from './support/test-app';

/**
 * `npm start`'s living demo: the demo federation gets published content on a city, two wards and a
 * department, made through the editorial workflow and the public write gate (with its challenge
 * on), visible to anonymous readers, and seeding twice changes nothing.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const STP = 'stp.hochiminhcity.gov.vn';

describe('demo content', () => {
  let t: TestApp;
  let first: { items: number; questions: number };

  beforeAll(async () => {
    const base = loadAppConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' });
    t = await startTestApp({ publicWrites: { ...base.publicWrites, challenge: 'local' } });
    await t.app.get(DemoSeeder).seedIfEmpty();
    first = await t.app.get(DemoContentSeeder).seed();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  const gql = async <T = Record<string, any>>(host: string, query: string, variables = {}) =>
    dataOf(await t.gql<T>(host, query, variables));

  it('publishes every demo item and question it describes, through the workflow', async () => {
    const portals = demoPortals(new Date());
    expect(first.items).toBe(portals.reduce((n, p) => n + p.items.length, 0));
    expect(first.questions).toBe(portals.reduce((n, p) => n + p.questions.length, 0));
    const db = t.app.get((await import('typeorm')).DataSource);
    // Each item went draft → submitted → in review → approved → published, by two people.
    const [steps] = await db.query(
      `SELECT count(DISTINCT e.item_id)::int AS items,
              count(*) FILTER (WHERE e.action = 'APPROVE')::int AS approvals,
              count(DISTINCT e.actor_account_id) FILTER (WHERE e.action = 'APPROVE')::int AS approvers
         FROM workflow_events e`,
    );
    expect(steps.items).toBe(first.items);
    expect(steps.approvals).toBe(first.items);
    expect(steps.approvers).toBe(4);
    const [live] = await db.query(
      `SELECT count(*)::int AS n FROM content_items WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    expect(live.n).toBe(first.items);
  });

  it('seeding again creates nothing', async () => {
    expect(await t.app.get(DemoContentSeeder).seed()).toEqual({ items: 0, questions: 0 });
  });

  it('anonymous readers see the news with their pictures, the documents and the schedule', async () => {
    const { homePage } = await gql<{
      homePage: { pinned: Array<{ title: string }>; sections: Array<{ items: unknown[] }> };
    }>(CITY, '{ homePage { pinned { title } sections { items { title } } } }');
    expect(homePage.pinned.map((x) => x.title)).toEqual([
      'Thành phố khởi công xây dựng tuyến metro số 2 Bến Thành – Tham Lương',
    ]);
    const news = await gql<{
      publicItems: { nodes: Array<{ slug: string; bodyHtml: string; kind: string }> };
    }>(SAIGON, '{ publicItems(filter: { kind: NEWS, first: 10 }) { nodes { slug kind bodyHtml } } }');
    expect(news.publicItems.nodes.length).toBe(2);
    const img = /<img src="\/attachments\/([0-9a-f-]+)"[^>]*width="640"[^>]*height="360"/.exec(
      news.publicItems.nodes[0].bodyHtml,
    );
    expect(img).not.toBeNull();
    const picture = await t.http({ host: SAIGON, method: 'GET', path: `/attachments/${img![1]}` });
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toMatch(/^image\/png/);
    const docs = await gql<{ legalDocuments: Array<{ title: string; bodyHtml: string }> }>(
      CITY,
      '{ legalDocuments(filter: { form: "QUYET_DINH" }) { title bodyHtml } }',
    );
    expect(docs.legalDocuments.map((d) => d.title)).toEqual([
      'Quyết định ban hành Quy chế hoạt động của Cổng thông tin điện tử Thành phố',
    ]);
    const pdf = /href="\/attachments\/([0-9a-f-]+)"/.exec(docs.legalDocuments[0].bodyHtml);
    const file = await t.http({ host: CITY, method: 'GET', path: `/attachments/${pdf![1]}` });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/pdf/);
    const schedule = await gql<{ publicItems: { nodes: Array<{ fields: { entries: unknown[] } }> } }>(
      SAIGON,
      '{ publicItems(filter: { kind: WORK_SCHEDULE }) { nodes { fields } } }',
    );
    expect(schedule.publicItems.nodes[0].fields.entries.length).toBe(7);
    // The English minimum set of the city.
    const en = await t.gql<{ publicItem: { title: string } }>(
      CITY,
      '{ publicItem(slug: "functions-and-duties") { title } }',
      {},
      { headers: { 'accept-language': 'en' } },
    );
    expect(JSON.stringify(en.body)).toContain('Functions and duties');
    // Search finds them without diacritics.
    const found = await gql<{ search: Array<{ title: string }> }>(
      SAIGON,
      '{ search(query: "khu pho so") { title } }',
    );
    expect(found.search.map((x) => x.title)).toContain('Phường Sài Gòn ra mắt mô hình "Khu phố số"');
  });

  it('answered questions are published; the unanswered one is not', async () => {
    const page = await gql<{ publishedQuestions: { nodes: Array<{ topic: string; answer: string }> } }>(
      CITY,
      '{ publishedQuestions { nodes { topic answer } } }',
    );
    expect(page.publishedQuestions.nodes.map((q) => q.topic).sort()).toEqual([
      'Phí sử dụng tạm thời vỉa hè',
      'Thủ tục cấp Phiếu lý lịch tư pháp trực tuyến',
    ]);
    expect(page.publishedQuestions.nodes.every((q) => q.answer.length > 50)).toBe(true);
  });

  it('a draft is open for comment with published comments; another is closed with its summary', async () => {
    const open = await gql<{ consultation: { status: string; published: number } }>(
      CITY,
      '{ consultation(slug: "du-thao-quy-dinh-via-he-su-dung-tam-thoi") { status published } }',
    );
    expect(open.consultation).toEqual({ status: 'OPEN', published: 2 });
    const comments = await gql<{ draftComments: { nodes: Array<{ name: string }> } }>(
      CITY,
      '{ draftComments(slug: "du-thao-quy-dinh-via-he-su-dung-tam-thoi") { nodes { name } } }',
    );
    expect(comments.draftComments.nodes.map((c) => c.name)).toEqual([
      'Phạm Quốc Việt',
      'Hội Doanh nghiệp quận 1 cũ',
    ]);
    const closed = await gql<{ consultation: { status: string; summaryHtml: string | null } }>(
      CITY,
      '{ consultation(slug: "du-thao-ke-hoach-phat-trien-cay-xanh") { status summaryHtml } }',
    );
    expect(closed.consultation.status).toBe('CLOSED');
    expect(closed.consultation.summaryHtml).toContain('37 ý kiến');
    // The department has its own open draft.
    const stp = await gql<{ consultation: { status: string } }>(
      STP,
      '{ consultation(slug: "du-thao-quy-che-phoi-hop-tro-giup-phap-ly") { status } }',
    );
    expect(stp.consultation.status).toBe('OPEN');
  });
});
