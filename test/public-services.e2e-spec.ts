import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { previewedPlan, startSeededApp } from './support/fixtures';
import { publishSiteItem } from './support/site-content';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * The catalogue of administrative procedures and online public services: imported by the board
 * from the public-service portal's lists (CSV or JSON; all or nothing with line-precise errors; the
 * same file again changes nothing; counts-only files update counts), read by anyone by field and
 * level, one portal's catalogue never another's; a merge carries it, one entry per code.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const IMPORT = `mutation($i: ImportPublicServicesInput!) { importPublicServices(input: $i) {
  __typename
  ... on PublicServiceImportReport { dryRun created updated unchanged lines { line code serviceId outcome } }
  ... on ImportRejected { errors { line field errorCode message messageVi messageEn } } } }`;
const CATALOGUE = `query($f: PublicServicesFilter) { publicServices(filter: $f) {
  fields services { id code name field level portalUrl receivedCount processedCount countsAsOf itemSlug } } }`;

type Report = {
  __typename: string;
  dryRun?: boolean;
  created?: number;
  updated?: number;
  unchanged?: number;
  lines?: Array<{ line: number; code: string; serviceId: string; outcome: string }>;
  errors?: Array<{
    line: number;
    field: string;
    errorCode: string;
    message: string;
    messageVi: string;
    messageEn: string;
  }>;
};
type Catalogue = {
  fields: string[];
  services: Array<{
    id: string;
    code: string;
    name: string;
    field: string;
    level: string;
    portalUrl: string;
    receivedCount: number | null;
    processedCount: number | null;
    countsAsOf: string | null;
    itemSlug: string | null;
  }>;
};

const CSV = [
  'code,name,nameEn,field,level,portalUrl,received,processed,countsAsOf',
  '1.001193,Đăng ký khai sinh,Birth registration,Hộ tịch,FULL_ONLINE,https://dichvucong.hochiminhcity.gov.vn/thu-tuc/1.001193,1830,1794,2026-11-30',
  '"1.000894","Đăng ký kết hôn",,Hộ tịch,PARTIAL_ONLINE,https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.000894,412,400,2026-11-30',
  '2.000908,"Chứng thực bản sao từ bản chính giấy tờ, văn bản",,Chứng thực,FULL_ONLINE,https://dichvucong.hochiminhcity.gov.vn/thu-tuc/2.000908,,,',
  '',
].join('\n');

