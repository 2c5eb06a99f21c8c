import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Folders of content-addressed files in the attachment store's layout, `sha256/<aa>/<bb>/<hash>`:
 * the local store itself, and the `blobs/` folder of a backup. A file's name is its checksum, so
 * every copy can be verified without a list on the side.
 */

export interface BlobFile {
  readonly sha256: string;
  readonly path: string;
}

/** Where a backup reads blobs from: the local store's folder, or nothing for a remote store. */
export type BlobSource =
  | { readonly kind: 'local'; readonly root: string }
  | { readonly kind: 'remote'; readonly description: string };

/** Where a restore writes blobs to (the configured attachment store, local or S3). */
export interface BlobSink {
  has(sha256: string): Promise<boolean>;
  /** Stores the bytes under their SHA-256; `size` is known (S3 needs it up front). */
  put(sha256: string, stream: Readable, size: number): Promise<void>;
}

export interface BlobTally {
  count: number;
  bytes: number;
  /** Files whose bytes do not hash to their name (relative paths): left out of the copy. */
  corrupt: string[];
  /** Files that are not where a blob would be (relative paths): ignored. */
  stray: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX2 = /^[0-9a-f]{2}$/;

export function blobPath(root: string, sha256: string): string {
  return join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Every blob under `root` (none when the folder does not exist), and what does not fit the layout. */
export async function* walkBlobs(root: string): AsyncGenerator<BlobFile | { stray: string }> {
  const top = join(root, 'sha256');
  for (const a of await entries(top)) {
    if (!a.isDirectory() || !HEX2.test(a.name)) {
      yield { stray: join(top, a.name) };
      continue;
    }
    for (const b of await entries(join(top, a.name))) {
      if (!b.isDirectory() || !HEX2.test(b.name)) {
        yield { stray: join(top, a.name, b.name) };
        continue;
      }
      const dir = join(top, a.name, b.name);
      for (const file of await entries(dir)) {
        const fits = file.isFile() && HEX64.test(file.name) && file.name.startsWith(a.name + b.name);
        yield fits ? { sha256: file.name, path: join(dir, file.name) } : { stray: join(dir, file.name) };
      }
    }
  }
}

function hasher(): { meter: Transform; digest: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { meter, digest: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Copies one file, hashing it on the way; the copy only takes its final name when the bytes hash
 * to `sha256`. Returns the size, or null (and no copy) when they do not.
 */
async function copyVerified(from: string, to: string, sha256: string): Promise<number | null> {
  const temp = `${to}.part`;
  const { meter, digest } = hasher();
  try {
    await pipeline(createReadStream(from), meter, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
    const actual = digest();
    if (actual.sha256 !== sha256) return null;
    await rename(temp, to);
    return actual.bytes;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Copies every blob of a store folder into a backup folder, verifying each one. */
export async function copyBlobs(fromRoot: string, toRoot: string): Promise<BlobTally> {
  const tally: BlobTally = { count: 0, bytes: 0, corrupt: [], stray: [] };
  for await (const found of walkBlobs(fromRoot)) {
    if ('stray' in found) {
      tally.stray.push(relative(fromRoot, found.stray));
      continue;
    }
    const target = blobPath(toRoot, found.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    const bytes = await copyVerified(found.path, target, found.sha256);
    if (bytes === null) tally.corrupt.push(relative(fromRoot, found.path));
    else {
      tally.count++;
      tally.bytes += bytes;
    }
  }
  return tally;
}

/** Hashes every blob of a backup folder: how many, how large, and which do not match their name. */
export async function verifyBlobs(root: string): Promise<BlobTally> {
  const tally: BlobTally = { count: 0, bytes: 0, corrupt: [], stray: [] };
  for await (const found of walkBlobs(root)) {
    if ('stray' in found) {
      tally.stray.push(relative(root, found.stray));
      continue;
    }
    const { sha256, bytes } = await hashFile(found.path);
    if (sha256 !== found.sha256) tally.corrupt.push(relative(root, found.path));
    tally.count++;
    tally.bytes += bytes;
  }
  return tally;
}

/** Puts every blob of a backup folder into the store; blobs it already has are left alone. */
export async function putBlobs(root: string, sink: BlobSink): Promise<{ written: number; present: number }> {
  const result = { written: 0, present: 0 };
  for await (const found of walkBlobs(root)) {
    if ('stray' in found) continue;
    if (await sink.has(found.sha256)) {
      result.present++;
      continue;
    }
    const { size } = await stat(found.path);
    await sink.put(found.sha256, createReadStream(found.path), size);
    result.written++;
  }
  return result;
}

/** The blobs of a backup folder that the store does not have (after a restore: none). */
export async function missingBlobs(root: string, sink: BlobSink): Promise<string[]> {
  const missing: string[] = [];
  for await (const found of walkBlobs(root)) {
    if (!('stray' in found) && !(await sink.has(found.sha256))) missing.push(found.sha256);
  }
  return missing;
}
