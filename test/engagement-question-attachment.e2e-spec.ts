import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { TINY_PDF } from './support/zip-fixture';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { startSeededApp } from './support/fixtures';
import { multipart } from './support/gql';

/**
 * A question's optional file: sent first behind the public write gate, named by the question,
 * private (only officers who may read the question download it), typed by its content, and never
 * usable twice or on another portal.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
  __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
const QUEUE = `{ questionQueue { id topic attachment { id fileName size mediaType } } }`;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('engagement: the file sent with a question', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  const raw = (options: {
    method: string;
    path: string;
    host: string;
    headers?: Record<string, string>;
    body?: Buffer;
  }) =>
    t.http(options).then((res): Raw => ({ status: res.status, headers: res.headers, body: res.bytes }));
  const send = (
    host: string,
    data: Buffer,
    name: string,
    fields: Record<string, string> = {},
    address = '192.0.2.10',
  ) => {
    const { body, contentType } = multipart(fields, { name, data });
    return raw({
      method: 'POST',
      path: '/questions/attachments',
      host,
      headers: { 'content-type': contentType, 'x-forwarded-for': address },
      body,
    });
  };
  const ask = async (host: string, attachmentId: string | null, address = '192.0.2.10') =>
    (
      await t.gql<{
        askQuestion: { __typename: string; trackingCode?: string; errorCode?: string; field?: string };
      }>(
        host,
        ASK,
        {
          i: {
            type: 'QUESTION',
            name: 'Đặng Thị Giang',
            email: 'giang@example.vn',
            topic: 'Xây dựng',
            text: 'Tôi gửi kèm bản vẽ, xin hỏi có cần xin giấy phép sửa nhà không?',
            attachmentId,
            proof: { website: '' },
          },
        },
        { headers: { 'x-forwarded-for': address } },
      )
    ).body.data!.askQuestion;

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({
      trustProxy: true,
      publicWrites: { perAddress: 6, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    }, ['city']));
    for (const [key, host] of [
      ['head.saigon', SAIGON],
      ['head.benthanh', BENTHANH],
    ] as const) {
      await t.createAccount({ username: key, homeHost: host, role: Role.BOARD_HEAD, roleHost: host });
      tokens[key] = (await t.login(key, host)).accessToken;
    }
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('is sent, named by the question, and downloaded only by its officers', async () => {
    const sent = await send(SAIGON, TINY_PDF, 'Bản vẽ nhà.pdf');
    expect(sent.status).toBe(201);
    const file = JSON.parse(sent.body.toString('utf8'));
    expect(file).toMatchObject({
      fileName: 'Bản vẽ nhà.pdf',
      size: TINY_PDF.length,
      mediaType: 'application/pdf',
    });
    // Not usable on another portal.
    expect(await ask(BENTHANH, file.id)).toMatchObject({
      errorCode: 'ATTACHMENT_NOT_FOUND',
      field: 'attachmentId',
    });
    const before = Number((await db.query('SELECT count(*) FROM questions')).rows[0].count);
    const asked = await ask(SAIGON, file.id);
    expect(asked.__typename).toBe('QuestionReceipt');
    // Used once only; the failed ask stored nothing.
    expect(await ask(SAIGON, file.id)).toMatchObject({ errorCode: 'ATTACHMENT_NOT_FOUND' });
    expect(Number((await db.query('SELECT count(*) FROM questions')).rows[0].count)).toBe(before + 1);

    const queue = (
      await t.gql<{
        questionQueue: Array<{ id: string; attachment: { id: string; fileName: string } | null }>;
      }>(SAIGON, QUEUE, {}, { token: tokens['head.saigon'] })
    ).body.data!.questionQueue;
    const question = queue.find((q) => q.attachment?.id === file.id)!;
    expect(question.attachment).toMatchObject({ fileName: 'Bản vẽ nhà.pdf' });
    const got = await raw({
      method: 'GET',
      path: `/questions/${question.id}/attachment`,
      host: SAIGON,
      headers: { authorization: `Bearer ${tokens['head.saigon']}` },
    });
    expect(got.status).toBe(200);
    expect(createHash('sha256').update(got.body).digest('hex')).toBe(
      createHash('sha256').update(TINY_PDF).digest('hex'),
    );
    expect(got.headers['cache-control']).toBe('private, no-store');
    // Private: not anonymously, not by another portal's officer, not through the public attachment path.
    const anonymous = await raw({
      method: 'GET',
      path: `/questions/${question.id}/attachment`,
      host: SAIGON,
    });
    expect(anonymous.status).toBe(401);
    const other = await raw({
      method: 'GET',
      path: `/questions/${question.id}/attachment`,
      host: BENTHANH,
      headers: { authorization: `Bearer ${tokens['head.benthanh']}` },
    });
    expect(other.status).toBe(404);
    expect((await raw({ method: 'GET', path: `/attachments/${file.id}`, host: SAIGON })).status).toBe(404);
  });

  it('refuses what is not an accepted type, a filled honeypot, and a flooding address', async () => {
    const html = await send(
      SAIGON,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'x.pdf',
      {},
      '192.0.2.20',
    );
    expect(html.status).toBe(415);
    expect(JSON.parse(html.body.toString('utf8')).errors[0].extensions.code).toBe('UNSUPPORTED_TYPE');
    const robot = await send(SAIGON, TINY_PDF, 'a.pdf', { website: 'http://spam' }, '192.0.2.21');
    expect(robot.status).toBe(400);
    expect(JSON.parse(robot.body.toString('utf8')).errors[0].extensions).toMatchObject({
      code: 'REJECTED',
      field: 'website',
    });
    const statuses: number[] = [];
    let limited: Raw | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await send(SAIGON, TINY_PDF, `f${i}.pdf`, {}, '192.0.2.30');
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(limited?.headers['retry-after']).toMatch(/^\d+$/);
    const rows = await db.query(
      `SELECT count(*)::int AS n FROM question_attachments WHERE file_name LIKE 'f%.pdf'`,
    );
    expect(rows.rows[0].n).toBe(6);
  });
});
