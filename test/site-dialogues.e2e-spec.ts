import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { Role } from '../libs/access/src';
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
 * Online dialogues on the website: the list (live, upcoming, past), a session's page with its
 * guests and published answers; without JavaScript a live page refreshes itself (a `<meta refresh>`
 * in `<noscript>`, which `?tudong=0` turns off) and has a visible "Cập nhật" link; with JavaScript
 * the site's own script (allowed by this page's CSP only) puts a newly published answer at the top
 * of the aria-live list. Asking works without JavaScript (POST → 303 → the tracking code). axe on
 * every page type, vi and en, at both widths.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const HOUR = 3600 * 1000;
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
type Any = Record<string, any>;

const SCHEDULE = `mutation($i: DialogueInput!) { scheduleDialogue(input: $i) { __typename ... on Dialogue { id guests { id } } ... on InputError { errorCode field } } }`;
const STEP = `mutation($id: ID!, $s: DialogueStep!) { transitionDialogue(id: $id, step: $s) { __typename ... on InputError { errorCode field } } }`;
const ASK = `mutation($i: AskDialogueQuestionInput!) { askDialogueQuestion(input: $i) { __typename ... on DialogueQuestionReceipt { trackingCode } } }`;
const QUEUE = `query($id: ID!) { dialogue(id: $id) { questions { id trackingCode } } }`;
const SELECT = `mutation($id: ID!, $g: ID) { selectDialogueQuestion(id: $id, input: { guestId: $g }) { __typename } }`;
const ANSWER = `mutation($id: ID!, $a: String!) { answerDialogueQuestion(id: $id, answer: $a) { __typename ... on InputError { errorCode field } } }`;

