/**
 * Files imported as lists (legal documents, the public-service catalogue): CSV with a header row,
 * or JSON (an array of objects, or `{ "<key>": [...] }`), UTF-8. Every row keeps the line it
 * starts on, so that each error names its line.
 */

/** What a list's file holds: its columns, which of them are lists, which are required in the header. */
export interface TabularSpec {
  columns: readonly string[];
  /** Columns holding lists (`;` between entries in CSV, arrays in JSON). */
  listColumns: readonly string[];
  required: readonly string[];
  /** The key of the array in a JSON object (`documents`, `services`). */
  jsonKey: string;
  /** At most this many rows in one file (a larger list is split). */
  maxRows: number;
}

/** At most this many characters in one file (the API takes request bodies up to 1 MB anyway). */
export const MAX_IMPORT_CHARS = 1_000_000;

export interface ImportRow {
  /** The line (1-based) where the row starts in the file. */
  line: number;
  values: Record<string, string>;
  lists: Record<string, string[]>;
}

export interface ImportProblem {
  line: number;
  field: string;
  code: string;
  vi: string;
  en: string;
}

/**
 * The rows that read well, and every problem found (a row with a problem is left out). A file that
 * cannot be read at all has no rows.
 */
export type ParsedImport = { rows: ImportRow[]; problems: ImportProblem[] };

const problem = (line: number, field: string, code: string, vi: string, en: string): ImportProblem => ({
  line,
  field,
  code,
  vi,
  en,
});

/** Splits a list (`;` between entries in CSV). */
function numbers(value: unknown): string[] | null {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : null;
  if (!list || list.some((v) => typeof v !== 'string')) return null;
  return (list as string[]).map((v) => v.normalize('NFC').trim()).filter((v) => v.length > 0);
}

/** CSV records (RFC 4180: commas, double-quoted fields, "" inside quotes) with their first line. */
export function csvRecords(text: string): Array<{ line: number; cells: string[] }> | ImportProblem {
  const out: Array<{ line: number; cells: string[] }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let wasQuoted = false;
    for (;;) {
      if (i >= text.length) {
        if (quoted)
          return problem(
            start,
            'file',
            'UNCLOSED_QUOTE',
            'Dấu ngoặc kép chưa được đóng.',
            'A quote is never closed.',
          );
        cells.push(cell);
        break;
      }
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (c === '"') {
          quoted = false;
          i++;
        } else {
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        continue;
      }
      if (c === '"' && cell === '' && !wasQuoted) {
        quoted = wasQuoted = true;
        i++;
      } else if (c === ',') {
        cells.push(cell);
        cell = '';
        wasQuoted = false;
        i++;
      } else if (c === '\r' || c === '\n') {
        cells.push(cell);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      } else if (wasQuoted) {
        return problem(
          line,
          'file',
          'INVALID_CSV',
          'Sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng.',
          'A closing quote must be followed by a comma or a line end.',
        );
      } else {
        cell += c;
        i++;
      }
    }
    if (!(cells.length === 1 && cells[0].trim() === '')) out.push({ line: start, cells });
  }
  return out;
}

/**
 * The line each element of the top-level array (or of `documents`) starts on, in order. Only
 * called on text JSON.parse accepted.
 */
function elementLines(text: string, nested: boolean): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  // The depth at which the documents' array holds its elements.
  const target = nested ? 2 : 1;
  let arrayOpenAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === target && arrayOpenAt === target) lines.push(line);
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === target && arrayOpenAt === target) lines.push(line);
      depth++;
      if (c === '[' && depth === target && arrayOpenAt < 0) arrayOpenAt = target;
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (depth === target && arrayOpenAt === target && /[-0-9tfn]/.test(c)) {
      lines.push(line);
      while (i + 1 < text.length && /[-+.0-9a-zA-Z]/.test(text[i + 1])) i++;
    }
  }
  return lines;
}

function rowFrom(
  spec: TabularSpec,
  line: number,
  raw: Record<string, unknown>,
  problems: ImportProblem[],
): ImportRow | null {
  const values: ImportRow['values'] = {};
  const lists: ImportRow['lists'] = Object.fromEntries(spec.listColumns.map((c) => [c, [] as string[]]));
  let bad = false;
  for (const [key, value] of Object.entries(raw)) {
    if (!spec.columns.includes(key)) {
      problems.push(
        problem(
          line,
          key,
          'UNKNOWN_COLUMN',
          `Cột "${key}" không có trong định dạng.`,
          `"${key}" is not a column of the format.`,
        ),
      );
      bad = true;
      continue;
    }
    if (spec.listColumns.includes(key)) {
      const list = numbers(value);
      if (!list) {
        problems.push(
          problem(line, key, 'INVALID_FIELD', 'Phải là danh sách chuỗi ký tự.', 'Must be a list of texts.'),
        );
        bad = true;
      } else lists[key] = list;
      continue;
    }
    if (value === null || value === undefined) continue;
    // JSON numbers are read as their text (counts).
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      problems.push(problem(line, key, 'INVALID_FIELD', 'Phải là chuỗi ký tự.', 'Must be text.'));
      bad = true;
      continue;
    }
    const text = String(value).normalize('NFC').trim();
    if (text) values[key] = text;
  }
  return bad ? null : { line, values, lists };
}

