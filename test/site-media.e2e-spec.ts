import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
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
 * Media items on the website: a video page (native <video>, poster, captions as <track>, download
 * link), an audio page and a gallery page (figures with captions and credits), with no script;
 * axe finds nothing, vi and en, at 1280 and 375 px; the <video> element's source answers 206 to a
 * Range request from the page, as a player's would be.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';

/** A PNG of `w`×`h` pixels: a diagonal gradient between two colours (stands for a photo). */
function png(w: number, h: number, from: [number, number, number], to: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const f = (x / w + y / h) / 2;
      const at = y * (w * 3 + 1) + 1 + x * 3;
      for (let c = 0; c < 3; c++) rows[at + c] = Math.round(from[c] + (to[c] - from[c]) * f);
    }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const mp4 = (n: number) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
    Buffer.alloc(n, 7),
  ]);
const mp3 = (n: number) =>
  Buffer.concat([
    Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]),
    Buffer.from([0xff, 0xfb, 0x90, 0x64]),
    Buffer.alloc(n, 1),
  ]);
const VTT = Buffer.from(
  'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nKính thưa quý vị đại biểu\n\n00:00:03.000 --> 00:00:06.000\nHội nghị tổng kết năm 2026 bắt đầu\n',
);

describe('website: video, audio and photo gallery pages', () => {
  let t: TestApp;
  let browser: Browser;
  const tok: Record<string, string> = {};
  const pages: Record<'video' | 'audio' | 'gallery', string> = { video: '', audio: '', gallery: '' };

  const upload = (role: string, data: Buffer, filename: string, itemId: string) =>
    new Promise<{ id: string }>((resolve, reject) => {
      const boundary = `----site${randomUUID()}`;
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n${itemId}\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const req = request(
        {
          host: '127.0.0.1',
          port: t.port,
          method: 'POST',
          path: `/media/${role}`,
          headers: {
            host: SAIGON,
            authorization: `Bearer ${tok.writer}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(body.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const json = JSON.parse(Buffer.concat(chunks).toString());
            if (res.statusCode !== 201) reject(new Error(JSON.stringify(json)));
            else resolve(json);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const gql = async (token: string, query: string, variables: Record<string, unknown>) => {
    const res = await t.gql(SAIGON, query, variables, { token });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!;
  };
  const item = async (kind: string, title: string, summary: string) =>
    (
      await gql(
        tok.writer,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id slug } ... on InputError { errorCode field } } }`,
        {
          i: {
            tenantId: t.tenant(SAIGON).id,
            kind,
            title,
            summary,
            bodyHtml: `<p>${summary}</p>`,
            authorName: 'Ban biên tập',
            source: 'UBND phường Sài Gòn',
            fields: { eventDate: '2026-12-01' },
          },
        },
      )
    ).createContent as { id: string; slug: string };
  const publish = async (itemId: string) => {
    for (const [action, who] of [
      ['SUBMIT', 'writer'],
      ['TAKE_FOR_REVIEW', 'member'],
      ['APPROVE', 'head'],
      ['PUBLISH', 'member'],
    ] as const)
      await gql(
        tok[who],
        `mutation($i: String!) { transitionContent(itemId: $i, action: ${action}) { __typename } }`,
        {
          i: itemId,
        },
      );
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    tok.writer = await t.asUser('site-media-writer', Role.CONTRIBUTOR, SAIGON);
    tok.member = await t.asUser('site-media-member', Role.BOARD_MEMBER, SAIGON);
    tok.head = await t.asUser('site-media-head', Role.BOARD_HEAD, SAIGON);

    const video = await item(
      'VIDEO',
      'Hội nghị tổng kết năm 2026 của phường Sài Gòn',
      'Toàn văn video hội nghị.',
    );
    await upload('video', mp4(200 * 1024), 'hoi-nghi-tong-ket.mp4', video.id);
    await upload('poster', png(640, 360, [0, 82, 155], [200, 16, 46]), 'poster.png', video.id);
    await upload('captions', VTT, 'phu-de.vtt', video.id);
    await publish(video.id);
    pages.video = video.slug;

    const audio = await item('AUDIO', 'Bản tin phát thanh phường tuần 48', 'Bản tin phát thanh hằng tuần.');
    await upload('audio', mp3(64 * 1024), 'ban-tin-tuan-48.mp3', audio.id);
    await publish(audio.id);
    pages.audio = audio.slug;

    const gallery = await item(
      'PHOTO_GALLERY',
      'Ngày hội Đại đoàn kết toàn dân tộc',
      'Những hình ảnh của ngày hội.',
    );
    const colours: Array<[[number, number, number], [number, number, number]]> = [
      [
        [34, 139, 34],
        [240, 230, 140],
      ],
      [
        [70, 130, 180],
        [255, 255, 255],
      ],
      [
        [178, 34, 34],
        [255, 215, 0],
      ],
    ];
    const ids: string[] = [];
    for (const [i, [a, b]] of colours.entries())
      ids.push((await upload('photo', png(800, 533, a, b), `anh-${i + 1}.png`, gallery.id)).id);
    const captions = [
      ['Người dân dự lễ khai mạc', 'Residents at the opening', 'Nguyễn Văn An'],
      ['Trao quà cho hộ nghèo', 'Gifts for poor households', 'Trần Thị Bích'],
      ['Văn nghệ chào mừng', 'A welcome performance', 'Lê Minh Châu'],
    ];
    for (const [i, id] of ids.entries())
      await gql(
        tok.writer,
        `mutation($id: ID!, $in: DescribeGalleryPhotoInput!) { describeGalleryPhoto(id: $id, input: $in) { __typename } }`,
        {
          id,
          in: {
            captionVi: captions[i][0],
            captionEn: captions[i][1],
            creditVi: captions[i][2],
            creditEn: captions[i][2],
          },
        },
      );
    await gql(
      tok.writer,
      `mutation($i: ID!, $p: [ID!]!) { reorderGallery(itemId: $i, photoIds: $p) { __typename } }`,
      {
        i: gallery.id,
        p: [ids[2], ids[0], ids[1]],
      },
    );
    await publish(gallery.id);
    pages.gallery = gallery.slug;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the video page: a native player with poster and captions, a download link, no script', async () => {
    const context = await portalContext(browser, t.port);
    const page = await context.newPage();
    const mediaAnswers: Array<{ url: string; status: number; range: string | null }> = [];
    page.on('response', (r) => {
      if (r.url().includes('/media/'))
        mediaAnswers.push({ url: r.url(), status: r.status(), range: r.request().headers().range ?? null });
    });
    await page.goto(portalUrl(t.port, SAIGON, `/bai-viet/${pages.video}`));
    const video = page.locator('video.media-player');
    expect(await video.count()).toBe(1);
    expect(await video.getAttribute('controls')).not.toBeNull();
    expect(await video.getAttribute('poster')).toMatch(/^\/media\/[0-9a-f-]+$/);
    const src = (await page.locator('video.media-player source').getAttribute('src'))!;
    expect(await page.locator('video.media-player source').getAttribute('type')).toBe('video/mp4');
    expect(await page.locator('video.media-player track').getAttribute('kind')).toBe('captions');
    expect(await page.locator('video.media-player track').getAttribute('srclang')).toBe('vi');
    const download = page.locator('.media-links a', { hasText: 'Tải video' });
    expect(await download.getAttribute('href')).toBe(src);
    expect(await download.getAttribute('download')).toBe('hoi-nghi-tong-ket.mp4');
    expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);

    // The player's source answers a Range request with 206 and exactly the bytes asked for.
    const answer = await page.evaluate(async (url) => {
      const r = await fetch(url, { headers: { Range: 'bytes=0-99' } });
      return {
        status: r.status,
        contentRange: r.headers.get('content-range'),
        acceptRanges: r.headers.get('accept-ranges'),
        length: (await r.arrayBuffer()).byteLength,
      };
    }, src);
    expect(answer).toEqual({
      status: 206,
      contentRange: `bytes 0-99/${200 * 1024 + 24}`,
      acceptRanges: 'bytes',
      length: 100,
    });
    // The captions and poster the page names are served too.
    const track = (await page.locator('video.media-player track').getAttribute('src'))!;
    const vtt = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, track);
    expect(vtt).toMatchObject({
      status: 200,
      type: 'text/vtt',
      text: expect.stringContaining('Hội nghị tổng kết'),
    });
    await screenshot(page, 'test-output/screenshots/site-media-video-1280.png');
    // What the browser itself asked for the page's media (the poster at least) came back well.
    expect(mediaAnswers.length).toBeGreaterThan(0);
    expect(mediaAnswers.filter((a) => a.status >= 400)).toEqual([]);
    await context.close();
  });

  it('the audio and gallery pages: <audio>, and figures with captions and credits in order', async () => {
    const context = await portalContext(browser, t.port, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(portalUrl(t.port, SAIGON, `/bai-viet/${pages.audio}`));
    expect(await page.locator('audio.media-player source').getAttribute('type')).toBe('audio/mpeg');
    expect(await page.locator('.media-links a').first().innerText()).toMatch(
      /^Tải bản ghi âm \(MP3, 64 KB\)$/,
    );
    await screenshot(page, 'test-output/screenshots/site-media-audio-1280.png');

    await page.goto(portalUrl(t.port, SAIGON, `/bai-viet/${pages.gallery}`));
    expect(await page.locator('#h-gallery').innerText()).toBe('Ảnh (3)');
    const figures = await page.locator('.gallery-photos figure figcaption').allInnerTexts();
    expect(figures.map((f) => f.replace(/\s+/g, ' ').trim())).toEqual([
      'Văn nghệ chào mừng Ảnh: Lê Minh Châu',
      'Người dân dự lễ khai mạc Ảnh: Nguyễn Văn An',
      'Trao quà cho hộ nghèo Ảnh: Trần Thị Bích',
    ]);
    expect(await page.locator('.gallery-photos img').first().getAttribute('alt')).toBe('Văn nghệ chào mừng');
    expect(await page.locator('.gallery-photos img').first().getAttribute('width')).toBe('800');
    await screenshot(page, 'test-output/screenshots/site-media-gallery-1280.png');
    await page.goto(portalUrl(t.port, SAIGON, `/en/bai-viet/${pages.gallery}`));
    expect(await page.locator('#h-gallery').innerText()).toBe('Photos (3)');
    expect(await page.locator('.gallery-photos figcaption').first().innerText()).toContain(
      'Photo: Lê Minh Châu',
    );
    await context.close();
  });

  for (const [name, viewport] of [
    ['1280', DESKTOP],
    ['375', MOBILE],
  ] as const)
    for (const prefix of ['', '/en'])
      it(`axe finds nothing on the media pages (${prefix || 'vi'}, ${name} px)`, async () => {
        const context = await portalContext(browser, t.port, { viewport });
        const page = await context.newPage();
        for (const kind of ['video', 'audio', 'gallery'] as const) {
          const res = await page.goto(portalUrl(t.port, SAIGON, `${prefix}/bai-viet/${pages[kind]}`));
          expect({ kind, status: res?.status() }).toEqual({ kind, status: 200 });
          expect({ kind, violations: await axeViolations(page) }).toEqual({ kind, violations: [] });
          if (name === '375' && !prefix)
            await screenshot(page, `test-output/screenshots/site-media-${kind}-375.png`);
        }
        await context.close();
      });
});
