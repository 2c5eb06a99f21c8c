import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { TINY_PDF } from './support/zip-fixture';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { previewedPlan, startSeededApp } from './support/fixtures';
import { categoryId } from './support/site-content';
import { dataOf, idempotencyKey, multipart } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * Information sent by outside organisations and people (05/2024/QĐ-UBND art. 14.2; 1376/QĐ-SVHTT
 * art. 9.1): anyone sends it behind the public write gate (with an optional file on the website
 * form) and gets a tracking code; it waits in the board's intake queue until a contributor takes it
 * up (a draft item is written from it) or the board declines it with a reason; the sender follows
 * it by the code. Bad input is refused on its field; other portals see and touch nothing; a merge
 * carries the queue.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const SEND = `mutation($i: SendInformationInput!) { sendInformation(input: $i) {
  __typename ... on SentInformationReceipt { trackingCode receivedAt }
  ... on InputError { errorCode field messageVi messageEn } } }`;
const TRACK = `query($c: String!) { trackSentInformation(code: $c) { trackingCode title status declineReason publishedSlug } }`;
const ROW = `id tenantId trackingCode status senderName organisation position email phone address title body
  file { fileName mediaType size href } itemId declineReason`;
const QUEUE = `query($s: SentInformationStatus) { sentInformation(status: $s, first: 50) { nodes { ${ROW} } hasNextPage } }`;
const ONE = `query($id: ID!) { sentInformationItem(id: $id) { ${ROW} } }`;
const TAKE = `mutation($id: ID!, $i: TakeUpSentInformationInput) { takeUpSentInformation(id: $id, input: $i) {
  __typename ... on SentInformation { ${ROW} } ... on InputError { errorCode field messageVi messageEn } } }`;
const DECLINE = `mutation($id: ID!, $r: String!) { declineSentInformation(id: $id, reason: $r) {
  __typename ... on SentInformation { ${ROW} } ... on InputError { errorCode field } } }`;

type Row = {
  __typename?: string;
  id: string;
  tenantId: string;
  trackingCode: string;
  status: string;
  senderName: string;
  organisation: string | null;
  email: string | null;
  title: string;
  body: string;
  file: { fileName: string; mediaType: string; size: number; href: string } | null;
  itemId: string | null;
  declineReason: string | null;
  publishedSlug?: string | null;
  errorCode?: string;
  field?: string;
  messageVi?: string;
  messageEn?: string;
};

const input = (extra: Record<string, unknown> = {}) => ({
  name: 'Trần Văn Bình',
  organisation: 'Trường THCS Văn Lang',
  position: 'Phó Hiệu trưởng',
  email: 'binh.tv@example.vn',
  phone: '0912 345 678',
  title: 'Trường THCS Văn Lang khai giảng lớp học kỹ năng số cho phụ huynh',
  body: 'Sáng 5/12, nhà trường khai giảng lớp kỹ năng số miễn phí cho 120 phụ huynh.\n\nLớp học kéo dài bốn buổi vào sáng thứ Bảy.',
  proof: { website: '' },
  ...extra,
});

/** A multipart body as a browser sends the website form (an empty file part when no file is chosen). */
function browserForm(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const { body, contentType } = multipart(
    fields,
    file
      ? { name: file.name, data: file.bytes, contentType: file.type }
      : { name: '', data: Buffer.alloc(0), contentType: 'application/octet-stream' },
  );
  return { body, type: contentType };
}

