import type { Browser } from 'playwright-core';
import { Role } from '../libs/access/src';
import { launchBrowser, screenshot } from './support/browser';
import { ConsoleSession, PNG_1X1, assertConsoleBuilt, consoleViolations, signIn } from './support/console';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Media items in the console, in a real chromium against the real server: a contributor uploads a
 * video, its poster and captions on the item page (a renamed executable refused with the server's
 * message), then a gallery's photos, gives one a caption and credit, moves it up and withdraws
 * another; the server's view of the gallery follows. axe finds nothing on the panel.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
  Buffer.alloc(4096, 3),
]);
const VTT = Buffer.from('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nXin chào\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);

describe('the console: media items (video, gallery)', () => {
  let t: TestApp;
  let browser: Browser;
  let session: ConsoleSession;
  let writer = '';
  const ids: Record<string, string> = {};

  const create = async (kind: string, title: string) => {
    const res = await t.gql<{ createContent: { id: string } }>(
      SAIGON,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id } } }`,
      {
        i: {
          tenantId: t.tenant(SAIGON).id,
          kind,
          title,
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Nguyễn Văn An',
          source: 'Ban biên tập',
          fields: {},
        },
      },
      { token: writer },
    );
    return res.body.data!.createContent.id;
  };
  const media = async (itemId: string) =>
    (
      await t.gql<{ itemMedia: any }>(
        SAIGON,
        `query($i: ID!) { itemMedia(itemId: $i) { main { fileName mediaType } poster { fileName } captions { fileName }
          photos { id fileName position captionVi creditVi } } }`,
        { i: itemId },
        { token: writer },
      )
    ).body.data!.itemMedia;

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    await t.createAccount({ username: 'phongvien.sg', homeHost: SAIGON, role: Role.CONTRIBUTOR });
    writer = (await t.login('phongvien.sg', SAIGON)).accessToken;
    ids.video = await create('VIDEO', 'Video: khánh thành công viên');
    ids.gallery = await create('PHOTO_GALLERY', 'Ảnh: ngày hội đọc sách');
    browser = await launchBrowser();
    session = await signIn(browser, t, SAIGON, 'phongvien.sg');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await t?.close();
  });

  it('uploads a video, its poster and captions; a renamed executable is refused with the server’s words', async () => {
    const { page } = session;
    await session.open(`/noi-dung/${ids.video}`);
    const panel = page.getByRole('region', { name: 'Tệp phát' });
    await panel.waitFor();
    await panel
      .getByLabel('Tải video (MP4, WebM)')
      .setInputFiles({ name: 'setup.mp4', mimeType: 'video/mp4', buffer: EXE });
    await panel.getByRole('alert').waitFor();
    expect(await panel.getByRole('alert').innerText()).toContain('theo nội dung tệp');
    await panel
      .getByLabel('Tải video (MP4, WebM)')
      .setInputFiles({ name: 'khanh-thanh.mp4', mimeType: 'video/mp4', buffer: MP4 });
    await panel.getByText('khanh-thanh.mp4', { exact: true }).waitFor();
    await panel
      .getByLabel('Tải ảnh đại diện')
      .setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await panel.getByText('poster.png', { exact: true }).waitFor();
    await panel
      .getByLabel('Tải phụ đề WebVTT')
      .setInputFiles({ name: 'phu-de.vtt', mimeType: 'text/vtt', buffer: VTT });
    await panel.getByText('phu-de.vtt', { exact: true }).waitFor();
    expect(await media(ids.video)).toMatchObject({
      main: { fileName: 'khanh-thanh.mp4', mediaType: 'video/mp4' },
      poster: { fileName: 'poster.png' },
      captions: { fileName: 'phu-de.vtt' },
    });
    const violations = await consoleViolations(page);
    expect(violations).toEqual([]);
  });

  it('orders a gallery, describes and withdraws its photos', async () => {
    const { page } = session;
    await session.open(`/noi-dung/${ids.gallery}`);
    const panel = page.getByRole('region', { name: 'Ảnh của bộ ảnh' });
    await panel.waitFor();
    await panel
      .getByLabel('Thêm ảnh')
      .setInputFiles(
        ['mot.png', 'hai.png', 'ba.png'].map((name) => ({ name, mimeType: 'image/png', buffer: PNG_1X1 })),
      );
    await panel.getByText('Ảnh 3: ba.png').waitFor();
    await panel.getByLabel('Chú thích ảnh 2 (tiếng Việt)').fill('Thiếu nhi đọc sách');
    await panel.getByLabel('Tác giả ảnh 2 (tiếng Việt)').fill('Lê Văn Bình');
    await panel.getByRole('button', { name: 'Lưu chú thích ảnh 2' }).click();
    await page.getByText('Đã lưu.').first().waitFor();
    await panel.getByRole('button', { name: 'Đưa ảnh 2 lên' }).click();
    await panel.getByText('Ảnh 1: hai.png').waitFor();
    await panel.getByRole('button', { name: 'Gỡ ảnh 3' }).click();
    await panel.getByText('Ảnh 3: ba.png').waitFor({ state: 'detached' });
    const after = await media(ids.gallery);
    expect(after.photos.map((p: { fileName: string; position: number }) => [p.fileName, p.position])).toEqual(
      [
        ['hai.png', 0],
        ['mot.png', 1],
      ],
    );
    expect(after.photos[0]).toMatchObject({ captionVi: 'Thiếu nhi đọc sách', creditVi: 'Lê Văn Bình' });
    expect(await panel.getByText('Số ảnh được tính nhuận bút: 2').count()).toBe(1);
    await screenshot(page, 'test-output/screenshots/console-media-gallery.png');
    expect(await consoleViolations(page)).toEqual([]);
  });
});
