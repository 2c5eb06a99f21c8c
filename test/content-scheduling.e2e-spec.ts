import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { PUBLISH_JOB, RemindersService, WITHDRAW_JOB } from '../libs/editorial/src';
import { openDatabase } from './support/fixtures';
import { aDayAhead, makeScheduledTimeArrive } from './support/job-clock';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const WARD = 'saigon.hochiminhcity.gov.vn';
const ITEM =
  '__typename ... on ContentItem { id slug working { status scheduledAt } live { number } withdrawnAt } ... on InputError { errorCode field }';

/** Scheduled publishing and withdrawal run as jobs; with two workers each still happens once. */
describe('scheduled publishing with two workers', () => {
  let t: TestApp;
  let workers: INestApplicationContext[];
  let db: Client;
  let writer: string;
  let member: string;
  let head: string;

  beforeAll(async () => {
    // The api works no jobs here: two worker processes' contexts share the queue.
    t = await startTestApp({ jobPollingSeconds: 0.5, runJobs: false });
    await t.apply(SMALL_TREES.city);
    workers = [];
    for (let i = 0; i < 2; i++) {
      const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), {
        logger: ['error'],
      });
      await worker.init();
      workers.push(worker);
    }
    db = await openDatabase(t);
    writer = await t.asUser('sched-writer', Role.CONTRIBUTOR, WARD);
    member = await t.asUser('sched-member', Role.BOARD_MEMBER, WARD);
    head = await t.asUser('sched-head', Role.BOARD_HEAD, WARD);
  });
  afterAll(async () => {
    await db.end();
    for (const worker of workers) await worker.close();
    await t.close();
  });

  const mutate = async (query: string, token: string) =>
    Object.values(
      (await t.gql(WARD, `mutation { ${query} }`, undefined, { token })).body.data ?? {},
    )[0] as Record<string, any>;

  async function approvedItem(title: string): Promise<string> {
    const created = (
      await t.gql(
        WARD,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
        {
          i: {
            tenantId: t.tenant(WARD).id,
            kind: 'ANNOUNCEMENT',
            title,
            bodyHtml: '<p>Thông báo</p>',
            authorName: 'Tổ biên tập',
            source: 'UBND phường',
          },
        },
        { token: writer },
      )
    ).body.data!.createContent;
    for (const [action, token] of [
      ['SUBMIT', writer],
      ['TAKE_FOR_REVIEW', member],
      ['APPROVE', head],
    ] as const) {
      expect(
        await mutate(`transitionContent(itemId: "${created.id}", action: ${action}) { ${ITEM} }`, token),
      ).toMatchObject({ __typename: 'ContentItem' });
    }
    return created.id;
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out waiting for the job');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const events = async (itemId: string, action: string) =>
    Number(
      (
        await db.query('SELECT count(*) FROM workflow_events WHERE item_id = $1 AND action = $2', [
          itemId,
          action,
        ])
      ).rows[0].count,
    );

  it('publishes at the scheduled time exactly once, and withdraws at its time', async () => {
    const id = await approvedItem('Thông báo lịch tiếp công dân tháng 12');
    // A day ahead, then the queue's clock is moved: no margin for the requests in between.
    const at = aDayAhead().toISOString();
    const scheduled = await mutate(
      `scheduleContent(itemId: "${id}", publishAt: "${at}") { ${ITEM} }`,
      member,
    );
    expect(scheduled).toMatchObject({ working: { status: 'SCHEDULED', scheduledAt: at }, live: null });
    expect(
      (await t.gql(WARD, `{ publicItem(slug: "${scheduled.slug}") { title } }`)).body.data!.publicItem,
    ).toBeNull();
    // Both workers poll every 0.5 s: neither publishes before the time.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await events(id, 'PUBLISH')).toBe(0);
    expect(await makeScheduledTimeArrive(db, PUBLISH_JOB, [id])).toBe(1);

    await until(
      async () =>
        (await t.gql(WARD, `{ publicItem(slug: "${scheduled.slug}") { title } }`)).body.data!.publicItem !==
        null,
    );
    // Both workers poll every 0.5 s: give the other one several chances to publish it again.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await events(id, 'PUBLISH')).toBe(1);
    const { rows } = await db.query(
      "SELECT actor_account_id, to_status FROM workflow_events WHERE item_id = $1 AND action = 'PUBLISH'",
      [id],
    );
    expect(rows).toEqual([{ actor_account_id: null, to_status: 'PUBLISHED' }]);

    const withdrawAt = aDayAhead().toISOString();
    expect(
      await mutate(`scheduleWithdrawal(itemId: "${id}", withdrawAt: "${withdrawAt}") { ${ITEM} }`, member),
    ).toMatchObject({ __typename: 'ContentItem', withdrawnAt: null });
    expect(await makeScheduledTimeArrive(db, WITHDRAW_JOB, [id])).toBe(1);
    await until(
      async () =>
        (await t.gql(WARD, `{ publicItem(slug: "${scheduled.slug}") { title } }`)).body.data!.publicItem ===
        null,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await events(id, 'WITHDRAW')).toBe(1);
    expect(
      (await db.query('SELECT count(*) FROM content_revisions WHERE item_id = $1', [id])).rows[0].count,
    ).toBe('1');
  });

  it('an unscheduled item is not published when its time comes', async () => {
    const id = await approvedItem('Thông báo đã hoãn');
    const at = aDayAhead().toISOString();
    expect(
      await mutate(`scheduleContent(itemId: "${id}", publishAt: "${at}") { ${ITEM} }`, member),
    ).toMatchObject({ working: { status: 'SCHEDULED' } });
    expect(
      await mutate(`transitionContent(itemId: "${id}", action: UNSCHEDULE) { ${ITEM} }`, member),
    ).toMatchObject({ working: { status: 'APPROVED', scheduledAt: null } });
    // The job stays queued; its time comes and a worker runs it, which must publish nothing.
    expect(await makeScheduledTimeArrive(db, PUBLISH_JOB, [id])).toBe(1);
    await until(
      async () =>
        (
          await db.query("SELECT state FROM pgboss.job WHERE name = $1 AND data->>'itemId' = $2", [
            PUBLISH_JOB,
            id,
          ])
        ).rows[0]?.state === 'completed',
    );
    expect(await events(id, 'PUBLISH')).toBe(0);
    const item = (
      await t.gql(WARD, `{ contentItem(id: "${id}") { live { number } working { status } } }`, undefined, {
        token: member,
      })
    ).body.data!.contentItem;
    expect(item).toEqual({ live: null, working: { status: 'APPROVED' } });
  });

  it('refuses a time in the past and a contributor scheduling', async () => {
    const id = await approvedItem('Thông báo quá hạn');
    expect(
      await mutate(`scheduleContent(itemId: "${id}", publishAt: "2020-01-01T00:00:00Z") { ${ITEM} }`, member),
    ).toEqual({ __typename: 'InputError', errorCode: 'SCHEDULE_IN_PAST', field: 'publishAt' });
    expect(
      await mutate(
        `scheduleContent(itemId: "${id}", publishAt: "${aDayAhead().toISOString()}") { ${ITEM} }`,
        writer,
      ),
    ).toMatchObject({ __typename: 'InputError', errorCode: 'NOT_ALLOWED' });
    expect(
      Number(
        (await db.query("SELECT count(*) FROM pgboss.job WHERE data->>'itemId' = $1", [id])).rows[0].count,
      ),
    ).toBe(0);
  });
});

