import { Role, RoleAssignmentService, RoleScope } from '../libs/access/src';
import { DeadlineService } from '../libs/calendar/src';
import { systemContext } from '../libs/platform/src';
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
    const id = await t.createAccount({ username, homeHost: host });
    const granted = await t.app.get(RoleAssignmentService).grant(systemContext('test'), {
      accountId: id,
      tenantId: t.tenant(host).id,
      role,
      scope,
      fields,
    });
    if (!granted.ok) throw new Error(`grant ${username}: ${granted.error.code}`);
    return { id, token: (await t.login(username, host)).accessToken };
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
