import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { EngagementClock } from '../libs/engagement/src/consultations/engagement-clock';
import { systemContext } from '../libs/platform/src';
import { RestructuringService } from '../libs/tenancy/src';
import { openDatabase, previewedPlan } from './support/fixtures';
import { dataOf } from './support/gql';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Polls (thăm dò ý kiến): the board or the operator opens one; anyone votes once per poll from an
 * address, behind the public write gate; results show after voting or after closing as the poll
 * says; withdrawn polls leave the public side but stay stored; other portals see nothing of them;
 * a merge carries them. Client addresses come from X-Forwarded-For (the app trusts the proxy here).
 */
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const POLL_FIELDS = `id question state resultsShown voted totalVotes options { id label votes }`;
const CREATE = `mutation($i: CreatePollInput!) { createPoll(input: $i) {
  __typename ... on Poll { ${POLL_FIELDS} } ... on InputError { errorCode field messageVi messageEn } } }`;
const VOTE = `mutation($i: VotePollInput!) { votePoll(input: $i) {
  __typename ... on Poll { ${POLL_FIELDS} } ... on InputError { errorCode field } } }`;
const CLOSE = `mutation($id: ID!) { closePoll(id: $id) { __typename ... on Poll { state resultsShown } ... on InputError { errorCode field } } }`;
const WITHDRAW = `mutation($id: ID!, $r: String!) { withdrawPoll(id: $id, reason: $r) {
  __typename ... on Poll { state } ... on InputError { errorCode field } } }`;
const LIST = `{ polls { ${POLL_FIELDS} } }`;
const ONE = `query($id: ID!) { poll(id: $id) { ${POLL_FIELDS} } }`;

type PollOut = {
  __typename: string;
  id: string;
  question: string;
  state: string;
  resultsShown: boolean;
  voted: boolean | null;
  totalVotes: number | null;
  options: Array<{ id: string; label: string; votes: number | null }>;
  errorCode?: string;
  field?: string;
  messageVi?: string;
  messageEn?: string;
};

const NOW = new Date('2026-12-10T03:00:00.000Z');
const input = (extra: Record<string, unknown> = {}) => ({
  questionVi: 'Bạn có hài lòng với giờ làm việc của bộ phận một cửa?',
  questionEn: 'Are you satisfied with the one-stop office hours?',
  options: [
    { labelVi: 'Hài lòng', labelEn: 'Satisfied' },
    { labelVi: 'Bình thường', labelEn: 'Neutral' },
    { labelVi: 'Chưa hài lòng', labelEn: 'Not satisfied' },
  ],
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-31T00:00:00Z',
  ...extra,
});

