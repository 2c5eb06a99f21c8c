import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Role } from '../libs/access/src';
import { blobKey } from '../libs/content/src/attachments';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * "Range requests on a 200 MB video served without reading it into memory (RSS checked)": a
 * 200 MB MP4-typed file is streamed into the blob store through the upload route (never held
 * whole: the same filler buffer is sent again and again), then fetched whole and in several ranges
 * over real HTTP, each body consumed as a stream and hashed. The process's resident memory (the
 * api runs in this process) must grow by far less than the file. No timing is asserted.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn';
const MIB = 1024 * 1024;
const SIZE = 200 * MIB;
/** Growth of the resident set allowed while 200 MB go through: a fraction of the file. */
const RSS_BUDGET = 64 * MIB;

/**
 * The collector, called now and then while bytes flow: buffers already sent are garbage, and V8
 * would otherwise let tens of MB of them wait for a collection. What a server kept alive (a file
 * read into memory) is not garbage, so this cannot hide it.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The file: an `ftyp` box (brand isom), then a pseudo-random filler of an odd length, repeated. */
const HEAD = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
]);
const FILLER = (() => {
  const out = Buffer.alloc(MIB + 7);
  let block = createHash('sha256').update('filler').digest();
  for (let at = 0; at < out.length; at += block.length) {
    block.copy(out, at, 0, Math.min(block.length, out.length - at));
    block = createHash('sha256').update(block).digest();
  }
  return out;
})();

/** The bytes `start`..`end` (inclusive) of the file as views of HEAD and FILLER: nothing allocated. */
function* slices(start: number, end: number): Generator<Buffer> {
  let at = start;
  while (at <= end) {
    if (at < HEAD.length) {
      const piece = HEAD.subarray(at, Math.min(HEAD.length, end + 1));
      at += piece.length;
      yield piece;
      continue;
    }
    const offset = (at - HEAD.length) % FILLER.length;
    const piece = FILLER.subarray(offset, Math.min(FILLER.length, offset + (end + 1 - at)));
    at += piece.length;
    yield piece;
  }
}

function expectedHash(start: number, end: number): string {
  const hash = createHash('sha256');
  for (const piece of slices(start, end)) hash.update(piece);
  return hash.digest('hex');
}

describe('media streaming memory: a 200 MB video served by ranges without being read into memory', () => {
  let t: TestApp;
  let dataDir: string;
  let token = '';
  let peak = 0;
  let samples = 0;
  /** Notes the resident set; collects every `every` calls (16 MiB of 64 KiB chunks down, of 1 MiB pieces up). */
  const sample = (every = 256) => {
    if (++samples % every === 0) collect();
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-media-rss-'));
    t = await startTestApp({ dataDir });
    await t.apply(SMALL_TREES.city);
    token = await t.asUser('rss-writer', Role.BOARD_HEAD, SAIGON);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Uploads the file as a stream; resolves with the answer. */
  const uploadStreamed = (itemId: string) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const boundary = `----rss${randomUUID()}`;
      const opening = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n${itemId}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hoi-nghi.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
      );
      const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
      const body = Readable.from(
        (function* () {
          yield opening;
          for (const piece of slices(0, SIZE - 1)) {
            sample(16);
            yield piece;
          }
          yield closing;
        })(),
      );
      const req = request(
        {
          host: '127.0.0.1',
          port: t.port,
          method: 'POST',
          path: '/media/video',
          headers: {
            host: SAIGON,
            authorization: `Bearer ${token}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(opening.length + SIZE + closing.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
          );
        },
      );
      req.on('error', reject);
      body.pipe(req);
    });

  /** GETs the file (or a range) and hashes the body as it arrives, sampling the resident set. */
  const fetchHashed = (id: string, range?: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; length: number; sha256: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: t.port,
            method: 'GET',
            path: `/media/${id}`,
            headers: { host: SAIGON, authorization: `Bearer ${token}`, ...(range ? { range } : {}) },
          },
          (res) => {
            const hash = createHash('sha256');
            let length = 0;
            res.on('data', (c: Buffer) => {
              hash.update(c);
              length += c.length;
              sample();
            });
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                length,
                sha256: hash.digest('hex'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      },
    );

  it('stores, then serves the whole file and several ranges with the right bytes, RSS growing by far less than the file', async () => {
    const created = await t.gql(
      SAIGON,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } } }`,
      {
        i: {
          tenantId: t.tenant(SAIGON).id,
          kind: 'VIDEO',
          title: 'Toàn văn hội nghị (200 MB)',
          bodyHtml: '<p>Video</p>',
          authorName: 'Ban biên tập',
          source: 'Ban biên tập',
          fields: {},
        },
      },
      { token },
    );
    const itemId = created.body.data!.createContent.id as string;
    const whole = expectedHash(0, SIZE - 1);

    collect();
    const baseline = process.memoryUsage.rss();
    peak = baseline;
    const up = await uploadStreamed(itemId);
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ mediaType: 'video/mp4', size: SIZE, sha256: whole });
    // The blob is on disk, whole, under its hash.
    expect(statSync(join(dataDir, 'attachments', ...blobKey(whole).split('/'))).size).toBe(SIZE);
    const uploadGrowth = peak - baseline;

    collect();
    const serveBaseline = process.memoryUsage.rss();
    peak = serveBaseline;
    const full = await fetchHashed(up.json.id);
    expect(full).toMatchObject({ status: 200, length: SIZE, sha256: whole });
    expect(full.headers['content-length']).toBe(String(SIZE));
    expect(full.headers.etag).toBe(`"${whole}"`);

    const cases: Array<[string, number, number]> = [
      ['bytes=0-1048575', 0, MIB - 1],
      [`bytes=${100 * MIB + 3}-${150 * MIB}`, 100 * MIB + 3, 150 * MIB],
      [`bytes=${170 * MIB + 11}-`, 170 * MIB + 11, SIZE - 1],
      [`bytes=-${25 * MIB + 5}`, SIZE - (25 * MIB + 5), SIZE - 1],
    ];
    for (const [range, start, end] of cases) {
      const part = await fetchHashed(up.json.id, range);
      expect({ range, status: part.status, contentRange: part.headers['content-range'] }).toEqual({
        range,
        status: 206,
        contentRange: `bytes ${start}-${end}/${SIZE}`,
      });
      expect({ range, length: part.length, sha256: part.sha256 }).toEqual({
        range,
        length: end - start + 1,
        sha256: expectedHash(start, end),
      });
    }
    const serveGrowth = peak - serveBaseline;
    // Printed for the record (figures, not assertions of speed).
    process.stdout.write(
      `media RSS growth: upload ${(uploadGrowth / MIB).toFixed(1)} MiB, serving ${(serveGrowth / MIB).toFixed(1)} MiB for ${SIZE / MIB} MiB + ranges\n`,
    );
    expect(serveGrowth).toBeLessThan(RSS_BUDGET);
    expect(uploadGrowth).toBeLessThan(RSS_BUDGET);
  }, 600_000);
});
