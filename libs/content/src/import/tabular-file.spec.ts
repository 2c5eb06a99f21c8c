import { TabularSpec, csvRecords, jsonErrorOffset, parseTabularFile } from './tabular-file';

const SPEC: TabularSpec = {
  columns: ['code', 'name', 'count', 'links'],
  listColumns: ['links'],
  required: ['code'],
  jsonKey: 'rows',
  maxRows: 3,
};

describe('tabular import files', () => {
  it('reads RFC 4180 CSV: quotes, doubled quotes, commas and line breaks inside quotes, CRLF; rows keep their first line', () => {
    const records = csvRecords('a,b\r\n"x, ""y""","line\nbreak"\r\nz,\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', 'line\nbreak'] },
      { line: 4, cells: ['z', ''] },
    ]);
    expect(csvRecords('a\n"open')).toMatchObject({ line: 2, code: 'UNCLOSED_QUOTE' });
    expect(csvRecords('"a"b')).toMatchObject({ line: 1, code: 'INVALID_CSV' });
  });

  it('maps CSV rows to values and lists, NFC and trimmed; blank lines are skipped', () => {
    const parsed = parseTabularFile(SPEC, 'CSV', '\uFEFFcode,name,links\n 1 ,Cu\u0309a,a; b\n\n2,,\n');
    expect(parsed).toEqual({
      rows: [
        { line: 2, values: { code: '1', name: 'Của' }, lists: { links: ['a', 'b'] } },
        { line: 4, values: { code: '2' }, lists: { links: [] } },
      ],
      problems: [],
    });
  });

  it('names each JSON object by the line it starts on, in an array or under its key', () => {
    const parsed = parseTabularFile(
      SPEC,
      'JSON',
      '{ "rows": [\n  { "code": "1", "count": 5 },\n\n  {\n "code": "2", "links": ["x"] }\n] }',
    );
    expect(parsed).toEqual({
      rows: [
        { line: 2, values: { code: '1', count: '5' }, lists: { links: [] } },
        { line: 4, values: { code: '2' }, lists: { links: ['x'] } },
      ],
      problems: [],
    });
    const bad = parseTabularFile(SPEC, 'JSON', '[\n {"code": "1"},\n {"code": true},\n {"colour": "red"}\n]');
    // The rows that read well are kept beside the problems (an import reports them all, then refuses).
    expect(bad.rows.map((r) => r.line)).toEqual([2]);
    expect(bad).toMatchObject({
      problems: [
        expect.objectContaining({ line: 3, field: 'code', code: 'INVALID_FIELD' }),
        expect.objectContaining({ line: 4, field: 'colour', code: 'UNKNOWN_COLUMN' }),
      ],
    });
    expect(parseTabularFile(SPEC, 'JSON', '{ "rows": [], "more": 1 }')).toEqual({
      rows: [],
      problems: [expect.objectContaining({ code: 'INVALID_JSON' })],
    });
  });

  it('refuses a header without the required columns, wrong cell counts, too many rows, an empty file', () => {
    expect(parseTabularFile(SPEC, 'CSV', 'name\nx\n')).toEqual({
      rows: [],
      problems: [expect.objectContaining({ line: 1, field: 'code', code: 'MISSING_COLUMN' })],
    });
    expect(parseTabularFile(SPEC, 'CSV', 'code,name\n1\n2,x\n')).toEqual({
      rows: [{ line: 3, values: { code: '2', name: 'x' }, lists: { links: [] } }],
      problems: [expect.objectContaining({ line: 2, code: 'WRONG_CELL_COUNT' })],
    });
    expect(parseTabularFile(SPEC, 'CSV', 'code\n1\n2\n3\n4\n')).toEqual({
      rows: [],
      problems: [expect.objectContaining({ code: 'TOO_MANY_ROWS' })],
    });
    expect(parseTabularFile(SPEC, 'CSV', 'code\n')).toEqual({
      rows: [],
      problems: [expect.objectContaining({ code: 'EMPTY_FILE' })],
    });
  });

  it('names the line where a JSON file stops being JSON', () => {
    const lineOf = (text: string) =>
      parseTabularFile(SPEC, 'JSON', text).problems.map((p) => [p.line, p.code]);
    expect(lineOf('[\n  { "code": "1" },\n  { "code": \n]')).toEqual([[4, 'INVALID_JSON']]);
    expect(lineOf('[\n  { "code": "1" }\n  { "code": "2" }\n]')).toEqual([[3, 'INVALID_JSON']]);
    expect(lineOf('[\n  { "code": "1\n" }\n]')).toEqual([[2, 'INVALID_JSON']]);
    expect(lineOf('[\n  { "code": "1" },\n')).toEqual([[3, 'INVALID_JSON']]);
    expect(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "x\\u00e9"]} x')).toBe(41);
  });
});
