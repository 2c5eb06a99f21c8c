import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '../libs/access/src';
import { StructuredFields1765100000200 } from '../libs/content/src/migrations/1765100000200-structured-fields';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { previewedPlan, startSeededApp } from './support/fixtures';
import { categoryId, publishSiteItem } from './support/site-content';
import { TestApp } from './support/test-app';

/**
 * Fields that used to be free text are values now: the citizen-reception schedule (regular,
 * periodic, ad hoc sessions with leader, place and time: 1376/QĐ-SVHTT art. 7.1.l), contacts (unit,
 * position, phone, fax, e-mail: 641/QĐ-UBND art. 14.1.k), projects' and tenders' status (enums).
 * Bad values are refused with a typed error naming the field, in both languages, and nothing is
 * written; another portal neither edits nor lists them; a merge carries them; the migration turns
 * the old free text into values without losing a word.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const ITEM = `__typename ... on ContentItem { id kind working { fields } }
  ... on InputError { errorCode field messageVi messageEn }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`;

type Out = {
  __typename: string;
  id: string;
  kind: string;
  working: { fields: Record<string, unknown> } | null;
  errorCode?: string;
  field?: string;
  messageVi?: string;
  messageEn?: string;
};

const RECEPTION = {
  eventDate: '2026-12-01',
  sessions: [
    {
      type: 'REGULAR',
      place: 'Bộ phận tiếp công dân, 45 Lê Duẩn',
      recurrence: 'Thứ Hai đến thứ Sáu hằng tuần',
      from: '07:30',
      to: '17:00',
    },
    {
      type: 'PERIODIC',
      leader: 'Chủ tịch UBND phường',
      place: 'Trụ sở UBND phường',
      recurrence: 'Sáng thứ Năm tuần thứ hai và thứ tư',
      from: '08:00',
      to: '11:30',
    },
    {
      type: 'AD_HOC',
      leader: 'Phó Chủ tịch UBND phường',
      place: 'Nhà văn hóa khu phố 3',
      date: '2026-12-15',
      from: '14:00',
    },
  ],
};
const CONTACT = {
  unit: 'Văn phòng HĐND và UBND phường',
  position: 'Chánh Văn phòng',
  phone: '028 3829 6052',
  fax: '(028) 3829.6053',
  email: 'vanphong@saigon.hochiminhcity.gov.vn',
};
const PROJECT = {
  name: 'Chỉnh trang vỉa hè tuyến Lê Duẩn',
  objective: 'Mở rộng lối đi bộ, trồng cây xanh.',
  field: 'Hạ tầng đô thị',
  projectType: 'Dự án nhóm C',
  sponsor: 'Ban Quản lý dự án phường',
  status: 'IN_PROGRESS',
  approvalDate: '2026-11-02',
  procurement: 'YES',
  tenderStatus: 'INVITING',
};

describe('content: structured fields', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    tokens.member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    tokens.memberBenthanh = await t.asUser('member.benthanh', Role.BOARD_MEMBER, BENTHANH);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const create = async (
    kind: string,
    fields: Record<string, unknown>,
    host = SAIGON,
    token = tokens.member,
  ) => {
    const res = await t.gql<{ createContent: Out }>(
      host,
      CREATE,
      {
        i: {
          tenantId: t.tenant(host).id,
          kind,
          title: `Mục ${kind}`,
          bodyHtml: '<p>Nội dung.</p>',
          fields,
          authorName: 'Nguyễn Thị Thu',
          source: 'Văn phòng UBND phường',
        },
      },
      { token },
    );
    if (res.body.errors?.length) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.createContent;
  };
  const count = async () => Number((await db.query('SELECT count(*) AS n FROM content_items')).rows[0].n);

  it('stores the reception schedule, a contact and a project with their values', async () => {
    const reception = await create('CITIZEN_RECEPTION', RECEPTION);
    expect(reception).toMatchObject({ __typename: 'ContentItem', kind: 'CITIZEN_RECEPTION' });
    expect(reception.working!.fields).toEqual(RECEPTION);
    const contact = await create('CONTACT_ENTRY', CONTACT);
    expect(contact.working!.fields).toEqual(CONTACT);
    const project = await create('PROJECT', PROJECT);
    expect(project.working!.fields).toEqual(PROJECT);
    // The editors' forms are built from the same specs the server checks.
    const kinds = await t.gql<{
      contentKinds: Array<{
        kind: string;
        fields: Array<{
          name: string;
          type: string;
          values: string[] | null;
          of: Array<{ name: string }> | null;
        }>;
      }>;
    }>(SAIGON, '{ contentKinds { kind fields { name type values of { name } } } }', undefined, {
      token: tokens.member,
    });
    const specs = Object.fromEntries(kinds.body.data!.contentKinds.map((k) => [k.kind, k.fields]));
    expect(specs.PROJECT.find((f) => f.name === 'status')).toMatchObject({
      type: 'enum',
      values: ['PREPARING', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED'],
    });
    expect(specs.CONTACT_ENTRY.map((f) => `${f.name}:${f.type}`)).toEqual(
      expect.arrayContaining(['unit:text', 'phone:phone', 'fax:phone', 'email:email']),
    );
    expect(specs.CITIZEN_RECEPTION.find((f) => f.name === 'sessions')!.of!.map((f) => f.name)).toEqual([
      'type',
      'leader',
      'place',
      'date',
      'recurrence',
      'from',
      'to',
      'note',
    ]);
  });

  it('refuses free text and inconsistent values with a typed error naming the field, and writes nothing', async () => {
    const before = await count();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['PROJECT', { ...PROJECT, status: 'Đang thi công' }, 'INVALID_FIELD', 'fields.status'],
      ['PROJECT', { ...PROJECT, procurement: 'NO' }, 'INVALID_FIELD', 'fields.tenderStatus'],
      ['PROJECT', { ...PROJECT, tenderStatus: 'OPEN' }, 'INVALID_FIELD', 'fields.tenderStatus'],
      ['CONTACT_ENTRY', { ...CONTACT, phone: 'gọi 1022' }, 'INVALID_FIELD', 'fields.phone'],
      ['CONTACT_ENTRY', { ...CONTACT, fax: '12' }, 'INVALID_FIELD', 'fields.fax'],
      ['CONTACT_ENTRY', { ...CONTACT, email: 'vanphong@saigon' }, 'INVALID_FIELD', 'fields.email'],
      ['CONTACT_ENTRY', { ...CONTACT, position: '' }, 'REQUIRED', 'fields.position'],
      ['CITIZEN_RECEPTION', { sessions: [] }, 'INVALID_FIELD', 'fields.sessions'],
      [
        'CITIZEN_RECEPTION',
        { sessions: [{ ...RECEPTION.sessions[0], type: 'WEEKLY' }] },
        'INVALID_FIELD',
        'fields.sessions.0.type',
      ],
      [
        'CITIZEN_RECEPTION',
        { sessions: [RECEPTION.sessions[0], { ...RECEPTION.sessions[2], date: undefined }] },
        'REQUIRED',
        'fields.sessions.1.date',
      ],
      [
        'CITIZEN_RECEPTION',
        { sessions: [{ ...RECEPTION.sessions[1], leader: '' }] },
        'REQUIRED',
        'fields.sessions.0.leader',
      ],
      [
        'CITIZEN_RECEPTION',
        { sessions: [{ ...RECEPTION.sessions[0], recurrence: '' }] },
        'REQUIRED',
        'fields.sessions.0.recurrence',
      ],
      [
        'CITIZEN_RECEPTION',
        { sessions: [{ ...RECEPTION.sessions[0], from: '17:00', to: '07:30' }] },
        'INVALID_PERIOD',
        'fields.sessions.0.to',
      ],
      [
        'CITIZEN_RECEPTION',
        { sessions: [{ ...RECEPTION.sessions[0], from: '7h30' }] },
        'INVALID_FIELD',
        'fields.sessions.0.from',
      ],
    ];
    for (const [kind, fields, errorCode, field] of cases) {
      const out = await create(kind, fields);
      expect({
        kind,
        fields: JSON.stringify(fields),
        out: { errorCode: out.errorCode, field: out.field },
      }).toEqual({
        kind,
        fields: JSON.stringify(fields),
        out: { errorCode, field },
      });
      expect(out.messageVi).toBeTruthy();
      expect(out.messageEn).toBeTruthy();
      expect(out.messageVi).not.toEqual(out.messageEn);
    }
    expect(await count()).toBe(before);
  });

  it('another portal’s officer neither edits nor lists a portal’s structured items', async () => {
    const contact = await create('CONTACT_ENTRY', CONTACT);
    const edit = await t.gql<{ editContent: Out }>(
      BENTHANH,
      EDIT,
      {
        id: contact.id,
        i: {
          title: 'Đổi',
          bodyHtml: '<p>x</p>',
          fields: { ...CONTACT, phone: '0909 000 000' },
          authorName: 'X',
          source: 'Y',
        },
      },
      { token: tokens.memberBenthanh },
    );
    const code = edit.body.data?.editContent?.errorCode ?? edit.body.errors?.[0].extensions?.code;
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code);
    const list = await t.gql<{ contentItems: { nodes: Array<{ id: string }> } }>(
      BENTHANH,
      '{ contentItems(filter: { kind: CONTACT_ENTRY, first: 100 }) { nodes { id } } }',
      undefined,
      { token: tokens.memberBenthanh },
    );
    expect(list.body.data!.contentItems.nodes.map((n) => n.id)).not.toContain(contact.id);
    const { rows } = await db.query(
      `SELECT r.fields FROM content_revisions r WHERE r.item_id = $1 ORDER BY number DESC LIMIT 1`,
      [contact.id],
    );
    expect(rows[0].fields.phone).toBe('028 3829 6052');
  });

  it('a merge carries published structured items to the target, values intact and filterable', async () => {
    const project = await publishSiteItem(t, BENTHANH, {
      kind: 'PROJECT',
      title: 'Dự án nạo vét kênh Bến Thành',
      fields: { ...PROJECT, name: 'Nạo vét kênh Bến Thành', status: 'PREPARING', tenderStatus: 'PLANNED' },
    });
    const reception = await publishSiteItem(t, BENTHANH, {
      kind: 'CITIZEN_RECEPTION',
      title: 'Lịch tiếp công dân phường Bến Thành',
      fields: RECEPTION,
      category: 'chi-dao-dieu-hanh/lich-tiep-cong-dan',
    });
    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    const merged = await restructuring.merge(sys, [ward], target, previewedPlan(preview.value));
    if (!merged.ok) throw new Error(merged.error.code);
    const { rows } = await db.query(
      `SELECT i.id, i.tenant_id, i.kind, i.category_id, r.fields FROM content_items i
         JOIN content_revisions r ON r.id = i.live_revision_id WHERE i.id = ANY($1::uuid[])`,
      [[project.id, reception.id]],
    );
    expect(rows.every((r) => r.tenant_id === target)).toBe(true);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[reception.id]).toMatchObject({ kind: 'CITIZEN_RECEPTION', fields: RECEPTION });
    expect(byId[reception.id].category_id).toBe(
      await categoryId(t, TANDINH, 'chi-dao-dieu-hanh/lich-tiep-cong-dan'),
    );
    expect(byId[project.id].fields).toMatchObject({ status: 'PREPARING', tenderStatus: 'PLANNED' });
    const page = await t.http({ host: TANDINH, path: '/du-an?status=PREPARING&tenderStatus=PLANNED' });
    expect(page.text).toContain('Nạo vét kênh Bến Thành');
    const schedule = await t.http({ host: TANDINH, path: '/lich-tiep-cong-dan' });
    expect(schedule.text).toContain('Nhà văn hóa khu phố 3');
  });

  it('the migration turns old free text into values, keeping every word', async () => {
    const project = await create('PROJECT', PROJECT);
    const unknown = await create('PROJECT', PROJECT);
    const contact = await create('CONTACT_ENTRY', CONTACT);
    const notice = await publishSiteItem(t, SAIGON, {
      kind: 'ANNOUNCEMENT',
      title: 'Lịch tiếp công dân tháng 12',
      bodyHtml: '<p>Chủ tịch tiếp công dân sáng thứ Năm hằng tuần.</p>',
      fields: { eventDate: '2026-12-01' },
      category: 'chi-dao-dieu-hanh/lich-tiep-cong-dan',
    });
    const news = await publishSiteItem(t, SAIGON, {
      kind: 'ANNOUNCEMENT',
      title: 'Thông báo nghỉ Tết',
      category: 'chi-dao-dieu-hanh/thong-bao',
    });
    // Their revisions as the free-text fields used to store them.
    const { status: _s, tenderStatus: _t, ...oldProject } = PROJECT;
    await db.query(`UPDATE content_revisions SET fields = $2::jsonb WHERE item_id = $1`, [
      project.id,
      JSON.stringify({ ...oldProject, status: 'Đang thi công giai đoạn 2' }),
    ]);
    await db.query(`UPDATE content_revisions SET fields = $2::jsonb WHERE item_id = $1`, [
      unknown.id,
      JSON.stringify({ ...oldProject, status: 'Theo kế hoạch vốn năm' }),
    ]);
    await db.query(`UPDATE content_revisions SET fields = $2::jsonb WHERE item_id = $1`, [
      contact.id,
      JSON.stringify({
        position: 'Chánh Văn phòng',
        phone: '028 3829 6052 máy lẻ 12',
        email: 'vanphong@saigon.hochiminhcity.gov.vn',
      }),
    ]);
    await db.query(`UPDATE categories SET content_kind = 'ANNOUNCEMENT' WHERE slug = 'lich-tiep-cong-dan'`);

    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await new StructuredFields1765100000200().up(runner);
      await new StructuredFields1765100000200().up(runner); // a second run changes nothing
    } finally {
      await runner.release();
    }
    const fields = async (id: string) =>
      (
        await db.query(
          `SELECT fields FROM content_revisions WHERE item_id = $1 ORDER BY number DESC LIMIT 1`,
          [id],
        )
      ).rows[0].fields;
    expect(await fields(project.id)).toEqual({
      ...oldProject,
      status: 'IN_PROGRESS',
      statusNote: 'Đang thi công giai đoạn 2',
    });
    const kept = await fields(unknown.id);
    expect(kept.status).toBeUndefined();
    expect(kept.statusNote).toBe('Theo kế hoạch vốn năm');
    expect(await fields(contact.id)).toEqual({
      position: 'Chánh Văn phòng',
      email: 'vanphong@saigon.hochiminhcity.gov.vn',
      note: 'Điện thoại: 028 3829 6052 máy lẻ 12',
    });
    const kinds = await db.query(`SELECT id, kind FROM content_items WHERE id = ANY($1::uuid[])`, [
      [notice.id, news.id],
    ]);
    expect(Object.fromEntries(kinds.rows.map((r) => [r.id, r.kind]))).toEqual({
      [notice.id]: 'CITIZEN_RECEPTION',
      [news.id]: 'ANNOUNCEMENT',
    });
    const category = await db.query(
      `SELECT DISTINCT content_kind FROM categories WHERE slug = 'lich-tiep-cong-dan'`,
    );
    expect(category.rows).toEqual([{ content_kind: 'CITIZEN_RECEPTION' }]);
    // The migrated schedule shows its text on the reception page until its sessions are entered.
    const page = await t.http({ host: SAIGON, path: '/lich-tiep-cong-dan' });
    expect(page.text).toContain('Chủ tịch tiếp công dân sáng thứ Năm hằng tuần.');
    // A project whose words named no status must get one on its next change: typed, on its field.
    const edit = await t.gql<{ editContent: Out }>(
      SAIGON,
      EDIT,
      {
        id: unknown.id,
        i: { title: 'Dự án', bodyHtml: '<p>x</p>', fields: kept, authorName: 'A', source: 'B' },
      },
      { token: tokens.member },
    );
    expect(edit.body.data!.editContent).toMatchObject({ errorCode: 'REQUIRED', field: 'fields.status' });
  });
});
