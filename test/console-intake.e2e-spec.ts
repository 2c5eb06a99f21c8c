import type { Browser } from 'playwright-core';
import { Role } from '../libs/access/src';
import { launchBrowser } from './support/browser';
import { ConsoleSessions, assertConsoleBuilt, consoleViolations } from './support/console';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const WARD = 'saigon.hochiminhcity.gov.vn';
const SEND = `mutation($i: SendInformationInput!) { sendInformation(input: $i) {
  __typename ... on SentInformationReceipt { trackingCode } ... on InputError { errorCode field } } }`;

// The console's share of the structured fields and of information sent in: the kind-fields form
// offers a project's status and a reception session's kind by their names and shows the server's
// refusal by the field it names; a contributor takes up sent information from the intake queue
// and lands in the editor of the draft written from it; the board declines one with a reason.
describe('the editors’ console: structured fields and the intake queue', () => {
  let t: TestApp;
  let browser: Browser;
  const consoles = new ConsoleSessions(() => browser, () => t);
  const as = (username: string) => consoles.signIn(WARD, username);
  const send = async (title: string) => {
    const res = await t.gql<{ sendInformation: { trackingCode: string } }>(WARD, SEND, {
      i: {
        name: 'Trần Văn Bình',
        organisation: 'Trường THCS Văn Lang',
        email: 'binh.tv@example.vn',
        title,
        body: 'Sáng 5/12, nhà trường khai giảng lớp kỹ năng số miễn phí cho 120 phụ huynh.',
        proof: { website: '' },
      },
    });
    return res.body.data!.sendInformation.trackingCode;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp({
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    await t.createAccount({ username: 'ctv.saigon', homeHost: WARD, role: Role.CONTRIBUTOR });
    await t.createAccount({ username: 'bientap.saigon', homeHost: WARD, role: Role.BOARD_MEMBER });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await consoles.closeAll();
    await t?.close();
  });

  it('the kind fields name the values and show a refused session cell by its field', async () => {
    const { page, open } = await as('ctv.saigon');
    await open('/noi-dung/moi?kind=PROJECT');
    const status = page.locator('select[name="status"]');
    await status.waitFor();
    expect(await status.locator('option').allTextContents()).toEqual([
      '—',
      'Đang chuẩn bị đầu tư',
      'Đang triển khai',
      'Đã hoàn thành',
      'Tạm dừng',
    ]);
    expect(await consoleViolations(page)).toEqual([]);

    await open('/noi-dung/moi?kind=CITIZEN_RECEPTION');
    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Lịch tiếp công dân tháng 12');
    await page.getByRole('button', { name: 'Thêm dòng' }).click();
    await page.locator('select[name="type"]').waitFor();
    await page.locator('select[name="type"]').selectOption('AD_HOC');
    await page.locator('input[name="leader"]').fill('Chủ tịch UBND phường');
    await page.locator('input[name="place"]').fill('Trụ sở UBND phường');
    await page.locator('input[name="from"]').fill('08:00');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    // An ad hoc session needs its date: the message sits by that cell.
    await page.getByText('buổi tiếp đột xuất cần ngày tiếp').first().waitFor();
    expect(await page.locator('input[name="date"]').getAttribute('aria-invalid')).toBe('true');
    expect(await consoleViolations(page)).toEqual([]);
  });

  it('a contributor takes up sent information and lands in the editor of its draft', async () => {
    const code = await send('Trường THCS Văn Lang khai giảng lớp kỹ năng số');
    const { page, open } = await as('ctv.saigon');
    await open('/thong-tin-gui-den');
    await page
      .getByRole('heading', { level: 2, name: 'Trường THCS Văn Lang khai giảng lớp kỹ năng số' })
      .waitFor();
    expect(await page.locator('main').innerText()).toContain(code);
    expect(await consoleViolations(page)).toEqual([]);
    // A contributor may take up, not decline.
    expect(await page.getByRole('button', { name: 'Không sử dụng' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Nhận biên tập' }).click();
    await page.waitForURL(/\/quan-tri\/noi-dung\/[0-9a-f-]{36}\/sua$/);
    await page.getByRole('heading', { name: /Sửa bài/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).inputValue()).toBe(
      'Trường THCS Văn Lang khai giảng lớp kỹ năng số',
    );
  });

  it('the board declines one with a reason, which the sender reads by the code', async () => {
    const code = await send('Thông tin không thuộc phạm vi của cổng');
    const { page, open } = await as('bientap.saigon');
    await open('/thong-tin-gui-den');
    const card = page.locator('section[aria-labelledby]', {
      hasText: 'Thông tin không thuộc phạm vi của cổng',
    });
    await card.getByRole('button', { name: 'Không sử dụng' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cần ghi lý do' }).waitFor();
    await card.getByLabel('Lý do không sử dụng').fill('Nội dung ngoài phạm vi thông tin của cổng.');
    await card.getByRole('button', { name: 'Không sử dụng' }).click();
    await page.getByText('Thông tin không thuộc phạm vi của cổng').waitFor({ state: 'detached' });
    const tracked = await t.gql<{ trackSentInformation: { status: string; declineReason: string } }>(
      WARD,
      'query($c: String!) { trackSentInformation(code: $c) { status declineReason } }',
      { c: code },
    );
    expect(tracked.body.data!.trackSentInformation).toEqual({
      status: 'DECLINED',
      declineReason: 'Nội dung ngoài phạm vi thông tin của cổng.',
    });
  });
});
