import { open, readFile } from 'node:fs/promises';
import { MediaType, detectFromHead } from '../attachments/media-type';

/** The formats a media item's files may have, told apart by their bytes only. */
export const MediaFormat = {
  MP4: 'video/mp4',
  WEBM: 'video/webm',
  MP3: 'audio/mpeg',
  M4A: 'audio/mp4',
  PNG: MediaType.PNG,
  JPEG: MediaType.JPEG,
  WEBP: MediaType.WEBP,
  VTT: 'text/vtt',
} as const;
export type MediaFormat = (typeof MediaFormat)[keyof typeof MediaFormat];

/** What a file is for: the item's video or audio, its poster, its captions, or a gallery photo. */
export enum MediaRole {
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
  POSTER = 'POSTER',
  CAPTIONS = 'CAPTIONS',
  PHOTO = 'PHOTO',
}

const IMAGES: readonly MediaFormat[] = [MediaFormat.PNG, MediaFormat.JPEG, MediaFormat.WEBP];

/** The formats each role accepts. */
export const ROLE_FORMATS: Readonly<Record<MediaRole, readonly MediaFormat[]>> = {
  [MediaRole.VIDEO]: [MediaFormat.MP4, MediaFormat.WEBM],
  [MediaRole.AUDIO]: [MediaFormat.MP3, MediaFormat.M4A],
  [MediaRole.POSTER]: IMAGES,
  [MediaRole.PHOTO]: IMAGES,
  [MediaRole.CAPTIONS]: [MediaFormat.VTT],
};

export const FORMAT_EXTENSION: Readonly<Record<MediaFormat, string>> = {
  [MediaFormat.MP4]: 'mp4',
  [MediaFormat.WEBM]: 'webm',
  [MediaFormat.MP3]: 'mp3',
  [MediaFormat.M4A]: 'm4a',
  [MediaFormat.PNG]: 'png',
  [MediaFormat.JPEG]: 'jpg',
  [MediaFormat.WEBP]: 'webp',
  [MediaFormat.VTT]: 'vtt',
};

/** Bytes `detectMediaHead` looks at. */
export const MEDIA_HEAD_BYTES = 64;

const ascii = (buf: Buffer, at: number, length: number) => buf.subarray(at, at + length).toString('latin1');

/** ISO base media brands read as audio only (iTunes audio, audiobooks). */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ']);
/** Brands of MP4 video files (ISO/IEC 14496-12 and -14, Apple's M4V, DASH segments' parent). */
const VIDEO_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'mmp4',
  'msnv',
]);

/** An MP4's type from its `ftyp` box: the major brand decides; QuickTime and 3GP are not accepted. */
function mp4Format(head: Buffer): MediaFormat | null {
  if (head.length < 12 || ascii(head, 4, 4) !== 'ftyp') return null;
  const brand = ascii(head, 8, 4);
  if (AUDIO_BRANDS.has(brand)) return MediaFormat.M4A;
  if (VIDEO_BRANDS.has(brand)) return MediaFormat.MP4;
  return null;
}

/** A WebM file is an EBML document whose DocType element (0x4282) says "webm" (Matroska is not accepted). */
function isWebm(head: Buffer): boolean {
  if (!(head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)) return false;
  for (let i = 4; i + 7 <= head.length; i++) {
    if (head[i] !== 0x42 || head[i + 1] !== 0x82) continue;
    // The size is a one-byte EBML varint (0x80 | n) in every muxer's output.
    const size = head[i + 2] & 0x7f;
    return (head[i + 2] & 0x80) !== 0 && ascii(head, i + 3, size) === 'webm';
  }
  return false;
}

/** An MPEG-1/2 Layer III frame header: sync, a defined version, layer III, a real bitrate and rate. */
export function isMp3Frame(b: Buffer, at = 0): boolean {
  if (b.length < at + 4) return false;
  const [b0, b1, b2] = [b[at], b[at + 1], b[at + 2]];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  if ((b1 & 0x18) === 0x08) return false; // reserved version
  if ((b1 & 0x06) !== 0x02) return false; // not layer III
  const bitrate = b2 >> 4;
  return bitrate !== 0 && bitrate !== 0x0f && ((b2 >> 2) & 0x03) !== 0x03;
}

