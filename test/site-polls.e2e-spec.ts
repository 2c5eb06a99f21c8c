import type { Browser, BrowserContext } from 'playwright-core';
import { Role } from '../libs/access/src';
import { EngagementClock } from '../libs/engagement/src/consultations/engagement-clock';
import {
  DESKTOP,
  MOBILE,
  axeViolations,
  launchBrowser,
  portalContext,
  portalUrl,
  screenshot,
} from './support/browser';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Polls on the website: the list, a poll's page, voting without JavaScript (POST → 303 → the poll
 * with its results), a second vote from the same address refused on the form, a closed poll's
 * results for everyone, another portal's poll not found; axe on each page type, vi and en, at both
 * widths.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const CREATE = `mutation($i: CreatePollInput!) { createPoll(input: $i) { __typename ... on Poll { id } ... on InputError { errorCode field } } }`;
const CLOSE = `mutation($id: ID!) { closePoll(id: $id) { __typename } }`;

describe('website: polls', () => {
  let t: TestApp;
  let browser: Browser;
  let noScript: BrowserContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    t.app.get(EngagementClock).now = () => new Date('2026-12-10T03:00:00.000Z');
    const member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    const create = async (questionVi: string, extra: Record<string, unknown> = {}) => {
      const res = await t.gql<{ createPoll: { id: string } }>(
        SAIGON,
        CREATE,
        {
          i: {
            questionVi,
            questionEn: 'Are the one-stop office hours convenient?',
            options: [
              { labelVi: 'Thuận tiện', labelEn: 'Convenient' },
              { labelVi: 'Cần mở thêm sáng thứ Bảy', labelEn: 'Open on Saturday mornings too' },
            ],
            opensAt: '2026-12-01T00:00:00Z',
            closesAt: '2026-12-31T00:00:00Z',
            ...extra,
          },
        },
        { token: member },
      );
      return res.body.data!.createPoll.id;
    };
    ids.open = await create('Giờ làm việc của Bộ phận một cửa có thuận tiện?');
    ids.closed = await create('Bạn biết đến cổng thông tin qua đâu?', { resultsVisibility: 'AFTER_CLOSE' });
    await t.gql(SAIGON, CLOSE, { id: ids.closed }, { token: member });
    ids.twice = await create('Phường nên ưu tiên chỉnh trang tuyến đường nào?');
    browser = await launchBrowser();
    noScript = await portalContext(browser, t.port, { javaScriptEnabled: false });
  }, 240_000);

  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await t?.close();
  });

  it('lists the polls and votes without JavaScript; the same address cannot vote twice', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/tham-do'));
    expect(await page.locator('h1').innerText()).toBe('Thăm dò ý kiến');
    await page.click('text=Giờ làm việc của Bộ phận một cửa có thuận tiện?');
    expect(await page.locator('h1').innerText()).toBe('Giờ làm việc của Bộ phận một cửa có thuận tiện?');
    expect(await page.locator('.poll-results').count()).toBe(0);
    // Sent with no choice: the error summary links to the options.
    await page.click('form.form button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('Hãy chọn một phương án');
    await page.check('input[name=optionId] >> nth=1');
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('form.form button[type=submit]'),
    ]);
    expect(response?.status()).toBe(200);
    expect(page.url()).toContain(`/tham-do/${ids.open}?voted=1`);
    expect(await page.locator('[role=status]').innerText()).toContain('Cảm ơn');
    const rows = await page.locator('.poll-results tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Thuận tiện 0 0%',
      'Cần mở thêm sáng thứ Bảy 1 100%',
    ]);
    await screenshot(page, 'test-output/screenshots/site-poll-voted-1280.png');
    // The form is gone for this address; a replayed POST is refused on the form, nothing stored twice.
    expect(await page.locator('form.form').count()).toBe(0);
    const optionId = await t
      .gql<{ poll: { options: Array<{ id: string }> } }>(
        SAIGON,
        `query($id: ID!) { poll(id: $id) { options { id } } }`,
        {
          id: ids.open,
        },
      )
      .then((r) => r.body.data!.poll.options[0].id);
    const replay = await t.http({
      method: 'POST',
      host: SAIGON,
      path: `/tham-do/${ids.open}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ optionId, website: '' }).toString(),
    });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('Bạn đã bình chọn');
    await page.close();
  });

  it('the same form sent twice (a lost answer, a reload) is stored once, with the same answer', async () => {
    const options = await t
      .gql<{ poll: { options: Array<{ id: string }> } }>(
        SAIGON,
        `query($id: ID!) { poll(id: $id) { options { id } } }`,
        {
          id: ids.twice,
        },
      )
      .then((r) => r.body.data!.poll.options);
    const send = () =>
      t.http({
        method: 'POST',
        host: SAIGON,
        path: `/tham-do/${ids.twice}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.77' },
        body: new URLSearchParams({
          optionId: options[0].id,
          website: '',
          idempotencyKey: 'form-1b2c3d4e5f',
        }).toString(),
      });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    const total = await t.gql<{ poll: { totalVotes: number } }>(
      SAIGON,
      `query($id: ID!) { poll(id: $id) { totalVotes } }`,
      { id: ids.twice },
      { token: await t.asUser('operator.saigon', Role.OPERATOR, SAIGON) },
    );
    expect(total.body.data!.poll.totalVotes).toBe(1);
  });

  it("shows a closed poll's results to everyone, and never another portal's poll", async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, `/en/tham-do/${ids.closed}`));
    expect(await page.locator('.meta strong').innerText()).toBe('Closed');
    expect(await page.locator('.poll-results caption').innerText()).toContain('0 votes');
    const elsewhere = await page.goto(portalUrl(t.port, BENTHANH, `/tham-do/${ids.open}`));
    expect(elsewhere?.status()).toBe(404);
    const list = await t.http({ host: SAIGON, path: '/tham-do' });
    expect(String(list.headers['cache-control'])).toContain('no-store');
    await page.close();
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the poll pages (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        for (const path of ['/tham-do', `/tham-do/${ids.open}`, `/tham-do/${ids.closed}`]) {
          await page.goto(portalUrl(t.port, SAIGON, `${prefix}${path}`));
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        }
        await context.close();
      });
});
