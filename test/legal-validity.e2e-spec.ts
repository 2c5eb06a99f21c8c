import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { previewedPlan, startSeededApp } from './support/fixtures';
import { publishSiteItem } from './support/site-content';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * Legal documents' validity and relations: the board states a document's validity (with expiry
 * date and a link into the national database) and its relations to documents of any portal, stored
 * once and read both ways; the public legal search filters by validity; a list of documents is
 * imported from CSV or JSON, all or nothing with line-precise errors, and again without change;
 * other portals neither read nor change any of it; a merge carries it.
 */
const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const STATUS = `itemId validity validityToday expiryDate nationalDbUrl relations { id kind otherItemId otherTitle otherNumber }`;
const R_STATUS = `__typename ... on LegalDocumentStatus { ${STATUS} } ... on InputError { errorCode field messageVi messageEn }`;
const SET = `mutation($id: ID!, $i: LegalValidityInput!) { setLegalValidity(itemId: $id, input: $i) { ${R_STATUS} } }`;
const RELATE = `mutation($i: RelateLegalDocumentsInput!) { relateLegalDocuments(input: $i) { ${R_STATUS} } }`;
const REMOVE = `mutation($id: ID!) { removeLegalRelation(id: $id) { ${R_STATUS} } }`;
const READ = `query($id: ID!) { legalDocumentStatus(itemId: $id) { ${STATUS} } }`;
const SEARCH = `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title legalValidity fields } }`;
const IMPORT = `mutation($i: ImportLegalDocumentsInput!) { importLegalDocuments(input: $i) {
  __typename
  ... on LegalImportReport { dryRun created updated unchanged relationsAdded lines { line number itemId outcome } }
  ... on ImportRejected { errors { line field errorCode message messageVi messageEn } } } }`;

type Status = {
  __typename?: string;
  itemId: string;
  validity: string | null;
  validityToday: string | null;
  expiryDate: string | null;
  nationalDbUrl: string | null;
  relations: Array<{
    id: string;
    kind: string;
    otherItemId: string;
    otherTitle: string | null;
    otherNumber: string | null;
  }>;
  errorCode?: string;
  field?: string;
  messageVi?: string;
  messageEn?: string;
};
type ImportOut = {
  __typename: string;
  dryRun?: boolean;
  created?: number;
  updated?: number;
  unchanged?: number;
  relationsAdded?: number;
  lines?: Array<{ line: number; number: string; itemId: string; outcome: string }>;
  errors?: Array<{
    line: number;
    field: string;
    errorCode: string;
    message: string;
    messageVi: string;
    messageEn: string;
  }>;
};

const doc = (number: string, title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'LEGAL_DOCUMENT',
  title,
  fields: {
    form: 'QUYET_DINH',
    issuer: 'Ủy ban nhân dân phường',
    number,
    issueDate: '2025-03-01',
    excerpt: title,
    ...extra,
  },
});

