process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import {
  BlobNotFoundError,
  BlobStore,
  LocalDiskBlobStore,
  S3BlobStore,
  blobKey,
  createBlobStore,
  digestOfKey,
} from './blob-store';

// s3rver: a real S3-compatible server (HTTP, SigV4, path-style buckets) in process, on loopback.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
};

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const chunked = (b: Buffer, size = 7) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
    })(),
  );

describe('blob keys', () => {
  it('are content addresses sha256/<aa>/<bb>/<hash>', () => {
    const digest = sha(Buffer.from('x'));
    expect(blobKey(digest)).toBe(`sha256/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`);
    expect(digestOfKey(blobKey(digest))).toBe(digest);
  });
  it('refuse anything else', () => {
    expect(() => blobKey('ABC')).toThrow();
    expect(() => blobKey('../'.repeat(21) + 'x')).toThrow();
    expect(digestOfKey('sha256/00/00/' + 'a'.repeat(64))).toBeNull();
    expect(digestOfKey('../../etc/passwd')).toBeNull();
  });
});

/** The same behaviour asked of every implementation. */
function behavesAsBlobStore(name: string, make: () => BlobStore) {
  describe(`${name} (BlobStore contract)`, () => {
    it('puts, tells it has, and gets the same bytes back', async () => {
      const store = make();
      const bytes = Buffer.from(`Nội dung tệp ${name} ${Date.now()}`);
      const key = blobKey(sha(bytes));
      await expect(store.has(key)).resolves.toBe(false);
      await store.put(key, chunked(bytes), bytes.length);
      await expect(store.has(key)).resolves.toBe(true);
      const back = await store.get(key);
      expect(Buffer.from(await text(back))).toEqual(bytes);
    });

    it('accepts a stream of unknown size', async () => {
      const store = make();
      const bytes = Buffer.alloc(300_000, 'ab');
      const key = blobKey(sha(bytes));
      await store.put(key, chunked(bytes, 65_536));
      const chunks: Buffer[] = [];
      for await (const c of await store.get(key)) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    });

    it('putting the same content twice is harmless', async () => {
      const store = make();
      const bytes = Buffer.from('twice');
      const key = blobKey(sha(bytes));
      await store.put(key, chunked(bytes), bytes.length);
      await store.put(key, chunked(bytes), bytes.length);
      expect(await text(await store.get(key))).toBe('twice');
    });

    it('get of a missing key rejects with BlobNotFoundError; has is false', async () => {
      const store = make();
      const key = blobKey(sha(Buffer.from(`missing ${name}`)));
      await expect(store.has(key)).resolves.toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('refuses keys that are not content addresses', async () => {
      const store = make();
      await expect(store.has('../../etc/passwd')).rejects.toThrow();
      await expect(store.put('x', chunked(Buffer.from('x')))).rejects.toThrow();
    });
  });
}

describe('LocalDiskBlobStore', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'blobs-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  behavesAsBlobStore('LocalDiskBlobStore', () => new LocalDiskBlobStore(root));

  it('lays files out by key and leaves no temporary file', async () => {
    const store = new LocalDiskBlobStore(root);
    const bytes = Buffer.from('layout');
    const digest = sha(bytes);
    await store.put(blobKey(digest), chunked(bytes), bytes.length);
    expect(readdirSync(join(root, 'sha256', digest.slice(0, 2), digest.slice(2, 4)))).toEqual([digest]);
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });

  it('refuses bytes that do not hash to the key, and stores nothing', async () => {
    const store = new LocalDiskBlobStore(root);
    const key = blobKey(sha(Buffer.from('expected')));
    await expect(store.put(key, chunked(Buffer.from('something else')))).rejects.toThrow(/hash/);
    await expect(store.has(key)).resolves.toBe(false);
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });

  it('refuses a size that does not match', async () => {
    const store = new LocalDiskBlobStore(root);
    const bytes = Buffer.from('sized');
    await expect(store.put(blobKey(sha(bytes)), chunked(bytes), 99)).rejects.toThrow(/bytes/);
  });
});

describe('S3BlobStore against s3rver', () => {
  let server: InstanceType<typeof S3rver>;
  let dir: string;
  let endpoint: string;
  const bucket = 'portal-attachments';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  behavesAsBlobStore(
    'S3BlobStore',
    () => new S3BlobStore({ bucket, endpoint, forcePathStyle: true, credentials }),
  );
  behavesAsBlobStore(
    'S3BlobStore with a prefix',
    () => new S3BlobStore({ bucket, endpoint, forcePathStyle: true, credentials, prefix: 'portal/' }),
  );

  it('is what ATTACHMENT_STORE=s3 builds from the environment', async () => {
    const store = createBlobStore(
      {
        ATTACHMENT_STORE: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: bucket,
        S3_REGION: 'ap-southeast-1',
        S3_ACCESS_KEY_ID: credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      },
      '/nonexistent',
    );
    expect(store).toBeInstanceOf(S3BlobStore);
    const bytes = Buffer.from('from env');
    await store.put(blobKey(sha(bytes)), chunked(bytes), bytes.length);
    expect(await text(await store.get(blobKey(sha(bytes))))).toBe('from env');
  });

  it('a bucket that does not exist is an error, not "missing"', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = new S3BlobStore({ bucket: 'no-such-bucket', endpoint, forcePathStyle: true, credentials });
    const bytes = Buffer.from('x');
    await expect(store.put(blobKey(sha(bytes)), chunked(bytes), 1)).rejects.toThrow();
  });
});

describe('createBlobStore', () => {
  it('defaults to the local disk under <dataDir>/attachments', () => {
    const store = createBlobStore({}, '/srv/portal-data');
    expect(store).toBeInstanceOf(LocalDiskBlobStore);
    expect((store as LocalDiskBlobStore).root).toBe(join('/srv/portal-data', 'attachments'));
  });
  it('refuses unknown stores and incomplete S3 settings', () => {
    expect(() => createBlobStore({ ATTACHMENT_STORE: 'ftp' }, '/d')).toThrow(/ATTACHMENT_STORE/);
    expect(() => createBlobStore({ ATTACHMENT_STORE: 's3' }, '/d')).toThrow(/S3_BUCKET/);
    expect(() =>
      createBlobStore({ ATTACHMENT_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' }, '/d'),
    ).toThrow(/together/);
  });
});
