import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MediaType,
  detectFromHead,
  entryNamesFromCentralDirectory,
  entryNamesFromLocalHeaders,
  locateCentralDirectory,
  officeTypeFromEntries,
  sniffFile,
} from './media-type';
import { TINY_PDF, TINY_PNG, buildZip, minimalDocx, minimalXlsx } from '../../../../test/support/zip-fixture';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const GIF87 = Buffer.from('GIF87a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const GIF89 = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff;', 'latin1');
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8L'),
  Buffer.alloc(14),
]);
const WAVE = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WAVEfmt '),
  Buffer.alloc(8),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]);

describe('detectFromHead (magic bytes)', () => {
  it.each([
    ['PDF', TINY_PDF, MediaType.PDF],
    ['PNG', TINY_PNG, MediaType.PNG],
    ['JPEG', JPEG, MediaType.JPEG],
    ['GIF87a', GIF87, MediaType.GIF],
    ['GIF89a', GIF89, MediaType.GIF],
    ['WebP', WEBP, MediaType.WEBP],
    ['ZIP', minimalDocx(), 'zip'],
  ])('%s', (_name, bytes, expected) => {
    expect(detectFromHead(bytes.subarray(0, 16))).toBe(expected);
  });

  it.each([
    ['an executable', EXE],
    ['plain text', Buffer.from('Xin chào, đây là văn bản thường.\n')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['SVG (scriptable, refused)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a RIFF that is not WebP (WAVE)', WAVE],
    ['"%PDF" without the dash', Buffer.from('%PDF1.4')],
    ['a PDF header not at the start', Buffer.concat([Buffer.from(' '), TINY_PDF])],
    ['a truncated PNG signature', TINY_PNG.subarray(0, 7)],
    ['two JPEG bytes', JPEG.subarray(0, 2)],
    ['an empty file', Buffer.alloc(0)],
    ['an empty ZIP (end record only)', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Buffer.alloc(18)])],
  ])('refuses %s', (_name, bytes) => {
    expect(detectFromHead(bytes)).toBeNull();
  });
});

describe('officeTypeFromEntries', () => {
  it('DOCX has parts under word/, XLSX under xl/', () => {
    expect(officeTypeFromEntries(['[Content_Types].xml', 'word/document.xml'])).toBe(MediaType.DOCX);
    expect(officeTypeFromEntries(['xl/workbook.xml', 'xl/worksheets/sheet1.xml'])).toBe(MediaType.XLSX);
    expect(officeTypeFromEntries(['Word/Document.xml'])).toBe(MediaType.DOCX);
  });
  it('any other ZIP, and macro-enabled documents, are not accepted', () => {
    expect(officeTypeFromEntries(['readme.txt', 'setup.exe'])).toBeNull();
    expect(officeTypeFromEntries(['word/'])).toBeNull();
    expect(officeTypeFromEntries(['wordy/document.xml', 'xlsx/x.xml'])).toBeNull();
    expect(officeTypeFromEntries(['ppt/presentation.xml'])).toBeNull();
    expect(officeTypeFromEntries(['word/document.xml', 'word/vbaProject.bin'])).toBeNull();
    expect(officeTypeFromEntries(['xl/workbook.xml', 'xl/vbaProject.bin'])).toBeNull();
    expect(officeTypeFromEntries([])).toBeNull();
  });
});