/** The size of an ID3v2 tag at the start of a file (header included), or null when there is none. */
export function id3Size(head: Buffer): number | null {
  if (head.length < 10 || ascii(head, 0, 3) !== 'ID3' || head[3] < 2 || head[3] > 4) return null;
  if ((head[6] | head[7] | head[8] | head[9]) & 0x80) return null; // sizes are syncsafe
  const size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
  return 10 + size + (head[5] & 0x10 ? 10 : 0);
}

/**
 * A media file's format from its first bytes, or 'id3' when an ID3 tag comes first (its audio
 * frame, after the tag, decides), or null. Names and declared types play no part.
 */
export function detectMediaHead(head: Buffer): MediaFormat | 'id3' | null {
  const mp4 = mp4Format(head);
  if (mp4) return mp4;
  if (isWebm(head)) return MediaFormat.WEBM;
  if (id3Size(head) !== null) return 'id3';
  if (isMp3Frame(head)) return MediaFormat.MP3;
  const text = head.subarray(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  // "WEBVTT" alone on its line, or followed by a space or tab and a header text.
  if (ascii(text, 0, 6) === 'WEBVTT' && (text.length === 6 || [0x20, 0x09, 0x0a, 0x0d].includes(text[6])))
    return MediaFormat.VTT;
  const image = detectFromHead(head);
  return image && (IMAGES as readonly string[]).includes(image) ? (image as MediaFormat) : null;
}

/** A file's media format by its content (reading only its head, and the frame after an ID3 tag). */
export async function sniffMediaFile(path: string): Promise<MediaFormat | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, MEDIA_HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const kind = detectMediaHead(head);
    if (kind !== 'id3') return kind;
    const at = id3Size(head)!;
    if (at + 4 > size) return null;
    const frame = Buffer.alloc(4);
    await handle.read(frame, 0, 4, at);
    return isMp3Frame(frame) ? MediaFormat.MP3 : null;
  } finally {
    await handle.close();
  }
}

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function seconds(stamp: string): number | null {
  const m = TIMESTAMP.exec(stamp);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Where a captions file breaks the WebVTT rules this platform checks (1-based line), or null when sound. */
export function checkWebVtt(bytes: Buffer): { line: number; vi: string; en: string } | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { line: 1, vi: 'tệp không phải UTF-8', en: 'the file is not UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0]))
    return { line: 1, vi: 'dòng đầu phải là "WEBVTT"', en: 'the first line must be "WEBVTT"' };
  let cues = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('-->')) continue;
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/.exec(line);
    const start = m ? seconds(m[1]) : null;
    const end = m ? seconds(m[2]) : null;
    if (start === null || end === null)
      return {
        line: i + 1,
        vi: 'mốc thời gian phải có dạng hh:mm:ss.ttt --> hh:mm:ss.ttt',
        en: 'a cue timing must read hh:mm:ss.ttt --> hh:mm:ss.ttt',
      };
    if (end <= start)
      return { line: i + 1, vi: 'thời điểm kết thúc phải sau bắt đầu', en: 'a cue must end after it starts' };
    cues++;
  }
  if (!cues) return { line: lines.length, vi: 'tệp không có đoạn phụ đề nào', en: 'the file has no cue' };
  return null;
}

/** Reads a (small) captions file and checks it. */
export async function checkWebVttFile(
  path: string,
): Promise<{ line: number; vi: string; en: string } | null> {
  return checkWebVtt(await readFile(path));
}

/** Pixel size of a PNG, JPEG or WebP from its first bytes (null when it cannot be read there). */
export function imageSize(buf: Buffer): { width: number; height: number } | null {
  // PNG: IHDR is the first chunk.
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && ascii(buf, 12, 4) === 'IHDR')
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  // JPEG: walk the segments to the first start-of-frame.
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let at = 2;
    while (at + 9 < buf.length) {
      if (buf[at] !== 0xff) return null;
      const marker = buf[at + 1];
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = buf.readUInt16BE(at + 2);
      const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (sof) return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
      at += 2 + length;
    }
    return null;
  }
  // WebP: lossy (VP8), lossless (VP8L) or extended (VP8X).
  if (buf.length >= 30 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WEBP') {
    const chunk = ascii(buf, 12, 4);
    if (chunk === 'VP8 ')
      return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = buf.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
  }
  return null;
}

/** An image file's pixel size, reading at most its first 512 KiB. */
export async function imageFileSize(path: string): Promise<{ width: number; height: number } | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(size, 512 * 1024));
    await handle.read(buf, 0, buf.length, 0);
    const found = imageSize(buf);
    return found && found.width > 0 && found.height > 0 ? found : null;
  } finally {
    await handle.close();
  }
}
