import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role, RoleScope } from '../libs/access/src';
import { TestApp, startTestApp } from './support/test-app';
import { launchBrowser, portalContext, portalUrl, screenshot } from './support/browser';
import { ConsoleSession, ConsoleSessions, assertConsoleBuilt, expectNoViolations } from './support/console';
import { categoryId, publishSiteItem } from './support/site-content';

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');

// A city with five wards: a push must reach the three chosen ones and no other.
const TREE = `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Thành phố Hồ Chí Minh
  nameEn: Ho Chi Minh City
  host: hochiminhcity.gov.vn
  children:
    - kind: DEPARTMENT
      nameVi: Sở Tư pháp
    - kind: WARD
      nameVi: Phường Sài Gòn
    - kind: WARD
      nameVi: Phường Bến Thành
    - kind: WARD
      nameVi: Phường Tân Định
    - kind: WARD
      nameVi: Phường Đa Kao
    - kind: WARD
      nameVi: Phường Cầu Ông Lãnh
`;

const DAY = 86_400_000;

// The federation and citizens' screens of the console, in a real chromium against the real server:
// a ward proposes an item and the city board accepts it (shown on the city's website with its
// source), the city pushes an announcement to three chosen wards only, a citizen's question sent
// through the website's form is routed, answered, approved and published, a comment on a draft is
// moderated and a closed consultation gets its summary. Every new screen is scanned by axe.
describe('the editors’ console: federation and citizens', () => {
  let t: TestApp;
  let browser: Browser;
  let db: DataSource;
  const consoles = new ConsoleSessions(() => browser, () => t);
  /** The city's board head and board member, signed in once and reused by the journeys. */
  let cityHead: ConsoleSession | undefined;
  let cityMember: ConsoleSession | undefined;
  const head = async () => (cityHead ??= await as(CITY, 'truongban.hcm'));
  const boardMember = async () => (cityMember ??= await as(CITY, 'bientap.hcm'));
  const wards: Record<string, string> = {}; // name → host
  let wardItem = { id: '', slug: '' };
  let announcement = { id: '', slug: '' };
  let openDraft = { id: '', slug: '' };
  let closedDraft = { id: '', slug: '' };
  const WARD_TITLE = 'Phường Sài Gòn tổ chức ngày hội hiến máu tình nguyện';
  const ANNOUNCEMENT_TITLE = 'Thông báo lịch tiếp công dân tháng 12 của Ủy ban nhân dân Thành phố';
  const OPEN_DRAFT = 'Dự thảo Quyết định quy định về quản lý, sử dụng tạm thời một phần vỉa hè';
  const CLOSED_DRAFT = 'Dự thảo Kế hoạch phát triển cây xanh đô thị giai đoạn 2026–2030';

  const as = consoles.signIn;
  const publicText = async (host: string, path: string) => {
    const res = await t.http({ host, method: 'GET', path });
    return { status: res.status, text: res.text };
  };
  /** The form's arithmetic check, when the platform asks one ("3 cộng 4 bằng bao nhiêu?"). */
  const answerChallenge = async (page: Page) => {
    if ((await page.locator('#f-challengeAnswer').count()) === 0) return;
    const label = await page.locator('label[for="f-challengeAnswer"]').innerText();
    const [a, b] = (label.match(/\d+/g) ?? []).map(Number);
    await page.fill('#f-challengeAnswer', String(a + b));
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    db = t.app.get(DataSource);
    await t.apply(TREE);
    const children = (await t.gql(CITY, '{ portal { children { nameVi primaryHost kind } } }')).body.data
      ?.portal.children as Array<{ nameVi: string; primaryHost: string; kind: string }>;
    for (const c of children.filter((c) => c.kind === 'WARD')) wards[c.nameVi] = c.primaryHost;
    expect(Object.keys(wards)).toHaveLength(5);

    await t.createAccount({ username: 'truongban.saigon', homeHost: SAIGON, role: Role.BOARD_HEAD });
    await t.createAccount({ username: 'truongban.hcm', homeHost: CITY, role: Role.BOARD_HEAD });
    await t.createAccount({ username: 'bientap.hcm', homeHost: CITY, role: Role.BOARD_MEMBER });
    await t.createAccount({
      username: 'vanhanh.hcm',
      homeHost: CITY,
      role: Role.OPERATOR,
      scope: RoleScope.SUBTREE,
    });

    wardItem = await publishSiteItem(t, SAIGON, {
      title: WARD_TITLE,
      summary: 'Hơn 400 đơn vị máu được tiếp nhận trong buổi sáng Chủ nhật.',
      fields: { eventDate: '2026-12-06' },
    });
    announcement = await publishSiteItem(t, CITY, {
      kind: 'ANNOUNCEMENT',
      title: ANNOUNCEMENT_TITLE,
      fields: { eventDate: '2026-12-10' },
    });
    const now = Date.now();
    openDraft = await publishSiteItem(t, CITY, {
      kind: 'DRAFT_DOCUMENT',
      title: OPEN_DRAFT,
      fields: {
        commentOpensAt: new Date(now - DAY).toISOString(),
        commentClosesAt: new Date(now + 20 * DAY).toISOString(),
        issuer: 'UBND Thành phố',
      },
    });
    closedDraft = await publishSiteItem(t, CITY, {
      kind: 'DRAFT_DOCUMENT',
      title: CLOSED_DRAFT,
      fields: {
        commentOpensAt: new Date(now - 30 * DAY).toISOString(),
        commentClosesAt: new Date(now - DAY).toISOString(),
        issuer: 'UBND Thành phố',
      },
    });

    // Enough items for the subtree feed to page (ten a page in the test).
    for (let i = 1; i <= 9; i++)
      await publishSiteItem(t, wards['Phường Đa Kao'], {
        title: `Bản tin phường Đa Kao số ${i}`,
        fields: { eventDate: '2026-11-20' },
      });

    // The city's unit that answers questions on justice matters.
    const head = (await t.login('truongban.hcm', CITY)).accessToken;
    const unit = await t.gql(
      CITY,
      `mutation($i: CreateQuestionUnitInput!) { createQuestionUnit(input: $i) { __typename ... on QuestionUnit { id } } }`,
      { i: { tenantId: t.tenant(CITY).id, name: 'Phòng Tư pháp', memberAccountIds: [] } },
      { token: head },
    );
    expect(unit.body.data?.createQuestionUnit.__typename).toBe('QuestionUnit');
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await consoles.closeAll();
    await t?.close();
  });

  it('a ward proposes an item; the city board accepts it into a category and the city website shows it with its source', async () => {
    const ward = await as(SAIGON, 'truongban.saigon');
    await ward.page.getByRole('navigation').getByRole('link', { name: 'Chia sẻ liên thông' }).click();
    await ward.page.getByRole('heading', { level: 1, name: 'Chia sẻ liên thông' }).waitFor();
    await expectNoViolations(ward.page, 'share (nothing chosen)');
    await ward.page.getByLabel('Bài viết').selectOption(wardItem.id);
    await ward.page.getByLabel('Ghi chú cho ban biên tập nhận').fill('Đề nghị đăng tại mục Tin tức.');
    await ward.page.getByRole('button', { name: 'Đề xuất', exact: true }).click();
    const row = ward.page.getByRole('row', { name: /Thành phố Hồ Chí Minh/ });
    await row.getByText('Chờ quyết định').waitFor();
    await expectNoViolations(ward.page, 'share (proposed)');

    const city = await head();
    await city.open('/lien-thong/hop-thu');
    const card = city.page.getByRole('article', { name: WARD_TITLE });
    await card.getByText('Đề nghị đăng tại mục Tin tức.').waitFor();
    await expectNoViolations(city.page, 'federation inbox');
    const news = await categoryId(t, CITY, 'tin-tuc-su-kien');
    await card.getByLabel('Chuyên mục đăng').selectOption(news);
    await card.getByLabel('Tiêu đề hiển thị (không bắt buộc)').fill('Ngày hội hiến máu tại phường Sài Gòn');
    await card
      .getByLabel('Tóm tắt hiển thị (không bắt buộc)')
      .fill('Hơn 400 đơn vị máu trong một buổi sáng.');
    await card.getByRole('button', { name: 'Nhận đăng' }).click();
    await city.page.getByText('Không có bài nào.').waitFor();
    // The accepted copy, with its address on this portal.
    await city.page.getByLabel('Trạng thái').selectOption('ACCEPTED');
    const accepted = city.page.getByRole('article', { name: 'Ngày hội hiến máu tại phường Sài Gòn' });
    const href = await accepted.getByRole('link', { name: 'Xem trên cổng' }).getAttribute('href');
    expect(href).toMatch(/^\/bai-viet\/[a-z0-9-]+$/);
    await expectNoViolations(city.page, 'federation inbox (accepted)');

    const page = await publicText(CITY, href!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ngày hội hiến máu tại phường Sài Gòn');
    expect(page.text).toContain('Bài đăng lại từ');
    expect(page.text).toContain('Phường Sài Gòn');
    const [copy] = await db.query(
      `SELECT state, category_id AS "categoryId" FROM syndications WHERE item_id = $1 AND direction = 'UP'`,
      [wardItem.id],
    );
    expect(copy).toEqual({ state: 'ACCEPTED', categoryId: news });
    // The ward sees the decision on its item.
    await ward.page.reload();
    await ward.page.getByLabel('Bài viết').selectOption(wardItem.id);
    await ward.page
      .getByRole('row', { name: /Thành phố Hồ Chí Minh/ })
      .getByText('Đã nhận đăng')
      .waitFor();
  });

  it('the city pushes an announcement to three chosen wards: it shows on those three home pages only', async () => {
    const city = await head();
    await city.open('/lien-thong/chia-se');
    await city.page.getByLabel('Bài viết').selectOption(announcement.id);
    await city.page.getByRole('radio', { name: 'Danh sách cổng' }).check();
    const chosen = ['Phường Sài Gòn', 'Phường Tân Định', 'Phường Cầu Ông Lãnh'];
    for (const name of chosen)
      await city.page.getByRole('checkbox', { name: new RegExp(`^${name} \\(`) }).check();
    await city.page.getByLabel('Vị trí hiển thị').selectOption('PINNED');
    await expectNoViolations(city.page, 'share (push form)');
    await city.page.getByRole('button', { name: 'Đẩy xuống', exact: true }).click();
    for (const name of chosen)
      await city.page
        .getByRole('row', { name: new RegExp(name) })
        .getByText('Đã nhận đăng')
        .waitFor();
    expect(await city.page.getByRole('row', { name: /Đẩy xuống cấp dưới/ }).count()).toBe(3);

    for (const [name, host] of Object.entries(wards)) {
      const home = await publicText(host, '/');
      expect({ name, status: home.status, shows: home.text.includes(ANNOUNCEMENT_TITLE) }).toEqual({
        name,
        status: 200,
        shows: chosen.includes(name),
      });
    }
    // Retracted from one ward: gone from its home page, still on the others.
    await city.page.getByRole('button', { name: 'Thu hồi: Phường Cầu Ông Lãnh' }).click();
    await city.page
      .getByRole('row', { name: /Phường Cầu Ông Lãnh/ })
      .getByText('Đã thu hồi')
      .waitFor();
    expect((await publicText(wards['Phường Cầu Ông Lãnh'], '/')).text).not.toContain(ANNOUNCEMENT_TITLE);
    expect((await publicText(wards['Phường Tân Định'], '/')).text).toContain(ANNOUNCEMENT_TITLE);
  });

  it('a citizen asks through the website; the board routes, the unit answers, the head approves, the board publishes', async () => {
    // The website's form, as a citizen uses it.
    const ctx = await portalContext(browser, t.port);
    const site = await ctx.newPage();
    await site.goto(portalUrl(t.port, CITY, '/hoi-dap/gui-cau-hoi'));
    await site.fill('#f-name', 'Nguyễn Thị Lan');
    await site.fill('#f-email', 'lan.nguyen@example.vn');
    const topic = 'Thủ tục chứng thực bản sao giấy khai sinh';
    await site.fill('#f-topic', topic);
    await site.fill(
      '#f-text',
      'Tôi muốn chứng thực bản sao giấy khai sinh thì cần mang theo giấy tờ gì và nộp ở đâu?',
    );
    await answerChallenge(site);
    await Promise.all([
      site.waitForURL(/\/hoi-dap\/da-gui\?ma=/),
      site.click('form.form button[type=submit]'),
    ]);
    const code = (await site.locator('.tracking-code').innerText()).trim();
    await ctx.close();

    // Two more in the queue, one of them past its routing deadline: it comes first.
    for (const [n, late] of [
      ['Giờ tiếp công dân của Sở Tư pháp', false],
      ['Lệ phí cấp phiếu lý lịch tư pháp', true],
    ] as const) {
      const asked = await t.gql(
        CITY,
        `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { __typename ... on QuestionReceipt { trackingCode } } }`,
        {
          i: {
            type: 'QUESTION',
            name: 'Trần Văn Minh',
            email: 'minh.tran@example.vn',
            topic: n,
            text: `Xin hỏi: ${n.toLowerCase()} hiện nay như thế nào?`,
          },
        },
      );
      expect(asked.body.data?.askQuestion.__typename).toBe('QuestionReceipt');
      if (late)
        await db.query(
          `UPDATE questions SET routing_due_at = now() - interval '2 days', received_at = received_at - interval '6 days' WHERE topic = $1`,
          [n],
        );
    }

    const member = await boardMember();
    await member.open('/');
    await member.page.getByRole('navigation').getByRole('link', { name: 'Hỏi đáp' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Hỏi đáp của công dân' }).waitFor();
    const rows = member.page.getByRole('row');
    await rows.filter({ hasText: topic }).waitFor();
    const topics = await member.page.locator('tbody tr td:first-child a').allInnerTexts();
    expect(topics[0]).toBe('Lệ phí cấp phiếu lý lịch tư pháp');
    expect(topics).toContain(topic);
    await rows.filter({ hasText: 'Lệ phí cấp phiếu lý lịch tư pháp' }).getByText('Quá hạn').waitFor();
    await expectNoViolations(member.page, 'question queue');
    await screenshot(member.page, join(SHOTS, 'console-questions.png'));

    await member.page.getByRole('link', { name: topic }).click();
    await member.page.waitForURL(/\/cong-dan\/cau-hoi\/[0-9a-f-]{36}$/);
    const questionPath = new URL(member.page.url()).pathname.replace('/quan-tri', '');
    await member.page.getByRole('heading', { level: 1, name: topic }).waitFor();
    await expectNoViolations(member.page, 'question (received)');
    await member.page.getByLabel('Lĩnh vực').fill('Tư pháp – hộ tịch');
    await member.page.getByRole('button', { name: 'Lưu phân loại' }).click();
    await member.page.getByText('Lĩnh vực: Tư pháp – hộ tịch').waitFor();
    await member.page
      .getByLabel('Chuyển tới', { exact: true })
      .selectOption({ label: 'Đơn vị: Phòng Tư pháp' });
    await member.page.getByRole('button', { name: 'Chuyển xử lý', exact: true }).click();
    await member.page.getByText('Đơn vị xử lý: Phòng Tư pháp', { exact: false }).waitFor();
    const answer =
      'Bà mang bản chính giấy khai sinh đến Bộ phận một cửa của bất kỳ phường nào; lệ phí 2.000 đồng/trang.';
    await member.page.getByLabel('Câu trả lời', { exact: true }).fill(answer);
    await member.page.getByRole('button', { name: 'Gửi dự thảo trả lời' }).click();
    await member.page.getByRole('heading', { name: 'Phê duyệt trả lời' }).waitFor();
    // Only the head approves: the member is refused by the server, in Vietnamese.
    await member.page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const refusal = member.page.locator('.mantine-Alert-root[role=alert]');
    await refusal.waitFor();
    expect((await refusal.innerText()).trim().length).toBeGreaterThan(0);
    await member.page.getByRole('heading', { name: 'Phê duyệt trả lời' }).waitFor();

    const approver = await head();
    await approver.open(questionPath);
    await expectNoViolations(approver.page, 'question (answered)');
    await approver.page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await approver.page.getByRole('heading', { name: 'Công bố', exact: true }).waitFor();

    await member.open(questionPath);
    await member.page
      .getByLabel('Câu hỏi khi công bố (bỏ thông tin cá nhân)')
      .fill('Chứng thực bản sao giấy khai sinh cần giấy tờ gì và nộp ở đâu?');
    await member.page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await member.page.getByText('Hỏi đáp · Đã công bố').waitFor();
    await expectNoViolations(member.page, 'question (published)');

    const list = await publicText(CITY, '/hoi-dap');
    expect(list.text).toContain('Chứng thực bản sao giấy khai sinh cần giấy tờ gì và nộp ở đâu?');
    expect(list.text).toContain('lệ phí 2.000 đồng/trang');
    expect(list.text).not.toContain('lan.nguyen@example.vn');
    const tracking = await publicText(CITY, `/hoi-dap/tra-cuu?ma=${encodeURIComponent(code)}`);
    expect(tracking.text).toContain('<strong class="status">Đã trả lời</strong>');
  });

  it('the board forwards a question to the competent portal and answers another as out of scope', async () => {
    const member = await boardMember();
    await member.open('/cong-dan/cau-hoi');
    await member.page.getByRole('link', { name: 'Giờ tiếp công dân của Sở Tư pháp' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Giờ tiếp công dân của Sở Tư pháp' }).waitFor();
    await member.page.getByLabel('Cổng nhận').selectOption({ label: 'Sở Tư pháp' });
    await member.page.getByLabel('Ghi chú chuyển').fill('Thuộc thẩm quyền của Sở Tư pháp.');
    await member.page.getByRole('button', { name: 'Chuyển cổng', exact: true }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Hỏi đáp của công dân' }).waitFor();
    await member.page
      .getByRole('link', { name: 'Giờ tiếp công dân của Sở Tư pháp' })
      .waitFor({ state: 'detached' });
    const [forwarded] = await db.query(
      `SELECT q.status, t.primary_host AS host FROM questions q JOIN tenants t ON t.id = q.tenant_id WHERE q.topic = $1`,
      ['Giờ tiếp công dân của Sở Tư pháp'],
    );
    expect({ status: forwarded.status, host: String(forwarded.host) }).toEqual({
      status: 'RECEIVED',
      host: expect.stringMatching(/^[a-z0-9]+\.hochiminhcity\.gov\.vn$/),
    });
    expect(String(forwarded.host)).not.toBe(CITY);

    await member.page.getByRole('link', { name: 'Lệ phí cấp phiếu lý lịch tư pháp' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Lệ phí cấp phiếu lý lịch tư pháp' }).waitFor();
    await member.page
      .getByLabel('Thông báo cho người hỏi')
      .fill('Lệ phí do Bộ Tư pháp quy định; đề nghị ông liên hệ Trung tâm Lý lịch tư pháp quốc gia.');
    await member.page.getByRole('button', { name: 'Gửi thông báo ngoài phạm vi' }).click();
    await member.page.getByText('Hỏi đáp · Ngoài phạm vi').waitFor();
    await expectNoViolations(member.page, 'question (out of scope)');
  });

  it('a comment on a draft is moderated and shows publicly; the closed consultation gets its summary', async () => {
    const ctx = await portalContext(browser, t.port);
    const site = await ctx.newPage();
    await site.goto(portalUrl(t.port, CITY, `/gop-y-du-thao/${openDraft.slug}`));
    await site.fill('#f-name', 'Trương Văn Nam');
    await site.fill('#f-email', 'nam.truong@example.vn');
    await site.fill('#f-text', 'Đề nghị bổ sung quy định về giờ được sử dụng vỉa hè ở các tuyến phố đi bộ.');
    await answerChallenge(site);
    await Promise.all([site.waitForURL(/\/da-gui$/), site.click('form.form button[type=submit]')]);
    await ctx.close();
    expect((await publicText(CITY, `/gop-y-du-thao/${openDraft.slug}`)).text).not.toContain('Trương Văn Nam');

    const member = await boardMember();
    await member.open('/');
    await member.page.getByRole('navigation').getByRole('link', { name: 'Góp ý dự thảo' }).click();
    await member.page.getByRole('heading', { level: 1, name: 'Lấy ý kiến dự thảo' }).waitFor();
    const comment = member.page.getByRole('article', { name: /Trương Văn Nam/ });
    await comment.getByText('Đề nghị bổ sung quy định').waitFor();
    await expect(comment.getByRole('heading').innerText()).resolves.toContain(OPEN_DRAFT);
    await expectNoViolations(member.page, 'consultations');
    await comment.getByRole('button', { name: 'Đăng ý kiến' }).click();
    await member.page.getByText('Không có ý kiến nào.').waitFor();
    expect((await publicText(CITY, `/gop-y-du-thao/${openDraft.slug}`)).text).toContain('Trương Văn Nam');

    const closed = member.page.getByRole('article', { name: CLOSED_DRAFT });
    await closed.getByText('Đã hết hạn góp ý', { exact: false }).waitFor();
    await closed
      .getByLabel('Kết quả tổng hợp, tiếp thu ý kiến (HTML)')
      .fill('<p>Ban soạn thảo đã tiếp thu ý kiến về mật độ cây xanh trên các tuyến đường mới.</p>');
    await closed.getByRole('button', { name: 'Công bố kết quả' }).click();
    await closed.getByText('Đã công bố kết quả lúc', { exact: false }).waitFor();
    expect((await publicText(CITY, `/gop-y-du-thao/${closedDraft.slug}`)).text).toContain(
      'Ban soạn thảo đã tiếp thu ý kiến về mật độ cây xanh',
    );
  });

  it('the subtree feed filters and searches every portal below; rules and ratings screens pass axe', async () => {
    const office = await as(CITY, 'vanhanh.hcm');
    await office.page.getByRole('navigation').getByRole('link', { name: 'Tổng hợp toàn hệ thống' }).click();
    await office.page.getByRole('heading', { level: 1, name: 'Tổng hợp tin bài toàn hệ thống' }).waitFor();
    const feed = office.page.getByRole('region', { name: 'Tin bài mới nhất' });
    await feed.getByRole('link', { name: WARD_TITLE }).waitFor();
    await feed.getByRole('link', { name: ANNOUNCEMENT_TITLE }).waitFor();
    await expectNoViolations(office.page, 'subtree feed');
    // Ten a page: "load more" follows the cursor to the end, never showing an item twice.
    await office.page.getByLabel('Số bài mỗi trang').selectOption('10');
    await office.page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await office.page.getByRole('status').filter({ hasText: 'Đang hiển thị 10 bài' }).waitFor();
    await office.page.getByRole('button', { name: 'Tải thêm' }).click();
    await office.page.getByRole('button', { name: 'Tải thêm' }).waitFor({ state: 'detached' });
    const titles = await feed.locator('tbody tr td:first-child a').allInnerTexts();
    expect(titles.length).toBeGreaterThan(10);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toContain('Bản tin phường Đa Kao số 1');
    expect(titles).toContain(WARD_TITLE);
    // Only what wards published.
    await office.page.getByLabel('Loại cổng').selectOption('WARD');
    await office.page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await feed.getByRole('link', { name: ANNOUNCEMENT_TITLE }).waitFor({ state: 'detached' });
    await feed.getByRole('link', { name: WARD_TITLE }).waitFor();
    const portals = await feed.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(portals.length).toBeGreaterThan(0);
    expect(portals.filter((p) => !p.startsWith('Phường '))).toEqual([]);
    // Search across portals, diacritics optional.
    await office.page.getByLabel('Tìm trên mọi cổng trong phạm vi').fill('hien mau');
    await office.page.getByRole('button', { name: 'Tìm kiếm' }).click();
    const results = office.page.getByRole('region', { name: /Kết quả tìm/ });
    await results.getByRole('link', { name: WARD_TITLE }).waitFor();
    await expectNoViolations(office.page, 'subtree search');

    const board = await head();
    await board.open('/lien-thong/quy-tac');
    await board.page.getByRole('checkbox', { name: 'Tin tức', exact: true }).check();
    await board.page.getByRole('checkbox', { name: 'Phường', exact: true }).check();
    await board.page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await board.page.getByRole('button', { name: 'Tắt quy tắc' }).waitFor();
    await expectNoViolations(board.page, 'auto-accept rules');
    // A citizen rates the city's portal on its website; the month's row counts it.
    const ctx = await portalContext(browser, t.port);
    const site = await ctx.newPage();
    await site.goto(portalUrl(t.port, CITY, '/danh-gia'));
    for (const [criterion, score] of [
      ['interface', '5'],
      ['content', '4'],
      ['quality', '4'],
      ['support', '3'],
    ])
      await site.check(`input[name=${criterion}][value="${score}"]`);
    await answerChallenge(site);
    await Promise.all([site.waitForURL(/\/danh-gia\/cam-on$/), site.click('form.form button[type=submit]')]);
    await ctx.close();
    await board.open('/cong-dan/danh-gia');
    await board.page.getByRole('columnheader', { name: 'Số lượt' }).waitFor();
    const rated = board.page
      .locator('tbody tr')
      .filter({ has: board.page.locator('td:nth-child(2)', { hasText: /^1$/ }) });
    expect(await rated.locator('td').allInnerTexts()).toEqual([
      expect.any(String),
      '1',
      '4',
      '5',
      '4',
      '4',
      '3',
    ]);
    await expectNoViolations(board.page, 'ratings');
    await board.open('/cong-dan/phan-anh');
    await board.page.getByText('Không có câu nào đang chờ.').waitFor();
    await expectNoViolations(board.page, 'feedback queue');
  });
});