describe('ZIP structures', () => {
  it('reads entry names from the central directory, with or without an archive comment', () => {
    for (const comment of ['', 'a comment of some length with PK in it']) {
      const zip = buildZip(
        [
          { name: 'a.txt', data: 'A' },
          { name: 'word/document.xml', data: '<w:document/>' },
        ],
        { comment },
      );
      const where = locateCentralDirectory(zip, zip.length)!;
      expect(where.entries).toBe(2);
      expect(entryNamesFromCentralDirectory(zip.subarray(where.offset, where.offset + where.size))).toEqual([
        'a.txt',
        'word/document.xml',
      ]);
    }
  });

  it('finds the end record in a tail of the file (offsets relative to the whole file)', () => {
    const zip = buildZip([{ name: 'xl/workbook.xml', data: 'x'.repeat(5000) }]);
    const tail = zip.subarray(zip.length - 200);
    const where = locateCentralDirectory(tail, zip.length)!;
    expect(where.offset + where.size).toBeLessThanOrEqual(zip.length);
    expect(entryNamesFromCentralDirectory(zip.subarray(where.offset, where.offset + where.size))).toEqual([
      'xl/workbook.xml',
    ]);
  });

  it('has no central directory in a truncated archive; local headers still name the entries', () => {
    const zip = minimalDocx('x', { method: 'store' });
    const truncated = zip.subarray(0, zip.length - 30);
    expect(locateCentralDirectory(truncated, truncated.length)).toBeNull();
    expect(entryNamesFromLocalHeaders(truncated)).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });

  it('local headers stop at an entry whose size is in a data descriptor', () => {
    const zip = buildZip(
      [
        { name: 'first.xml', data: 'a' },
        { name: 'word/document.xml', data: 'b' },
      ],
      { dataDescriptors: true },
    );
    expect(entryNamesFromLocalHeaders(zip)).toEqual(['first.xml']);
  });

  it('survives garbage', () => {
    const junk = Buffer.from('PK\x05\x06' + 'z'.repeat(40), 'latin1');
    expect(locateCentralDirectory(junk, junk.length)).toBeNull();
    expect(entryNamesFromCentralDirectory(Buffer.from('nonsense'))).toEqual([]);
    expect(entryNamesFromLocalHeaders(Buffer.from('PK\x03\x04', 'latin1'))).toEqual([]);
  });
});

describe('sniffFile (content of a file on disk)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sniff-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sniff = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return sniffFile(path);
  };

  it.each([
    ['report.pdf', TINY_PDF, MediaType.PDF],
    ['photo.png', TINY_PNG, MediaType.PNG],
    ['photo.jpg', JPEG, MediaType.JPEG],
    ['anim.gif', GIF89, MediaType.GIF],
    ['pic.webp', WEBP, MediaType.WEBP],
    ['letter.docx', minimalDocx(), MediaType.DOCX],
    ['letter-stored.docx', minimalDocx('x', { method: 'store' }), MediaType.DOCX],
    ['sheet.xlsx', minimalXlsx(), MediaType.XLSX],
    ['with-descriptors.docx', minimalDocx('x', { method: 'deflate', dataDescriptors: true }), MediaType.DOCX],
    ['commented.xlsx', minimalXlsx({ comment: 'LibreOffice' }), MediaType.XLSX],
    // Names lie; content decides.
    ['invoice.pdf', TINY_PNG, MediaType.PNG],
    ['image.png', minimalDocx(), MediaType.DOCX],
  ])('%s', async (name, bytes, expected) => {
    await expect(sniff(name, bytes)).resolves.toBe(expected);
  });

  it.each([
    ['setup.exe', EXE],
    ['notes.txt', Buffer.from('just text')],
    ['empty.pdf', Buffer.alloc(0)],
    ['archive.zip', buildZip([{ name: 'virus.exe', data: EXE }])],
    [
      'macro.docx',
      buildZip([
        { name: 'word/document.xml', data: 'x' },
        { name: 'word/vbaProject.bin', data: 'y' },
      ]),
    ],
    ['slides.pptx', buildZip([{ name: 'ppt/presentation.xml', data: 'x' }])],
    ['sound.webp', WAVE],
  ])('refuses %s', async (name, bytes) => {
    await expect(sniff(name, bytes)).resolves.toBeNull();
  });

  it('a truncated DOCX (no central directory) is still recognised from its local headers', async () => {
    const zip = minimalDocx('x', { method: 'store' });
    await expect(sniff('cut.docx', zip.subarray(0, zip.length - 40))).resolves.toBe(MediaType.DOCX);
  });
});
