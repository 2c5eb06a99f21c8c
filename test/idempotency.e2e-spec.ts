import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { TINY_PDF } from './support/zip-fixture';
import { IdempotencyService } from '../libs/platform/src';
import { openDatabase } from './support/fixtures';
import { idempotencyKey, multipart } from './support/gql';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Idempotency keys on creating requests: a retry with the same `Idempotency-Key` is answered with
 * the first answer and stores nothing more, at once or concurrently; the same key with another
 * request is refused; keys are per portal and caller, malformed ones are refused, and expired ones
 * are swept and can be used again.
 */

const WARD = 'saigon.hochiminhcity.gov.vn';
const OTHER_WARD = 'benthanh.hochiminhcity.gov.vn';
const ITEM = `__typename ... on ContentItem { id slug createdBy working { id number status createdAt } }
  ... on InputError { errorCode field message }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
  __typename ... on QuestionReceipt { trackingCode type receivedAt answerDueAt }
  ... on InputError { errorCode field message } } }`;

describe('idempotency keys on creating requests', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  const input = (title: string, host = WARD) => ({
    i: {
      tenantId: t.tenant(host).id,
      kind: 'NEWS',
      title,
      bodyHtml: '<p>Nội dung</p>',
      authorName: 'Trần Thị B',
      source: 'Phường Sài Gòn',
    },
  });
  const create = async (title: string, key: string | null, token = tokens.member, host = WARD) => {
    const res = await t.gql(host, CREATE, input(title, host), {
      token,
      headers: key ? { 'idempotency-key': key } : {},
    });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.createContent;
  };
  const items = async (title: string) =>
    Number(
      (
        await db.query('SELECT count(DISTINCT r.item_id) AS n FROM content_revisions r WHERE r.title = $1', [
          title,
        ])
      ).rows[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    tokens.member = await t.asUser('idem-member', Role.BOARD_MEMBER, WARD);
    tokens.other = await t.asUser('idem-other', Role.BOARD_MEMBER, WARD);
    tokens.otherWard = await t.asUser('idem-benthanh', Role.BOARD_MEMBER, OTHER_WARD);
    db = await openDatabase(t);
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('createContent: the same key twice stores once and answers the same', async () => {
    const key = idempotencyKey();
    const first = await create('Tin gửi lại hai lần', key);
    expect(first.__typename).toBe('ContentItem');
    const again = await create('Tin gửi lại hai lần', key);
    expect(again).toEqual(first);
    expect(await items('Tin gửi lại hai lần')).toBe(1);
    // Without a key, a second request is a second item, as before.
    await create('Tin không có khóa', null);
    await create('Tin không có khóa', null);
    expect(await items('Tin không có khóa')).toBe(2);
  });

  it('the same key with another request is refused, and stores nothing', async () => {
    const key = idempotencyKey();
    await create('Tin thứ nhất với khóa', key);
    const other = await create('Tin khác với cùng khóa', key);
    expect(other).toMatchObject({
      __typename: 'InputError',
      errorCode: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
    expect(await items('Tin khác với cùng khóa')).toBe(0);
    const bad = await create('Tin với khóa sai', 'x y');
    expect(bad).toMatchObject({ __typename: 'InputError', errorCode: 'INVALID_IDEMPOTENCY_KEY' });
    expect(await items('Tin với khóa sai')).toBe(0);
  });

  it('concurrent retries with one key: one item, one answer', async () => {
    const key = idempotencyKey();
    const answers = await Promise.all([1, 2, 3, 4].map(() => create('Tin gửi đồng thời', key)));
    expect(answers[0].__typename).toBe('ContentItem');
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(await items('Tin gửi đồng thời')).toBe(1);
  });

  it('keys are per caller and per portal', async () => {
    const key = idempotencyKey();
    const mine = await create('Tin của từng người', key);
    const theirs = await create('Tin của từng người', key, tokens.other);
    expect(theirs.__typename).toBe('ContentItem');
    expect(theirs.id).not.toBe(mine.id);
    const elsewhere = await create('Tin của phường khác', key, tokens.otherWard, OTHER_WARD);
    expect(elsewhere.__typename).toBe('ContentItem');
    expect(await items('Tin của từng người')).toBe(2);
  });

  it('a failure is not stored: the retry does the work', async () => {
    const key = idempotencyKey();
    const refused = await t.gql(
      WARD,
      CREATE,
      { i: { ...input('Tin sai cổng').i, tenantId: randomUUID() } },
      { token: tokens.member, headers: { 'idempotency-key': key } },
    );
    expect(refused.body.data!.createContent).toMatchObject({ errorCode: 'TENANT_NOT_FOUND' });
    const rows = await db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]);
    expect(rows.rows[0].n).toBe(0);
    const done = await create('Tin sau khi sửa', key);
    expect(done.__typename).toBe('ContentItem');
  });

  it('askQuestion: a citizen’s retry with the same key gets the same tracking code', async () => {
    const key = idempotencyKey();
    const ask = () =>
      t.gql(
        WARD,
        ASK,
        {
          i: {
            type: 'QUESTION',
            name: 'Nguyễn Văn A',
            email: 'nguyenvana@example.vn',
            topic: 'Hỏi về hộ kinh doanh',
            text: 'Xin hỏi thủ tục đăng ký hộ kinh doanh cần những giấy tờ gì?',
          },
        },
        { headers: { 'idempotency-key': key } },
      );
    const first = (await ask()).body.data!.askQuestion;
    expect(first.__typename).toBe('QuestionReceipt');
    const again = (await ask()).body.data!.askQuestion;
    expect(again).toEqual(first);
    const n = await db.query(`SELECT count(*)::int AS n FROM questions WHERE topic = 'Hỏi về hộ kinh doanh'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('a plain HTML form (multipart, the key in a hidden field): a resend gives the same attachment', async () => {
    const key = idempotencyKey();
    const upload = () => {
      const { body, contentType } = multipart({ idempotencyKey: key }, { name: 'don.pdf', data: TINY_PDF });
      return t.http({
        method: 'POST',
        path: '/questions/attachments',
        host: WARD,
        headers: { 'content-type': contentType },
        body,
      });
    };
    const first = await upload();
    expect(first.status).toBe(201);
    const again = await upload();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const rows = await db.query('SELECT count(*)::int AS n FROM question_attachments WHERE id = $1', [
      (first.body as { id: string }).id,
    ]);
    expect(rows.rows[0].n).toBe(1);
    expect(
      (await db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).rows[0].n,
    ).toBe(1);
  });

  it('expired keys are swept, and the key can then be used again', async () => {
    const key = idempotencyKey();
    const first = await create('Tin có khóa hết hạn', key);
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    expect(await t.app.get(IdempotencyService).sweep()).toBeGreaterThanOrEqual(1);
    expect((await db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).rowCount).toBe(0);
    const second = await create('Tin có khóa hết hạn', key);
    expect(second.id).not.toBe(first.id);
    // Nothing is kept longer than its bounded time.
    const { rows } = await db.query(
      `SELECT max(expires_at - created_at) <= interval '24 hours' AS bounded FROM idempotency_keys`,
    );
    expect(rows[0].bounded).toBe(true);
  });
});
