import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { Role } from '../libs/access/src';
import { TINY_PNG } from './support/zip-fixture';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Media items, "Must show": video and audio typed by their bytes (a renamed executable refused on
 * its field), size limits per kind, captions checked, byte ranges with validators and caching,
 * drafts for the portal's officers only, galleries ordered and described with each photo counted
 * for royalties, other portals refused, and a merge carrying the rows. Over HTTP, real PostgreSQL.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';
const KIB = 1024;
const AUDIO_LIMIT = 64 * KIB;

/** Bytes of an MP4 (an `ftyp` box of brand isom) followed by `n` bytes of a pattern. */
export function mp4(n: number, seed = 'mp4'): Buffer {
  const head = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
  ]);
  return Buffer.concat([head, pattern(n, seed)]);
}
function pattern(n: number, seed: string): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(seed).digest();
  for (let at = 0; at < n; at += block.length) {
    block.copy(out, at, 0, Math.min(block.length, n - at));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}
const webm = () =>
  Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]),
    Buffer.from('webm', 'latin1'),
    pattern(2000, 'webm'),
  ]);
/** An MP3: an ID3v2.3 tag of 10 bytes, then MPEG-1 layer III frames. */
const mp3 = (n = 4000, seed = 'mp3') =>
  Buffer.concat([
    Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10]),
    Buffer.alloc(10),
    Buffer.from([0xff, 0xfb, 0x90, 0x64]),
    pattern(n, seed),
  ]);
const m4a = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypM4A \0\0\0\0M4A isom', 'latin1'),
    pattern(3000, 'm4a'),
  ]);
const VTT = Buffer.from(
  'WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nKính thưa quý vị đại biểu\n\n00:00:02.500 --> 00:00:05.000\nHội nghị bắt đầu\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('PE\0\0'), pattern(500, 'exe')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json: any;
}

