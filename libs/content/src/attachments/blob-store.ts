import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OnModuleDestroy } from '@nestjs/common';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

/**
 * Where attachment bytes live. Keys are content addresses (`sha256/<aa>/<bb>/<hash>`), so a key
 * always names the same bytes: putting an existing key again is harmless.
 */
export interface BlobStore {
  put(key: string, stream: Readable, size?: number): Promise<void>;
  /**
   * The bytes under the key, or only `start`..`end` (inclusive) of them, as a stream (never read
   * into memory). Rejects with BlobNotFoundError when nothing is stored under the key.
   */
  get(key: string, range?: ByteRange): Promise<Readable>;
  has(key: string): Promise<boolean>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

/** Inclusive byte offsets, as in an HTTP Range. */
export interface ByteRange {
  start: number;
  end: number;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No blob stored under ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** The content address of bytes with this SHA-256 (lowercase hex). */
export function blobKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 hex digest: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** The digest a well-formed key names, or null for a malformed key. */
export function digestOfKey(key: string): string | null {
  const m = KEY.exec(key);
  return m && m[1] === m[3].slice(0, 2) && m[2] === m[3].slice(2, 4) ? m[3] : null;
}

function checkedDigest(key: string): string {
  const digest = digestOfKey(key);
  if (!digest) throw new Error(`Not a content-addressed blob key: ${key}`);
  return digest;
}

/**
 * Blobs as files under a root folder. A put writes to a temporary file in the same file system,
 * checks that the bytes hash to the key, then renames into place: readers never see a partial file.
 */
export class LocalDiskBlobStore implements BlobStore {
  private readonly tmp: string;

  constructor(readonly root: string) {
    this.tmp = join(root, '.tmp');
  }

  private pathOf(key: string): string {
    checkedDigest(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, stream: Readable, size?: number): Promise<void> {
    const digest = checkedDigest(key);
    const target = this.pathOf(key);
    await mkdir(this.tmp, { recursive: true });
    const temp = join(this.tmp, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let written = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        written += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
      const actual = hash.digest('hex');
      if (actual !== digest) throw new Error(`Blob ${key}: the bytes hash to ${actual}`);
      if (size !== undefined && size !== written)
        throw new Error(`Blob ${key}: expected ${size} bytes, got ${written}`);
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : undefined);
    // Open before answering, so that a missing blob is an error here and not mid-response.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'ENOENT' ? new BlobNotFoundError(key) : e),
      );
    });
    return stream;
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }
}

export interface S3BlobStoreOptions {
  bucket: string;
  region?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Key prefix inside the bucket (e.g. `attachments/`). */
  prefix?: string;
  /** Folder for spooling bodies of unknown size (S3 needs the length up front). */
  spoolDir?: string;
}

/** Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, the provincial data centre's store). */
export class S3BlobStore implements BlobStore, OnModuleDestroy {
  readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.prefix = options.prefix ?? '';
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? !!options.endpoint,
      credentials: options.credentials,
      // S3-compatible servers do not all understand the newer default checksums (aws-chunked bodies).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    checkedDigest(key);
    return `${this.prefix}${key}`;
  }

  /** Closes the client's kept-alive connections (called by Nest at shutdown). */
  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, stream: Readable, size?: number): Promise<void> {
    const Key = this.objectKey(key);
    if (size === undefined) return this.putSpooled(key, stream);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key,
        Body: stream,
        ContentLength: size,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  /** S3 needs a length up front: spool a stream of unknown size to a temporary file first. */
  private async putSpooled(key: string, stream: Readable): Promise<void> {
    const dir = this.options.spoolDir ?? tmpdir();
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `s3-spool-${randomUUID()}`);
    try {
      await pipeline(stream, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      const { size } = await stat(temp);
      await this.put(key, createReadStream(temp), size);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return out.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) throw new BlobNotFoundError(key);
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }
}

function isNotFound(e: unknown): boolean {
  if (e instanceof S3ServiceException)
    return e.$metadata?.httpStatusCode === 404 || e.name === 'NotFound' || e.name === 'NoSuchKey';
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.$metadata?.httpStatusCode === 404 || err?.name === 'NoSuchKey' || err?.name === 'NotFound';
}

/**
 * The store the environment asks for: `ATTACHMENT_STORE=local` (default; files under
 * `<dataDir>/attachments`, dataDir being PORTAL_DATA_DIR) or `s3` (S3_BUCKET, S3_REGION,
 * S3_ENDPOINT for S3-compatible servers, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; without keys
 * the SDK's default chain — instance role, AWS_* variables — applies).
 */
export function createBlobStore(env: NodeJS.ProcessEnv, dataDir: string): BlobStore {
  const kind = (env.ATTACHMENT_STORE ?? 'local').trim().toLowerCase() || 'local';
  if (kind === 'local') return new LocalDiskBlobStore(join(dataDir, 'attachments'));
  if (kind !== 's3')
    throw new Error(`Configuration ATTACHMENT_STORE must be "local" or "s3", got "${env.ATTACHMENT_STORE}"`);
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new Error('Configuration S3_BUCKET is required when ATTACHMENT_STORE=s3');
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (!!accessKeyId !== !!secretAccessKey)
    throw new Error('Configuration S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  return new S3BlobStore({
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    endpoint,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : !!endpoint,
    credentials: accessKeyId ? { accessKeyId, secretAccessKey: secretAccessKey! } : undefined,
    prefix: env.S3_PREFIX ?? '',
    spoolDir: env.ATTACHMENT_TMP_DIR?.trim() || undefined,
  });
}
