import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Role } from '../libs/access/src';
import { BLOB_STORE, S3BlobStore, blobKey } from '../libs/content/src/attachments';
import { TINY_PDF, TINY_PNG, minimalDocx } from './support/zip-fixture';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

// Attachments (PDF, DOCX, XLSX, images) with a size limit, the type checked by content,
// stored content-addressed through the blob store. Everything over HTTP against real PostgreSQL.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const MIB = 1024 * 1024;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json: any;
}

type Part =
  | { name: string; value: string }
  | { name: string; filename: string; type?: string; data: Buffer; encodeName?: boolean };

function multipart(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; ` +
            // RFC 8187 form for names with quotes or control characters; plain UTF-8 otherwise (as browsers do).
            (part.encodeName
              ? `filename*=UTF-8''${encodeURIComponent(part.filename)}\r\n`
              : `filename="${part.filename}"\r\n`) +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function parse(res: { statusCode?: number; headers: RawResponse['headers'] }, body: Buffer): RawResponse {
  let json: unknown = null;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    // binary
  }
  return { status: res.statusCode ?? 0, headers: res.headers, body, json };
}

/** One HTTP request with a Host header; the body may be a Buffer or a stream. */
function raw(
  port: number,
  options: { method: string; path: string; host: string; headers?: Record<string, string>; body?: Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: {
          host: options.host,
          ...(options.body ? { 'content-length': String(options.body.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(parse(res, Buffer.concat(chunks))));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('attachments', () => {
  let t: TestApp;
  let dataDir: string;
  let spoolDir: string;
  let savedSpool: string | undefined;
  let writer: string;
  let member: string;
  let head: string;
  let sibling: string;
  let draftItemId: string;

  const auth = (token?: string | null): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  const upload = (host: string, parts: Part[], token?: string | null) => {
    const boundary = `----portal${randomUUID()}`;
    return raw(t.port, {
      method: 'POST',
      path: '/attachments',
      host,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...auth(token) },
      body: multipart(parts, boundary),
    });
  };
  const file = (data: Buffer, filename: string, type?: string, encodeName = false): Part => ({
    name: 'file',
    filename,
    type,
    data,
    encodeName,
  });
  const download = (host: string, id: string, token?: string | null) =>
    raw(t.port, { method: 'GET', path: `/attachments/${id}`, host, headers: auth(token) });

  const blobFiles = (): string[] => {
    const root = join(dataDir, 'attachments', 'sha256');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else found.push(path);
      }
    };
    try {
      walk(root);
    } catch {
      // no blob yet
    }
    return found;
  };
  const rowsWithHash = async (sha256: string): Promise<number> => {
    const [{ n }] = await t.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM attachments WHERE sha256 = $1', [sha256]);
    return n;
  };
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  const createItem = async (token: string, title: string): Promise<string> => {
    const res = await t.gql(
      SAIGON,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode field } } }`,
      {
        i: {
          tenantId: t.tenant(SAIGON).id,
          kind: 'NEWS',
          title,
          bodyHtml: '<p>Nội dung</p>',
          authorName: 'Nguyễn Văn A',
          source: 'UBND phường Sài Gòn',
          fields: { eventDate: '2026-11-20' },
        },
      },
      { token },
    );
    const created = res.body.data?.createContent;
    if (created?.__typename !== 'ContentItem') throw new Error(`createContent: ${JSON.stringify(res.body)}`);
    return created.id;
  };
  const step = async (itemId: string, action: string, token: string) => {
    const res = await t.gql(
      SAIGON,
      `mutation { transitionContent(itemId: "${itemId}", action: ${action}) { __typename ... on InputError { errorCode } } }`,
      undefined,
      { token },
    );
    expect(res.body.data?.transitionContent?.__typename).toBe('ContentItem');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-attachments-'));
    spoolDir = join(dataDir, 'spool');
    mkdirSync(spoolDir);
    savedSpool = process.env.ATTACHMENT_TMP_DIR;
    process.env.ATTACHMENT_TMP_DIR = spoolDir;
    t = await startTestApp({ dataDir });
    await t.apply(SMALL_TREES.city);
    writer = await t.asUser('att-writer', Role.CONTRIBUTOR, SAIGON);
    member = await t.asUser('att-member', Role.BOARD_MEMBER, SAIGON);
    head = await t.asUser('att-head', Role.BOARD_HEAD, SAIGON);
    sibling = await t.asUser('att-sibling', Role.CONTRIBUTOR, BENTHANH);
    draftItemId = await createItem(writer, 'Kế hoạch có tệp đính kèm');
  });
  afterAll(async () => {
    if (savedSpool === undefined) delete process.env.ATTACHMENT_TMP_DIR;
    else process.env.ATTACHMENT_TMP_DIR = savedSpool;
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a PDF, a DOCX built here and a PNG, typed by their content', async () => {
    const pdf = await upload(SAIGON, [file(TINY_PDF, 'Quyết định 12.pdf', 'application/pdf')], writer);
    expect(pdf.status).toBe(201);
    expect(pdf.json).toEqual({
      id: expect.any(String),
      sha256: sha(TINY_PDF),
      size: TINY_PDF.length,
      mediaType: 'application/pdf',
      fileName: 'Quyết định 12.pdf',
    });

    const docxBytes = minimalDocx('Giấy mời họp');
    const docx = await upload(SAIGON, [file(docxBytes, 'giay-moi.docx')], writer);
    expect(docx.status).toBe(201);
    expect(docx.json).toMatchObject({ mediaType: DOCX_TYPE, size: docxBytes.length, sha256: sha(docxBytes) });

    const png = await upload(
      SAIGON,
      [{ name: 'itemId', value: draftItemId }, file(TINY_PNG, 'anh.png')],
      writer,
    );
    expect(png.status).toBe(201);
    expect(png.json).toMatchObject({ mediaType: 'image/png', fileName: 'anh.png' });
  });

  it('keeps a Vietnamese name typed on macOS (decomposed) in NFC, without folders or control characters', async () => {
    const res = await upload(
      SAIGON,
      [file(TINY_PNG, 'C:\\tmp\\Ảnh hội nghị\u0007.png'.normalize('NFD'), 'image/png', true)],
      writer,
    );
    expect(res.status).toBe(201);
    expect(res.json.fileName).toBe('Ảnh hội nghị.png'.normalize('NFC'));
  });

  it('stores identical files once: one blob, two rows', async () => {
    const bytes = Buffer.concat([TINY_PDF, Buffer.from(`% unique ${randomUUID()}\n`)]);
    const before = blobFiles().length;
    const first = await upload(SAIGON, [file(bytes, 'a.pdf')], writer);
    const second = await upload(SAIGON, [file(bytes, 'b.pdf')], head);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.json.id).not.toBe(second.json.id);
    expect(first.json.sha256).toBe(second.json.sha256);
    expect(blobFiles().length).toBe(before + 1);
    const blob = blobFiles().find((p) => p.endsWith(first.json.sha256))!;
    expect(statSync(blob).size).toBe(bytes.length);
    expect(await rowsWithHash(first.json.sha256)).toBe(2);
    expect(
      await t.app.get<{ has(k: string): Promise<boolean> }>(BLOB_STORE).has(blobKey(first.json.sha256)),
    ).toBe(true);
  });

  it('believes the bytes, not the name: PNG bytes named .pdf are image/png; text and executables are refused', async () => {
    const disguised = await upload(SAIGON, [file(TINY_PNG, 'bao-cao.pdf', 'application/pdf')], writer);
    expect(disguised.status).toBe(201);
    expect(disguised.json).toMatchObject({ mediaType: 'image/png', fileName: 'bao-cao.pdf' });

    const before = blobFiles().length;
    for (const [name, bytes] of [
      ['setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
      ['notes.txt', Buffer.from('Chỉ là văn bản.')],
      ['notes.pdf', Buffer.from('Chỉ là văn bản, đặt tên .pdf.')],
      ['page.html', Buffer.from('<html><script>alert(1)</script></html>')],
    ] as const) {
      const res = await upload(SAIGON, [file(bytes, name, 'application/pdf')], writer);
      expect({ name, status: res.status }).toEqual({ name, status: 415 });
      expect(res.json.errors[0].extensions).toMatchObject({ code: 'UNSUPPORTED_TYPE', field: 'file' });
    }
    expect(blobFiles().length).toBe(before);
  });

  it('refuses a request without a file, and one that is not multipart', async () => {
    const none = await upload(SAIGON, [{ name: 'itemId', value: draftItemId }], writer);
    expect(none.status).toBe(400);
    expect(none.json.errors[0].extensions).toMatchObject({ code: 'FILE_REQUIRED', field: 'file' });
    const json = await raw(t.port, {
      method: 'POST',
      path: '/attachments',
      host: SAIGON,
      headers: { 'content-type': 'application/json', ...auth(writer) },
      body: Buffer.from('{"file":"JVBERi0="}'),
    });
    expect(json.status).toBe(400);
    expect(json.json.errors[0].extensions.code).toBe('INVALID_UPLOAD');
  });

  it('refuses anonymous uploads (401) and uploads through another ward’s host (403)', async () => {
    const anonymous = await upload(SAIGON, [file(TINY_PDF, 'x.pdf')]);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const crossWard = await upload(SAIGON, [file(TINY_PDF, 'x.pdf')], sibling);
    expect(crossWard.status).toBe(403);
    expect(crossWard.json.errors[0].extensions.code).toBe('FORBIDDEN');

    // The same contributor on its own ward's host may.
    expect((await upload(BENTHANH, [file(TINY_PDF, 'x.pdf')], sibling)).status).toBe(201);
  });

  it('attaches only to items of the addressed portal that the caller may edit', async () => {
    const unknown = await upload(
      SAIGON,
      [{ name: 'itemId', value: randomUUID() }, file(TINY_PDF, 'x.pdf')],
      writer,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'itemId' });
    // Another portal's contributor, on its own host, cannot reach a Sài Gòn item.
    const elsewhere = await upload(
      BENTHANH,
      [{ name: 'itemId', value: draftItemId }, file(TINY_PDF, 'x.pdf')],
      sibling,
    );
    expect(elsewhere.status).toBe(404);
  });

  it('downloads: an unpublished item’s attachment is 404 to the public and served to the portal’s editors', async () => {
    const bytes = minimalDocx(`Dự thảo ${randomUUID()}`);
    const up = await upload(
      SAIGON,
      [{ name: 'itemId', value: draftItemId }, file(bytes, 'Dự thảo "kế hoạch".docx', undefined, true)],
      writer,
    );
    expect(up.status).toBe(201);
    const id = up.json.id;

    const anonymous = await download(SAIGON, id);
    expect(anonymous.status).toBe(404);
    expect(anonymous.json.errors[0].extensions.code).toBe('NOT_FOUND');

    const byHead = await download(SAIGON, id, head);
    expect(byHead.status).toBe(200);
    expect(byHead.body.equals(bytes)).toBe(true);
    expect(byHead.headers['content-type']).toBe(DOCX_TYPE);
    expect(byHead.headers['content-disposition']).toBe(
      `attachment; filename="Du thao _ke hoach_.docx"; filename*=UTF-8''${encodeURIComponent('Dự thảo "kế hoạch".docx')}`,
    );
    expect(byHead.headers['x-content-type-options']).toBe('nosniff');
    expect(byHead.headers['cache-control']).toBe('private, no-cache');

    // The author reads it too; a contributor of another ward does not, on either host.
    expect((await download(SAIGON, id, writer)).status).toBe(200);
    expect((await download(SAIGON, id, sibling)).status).toBe(404);
    expect((await download(BENTHANH, id, sibling)).status).toBe(404);
    expect((await download(SAIGON, 'not-a-uuid')).status).toBe(404);
    expect((await download(SAIGON, randomUUID(), head)).status).toBe(404);
  });

  it('downloads: a published item’s attachment is public on its own portal only', async () => {
    const itemId = await createItem(writer, 'Thông báo lịch tiếp công dân');
    const up = await upload(SAIGON, [{ name: 'itemId', value: itemId }, file(TINY_PDF, 'lich.pdf')], writer);
    expect(up.status).toBe(201);
    expect((await download(SAIGON, up.json.id)).status).toBe(404);
    await step(itemId, 'SUBMIT', writer);
    await step(itemId, 'TAKE_FOR_REVIEW', member);
    await step(itemId, 'APPROVE', head);
    await step(itemId, 'PUBLISH', member);

    const pub = await download(SAIGON, up.json.id);
    expect(pub.status).toBe(200);
    expect(pub.body.equals(TINY_PDF)).toBe(true);
    expect(pub.headers['content-type']).toBe('application/pdf');
    expect(pub.headers['cache-control']).toBe('public, max-age=300');
    // Not through a sibling ward's host.
    expect((await download(BENTHANH, up.json.id)).status).toBe(404);

    // The public item lists its files, with the path to download them.
    const slug = (
      await t.gql(SAIGON, `{ publicItems { nodes { id slug } } }`)
    ).body.data!.publicItems.nodes.find((n: { id: string }) => n.id === itemId).slug;
    const listed = await t.gql(
      SAIGON,
      `{ publicItem(slug: "${slug}") { attachments { id fileName mediaType size url } } }`,
    );
    expect(listed.body.data!.publicItem.attachments).toEqual([
      {
        id: up.json.id,
        fileName: 'lich.pdf',
        mediaType: 'application/pdf',
        size: TINY_PDF.length,
        url: `/attachments/${up.json.id}`,
      },
    ]);
  });

  /**
   * Sends `total` bytes of a file part without ever holding them: one 1 MiB chunk is reused.
   * Resolves with the answer and how many bytes had been produced when it came.
   */
  const hugeUpload = (total: number, declareLength: boolean) =>
    new Promise<{ res: RawResponse; produced: number }>((resolve, reject) => {
      const boundary = `----portal${randomUUID()}`;
      const opening = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
      );
      const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
      const filler = Buffer.alloc(MIB, 0x20);
      let produced = 0;
      const body = Readable.from(
        (function* () {
          yield opening;
          produced += opening.length;
          for (let sent = 0; sent < total; sent += filler.length) {
            const chunk = total - sent >= filler.length ? filler : filler.subarray(0, total - sent);
            produced += chunk.length;
            yield chunk;
          }
          yield closing;
        })(),
        { objectMode: false, highWaterMark: MIB },
      );
      let answered = false;
      const req = request(
        {
          host: '127.0.0.1',
          port: t.port,
          method: 'POST',
          path: '/attachments',
          headers: {
            host: SAIGON,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            ...auth(writer),
            ...(declareLength
              ? { 'content-length': String(opening.length + total + closing.length) }
              : { 'transfer-encoding': 'chunked' }),
          },
        },
        (res) => {
          answered = true;
          const producedAtAnswer = produced;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            body.destroy();
            req.destroy();
            resolve({ res: parse(res, Buffer.concat(chunks)), produced: producedAtAnswer });
          });
          res.on('error', () => undefined);
        },
      );
      // After the answer the server stops reading: a write error then is expected.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      body.pipe(req);
    });

  it('refuses a 200 MB upload with 413 while it streams, without the memory growing', async () => {
    const total = 200 * MIB;
    // A first refusal warms up what any request of this size touches once (parser code, socket
    // buffers, the young generation's size); the measured runs then show what an upload costs.
    const warmUp = await hugeUpload(total, false);
    expect(warmUp.res.status).toBe(413);

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const streamed = await hugeUpload(total, false);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(streamed.res.status).toBe(413);
      expect(streamed.res.json.errors[0].extensions).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
      // Answered once the 50 MiB limit was passed, long before the 200 MB were sent.
      expect(streamed.produced).toBeGreaterThan(50 * MIB);
      expect(streamed.produced).toBeLessThan(100 * MIB);

      // With a declared length, refused before a byte of the body is read.
      const declared = await hugeUpload(total, true);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(declared.res.status).toBe(413);
      expect(declared.res.json.errors[0].extensions).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
      expect(declared.produced).toBeLessThan(100 * MIB);
    } finally {
      clearInterval(sampler);
    }
    const after = process.memoryUsage().rss;
    // The bound asked for is ~64 MB; streaming stays far below it, and below half of the 50 MiB
    // limit, which an implementation holding the file in memory up to the limit could not.
    expect(peak - before).toBeLessThan(24 * MIB);
    expect(after - before).toBeLessThan(24 * MIB);
    // No partial file stays behind in the spool folder, and the server goes on answering.
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(spoolDir)).toEqual([]);
    expect((await upload(SAIGON, [file(TINY_PNG, 'after.png')], writer)).status).toBe(201);
  });
});