describe('polls', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  beforeAll(async () => {
    t = await startTestApp({
      trustProxy: true,
      publicWrites: { perAddress: 1000, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    t.app.get(EngagementClock).now = () => NOW;
    db = await openDatabase(t);
    tokens.member = await t.asUser('member.saigon', Role.BOARD_MEMBER, SAIGON);
    tokens.operator = await t.asUser('operator.saigon', Role.OPERATOR, SAIGON);
    tokens.writer = await t.asUser('writer.saigon', Role.CONTRIBUTOR, SAIGON);
    tokens.memberBenthanh = await t.asUser('member.benthanh', Role.BOARD_MEMBER, BENTHANH);
    tokens.headTandinh = await t.asUser('head.tandinh', Role.BOARD_HEAD, TANDINH);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const create = async (host: string, token: string, extra: Record<string, unknown> = {}) =>
    dataOf(await t.gql<{ createPoll: PollOut }>(host, CREATE, { i: input(extra) }, { token })).createPoll;
  const vote = async (host: string, pollId: string, optionId: string, ip: string) =>
    dataOf(
      await t.gql<{ votePoll: PollOut }>(
        host,
        VOTE,
        { i: { pollId, optionId, proof: { website: '' } } },
        from(ip),
      ),
    ).votePoll;
  const one = async (host: string, id: string, ip = '198.51.100.1', token?: string) =>
    dataOf(await t.gql<{ poll: PollOut | null }>(host, ONE, { id }, { ...from(ip), token })).poll;

  it('a board member opens a poll; a contributor may not; bad drafts are refused on their field', async () => {
    const poll = await create(SAIGON, tokens.member);
    expect(poll).toMatchObject({ __typename: 'Poll', state: 'OPEN', totalVotes: 0 });
    expect(poll.options.map((o) => o.label)).toEqual(['Hài lòng', 'Bình thường', 'Chưa hài lòng']);

    const refused = await t.gql(SAIGON, CREATE, { i: input() }, { token: tokens.writer });
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(SAIGON, CREATE, { i: input() });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const one = await create(SAIGON, tokens.member, { options: [{ labelVi: 'Chỉ một' }] });
    expect(one).toMatchObject({ errorCode: 'INVALID_OPTIONS', field: 'options' });
    expect(one.messageVi).toContain('lựa chọn');
    expect(one.messageEn).toContain('options');
    const dates = await create(SAIGON, tokens.member, { closesAt: '2026-11-01T00:00:00Z' });
    expect(dates).toMatchObject({ errorCode: 'INVALID_DATE', field: 'closesAt' });
    const dup = await create(SAIGON, tokens.operator, { options: [{ labelVi: 'Có' }, { labelVi: 'có ' }] });
    expect(dup).toMatchObject({ errorCode: 'DUPLICATE_OPTION', field: 'options.1.labelVi' });
    const marked = await create(SAIGON, tokens.operator, {
      questionVi: '<b>Ý kiến</b> &lt;img src=x&gt; của bạn?',
    });
    expect(marked.question).not.toMatch(/[<>]/);
    // Nothing half-written by the refusals: the two good polls only.
    const { rows } = await db.query('SELECT count(*)::int AS n FROM polls');
    expect(rows[0].n).toBe(2);
  });

  it('one vote per address; results after voting; another address sees none until it votes', async () => {
    const poll = await create(SAIGON, tokens.member);
    const before = await one(SAIGON, poll.id, '198.51.100.7');
    expect(before).toMatchObject({ resultsShown: false, voted: false, totalVotes: null });
    expect(before!.options.every((o) => o.votes === null)).toBe(true);

    const voted = await vote(SAIGON, poll.id, poll.options[0].id, '198.51.100.7');
    expect(voted).toMatchObject({ __typename: 'Poll', voted: true, resultsShown: true, totalVotes: 1 });
    expect(voted.options.map((o) => o.votes)).toEqual([1, 0, 0]);
    const again = await vote(SAIGON, poll.id, poll.options[1].id, '198.51.100.7');
    expect(again).toMatchObject({ errorCode: 'ALREADY_VOTED', field: 'pollId' });

    const other = await one(SAIGON, poll.id, '198.51.100.8');
    expect(other).toMatchObject({ resultsShown: false, voted: false });
    await vote(SAIGON, poll.id, poll.options[2].id, '198.51.100.8');
    const after = await one(SAIGON, poll.id, '198.51.100.8');
    expect(after!.options.map((o) => o.votes)).toEqual([1, 0, 1]);
    // The address is not stored, only a keyed hash of it per poll.
    const { rows } = await db.query('SELECT address_hash FROM poll_votes WHERE poll_id = $1', [poll.id]);
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('198.51.100');
    // Officers see the counts without voting.
    const officer = await one(SAIGON, poll.id, '198.51.100.99', tokens.operator);
    expect(officer).toMatchObject({ resultsShown: true, totalVotes: 2 });
  });

  it('a vote or a poll sent again with the same Idempotency-Key is stored once and answered the same', async () => {
    const poll = await create(SAIGON, tokens.member);
    const headers = { 'x-forwarded-for': '198.51.100.60', 'idempotency-key': 'vote-retry-0001' };
    const send = () =>
      t.gql<{ votePoll: PollOut }>(
        SAIGON,
        VOTE,
        { i: { pollId: poll.id, optionId: poll.options[2].id, proof: { website: '' } } },
        { headers },
      );
    const first = dataOf(await send()).votePoll;
    const again = dataOf(await send()).votePoll;
    expect(first).toMatchObject({ __typename: 'Poll', voted: true, totalVotes: 1 });
    expect(again).toEqual(first);
    const made = async () =>
      dataOf(
        await t.gql<{ createPoll: PollOut }>(
          SAIGON,
          CREATE,
          { i: input({ questionVi: 'Một lần thôi?' }) },
          {
            token: tokens.member,
            headers: { 'idempotency-key': 'poll-create-0001' },
          },
        ),
      ).createPoll;
    const p1 = await made();
    const p2 = await made();
    expect(p2.id).toBe(p1.id);
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM polls WHERE question_vi = 'Một lần thôi?'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('AFTER_CLOSE keeps results hidden until the poll is closed; a closed poll takes no vote', async () => {
    const poll = await create(SAIGON, tokens.member, { resultsVisibility: 'AFTER_CLOSE' });
    const voted = await vote(SAIGON, poll.id, poll.options[1].id, '198.51.100.20');
    expect(voted).toMatchObject({ voted: true, resultsShown: false, totalVotes: null });
    const closed = dataOf(
      await t.gql<{ closePoll: PollOut }>(SAIGON, CLOSE, { id: poll.id }, { token: tokens.member }),
    ).closePoll;
    expect(closed).toMatchObject({ state: 'CLOSED', resultsShown: true });
    const anyone = await one(SAIGON, poll.id, '198.51.100.21');
    expect(anyone).toMatchObject({ state: 'CLOSED', resultsShown: true, totalVotes: 1 });
    expect(anyone!.options.map((o) => o.votes)).toEqual([0, 1, 0]);
    const late = await vote(SAIGON, poll.id, poll.options[0].id, '198.51.100.22');
    expect(late).toMatchObject({ errorCode: 'POLL_NOT_OPEN', field: 'pollId' });
    const twice = dataOf(
      await t.gql<{ closePoll: PollOut }>(SAIGON, CLOSE, { id: poll.id }, { token: tokens.member }),
    ).closePoll;
    expect(twice).toMatchObject({ errorCode: 'POLL_NOT_OPEN' });
  });

  it('an upcoming poll takes no vote; an option of another poll is refused', async () => {
    const upcoming = await create(SAIGON, tokens.member, { opensAt: '2026-12-20T00:00:00Z' });
    expect(upcoming.state).toBe('UPCOMING');
    expect(await vote(SAIGON, upcoming.id, upcoming.options[0].id, '198.51.100.30')).toMatchObject({
      errorCode: 'POLL_NOT_OPEN',
    });
    const open = await create(SAIGON, tokens.member);
    expect(await vote(SAIGON, open.id, upcoming.options[0].id, '198.51.100.30')).toMatchObject({
      errorCode: 'INVALID_OPTION',
      field: 'optionId',
    });
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM poll_votes WHERE poll_id = ANY($1::uuid[])',
      [[upcoming.id, open.id]],
    );
    expect(rows[0].n).toBe(0);
  });

  it("another portal neither shows, takes votes for, nor closes a portal's poll", async () => {
    const poll = await create(SAIGON, tokens.member);
    const list = dataOf(await t.gql<{ polls: PollOut[] }>(BENTHANH, LIST)).polls;
    expect(list.map((p) => p.id)).not.toContain(poll.id);
    expect(await one(BENTHANH, poll.id)).toBeNull();
    expect(await vote(BENTHANH, poll.id, poll.options[0].id, '198.51.100.40')).toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    // Another ward's board member, through either host.
    for (const host of [BENTHANH, SAIGON]) {
      const res = await t.gql<{ closePoll: PollOut }>(
        host,
        CLOSE,
        { id: poll.id },
        { token: tokens.memberBenthanh },
      );
      const out = res.body.data?.closePoll;
      const code = out?.errorCode ?? res.body.errors?.[0].extensions?.code;
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code);
    }
    expect((await one(SAIGON, poll.id))!.state).toBe('OPEN');
  });

  it('a withdrawn poll leaves the public side with its reason recorded, and stays stored', async () => {
    const poll = await create(SAIGON, tokens.member);
    const noReason = dataOf(
      await t.gql<{ withdrawPoll: PollOut }>(
        SAIGON,
        WITHDRAW,
        { id: poll.id, r: ' ' },
        { token: tokens.member },
      ),
    ).withdrawPoll;
    expect(noReason).toMatchObject({ errorCode: 'REASON_REQUIRED', field: 'reason' });
    const gone = dataOf(
      await t.gql<{ withdrawPoll: PollOut }>(
        SAIGON,
        WITHDRAW,
        { id: poll.id, r: 'Câu hỏi chưa rõ ràng' },
        { token: tokens.member },
      ),
    ).withdrawPoll;
    expect(gone.state).toBe('WITHDRAWN');
    expect(await one(SAIGON, poll.id)).toBeNull();
    const list = dataOf(await t.gql<{ polls: PollOut[] }>(SAIGON, LIST)).polls;
    expect(list.map((p) => p.id)).not.toContain(poll.id);
    const { rows } = await db.query('SELECT withdrawn_reason FROM polls WHERE id = $1', [poll.id]);
    expect(rows[0].withdrawn_reason).toBe('Câu hỏi chưa rõ ràng');
    const audit = await db.query('SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY occurred_at', [
      poll.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['poll.created', 'poll.withdrawn']);
  });

  it('a merge carries a portal’s polls and votes to the target, whose board then closes them', async () => {
    const poll = await create(BENTHANH, tokens.memberBenthanh);
    await vote(BENTHANH, poll.id, poll.options[0].id, '198.51.100.50');
    const restructuring = t.app.get(RestructuringService);
    const sys = systemContext('test');
    const [ward, target] = [t.tenant(BENTHANH).id, t.tenant(TANDINH).id];
    const preview = await restructuring.mergePreview(sys, [ward], target);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.counts.find((c) => c.participant === 'polls')!.counts).toEqual({
      polls: 1,
      pollVotes: 1,
    });
    const merged = await restructuring.merge(sys, [ward], target, previewedPlan(preview.value));
    if (!merged.ok) throw new Error(merged.error.code);
    const moved = await one(TANDINH, poll.id, '198.51.100.50');
    expect(moved).toMatchObject({ voted: true, totalVotes: 1 });
    const closed = dataOf(
      await t.gql<{ closePoll: PollOut }>(TANDINH, CLOSE, { id: poll.id }, { token: tokens.headTandinh }),
    ).closePoll;
    expect(closed.state).toBe('CLOSED');
  });
});
