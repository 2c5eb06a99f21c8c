import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { IncomingMessage, Server, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@portal/platform';
import { ReceivedUpload, receiveUpload } from './upload-receiver';

const LIMIT = 1000;
const BOUNDARY = 'b0undary';

type Outcome =
  | { ok: ReceivedUpload & { bytes?: Buffer } }
  | { error: { code: string; status: number; field: string | null } };

/** A bare HTTP server whose handler is receiveUpload; answers are recorded, not sent as JSON. */
describe('receiveUpload', () => {
  let server: Server;
  let port: number;
  let spool: string;
  let last: Promise<Outcome>;

  beforeAll(async () => {
    spool = mkdtempSync(join(tmpdir(), 'receive-'));
    server = createServer((req: IncomingMessage, res) => {
      last = receiveUpload(req, {
        maxBytes: LIMIT,
        tmpDir: spool,
        fileField: 'file',
        fields: ['itemId'],
      }).then(
        (ok): Outcome => {
          const bytes = ok.file ? readFileSync(ok.file.path) : undefined;
          if (ok.file) rmSync(ok.file.path);
          res.end('ok');
          return { ok: { ...ok, bytes } };
        },
        (e: DomainError): Outcome => {
          res.statusCode = e.httpStatus;
          res.end(e.code);
          return { error: { code: e.code, status: e.httpStatus, field: e.field } };
        },
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(spool, { recursive: true, force: true });
  });

  const send = (body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    new Promise<{ status: number; outcome: Outcome }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          headers: { 'content-type': contentType, 'content-length': String(body.length) },
        },
        (res) => {
          res.resume();
          res.on('end', async () => resolve({ status: res.statusCode ?? 0, outcome: await last }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const filePart = (name: string, filename: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    ]);
  const fieldPart = (name: string, value: string) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const end = Buffer.from(`--${BOUNDARY}--\r\n`);

  it('hashes and spools the file, and collects the allowed fields', async () => {
    const data = Buffer.from('%PDF-1.4 hello');
    const { status, outcome } = await send(
      Buffer.concat([
        fieldPart('itemId', 'abc'),
        fieldPart('other', 'ignored'),
        filePart('file', 'a.pdf', data),
        end,
      ]),
    );
    expect(status).toBe(200);
    expect(outcome).toEqual({
      ok: {
        file: {
          path: expect.stringContaining(spool),
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
          clientName: 'a.pdf',
        },
        fields: { itemId: 'abc' },
        bytes: data,
      },
    });
  });

  it('takes a field sent after the file too, and reads UTF-8 names', async () => {
    const { outcome } = await send(
      Buffer.concat([
        filePart('file', 'Báo cáo quý.pdf', Buffer.from('x')),
        fieldPart('itemId', 'later'),
        end,
      ]),
    );
    expect(outcome).toMatchObject({
      ok: { fields: { itemId: 'later' }, file: { clientName: 'Báo cáo quý.pdf' } },
    });
  });

  it('accepts exactly the limit and refuses one byte more with FILE_TOO_LARGE, leaving nothing behind', async () => {
    const exact = await send(Buffer.concat([filePart('file', 'f', Buffer.alloc(LIMIT, 1)), end]));
    expect(exact.outcome).toMatchObject({ ok: { file: { size: LIMIT } } });
    const over = await send(Buffer.concat([filePart('file', 'f', Buffer.alloc(LIMIT + 1, 1)), end]));
    expect(over).toEqual({
      status: 413,
      outcome: { error: { code: 'FILE_TOO_LARGE', status: 413, field: 'file' } },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(spool)).toEqual([]);
  });

  it('keeps only the first file of the field "file"; other file fields are discarded', async () => {
    const { outcome } = await send(
      Buffer.concat([
        filePart('other', 'o.bin', Buffer.from('other')),
        filePart('file', 'one.pdf', Buffer.from('one')),
        filePart('file', 'two.pdf', Buffer.from('two')),
        end,
      ]),
    );
    expect(outcome).toMatchObject({ ok: { file: { clientName: 'one.pdf', size: 3 } } });
    expect((outcome as { ok: { bytes: Buffer } }).ok.bytes.toString()).toBe('one');
  });

  it('answers no file when none was sent', async () => {
    const { outcome } = await send(Buffer.concat([fieldPart('itemId', 'x'), end]));
    expect(outcome).toEqual({ ok: { file: null, fields: { itemId: 'x' }, bytes: undefined } });
  });

  it('refuses what is not multipart, truncated bodies and over-long fields', async () => {
    expect((await send(Buffer.from('{}'), 'application/json')).outcome).toEqual({
      error: { code: 'INVALID_UPLOAD', status: 400, field: 'file' },
    });
    const truncated = filePart('file', 'f', Buffer.from('abc')).subarray(0, 60);
    expect((await send(truncated)).outcome).toMatchObject({ error: { code: 'INVALID_UPLOAD' } });
    expect((await send(Buffer.concat([fieldPart('itemId', 'x'.repeat(2000)), end]))).outcome).toEqual({
      error: { code: 'INVALID_UPLOAD', status: 400, field: 'itemId' },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(spool)).toEqual([]);
  });

  it('a client that disconnects mid-file leaves no temporary file', async () => {
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': '100000' },
      });
      req.on('error', () => undefined);
      req.write(filePart('file', 'f', Buffer.alloc(200, 1)).subarray(0, 250));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    const outcome = await last;
    expect(outcome).toMatchObject({ error: { code: 'INVALID_UPLOAD' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(spool)).toEqual([]);
  });
});