function raw(
  port: number,
  o: { method: string; path: string; host: string; headers?: Record<string, string>; body?: Buffer },
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: o.method,
        path: o.path,
        headers: {
          host: o.host,
          ...(o.body ? { 'content-length': String(o.body.length) } : {}),
          ...o.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          let json: unknown = null;
          try {
            json = JSON.parse(body.toString('utf8'));
          } catch {
            // bytes
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

function multipart(
  file: { data: Buffer; filename: string; type?: string } | null,
  fields: Record<string, string>,
  boundary: string,
): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

const ITEM = `__typename ... on ContentItem { id slug } ... on InputError { errorCode field }`;
const MEDIA = `itemId photoCount main { id role mediaType size sha256 url } poster { id width height } captions { id mediaType }
  photos { id position captionVi captionEn creditVi creditEn width height }`;
const R_MEDIA = `__typename ... on ItemMedia { ${MEDIA} } ... on InputError { errorCode field messageVi messageEn }`;
const ATTACH = `mutation($i: ID!, $f: ID!) { attachMediaFile(itemId: $i, mediaFileId: $f) { ${R_MEDIA} } }`;
const DESCRIBE = `mutation($id: ID!, $in: DescribeGalleryPhotoInput!) { describeGalleryPhoto(id: $id, input: $in) { ${R_MEDIA} } }`;
const REORDER = `mutation($i: ID!, $p: [ID!]!) { reorderGallery(itemId: $i, photoIds: $p) { ${R_MEDIA} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawMediaFile(id: $id) { ${R_MEDIA} } }`;
const READ = `query($i: ID!) { itemMedia(itemId: $i) { ${MEDIA} } }`;
const GRADE = `mutation($i: GradeItemInput!) { gradeItem(input: $i) { __typename
  ... on RoyaltyGrade { id genre photoCount photoCoefficient } ... on InputError { errorCode field messageVi messageEn } } }`;

describe('media: video, audio, galleries', () => {
  let t: TestApp;
  let db: Client;
  let dataDir: string;
  const saved: Record<string, string | undefined> = {};
  const tok: Record<string, string> = {};
  let writerId = '';

  const auth = (token?: string | null): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};
  const upload = (
    host: string,
    role: string,
    file: { data: Buffer; filename: string; type?: string } | null,
    token: string | null,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) => {
    const boundary = `----media${randomUUID()}`;
    return raw(t.port, {
      method: 'POST',
      path: `/media/${role}`,
      host,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...auth(token), ...headers },
      body: multipart(file, fields, boundary),
    });
  };
  /** Streams an upload of `total` bytes with its length declared; resolves with the first answer. */
  const declaredUpload = (role: string, total: number) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const boundary = `----media${randomUUID()}`;
      const opening = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n`,
      );
      const filler = Buffer.alloc(16 * KIB, 1);
      const body = Readable.from(
        (function* () {
          yield opening;
          for (let sent = 0; sent < total; sent += filler.length) yield filler;
        })(),
        { objectMode: false },
      );
      let answered = false;
      const req = request(
        {
          host: '127.0.0.1',
          port: t.port,
          method: 'POST',
          path: `/media/${role}`,
          headers: {
            host: SAIGON,
            ...auth(tok.writer),
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(opening.length + total),
          },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            body.destroy();
            req.destroy();
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) });
          });
          res.on('error', () => undefined);
        },
      );
      // Once answered, the server stops reading: a write error then is expected.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      body.pipe(req);
    });
  const get = (
    host: string,
    id: string,
    headers: Record<string, string> = {},
    token?: string,
    method = 'GET',
  ) => raw(t.port, { method, path: `/media/${id}`, host, headers: { ...auth(token), ...headers } });
  // Answers are read loosely here: each test states the shape it expects.
  const gql = async (
    host: string,
    token: string | null,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<any> => (await t.gql(host, query, variables, { token })).body;
  const create = async (
    host: string,
    token: string,
    kind: string,
    title: string,
  ): Promise<{ id: string; slug: string }> => {
    const body = await gql(
      host,
      token,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind,
          title,
          bodyHtml: `<p>${title}</p>`,
          authorName: 'Nguyễn Văn An',
          source: 'Ban biên tập',
          fields: {},
        },
      },
    );
    if (body.data?.createContent?.__typename !== 'ContentItem') throw new Error(JSON.stringify(body));
    return body.data.createContent;
  };
  const step = async (host: string, itemId: string, action: string, token: string) => {
    const body = await gql(
      host,
      token,
      `mutation($i: String!) { transitionContent(itemId: $i, action: ${action}) { __typename ... on InputError { errorCode } } }`,
      { i: itemId },
    );
    expect({ action, r: body.data?.transitionContent?.__typename }).toEqual({ action, r: 'ContentItem' });
  };
  const publish = async (
    host: string,
    itemId: string,
    who: { writer: string; member: string; head: string },
  ) => {
    await step(host, itemId, 'SUBMIT', who.writer);
    await step(host, itemId, 'TAKE_FOR_REVIEW', who.member);
    await step(host, itemId, 'APPROVE', who.head);
    await step(host, itemId, 'PUBLISH', who.member);
  };
  const saigon = () => ({ writer: tok.writer, member: tok.member, head: tok.head });

  beforeAll(async () => {
    for (const name of ['MEDIA_AUDIO_MAX_BYTES', 'MEDIA_PUBLIC_MAX_AGE']) saved[name] = process.env[name];
    process.env.MEDIA_AUDIO_MAX_BYTES = String(AUDIO_LIMIT);
    delete process.env.MEDIA_PUBLIC_MAX_AGE;
    dataDir = mkdtempSync(join(tmpdir(), 'portal-media-'));
    t = await startTestApp({ dataDir });
    await t.apply(SMALL_TREES.city);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    writerId = await t.createAccount({ username: 'media-writer', homeHost: SAIGON, role: Role.CONTRIBUTOR });
    tok.writer = (await t.login('media-writer', SAIGON)).accessToken;
    tok.member = await t.asUser('media-member', Role.BOARD_MEMBER, SAIGON);
    tok.head = await t.asUser('media-head', Role.BOARD_HEAD, SAIGON);
    tok.otherHead = await t.asUser('media-head-bt', Role.BOARD_HEAD, BENTHANH);
    tok.otherWriter = await t.asUser('media-writer-bt', Role.CONTRIBUTOR, BENTHANH);
    tok.otherMember = await t.asUser('media-member-bt', Role.BOARD_MEMBER, BENTHANH);
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    await db?.end();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('uploads typed by content, limited per kind', () => {
    it('types video and audio by their bytes, whatever their names and declared types', async () => {
      const clip = mp4(3000, 'named-mov');
      const a = await upload(
        SAIGON,
        'video',
        { data: clip, filename: 'clip.mov', type: 'video/quicktime' },
        tok.writer,
      );
      expect(a.status).toBe(201);
      expect(a.json).toMatchObject({
        role: 'VIDEO',
        mediaType: 'video/mp4',
        size: clip.length,
        sha256: sha(clip),
      });
      const b = await upload(SAIGON, 'video', { data: webm(), filename: 'phong-su.bin' }, tok.writer);
      expect(b.json).toMatchObject({ mediaType: 'video/webm' });
      const c = await upload(
        SAIGON,
        'audio',
        { data: mp3(), filename: 'ban-tin.wav', type: 'audio/wav' },
        tok.writer,
      );
      expect(c.json).toMatchObject({ role: 'AUDIO', mediaType: 'audio/mpeg' });
      const d = await upload(SAIGON, 'audio', { data: m4a(), filename: 'ban-tin.m4a' }, tok.writer);
      expect(d.json).toMatchObject({ mediaType: 'audio/mp4' });
      const e = await upload(SAIGON, 'captions', { data: VTT, filename: 'phu-de.txt' }, tok.writer);
      expect(e.json).toMatchObject({ role: 'CAPTIONS', mediaType: 'text/vtt' });
      const f = await upload(SAIGON, 'poster', { data: TINY_PNG, filename: 'anh.jpg' }, tok.writer);
      expect(f.json).toMatchObject({ role: 'POSTER', mediaType: 'image/png', width: 1, height: 1 });
    });

    it('refuses a renamed executable, and a file of another kind, on the field "file" (vi and en)', async () => {
      const before = (await db.query('SELECT count(*)::int AS n FROM media_files')).rows[0].n;
      for (const [role, data, filename] of [
        ['video', EXE, 'setup.mp4'],
        ['audio', EXE, 'setup.mp3'],
        ['video', mp3(), 'ban-tin.mp4'],
        ['audio', mp4(100), 'clip.mp3'],
        ['poster', mp4(100), 'anh.png'],
        ['captions', Buffer.from('Chỉ là văn bản'), 'phu-de.vtt'],
      ] as const) {
        const res = await upload(SAIGON, role, { data, filename, type: 'video/mp4' }, tok.writer);
        expect({ role, filename, status: res.status }).toEqual({ role, filename, status: 415 });
        expect(res.json.errors[0].extensions).toMatchObject({
          code: 'UNSUPPORTED_TYPE',
          field: 'file',
          messageVi: expect.stringContaining('theo nội dung'),
          messageEn: expect.stringContaining('checked by content'),
        });
      }
      expect((await db.query('SELECT count(*)::int AS n FROM media_files')).rows[0].n).toBe(before);
    });

    it('checks captions: a broken timing is refused, naming the line', async () => {
      const res = await upload(
        SAIGON,
        'captions',
        { data: Buffer.from('WEBVTT\n\n00:00:03.000 --> 00:00:01.000\nNgược\n'), filename: 'x.vtt' },
        tok.writer,
      );
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions).toMatchObject({ code: 'INVALID_CAPTIONS', field: 'file' });
      expect(res.json.errors[0].extensions.messageVi).toContain('dòng 3');
      expect(res.json.errors[0].extensions.messageEn).toContain('line 3');
    });

    it('limits size per kind: audio over its configured limit is 413, declared or streamed', async () => {
      const big = mp3(AUDIO_LIMIT + 10 * KIB, 'too-big');
      const res = await upload(SAIGON, 'audio', { data: big, filename: 'dai.mp3' }, tok.writer);
      expect(res.status).toBe(413);
      expect(res.json.errors[0].extensions).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
      // A declared length far over the limit is refused before the body is read.
      const declared = await declaredUpload('audio', AUDIO_LIMIT * 4);
      expect(declared.status).toBe(413);
      expect(declared.json.errors[0].extensions).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
      // The same bytes as a video are within the video limit (1 GB by default).
      expect(
        (await upload(SAIGON, 'video', { data: mp4(AUDIO_LIMIT + 10 * KIB), filename: 'v.mp4' }, tok.writer))
          .status,
      ).toBe(201);
      // Just under the limit passes (limit minus the ID3 tag and frame header of the fixture).
      expect(
        (
          await upload(
            SAIGON,
            'audio',
            { data: mp3(AUDIO_LIMIT - 24, 'fits'), filename: 'vua.mp3' },
            tok.writer,
          )
        ).status,
      ).toBe(201);
    });

    it('refuses anonymous uploads, another portal’s officer, its item, an unknown kind and a missing file', async () => {
      expect((await upload(SAIGON, 'video', { data: mp4(10), filename: 'a.mp4' }, null)).status).toBe(401);
      expect(
        (await upload(SAIGON, 'video', { data: mp4(10), filename: 'a.mp4' }, tok.otherWriter)).status,
      ).toBe(403);
      // Another portal's writer, on its own host, naming this portal's item: not found, on its field.
      const target = await create(SAIGON, tok.writer, 'VIDEO', 'Video của phường Sài Gòn');
      const foreign = await upload(
        BENTHANH,
        'video',
        { data: mp4(10, 'x'), filename: 'a.mp4' },
        tok.otherWriter,
        {
          itemId: target.id,
        },
      );
      expect(foreign.status).toBe(404);
      expect(foreign.json.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'itemId' });
      expect((await upload(SAIGON, 'movie', { data: mp4(10), filename: 'a.mp4' }, tok.writer)).status).toBe(
        404,
      );
      const none = await upload(SAIGON, 'video', null, tok.writer);
      expect(none.json.errors[0].extensions).toMatchObject({ code: 'FILE_REQUIRED', field: 'file' });
    });
  });

  describe('a video item: attach, replace, serve with ranges', () => {
    let item: { id: string; slug: string };
    let clip: Buffer;
    let videoId = '';
    let etag = '';
    let lastModified = '';

    beforeAll(async () => {
      item = await create(SAIGON, tok.writer, 'VIDEO', 'Phóng sự: Phường Sài Gòn chỉnh trang đô thị');
      clip = mp4(100 * KIB, 'the-clip');
    });

    it('attaches by upload (with an idempotency key) and by mutation; a new video replaces the old', async () => {
      const first = await upload(
        SAIGON,
        'video',
        { data: mp4(500, 'first'), filename: 'cu.mp4' },
        tok.writer,
        {
          itemId: item.id,
        },
      );
      expect(first.status).toBe(201);
      expect(first.json.itemId).toBe(item.id);
      const key = { 'idempotency-key': `media-${randomUUID()}` };
      const up = await upload(
        SAIGON,
        'video',
        { data: clip, filename: 'Phóng sự.mp4' },
        tok.writer,
        { itemId: item.id },
        key,
      );
      const again = await upload(
        SAIGON,
        'video',
        { data: clip, filename: 'Phóng sự.mp4' },
        tok.writer,
        { itemId: item.id },
        key,
      );
      expect(up.status).toBe(201);
      expect(again.json).toEqual(up.json);
      videoId = up.json.id;
      expect(
        (await db.query('SELECT count(*)::int AS n FROM media_files WHERE sha256 = $1', [sha(clip)])).rows[0]
          .n,
      ).toBe(1);

      const poster = await upload(SAIGON, 'poster', { data: TINY_PNG, filename: 'poster.png' }, tok.writer);
      const captions = await upload(SAIGON, 'captions', { data: VTT, filename: 'phu-de.vtt' }, tok.writer);
      const idem = { 'idempotency-key': `attach-${randomUUID()}` };
      const r1 = await t.gql(
        SAIGON,
        ATTACH,
        { i: item.id, f: poster.json.id },
        { token: tok.writer, headers: idem },
      );
      const r2 = await t.gql(
        SAIGON,
        ATTACH,
        { i: item.id, f: poster.json.id },
        { token: tok.writer, headers: idem },
      );
      expect(r2.body.data).toEqual(r1.body.data);
      const attached = (await gql(SAIGON, tok.writer, ATTACH, { i: item.id, f: captions.json.id })).data
        .attachMediaFile;
      expect(attached).toMatchObject({
        __typename: 'ItemMedia',
        main: { id: videoId, mediaType: 'video/mp4', size: clip.length, url: `/media/${videoId}` },
        poster: { id: poster.json.id, width: 1, height: 1 },
        captions: { id: captions.json.id, mediaType: 'text/vtt' },
        photos: [],
      });
      // The replaced video is kept, withdrawn.
      const { rows } = await db.query('SELECT withdrawn_at IS NOT NULL AS w FROM media_files WHERE id = $1', [
        first.json.id,
      ]);
      expect(rows).toEqual([{ w: true }]);
    });

    it('refuses a file on an item of a kind it does not fit, on the field itemId', async () => {
      const news = await create(SAIGON, tok.writer, 'NEWS', 'Tin thường');
      const res = await upload(SAIGON, 'video', { data: mp4(10, 'news'), filename: 'a.mp4' }, tok.writer, {
        itemId: news.id,
      });
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions).toMatchObject({ code: 'MEDIA_NOT_FOR_KIND', field: 'itemId' });
      const photo = await upload(SAIGON, 'photo', { data: TINY_PNG, filename: 'p.png' }, tok.writer);
      const body = await gql(SAIGON, tok.writer, ATTACH, { i: item.id, f: photo.json.id });
      expect(body.data.attachMediaFile).toMatchObject({
        __typename: 'InputError',
        errorCode: 'MEDIA_NOT_FOR_KIND',
        field: 'itemId',
        messageVi: expect.any(String),
        messageEn: expect.any(String),
      });
    });

    it('a draft’s media: 404 to the public and to other portals’ officers, private to the portal’s officers', async () => {
      expect((await get(SAIGON, videoId)).status).toBe(404);
      expect((await get(SAIGON, videoId, {}, undefined, 'HEAD')).status).toBe(404);
      expect((await get(SAIGON, videoId, {}, tok.otherHead)).status).toBe(404);
      expect((await get(BENTHANH, videoId, {}, tok.otherHead)).status).toBe(404);
      // The portal's own officer, through another portal's host, is refused too.
      expect((await get(BENTHANH, videoId, {}, tok.member)).status).toBe(404);
      const officer = await get(SAIGON, videoId, { range: 'bytes=0-9' }, tok.head);
      expect(officer.status).toBe(206);
      expect(officer.headers['cache-control']).toBe('private, no-store');
      expect(officer.body.equals(clip.subarray(0, 10))).toBe(true);
      // Another portal's officer cannot read its media list either.
      expect((await gql(SAIGON, tok.otherHead, READ, { i: item.id })).data?.itemMedia ?? null).toBeNull();
      expect((await gql(BENTHANH, tok.otherHead, READ, { i: item.id })).data?.itemMedia ?? null).toBeNull();
    });

    it('published: served publicly with validators, cache headers and byte ranges', async () => {
      await publish(SAIGON, item.id, saigon());
      const full = await get(SAIGON, videoId);
      expect(full.status).toBe(200);
      expect(full.body.equals(clip)).toBe(true);
      expect(full.headers).toMatchObject({
        'accept-ranges': 'bytes',
        'content-type': 'video/mp4',
        'content-length': String(clip.length),
        'cache-control': 'public, max-age=3600',
        etag: `"${sha(clip)}"`,
        'x-content-type-options': 'nosniff',
      });
      etag = full.headers.etag as string;
      lastModified = full.headers['last-modified'] as string;
      expect(new Date(lastModified).toUTCString()).toBe(lastModified);
      // Not through another portal's host.
      expect((await get(BENTHANH, videoId)).status).toBe(404);
    });

    it('206 for a closed, an open-ended and a suffix range; 416 beyond the end; several ranges are the whole file', async () => {
      const size = clip.length;
      const closed = await get(SAIGON, videoId, { range: 'bytes=100-1099' });
      expect(closed.status).toBe(206);
      expect(closed.headers['content-range']).toBe(`bytes 100-1099/${size}`);
      expect(closed.headers['content-length']).toBe('1000');
      expect(closed.body.equals(clip.subarray(100, 1100))).toBe(true);

      const open = await get(SAIGON, videoId, { range: `bytes=${size - 500}-` });
      expect(open.status).toBe(206);
      expect(open.headers['content-range']).toBe(`bytes ${size - 500}-${size - 1}/${size}`);
      expect(open.body.equals(clip.subarray(size - 500))).toBe(true);

      const suffix = await get(SAIGON, videoId, { range: 'bytes=-300' });
      expect(suffix.status).toBe(206);
      expect(suffix.headers['content-range']).toBe(`bytes ${size - 300}-${size - 1}/${size}`);
      expect(suffix.body.equals(clip.subarray(size - 300))).toBe(true);

      const past = await get(SAIGON, videoId, { range: `bytes=${size}-` });
      expect(past.status).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${size}`);
      expect(past.body.length).toBe(0);

      const several = await get(SAIGON, videoId, { range: 'bytes=0-9,20-29' });
      expect(several.status).toBe(200);
      expect(several.body.equals(clip)).toBe(true);
    });

    it('If-Range: the same ETag or date gives the range, another gives the whole file', async () => {
      const match = await get(SAIGON, videoId, { range: 'bytes=0-99', 'if-range': etag });
      expect(match.status).toBe(206);
      expect(match.body.length).toBe(100);
      const date = await get(SAIGON, videoId, { range: 'bytes=0-99', 'if-range': lastModified });
      expect(date.status).toBe(206);
      const other = await get(SAIGON, videoId, { range: 'bytes=0-99', 'if-range': '"something-else"' });
      expect(other.status).toBe(200);
      expect(other.body.equals(clip)).toBe(true);
      const older = new Date(new Date(lastModified).getTime() - 60_000).toUTCString();
      expect((await get(SAIGON, videoId, { range: 'bytes=0-99', 'if-range': older })).status).toBe(200);
    });

    it('conditional GET answers 304; HEAD answers the headers without the body', async () => {
      const inm = await get(SAIGON, videoId, { 'if-none-match': etag });
      expect(inm.status).toBe(304);
      expect(inm.body.length).toBe(0);
      expect(inm.headers.etag).toBe(etag);
      expect((await get(SAIGON, videoId, { 'if-modified-since': lastModified })).status).toBe(304);
      expect((await get(SAIGON, videoId, { 'if-none-match': '"stale"' })).status).toBe(200);

      const head = await get(SAIGON, videoId, {}, undefined, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String(clip.length));
      expect(head.headers['accept-ranges']).toBe('bytes');
      expect(head.body.length).toBe(0);
      const headRange = await get(SAIGON, videoId, { range: 'bytes=10-19' }, undefined, 'HEAD');
      expect(headRange.status).toBe(206);
      expect(headRange.headers['content-range']).toBe(`bytes 10-19/${clip.length}`);
      expect(headRange.body.length).toBe(0);
    });

    it('the public page plays it: <video> with its source, poster, <track> captions and a download link', async () => {
      const page = await t.http({ method: 'GET', path: `/bai-viet/${item.slug}`, host: SAIGON });
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<video[^>]* controls/);
      expect(page.text).toContain(`<source src="/media/${videoId}" type="video/mp4"/>`);
      expect(page.text).toMatch(
        /<track kind="captions" src="\/media\/[0-9a-f-]+" srcLang="vi" label="Tiếng Việt" default=""\/>/,
      );
      expect(page.text).toMatch(/poster="\/media\/[0-9a-f-]+"/);
      expect(page.text).toMatch(
        new RegExp(`<a href="/media/${videoId}" download="Phóng sự.mp4">Tải video \\(MP4,`),
      );
      expect(page.text).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    });
  });

  describe('an audio item', () => {
    it('plays with <audio> and is replaced by a new upload', async () => {
      const item = await create(SAIGON, tok.writer, 'AUDIO', 'Bản tin phát thanh phường');
      const up = await upload(
        SAIGON,
        'audio',
        { data: mp3(5000, 'radio'), filename: 'ban-tin.mp3' },
        tok.writer,
        {
          itemId: item.id,
        },
      );
      expect(up.status).toBe(201);
      await publish(SAIGON, item.id, saigon());
      const page = await t.http({ method: 'GET', path: `/bai-viet/${item.slug}`, host: SAIGON });
      expect(page.text).toMatch(/<audio[^>]* controls/);
      expect(page.text).toContain(`<source src="/media/${up.json.id}" type="audio/mpeg"/>`);
      expect(page.text).toContain('Tải bản ghi âm (MP3,');
      const partial = await get(SAIGON, up.json.id, { range: 'bytes=0-3' });
      expect(partial.status).toBe(206);
      expect(partial.body.toString('latin1')).toBe('ID3\x03');
    });
  });

  describe('a photo gallery', () => {
    let gallery: { id: string; slug: string };
    const photos: string[] = [];

    beforeAll(async () => {
      gallery = await create(SAIGON, tok.writer, 'PHOTO_GALLERY', 'Phóng sự ảnh: Ngày hội Đại đoàn kết');
      for (const name of ['mot.png', 'hai.png', 'ba.png']) {
        const up = await upload(SAIGON, 'photo', { data: TINY_PNG, filename: name }, tok.writer, {
          itemId: gallery.id,
        });
        expect(up.status).toBe(201);
        photos.push(up.json.id);
      }
    });

    it('photos go in upload order; captions and credits in both languages', async () => {
      const read = (await gql(SAIGON, tok.writer, READ, { i: gallery.id })).data.itemMedia;
      expect(read.photos.map((p: { id: string; position: number }) => [p.id, p.position])).toEqual([
        [photos[0], 0],
        [photos[1], 1],
        [photos[2], 2],
      ]);
      expect(read.photoCount).toBe(3);
      const described = (
        await gql(SAIGON, tok.writer, DESCRIBE, {
          id: photos[2],
          in: {
            captionVi: 'Người dân phường Sài Gòn dự ngày hội'.normalize('NFD'),
            captionEn: 'Residents of Sài Gòn ward at the festival',
            creditVi: 'Trần Thị Bích',
            creditEn: 'Trần Thị Bích',
          },
        })
      ).data.describeGalleryPhoto;
      expect(described.photos[2]).toMatchObject({
        captionVi: 'Người dân phường Sài Gòn dự ngày hội'.normalize('NFC'),
        creditVi: 'Trần Thị Bích',
      });
      const tooLong = (
        await gql(SAIGON, tok.writer, DESCRIBE, { id: photos[0], in: { captionEn: 'x'.repeat(1001) } })
      ).data.describeGalleryPhoto;
      expect(tooLong).toMatchObject({
        __typename: 'InputError',
        errorCode: 'TEXT_TOO_LONG',
        field: 'captionEn',
      });
    });

    it('reorders (the list must name each photo once) and withdraws without deleting', async () => {
      const order = [photos[2], photos[0], photos[1]];
      const r = (await gql(SAIGON, tok.writer, REORDER, { i: gallery.id, p: order })).data.reorderGallery;
      expect(r.photos.map((p: { id: string }) => p.id)).toEqual(order);
      for (const bad of [
        [photos[0], photos[1]],
        [photos[0], photos[0], photos[1]],
        [...order, randomUUID()],
      ]) {
        const res = (await gql(SAIGON, tok.writer, REORDER, { i: gallery.id, p: bad })).data.reorderGallery;
        expect(res).toMatchObject({
          __typename: 'InputError',
          errorCode: 'PHOTOS_MISMATCH',
          field: 'photoIds',
        });
      }
      const w = (await gql(SAIGON, tok.writer, WITHDRAW, { id: photos[0] })).data.withdrawMediaFile;
      expect(w.photos.map((p: { id: string; position: number }) => [p.id, p.position])).toEqual([
        [photos[2], 0],
        [photos[1], 1],
      ]);
      const { rows } = await db.query('SELECT withdrawn_at IS NOT NULL AS w FROM media_files WHERE id = $1', [
        photos[0],
      ]);
      expect(rows).toEqual([{ w: true }]);
    });

    it('other portals’ officers are refused every operation on it', async () => {
      for (const host of [SAIGON, BENTHANH]) {
        const calls = [
          [ATTACH, { i: gallery.id, f: photos[1] }, 'attachMediaFile'],
          [DESCRIBE, { id: photos[1], in: { captionVi: 'chèn' } }, 'describeGalleryPhoto'],
          [REORDER, { i: gallery.id, p: [photos[1], photos[2]] }, 'reorderGallery'],
          [WITHDRAW, { id: photos[1] }, 'withdrawMediaFile'],
        ] as const;
        for (const [query, vars, op] of calls) {
          const body = await gql(host, tok.otherHead, query, vars);
          const code = body.errors?.[0]?.extensions?.code ?? body.data?.[op]?.errorCode;
          expect({ host, op, code }).toEqual({
            host,
            op,
            code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/),
          });
        }
      }
      const read = (await gql(SAIGON, tok.writer, READ, { i: gallery.id })).data.itemMedia;
      expect(read.photos.map((p: { id: string }) => p.id)).toEqual([photos[2], photos[1]]);
      expect(read.photos[1].captionVi).toBeNull();
    });

    it('the royalty grade counts the gallery’s standing photos; another count is refused on photoCount', async () => {
      await publish(SAIGON, gallery.id, saigon());
      const base = {
        itemId: gallery.id,
        genre: 'PHOTO',
        coefficient: '2',
        photoCoefficient: '1.5',
        authors: [{ accountId: writerId, share: '100' }],
      };
      const wrong = (await gql(SAIGON, tok.head, GRADE, { i: { ...base, photoCount: 3 } })).data.gradeItem;
      expect(wrong).toMatchObject({
        __typename: 'InputError',
        errorCode: 'PHOTO_COUNT_MISMATCH',
        field: 'photoCount',
        messageVi: expect.stringContaining('2 ảnh'),
        messageEn: expect.stringContaining('2 photos'),
      });
      const counted = (await gql(SAIGON, tok.head, GRADE, { i: base })).data.gradeItem;
      expect(counted).toMatchObject({ __typename: 'RoyaltyGrade', photoCount: 2, photoCoefficient: '1.50' });
      const stated = (await gql(SAIGON, tok.head, GRADE, { i: { ...base, photoCount: 2 } })).data.gradeItem;
      expect(stated).toMatchObject({ __typename: 'RoyaltyGrade', photoCount: 2 });
    });

    it('the public page shows figures with captions and credits, in order, withdrawn photos left out', async () => {
      const page = await t.http({ method: 'GET', path: `/bai-viet/${gallery.slug}`, host: SAIGON });
      expect(page.status).toBe(200);
      const figures = [...page.text.matchAll(/<figure><a href="\/media\/([0-9a-f-]+)">/g)].map((m) => m[1]);
      expect(figures).toEqual([photos[2], photos[1]]);
      expect(page.text).toContain('<figcaption><span>Người dân phường Sài Gòn dự ngày hội</span>');
      expect(page.text).toContain('<span class="credit">Ảnh: <span>Trần Thị Bích</span></span>');
      expect((await get(SAIGON, photos[2])).status).toBe(200);
      // A withdrawn photo is not public any more (its officers still see it).
      expect((await get(SAIGON, photos[0])).status).toBe(404);
      expect((await get(SAIGON, photos[0], {}, tok.head)).status).toBe(200);
      const en = await t.http({ method: 'GET', path: `/en/bai-viet/${gallery.slug}`, host: SAIGON });
      expect(en.text).toContain('Residents of Sài Gòn ward at the festival');
      expect(en.text).toContain('Photo: <span>Trần Thị Bích</span>');
    });
  });

  it('a merge carries the media rows to the target portal, which then serves them', async () => {
    const who = { writer: tok.otherWriter, member: tok.otherMember, head: tok.otherHead };
    const item = await create(BENTHANH, who.writer, 'VIDEO', 'Video phường Bến Thành');
    const clip = mp4(2000, 'benthanh');
    const up = await upload(BENTHANH, 'video', { data: clip, filename: 'bt.mp4' }, who.writer, {
      itemId: item.id,
    });
    const gallery = await create(BENTHANH, who.writer, 'PHOTO_GALLERY', 'Ảnh phường Bến Thành');
    await upload(BENTHANH, 'photo', { data: TINY_PNG, filename: 'p.png' }, who.writer, {
      itemId: gallery.id,
    });
    await publish(BENTHANH, item.id, who);
    expect((await get(BENTHANH, up.json.id)).status).toBe(200);

    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts.find((c) => c.participant === 'media')!.counts).toEqual({
      mediaFiles: 2,
      galleryPhotos: 1,
    });
    const merged = await restructuring.merge(sys, [ward], target, {
      categoryMapping: preview.value.plan.categoryMapping.map((c) => ({
        sourceCategoryId: c.sourceCategoryId,
        targetCategoryId: c.targetCategoryId,
      })),
      roleMapping: preview.value.plan.roleMapping.map((r) => ({
        assignmentId: r.assignmentId,
        action: r.action,
      })),
    });
    if (!merged.ok) throw new Error(merged.error.code);
    const { rows } = await db.query(
      'SELECT DISTINCT tenant_id FROM media_files WHERE item_id = ANY($1::uuid[])',
      [[item.id, gallery.id]],
    );
    expect(rows).toEqual([{ tenant_id: target }]);
    const served = await get(TANDINH, up.json.id, { range: 'bytes=0-99' });
    expect(served.status).toBe(206);
    expect(served.body.equals(clip.subarray(0, 100))).toBe(true);
  });
});
