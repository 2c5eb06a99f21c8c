import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../libs/access/src';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { dataOf } from './support/gql';
import { GqlResponse, SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Online dialogues (giao lưu trực tuyến, 05/2024/QĐ-UBND art. 8.5): the board schedules a session
 * with its guests, opens it for questions, takes it live; citizens ask through the public write
 * gate and get a tracking code; the board selects (editing the displayed text, the original kept)
 * or rejects with a reason, and records the guests' answers, published at once; ending drafts the
 * transcript item, whose publication through the editorial workflow marks the session and links
 * it. Bad input is refused on its field; after the end nobody asks; other portals, anonymous
 * callers and contributors moderate nothing; a merge carries the rows.
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';
const HOUR = 3600 * 1000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();

const ERR = `... on InputError { errorCode field messageVi messageEn }`;
const GUEST = `id kind name jobTitle unit`;
const QUESTION = `id dialogueId trackingCode status askerName email phone text displayText guestId answer rejectReason answeredAt`;
const DIALOGUE = `id tenantId state title titleVi titleEn topicVi place startsAt endsAt cancelReason transcriptItemId
  guests { ${GUEST} } questions { ${QUESTION} }`;
const SCHEDULE = `mutation($i: DialogueInput!) { scheduleDialogue(input: $i) { __typename ... on Dialogue { ${DIALOGUE} } ${ERR} } }`;
const UPDATE = `mutation($id: ID!, $i: DialogueInput!) { updateDialogue(id: $id, input: $i) { __typename ... on Dialogue { ${DIALOGUE} } ${ERR} } }`;
const STEP = `mutation($id: ID!, $s: DialogueStep!, $r: String) { transitionDialogue(id: $id, step: $s, reason: $r) {
  __typename ... on Dialogue { ${DIALOGUE} } ${ERR} } }`;
const ONE = `query($id: ID!) { dialogue(id: $id) { ${DIALOGUE} } }`;
const LIST = `query { dialogues(first: 50) { nodes { id state guests { name } questions { id } } hasNextPage } }`;
const ASK = `mutation($i: AskDialogueQuestionInput!) { askDialogueQuestion(input: $i) {
  __typename ... on DialogueQuestionReceipt { trackingCode receivedAt } ${ERR} } }`;
const SELECT = `mutation($id: ID!, $i: SelectDialogueQuestionInput) { selectDialogueQuestion(id: $id, input: $i) {
  __typename ... on DialogueQuestion { ${QUESTION} } ${ERR} } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectDialogueQuestion(id: $id, reason: $r) {
  __typename ... on DialogueQuestion { ${QUESTION} } ${ERR} } }`;
const ANSWER = `mutation($id: ID!, $a: String!, $g: ID) { answerDialogueQuestion(id: $id, answer: $a, guestId: $g) {
  __typename ... on DialogueQuestion { ${QUESTION} } ${ERR} } }`;
const PUBLIC = `query($id: ID!) { publicDialogue(id: $id) { id state title place guests { name jobTitle unit }
  answers { id askerName question answer guestName guestJobTitle } transcriptSlug } }`;
const PUBLIC_LIST = `query { publicDialogues { id state title } }`;
const TRACK = `query($c: String!) { dialogueQuestionStatus(trackingCode: $c) { trackingCode dialogueId status rejectReason answeredAt } }`;

type Any = Record<string, any>;

const session = (extra: Any = {}) => ({
  titleVi: 'Giao lưu trực tuyến về chuyển đổi số trong thủ tục hành chính',
  titleEn: 'Online dialogue on digital transformation of administrative procedures',
  topicVi:
    'Lãnh đạo phường trả lời câu hỏi của người dân về dịch vụ công trực tuyến.\n\nMời bạn gửi câu hỏi.',
  topicEn: 'The ward’s leaders answer residents’ questions on online public services.',
  place: 'Hội trường UBND phường Sài Gòn',
  startsAt: iso(2 * HOUR),
  endsAt: iso(4 * HOUR),
  guests: [
    { kind: 'LEADER', name: 'Nguyễn Văn An', jobTitle: 'Chủ tịch UBND phường', unit: 'UBND phường Sài Gòn' },
    { kind: 'EXPERT', name: 'Trần Thị Bích', jobTitle: 'Chuyên viên', unit: 'Trung tâm Chuyển đổi số' },
  ],
  ...extra,
});

const question = (dialogueId: string, extra: Any = {}) => ({
  dialogueId,
  name: 'Lê Văn Cường',
  email: 'cuong.lv@example.vn',
  text: 'Thủ tục đăng ký tạm trú có làm trực tuyến được không, cần giấy tờ gì?',
  proof: { website: '' },
  ...extra,
});

describe('engagement: online dialogues', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({
      trustProxy: true,
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    tokens.member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    tokens.head = await t.asUser('head.saigon', Role.BOARD_HEAD, SAIGON);
    tokens.writer = await t.asUser('writer.saigon', Role.CONTRIBUTOR, SAIGON);
    tokens.operator = await t.asUser('operator.saigon', Role.OPERATOR, SAIGON);
    tokens.memberBenthanh = await t.asUser('member.benthanh', Role.BOARD_MEMBER, BENTHANH);
    tokens.memberTandinh = await t.asUser('member.tandinh', Role.BOARD_MEMBER, TANDINH);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const schedule = async (host: string, token: string, extra: Any = {}) =>
    dataOf(await t.gql<{ scheduleDialogue: Any }>(host, SCHEDULE, { i: session(extra) }, { token }))
      .scheduleDialogue;
  const step = async (host: string, token: string, id: string, s: string, r: string | null = null) =>
    dataOf(await t.gql<{ transitionDialogue: Any }>(host, STEP, { id, s, r }, { token })).transitionDialogue;
  const ask = async (host: string, dialogueId: string, extra: Any = {}, ip = '198.51.100.10') =>
    dataOf(
      await t.gql<{ askDialogueQuestion: Any }>(
        host,
        ASK,
        { i: question(dialogueId, extra) },
        { headers: { 'x-forwarded-for': ip } },
      ),
    ).askDialogueQuestion;
  const view = async (host: string, token: string, id: string) =>
    dataOf(await t.gql<{ dialogue: Any }>(host, ONE, { id }, { token })).dialogue;
  const pub = async (host: string, id: string) =>
    dataOf(await t.gql<{ publicDialogue: Any }>(host, PUBLIC, { id })).publicDialogue;
  const count = async (table: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const transition = async (itemId: string, action: string, token: string) => {
    const r = await t.gql(
      SAIGON,
      `mutation { transitionContent(itemId: "${itemId}", action: ${action}) { __typename ... on InputError { errorCode } } }`,
      undefined,
      { token },
    );
    expect(r.body.data?.transitionContent).toEqual({ __typename: 'ContentItem' });
  };

  it('schedule, open, ask, select with an edited text, answer live, end: the transcript item is drafted, published and linked', async () => {
    const d = await schedule(SAIGON, tokens.member);
    expect(d).toMatchObject({ __typename: 'Dialogue', state: 'SCHEDULED', tenantId: t.tenant(SAIGON).id });
    expect(d.guests.map((g: Any) => g.name)).toEqual(['Nguyễn Văn An', 'Trần Thị Bích']);
    // Announced but not yet taking questions.
    expect(await ask(SAIGON, d.id)).toMatchObject({ errorCode: 'DIALOGUE_NOT_OPEN', field: 'dialogueId' });

    expect(await step(SAIGON, tokens.member, d.id, 'OPEN_QUESTIONS')).toMatchObject({ state: 'OPEN' });
    const receipt = await ask(SAIGON, d.id);
    expect(receipt.trackingCode).toMatch(/^GL-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const other = await ask(SAIGON, d.id, {
      name: 'Phạm Thị Dung',
      email: null,
      phone: '0912 345 678',
      text: 'Xin hỏi phường có hỗ trợ người cao tuổi nộp hồ sơ trực tuyến không?',
    });
    const spam = await ask(SAIGON, d.id, {
      name: 'Ẩn danh',
      email: null,
      text: 'Câu hỏi không liên quan đến chủ đề buổi giao lưu.',
    });
    expect(spam.__typename).toBe('DialogueQuestionReceipt');

    // The board sees the queue, with the contacts (kept from the public).
    const queue = (await view(SAIGON, tokens.member, d.id)).questions as Any[];
    expect(queue.map((q) => q.status)).toEqual(['RECEIVED', 'RECEIVED', 'RECEIVED']);
    const [q1, q2, q3] = queue;
    expect(q1).toMatchObject({
      trackingCode: receipt.trackingCode,
      email: 'cuong.lv@example.vn',
      askerName: 'Lê Văn Cường',
    });
    expect(q2).toMatchObject({ trackingCode: other.trackingCode, phone: '0912345678', email: null });
    const stored = await db.query('SELECT address_hash FROM dialogue_questions WHERE id = $1', [q1.id]);
    expect(stored.rows[0].address_hash).not.toContain('198.51.100.10');
    expect(stored.rows[0].address_hash.length).toBeGreaterThan(20);

    const [leader, expert] = d.guests;
    const selected = dataOf(
      await t.gql<{ selectDialogueQuestion: Any }>(
        SAIGON,
        SELECT,
        {
          id: q1.id,
          i: { displayText: 'Thủ tục đăng ký tạm trú có làm trực tuyến được không?', guestId: leader.id },
        },
        { token: tokens.member },
      ),
    ).selectDialogueQuestion;
    expect(selected).toMatchObject({
      status: 'SELECTED',
      guestId: leader.id,
      displayText: 'Thủ tục đăng ký tạm trú có làm trực tuyến được không?',
      text: 'Thủ tục đăng ký tạm trú có làm trực tuyến được không, cần giấy tờ gì?',
    });
    const rejected = dataOf(
      await t.gql<{ rejectDialogueQuestion: Any }>(
        SAIGON,
        REJECT,
        { id: q3.id, r: 'Không thuộc chủ đề buổi giao lưu.' },
        { token: tokens.member },
      ),
    ).rejectDialogueQuestion;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectReason: 'Không thuộc chủ đề buổi giao lưu.' });
    const tracked = dataOf(
      await t.gql<{ dialogueQuestionStatus: Any }>(SAIGON, TRACK, { c: spam.trackingCode.toLowerCase() }),
    ).dialogueQuestionStatus;
    expect(tracked).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'Không thuộc chủ đề buổi giao lưu.',
      dialogueId: d.id,
    });

    // Answers are recorded while live only.
    const early = dataOf(
      await t.gql<{ answerDialogueQuestion: Any }>(
        SAIGON,
        ANSWER,
        { id: q1.id, a: 'Được, qua Cổng dịch vụ công.' },
        { token: tokens.member },
      ),
    ).answerDialogueQuestion;
    expect(early).toMatchObject({ errorCode: 'DIALOGUE_NOT_LIVE', field: 'id' });

    expect(await step(SAIGON, tokens.member, d.id, 'START')).toMatchObject({ state: 'LIVE' });
    // Questions still come during the session.
    expect(
      (
        await ask(
          SAIGON,
          d.id,
          { text: 'Trong buổi giao lưu: lệ phí đăng ký tạm trú trực tuyến là bao nhiêu?' },
          '198.51.100.11',
        )
      ).__typename,
    ).toBe('DialogueQuestionReceipt');
    const answered = dataOf(
      await t.gql<{ answerDialogueQuestion: Any }>(
        SAIGON,
        ANSWER,
        {
          id: q1.id,
          a: 'Được. Người dân nộp hồ sơ trên Cổng dịch vụ công quốc gia.\n\nHồ sơ gồm tờ khai và giấy tờ chứng minh chỗ ở.',
        },
        { token: tokens.member },
      ),
    ).answerDialogueQuestion;
    expect(answered).toMatchObject({ status: 'ANSWERED', guestId: leader.id });
    // Selected and answered in one go by the board head, to the expert.
    dataOf(await t.gql(SAIGON, SELECT, { id: q2.id, i: { guestId: expert.id } }, { token: tokens.head }));
    dataOf(
      await t.gql(
        SAIGON,
        ANSWER,
        { id: q2.id, a: 'Có. Bộ phận một cửa hỗ trợ người cao tuổi.', g: expert.id },
        { token: tokens.head },
      ),
    );

    const live = await pub(SAIGON, d.id);
    expect(live.state).toBe('LIVE');
    expect(live.answers.map((a: Any) => a.question)).toEqual([
      'Thủ tục đăng ký tạm trú có làm trực tuyến được không?',
      'Xin hỏi phường có hỗ trợ người cao tuổi nộp hồ sơ trực tuyến không?',
    ]);
    expect(live.answers[0]).toMatchObject({
      askerName: 'Lê Văn Cường',
      guestName: 'Nguyễn Văn An',
      guestJobTitle: 'Chủ tịch UBND phường',
    });
    const publicText = JSON.stringify(live);
    for (const secret of ['cuong.lv@example.vn', '0912345678', 'cần giấy tờ gì', 'Không thuộc chủ đề'])
      expect(publicText).not.toContain(secret);

    // Ending drafts the transcript; nobody asks any more.
    const ended = await step(SAIGON, tokens.member, d.id, 'END');
    expect(ended).toMatchObject({ state: 'ENDED' });
    expect(ended.transcriptItemId).toBeTruthy();
    expect(await ask(SAIGON, d.id, {}, '198.51.100.12')).toMatchObject({
      errorCode: 'DIALOGUE_NOT_OPEN',
      field: 'dialogueId',
    });
    const item = await db.query(
      `SELECT i.kind, i.tenant_id, r.title, r.body_html, s.status FROM content_items i JOIN content_revisions r ON r.item_id = i.id
         JOIN editorial_states s ON s.revision_id = r.id WHERE i.id = $1`,
      [ended.transcriptItemId],
    );
    expect(item.rows[0]).toMatchObject({ kind: 'NEWS', tenant_id: t.tenant(SAIGON).id, status: 'DRAFT' });
    expect(item.rows[0].title).toContain('Giao lưu trực tuyến về chuyển đổi số');
    const body = item.rows[0].body_html as string;
    for (const part of [
      'Nguyễn Văn An',
      'Trần Thị Bích',
      'Thủ tục đăng ký tạm trú có làm trực tuyến được không?',
      'Hồ sơ gồm tờ khai',
      'Bộ phận một cửa',
    ])
      expect(body).toContain(part);
    // In the order answered; nothing of the rejected one, nor anyone's contact.
    expect(body.indexOf('tạm trú')).toBeLessThan(body.indexOf('người cao tuổi'));
    for (const secret of ['cuong.lv@example.vn', 'Câu hỏi không liên quan'])
      expect(body).not.toContain(secret);
    expect((await pub(SAIGON, d.id)).transcriptSlug).toBeNull();

    // Through the editorial workflow like any item; its publication marks the session.
    await transition(ended.transcriptItemId, 'SUBMIT', tokens.member);
    await transition(ended.transcriptItemId, 'TAKE_FOR_REVIEW', tokens.member);
    await transition(ended.transcriptItemId, 'APPROVE', tokens.head);
    await transition(ended.transcriptItemId, 'PUBLISH', tokens.member);
    const done = await pub(SAIGON, d.id);
    expect(done.state).toBe('TRANSCRIPT_PUBLISHED');
    expect(done.transcriptSlug).toBeTruthy();
    const article = await t.http({ host: SAIGON, path: `/bai-viet/${done.transcriptSlug}` });
    expect(article.status).toBe(200);
    expect(article.text).toContain('Hồ sơ gồm tờ khai');
    const page = await t.http({ host: SAIGON, path: `/giao-luu/${d.id}` });
    expect(page.text).toContain(`href="/bai-viet/${done.transcriptSlug}"`);

    const audit = await db.query(
      'SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at, id',
      [d.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'dialogue.scheduled',
      'dialogue.open_questions',
      'dialogue.start',
      'dialogue.end',
      'dialogue.transcriptPublished',
    ]);
    const qAudit = await db.query(
      'SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at, id',
      [q1.id],
    );
    expect(qAudit.rows.map((r) => r.action)).toEqual(['dialogueQuestion.select', 'dialogueQuestion.answer']);
    // Nothing was deleted: every question is still there, the rejected one with its reason.
    expect(
      Number(
        (await db.query('SELECT count(*) AS n FROM dialogue_questions WHERE dialogue_id = $1', [d.id]))
          .rows[0].n,
      ),
    ).toBe(4);
  });

  it('bad input is refused on its field in Vietnamese and English, and nothing is written', async () => {
    const before = [await count('dialogue_sessions'), await count('dialogue_guests')];
    const bad: Array<[Any, string, string]> = [
      [{ endsAt: iso(1 * HOUR) }, 'ENDS_BEFORE_START', 'endsAt'],
      [{ guests: [] }, 'GUESTS_REQUIRED', 'guests'],
      [{ titleVi: '  ' }, 'TITLE_VI_REQUIRED', 'titleVi'],
      [{ place: 'x' }, 'TOO_SHORT', 'place'],
      [
        { guests: [{ kind: 'LEADER', name: 'A', jobTitle: 'Chủ tịch', unit: 'UBND' }] },
        'TOO_SHORT',
        'guests.0.name',
      ],
    ];
    for (const [extra, code, field] of bad) {
      const r = await schedule(SAIGON, tokens.member, extra);
      expect(r).toMatchObject({ __typename: 'InputError', errorCode: code, field });
      expect(r.messageVi).not.toEqual(r.messageEn);
      expect(r.messageVi.length).toBeGreaterThan(5);
    }
    expect([await count('dialogue_sessions'), await count('dialogue_guests')]).toEqual(before);

    const d = await schedule(SAIGON, tokens.member);
    const cancel = await step(SAIGON, tokens.member, d.id, 'CANCEL', ' ');
    expect(cancel).toMatchObject({ errorCode: 'REASON_REQUIRED', field: 'reason' });
    expect(await step(SAIGON, tokens.member, d.id, 'END')).toMatchObject({
      errorCode: 'INVALID_TRANSITION',
      field: 'action',
    });
    await step(SAIGON, tokens.member, d.id, 'OPEN_QUESTIONS');
    const qBefore = await count('dialogue_questions');
    expect(await ask(SAIGON, d.id, { text: 'Ngắn' })).toMatchObject({
      errorCode: 'TOO_SHORT',
      field: 'text',
    });
    expect(await ask(SAIGON, d.id, { name: '' })).toMatchObject({
      errorCode: 'NAME_REQUIRED',
      field: 'name',
    });
    expect(await ask(SAIGON, d.id, { email: 'khong-hop-le' })).toMatchObject({
      errorCode: 'INVALID_EMAIL',
      field: 'email',
    });
    expect(await ask(SAIGON, d.id, { phone: '12345' })).toMatchObject({
      errorCode: 'INVALID_PHONE',
      field: 'phone',
    });
    expect(await ask(SAIGON, randomUUID())).toMatchObject({ errorCode: 'NOT_FOUND', field: 'dialogueId' });
    expect(await ask(SAIGON, d.id, { proof: { website: 'http://spam.example' } })).toMatchObject({
      errorCode: 'REJECTED',
      field: 'website',
    });
    expect(await count('dialogue_questions')).toBe(qBefore);

    // One address sends a few questions to a session, then is told so on the text.
    for (let i = 0; i < 5; i++)
      expect(
        (await ask(SAIGON, d.id, { text: `Câu hỏi số ${i + 1} của cùng một người gửi.` }, '203.0.113.50'))
          .__typename,
      ).toBe('DialogueQuestionReceipt');
    expect(
      await ask(SAIGON, d.id, { text: 'Câu hỏi thứ sáu của cùng một người gửi.' }, '203.0.113.50'),
    ).toMatchObject({
      errorCode: 'TOO_MANY_QUESTIONS',
      field: 'text',
    });
    expect(
      (await ask(SAIGON, d.id, { text: 'Câu hỏi của một người khác, địa chỉ khác.' }, '203.0.113.51'))
        .__typename,
    ).toBe('DialogueQuestionReceipt');

    const q = (await view(SAIGON, tokens.member, d.id)).questions[0];
    await step(SAIGON, tokens.member, d.id, 'START');
    // Selected without a guest: the answer must name one.
    const noGuest = dataOf(
      await t.gql<{ selectDialogueQuestion: Any }>(
        SAIGON,
        SELECT,
        { id: q.id, i: {} },
        { token: tokens.member },
      ),
    ).selectDialogueQuestion;
    expect(noGuest).toMatchObject({ status: 'SELECTED', guestId: null });
    const answer = dataOf(
      await t.gql<{ answerDialogueQuestion: Any }>(
        SAIGON,
        ANSWER,
        { id: q.id, a: 'Trả lời mà chưa chọn khách mời.' },
        { token: tokens.member },
      ),
    ).answerDialogueQuestion;
    expect(answer).toMatchObject({ errorCode: 'GUEST_REQUIRED', field: 'guestId' });
    const wrongGuest = dataOf(
      await t.gql<{ answerDialogueQuestion: Any }>(
        SAIGON,
        ANSWER,
        { id: q.id, a: 'Trả lời.', g: randomUUID() },
        { token: tokens.member },
      ),
    ).answerDialogueQuestion;
    expect(wrongGuest).toMatchObject({ errorCode: 'GUEST_NOT_FOUND', field: 'guestId' });
    const reject = dataOf(
      await t.gql<{ rejectDialogueQuestion: Any }>(
        SAIGON,
        REJECT,
        { id: q.id, r: '' },
        { token: tokens.member },
      ),
    ).rejectDialogueQuestion;
    expect(reject).toMatchObject({ errorCode: 'REASON_REQUIRED', field: 'reason' });
    // An edit keeps a guest by id, adds one, and marks the one left out removed (never deleted).
    const edited = dataOf(
      await t.gql<{ updateDialogue: Any }>(
        SAIGON,
        UPDATE,
        {
          id: d.id,
          i: session({
            place: 'Nhà văn hóa phường',
            guests: [
              {
                id: d.guests[1].id,
                kind: 'EXPERT',
                name: 'Trần Thị Bích',
                jobTitle: 'Phó Giám đốc',
                unit: 'Trung tâm Chuyển đổi số',
              },
              {
                kind: 'LEADER',
                name: 'Hoàng Văn Em',
                jobTitle: 'Phó Chủ tịch UBND phường',
                unit: 'UBND phường Sài Gòn',
              },
            ],
          }),
        },
        { token: tokens.member },
      ),
    ).updateDialogue;
    expect(edited.place).toBe('Nhà văn hóa phường');
    expect(edited.guests.map((g: Any) => [g.name, g.jobTitle])).toEqual([
      ['Trần Thị Bích', 'Phó Giám đốc'],
      ['Hoàng Văn Em', 'Phó Chủ tịch UBND phường'],
    ]);
    const removed = await db.query('SELECT removed_at FROM dialogue_guests WHERE id = $1', [d.guests[0].id]);
    expect(removed.rows[0].removed_at).not.toBeNull();
  });

  it('a retried schedule or step with its idempotency key is done once and answered the same', async () => {
    const before = await count('dialogue_sessions');
    const headers = { 'idempotency-key': `dialogue-${randomUUID()}` };
    // The same request (the same instants): a retry, not a new one.
    const input = session({ titleVi: 'Giao lưu gửi lại hai lần' });
    const send = () =>
      t.gql<{ scheduleDialogue: Any }>(SAIGON, SCHEDULE, { i: input }, { token: tokens.member, headers });
    const first = dataOf(await send()).scheduleDialogue;
    const again = dataOf(await send()).scheduleDialogue;
    expect(again).toMatchObject({ __typename: 'Dialogue', id: first.id });
    expect(await count('dialogue_sessions')).toBe(before + 1);
    const stepHeaders = { 'idempotency-key': `dialogue-step-${randomUUID()}` };
    const open = () =>
      t.gql<{ transitionDialogue: Any }>(
        SAIGON,
        STEP,
        { id: first.id, s: 'OPEN_QUESTIONS', r: null },
        { token: tokens.member, headers: stepHeaders },
      );
    expect(dataOf(await open()).transitionDialogue.state).toBe('OPEN');
    // The retry gets the first answer, not INVALID_TRANSITION from the state it moved to.
    expect(dataOf(await open()).transitionDialogue.state).toBe('OPEN');
  });

  it('another portal’s officers read and move nothing; anonymous callers and contributors moderate nothing', async () => {
    const d = await schedule(SAIGON, tokens.member, { titleVi: 'Giao lưu chỉ của phường Sài Gòn' });
    await step(SAIGON, tokens.member, d.id, 'OPEN_QUESTIONS');
    await ask(SAIGON, d.id, { email: 'rieng.tu@example.vn' });
    const q = (await view(SAIGON, tokens.member, d.id)).questions[0];
    const codeOf = (r: GqlResponse<Any>, field: string) =>
      r.body.data?.[field]?.errorCode ?? r.body.errors?.[0]?.extensions?.code;
    for (const host of [BENTHANH, SAIGON]) {
      const token = tokens.memberBenthanh;
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        codeOf(await t.gql(host, ONE, { id: d.id }, { token }), 'dialogue'),
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        codeOf(
          await t.gql(host, STEP, { id: d.id, s: 'CANCEL', r: 'Hủy trái phép' }, { token }),
          'transitionDialogue',
        ),
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        codeOf(await t.gql(host, UPDATE, { id: d.id, i: session() }, { token }), 'updateDialogue'),
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        codeOf(
          await t.gql(host, SELECT, { id: q.id, i: { guestId: d.guests[0].id } }, { token }),
          'selectDialogueQuestion',
        ),
      );
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
        codeOf(await t.gql(host, REJECT, { id: q.id, r: 'Không' }, { token }), 'rejectDialogueQuestion'),
      );
    }
    const listed = dataOf(
      await t.gql<{ dialogues: Any }>(BENTHANH, LIST, undefined, { token: tokens.memberBenthanh }),
    ).dialogues;
    expect(listed.nodes.map((n: Any) => n.id)).not.toContain(d.id);
    // The public reads answer on the session's own portal only.
    expect(await pub(BENTHANH, d.id)).toBeNull();
    expect(
      dataOf(await t.gql<{ publicDialogues: Any[] }>(BENTHANH, PUBLIC_LIST)).publicDialogues.map((x) => x.id),
    ).not.toContain(d.id);
    expect(await ask(BENTHANH, d.id)).toMatchObject({ errorCode: 'NOT_FOUND', field: 'dialogueId' });
    expect(
      dataOf(await t.gql<{ dialogueQuestionStatus: Any }>(BENTHANH, TRACK, { c: q.trackingCode }))
        .dialogueQuestionStatus,
    ).toBeNull();
    expect((await t.http({ host: BENTHANH, path: `/giao-luu/${d.id}` })).status).toBe(404);
    expect((await t.http({ host: BENTHANH, path: `/giao-luu/${d.id}/tra-loi` })).status).toBe(404);

    // Anonymous callers and contributors: refused before anything is read.
    for (const token of [undefined, tokens.writer]) {
      for (const [query, vars, field] of [
        [SELECT, { id: q.id, i: { guestId: d.guests[0].id } }, 'selectDialogueQuestion'],
        [REJECT, { id: q.id, r: 'Không' }, 'rejectDialogueQuestion'],
        [ANSWER, { id: q.id, a: 'Trả lời', g: d.guests[0].id }, 'answerDialogueQuestion'],
        [STEP, { id: d.id, s: 'START', r: null }, 'transitionDialogue'],
        [SCHEDULE, { i: session() }, 'scheduleDialogue'],
        [ONE, { id: d.id }, 'dialogue'],
      ] as const) {
        const r = await t.gql(SAIGON, query, vars, token ? { token } : {});
        expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(r.body.errors?.[0]?.extensions?.code);
        expect(r.body.data?.[field] ?? null).toBeNull();
      }
    }
    // The operator reads the sessions of the site it runs, and moderates nothing.
    expect((await view(SAIGON, tokens.operator, d.id)).id).toBe(d.id);
    const op = await t.gql(SAIGON, REJECT, { id: q.id, r: 'Không' }, { token: tokens.operator });
    expect(op.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const still = await db.query('SELECT status FROM dialogue_questions WHERE id = $1', [q.id]);
    expect(still.rows[0].status).toBe('RECEIVED');
    expect((await view(SAIGON, tokens.member, d.id)).state).toBe('OPEN');
  });

  it('a merge carries the sessions, guests, questions and answers to the target, whose board carries on', async () => {
    const d = await schedule(BENTHANH, tokens.memberBenthanh, {
      titleVi: 'Giao lưu của phường Bến Thành trước khi sáp nhập',
    });
    await step(BENTHANH, tokens.memberBenthanh, d.id, 'OPEN_QUESTIONS');
    const receipt = await ask(BENTHANH, d.id);
    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts.find((c) => c.participant === 'dialogues')!.counts).toEqual({
      dialogues: 1,
      dialogueQuestions: 1,
    });
    const merged = await restructuring.merge(sys, [ward], target, {
      categoryMapping: preview.value.plan.categoryMapping.map((c) => ({
        sourceCategoryId: c.sourceCategoryId,
        targetCategoryId: c.targetCategoryId,
      })),
      roleMapping: preview.value.plan.roleMapping.map((r) => ({
        assignmentId: r.assignmentId,
        action: r.action,
      })),
    });
    if (!merged.ok) throw new Error(merged.error.code);
    for (const table of ['dialogue_sessions', 'dialogue_guests', 'dialogue_questions']) {
      const rows = await db.query(
        `SELECT DISTINCT tenant_id FROM ${table} WHERE ${table === 'dialogue_sessions' ? 'id' : 'dialogue_id'} = $1`,
        [d.id],
      );
      expect(rows.rows).toEqual([{ tenant_id: target }]);
    }
    const there = await view(TANDINH, tokens.memberTandinh, d.id);
    expect(there).toMatchObject({ tenantId: target, state: 'OPEN' });
    expect(there.questions[0].trackingCode).toBe(receipt.trackingCode);
    expect((await pub(TANDINH, d.id)).title).toBe('Giao lưu của phường Bến Thành trước khi sáp nhập');
    const selected = dataOf(
      await t.gql<{ selectDialogueQuestion: Any }>(
        TANDINH,
        SELECT,
        { id: there.questions[0].id, i: { guestId: there.guests[0].id } },
        { token: tokens.memberTandinh },
      ),
    ).selectDialogueQuestion;
    expect(selected.status).toBe('SELECTED');
  });
});
