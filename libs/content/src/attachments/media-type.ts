import { open } from 'node:fs/promises';

/** The media types an attachment may have; anything else is refused whatever its name says. */
export const MediaType = {
  PDF: 'application/pdf',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PNG: 'image/png',
  JPEG: 'image/jpeg',
  GIF: 'image/gif',
  WEBP: 'image/webp',
} as const;
export type MediaType = (typeof MediaType)[keyof typeof MediaType];

export const ALLOWED_MEDIA_TYPES: readonly MediaType[] = Object.values(MediaType);

/** The usual extension of each accepted type (for a file that arrives without a usable name). */
export const EXTENSION_OF: Readonly<Record<MediaType, string>> = {
  [MediaType.PDF]: 'pdf',
  [MediaType.DOCX]: 'docx',
  [MediaType.XLSX]: 'xlsx',
  [MediaType.PNG]: 'png',
  [MediaType.JPEG]: 'jpg',
  [MediaType.GIF]: 'gif',
  [MediaType.WEBP]: 'webp',
};

/** How many leading bytes `detectFromHead` needs. */
export const HEAD_BYTES = 16;

/** What the first bytes say: an accepted type, a ZIP container to look into, or nothing we accept. */
export type HeadKind = MediaType | 'zip' | null;

const startsWith = (buf: Buffer, bytes: readonly number[], at = 0): boolean =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** Classifies a file by its first bytes (magic numbers); names and declared types play no part. */
export function detectFromHead(head: Buffer): HeadKind {
  if (startsWith(head, PDF)) return MediaType.PDF;
  if (startsWith(head, PNG)) return MediaType.PNG;
  if (startsWith(head, JPEG)) return MediaType.JPEG;
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return MediaType.GIF;
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return MediaType.WEBP;
  if (startsWith(head, ZIP_LOCAL)) return 'zip';
  return null;
}

/**
 * An Office Open XML document is a ZIP whose parts sit under `word/` (DOCX) or `xl/` (XLSX).
 * Macro-enabled variants (a `vbaProject.bin` part: .docm, .xlsm saved under another name) are refused.
 */
export function officeTypeFromEntries(names: readonly string[]): MediaType | null {
  const normalised = names.map((n) => n.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase());
  if (normalised.some((n) => n.endsWith('vbaproject.bin'))) return null;
  if (normalised.some((n) => n.startsWith('word/') && n.length > 'word/'.length)) return MediaType.DOCX;
  if (normalised.some((n) => n.startsWith('xl/') && n.length > 'xl/'.length)) return MediaType.XLSX;
  return null;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535 bytes. */
export const ZIP_TAIL_BYTES = 22 + 0xffff + 20;
const MAX_ENTRIES = 20_000;
const MAX_CENTRAL_DIRECTORY_BYTES = 8 * 1024 * 1024;

/** Where the central directory is, read from the end-of-central-directory record in a file's tail. */
export function locateCentralDirectory(
  tail: Buffer,
  fileSize: number,
): { offset: number; size: number; entries: number } | null {
  const tailStart = fileSize - tail.length;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIG) continue;
    let entries = tail.readUInt16LE(i + 10);
    let size = tail.readUInt32LE(i + 12);
    let offset = tail.readUInt32LE(i + 16);
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      // ZIP64: a locator 20 bytes before the record points at the ZIP64 end record.
      const loc = i - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) return null;
      const recordAt = Number(tail.readBigUInt64LE(loc + 8)) - tailStart;
      if (recordAt < 0 || recordAt + 56 > tail.length || tail.readUInt32LE(recordAt) !== ZIP64_EOCD_SIG)
        return null;
      entries = Number(tail.readBigUInt64LE(recordAt + 32));
      size = Number(tail.readBigUInt64LE(recordAt + 40));
      offset = Number(tail.readBigUInt64LE(recordAt + 48));
    }
    if (offset + size > fileSize) continue;
    return { offset, size, entries };
  }
  return null;
}

/** Entry names listed in a central directory (stops at the first malformed record). */
export function entryNamesFromCentralDirectory(cd: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 46 <= cd.length && names.length < MAX_ENTRIES) {
    if (cd.readUInt32LE(at) !== CENTRAL_SIG) break;
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    if (at + 46 + nameLength > cd.length) break;
    names.push(cd.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Entry names from the local file headers at the start of a ZIP, for archives whose central
 * directory cannot be read (truncated files). Stops where sizes are unknown (data descriptors).
 */
export function entryNamesFromLocalHeaders(buf: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= buf.length && names.length < MAX_ENTRIES) {
    if (buf.readUInt32LE(at) !== LOCAL_SIG) break;
    const flags = buf.readUInt16LE(at + 6);
    const compressedSize = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const extraLength = buf.readUInt16LE(at + 28);
    if (at + 30 + nameLength > buf.length) break;
    names.push(buf.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
    if (flags & 0x08 || compressedSize === 0xffffffff) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

/**
 * The media type of a file on disk, from its content only: magic bytes, and for ZIP containers
 * the names of their entries (central directory first, local headers as a fallback).
 * Returns null for anything that is not an accepted type.
 */
export async function sniffFile(path: string): Promise<MediaType | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const kind = detectFromHead(head);
    if (kind !== 'zip') return kind;
    const tailLength = Math.min(size, ZIP_TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const where = locateCentralDirectory(tail, size);
    let names: string[] = [];
    if (where && where.size <= MAX_CENTRAL_DIRECTORY_BYTES) {
      const cd = Buffer.alloc(where.size);
      await handle.read(cd, 0, where.size, where.offset);
      names = entryNamesFromCentralDirectory(cd);
    }
    if (!names.length) {
      const start = Buffer.alloc(Math.min(size, 256 * 1024));
      await handle.read(start, 0, start.length, 0);
      names = entryNamesFromLocalHeaders(start);
    }
    return officeTypeFromEntries(names);
  } finally {
    await handle.close();
  }
}