describe('website: online dialogues', () => {
  let t: TestApp;
  let browser: Browser;
  let noScript: BrowserContext;
  let member: string;
  const ids: Record<string, string> = {};
  const guests: Record<string, string> = {};

  const gql = async (query: string, variables: Any, token: string | null = member) => {
    const res = await t.gql<Any>(SAIGON, query, variables, token ? { token } : {});
    if (res.body.errors?.length) throw new Error(JSON.stringify(res.body.errors));
    const value = Object.values(res.body.data!)[0] as Any;
    if (value?.__typename === 'InputError') throw new Error(JSON.stringify(value));
    return value;
  };
  const schedule = async (titleVi: string, titleEn: string, offset: number) => {
    const d = await gql(SCHEDULE, {
      i: {
        titleVi,
        titleEn,
        topicVi: 'Lãnh đạo phường trả lời câu hỏi của người dân.',
        topicEn: 'The ward’s leaders answer residents’ questions.',
        place: 'Hội trường UBND phường Sài Gòn',
        startsAt: iso(offset),
        endsAt: iso(offset + 2 * HOUR),
        guests: [
          {
            kind: 'LEADER',
            name: 'Nguyễn Văn An',
            jobTitle: 'Chủ tịch UBND phường',
            unit: 'UBND phường Sài Gòn',
          },
          { kind: 'EXPERT', name: 'Trần Thị Bích', jobTitle: 'Chuyên viên', unit: 'Trung tâm Chuyển đổi số' },
        ],
      },
    });
    guests[d.id] = d.guests[0].id;
    return d.id as string;
  };
  const ask = (dialogueId: string, text: string, name = 'Lê Văn Cường') =>
    gql(ASK, { i: { dialogueId, name, text, proof: { website: '' } } }, null);
  /** Asks, selects and answers one question of a live session; the question's id. */
  const answered = async (dialogueId: string, text: string, answer: string) => {
    const { trackingCode } = await ask(dialogueId, text);
    const q = (await gql(QUEUE, { id: dialogueId })).questions.find(
      (x: Any) => x.trackingCode === trackingCode,
    );
    await gql(SELECT, { id: q.id, g: guests[dialogueId] });
    await gql(ANSWER, { id: q.id, a: answer });
    return q.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    ids.live = await schedule(
      'Giao lưu về dịch vụ công trực tuyến',
      'Dialogue on online public services',
      -HOUR / 2,
    );
    await gql(STEP, { id: ids.live, s: 'START' });
    ids.firstAnswer = await answered(
      ids.live,
      'Thủ tục đăng ký tạm trú có làm trực tuyến được không?',
      'Được. Người dân nộp hồ sơ trên Cổng dịch vụ công quốc gia.',
    );
    ids.open = await schedule('Giao lưu về chỉnh trang đô thị', 'Dialogue on urban renewal', 3 * 24 * HOUR);
    await gql(STEP, { id: ids.open, s: 'OPEN_QUESTIONS' });
    ids.upcoming = await schedule('Giao lưu về an toàn thực phẩm', 'Dialogue on food safety', 10 * 24 * HOUR);
    ids.past = await schedule('Giao lưu về phòng cháy chữa cháy', 'Dialogue on fire safety', -HOUR);
    await gql(STEP, { id: ids.past, s: 'START' });
    await answered(
      ids.past,
      'Chung cư cũ cần trang bị bình chữa cháy thế nào?',
      'Mỗi tầng ít nhất hai bình.',
    );
    await answered(ids.past, 'Nhà trọ có phải lắp báo cháy không?', 'Có, theo quy định mới.');
    await gql(STEP, { id: ids.past, s: 'END' });
    browser = await launchBrowser();
    noScript = await portalContext(browser, t.port, { javaScriptEnabled: false });
  }, 240_000);

  afterAll(async () => {
    await noScript?.close();
    await browser?.close();
    await t?.close();
  });

  it('lists live, upcoming and past dialogues, in Vietnamese and English', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, '/giao-luu'));
    expect(await page.locator('h1').innerText()).toBe('Giao lưu trực tuyến');
    const section = (id: string) => page.locator(`section[aria-labelledby=${id}] h3`).allInnerTexts();
    expect(await section('h-live')).toEqual(['Giao lưu về dịch vụ công trực tuyến']);
    expect(await section('h-upcoming')).toEqual([
      'Giao lưu về chỉnh trang đô thị',
      'Giao lưu về an toàn thực phẩm',
    ]);
    expect(await section('h-past')).toEqual(['Giao lưu về phòng cháy chữa cháy']);
    await screenshot(page, 'test-output/screenshots/site-dialogues-list-1280.png');
    await page.goto(portalUrl(t.port, SAIGON, '/en/giao-luu'));
    expect(await page.locator('h1').innerText()).toBe('Online dialogues');
    expect(await section('h-live')).toEqual(['Dialogue on online public services']);
    // Linked from the questions page.
    await page.goto(portalUrl(t.port, SAIGON, '/hoi-dap'));
    expect(await page.locator('a[href="/giao-luu"]').count()).toBe(1);
    await page.close();
  });

  it('without JavaScript a live page refreshes itself (which the visitor can turn off) and takes questions by a plain form', async () => {
    const html = await t.http({ host: SAIGON, path: `/giao-luu/${ids.live}` });
    expect(html.status).toBe(200);
    expect(html.text).toContain('<noscript><meta http-equiv="refresh" content="60"/></noscript>');
    expect(String(html.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(html.headers['cache-control'])).toContain('no-store');
    const off = await t.http({ host: SAIGON, path: `/giao-luu/${ids.live}?tudong=0` });
    expect(off.text).not.toContain('http-equiv="refresh"');
    // Pages not live run no script and refresh nothing.
    const open = await t.http({ host: SAIGON, path: `/giao-luu/${ids.open}` });
    expect(open.text).not.toContain('http-equiv="refresh"');
    expect(open.text).not.toContain('<script src');
    expect(String(open.headers['content-security-policy'])).toContain("script-src 'none'");

    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, `/giao-luu/${ids.live}`));
    expect(await page.locator('h1').innerText()).toBe('Giao lưu về dịch vụ công trực tuyến');
    expect(await page.locator('#h-guests + ul li').allInnerTexts()).toEqual([
      expect.stringContaining('Nguyễn Văn An'),
      expect.stringContaining('Trần Thị Bích'),
    ]);
    expect(
      await page
        .locator('.dialogue-live a')
        .filter({ hasText: /^Cập nhật$/ })
        .count(),
    ).toBe(1);
    expect(await page.locator('#dialogue-answers li').count()).toBe(1);
    // The link turns the refresh off, and the page says how to turn it on again.
    await page.click('text=Tắt tự động cập nhật');
    expect(page.url()).toContain('?tudong=0');
    expect(await page.locator('.dialogue-live').innerText()).toContain('Bật tự động cập nhật');

    // A question by the plain form: an error on its field first, then the tracking code.
    await page.fill('#f-name', 'Võ Thị Giang');
    await page.fill('#f-text', 'Ngắn');
    await page.click('#gui-cau-hoi button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain(
      'Nội dung câu hỏi phải có ít nhất 10 ký tự',
    );
    await page.fill('#f-text', 'Hồ sơ nộp trực tuyến bao lâu thì có kết quả?');
    await Promise.all([page.waitForNavigation(), page.click('#gui-cau-hoi button[type=submit]')]);
    expect(page.url()).toMatch(/\?ma=GL-/);
    expect(await page.locator('.tracking-code').innerText()).toMatch(/^GL-[0-9A-Z]{4}-/);
    await screenshot(page, 'test-output/screenshots/site-dialogue-asked-1280.png');
    // A made-up code in the link shows nothing.
    await page.goto(portalUrl(t.port, SAIGON, `/giao-luu/${ids.live}?ma=GL-AAAA-BBBB-CCCC-DDDD`));
    expect(await page.locator('.tracking-code').count()).toBe(0);
    // Another portal's host knows no such session.
    expect((await page.goto(portalUrl(t.port, BENTHANH, `/giao-luu/${ids.live}`)))?.status()).toBe(404);
    await page.close();
  });

  it('with JavaScript the page puts a newly published answer at the top of the aria-live list', async () => {
    const context = await portalContext(browser, t.port);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(portalUrl(t.port, SAIGON, `/giao-luu/${ids.live}`));
    expect(await page.locator('#dialogue-answers').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#dialogue-answers li').count()).toBe(1);
    const second = await answered(
      ids.live,
      'Lệ phí đăng ký tạm trú trực tuyến là bao nhiêu?',
      'Được giảm một nửa so với nộp trực tiếp.',
    );
    await page.waitForSelector(`#tl-${second}`, { timeout: 90_000 });
    const items = await page
      .locator('#dialogue-answers > li')
      .evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));
    expect(items).toEqual([`tl-${second}`, `tl-${ids.firstAnswer}`]);
    expect(await page.locator(`#tl-${second}`).innerText()).toContain(
      'Được giảm một nửa so với nộp trực tiếp.',
    );
    expect(await page.locator(`#tl-${second}`).innerText()).toContain('Nguyễn Văn An, Chủ tịch UBND phường');
    expect(await page.locator('#dialogue-status').innerText()).toBe('Có 1 câu trả lời mới.');
    expect(refused).toEqual([]);
    // The same page without refreshing: no navigation happened.
    expect(page.url()).toBe(portalUrl(t.port, SAIGON, `/giao-luu/${ids.live}`));
    await screenshot(page, join(SHOTS, 'site-dialogue-live.png'));
    await context.close();
  });

  it('a past session lists its answers in the order given and takes no more questions', async () => {
    const page = await noScript.newPage();
    await page.goto(portalUrl(t.port, SAIGON, `/en/giao-luu/${ids.past}`));
    const answers = await page.locator('#dialogue-answers > li .dialogue-q p:not(.meta)').allInnerTexts();
    expect(answers).toEqual([
      'Chung cư cũ cần trang bị bình chữa cháy thế nào?',
      'Nhà trọ có phải lắp báo cháy không?',
    ]);
    expect(await page.locator('#gui-cau-hoi').innerText()).toContain('no longer takes questions');
    expect(await page.locator('form.form').count()).toBe(0);
    const posted = await t.http({
      method: 'POST',
      host: SAIGON,
      path: `/giao-luu/${ids.past}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Lê Văn Cường',
        text: 'Câu hỏi gửi sau khi đã kết thúc.',
        website: '',
      }).toString(),
    });
    expect(posted.status).toBe(400);
    expect(posted.text).toContain('không nhận câu hỏi');
    await page.close();
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the dialogue pages (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        for (const path of [
          '/giao-luu',
          `/giao-luu/${ids.live}`,
          `/giao-luu/${ids.open}`,
          `/giao-luu/${ids.past}`,
        ]) {
          await page.goto(portalUrl(t.port, SAIGON, `${prefix}${path}`));
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
        }
        if (name === '375' && !prefix) await screenshot(page, join(SHOTS, 'site-dialogue-past-mobile.png'));
        await context.close();
      });
});
