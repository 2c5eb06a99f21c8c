import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobSink, blobPath, copyBlobs, missingBlobs, putBlobs, verifyBlobs } from './blob-folder';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function writeBlob(root: string, text: string, name = sha(text)): string {
  const path = blobPath(root, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('blob folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'blob-folder-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies verified blobs, leaves out a corrupt one and ignores what is not a blob', async () => {
    const store = join(dir, 'store');
    writeBlob(store, 'quyết định số 12');
    writeBlob(store, 'giấy mời họp');
    writeBlob(store, 'changed on disk', sha('what was uploaded'));
    mkdirSync(join(store, '.tmp'));
    writeFileSync(join(store, '.tmp', 'x.part'), 'half');
    writeFileSync(join(store, 'sha256', 'README'), 'not a blob');

    const tally = await copyBlobs(store, join(dir, 'backup'));
    expect(tally).toMatchObject({ count: 2, bytes: Buffer.byteLength('quyết định số 12giấy mời họp') });
    expect(tally.corrupt).toEqual([
      join(
        'sha256',
        sha('what was uploaded').slice(0, 2),
        sha('what was uploaded').slice(2, 4),
        sha('what was uploaded'),
      ),
    ]);
    expect(tally.stray).toEqual([join('sha256', 'README')]);
    expect(readFileSync(blobPath(join(dir, 'backup'), sha('giấy mời họp')), 'utf8')).toBe('giấy mời họp');
    expect((await verifyBlobs(join(dir, 'backup'))).corrupt).toEqual([]);
  });

  it('finds a damaged file in a backup, and puts the others into a store', async () => {
    const backup = join(dir, 'backup');
    writeBlob(backup, 'a');
    const damaged = writeBlob(backup, 'b');
    writeFileSync(damaged, 'B');
    expect((await verifyBlobs(backup)).corrupt).toHaveLength(1);

    writeFileSync(damaged, 'b');
    const stored = new Map<string, string>([[sha('a'), 'a']]);
    const sink: BlobSink = {
      has: async (key) => stored.has(key),
      put: async (key, stream: Readable) => {
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        stored.set(key, Buffer.concat(chunks).toString('utf8'));
      },
    };
    expect(await putBlobs(backup, sink)).toEqual({ written: 1, present: 1 });
    expect(stored.get(sha('b'))).toBe('b');
    expect(await missingBlobs(backup, sink)).toEqual([]);
  });

  it('treats a missing folder as an empty store', async () => {
    expect(await copyBlobs(join(dir, 'nothing'), join(dir, 'backup'))).toEqual({
      count: 0,
      bytes: 0,
      corrupt: [],
      stray: [],
    });
  });
});