describe('legal documents: validity, relations, import', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    tokens.member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    tokens.operator = await t.asUser('operator.saigon', Role.OPERATOR, SAIGON);
    tokens.writer = await t.asUser('writer.saigon', Role.CONTRIBUTOR, SAIGON);
    tokens.memberBenthanh = await t.asUser('member.benthanh', Role.BOARD_MEMBER, BENTHANH);
    tokens.headTandinh = await t.asUser('head.tandinh', Role.BOARD_HEAD, TANDINH);
    tokens.memberCity = await t.asUser('member.city', Role.BOARD_MEMBER, CITY);
    ids.old = (
      await publishSiteItem(
        t,
        SAIGON,
        doc('12/2023/QĐ-UBND', 'Quy định về trật tự đô thị', { issueDate: '2023-05-02' }),
      )
    ).id;
    ids.new = (
      await publishSiteItem(
        t,
        SAIGON,
        doc('07/2026/QĐ-UBND', 'Quy định mới về trật tự đô thị', { issueDate: '2026-06-01' }),
      )
    ).id;
    ids.city = (
      await publishSiteItem(
        t,
        CITY,
        doc('25/2025/QĐ-UBND', 'Quy định chung về quản lý trật tự đô thị của Thành phố', {
          issuer: 'Ủy ban nhân dân Thành phố',
        }),
      )
    ).id;
    ids.news = (
      await publishSiteItem(t, SAIGON, { title: 'Tin phường', fields: { eventDate: '2026-11-20' } })
    ).id;
    ids.draft = (
      await publishSiteItem(t, SAIGON, { ...doc('99/2026/QĐ-UBND', 'Dự thảo chưa đăng'), unpublished: true })
    ).id;
    ids.benthanh = (
      await publishSiteItem(t, BENTHANH, doc('03/2026/QĐ-UBND', 'Quy định của phường Bến Thành'))
    ).id;
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const set = async (host: string, token: string, id: string, i: Record<string, unknown>) =>
    dataOf(await t.gql<{ setLegalValidity: Status }>(host, SET, { id, i }, { token })).setLegalValidity;
  const relate = async (host: string, token: string, itemId: string, kind: string, otherItemId: string) =>
    dataOf(
      await t.gql<{ relateLegalDocuments: Status }>(
        host,
        RELATE,
        { i: { itemId, kind, otherItemId } },
        { token },
      ),
    ).relateLegalDocuments;
  const read = async (host: string, token: string, id: string) =>
    dataOf(await t.gql<{ legalDocumentStatus: Status | null }>(host, READ, { id }, { token }))
      .legalDocumentStatus;
  const search = async (host: string, f: Record<string, unknown>) =>
    dataOf(
      await t.gql<{ legalDocuments: Array<{ id: string; legalValidity: string | null }> }>(host, SEARCH, {
        f,
      }),
    ).legalDocuments;
  const importFile = async (host: string, token: string, format: string, content: string, dryRun = false) =>
    dataOf(
      await t.gql<{ importLegalDocuments: ImportOut }>(
        host,
        IMPORT,
        { i: { format, content, dryRun } },
        { token },
      ),
    ).importLegalDocuments;
  const count = async (sql: string, params: unknown[] = []) =>
    (await db.query(sql, params)).rows[0].n as number;

  it('the board states validity, expiry date and the national database link; the same again writes nothing', async () => {
    const stated = await set(SAIGON, tokens.member, ids.old, {
      validity: 'PARTLY_IN_FORCE',
      expiryDate: '2031-01-01',
      nationalDbUrl: 'https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=123456',
    });
    expect(stated).toMatchObject({
      __typename: 'LegalDocumentStatus',
      validity: 'PARTLY_IN_FORCE',
      validityToday: 'PARTLY_IN_FORCE',
      expiryDate: '2031-01-01',
      nationalDbUrl: 'https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=123456',
    });
    const audits = () =>
      count(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'legal.validity_set'`,
        [ids.old],
      );
    expect(await audits()).toBe(1);
    await set(SAIGON, tokens.operator, ids.old, {
      validity: 'PARTLY_IN_FORCE',
      expiryDate: '2031-01-01',
      nationalDbUrl: 'https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=123456',
    });
    expect(await audits()).toBe(1);
    // A stated expiry date that has passed reads as expired, whatever was stated.
    const past = await set(SAIGON, tokens.member, ids.new, {
      validity: 'IN_FORCE',
      expiryDate: '2020-01-01',
    });
    expect(past).toMatchObject({ validity: 'IN_FORCE', validityToday: 'EXPIRED' });
    const inForce = await set(SAIGON, tokens.member, ids.new, { validity: 'IN_FORCE', expiryDate: null });
    expect(inForce).toMatchObject({ validityToday: 'IN_FORCE', expiryDate: null, nationalDbUrl: null });
    expect(await read(SAIGON, tokens.writer, ids.old)).toBeNull();
    expect(await read(SAIGON, tokens.member, ids.old)).toMatchObject({ validity: 'PARTLY_IN_FORCE' });
  });

  it('a relation is stored once and read from both documents, across portals; its inverse is the same row', async () => {
    const replaces = await relate(SAIGON, tokens.member, ids.new, 'REPLACES', ids.old);
    expect(replaces.relations).toEqual([
      expect.objectContaining({ kind: 'REPLACES', otherItemId: ids.old, otherNumber: '12/2023/QĐ-UBND' }),
    ]);
    // Said from the other document, the inverse names the same relation: nothing new.
    const inverse = await relate(SAIGON, tokens.member, ids.old, 'REPLACED_BY', ids.new);
    expect(inverse.relations).toEqual([
      expect.objectContaining({ kind: 'REPLACED_BY', otherItemId: ids.new }),
    ]);
    expect(
      await count('SELECT count(*)::int AS n FROM legal_document_relations WHERE removed_at IS NULL'),
    ).toBe(1);
    // The ward's document guides the city's live one: read from the city's side as GUIDED_BY.
    const guides = await relate(SAIGON, tokens.member, ids.new, 'GUIDES', ids.city);
    expect(guides.relations.map((r) => r.kind).sort()).toEqual(['GUIDES', 'REPLACES']);
    const cityView = await read(CITY, tokens.memberCity, ids.city);
    expect(cityView!.relations).toEqual([
      expect.objectContaining({
        kind: 'GUIDED_BY',
        otherItemId: ids.new,
        otherTitle: 'Quy định mới về trật tự đô thị',
      }),
    ]);
    const { rows } = await db.query(
      'SELECT tenant_id, from_item_id, to_item_id, kind FROM legal_document_relations ORDER BY created_at',
    );
    expect(rows).toEqual([
      { tenant_id: t.tenant(SAIGON).id, from_item_id: ids.new, to_item_id: ids.old, kind: 'REPLACES' },
      { tenant_id: t.tenant(SAIGON).id, from_item_id: ids.new, to_item_id: ids.city, kind: 'GUIDES' },
    ]);
    // A mistaken relation is removed (kept, marked), and reads from neither side.
    const mistaken = await relate(SAIGON, tokens.member, ids.old, 'AMENDS', ids.city);
    const relationId = mistaken.relations.find((r) => r.kind === 'AMENDS')!.id;
    const removed = dataOf(
      await t.gql<{ removeLegalRelation: Status }>(
        SAIGON,
        REMOVE,
        { id: relationId },
        { token: tokens.member },
      ),
    ).removeLegalRelation;
    expect(removed.relations.map((r) => r.kind)).toEqual(['REPLACED_BY']);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM legal_document_relations WHERE id = $1 AND removed_at IS NOT NULL',
        [relationId],
      ),
    ).toBe(1);
  });

  it('the public legal search filters by validity today', async () => {
    expect((await search(SAIGON, { validity: 'IN_FORCE' })).map((d) => d.id)).toEqual([ids.new]);
    expect((await search(SAIGON, { validity: 'PARTLY_IN_FORCE' })).map((d) => d.id)).toEqual([ids.old]);
    expect(await search(SAIGON, { validity: 'EXPIRED' })).toEqual([]);
    const all = await search(SAIGON, {});
    expect(Object.fromEntries(all.map((d) => [d.id, d.legalValidity]))).toMatchObject({
      [ids.new]: 'IN_FORCE',
      [ids.old]: 'PARTLY_IN_FORCE',
    });
    const bad = await t.gql(SAIGON, SEARCH, { f: { validity: 'VALID' } });
    expect(bad.body.errors?.[0].message).toContain('LegalValidity');
  });

  it('bad input is refused with a typed error naming the field, in Vietnamese and English, nothing written', async () => {
    const before = await count('SELECT count(*)::int AS n FROM audit_log');
    const date = await set(SAIGON, tokens.member, ids.old, { validity: 'EXPIRED', expiryDate: '2026-02-30' });
    expect(date).toMatchObject({ errorCode: 'INVALID_DATE', field: 'expiryDate' });
    expect(date.messageVi).toContain('YYYY-MM-DD');
    for (const url of [
      'https://vbpl.vn.evil.example/x',
      'javascript:alert(1)',
      'https://user:pw@vbpl.vn/x',
      'ftp://vbpl.vn/x',
      'vbpl.vn/x',
    ]) {
      const bad = await set(SAIGON, tokens.member, ids.old, { validity: 'EXPIRED', nationalDbUrl: url });
      expect({ url, code: bad.errorCode, field: bad.field }).toEqual({
        url,
        code: 'INVALID_NATIONAL_DB_URL',
        field: 'nationalDbUrl',
      });
      expect(bad.messageEn).toContain('national legal database');
    }
    expect(await set(SAIGON, tokens.member, ids.news, { validity: 'IN_FORCE' })).toMatchObject({
      errorCode: 'NOT_A_LEGAL_DOCUMENT',
      field: 'itemId',
    });
    expect(await relate(SAIGON, tokens.member, ids.old, 'AMENDS', ids.old)).toMatchObject({
      errorCode: 'SELF_RELATION',
      field: 'otherItemId',
    });
    expect(await relate(SAIGON, tokens.member, ids.old, 'AMENDS', ids.news)).toMatchObject({
      errorCode: 'NOT_A_LEGAL_DOCUMENT',
      field: 'otherItemId',
    });
    expect(await relate(SAIGON, tokens.member, ids.old, 'AMENDS', 'not-an-id')).toMatchObject({
      errorCode: 'NOT_FOUND',
      field: 'otherItemId',
    });
    const contributor = await t.gql(
      SAIGON,
      SET,
      { id: ids.old, i: { validity: 'EXPIRED' } },
      { token: tokens.writer },
    );
    expect(contributor.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(SAIGON, SET, { id: ids.old, i: { validity: 'EXPIRED' } });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(before);
    expect(await read(SAIGON, tokens.member, ids.old)).toMatchObject({ validity: 'PARTLY_IN_FORCE' });
  });

  it('another portal neither reads, states, relates to drafts of, nor removes a portal’s validity and relations', async () => {
    for (const host of [BENTHANH, SAIGON]) {
      const res = await t.gql<{ setLegalValidity: Status }>(
        host,
        SET,
        { id: ids.old, i: { validity: 'EXPIRED' } },
        { token: tokens.memberBenthanh },
      );
      const code = res.body.data?.setLegalValidity?.errorCode ?? res.body.errors?.[0].extensions?.code;
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code);
      const rel = await t.gql<{ relateLegalDocuments: Status }>(
        host,
        RELATE,
        { i: { itemId: ids.old, kind: 'AMENDS', otherItemId: ids.benthanh } },
        { token: tokens.memberBenthanh },
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        rel.body.data?.relateLegalDocuments?.errorCode ?? rel.body.errors?.[0].extensions?.code,
      );
      const seen = await t.gql<{ legalDocumentStatus: Status | null }>(
        host,
        READ,
        { id: ids.old },
        { token: tokens.memberBenthanh },
      );
      expect(seen.body.data?.legalDocumentStatus ?? null).toBeNull();
    }
    // Its own document may point at the other portal's live one, never at its draft.
    expect(await relate(BENTHANH, tokens.memberBenthanh, ids.benthanh, 'GUIDES', ids.draft)).toMatchObject({
      errorCode: 'NOT_FOUND',
      field: 'otherItemId',
    });
    const live = await relate(BENTHANH, tokens.memberBenthanh, ids.benthanh, 'AMENDS', ids.old);
    expect(live.relations).toEqual([expect.objectContaining({ kind: 'AMENDS', otherItemId: ids.old })]);
    // …and that relation is Bến Thành's: Sài Gòn reads it but cannot remove it.
    const seenBySaigon = await read(SAIGON, tokens.member, ids.old);
    const theirs = seenBySaigon!.relations.find((r) => r.kind === 'AMENDED_BY')!;
    expect(theirs.otherItemId).toBe(ids.benthanh);
    const remove = dataOf(
      await t.gql<{ removeLegalRelation: Status }>(
        SAIGON,
        REMOVE,
        { id: theirs.id },
        { token: tokens.member },
      ),
    ).removeLegalRelation;
    expect(remove).toMatchObject({ errorCode: 'NOT_FOUND', field: 'id' });
    const removeElsewhere = dataOf(
      await t.gql<{ removeLegalRelation: Status }>(
        BENTHANH,
        REMOVE,
        { id: seenBySaigon!.relations.find((r) => r.kind === 'REPLACED_BY')!.id },
        { token: tokens.memberBenthanh },
      ),
    ).removeLegalRelation;
    expect(removeElsewhere).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(
      await count('SELECT count(*)::int AS n FROM legal_document_relations WHERE removed_at IS NULL'),
    ).toBe(3);
  });

  const CSV = [
    'number,title,form,issuer,issueDate,excerpt,field,validity,expiryDate,nationalDbUrl,replaces,amends,guides',
    '12/2023/QĐ-UBND,,,,,,,EXPIRED,2026-06-01,,,,',
    '"15/2026/QĐ-UBND","Quy định về vỉa hè, lòng đường",QUYET_DINH,Ủy ban nhân dân phường Sài Gòn,2026-07-01,"Quy định quản lý, sử dụng tạm thời vỉa hè",Đô thị,NOT_YET_EFFECTIVE,,https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=777,,07/2026/QĐ-UBND,25/2025/QĐ-UBND@hochiminhcity.gov.vn',
    '16/2026/QĐ-UBND,Quy định thay thế,QUYET_DINH,Ủy ban nhân dân phường Sài Gòn,2026-08-01,Thay thế quy định vỉa hè,Đô thị,IN_FORCE,,,15/2026/QĐ-UBND,,',
    '',
  ].join('\n');

  it('imports a CSV file: known numbers get validity and relations, new ones become drafts; the same file again changes nothing', async () => {
    const dry = await importFile(SAIGON, tokens.member, 'CSV', CSV, true);
    expect(dry).toMatchObject({
      __typename: 'LegalImportReport',
      dryRun: true,
      created: 2,
      updated: 1,
      relationsAdded: 3,
    });
    expect(await count(`SELECT count(*)::int AS n FROM content_items WHERE kind = 'LEGAL_DOCUMENT'`)).toBe(5);

    const first = await importFile(SAIGON, tokens.member, 'CSV', CSV);
    expect(first).toMatchObject({ dryRun: false, created: 2, updated: 1, unchanged: 0, relationsAdded: 3 });
    expect(first.lines!.map((l) => [l.line, l.number, l.outcome])).toEqual([
      [2, '12/2023/QĐ-UBND', 'UPDATED'],
      [3, '15/2026/QĐ-UBND', 'CREATED'],
      [4, '16/2026/QĐ-UBND', 'CREATED'],
    ]);
    expect(first.lines![0].itemId).toBe(ids.old);
    const drafted = first.lines![1].itemId;
    // New documents are drafts in the workflow: not public until the board publishes them.
    const { rows } = await db.query(
      `SELECT i.live_revision_id, s.status, r.fields FROM content_items i JOIN editorial_states s ON s.item_id = i.id
        JOIN content_revisions r ON r.id = s.revision_id WHERE i.id = $1`,
      [drafted],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        live_revision_id: null,
        status: 'DRAFT',
        fields: expect.objectContaining({ number: '15/2026/QĐ-UBND', field: 'Đô thị' }),
      }),
    ]);
    const view = await read(SAIGON, tokens.member, drafted);
    expect(view).toMatchObject({
      validity: 'NOT_YET_EFFECTIVE',
      nationalDbUrl: 'https://vbpl.vn/tphcm/Pages/vbpq-toanvan.aspx?ItemID=777',
    });
    expect(view!.relations.map((r) => [r.kind, r.otherItemId]).sort()).toEqual(
      [
        ['AMENDS', ids.new],
        ['GUIDES', ids.city],
        ['REPLACED_BY', first.lines![2].itemId],
      ].sort(),
    );
    expect(await read(SAIGON, tokens.member, ids.old)).toMatchObject({
      validity: 'EXPIRED',
      validityToday: 'EXPIRED',
      expiryDate: '2026-06-01',
    });

    const tables = async () => ({
      items: await count('SELECT count(*)::int AS n FROM content_items'),
      revisions: await count('SELECT count(*)::int AS n FROM content_revisions'),
      statuses: await count('SELECT count(*)::int AS n FROM legal_document_status'),
      relations: await count('SELECT count(*)::int AS n FROM legal_document_relations'),
      audit: await count('SELECT count(*)::int AS n FROM audit_log'),
    });
    const before = await tables();
    const again = await importFile(SAIGON, tokens.member, 'CSV', CSV);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, relationsAdded: 0 });
    expect(again.lines!.map((l) => l.itemId)).toEqual(first.lines!.map((l) => l.itemId));
    expect(await tables()).toEqual(before);
  });

  it('imports the same list as JSON, unchanged; a JSON file’s errors name their lines', async () => {
    const json = `{
  "documents": [
    { "number": "12/2023/QĐ-UBND", "validity": "EXPIRED", "expiryDate": "2026-06-01" },
    {
      "number": "16/2026/qđ-ubnd",
      "validity": "IN_FORCE",
      "replaces": ["15/2026/QĐ-UBND"]
    }
  ]
}`;
    const same = await importFile(SAIGON, tokens.member, 'JSON', json);
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(same.lines!.map((l) => l.line)).toEqual([3, 4]);
    const bad = await importFile(
      SAIGON,
      tokens.member,
      'JSON',
      `[
  { "number": "12/2023/QĐ-UBND", "validity": "EXPIRED" },
  { "number": "16/2026/QĐ-UBND",
    "validity": "REPEALED" },
  { "number": "17/2026/QĐ-UBND", "validity": "IN_FORCE", "colour": "red" }
]`,
    );
    expect(bad.__typename).toBe('ImportRejected');
    expect(bad.errors!.map((e) => [e.line, e.field, e.errorCode])).toEqual([
      [3, 'validity', 'INVALID_VALIDITY'],
      [5, 'colour', 'UNKNOWN_COLUMN'],
    ]);
    const broken = await importFile(
      SAIGON,
      tokens.member,
      'JSON',
      '[\n  { "number": "1" },\n  { "number": \n]',
    );
    expect(broken.errors).toEqual([expect.objectContaining({ line: 4, errorCode: 'INVALID_JSON' })]);
  });

  it('a file with any bad line is refused whole, every problem named by its line; nothing is written', async () => {
    const tables = async () => ({
      items: await count('SELECT count(*)::int AS n FROM content_items'),
      statuses: await count('SELECT count(*)::int AS n FROM legal_document_status'),
      statusRows: (
        await db.query(
          'SELECT item_id, validity, expiry_date::text FROM legal_document_status ORDER BY item_id',
        )
      ).rows,
      relations: await count('SELECT count(*)::int AS n FROM legal_document_relations'),
    });
    const before = await tables();
    const csv = [
      'number,title,form,issuer,issueDate,excerpt,validity,expiryDate,nationalDbUrl,replaces',
      '07/2026/QĐ-UBND,,,,,,EXPIRED,,,', // fine on its own: refused with the rest
      '12/2023/QĐ-UBND,,,,,,VALID,2026-13-01,,',
      '20/2026/QĐ-UBND,Văn bản mới,QUYET_DINH,UBND phường,2026-09-01,Trích yếu,IN_FORCE,,https://example.com/x,',
      '21/2026/QĐ-UBND,,QUYET_DINH,UBND phường,2026-09-01,Trích yếu,IN_FORCE,,,01/1999/QĐ-UBND',
      '"22/2026/QĐ-UBND","Văn bản, có dấu phẩy",QUYET_DINH,UBND phường,2026-09-31,Trích yếu,IN_FORCE,,,',
      '07/2026/QĐ-UBND,,,,,,IN_FORCE,,,',
      '23/2026/QĐ-UBND,too,few',
    ].join('\r\n');
    const out = await importFile(SAIGON, tokens.member, 'CSV', csv);
    expect(out.__typename).toBe('ImportRejected');
    expect(out.errors!.map((e) => [e.line, e.field, e.errorCode])).toEqual([
      [3, 'validity', 'INVALID_VALIDITY'],
      [4, 'nationalDbUrl', 'INVALID_NATIONAL_DB_URL'],
      [5, 'title', 'INVALID_TITLE'],
      [5, 'replaces', 'UNKNOWN_DOCUMENT'],
      [6, 'issueDate', 'INVALID_FIELD'],
      [7, 'number', 'DUPLICATE_NUMBER'],
      [8, 'file', 'WRONG_CELL_COUNT'],
    ]);
    const duplicate = out.errors!.find((e) => e.errorCode === 'DUPLICATE_NUMBER')!;
    expect(duplicate.messageVi).toContain('dòng 2');
    expect(duplicate.messageEn).toContain('line 2');
    const header = await importFile(SAIGON, tokens.member, 'CSV', 'so,validity\n1,IN_FORCE\n');
    expect(header.errors!.map((e) => [e.line, e.errorCode])).toEqual([
      [1, 'UNKNOWN_COLUMN'],
      [1, 'MISSING_COLUMN'],
    ]);
    const quote = await importFile(SAIGON, tokens.member, 'CSV', 'number,validity\n"1/2026,IN_FORCE\n');
    expect(quote.errors).toEqual([expect.objectContaining({ line: 2, errorCode: 'UNCLOSED_QUOTE' })]);
    expect(await tables()).toEqual(before);
  });

  it('who may import: the board; the operator only updates known documents; a contributor and another portal may not', async () => {
    const newDoc =
      'number,title,form,issuer,issueDate,excerpt,validity\n30/2026/QĐ-UBND,Mới,QUYET_DINH,UBND,2026-09-01,Trích yếu,IN_FORCE\n';
    const operator = await importFile(SAIGON, tokens.operator, 'CSV', newDoc);
    expect(operator.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'number', errorCode: 'NOT_ALLOWED' }),
    ]);
    const known = await importFile(
      SAIGON,
      tokens.operator,
      'CSV',
      'number,validity\n07/2026/QĐ-UBND,IN_FORCE\n',
    );
    expect(known).toMatchObject({ unchanged: 1 });
    const writer = await t.gql(
      SAIGON,
      IMPORT,
      { i: { format: 'CSV', content: newDoc } },
      { token: tokens.writer },
    );
    expect(writer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Through its own host, Bến Thành's board reaches only Bến Thành's documents: a Sài Gòn number is a new one there.
    const elsewhere = await importFile(
      BENTHANH,
      tokens.memberBenthanh,
      'CSV',
      'number,validity\n07/2026/QĐ-UBND,EXPIRED\n',
    );
    expect(elsewhere.errors).toEqual([expect.objectContaining({ line: 2, errorCode: 'INVALID_TITLE' })]);
    const viaSaigon = await t.gql(
      SAIGON,
      IMPORT,
      { i: { format: 'CSV', content: 'number,validity\n07/2026/QĐ-UBND,EXPIRED\n' } },
      { token: tokens.memberBenthanh },
    );
    expect(viaSaigon.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A relation to another portal's draft by number@host is not found.
    const draftRef = await importFile(
      BENTHANH,
      tokens.memberBenthanh,
      'CSV',
      `number,validity,guides\n03/2026/QĐ-UBND,IN_FORCE,99/2026/QĐ-UBND@${SAIGON}\n`,
    );
    expect(draftRef.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'guides', errorCode: 'UNKNOWN_DOCUMENT' }),
    ]);
    expect(await read(SAIGON, tokens.member, ids.new)).toMatchObject({ validity: 'IN_FORCE' });
  });

  it('a merge carries the merged portal’s validity and relations to the target, whose board then states them', async () => {
    await set(BENTHANH, tokens.memberBenthanh, ids.benthanh, { validity: 'IN_FORCE' });
    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts.find((c) => c.participant === 'legal')!.counts).toEqual({
      legalStatuses: 1,
      legalRelations: 1,
    });
    const merged = await restructuring.merge(sys, [ward], target, previewedPlan(preview.value));
    if (!merged.ok) throw new Error(merged.error.code);
    const { rows } = await db.query('SELECT tenant_id FROM legal_document_status WHERE item_id = $1', [
      ids.benthanh,
    ]);
    expect(rows).toEqual([{ tenant_id: target }]);
    const moved = await read(TANDINH, tokens.headTandinh, ids.benthanh);
    expect(moved).toMatchObject({ validity: 'IN_FORCE' });
    expect(moved!.relations).toEqual([expect.objectContaining({ kind: 'AMENDS', otherItemId: ids.old })]);
    const expired = await set(TANDINH, tokens.headTandinh, ids.benthanh, { validity: 'EXPIRED' });
    expect(expired.validity).toBe('EXPIRED');
    // The relation is the target's now: its board removes it.
    const removed = dataOf(
      await t.gql<{ removeLegalRelation: Status }>(
        TANDINH,
        REMOVE,
        { id: moved!.relations[0].id },
        { token: tokens.headTandinh },
      ),
    ).removeLegalRelation;
    expect(removed.relations).toEqual([]);
    expect((await search(TANDINH, { validity: 'EXPIRED' })).map((d) => d.id)).toContain(ids.benthanh);
  });
});
