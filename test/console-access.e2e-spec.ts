import type { Browser } from 'playwright-core';
import { Role } from '../libs/access/src';
import { until } from './support/waiting';
import { SMALL_TREES, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';
import { launchBrowser, portalContext, portalUrl } from './support/browser';
import { ConsoleSessions, assertConsoleBuilt, consoleViolations } from './support/console';

const WARD_A = 'saigon.hochiminhcity.gov.vn';
const WARD_B = 'benthanh.hochiminhcity.gov.vn';
const ITEM = `__typename ... on ContentItem { id slug latestNumber working { status } } ... on InputError { errorCode field messageVi }`;

// The console's footing: how it is served, its sessions, who sees and may do what (delegation,
// four-eyes, another ward's host), edit conflicts, the keyboard and the English switch.
describe('the editors’ console: serving, sessions, roles, conflicts', () => {
  let t: TestApp;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  const consoles = new ConsoleSessions(() => browser, () => t);
  const sessions = consoles.all;
  const as = (username: string, host = WARD_A) => consoles.signIn(host, username);
  const mutate = async (username: string, field: string, host = WARD_A) => {
    const res = await t.gql(host, `mutation { r: ${field} }`, {}, { token: tokens[username] });
    return res.body.data?.r as Record<string, any>;
  };
  /** A news item of ward A written by its contributor and taken into review by a member. */
  const inReview = async (title: string) => {
    const created = await mutate(
      'ctv.a',
      `createContent(input: { tenantId: "${t.tenant(WARD_A).id}", kind: NEWS, title: "${title}", bodyHtml: "<p>Nội dung ${title}</p>", authorName: "CTV", source: "Phường Sài Gòn" }) { ${ITEM} }`,
    );
    for (const [who, action] of [
      ['ctv.a', 'SUBMIT'],
      ['bientap.a', 'TAKE_FOR_REVIEW'],
    ])
      expect(
        await mutate(who, `transitionContent(itemId: "${created.id}", action: ${action}) { ${ITEM} }`),
      ).toMatchObject({
        __typename: 'ContentItem',
      });
    return created.id as string;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    for (const [username, role] of [
      ['ctv.a', Role.CONTRIBUTOR],
      ['bientap.a', Role.BOARD_MEMBER],
      ['bientap2.a', Role.BOARD_MEMBER],
      ['truongban.a', Role.BOARD_HEAD],
      ['phoban.a', Role.BOARD_DEPUTY],
      ['phoban2.a', Role.BOARD_DEPUTY],
      ['vanhanh.a', Role.OPERATOR],
    ] as const) {
      await t.createAccount({ username, homeHost: WARD_A, role });
      tokens[username] = (await t.login(username, WARD_A)).accessToken;
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await consoles.closeAll();
    await t?.close();
  });

  it('serves the build at /quan-tri/ on every portal host: index not cached, assets immutable, client routes, its own CSP', async () => {
    const index = await t.http({ host: WARD_B, method: 'GET', path: '/quan-tri/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const route = await t.http({ host: WARD_A, method: 'GET', path: '/quan-tri/noi-dung/abc/sua' });
    expect(route.status).toBe(200);
    expect(route.text).toBe(index.text);
    const asset = /src="(\/quan-tri\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const js = await t.http({ host: WARD_A, method: 'GET', path: asset });
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(
      (await t.http({ host: WARD_A, method: 'GET', path: '/quan-tri/assets/missing-123.js' })).status,
    ).toBe(404);
    expect(
      (await t.http({ host: WARD_A, method: 'GET', path: '/quan-tri/assets/..%2f..%2fpackage.json' })).status,
    ).toBe(404);
    // An unknown host is not a portal, console or not; the rest of the site keeps its script-free policy.
    expect(
      (await t.http({ host: 'khongco.hochiminhcity.gov.vn', method: 'GET', path: '/quan-tri/' })).status,
    ).toBe(404);
    const home = await t.http({ host: WARD_A, method: 'GET', path: '/' });
    expect(String(home.headers['content-security-policy'])).toContain("script-src 'none'");
  });

  it('sessions: the refresh token lives in an HttpOnly, Secure, SameSite=Strict cookie on /quan-tri/, rotates, and a reused one ends the family', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      t.http({ host: WARD_A, method: 'POST', path: `/quan-tri/session${path}`, body, headers });
    const wrong = await post('', { username: 'ctv.a', password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      error: { errorCode: 'INVALID_CREDENTIALS', messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    const ok = await post('', { username: 'ctv.a', password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    const [cookie, media] = ok.headers['set-cookie'] as string[];
    expect(cookie).toMatch(
      /^portal_console_refresh=[^;]+; Path=\/quan-tri\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/,
    );
    // Beside it, the grant the browser's own image requests carry, on the console's media path only.
    expect(media).toMatch(
      /^portal_console_media=[^;]+; Path=\/quan-tri\/media\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(Object.keys(ok.body as object).sort()).toEqual([
      'accessToken',
      'accessTokenExpiresAt',
      'accountId',
    ]);
    const first = cookie.split(';')[0];
    const rotated = await post('/refresh', {}, { cookie: first });
    expect(rotated.status).toBe(200);
    const second = String(rotated.headers['set-cookie']).split(';')[0];
    expect(second).not.toBe(first);
    // The first token again: reuse is detected, the whole family is revoked, the cookie cleared.
    const reused = await post('/refresh', {}, { cookie: first });
    expect(reused.status).toBe(401);
    expect(String(reused.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await post('/refresh', {}, { cookie: second })).status).toBe(401);
    // Only this host's console may ask: a JSON body, and no foreign Origin.
    expect(
      (await post('', { username: 'ctv.a', password: TEST_PASSWORD }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    const form = await t.http({
      host: WARD_A,
      method: 'POST',
      path: '/quan-tri/session',
      body: 'username=ctv.a&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(403);
    // Sign-out revokes and clears.
    const again = String(
      (await post('', { username: 'ctv.a', password: TEST_PASSWORD })).headers['set-cookie'],
    ).split(';')[0];
    const out = await post('/logout', {}, { cookie: again });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await post('/refresh', {}, { cookie: again })).status).toBe(401);
  });

  it('lockout and wrong passwords are told in Vietnamese on the sign-in screen', async () => {
    await t.createAccount({ username: 'khoa.a', homeHost: WARD_A, role: Role.CONTRIBUTOR });
    const context = await portalContext(browser, t.port);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, WARD_A, '/quan-tri/'));
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Tên đăng nhập').fill('khoa.a');
      await page.locator('input[name="password"]').fill(`sai-${i}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').waitFor();
    }
    await page
      .getByRole('alert')
      .filter({
        hasText:
          /Đăng nhập sai quá nhiều lần; vui lòng thử lại sau \d\d:\d\d \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/,
      })
      .waitFor();
    // The token stays in memory: nothing in the page's storage, the cookie unreadable by scripts.
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await page.getByLabel('Tên đăng nhập').fill('ctv.a');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Bảng điều khiển' }).waitFor();
    const stored = await page.evaluate(
      'JSON.stringify([Object.keys(localStorage).map((k) => localStorage.getItem(k)), Object.keys(sessionStorage), document.cookie])',
    );
    expect(String(stored)).not.toMatch(/eyJ|portal_console_refresh/);
    // A reload signs in again from the cookie (the access token was only in memory).
    await page.reload();
    await page.getByRole('heading', { name: 'Bảng điều khiển' }).waitFor();
    await context.close();
  });

  it('a suspended account is thrown out at its next request', async () => {
    await t.createAccount({ username: 'tamkhoa.a', homeHost: WARD_A, role: Role.CONTRIBUTOR });
    const s = await as('tamkhoa.a');
    const accountId = (
      await t.gql(WARD_A, '{ me { id } }', {}, { token: (await t.login('tamkhoa.a', WARD_A)).accessToken })
    ).body.data!.me.id;
    expect(
      await mutate(
        'vanhanh.a',
        `suspendAccount(accountId: "${accountId}", reason: "Chuyển công tác") { __typename }`,
      ),
    ).toEqual({
      __typename: 'Account',
    });
    await s.page.getByRole('navigation').getByRole('link', { name: 'Nội dung' }).click();
    await s.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await s.page.getByText('Phiên làm việc đã kết thúc').first().waitFor();
  });

  it('a deputy approves inside a delegation window (the console says so) and is refused outside it', async () => {
    const inside = await inReview('Tin phó ban duyệt trong thời hạn ủy quyền');
    const outside = await inReview('Tin phó ban không được duyệt');
    // The head grants the first deputy a window around now, in the console.
    const head = await as('truongban.a');
    await head.page.getByRole('navigation').getByRole('link', { name: 'Ủy quyền phê duyệt' }).click();
    await head.page.getByRole('heading', { name: 'Ủy quyền phê duyệt' }).waitFor();
    const deputyId = (await t.gql(WARD_A, '{ me { id } }', {}, { token: tokens['phoban.a'] })).body.data!.me
      .id;
    const vn = (ms: number) => new Date(Date.now() + ms + 7 * 3600_000).toISOString().slice(0, 16);
    await head.page.getByLabel('Phó trưởng ban').selectOption(deputyId);
    await head.page.getByLabel('Từ (giờ Việt Nam)').fill(vn(-3600_000));
    await head.page.getByLabel('Đến (giờ Việt Nam)').fill(vn(3600_000));
    expect(await consoleViolations(head.page)).toEqual([]);
    await head.page.getByRole('button', { name: 'Ủy quyền' }).click();
    await head.page.getByRole('status').filter({ hasText: 'Đã ủy quyền từ' }).waitFor();
    // The second deputy's window starts tomorrow.
    const deputy2 = (await t.gql(WARD_A, '{ me { id } }', {}, { token: tokens['phoban2.a'] })).body.data!.me
      .id;
    expect(
      await mutate(
        'truongban.a',
        `delegateApproval(input: { tenantId: "${t.tenant(WARD_A).id}", deputyAccountId: "${deputy2}", validFrom: "${new Date(Date.now() + 86_400_000).toISOString()}", validTo: "${new Date(Date.now() + 2 * 86_400_000).toISOString()}" }) { __typename }`,
      ),
    ).toEqual({ __typename: 'ApprovalDelegation' });
    // The head's screen lists them: who delegated, to whom, the window, where each stands.
    const row = (deputy: string) => head.page.getByRole('row').filter({ hasText: deputy });
    await row('phoban.a').getByText('Đang hiệu lực').waitFor();
    expect(await row('phoban.a').getByRole('cell').first().innerText()).toBe('truongban.a');
    await head.open('/uy-quyen');
    await row('phoban2.a').getByText('Chưa bắt đầu').waitFor();
    await row('phoban.a').getByText('Đang hiệu lực').waitFor();
    const fmt = (d: Date) => {
      const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
      return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
    };
    expect(await row('phoban2.a').innerText()).toContain(fmt(new Date(Date.now() + 2 * 86_400_000)));
    expect(await head.page.getByRole('table').getByRole('columnheader').allInnerTexts()).toEqual([
      'Người ủy quyền',
      'Người được ủy quyền',
      'Từ',
      'Đến',
      'Trạng thái',
    ]);
    expect(await consoleViolations(head.page)).toEqual([]);
    // Nobody else reads a portal's delegations: a deputy gets nothing, another ward's head none of these.
    const listed = await t.gql(
      WARD_A,
      '{ approvalDelegations { deputyName status } }',
      {},
      {
        token: tokens['truongban.a'],
      },
    );
    expect(listed.body.data?.approvalDelegations).toEqual(
      expect.arrayContaining([
        { deputyName: 'phoban.a', status: 'ACTIVE' },
        { deputyName: 'phoban2.a', status: 'UPCOMING' },
      ]),
    );
    const byDeputy = await t.gql(WARD_A, '{ approvalDelegations { id } }', {}, { token: tokens['phoban.a'] });
    expect(byDeputy.body.data?.approvalDelegations ?? []).toEqual([]);
    const otherHead = await t.asUser('truongban.b', Role.BOARD_HEAD, WARD_B);
    const fromB = await t.gql(WARD_A, '{ approvalDelegations { id } }', {}, { token: otherHead });
    expect(fromB.body.data?.approvalDelegations ?? []).toEqual([]);

    const d1 = await as('phoban.a');
    await d1.open(`/noi-dung/${inside}`);
    await d1.page.getByText('Bạn phê duyệt theo ủy quyền của Trưởng ban').waitFor();
    await d1.page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await d1.page.locator('.mantine-Badge-root', { hasText: 'Đã duyệt' }).first().waitFor();
    await d1.page.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
    await d1.page.getByRole('cell', { name: 'Phê duyệt (theo ủy quyền)' }).waitFor();

    const d2 = await as('phoban2.a');
    await d2.open(`/noi-dung/${outside}`);
    await expect(d2.page.getByRole('button', { name: 'Phê duyệt', exact: true }).isDisabled()).resolves.toBe(
      true,
    );
    await d2.page.getByText('Vai trò của bạn không được làm bước này.').first().waitFor();
    expect(
      await mutate('phoban2.a', `transitionContent(itemId: "${outside}", action: APPROVE) { ${ITEM} }`),
    ).toMatchObject({
      __typename: 'InputError',
      errorCode: 'NOT_ALLOWED',
    });
  });

  it('four-eyes is shown before a click: the head cannot approve what the head wrote', async () => {
    const created = await mutate(
      'truongban.a',
      `createContent(input: { tenantId: "${t.tenant(WARD_A).id}", kind: NEWS, title: "Bài do Trưởng ban viết", bodyHtml: "<p>x</p>", authorName: "TB", source: "Phường" }) { ${ITEM} }`,
    );
    await mutate('truongban.a', `transitionContent(itemId: "${created.id}", action: SUBMIT) { ${ITEM} }`);
    await mutate(
      'bientap.a',
      `transitionContent(itemId: "${created.id}", action: TAKE_FOR_REVIEW) { ${ITEM} }`,
    );
    const head =
      sessions.find(
        (s) => s.page.url().includes(WARD_A.replace('.gov.vn', '.localhost')) && s === sessions[1],
      ) ?? (await as('truongban.a'));
    await head.open(`/noi-dung/${created.id}`);
    await expect(
      head.page.getByRole('button', { name: 'Phê duyệt', exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await head.page
      .getByText('Bạn là người viết bài này: người khác phải phê duyệt (nguyên tắc bốn mắt).')
      .waitFor();
  });

  it('two editors saving the same item: the second gets the conflict screen and keeps their text', async () => {
    const id = await inReview('Tin hai người cùng sửa');
    const one = await as('bientap.a');
    const two = await as('bientap2.a');
    for (const s of [one, two]) {
      await s.open(`/noi-dung/${id}/sua`);
      await s.page.getByRole('textbox', { name: 'Nội dung bài viết' }).waitFor();
    }
    await one.page
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Tin hai người cùng sửa (bản của biên tập 1)');
    await one.page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await one.page.waitForURL(new RegExp(`/noi-dung/${id}$`));

    await two.page
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Tin hai người cùng sửa (bản của biên tập 2)');
    await two.page.getByRole('textbox', { name: 'Nội dung bài viết' }).click();
    await two.page.keyboard.press('End');
    await two.page.keyboard.type(' Đoạn bổ sung của biên tập 2.');
    await two.page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await two.page.getByRole('heading', { name: 'Có người vừa sửa bài này' }).waitFor();
    expect(await two.page.getByLabel('Tiêu đề bạn đã viết').inputValue()).toBe(
      'Tin hai người cùng sửa (bản của biên tập 2)',
    );
    expect(await two.page.getByLabel('Nội dung bạn đã viết (HTML)').inputValue()).toContain(
      'Đoạn bổ sung của biên tập 2.',
    );
    expect(await consoleViolations(two.page)).toEqual([]);
    // Nothing of the second save was stored; reloading shows the first editor's revision.
    await two.page.getByRole('button', { name: /Tải lại bản mới nhất/ }).click();
    // The editor fills its fields once the reloaded item has arrived.
    const title = two.page.getByRole('textbox', { name: 'Tiêu đề', exact: true });
    await until('the reloaded title', async () => (await title.inputValue()).includes('biên tập 1'));
    expect(await title.inputValue()).toBe('Tin hai người cùng sửa (bản của biên tập 1)');
  });

  it('an editor of ward A signed in on ward B’s host sees nothing of A’s drafts', async () => {
    const draft = await mutate(
      'ctv.a',
      `createContent(input: { tenantId: "${t.tenant(WARD_A).id}", kind: NEWS, title: "Bản nháp riêng của phường Sài Gòn", bodyHtml: "<p>x</p>", authorName: "CTV", source: "Phường" }) { ${ITEM} }`,
    );
    const onB = await as('bientap.a', WARD_B);
    await onB.page.getByText('Phường Bến Thành · Quản trị').waitFor();
    expect(await onB.page.getByText('Bản nháp riêng của phường Sài Gòn').count()).toBe(0);
    await onB.open('/noi-dung');
    await onB.page.getByText('Không có bài nào khớp bộ lọc.').waitFor();
    await onB.open(`/noi-dung/${draft.id}`);
    await onB.page.getByRole('alert').filter({ hasText: 'Không tìm thấy tin bài' }).waitFor();
    // On its own host the same editor sees it.
    const onA = await as('bientap.a', WARD_A);
    await onA.open('/noi-dung');
    await onA.page.getByRole('link', { name: 'Bản nháp riêng của phường Sài Gòn' }).waitFor();
  });

  it('is usable by keyboard alone and switches to English with dd/mm/yyyy dates', async () => {
    const context = await portalContext(browser, t.port);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, WARD_A, '/quan-tri/'));
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type('bientap.a');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Bảng điều khiển' }).waitFor();
    // Tab from the top: the skip link comes first, then the header and the menu.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Bỏ qua, tới nội dung chính');
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement.textContent')) === 'Nội dung') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Nội dung' }).waitFor();
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Content' }).waitFor();
    const updated = await page.getByRole('table').locator('tbody tr td:nth-child(6)').first().innerText();
    expect(updated).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await consoleViolations(page)).toEqual([]);
    await context.close();
  });
});
