import { TINY_PNG } from '../../../../test/support/zip-fixture';
import { MediaFormat, checkWebVtt, detectMediaHead, imageSize, isMp3Frame } from './media-sniff';

/** An `ftyp` box with a major brand. */
const ftyp = (brand: string): Buffer =>
  Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\0\0isommp41`, 'latin1')]);

/** An EBML header with a DocType. */
const ebml = (docType: string): Buffer =>
  Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x80 | docType.length]),
    Buffer.from(docType, 'latin1'),
    Buffer.alloc(16),
  ]);

describe('media types by content', () => {
  it.each([
    ['MP4 (isom)', ftyp('isom'), MediaFormat.MP4],
    ['MP4 (mp42)', ftyp('mp42'), MediaFormat.MP4],
    ['M4A', ftyp('M4A '), MediaFormat.M4A],
    ['WebM', ebml('webm'), MediaFormat.WEBM],
    ['MP3 frame', Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0]), MediaFormat.MP3],
    ['WebVTT', Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào'), MediaFormat.VTT],
    ['WebVTT with BOM', Buffer.from('\ufeffWEBVTT - phụ đề\n'), MediaFormat.VTT],
    ['PNG', TINY_PNG, MediaFormat.PNG],
  ])('%s', (_name, bytes, expected) => {
    expect(detectMediaHead(bytes)).toBe(expected);
  });

  it.each([
    ['QuickTime', ftyp('qt  ')],
    ['3GP', ftyp('3gp4')],
    ['Matroska', ebml('matroska')],
    ['Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)])],
    ['text', Buffer.from('WEBVTTX not captions')],
    ['MP3-like bytes with a reserved bitrate', Buffer.from([0xff, 0xfb, 0xf0, 0x64])],
    ['PDF', Buffer.from('%PDF-1.7\n')],
  ])('refuses %s', (_name, bytes) => {
    expect(detectMediaHead(bytes)).toBeNull();
  });

  it('sends an ID3-tagged file to the frame after its tag', () => {
    const tag = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10, ...Buffer.alloc(10)]);
    expect(detectMediaHead(tag)).toBe('id3');
    expect(isMp3Frame(Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBe(true);
    expect(isMp3Frame(Buffer.from([0xff, 0xfd, 0x90, 0x64]))).toBe(false); // layer II
  });

  it('reads an image’s pixel size', () => {
    expect(imageSize(TINY_PNG)).toEqual({ width: 1, height: 1 });
  });
});

describe('WebVTT check', () => {
  it('accepts sound captions, with hours, settings and notes', () => {
    const vtt =
      'WEBVTT\n\nNOTE tạo bởi ban biên tập\n\n1\n00:00:01.000 --> 00:00:04.500 line:90%\nKính thưa quý vị\n\n01:00:00.000 --> 01:00:02.000\nHết\n';
    expect(checkWebVtt(Buffer.from(vtt))).toBeNull();
  });

  it.each([
    ['no header', 'Kính thưa\n', 1],
    ['a malformed timing', 'WEBVTT\n\n00:01 --> 00:02.000\nx\n', 3],
    ['a cue ending before it starts', 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n', 3],
    ['no cue at all', 'WEBVTT\n\n', 3],
  ])('refuses %s, naming the line', (_name, text, line) => {
    expect(checkWebVtt(Buffer.from(text))).toMatchObject({ line });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(checkWebVtt(Buffer.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xc3, 0x28]))).toMatchObject({
      line: 1,
    });
  });
});