describe('deadline reminders and escalation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ reminderLeadHours: [24, 4] });
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('raises each reminder once, before the board deadline and after it, for the board only', async () => {
    const writer = await t.asUser('rem-writer', Role.CONTRIBUTOR, WARD);
    const member = await t.asUser('rem-member', Role.BOARD_MEMBER, WARD);
    const otherBoard = await t.asUser('rem-other', Role.BOARD_MEMBER, 'benthanh.hochiminhcity.gov.vn');
    const city = t.tenant('hochiminhcity.gov.vn').id;
    // The culture-sports profile gives the board 2 working days to handle a submission (1376/QĐ-SVHTT art. 11.2).
    const admin = await (async () => {
      await t.createAccount({ username: 'rem-admin', homeHost: 'hochiminhcity.gov.vn', platformAdmin: true });
      return (await t.login('rem-admin')).accessToken;
    })();
    await t.gql(
      'hochiminhcity.gov.vn',
      `mutation { setDeadlinePolicy(tenantId: "${city}", profileKey: "hcmc-culture-sports-2017") { __typename } }`,
      undefined,
      { token: admin },
    );
    const created = (
      await t.gql(
        WARD,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id } } }`,
        {
          i: {
            tenantId: t.tenant(WARD).id,
            kind: 'GENERIC_PAGE',
            title: 'Thông báo cần xử lý',
            bodyHtml: '<p>x</p>',
            authorName: 'A',
            source: 'B',
          },
        },
        { token: writer },
      )
    ).body.data!.createContent;
    const submitted = (
      await t.gql(
        WARD,
        `mutation { transitionContent(itemId: "${created.id}", action: SUBMIT) { ... on ContentItem { working { boardDueAt } } } }`,
        undefined,
        { token: writer },
      )
    ).body.data!.transitionContent;
    const due = new Date(submitted.working.boardDueAt);
    expect(due.getTime()).toBeGreaterThan(Date.now());

    const reminders = t.app.get(RemindersService);
    expect(await reminders.raise(new Date(due.getTime() - 30 * 3_600_000))).toBe(0);
    expect(await reminders.raise(new Date(due.getTime() - 20 * 3_600_000))).toBe(1); // DUE_IN_24H
    expect(await reminders.raise(new Date(due.getTime() - 19 * 3_600_000))).toBe(0); // once only
    expect(await reminders.raise(new Date(due.getTime() - 3 * 3_600_000))).toBe(1); // DUE_IN_4H
    expect(await reminders.raise(new Date(due.getTime() + 60_000))).toBe(1); // OVERDUE
    expect(await reminders.raise(new Date(due.getTime() + 120_000))).toBe(0);

    const list = (
      await t.gql(WARD, '{ editorialReminders { itemId deadline stage dueAt } }', undefined, {
        token: member,
      })
    ).body.data!.editorialReminders;
    expect(list.map((r: { stage: string }) => r.stage).sort()).toEqual([
      'DUE_IN_24H',
      'DUE_IN_4H',
      'OVERDUE',
    ]);
    expect(
      list.every(
        (r: { itemId: string; deadline: string }) =>
          r.itemId === created.id && r.deadline === 'BOARD_HANDLING',
      ),
    ).toBe(true);
    expect(
      (
        await t.gql('benthanh.hochiminhcity.gov.vn', '{ editorialReminders { id } }', undefined, {
          token: otherBoard,
        })
      ).body.data!.editorialReminders,
    ).toEqual([]);
    const queue = (
      await t.gql(WARD, '{ editorialQueue(overdueOnly: true) { itemId } }', undefined, { token: member })
    ).body.data!.editorialQueue;
    expect(queue).toEqual([]); // not overdue in real time yet
    // Due soon: the board deadline (two working days away, so more than a day) is within 14 days, not within an hour.
    const soon = async (hours: number) =>
      (
        await t.gql(WARD, `{ editorialQueue(dueWithinHours: ${hours}) { itemId } }`, undefined, {
          token: member,
        })
      ).body.data!.editorialQueue;
    expect(await soon(14 * 24)).toEqual([{ itemId: created.id }]);
    expect(await soon(1)).toEqual([]);
    const bad = await t.gql(WARD, '{ editorialQueue(dueWithinHours: 0) { itemId } }', undefined, {
      token: member,
    });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'INVALID_HOURS', field: 'dueWithinHours' });
    // The recurring job is registered once, whichever instance registered it.
    const client = await openDatabase(t);
    try {
      expect(
        (await client.query("SELECT name, cron FROM pgboss.schedule WHERE name = 'editorial-reminders'"))
          .rows,
      ).toEqual([{ name: 'editorial-reminders', cron: '*/5 * * * *' }]);
    } finally {
      await client.end();
    }
  });
});