describe('administrative procedures and online public services', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    tokens.member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    tokens.operator = await t.asUser('operator.saigon', Role.OPERATOR, SAIGON);
    tokens.writer = await t.asUser('writer.saigon', Role.CONTRIBUTOR, SAIGON);
    tokens.memberBenthanh = await t.asUser('member.benthanh', Role.BOARD_MEMBER, BENTHANH);
    tokens.headTandinh = await t.asUser('head.tandinh', Role.BOARD_HEAD, TANDINH);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const importFile = async (host: string, token: string, format: string, content: string, dryRun = false) =>
    dataOf(
      await t.gql<{ importPublicServices: Report }>(
        host,
        IMPORT,
        { i: { format, content, dryRun } },
        { token },
      ),
    ).importPublicServices;
  const catalogue = async (
    host: string,
    f: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => dataOf(await t.gql<{ publicServices: Catalogue }>(host, CATALOGUE, { f }, { headers })).publicServices;
  const tables = async () => ({
    services: (
      await db.query(
        'SELECT id, tenant_id, code, level, received_count, withdrawn_at FROM public_services ORDER BY id',
      )
    ).rows,
    audit: (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'public_service.%'`))
      .rows[0].n,
  });

  it('the board imports the catalogue; the same file again changes nothing; a dry run writes nothing', async () => {
    const dry = await importFile(SAIGON, tokens.member, 'CSV', CSV, true);
    expect(dry).toMatchObject({ __typename: 'PublicServiceImportReport', dryRun: true, created: 3 });
    expect((await tables()).services).toEqual([]);
    const first = await importFile(SAIGON, tokens.member, 'CSV', CSV);
    expect(first).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0 });
    expect(first.lines!.map((l) => [l.line, l.code, l.outcome])).toEqual([
      [2, '1.001193', 'CREATED'],
      [3, '1.000894', 'CREATED'],
      [4, '2.000908', 'CREATED'],
    ]);
    const before = await tables();
    const again = await importFile(SAIGON, tokens.member, 'CSV', CSV);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await tables()).toEqual(before);
    const all = await catalogue(SAIGON);
    expect(all.fields).toEqual(['Chứng thực', 'Hộ tịch']);
    expect(all.services.find((s) => s.code === '1.001193')).toMatchObject({
      name: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'FULL_ONLINE',
      portalUrl: 'https://dichvucong.hochiminhcity.gov.vn/thu-tuc/1.001193',
      receivedCount: 1830,
      processedCount: 1794,
      countsAsOf: '2026-11-30',
    });
    const english = await catalogue(SAIGON, {}, { 'accept-language': 'en' });
    expect(english.services.find((s) => s.code === '1.001193')!.name).toBe('Birth registration');
  });

  it('the public catalogue filters by field and by level, and links the portal’s own page on a procedure', async () => {
    expect((await catalogue(SAIGON, { field: 'Hộ tịch' })).services.map((s) => s.code).sort()).toEqual([
      '1.000894',
      '1.001193',
    ]);
    expect((await catalogue(SAIGON, { level: 'FULL_ONLINE' })).services.map((s) => s.code).sort()).toEqual([
      '1.001193',
      '2.000908',
    ]);
    expect(
      (await catalogue(SAIGON, { field: 'Hộ tịch', level: 'PARTIAL_ONLINE' })).services.map((s) => s.code),
    ).toEqual(['1.000894']);
    expect((await catalogue(SAIGON, { field: 'Đất đai' })).services).toEqual([]);
    const bad = await t.gql(SAIGON, CATALOGUE, { f: { level: 'LEVEL_4' } });
    expect(bad.body.errors?.[0].message).toContain('ServiceLevel');
    const item = await publishSiteItem(t, SAIGON, {
      kind: 'ADMINISTRATIVE_PROCEDURE',
      title: 'Hướng dẫn đăng ký khai sinh',
      fields: { code: '1.001193', field: 'Hộ tịch', serviceLevel: 'FULL_ONLINE' },
    });
    expect(
      (await catalogue(SAIGON, { field: 'Hộ tịch' })).services.find((s) => s.code === '1.001193')!.itemSlug,
    ).toBe(item.slug);
  });

  it('a counts-only file updates the counts and leaves the rest; older counts and a withdrawal are handled', async () => {
    const counts = await importFile(
      SAIGON,
      tokens.operator,
      'JSON',
      `{ "services": [
  { "code": "1.001193", "received": 1902, "processed": 1870, "countsAsOf": "2026-12-06" },
  { "code": "1.000894", "received": "412", "processed": "400", "countsAsOf": "2026-11-30" }
] }`,
    );
    expect(counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect(counts.lines!.map((l) => [l.line, l.outcome])).toEqual([
      [2, 'UPDATED'],
      [3, 'UNCHANGED'],
    ]);
    const birth = (await catalogue(SAIGON)).services.find((s) => s.code === '1.001193')!;
    expect(birth).toMatchObject({
      receivedCount: 1902,
      processedCount: 1870,
      countsAsOf: '2026-12-06',
      level: 'FULL_ONLINE',
    });
    const older = await importFile(
      SAIGON,
      tokens.member,
      'CSV',
      'code,received,countsAsOf\n1.001193,10,2026-10-31\n',
    );
    expect(older.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'countsAsOf', errorCode: 'OLDER_COUNTS' }),
    ]);
    const withdrawn = await importFile(SAIGON, tokens.member, 'CSV', 'code,status\n2.000908,WITHDRAWN\n');
    expect(withdrawn).toMatchObject({ updated: 1 });
    expect((await catalogue(SAIGON)).services.map((s) => s.code)).not.toContain('2.000908');
    expect(await importFile(SAIGON, tokens.member, 'CSV', 'code,status\n2.000908,WITHDRAWN\n')).toMatchObject(
      { unchanged: 1 },
    );
    const restored = await importFile(SAIGON, tokens.member, 'CSV', 'code,status\n2.000908,ACTIVE\n');
    expect(restored).toMatchObject({ updated: 1 });
    expect((await catalogue(SAIGON)).services.map((s) => s.code)).toContain('2.000908');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM public_services WHERE code = '2.000908'`);
    expect(rows[0].n).toBe(1);
  });

  it('a file with any bad line is refused whole, every problem by its line, in Vietnamese and English', async () => {
    const before = await tables();
    const csv = [
      'code,name,field,level,portalUrl,received,processed,countsAsOf,status',
      '1.001193,,,,,1950,1900,2026-12-07,', // fine on its own: refused with the rest
      '1.999999,Thủ tục mới,Đất đai,LEVEL_4,https://dichvucong.gov.vn/x,,,,',
      '1.999998,Thủ tục mới 2,Đất đai,OFFLINE,https://dichvucong.example.com/x,-1,,,',
      '1.999997,,Đất đai,OFFLINE,,,,,',
      '1.999996,Thủ tục,Đất đai,OFFLINE,https://dichvucong.gov.vn/y,5,,,',
      '1.001193,,,,,,,,',
      '1.999995,,,,,,,,WITHDRAWN',
      '1.999994,Thủ tục,Đất đai,OFFLINE,javascript:alert(1),,,2026-02-30,PAUSED',
    ].join('\r\n');
    const out = await importFile(SAIGON, tokens.member, 'CSV', csv);
    expect(out.__typename).toBe('ImportRejected');
    expect(out.errors!.map((e) => [e.line, e.field, e.errorCode])).toEqual([
      [3, 'level', 'INVALID_LEVEL'],
      [4, 'portalUrl', 'INVALID_SERVICE_URL'],
      [4, 'received', 'INVALID_COUNT'],
      [5, 'name', 'REQUIRED'],
      [5, 'portalUrl', 'REQUIRED'],
      [6, 'countsAsOf', 'REQUIRED'],
      [7, 'code', 'DUPLICATE_CODE'],
      [8, 'status', 'UNKNOWN_SERVICE'],
      [8, 'name', 'REQUIRED'],
      [8, 'field', 'REQUIRED'],
      [8, 'level', 'REQUIRED'],
      [8, 'portalUrl', 'REQUIRED'],
      [9, 'portalUrl', 'INVALID_SERVICE_URL'],
      [9, 'countsAsOf', 'INVALID_DATE'],
      [9, 'status', 'INVALID_STATUS'],
    ]);
    expect(out.errors![0].messageVi).toContain('Mức độ');
    expect(out.errors![0].messageEn).toContain('level');
    const header = await importFile(SAIGON, tokens.member, 'CSV', 'ma,name\n1,x\n');
    expect(header.errors!.map((e) => [e.line, e.errorCode])).toEqual([
      [1, 'UNKNOWN_COLUMN'],
      [1, 'MISSING_COLUMN'],
    ]);
    expect(await tables()).toEqual(before);
  });

  it('one portal’s catalogue is never another’s: neither shown there nor changed from there', async () => {
    expect((await catalogue(BENTHANH)).services).toEqual([]);
    const writer = await t.gql(
      SAIGON,
      IMPORT,
      { i: { format: 'CSV', content: CSV } },
      { token: tokens.writer },
    );
    expect(writer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(SAIGON, IMPORT, { i: { format: 'CSV', content: CSV } });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const viaSaigon = await t.gql(
      SAIGON,
      IMPORT,
      { i: { format: 'CSV', content: CSV } },
      { token: tokens.memberBenthanh },
    );
    expect(viaSaigon.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Through its own host, Bến Thành's board writes Bến Thành's catalogue only (the same codes are its own entries).
    const before = (
      await db.query(`SELECT * FROM public_services WHERE tenant_id = $1 ORDER BY id`, [t.tenant(SAIGON).id])
    ).rows;
    const own = await importFile(
      BENTHANH,
      tokens.memberBenthanh,
      'CSV',
      'code,name,field,level,portalUrl\n1.001193,Đăng ký khai sinh,Hộ tịch,PARTIAL_ONLINE,https://dichvucong.gov.vn/khai-sinh\n',
    );
    expect(own).toMatchObject({ created: 1 });
    expect(
      (
        await db.query(`SELECT * FROM public_services WHERE tenant_id = $1 ORDER BY id`, [
          t.tenant(SAIGON).id,
        ])
      ).rows,
    ).toEqual(before);
    expect((await catalogue(BENTHANH)).services.map((s) => [s.code, s.level])).toEqual([
      ['1.001193', 'PARTIAL_ONLINE'],
    ]);
    expect((await catalogue(SAIGON)).services.find((s) => s.code === '1.001193')!.level).toBe('FULL_ONLINE');
  });

  it('a merge carries the catalogue to the target; a code the target lists already stands once', async () => {
    await importFile(
      TANDINH,
      tokens.headTandinh,
      'CSV',
      'code,name,field,level,portalUrl\n1.001193,Đăng ký khai sinh,Hộ tịch,FULL_ONLINE,https://dichvucong.gov.vn/tan-dinh\n',
    );
    await importFile(
      BENTHANH,
      tokens.memberBenthanh,
      'CSV',
      'code,name,field,level,portalUrl\n1.004227,Đăng ký thường trú,Cư trú,FULL_ONLINE,https://dichvucong.gov.vn/thuong-tru\n',
    );
    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts.find((c) => c.participant === 'publicServices')!.counts).toEqual({
      publicServices: 2,
      publicServicesWithdrawnAsDuplicates: 1,
    });
    const merged = await restructuring.merge(sys, [ward], target, previewedPlan(preview.value));
    if (!merged.ok) throw new Error(merged.error.code);
    const after = await catalogue(TANDINH);
    expect(after.services.map((s) => [s.code, s.portalUrl]).sort()).toEqual([
      ['1.001193', 'https://dichvucong.gov.vn/tan-dinh'],
      ['1.004227', 'https://dichvucong.gov.vn/thuong-tru'],
    ]);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM public_services WHERE tenant_id = $1 AND withdrawn_at IS NOT NULL`,
      [target],
    );
    expect(rows[0].n).toBe(1);
    // The target's board keeps the merged entries from then on.
    const counts = await importFile(
      TANDINH,
      tokens.headTandinh,
      'CSV',
      'code,received,countsAsOf\n1.004227,77,2026-12-01\n',
    );
    expect(counts).toMatchObject({ updated: 1 });
  });
});
