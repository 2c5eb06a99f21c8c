import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { DomainError } from '@portal/platform';
import { ContentErrorCode } from '../errors/content-error-code';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** Room for the multipart boundaries, part headers and small fields around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export interface ReceivedFile {
  /** Temporary file holding the bytes; the caller removes it. */
  path: string;
  size: number;
  sha256: string;
  /** The name the client gave, as sent (cleaned later). */
  clientName: string;
}

export interface ReceivedUpload {
  file: ReceivedFile | null;
  fields: Record<string, string>;
}

export interface ReceiveOptions {
  maxBytes: number;
  tmpDir: string;
  fileField: string;
  fields: readonly string[];
  /** Longest text field in bytes (1,000 unless a form with long text says more). */
  maxFieldBytes?: number;
}

const mib = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10}`;

export function fileTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    ContentErrorCode.FILE_TOO_LARGE,
    {
      vi: `Tệp vượt quá giới hạn ${mib(maxBytes)} MB.`,
      en: `The file is larger than the ${mib(maxBytes)} MB limit.`,
    },
    'file',
    413,
  );
}

export function invalidUpload(en: string, vi: string, field: string | null = 'file'): DomainError {
  return new DomainError(ContentErrorCode.INVALID_UPLOAD, { vi, en }, field, 400);
}

/**
 * Reads a multipart/form-data request as it arrives: the one file part is hashed (SHA-256) and
 * written to a temporary file chunk by chunk, never held in memory; a few small text fields are
 * collected. Passing `maxBytes` rejects at once with FILE_TOO_LARGE (413) and stops reading the
 * request (the caller decides how to end the connection). Other file parts are discarded.
 */
export function receiveUpload(req: IncomingMessage, options: ReceiveOptions): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send UTF-8 names in plain `filename="…"`; latin1 (busboy's default) would garble Vietnamese.
        defParamCharset: 'utf8',
        limits: {
          files: 5,
          // busboy signals 'limit' on reaching the size (it cannot see further): one more byte means "over".
          fileSize: options.maxBytes + 1,
          fields: Math.max(10, options.fields.length),
          fieldNameSize: 100,
          fieldSize: options.maxFieldBytes ?? 1000,
          parts: 20,
          headerPairs: 50,
        },
      });
    } catch {
      reject(
        invalidUpload(
          'The request must be multipart/form-data with a file field "file".',
          'Yêu cầu phải là multipart/form-data có trường tệp "file".',
        ),
      );
      return;
    }

    const fields: Record<string, string> = {};
    let settled = false;
    let sawFile = false;
    let tempPath: string | null = null;
    let out: WriteStream | null = null;
    let written: Promise<ReceivedFile | null> = Promise.resolve(null);

    const removeTemp = () => {
      const path = tempPath;
      if (!path) return;
      const remove = () => void rm(path, { force: true }).catch(() => undefined);
      // Remove after the descriptor is closed, or an open that is still pending would recreate it.
      if (out && !out.closed) out.once('close', remove);
      remove();
    };

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      out?.destroy();
      removeTemp();
      reject(error);
    };

    parser.on('file', (name, stream, info) => {
      if (name !== options.fileField || sawFile || settled) {
        stream.resume();
        return;
      }
      sawFile = true;
      const path = join(options.tmpDir, `portal-upload-${randomUUID()}`);
      tempPath = path;
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      stream.once('limit', () => fail(fileTooLarge(options.maxBytes)));
      out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      written = pipeline(stream, meter, out).then(() => ({
        path,
        size,
        sha256: hash.digest('hex'),
        clientName: info.filename ?? '',
      }));
      written.catch(fail);
    });

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) {
        fail(invalidUpload(`The field "${name}" is too long.`, `Trường "${name}" quá dài.`, name));
        return;
      }
      if (options.fields.includes(name)) fields[name] = value;
    });

    parser.once('error', () =>
      fail(
        invalidUpload('The multipart body is malformed or incomplete.', 'Nội dung multipart không hợp lệ.'),
      ),
    );

    parser.once('close', () => {
      written.then((file) => {
        if (settled) return;
        settled = true;
        resolve({ file, fields });
      }, fail);
    });

    // A client that goes away mid-upload: stop, and leave no temporary file behind.
    req.once('close', () => {
      if (!req.complete) fail(invalidUpload('The upload was interrupted.', 'Tải lên bị gián đoạn.'));
    });
    req.once('error', () => fail(invalidUpload('The upload was interrupted.', 'Tải lên bị gián đoạn.')));
    req.pipe(parser);
  });
}
