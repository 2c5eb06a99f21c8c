import { deflateSync } from 'node:zlib';

/**
 * Small real pictures for the demo news, drawn in code (no binary files in the repository): a sky
 * and a ground in two colours with a sun and a row of buildings, so that each news item's picture
 * differs. PNG, 8-bit RGB.
 */
export interface DemoPicture {
  sky: [number, number, number];
  ground: [number, number, number];
  sun: [number, number, number];
  /** 0..1: where the sun stands. */
  sunX: number;
  seed: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `width` × `height` PNG of the picture. */
export function drawPicture(p: DemoPicture, width = 640, height = 360): Buffer {
  const horizon = Math.round(height * 0.68);
  const rows: Buffer[] = [];
  // Buildings: widths and heights from a small pseudo-random sequence of the seed.
  let r = p.seed;
  const next = () => (r = (r * 1103515245 + 12345) % 2147483648) / 2147483648;
  const skyline: number[] = [];
  for (let x = 0; x < width;) {
    const w = 24 + Math.floor(next() * 48);
    const h = Math.floor(height * (0.12 + next() * 0.3));
    for (let i = 0; i < w && x < width; i++, x++) skyline.push(h);
  }
  const sunX = Math.round(width * p.sunX);
  const sunY = Math.round(height * 0.3);
  const sunR = Math.round(height * 0.11);
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let c: [number, number, number];
      if (y >= horizon) {
        const shade = 1 - ((y - horizon) / (height - horizon)) * 0.35;
        c = [p.ground[0] * shade, p.ground[1] * shade, p.ground[2] * shade];
      } else if (horizon - y < skyline[x]) {
        // A window grid on the buildings.
        const lit = (x >> 3) % 2 === 0 && (y >> 3) % 3 === 0;
        c = lit ? [235, 225, 170] : [70, 78, 96];
      } else if ((x - sunX) ** 2 + (y - sunY) ** 2 < sunR ** 2) {
        c = p.sun;
      } else {
        const t = y / horizon;
        c = [p.sky[0] * (1 - t * 0.3), p.sky[1] * (1 - t * 0.2), p.sky[2] * (1 - t * 0.1)];
      }
      row[1 + x * 3] = Math.round(c[0]);
      row[2 + x * 3] = Math.round(c[1]);
      row[3 + x * 3] = Math.round(c[2]);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A one-page PDF with a few lines of text (the base-14 Helvetica font knows no Vietnamese letters,
 * so the file's text is written without diacritics; the item's page carries the real text).
 */
export function simplePdf(lines: string[]): Buffer {
  const ascii = lines.map((l) =>
    l
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/([\\()])/g, '\\$1'),
  );
  const text = ascii
    .map((l, i) => `BT /F1 ${i === 0 ? 14 : 11} Tf 56 ${780 - i * 22} Td (${l}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
