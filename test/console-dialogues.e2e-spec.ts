import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Role } from '../libs/access/src';
import { launchBrowser, screenshot } from './support/browser';
import { ConsoleSession, assertConsoleBuilt, consoleViolations, signIn } from './support/console';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const WARD = 'saigon.hochiminhcity.gov.vn';
const SHOTS = join(__dirname, '..', 'docs', 'screenshots');
const ASK = `mutation($i: AskDialogueQuestionInput!) { askDialogueQuestion(input: $i) {
  __typename ... on DialogueQuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
const PUBLIC = `query($id: ID!) { publicDialogue(id: $id) { state answers { question answer guestName } transcriptSlug } }`;

// The console's online dialogues: a board member schedules a session with its guests (a refused
// field shown by the field), opens it, moderates the questions (selects one with an edited text and
// a guest, rejects another with a reason), starts it, records the guest's answer (published on the
// session page at once) and ends it, which drafts the transcript item linked from the screen. axe
// finds nothing on the list and the session screen.
describe('the editors’ console: online dialogues', () => {
  let t: TestApp;
  let browser: Browser;
  const sessions: ConsoleSession[] = [];
  const as = async (username: string) => {
    const s = await signIn(browser, t, WARD, username);
    sessions.push(s);
    return s;
  };
  const ask = async (dialogueId: string, name: string, text: string) => {
    const res = await t.gql<{ askDialogueQuestion: { trackingCode: string } }>(WARD, ASK, {
      i: { dialogueId, name, email: 'nguoidan@example.vn', text, proof: { website: '' } },
    });
    return res.body.data!.askDialogueQuestion.trackingCode;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp({
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    await t.createAccount({ username: 'bientap.saigon', homeHost: WARD, role: Role.BOARD_MEMBER });
    await t.createAccount({ username: 'ctv.saigon', homeHost: WARD, role: Role.CONTRIBUTOR });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('a board member schedules, moderates, answers and ends a session', async () => {
    const { page, open } = await as('bientap.saigon');
    await open('/cong-dan/giao-luu');
    await page.getByRole('heading', { level: 1, name: 'Giao lưu trực tuyến' }).waitFor();
    const form = page.locator('section[aria-labelledby="h-new-dialogue"]');
    await form
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Giao lưu về dịch vụ công trực tuyến');
    await form
      .getByRole('textbox', { name: 'Chủ đề', exact: true })
      .fill('Lãnh đạo phường trả lời người dân.');
    await form.getByRole('textbox', { name: 'Địa điểm' }).fill('Hội trường UBND phường');
    await form.getByLabel('Bắt đầu').fill('2030-03-02T09:00');
    await form.getByLabel('Kết thúc').fill('2030-03-02T08:00');
    await form.getByLabel('Khách mời 1: họ tên').fill('Nguyễn Văn An');
    await form.getByLabel('Khách mời 1: chức vụ').fill('Chủ tịch UBND phường');
    await form.getByLabel('Khách mời 1: đơn vị').fill('UBND phường Sài Gòn');
    await form.getByRole('button', { name: 'Lên lịch' }).click();
    // Refused on its field: the end before the start.
    await page.getByText('Thời điểm kết thúc phải sau thời điểm bắt đầu.').first().waitFor();
    expect(await form.getByLabel('Kết thúc').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Kết thúc').fill('2030-03-02T11:00');
    await form.getByRole('button', { name: 'Thêm khách mời' }).click();
    await form.getByLabel('Khách mời 2: loại').selectOption('EXPERT');
    await form.getByLabel('Khách mời 2: họ tên').fill('Trần Thị Bích');
    await form.getByLabel('Khách mời 2: chức vụ').fill('Chuyên viên');
    await form.getByLabel('Khách mời 2: đơn vị').fill('Trung tâm Chuyển đổi số');
    expect(await consoleViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Lên lịch' }).click();
    await page.waitForURL(/\/quan-tri\/cong-dan\/giao-luu\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Giao lưu về dịch vụ công trực tuyến' }).waitFor();

    await page.getByRole('button', { name: 'Mở nhận câu hỏi' }).click();
    await page.getByText('Đang nhận câu hỏi ·').waitFor();
    await ask(id, 'Lê Văn Cường', 'Thủ tục đăng ký tạm trú có làm trực tuyến được không, cần giấy tờ gì?');
    await ask(id, 'Người gửi khác', 'Câu hỏi không liên quan đến chủ đề buổi giao lưu này.');
    await page.reload();
    const first = page.locator('article', { hasText: 'Lê Văn Cường' });
    const second = page.locator('article', { hasText: 'Người gửi khác' });
    await first.waitFor();
    expect(await first.innerText()).toContain('nguoidan@example.vn');
    await first
      .getByLabel('Nội dung hiển thị trên trang (bản gốc được giữ)')
      .fill('Thủ tục đăng ký tạm trú có làm trực tuyến được không?');
    await first.getByLabel('Khách mời trả lời').selectOption({ label: 'Nguyễn Văn An' });
    await first.getByRole('button', { name: 'Chọn câu hỏi' }).click();
    await first.getByText('Đã chọn, chờ trả lời').waitFor();
    await second.getByRole('button', { name: 'Không chọn' }).click();
    await second.getByRole('alert').filter({ hasText: 'Cần nhập lý do' }).waitFor();
    await second.getByLabel('Lý do không chọn').fill('Không thuộc chủ đề buổi giao lưu.');
    await second.getByRole('button', { name: 'Không chọn' }).click();
    await second.getByText('Lý do không chọn: Không thuộc chủ đề buổi giao lưu.').waitFor();
    expect(await consoleViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Bắt đầu giao lưu' }).click();
    await page.getByText('Đang diễn ra ·').waitFor();
    await first
      .getByLabel(/Câu trả lời của Nguyễn Văn An/)
      .fill('Được. Người dân nộp hồ sơ trên Cổng dịch vụ công quốc gia.');
    await first.getByRole('button', { name: 'Đăng câu trả lời' }).click();
    await first.getByText('Đã trả lời (đã đăng)').waitFor();
    const live = await t.gql<{ publicDialogue: Record<string, any> }>(WARD, PUBLIC, { id });
    expect(live.body.data!.publicDialogue).toMatchObject({
      state: 'LIVE',
      answers: [
        {
          question: 'Thủ tục đăng ký tạm trú có làm trực tuyến được không?',
          answer: 'Được. Người dân nộp hồ sơ trên Cổng dịch vụ công quốc gia.',
          guestName: 'Nguyễn Văn An',
        },
      ],
    });
    expect(await consoleViolations(page)).toEqual([]);
    await screenshot(page, join(SHOTS, 'console-dialogue-live.png'));

    await page.getByRole('button', { name: 'Kết thúc (tạo bản nháp nội dung)' }).click();
    const transcript = page.getByRole('link', { name: /Nội dung buổi giao lưu/ });
    await transcript.waitFor();
    await transcript.click();
    await page.waitForURL(/\/quan-tri\/noi-dung\/[0-9a-f-]{36}$/);
    await page.getByText('Giao lưu trực tuyến: Giao lưu về dịch vụ công trực tuyến').first().waitFor();
  });

  it('a contributor is shown the server’s refusal, and is offered no entry in the menu', async () => {
    const { page, open } = await as('ctv.saigon');
    await open('/cong-dan/giao-luu');
    await page.getByRole('alert').filter({ hasText: 'Bạn không có quyền' }).waitFor();
    expect(await page.getByRole('button', { name: 'Lên lịch' }).count()).toBe(0);
    expect(
      await page
        .getByRole('navigation', { name: 'Menu chính' })
        .getByRole('link', { name: 'Giao lưu trực tuyến' })
        .count(),
    ).toBe(0);
    expect(await consoleViolations(page)).toEqual([]);
  });
});