describe('attachments through the S3 store (s3rver)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
    run(): Promise<{ port: number }>;
    close(): Promise<void>;
  };
  const keys = [
    'ATTACHMENT_STORE',
    'S3_ENDPOINT',
    'S3_BUCKET',
    'S3_REGION',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
  ];
  const saved: Record<string, string | undefined> = {};
  let server: InstanceType<typeof S3rver>;
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'attachments' }],
    });
    const { port } = await server.run();
    for (const k of keys) saved[k] = process.env[k];
    Object.assign(process.env, {
      ATTACHMENT_STORE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: 'attachments',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    t = await startTestApp({ dataDir: join(dir, 'data') });
    await t.apply(SMALL_TREES.city);
  });
  afterAll(async () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await t?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads into the bucket and downloads the same bytes', async () => {
    const store = t.app.get(BLOB_STORE);
    expect(store).toBeInstanceOf(S3BlobStore);
    const head = await t.asUser('s3-head', Role.BOARD_HEAD, SAIGON);
    const bytes = minimalDocx(`S3 ${randomUUID()}`);
    const boundary = 'portal-s3-boundary';
    const up = await raw(t.port, {
      method: 'POST',
      path: '/attachments',
      host: SAIGON,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        authorization: `Bearer ${head}`,
      },
      body: multipart([{ name: 'file', filename: 'to-trinh.docx', data: bytes }], boundary),
    });
    expect(up.status).toBe(201);
    expect(await store.has(blobKey(up.json.sha256))).toBe(true);
    const down = await raw(t.port, {
      method: 'GET',
      path: `/attachments/${up.json.id}`,
      host: SAIGON,
      headers: { authorization: `Bearer ${head}` },
    });
    expect(down.status).toBe(200);
    expect(down.body.equals(bytes)).toBe(true);
    expect(down.headers['content-type']).toBe(DOCX_TYPE);
  });
});
