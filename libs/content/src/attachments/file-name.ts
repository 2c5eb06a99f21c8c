export const MAX_FILE_NAME_LENGTH = 200;

// Control characters (C0, DEL, C1) and the invisible bidirectional controls that make
// "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The name an uploaded file is kept under: NFC (Vietnamese typed on macOS arrives decomposed),
 * without any folder part (browsers of old sent `C:\Users\…\file.pdf`), without control or
 * bidirectional-override characters (a tab counts as a space), trimmed, and at most 200 characters with the extension kept.
 * Returns `fallback` when nothing usable is left.
 */
export function cleanFileName(raw: string | null | undefined, fallback = 'tep-dinh-kem'): string {
  let name = (raw ?? '').normalize('NFC').replace(/\t/g, ' ').replace(UNWANTED, '');
  const lastSeparator = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  if (lastSeparator >= 0) name = name.slice(lastSeparator + 1);
  name = name.replace(/\s+/g, ' ').trim();
  // Leading dots would make a hidden file on download; a name of dots only is a path, not a name.
  name = name.replace(/^\.+/, '').trim();
  if (!name) return fallback;
  return truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
}

/** Cuts a name to `max` characters (code points, never half a surrogate pair), keeping a short extension. */
export function truncateKeepingExtension(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  if (extension.length > 1 && extension.length <= 16) {
    const stem = [...name.slice(0, dot)].slice(0, max - extension.length);
    return `${stem.join('').trimEnd()}${extension.join('')}`;
  }
  return chars.slice(0, max).join('').trimEnd();
}

/**
 * A `Content-Disposition: attachment` header value that every client reads: an ASCII fallback
 * (diacritics removed, quotes and separators replaced) and the exact name in RFC 8187 `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]|["\\;%]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