describe('engagement: information sent to the board', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({
      trustProxy: true,
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    }, ['city']));
    tokens.member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    tokens.head = await t.asUser('head.saigon', Role.BOARD_HEAD, SAIGON);
    tokens.writer = await t.asUser('writer.saigon', Role.CONTRIBUTOR, SAIGON);
    tokens.memberBenthanh = await t.asUser('member.benthanh', Role.BOARD_MEMBER, BENTHANH);
    tokens.writerTandinh = await t.asUser('writer.tandinh', Role.CONTRIBUTOR, TANDINH);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const send = async (
    host: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) =>
    dataOf(
      await t.gql<{ sendInformation: Row & { trackingCode: string } }>(
        host,
        SEND,
        { i: input(extra) },
        { headers },
      ),
    ).sendInformation;
  const track = async (host: string, code: string) =>
    dataOf(await t.gql<{ trackSentInformation: Row | null }>(host, TRACK, { c: code })).trackSentInformation;
  const queue = async (host: string, token: string, status?: string) =>
    dataOf(await t.gql<{ sentInformation: { nodes: Row[] } }>(host, QUEUE, { s: status ?? null }, { token }))
      .sentInformation.nodes;
  const rows = async () => Number((await db.query('SELECT count(*) AS n FROM sent_information')).rows[0].n);

  it('anyone sends; the board sees it in the queue; a contributor takes it up as a draft; the sender follows it', async () => {
    const receipt = await send(SAIGON);
    expect(receipt.__typename).toBe('SentInformationReceipt');
    expect(receipt.trackingCode).toMatch(/^TT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Typed loosely by a person: lower case, spaces.
    const typed = receipt.trackingCode.toLowerCase().replace(/-/g, ' ');
    expect(await track(SAIGON, typed)).toMatchObject({ status: 'RECEIVED', publishedSlug: null });

    const waiting = await queue(SAIGON, tokens.member, 'RECEIVED');
    const row = waiting.find((r) => r.trackingCode === receipt.trackingCode)!;
    expect(row).toMatchObject({
      senderName: 'Trần Văn Bình',
      organisation: 'Trường THCS Văn Lang',
      email: 'binh.tv@example.vn',
      file: null,
    });
    // The contact details never reach the sender's public view.
    expect(JSON.stringify(await track(SAIGON, receipt.trackingCode))).not.toContain('binh.tv@example.vn');

    const taken = dataOf(
      await t.gql<{ takeUpSentInformation: Row }>(
        SAIGON,
        TAKE,
        { id: row.id, i: { kind: 'NEWS', categoryId: await categoryId(t, SAIGON, 'tin-tuc-su-kien') } },
        { token: tokens.writer },
      ),
    ).takeUpSentInformation;
    expect(taken).toMatchObject({ __typename: 'SentInformation', status: 'TAKEN_UP' });
    const item = await db.query(
      `SELECT i.kind, i.created_by, r.title, r.body_html, r.author_name, r.source, s.status
         FROM content_items i JOIN content_revisions r ON r.item_id = i.id
         JOIN editorial_states s ON s.revision_id = r.id WHERE i.id = $1`,
      [taken.itemId],
    );
    expect(item.rows[0]).toMatchObject({
      kind: 'NEWS',
      title: 'Trường THCS Văn Lang khai giảng lớp học kỹ năng số cho phụ huynh',
      author_name: 'Trần Văn Bình',
      source: 'Trường THCS Văn Lang',
      status: 'DRAFT',
    });
    expect(item.rows[0].body_html).toContain('<p>Lớp học kéo dài bốn buổi vào sáng thứ Bảy.</p>');
    expect(await track(SAIGON, receipt.trackingCode)).toMatchObject({
      status: 'TAKEN_UP',
      publishedSlug: null,
    });

    // Once the draft is published, the sender is pointed at it.
    for (const [action, token] of [
      ['SUBMIT', tokens.writer],
      ['TAKE_FOR_REVIEW', tokens.member],
      ['APPROVE', tokens.head],
      ['PUBLISH', tokens.member],
    ] as const) {
      const step = await t.gql(
        SAIGON,
        `mutation { transitionContent(itemId: "${taken.itemId}", action: ${action}) { __typename ... on InputError { errorCode } } }`,
        undefined,
        { token },
      );
      expect(step.body.data?.transitionContent).toEqual({ __typename: 'ContentItem' });
    }
    const published = await track(SAIGON, receipt.trackingCode);
    expect(published!.publishedSlug).toBeTruthy();
    const audit = await db.query('SELECT action FROM audit_log WHERE subject_id = $1', [row.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['sentInformation.takenUp']);
  });

  it('refuses bad input on its field, in both languages, and stores nothing', async () => {
    const before = await rows();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: ' ' }, 'NAME_REQUIRED', 'name'],
      [{ title: '' }, 'TITLE_REQUIRED', 'title'],
      [{ body: 'Ngắn quá.' }, 'TOO_SHORT', 'body'],
      [{ body: 'x'.repeat(20_001) }, 'TOO_LONG', 'body'],
      [{ email: null, phone: null }, 'CONTACT_REQUIRED', 'email'],
      [{ email: 'binh.tv@' }, 'INVALID_EMAIL', 'email'],
      [{ phone: '12345' }, 'INVALID_PHONE', 'phone'],
      [{ organisation: 'T'.repeat(201) }, 'TOO_LONG', 'organisation'],
      [{ proof: { website: 'http://spam.example' } }, 'REJECTED', 'website'],
    ];
    for (const [extra, errorCode, field] of cases) {
      const out = await send(SAIGON, extra);
      expect({ extra: Object.keys(extra), errorCode: out.errorCode, field: out.field }).toEqual({
        extra: Object.keys(extra),
        errorCode,
        field,
      });
      expect(out.messageVi).toBeTruthy();
      expect(out.messageEn).toBeTruthy();
    }
    // Markup is taken as text.
    const marked = await send(SAIGON, { title: '<script>alert(1)</script>Tin <b>mới</b> của trường' });
    const stored = await db.query('SELECT title FROM sent_information WHERE tracking_code = $1', [
      marked.trackingCode,
    ]);
    expect(stored.rows[0].title).not.toMatch(/[<>]/);
    expect(await rows()).toBe(before + 1);
  });

  it('takes up once; declining needs a reason and the board; the sender sees the reason', async () => {
    const a = await send(SAIGON, { title: 'Thông tin thứ nhất gửi Ban Biên tập' });
    const b = await send(SAIGON, { title: 'Thông tin thứ hai gửi Ban Biên tập' });
    const id = async (code: string) =>
      (await db.query('SELECT id FROM sent_information WHERE tracking_code = $1', [code])).rows[0]
        .id as string;
    const [idA, idB] = [await id(a.trackingCode), await id(b.trackingCode)];
    const take = (sid: string, token: string) =>
      t.gql<{ takeUpSentInformation: Row }>(SAIGON, TAKE, { id: sid, i: null }, { token });
    expect(dataOf(await take(idA, tokens.writer)).takeUpSentInformation.status).toBe('TAKEN_UP');
    expect(dataOf(await take(idA, tokens.member)).takeUpSentInformation).toMatchObject({
      errorCode: 'ALREADY_HANDLED',
      field: 'id',
    });
    // A take-up the item refuses (a kind whose required fields are missing) writes nothing.
    const bad = dataOf(
      await t.gql<{ takeUpSentInformation: Row }>(
        SAIGON,
        TAKE,
        { id: idB, i: { kind: 'LEGAL_DOCUMENT' } },
        {
          token: tokens.writer,
        },
      ),
    ).takeUpSentInformation;
    expect(bad).toMatchObject({ errorCode: 'REQUIRED', field: 'fields.form' });
    expect((await db.query('SELECT status FROM sent_information WHERE id = $1', [idB])).rows[0].status).toBe(
      'RECEIVED',
    );

    const decline = (sid: string, reason: string, token: string) =>
      t.gql<{ declineSentInformation: Row }>(SAIGON, DECLINE, { id: sid, r: reason }, { token });
    const byWriter = await decline(idB, 'Không phù hợp', tokens.writer);
    expect(byWriter.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(dataOf(await decline(idB, '  ', tokens.member)).declineSentInformation).toMatchObject({
      errorCode: 'REASON_REQUIRED',
      field: 'reason',
    });
    const declined = dataOf(
      await decline(idB, 'Nội dung ngoài phạm vi thông tin của cổng.', tokens.member),
    ).declineSentInformation;
    expect(declined).toMatchObject({ status: 'DECLINED' });
    expect(await track(SAIGON, b.trackingCode)).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Nội dung ngoài phạm vi thông tin của cổng.',
    });
    expect(dataOf(await take(idB, tokens.writer)).takeUpSentInformation.errorCode).toBe('ALREADY_HANDLED');
    // Anonymous callers reach none of the board's operations.
    const anonymous = await t.gql(SAIGON, QUEUE, { s: null });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the same sending with the same Idempotency-Key is stored once and answered the same', async () => {
    const headers = { 'idempotency-key': 'send-info-0001' };
    const first = await send(SAIGON, { title: 'Một lần duy nhất thôi nhé' }, headers);
    const again = await send(SAIGON, { title: 'Một lần duy nhất thôi nhé' }, headers);
    expect(again.trackingCode).toBe(first.trackingCode);
    const { rows: found } = await db.query(
      `SELECT count(*)::int AS n FROM sent_information WHERE title = 'Một lần duy nhất thôi nhé'`,
    );
    expect(found[0].n).toBe(1);
  });

  it('the website form takes a file; only officers of the portal download it', async () => {
    const form = browserForm(
      {
        name: 'Lê Thị Hoa',
        organisation: 'Hội Phụ nữ phường',
        email: 'hoa.lt@example.vn',
        title: 'Hội Phụ nữ phường tổ chức ngày hội áo dài',
        body: 'Hội Phụ nữ phường tổ chức ngày hội áo dài tại công viên Tao Đàn sáng Chủ nhật.',
        website: '',
        idempotencyKey: idempotencyKey(),
      },
      { name: 'ke-hoach.pdf', type: 'application/pdf', bytes: TINY_PDF },
    );
    const posted = await t.http({
      method: 'POST',
      host: SAIGON,
      path: '/gui-thong-tin',
      headers: { 'content-type': form.type },
      body: form.body,
    });
    expect(posted.status).toBe(303);
    const code = decodeURIComponent(String(posted.headers.location).split('ma=')[1]);
    const row = (await queue(SAIGON, tokens.member)).find((r) => r.trackingCode === code)!;
    expect(row.file).toMatchObject({
      fileName: 'ke-hoach.pdf',
      mediaType: 'application/pdf',
      size: TINY_PDF.length,
    });
    const file = await t.http({
      host: SAIGON,
      path: row.file!.href,
      headers: { authorization: `Bearer ${tokens.member}` },
    });
    expect(file.status).toBe(200);
    expect(file.bytes.equals(TINY_PDF)).toBe(true);
    expect(String(file.headers['cache-control'])).toContain('no-store');
    const anonymous = await t.http({ host: SAIGON, path: row.file!.href });
    expect(anonymous.status).toBe(401);
    const elsewhere = await t.http({
      host: BENTHANH,
      path: row.file!.href,
      headers: { authorization: `Bearer ${tokens.memberBenthanh}` },
    });
    expect(elsewhere.status).toBe(404);

    // A file the platform does not take is refused on the file field; nothing is stored.
    const before = await rows();
    const text = browserForm(
      {
        name: 'Lê Thị Hoa',
        email: 'hoa.lt@example.vn',
        title: 'Tệp không hợp lệ',
        body: 'Nội dung đủ dài để gửi đi thử.',
        website: '',
      },
      { name: 'ghi-chu.txt', type: 'text/plain', bytes: Buffer.from('chỉ là văn bản') },
    );
    const refused = await t.http({
      method: 'POST',
      host: SAIGON,
      path: '/gui-thong-tin',
      headers: { 'content-type': text.type },
      body: text.body,
    });
    expect(refused.status).toBe(415);
    expect(refused.text).toContain('href="#f-file"');
    expect(await rows()).toBe(before);
  });

  it('another portal neither tracks, lists, reads, takes up nor declines a portal’s information', async () => {
    const sent = await send(SAIGON, { title: 'Thông tin chỉ của phường Sài Gòn' });
    const id = (
      await db.query('SELECT id FROM sent_information WHERE tracking_code = $1', [sent.trackingCode])
    ).rows[0].id as string;
    expect(await track(BENTHANH, sent.trackingCode)).toBeNull();
    expect((await queue(BENTHANH, tokens.memberBenthanh)).map((r) => r.id)).not.toContain(id);
    for (const host of [BENTHANH, SAIGON]) {
      const one = await t.gql(host, ONE, { id }, { token: tokens.memberBenthanh });
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(one.body.errors?.[0].extensions?.code);
      const take = await t.gql<{ takeUpSentInformation: Row }>(
        host,
        TAKE,
        { id, i: null },
        { token: tokens.memberBenthanh },
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        take.body.data?.takeUpSentInformation?.errorCode ?? take.body.errors?.[0].extensions?.code,
      );
      const decline = await t.gql<{ declineSentInformation: Row }>(
        host,
        DECLINE,
        { id, r: 'Không' },
        { token: tokens.memberBenthanh },
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        decline.body.data?.declineSentInformation?.errorCode ?? decline.body.errors?.[0].extensions?.code,
      );
    }
    expect((await db.query('SELECT status FROM sent_information WHERE id = $1', [id])).rows[0].status).toBe(
      'RECEIVED',
    );
  });

  it('a merge carries the queue to the target, whose contributors take it up and where senders follow it', async () => {
    const sent = await send(BENTHANH, { title: 'Thông tin gửi phường Bến Thành trước khi sáp nhập' });
    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts.find((c) => c.participant === 'sentInformation')!.counts).toEqual({
      sentInformation: 1,
      sentInformationWaiting: 1,
    });
    const merged = await restructuring.merge(sys, [ward], target, previewedPlan(preview.value));
    if (!merged.ok) throw new Error(merged.error.code);
    expect(await track(TANDINH, sent.trackingCode)).toMatchObject({ status: 'RECEIVED' });
    const row = (await queue(TANDINH, tokens.writerTandinh)).find(
      (r) => r.trackingCode === sent.trackingCode,
    )!;
    expect(row.tenantId).toBe(target);
    const taken = dataOf(
      await t.gql<{ takeUpSentInformation: Row }>(
        TANDINH,
        TAKE,
        { id: row.id, i: null },
        { token: tokens.writerTandinh },
      ),
    ).takeUpSentInformation;
    expect(taken.status).toBe('TAKEN_UP');
    const item = await db.query('SELECT tenant_id FROM content_items WHERE id = $1', [taken.itemId]);
    expect(item.rows[0].tenant_id).toBe(target);
  });
});