/**
 * Where a text JSON.parse refused stops being JSON (its offset), by a small recursive-descent reading
 * of the grammar (RFC 8259); used only to name the line of the error.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] < ' ') fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

/** Reads an import file; a file that cannot be read at all is one problem on its line. */
export function parseTabularFile(spec: TabularSpec, format: 'CSV' | 'JSON', content: string): ParsedImport {
  if (content.length > MAX_IMPORT_CHARS)
    return {
      rows: [],
      problems: [
        problem(
          1,
          'content',
          'FILE_TOO_LARGE',
          'Tệp quá lớn (tối đa 1 triệu ký tự): hãy chia nhỏ.',
          'The file is too large (at most a million characters): split it.',
        ),
      ],
    };
  const text = content.replace(/^\uFEFF/, '');
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  if (format === 'CSV') {
    const records = csvRecords(text);
    if (!Array.isArray(records)) return { rows: [], problems: [records] };
    const [header, ...data] = records;
    if (!header)
      return {
        rows: [],
        problems: [problem(1, 'content', 'EMPTY_FILE', 'Tệp không có dữ liệu.', 'The file is empty.')],
      };
    const names = header.cells.map((c) => c.trim());
    for (const name of names)
      if (!spec.columns.includes(name))
        problems.push(
          problem(
            header.line,
            name || 'header',
            'UNKNOWN_COLUMN',
            `Cột "${name}" không có trong định dạng.`,
            `"${name}" is not a column of the format.`,
          ),
        );
    for (const required of spec.required)
      if (!names.includes(required))
        problems.push(
          problem(
            header.line,
            required,
            'MISSING_COLUMN',
            `Thiếu cột "${required}".`,
            `The column "${required}" is missing.`,
          ),
        );
    if (problems.length) return { rows: [], problems };
    for (const record of data) {
      if (record.cells.length !== names.length) {
        problems.push(
          problem(
            record.line,
            'file',
            'WRONG_CELL_COUNT',
            `Dòng có ${record.cells.length} ô, tiêu đề có ${names.length} cột.`,
            `The line has ${record.cells.length} cells; the header has ${names.length} columns.`,
          ),
        );
        continue;
      }
      const row = rowFrom(
        spec,
        record.line,
        Object.fromEntries(names.map((n, i) => [n, record.cells[i]])),
        problems,
      );
      if (row) rows.push(row);
    }
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not every runtime names the position in its message: find it here.
      const line = text.slice(0, jsonErrorOffset(text)).split('\n').length;
      return {
        rows: [],
        problems: [
          problem(line, 'content', 'INVALID_JSON', 'Tệp JSON không hợp lệ.', 'The file is not valid JSON.'),
        ],
      };
    }
    const nested = !Array.isArray(parsed);
    const object =
      nested && typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
    const list = nested ? object?.[spec.jsonKey] : parsed;
    if (!Array.isArray(list) || (object && Object.keys(object).length !== 1))
      return {
        rows: [],
        problems: [
          problem(
            1,
            'content',
            'INVALID_JSON',
            `Cần một mảng, hoặc { "${spec.jsonKey}": [...] }.`,
            `Expected an array, or { "${spec.jsonKey}": [...] }.`,
          ),
        ],
      };
    const lines = elementLines(text, nested);
    list.forEach((raw, i) => {
      const line = lines[i] ?? 1;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        problems.push(
          problem(
            line,
            'row',
            'INVALID_FIELD',
            'Mỗi dòng phải là một đối tượng.',
            'Each entry must be an object.',
          ),
        );
        return;
      }
      const row = rowFrom(spec, line, raw as Record<string, unknown>, problems);
      if (row) rows.push(row);
    });
  }
  if (rows.length + problems.length > spec.maxRows)
    return {
      rows: [],
      problems: [
        problem(
          1,
          'content',
          'TOO_MANY_ROWS',
          `Tối đa ${spec.maxRows} dòng mỗi tệp.`,
          `At most ${spec.maxRows} entries per file.`,
        ),
      ],
    };
  if (rows.length === 0 && problems.length === 0)
    return {
      rows: [],
      problems: [problem(1, 'content', 'EMPTY_FILE', 'Tệp không có dữ liệu.', 'The file holds no entry.')],
    };
  return { rows, problems };
}

/** The key two numbers or codes are the same by: NFC, case and spacing ignored. */
export function numberKey(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}
