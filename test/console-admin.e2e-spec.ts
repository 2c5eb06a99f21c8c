import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Role, RoleScope } from '../libs/access/src';
import { SMALL_TREES, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';
import { launchBrowser, screenshot } from './support/browser';
import { ConsoleSessions, assertConsoleBuilt, expectNoViolations } from './support/console';
import { publishSiteItem } from './support/site-content';
import { until } from './support/waiting';

const CITY = 'hochiminhcity.gov.vn';
const W1 = 'saigon.hochiminhcity.gov.vn';
const W2 = 'benthanh.hochiminhcity.gov.vn';
const W3 = 'tandinh.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const REFUSED = 'Bạn không có quyền thực hiện thao tác này';

/** The demo roles (README's table), each signed in on the host it works on. */
const DEMO: Record<string, { host: string; role?: Role; scope?: RoleScope; platformAdmin?: boolean }> = {
  admin: { host: CITY, platformAdmin: true },
  'hcm.operator': { host: CITY, role: Role.OPERATOR, scope: RoleScope.SUBTREE },
  'hcm.manager': { host: CITY, role: Role.MANAGER, scope: RoleScope.SUBTREE },
  'saigon.operator': { host: W1, role: Role.OPERATOR },
  'hcm.board.head': { host: CITY, role: Role.BOARD_HEAD },
  'hcm.board.member': { host: CITY, role: Role.BOARD_MEMBER },
  'hcm.writer': { host: CITY, role: Role.CONTRIBUTOR },
};
type Demo = keyof typeof DEMO;
const EVERYONE = Object.keys(DEMO) as Demo[];

/**
 * The console's menu: each entry, its address, and the demo roles it is offered to. Opened by its
 * address by anyone else, the screen shows the server's refusal (not a blank page), unless
 * `refusal` says why not. A new screen joins the permission test with one line here.
 */
const MENU: Array<{ entry: string; path: string; who: Demo[]; alsoAllowed?: Demo[]; refusal?: string }> = [
  { entry: 'Bảng điều khiển', path: '/', who: EVERYONE },
  { entry: 'Nội dung', path: '/noi-dung', who: EVERYONE },
  {
    entry: 'Viết bài mới',
    path: '/noi-dung/moi',
    who: ['hcm.board.head', 'hcm.board.member', 'hcm.writer'],
    refusal: 'an empty form opens; the server refuses the save (console-access: roles)',
  },
  // The platform administrator may delegate anywhere; the menu offers it to board heads only.
  { entry: 'Ủy quyền phê duyệt', path: '/uy-quyen', who: ['hcm.board.head'], alsoAllowed: ['admin'] },
  { entry: 'Cây cổng thông tin', path: '/cay-cong', who: ['admin', 'hcm.operator'] },
  {
    entry: 'Tài khoản và vai trò',
    path: '/tai-khoan',
    who: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator'],
  },
  // The platform administrator holds no role: the menu offers it none of these, the server allows all.
  // `alsoAllowed` also names the roles the server lets read a queue they do not work in (owners,
  // managing agencies and operators read everything on their portals; contributors read the questions
  // a unit may be asked to answer): the menu keeps their lists to the work they do.
  {
    entry: 'Thông tin gửi đến',
    path: '/thong-tin-gui-den',
    who: ['hcm.board.head', 'hcm.board.member', 'hcm.writer'],
    // Owners, managing agencies and operators may read the queue (not take anything up).
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator'],
  },
  // Those who publish the portal's documents: the board and the operator.
  {
    entry: 'Văn bản pháp luật',
    path: '/van-ban',
    who: ['hcm.operator', 'saigon.operator', 'hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin'],
    refusal:
      'published documents are public; the server refuses validity, relations and import (console-modules)',
  },
  {
    entry: 'Thủ tục hành chính',
    path: '/thu-tuc-hanh-chinh',
    who: ['hcm.operator', 'saigon.operator', 'hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin'],
  },
  {
    entry: 'Báo cáo',
    path: '/bao-cao',
    who: ['hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.board.head'],
    alsoAllowed: ['admin'],
    refusal:
      'the portal list opens; the server refuses running the report (console-reports-calendar: access)',
  },
  {
    entry: 'Nhật ký hệ thống',
    path: '/nhat-ky',
    who: ['hcm.operator', 'hcm.manager', 'saigon.operator'],
    alsoAllowed: ['admin'],
  },
  {
    entry: 'Ngày làm việc và thời hạn',
    path: '/lich-lam-viec',
    who: ['hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.board.head', 'hcm.board.member'],
    refusal: 'working days are public; only an operator is given the forms that change them',
  },
  {
    entry: 'Cài đặt trang',
    path: '/cai-dat',
    who: ['hcm.operator', 'saigon.operator'],
    refusal: 'a portal’s look is public; the server refuses the save (console-reports-calendar: access)',
  },
  {
    entry: 'Chia sẻ liên thông',
    path: '/lien-thong/chia-se',
    who: ['hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin'],
    refusal: 'the published items (public anyway) are listed; the server refuses proposing and pushing',
  },
  {
    entry: 'Hộp thư liên thông',
    path: '/lien-thong/hop-thu',
    who: ['hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator'],
  },
  {
    entry: 'Quy tắc tự động nhận đăng',
    path: '/lien-thong/quy-tac',
    who: ['hcm.board.head'],
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.board.member'],
  },
  {
    entry: 'Tổng hợp toàn hệ thống',
    path: '/lien-thong/tong-hop',
    who: ['hcm.operator', 'hcm.manager'],
    alsoAllowed: ['admin'],
  },
  {
    entry: 'Hỏi đáp',
    path: '/cong-dan/cau-hoi',
    who: ['hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.writer'],
  },
  {
    entry: 'Giao lưu trực tuyến',
    path: '/cong-dan/giao-luu',
    who: ['hcm.board.head', 'hcm.board.member'],
    // Owners, managing agencies and operators read the sessions (they run or oversee the site).
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator'],
  },
  {
    entry: 'Phản ánh, kiến nghị',
    path: '/cong-dan/phan-anh',
    who: ['hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.writer'],
  },
  {
    entry: 'Góp ý dự thảo',
    path: '/cong-dan/gop-y',
    who: ['hcm.board.head', 'hcm.board.member'],
    alsoAllowed: ['admin', 'hcm.operator', 'hcm.manager', 'saigon.operator'],
  },
  {
    entry: 'Đánh giá của người dân',
    path: '/cong-dan/danh-gia',
    who: ['hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.board.head'],
    alsoAllowed: ['admin'],
  },
  {
    entry: 'Nhuận bút',
    path: '/nhuan-but',
    who: ['hcm.operator', 'hcm.manager', 'saigon.operator', 'hcm.board.head'],
    alsoAllowed: ['admin'],
  },
];

// Administration in the console, in a real chromium against the real server: the provincial
// operator's portal tree (provision, a tree file, retire), accounts and roles, the merge wizard, and
// what each demo role is offered and refused.
describe('the editors’ console: portal tree, merge wizard, accounts and roles', () => {
  let t: TestApp;
  let browser: Browser;
  const consoles = new ConsoleSessions(() => browser, () => t);
  const tokens: Record<string, string> = {};

  const as = (username: string, host = DEMO[username]?.host ?? CITY) => consoles.signIn(host, username);
  const menu = async (page: Page) =>
    (await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link').allInnerTexts())
      .map((s) => s.trim())
      .sort();
  /** The menu once the roles have arrived (it grows as the person's roles load). */
  const settledMenu = async (page: Page, expected: string[]) => {
    await page.waitForLoadState('networkidle');
    let shown = await menu(page);
    for (let i = 0; i < 50 && JSON.stringify(shown) !== JSON.stringify(expected); i++) {
      await page.waitForTimeout(200);
      shown = await menu(page);
    }
    return shown;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    for (const [username, spec] of Object.entries(DEMO)) {
      await t.createAccount({ username, homeHost: spec.host, ...spec });
      tokens[username] = (await t.login(username, spec.host)).accessToken;
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await consoles.closeAll();
    await t?.close();
  });

  it('the operations behind the screens: the tree, what may be granted, a tree file checked line by line', async () => {
    const op = tokens['hcm.operator'];
    const tree = await t.gql(
      CITY,
      '{ portalTree { primaryHost depth status mayProvision hosts { host role } } }',
      {},
      { token: op },
    );
    expect(tree.body.errors).toBeUndefined();
    const nodes = tree.body.data!.portalTree as Array<Record<string, any>>;
    // Parents first, children by Vietnamese name: Bến Thành, Sài Gòn, Tân Định, then Sở Tư pháp.
    expect(nodes.map((n) => n.primaryHost)).toEqual([
      CITY,
      W2,
      W1,
      W3,
      expect.stringMatching(/^[a-z0-9-]+\.hochiminhcity\.gov\.vn$/),
    ]);
    expect(nodes[0]).toMatchObject({ depth: 0, mayProvision: true });
    expect(nodes[0].hosts).toContainEqual({ host: 'tphcm.gov.vn', role: 'ALIAS' });
    // Not for a ward operator, a manager or a board: the server refuses.
    for (const who of ['saigon.operator', 'hcm.manager', 'hcm.board.head']) {
      const refused = await t.gql(DEMO[who].host, '{ portalTree { id } }', {}, { token: tokens[who] });
      expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // What may be granted follows the grant rules: a ward operator grants on its ward only, never OWNER.
    const grantable = await t.gql(
      W1,
      '{ grantableRoles { tenantId role scope } }',
      {},
      { token: tokens['saigon.operator'] },
    );
    const rows = grantable.body.data!.grantableRoles as Array<{
      tenantId: string;
      role: string;
      scope: string;
    }>;
    expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set([t.tenant(W1).id]));
    expect(rows.map((r) => r.role)).toContain('BOARD_HEAD');
    expect(rows.map((r) => r.role)).not.toContain('OWNER');
    expect(
      (await t.gql(W1, '{ grantableRoles { role } }', {}, { token: tokens['hcm.writer'] })).body.data!
        .grantableRoles,
    ).toEqual([]);
    // A tree file: a broken one names its lines, a dry run writes nothing.
    const apply = (yaml: string, dryRun: boolean, token = op) =>
      t.gql(
        CITY,
        'mutation($y: String!, $d: Boolean!) { applyTenantTree(yaml: $y, dryRun: $d) { dryRun created updated unchanged problems { line column path code message } } }',
        { y: yaml, d: dryRun },
        { token },
      );
    const lineOf = (yaml: string, line: number) => yaml.split('\n')[line - 1];
    // A schema problem, found before anything is planned.
    const misshapen = `${SMALL_TREES.city.trimEnd()}\n    - kind: VILLAGE\n      nameVi: Ấp Một\n`;
    const shape = (await apply(misshapen, true)).body.data!.applyTenantTree;
    expect(shape.created).toBe(0);
    expect(shape.problems).toHaveLength(1);
    expect(lineOf(misshapen, shape.problems[0].line)).toContain('kind: VILLAGE');
    expect(shape.problems[0].message).toContain('/root/children/4/kind');
    // A problem the plan finds against the current tree (an unknown template), at its own line.
    const planned = `${SMALL_TREES.city.trimEnd()}\n    - kind: WARD\n      nameVi: Phường Mẫu Lạ\n      template: khong-co-mau-nay\n`;
    const plan = (await apply(planned, true)).body.data!.applyTenantTree;
    expect(plan.problems.map((p: { code: string }) => p.code)).toEqual(['UNKNOWN_TEMPLATE']);
    expect(lineOf(planned, plan.problems[0].line)).toContain('template: khong-co-mau-nay');
    const okYaml = `${SMALL_TREES.city.trimEnd()}\n    - kind: WARD\n      nameVi: Phường Thử Nghiệm\n`;
    const dry = (await apply(okYaml, true)).body.data!.applyTenantTree;
    expect(dry).toMatchObject({ dryRun: true, created: 1, updated: 0, unchanged: 5, problems: [] });
    expect(
      (await t.gql(CITY, '{ portalTree { id } }', {}, { token: op })).body.data!.portalTree,
    ).toHaveLength(5);
    // Someone who may not provision is refused outright.
    expect((await apply(okYaml, true, tokens['saigon.operator'])).body.errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('the provincial operator provisions a ward, creates its editor and board head, grants their roles; the head signs in on the new host', async () => {
    const op = await as('hcm.operator');
    await op.open('/cay-cong');
    await op.page.getByRole('table', { name: 'Cây cổng thông tin' }).waitFor();
    await expectNoViolations(op.page, 'portal tree');
    await op.page.getByLabel('Tìm theo tên, tên miền, mã đơn vị').fill('ben thanh');
    await op.page.getByRole('status').filter({ hasText: '1 / 5 cổng' }).waitFor();
    await op.page.getByLabel('Tìm theo tên, tên miền, mã đơn vị').fill('');

    await op.page.getByRole('tab', { name: 'Tạo cổng mới' }).click();
    await op.page.getByLabel('Loại cổng').selectOption('WARD');
    await op.page.getByLabel('Tên tiếng Việt').fill('Phường Bình Minh');
    // The proposed label, live, as the server proposes it.
    const proposed = (await t.gql(CITY, '{ proposeDomainLabel(name: "Phường Bình Minh", kind: WARD) }')).body
      .data!.proposeDomainLabel as string;
    const newHost = `${proposed}.${CITY}`;
    await op.page.getByTestId('proposed-host').filter({ hasText: newHost }).waitFor();
    // A typed error lands on its field: a label a sibling already has.
    await op.page.getByLabel('Nhãn tên miền (để trống: dùng nhãn đề xuất)').fill('saigon');
    await op.page.getByRole('button', { name: 'Tạo cổng' }).click();
    await op.page.getByText('Nhãn “saigon” đã được dùng bởi một cổng cùng cấp.').waitFor();
    expect(
      await op.page.getByLabel('Nhãn tên miền (để trống: dùng nhãn đề xuất)').getAttribute('aria-invalid'),
    ).toBe('true');
    await expectNoViolations(op.page, 'provision form with an error');
    await op.page.getByLabel('Nhãn tên miền (để trống: dùng nhãn đề xuất)').fill('');
    await op.page.getByLabel('Mã đơn vị hành chính').fill('26734');
    await op.page.getByRole('button', { name: 'Tạo cổng' }).click();
    await op.page
      .getByRole('status')
      .filter({ hasText: 'Đã tạo cổng' })
      .filter({ hasText: newHost })
      .waitFor();
    const ward = t.tenant(newHost);
    expect(ward).toMatchObject({ nameVi: 'Phường Bình Minh', kind: 'WARD', unitCode: '26734' });
    await op.page.getByRole('tab', { name: 'Danh sách cổng' }).click();
    await op.page.locator(`tr[data-portal="${newHost}"]`).waitFor();
    await screenshot(op.page, join(SHOTS, 'console-tree.png'));

    // Accounts and roles of the new ward.
    await op.page.getByRole('navigation').getByRole('link', { name: 'Tài khoản và vai trò' }).click();
    await op.page.getByRole('heading', { level: 1, name: 'Tài khoản và vai trò' }).waitFor();
    await op.page.getByLabel('Cổng', { exact: true }).selectOption(ward.id);
    await op.page.getByText('Cổng này chưa có tài khoản.').waitFor();
    for (const [username, name] of [
      ['binhminh.bientap', 'Trần Văn Biên'],
      ['binhminh.truongban', 'Nguyễn Thị Trưởng'],
    ]) {
      await op.page.getByLabel('Tên đăng nhập mới').fill(username);
      await op.page.getByLabel('Họ và tên').fill(name);
      await op.page.getByLabel('Mật khẩu ban đầu (ít nhất 12 ký tự)').fill(TEST_PASSWORD);
      await op.page.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
      await op.page.locator(`tr[data-username="${username}"]`).waitFor();
    }
    // The grant form offers exactly what the server says this operator may grant here.
    const grantable = (
      await t.gql(CITY, '{ grantableRoles { tenantId role } }', {}, { token: tokens['hcm.operator'] })
    ).body.data!.grantableRoles as Array<{ tenantId: string; role: string }>;
    await op.page.getByLabel('Vai trò', { exact: true }).waitFor();
    const offered = await op.page
      .getByLabel('Vai trò', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(offered.sort()).toEqual(
      [...new Set(grantable.filter((g) => g.tenantId === ward.id).map((g) => g.role))].sort(),
    );
    // A ward operator's form offers only its own portal's roles: never OWNER, never a SUBTREE scope.
    const wardOp = await as('saigon.operator');
    await wardOp.open('/tai-khoan');
    await wardOp.page.getByLabel('Vai trò', { exact: true }).waitFor();
    const wardRoles = await wardOp.page
      .getByLabel('Vai trò', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(wardRoles).toContain('BOARD_HEAD');
    expect(wardRoles).not.toContain('OWNER');
    const wardScopes = await wardOp.page
      .getByLabel('Phạm vi', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(wardScopes).toEqual(['TENANT']);
    await wardOp.close();
    const grant = async (username: string, name: string, role: string, fields = '') => {
      await op.page.getByLabel('Tài khoản được cấp').selectOption({ label: `${name} (${username})` });
      await op.page.getByLabel('Vai trò', { exact: true }).selectOption(role);
      await op.page.getByLabel('Lĩnh vực (cách nhau bởi dấu phẩy; để trống: tất cả)').fill(fields);
      await op.page.getByRole('button', { name: 'Cấp vai trò', exact: true }).click();
    };
    await grant('binhminh.bientap', 'Trần Văn Biên', 'BOARD_MEMBER', 'Văn hóa - Xã hội');
    await op.page
      .getByRole('table', { name: 'Vai trò trên cổng này' })
      .getByText('Văn hóa - Xã hội')
      .waitFor();
    await grant('binhminh.truongban', 'Nguyễn Thị Trưởng', 'BOARD_HEAD');
    await op.page
      .getByRole('table', { name: 'Vai trò trên cổng này' })
      .getByText('Trưởng ban biên tập')
      .waitFor();
    // Validity dates: an end before the start is refused on its field.
    await op.page
      .getByLabel('Tài khoản được cấp')
      .selectOption({ label: 'Trần Văn Biên (binhminh.bientap)' });
    await op.page.getByLabel('Vai trò', { exact: true }).selectOption('CONTRIBUTOR');
    await op.page.getByLabel('Hiệu lực từ ngày (để trống: ngay)').fill('2027-03-01');
    await op.page.getByLabel('Hiệu lực đến ngày (để trống: không thời hạn)').fill('2027-02-01');
    await op.page.getByRole('button', { name: 'Cấp vai trò', exact: true }).click();
    await op.page.getByText('Ngày kết thúc phải sau ngày bắt đầu.').waitFor();
    await expectNoViolations(op.page, 'accounts and roles');

    // The new head signs in on the new host and works as its board head.
    const head = await as('binhminh.truongban', newHost);
    await head.page.getByText('Phường Bình Minh · Quản trị').waitFor();
    await head.page.getByText('(Trưởng ban biên tập)').waitFor();
    await head.page.getByRole('navigation').getByRole('link', { name: 'Ủy quyền phê duyệt' }).waitFor();

    // Suspending the editor revokes its sessions at once, and says so; its open console ends.
    const editor = await as('binhminh.bientap', newHost);
    await op.page.getByRole('button', { name: 'Khóa binhminh.bientap' }).click();
    await op.page.getByLabel('Lý do khóa').fill('Chuyển công tác');
    await op.page.getByRole('button', { name: 'Xác nhận khóa' }).click();
    await op.page
      .getByRole('status')
      .filter({
        hasText:
          /Đã khóa Trần Văn Biên \(binhminh\.bientap\) lúc .*; [1-9]\d* phiên đăng nhập đã bị thu hồi ngay\./,
      })
      .waitFor();
    await editor.page.getByRole('navigation').getByRole('link', { name: 'Nội dung' }).click();
    await editor.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await op.page.getByRole('button', { name: 'Mở khóa binhminh.bientap' }).click();
    await op.page.getByRole('button', { name: 'Khóa binhminh.bientap' }).waitFor();
  }, 120_000);

  it('a tree file in the console: a dry run with line-precise errors, then applied; a portal retired with a successor', async () => {
    const op = await as('hcm.operator');
    await op.open('/cay-cong');
    await op.page.getByRole('tab', { name: 'Áp dụng tệp cây (YAML)' }).click();
    const broken = `${SMALL_TREES.city.trimEnd()}\n    - kind: WARD\n      nameVi: Phường Thạnh Mỹ Tây\n      label: Thanh_My\n`;
    const badLine = broken.split('\n').findIndex((l) => l.includes('Thanh_My')) + 1;
    await op.page.getByLabel('Nội dung tệp cây').fill(broken);
    await op.page.getByRole('button', { name: 'Chạy thử', exact: true }).click();
    await op.page.getByText(new RegExp(`Dòng ${badLine}, cột \\d+`)).waitFor();
    await expectNoViolations(op.page, 'tree file with problems');
    expect(await op.page.getByRole('button', { name: 'Áp dụng', exact: true }).isDisabled()).toBe(true);
    await op.page.getByLabel('Nội dung tệp cây').fill(broken.replace('Thanh_My', 'thanhmytay'));
    await op.page.getByRole('button', { name: 'Chạy thử', exact: true }).click();
    await op.page.getByText('Kết quả chạy thử').waitFor();
    expect(await op.page.locator('[data-count="created"]').innerText()).toBe('1');
    expect(Number(await op.page.locator('[data-count="unchanged"]').innerText())).toBeGreaterThanOrEqual(5);
    expect(() => t.tenant(`thanhmytay.${CITY}`)).toThrow();
    await op.page.getByRole('button', { name: 'Áp dụng', exact: true }).click();
    await op.page.getByText('Đã áp dụng').waitFor();
    const created = await until('the applied ward routes', async () => {
      try {
        return t.tenant(`thanhmytay.${CITY}`);
      } catch {
        return null;
      }
    });
    expect(created.nameVi).toBe('Phường Thạnh Mỹ Tây');

    await op.page.getByRole('tab', { name: 'Chuyển, giải thể' }).click();
    await op.page.getByLabel('Cổng cần giải thể').selectOption(created.id);
    await op.page.getByLabel('Cổng kế thừa (để trống: cổng cấp trên)').selectOption(t.tenant(W1).id);
    await expectNoViolations(op.page, 'move and retire');
    await op.page.getByRole('button', { name: 'Giải thể', exact: true }).click();
    await op.page.getByRole('status').filter({ hasText: 'Đã giải thể' }).waitFor();
    const old = await t.http({ host: `thanhmytay.${CITY}`, method: 'GET', path: '/' });
    expect(old.status).toBe(301);
    expect(String(old.headers.location)).toContain(W1);
  }, 120_000);

  it('the merge wizard merges two wards with content; their old URLs answer 301 to the new home', async () => {
    const b = await publishSiteItem(t, W2, { title: 'Phường Bến Thành tổ chức ngày hội đọc sách' });
    const c = await publishSiteItem(t, W3, { title: 'Phường Tân Định khai trương điểm một cửa mới' });
    const op = await as('hcm.operator');
    await op.open('/cay-cong/hop-nhat');
    await op.page.getByLabel('Cổng tiếp nhận (đích)').selectOption(t.tenant(W1).id);
    await op.page.getByLabel(`Phường Bến Thành (${W2})`).check();
    await op.page.getByLabel(`Phường Tân Định (${W3})`).check();
    await expectNoViolations(op.page, 'merge wizard: choose');
    await op.page.getByRole('button', { name: 'Chạy thử', exact: true }).click();
    const counts = op.page.getByTestId('merge-counts');
    await counts.waitFor();
    expect(await counts.innerText()).toMatch(/Nội dung/);
    await expectNoViolations(op.page, 'merge wizard: dry run');
    await op.page.getByRole('button', { name: 'Tiếp: ánh xạ chuyên mục và vai trò' }).click();
    // Every source category and every live role is mapped (the proposal), each one can be changed.
    const categorySelects = op.page.getByLabel(/^Chuyển chuyên mục .* vào$/);
    expect(await categorySelects.count()).toBeGreaterThan(0);
    const roleSelects = op.page.getByLabel(/^Xử lý vai trò của /);
    expect(await roleSelects.count()).toBeGreaterThan(0);
    await roleSelects.first().selectOption('REVOKE');
    await expectNoViolations(op.page, 'merge wizard: mapping');
    await screenshot(op.page, join(SHOTS, 'console-merge.png'));
    await op.page.getByRole('button', { name: 'Kiểm tra kế hoạch' }).click();
    await op.page.getByRole('button', { name: 'Hợp nhất', exact: true }).waitFor();
    expect(await op.page.getByRole('button', { name: 'Hợp nhất', exact: true }).isDisabled()).toBe(true);
    await op.page.getByLabel(/^Hợp nhất Phường Bến Thành, Phường Tân Định vào Phường Sài Gòn/).check();
    await op.page.getByRole('button', { name: 'Hợp nhất', exact: true }).click();
    await op.page.getByRole('status').filter({ hasText: 'Các địa chỉ cũ nay chuyển hướng 301' }).waitFor();
    await expectNoViolations(op.page, 'merge wizard: done');

    for (const [host, item] of [
      [W2, b],
      [W3, c],
    ] as const) {
      const res = await t.http({ host, method: 'GET', path: `/bai-viet/${item.slug}` });
      expect(res.status).toBe(301);
      expect(String(res.headers.location)).toMatch(
        new RegExp(`^https?://${W1.replace(/\./g, '\\.')}(:\\d+)?/bai-viet/${item.slug}(-2)?$`),
      );
      const home = await t.http({ host, method: 'GET', path: '/' });
      expect(home.status).toBe(301);
    }
    await op.open('/cay-cong');
    await op.page.locator(`tr[data-portal="${W2}"]`).getByText('Đã hợp nhất').waitFor();
  }, 120_000);

  it('permission-aware menu: each demo role is offered its screens only, and the others refuse by address with the server’s message', async () => {
    // Every refusal missing is listed at the end, not only the first.
    const failures: string[] = [];
    for (const who of EVERYONE) {
      const s = await as(who);
      const expected = MENU.filter((m) => m.who.includes(who))
        .map((m) => m.entry)
        .sort();
      expect({ who, menu: await settledMenu(s.page, expected) }).toEqual({ who, menu: expected });
      for (const m of MENU) {
        if (m.who.includes(who) || m.alsoAllowed?.includes(who) || m.refusal) continue;
        await s.open(m.path);
        const alert = s.page.getByRole('alert').filter({ hasText: REFUSED });
        const refused = await alert.waitFor().then(
          () => true,
          async () => {
            failures.push(`${who} ${m.path}: ${(await s.page.locator('main').innerText()).slice(0, 300)}`);
            return false;
          },
        );
        if (!refused) continue;
        // A page with its heading and the server's reason, and still the menu to go elsewhere.
        expect(await s.page.getByRole('heading', { level: 1 }).count()).toBe(1);
        expect({ who, menu: await settledMenu(s.page, expected) }).toEqual({ who, menu: expected });
      }
      await s.close();
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
