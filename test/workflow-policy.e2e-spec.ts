import { Role, RoleScope } from '../libs/access/src';
import { DeadlineService } from '../libs/calendar/src';
import { RemindersService } from '../libs/editorial/src';
import { systemContext } from '../libs/platform/src';
import { officer } from './support/fixtures';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Who approves is each portal's regulation's choice (its profile's `workflow`): by default the head
 * (or a deputy under delegation); on a portal following Decision 1376/QĐ-SVHTT (art. 11.2) a board
 * member also approves the items of its assigned fields, on that portal only, never its own.
 */

const STP = 'stp.hochiminhcity.gov.vn'; // hcmc-culture-sports-2017: members approve in their fields
const SAIGON = 'saigon.hochiminhcity.gov.vn'; // hcmc-2024: the head approves

const ITEM = `__typename ... on ContentItem { id working { status } } ... on InputError { errorCode field }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) { ${ITEM} } }`;
const HISTORY = `query($id: String!) { contentHistory(itemId: $id) { action actorAccountId delegated } }`;

interface Actor {
  id: string;
  token: string;
}

describe('who approves, as each portal’s regulation says', () => {
  let t: TestApp;
  const a: Record<string, Actor> = {};

  const actor = async (
    username: string,
    role: Role,
    host: string,
    fields: string[] = [],
    scope = RoleScope.TENANT,
  ) => {
    const { id, token } = await officer(t, username, host, [role], { scope, fields });
    return { id, token };
  };
  const step = async (who: Actor, host: string, id: string, action: string) =>
    (await t.gql(host, TRANSITION, { id, a: action }, { token: who.token })).body.data!
      .transitionContent as Record<string, any>;
  /** An item of `field` written by `writer` and taken for review by `reviewer`. */
  const inReview = async (host: string, writer: Actor, reviewer: Actor, field: string) => {
    const created = (
      await t.gql(
        host,
        CREATE,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            title: `Tin ${field} ${Math.random().toString(36).slice(2, 8)}`,
            bodyHtml: '<p>Nội dung.</p>',
            authorName: 'Phòng Văn hóa',
            source: 'Sở',
            field,
            fields: { eventDate: '2026-12-01' },
          },
        },
        { token: writer.token },
      )
    ).body.data!.createContent;
    expect(created.__typename).toBe('ContentItem');
    expect(await step(writer, host, created.id, 'SUBMIT')).toMatchObject({
      working: { status: 'SUBMITTED' },
    });
    expect(await step(reviewer, host, created.id, 'TAKE_FOR_REVIEW')).toMatchObject({
      working: { status: 'IN_REVIEW' },
    });
    return created.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    expect(
      (
        await t.app
          .get(DeadlineService)
          .assign(systemContext('test'), t.tenant(STP).id, 'hcmc-culture-sports-2017')
      ).ok,
    ).toBe(true);
    a.stpWriter = await actor('wp-stp-writer', Role.CONTRIBUTOR, STP);
    a.stpHead = await actor('wp-stp-head', Role.BOARD_HEAD, STP);
    a.stpCulture = await actor('wp-stp-culture', Role.BOARD_MEMBER, STP, ['Văn hóa']);
    a.stpNoField = await actor('wp-stp-nofield', Role.BOARD_MEMBER, STP);
    a.sgWriter = await actor('wp-sg-writer', Role.CONTRIBUTOR, SAIGON);
    a.sgHead = await actor('wp-sg-head', Role.BOARD_HEAD, SAIGON);
    a.sgCulture = await actor('wp-sg-culture', Role.BOARD_MEMBER, SAIGON, ['Văn hóa']);
  });
  afterAll(() => t.close());

  it('on, under 1376: a member approves in its field, recorded as its own step, not delegated', async () => {
    const id = await inReview(STP, a.stpWriter, a.stpCulture, 'Văn hóa');
    expect(await step(a.stpCulture, STP, id, 'APPROVE')).toMatchObject({ working: { status: 'APPROVED' } });
    const history = (await t.gql(STP, HISTORY, { id }, { token: a.stpHead.token })).body.data!.contentHistory;
    expect(history.at(-1)).toEqual({ action: 'APPROVE', actorAccountId: a.stpCulture.id, delegated: false });
  });

  it('on: never outside its fields, never without a field, never its own item', async () => {
    const sport = await inReview(STP, a.stpWriter, a.stpHead, 'Thể thao');
    expect(await step(a.stpCulture, STP, sport, 'APPROVE')).toEqual({
      __typename: 'InputError',
      errorCode: 'NOT_ALLOWED',
      field: null,
    });
    const culture = await inReview(STP, a.stpWriter, a.stpHead, 'Văn hóa');
    expect((await step(a.stpNoField, STP, culture, 'APPROVE')).errorCode).toBe('NOT_ALLOWED');
    const own = await inReview(STP, a.stpCulture, a.stpHead, 'Văn hóa');
    expect((await step(a.stpCulture, STP, own, 'APPROVE')).errorCode).toBe('NOT_ALLOWED');
    // The head still approves.
    expect(await step(a.stpHead, STP, own, 'APPROVE')).toMatchObject({ working: { status: 'APPROVED' } });
  });

  it('off, under 05/2024: a member in the same field does not approve; the head does', async () => {
    const id = await inReview(SAIGON, a.sgWriter, a.sgCulture, 'Văn hóa');
    expect((await step(a.sgCulture, SAIGON, id, 'APPROVE')).errorCode).toBe('NOT_ALLOWED');
    expect(await step(a.sgHead, SAIGON, id, 'APPROVE')).toMatchObject({ working: { status: 'APPROVED' } });
  });

  it('across portals: a member approving in its field on one portal approves nothing on another', async () => {
    const id = await inReview(SAIGON, a.sgWriter, a.sgHead, 'Văn hóa');
    // Through the victim's host and through its own: the item is not even found.
    for (const host of [SAIGON, STP])
      expect(await step(a.stpCulture, host, id, 'APPROVE')).toMatchObject({ __typename: 'InputError' });
    expect((await step(a.stpCulture, SAIGON, id, 'APPROVE')).errorCode).toMatch(/^(NOT_FOUND|NOT_ALLOWED)$/);
    expect((await step(a.sgHead, SAIGON, id, 'APPROVE')).working.status).toBe('APPROVED');
  });

  it('the choice follows the portal’s profile: switched on and off again', async () => {
    const deadlines = t.app.get(DeadlineService);
    const first = await inReview(SAIGON, a.sgWriter, a.sgCulture, 'Văn hóa');
    expect(
      (await deadlines.assign(systemContext('test'), t.tenant(SAIGON).id, 'hcmc-culture-sports-2017')).ok,
    ).toBe(true);
    expect(await step(a.sgCulture, SAIGON, first, 'APPROVE')).toMatchObject({
      working: { status: 'APPROVED' },
    });
    expect((await deadlines.assign(systemContext('test'), t.tenant(SAIGON).id, null)).ok).toBe(true);
    const second = await inReview(SAIGON, a.sgWriter, a.sgCulture, 'Văn hóa');
    expect((await step(a.sgCulture, SAIGON, second, 'APPROVE')).errorCode).toBe('NOT_ALLOWED');
  });
});

describe('unit pre-vetting, where the portal’s regulation asks for it', () => {
  let t: TestApp;
  const a: Record<string, Actor> = {};
  const BENTHANH = 'benthanh.hochiminhcity.gov.vn'; // hcmc-culture-sports-2017 too, its own unit leader

  const actor = async (username: string, role: Role, host: string, fields: string[] = []) => {
    const { id, token } = await officer(t, username, host, [role], { fields });
    return { id, token };
  };
  const ITEM_V = `__typename ... on ContentItem { id working { status boardDueAt unitDueAt } } ... on InputError { errorCode field }`;
  const step = async (who: Actor, host: string, id: string, action: string, note?: string) =>
    (
      await t.gql(
        host,
        `mutation($id: String!, $a: WorkflowAction!, $n: String) { transitionContent(itemId: $id, action: $a, note: $n) { ${ITEM_V} } }`,
        { id, a: action, n: note ?? null },
        { token: who.token },
      )
    ).body.data!.transitionContent as Record<string, any>;
  const draft = async (host: string, writer: Actor, field: string): Promise<string> => {
    const res = (
      await t.gql(
        host,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM_V} } }`,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            title: `Tin ${field} ${Math.random().toString(36).slice(2, 8)}`,
            bodyHtml: '<p>Nội dung.</p>',
            authorName: 'Phòng',
            source: 'Sở',
            field,
            fields: { eventDate: '2026-12-01' },
          },
        },
        { token: writer.token },
      )
    ).body;
    if (!res.data?.createContent.id) throw new Error(JSON.stringify(res));
    return res.data.createContent.id;
  };
  /** The end of the n-th working day after today (Vietnam), from the portal's own calendar. */
  const workingDaysFromToday = async (host: string, n: number) => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const day = (await t.gql(host, `{ addWorkingDays(date: "${today}", days: ${n}) }`)).body.data!
      .addWorkingDays;
    return new Date(Date.parse(`${day}T23:59:59.999+07:00`)).toISOString();
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    for (const host of [STP, BENTHANH])
      expect(
        (
          await t.app
            .get(DeadlineService)
            .assign(systemContext('test'), t.tenant(host).id, 'hcmc-culture-sports-2017')
        ).ok,
      ).toBe(true);
    a.writer = await actor('pv-stp-writer', Role.CONTRIBUTOR, STP);
    a.leader = await actor('pv-stp-leader', Role.UNIT_LEADER, STP, ['Văn hóa']);
    a.head = await actor('pv-stp-head', Role.BOARD_HEAD, STP);
    a.sgWriter = await actor('pv-sg-writer', Role.CONTRIBUTOR, SAIGON);
    a.sgLeader = await actor('pv-sg-leader', Role.UNIT_LEADER, SAIGON);
    a.btWriter = await actor('pv-bt-writer', Role.CONTRIBUTOR, BENTHANH);
    a.btLeader = await actor('pv-bt-leader', Role.UNIT_LEADER, BENTHANH);
  });
  afterAll(() => t.close());

  it('on: a submission waits for the unit leader, with its own deadline; the board sees it only once vetted', async () => {
    const id = await draft(STP, a.writer, 'Văn hóa');
    const submitted = await step(a.writer, STP, id, 'SUBMIT');
    // 1376 names no time for the unit's step: 1 working day (the profile's reading).
    expect(submitted.working).toEqual({
      status: 'UNIT_REVIEW',
      boardDueAt: null,
      unitDueAt: await workingDaysFromToday(STP, 1),
    });
    expect((await step(a.head, STP, id, 'TAKE_FOR_REVIEW')).errorCode).toBe('INVALID_TRANSITION');
    expect((await step(a.head, STP, id, 'VET')).errorCode).toBe('NOT_ALLOWED');
    const queue = (
      await t.gql(
        STP,
        `query { editorialQueue(statuses: [UNIT_REVIEW]) { itemId status unitDueAt } }`,
        {},
        { token: a.leader.token },
      )
    ).body.data!.editorialQueue;
    expect(queue).toEqual([{ itemId: id, status: 'UNIT_REVIEW', unitDueAt: submitted.working.unitDueAt }]);

    expect(await step(a.leader, STP, id, 'UNIT_RETURN')).toMatchObject({
      errorCode: 'NOTE_REQUIRED',
      field: 'note',
    });
    expect((await step(a.leader, STP, id, 'UNIT_RETURN', 'Bổ sung ảnh')).working.status).toBe('RETURNED');
    expect((await step(a.writer, STP, id, 'SUBMIT')).working.status).toBe('UNIT_REVIEW');
    const vetted = await step(a.leader, STP, id, 'VET');
    // Now submitted to the board, whose 2 working days (1376 art. 11.2) start.
    expect(vetted.working.status).toBe('SUBMITTED');
    expect(vetted.working.boardDueAt).toBe(await workingDaysFromToday(STP, 2));
    expect((await step(a.head, STP, id, 'TAKE_FOR_REVIEW')).working.status).toBe('IN_REVIEW');
    const history = (
      await t.gql(
        STP,
        `query($id: String!) { contentHistory(itemId: $id) { action fromStatus toStatus actorAccountId note } }`,
        { id },
        { token: a.head.token },
      )
    ).body.data!.contentHistory;
    expect(
      history.map((h: Record<string, string>) => [h.action, h.fromStatus, h.toStatus, h.actorAccountId]),
    ).toEqual([
      ['CREATE', null, 'DRAFT', a.writer.id],
      ['SUBMIT', 'DRAFT', 'UNIT_REVIEW', a.writer.id],
      ['UNIT_RETURN', 'UNIT_REVIEW', 'RETURNED', a.leader.id],
      ['SUBMIT', 'RETURNED', 'UNIT_REVIEW', a.writer.id],
      ['VET', 'UNIT_REVIEW', 'SUBMITTED', a.leader.id],
      ['TAKE_FOR_REVIEW', 'SUBMITTED', 'IN_REVIEW', a.head.id],
    ]);
  });

  it('on, but no unit leader for the item’s field: straight to the board', async () => {
    const id = await draft(STP, a.writer, 'Thể thao');
    expect((await step(a.writer, STP, id, 'SUBMIT')).working.status).toBe('SUBMITTED');
    // Not the leader's field: the item is not even visible to it.
    expect((await step(a.leader, STP, id, 'VET')).errorCode).toMatch(
      /^(INVALID_TRANSITION|NOT_ALLOWED|NOT_FOUND)$/,
    );
  });

  it('off, under 05/2024: a unit leader changes nothing', async () => {
    const id = await draft(SAIGON, a.sgWriter, 'Văn hóa');
    expect((await step(a.sgWriter, SAIGON, id, 'SUBMIT')).working).toMatchObject({
      status: 'SUBMITTED',
      unitDueAt: null,
    });
    expect((await step(a.sgLeader, SAIGON, id, 'VET')).errorCode).toBe('INVALID_TRANSITION');
  });

  it('across portals: a unit leader vets on its own portal only; the unit deadline is reminded', async () => {
    const id = await draft(BENTHANH, a.btWriter, 'Văn hóa');
    expect((await step(a.btWriter, BENTHANH, id, 'SUBMIT')).working.status).toBe('UNIT_REVIEW');
    for (const host of [BENTHANH, STP])
      expect((await step(a.leader, host, id, 'VET')).errorCode).toMatch(/^(NOT_FOUND|NOT_ALLOWED)$/);
    await t.app.get(RemindersService).raise(new Date(Date.now() + 30 * 86_400_000));
    const reminders = (
      await t.gql(
        BENTHANH,
        `query { editorialReminders { itemId deadline stage } }`,
        {},
        { token: a.btLeader.token },
      )
    ).body.data!.editorialReminders;
    expect(reminders).toContainEqual({ itemId: id, deadline: 'UNIT_VETTING', stage: 'OVERDUE' });
    expect((await step(a.btLeader, BENTHANH, id, 'VET')).working.status).toBe('SUBMITTED');
  });
});
