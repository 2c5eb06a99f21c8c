import { Role } from '../libs/access/src';
import type { ReplicaStatus } from '../libs/platform/src';
import { StreamingReplica, startStreamingReplica } from './support/streaming-replica';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { until } from './support/waiting';

/**
 * Read replicas (docs/architecture.md) against a real streaming replica: a PostgreSQL primary and a
 * hot standby cloned with pg_basebackup, both started here. The api runs with DATABASE_URL on the
 * primary and DATABASE_REPLICA_URLS on the standby. Anonymous reads are answered by the standby
 * (shown by pausing its replay: they keep the old state while an editor already reads the new one),
 * a standby too far behind or stopped leaves the rotation and reads fall back to the primary without
 * an error, and it comes back once it has caught up or restarted.
 */

const WARD = 'saigon.hochiminhcity.gov.vn';
const CHECK_SECONDS = 0.5;
const MAX_LAG_SECONDS = 5;
const READ = 'query($s: String!) { publicItem(slug: $s) { title } }';
const LIST = 'query($n: Int) { publicItems(filter: { first: $n }) { nodes { title } } }';

describe('read replicas: anonymous reads from a streaming replica, editors and writes on the primary', () => {
  let pg: StreamingReplica | null = null;
  let t: TestApp | null = null;
  const tokens = { member: '', head: '' };

  const app = () => t!;
  const db = () => pg!;
  const replica = async (): Promise<ReplicaStatus> => {
    const res = await app().http({ host: 'localhost', path: '/health/ready' });
    expect(res.status).toBe(200);
    return (res.body as { replicas: ReplicaStatus[] }).replicas[0]!;
  };
  const metric = async (name: string): Promise<number> => {
    const { text } = await app().http({ host: 'localhost', path: '/metrics' });
    const line = text.split('\n').find((l) => l.startsWith(`${name}{pool="replica0"} `));
    return Number(line?.split(' ')[1] ?? 0);
  };
  /** publicItem(slug) as an anonymous visitor, or as the signed-in editor; never a GraphQL error. */
  const readWithCache = async (slug: string, token?: string) => {
    const res = await app().gql<{ publicItem: { title: string } | null }>(WARD, READ, { s: slug }, { token });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
    return { title: res.body.data!.publicItem?.title ?? null, cache: res.headers['x-cache'] ?? 'MISS' };
  };
  const read = async (slug: string, token?: string) => (await readWithCache(slug, token)).title;
  /** Creates an item and takes it through the workflow to PUBLISHED (the board of the ward). */
  const publish = async (title: string): Promise<string> => {
    const ITEM = '__typename ... on ContentItem { id slug } ... on InputError { errorCode field message }';
    const created = (
      await app().gql(
        WARD,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
        {
          i: {
            tenantId: app().tenant(WARD).id,
            kind: 'NEWS',
            title,
            bodyHtml: '<p>Nội dung</p>',
            authorName: 'Trần Thị B',
            source: 'Phường Sài Gòn',
          },
        },
        { token: tokens.member },
      )
    ).body.data!.createContent;
    expect(created.__typename).toBe('ContentItem');
    for (const [action, token] of [
      ['SUBMIT', tokens.member],
      ['TAKE_FOR_REVIEW', tokens.member],
      ['APPROVE', tokens.head],
      ['PUBLISH', tokens.member],
    ] as const) {
      const step = await app().gql(
        WARD,
        `mutation { transitionContent(itemId: "${created.id}", action: ${action}) { ${ITEM} } }`,
        undefined,
        { token },
      );
      expect(step.body.data!.transitionContent.__typename).toBe('ContentItem');
    }
    return created.slug as string;
  };

  beforeAll(async () => {
    const started = Date.now();
    pg = await startStreamingReplica();
    await db().onPrimary('CREATE DATABASE portal');
    await db().caughtUp();
    t = await startTestApp(
      {
        databaseReplicas: {
          urls: [db().replicaUrl('portal')],
          maxLagSeconds: MAX_LAG_SECONDS,
          checkSeconds: CHECK_SECONDS,
        },
      },
      { databaseUrl: db().primaryUrl('portal') },
    );
    await app().apply(SMALL_TREES.city);
    tokens.member = await app().asUser('replica-member', Role.BOARD_MEMBER, WARD);
    tokens.head = await app().asUser('replica-head', Role.BOARD_HEAD, WARD);
    await db().caughtUp();
    await until('the replica in rotation', async () => (await replica()).inRotation);
    // Servers, a new database migrated, two accounts: about 4 s here.
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 60_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await pg?.close();
  });

  it('an anonymous read is answered by the replica; an editor reads the primary (read-your-writes)', async () => {
    const first = await publish('Thông báo lịch tiếp công dân tháng 12');
    await db().caughtUp();
    const before = await metric('portal_db_replica_queries_total');
    expect(await read(first)).toBe('Thông báo lịch tiếp công dân tháng 12');
    expect(await metric('portal_db_replica_queries_total')).toBeGreaterThan(before);

    // The standby stops applying what the primary streams: it keeps the state of this moment.
    await db().pauseReplay();
    try {
      const second = await publish('Kế hoạch tổ chức hội nghị đối thoại');
      // The row is on the primary and not (yet) on the standby.
      const sql = 'SELECT count(*)::int AS n FROM content_items WHERE slug = $1';
      expect(await db().onPrimary(sql, [second], 'portal')).toEqual([{ n: 1 }]);
      expect(await db().onReplica(sql, [second], 'portal')).toEqual([{ n: 0 }]);

      // Anonymous: the replica's (old) state, list and item alike. The response cache does not keep
      // it: the replica has not replayed the publication that emptied the cache.
      expect(await readWithCache(second)).toEqual({ title: null, cache: 'MISS' });
      expect(await readWithCache(second)).toEqual({ title: null, cache: 'MISS' });
      const list = await app().gql(WARD, LIST, { n: 20 });
      expect(list.body.data!.publicItems.nodes.map((n: { title: string }) => n.title)).toEqual([
        'Thông báo lịch tiếp công dân tháng 12',
      ]);
      // The editor who just published reads the primary, through the same public query.
      expect(await read(second, tokens.member)).toBe('Kế hoạch tổ chức hội nghị đối thoại');
      // Still in rotation while the lag is within the limit (the check sees the pause).
      const paused = await until('a check to see the pause', async () => {
        const r = await replica();
        return r.replayPaused && r;
      });
      expect(paused.state).toBe('up');

      // Too far behind: out of rotation at the next check, and anonymous reads get the primary's state.
      const lagging = await until(
        'the paused replica to leave the rotation',
        async () => {
          const r = await replica();
          return r.state === 'lagging' && r;
        },
        (MAX_LAG_SECONDS + 5) * 1000,
      );
      expect(lagging.lagSeconds).toBeGreaterThan(MAX_LAG_SECONDS);
      expect(await read(second)).toBe('Kế hoạch tổ chức hội nghị đối thoại');
      const onPrimary = await metric('portal_db_replica_queries_total');
      expect(await read(first)).toBe('Thông báo lịch tiếp công dân tháng 12');
      expect(await metric('portal_db_replica_queries_total')).toBe(onPrimary);
    } finally {
      await db().resumeReplay();
    }
    await db().caughtUp();
    await until('the replica back in rotation', async () => (await replica()).state === 'up');
    const back = await metric('portal_db_replica_queries_total');
    expect((await app().gql(WARD, LIST, { n: 19 })).body.data!.publicItems.nodes).toHaveLength(2);
    expect(await metric('portal_db_replica_queries_total')).toBeGreaterThan(back);
    // Caught up with the publication, the replica's answers are cached again.
    await until('a cached answer from the replica', async () => {
      await read(first);
      return (await readWithCache(first)).cache === 'HIT';
    });
  });

  it('signed-in reads and public writes never touch the replica; a citizen reads back their own question', async () => {
    const before = await metric('portal_db_replica_queries_total');
    await db().pauseReplay();
    try {
      const asked = await app().gql(
        WARD,
        `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
          __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`,
        {
          i: {
            type: 'QUESTION',
            name: 'Nguyễn Văn Hỏi',
            email: 'hoi@example.vn',
            topic: 'Hộ kinh doanh',
            text: 'Xin hỏi thủ tục đăng ký hộ kinh doanh cần những giấy tờ gì?',
          },
        },
      );
      const code = asked.body.data!.askQuestion.trackingCode as string;
      expect(code).toMatch(/^HD-/);
      // Replay is paused, so only the primary has the question: its status is read there.
      const status = await app().gql(
        WARD,
        'query($c: String!) { questionStatus(trackingCode: $c) { status } }',
        {
          c: code,
        },
      );
      expect(status.body.data).toEqual({ questionStatus: { status: 'RECEIVED' } });
      expect(
        (await app().gql(WARD, LIST, { n: 18 }, { token: tokens.head })).body.data!.publicItems.nodes,
      ).toHaveLength(2);
      await app().login('replica-member', WARD);
    } finally {
      await db().resumeReplay();
    }
    expect(await metric('portal_db_replica_queries_total')).toBe(before);
    await db().caughtUp();
  });

  it('a stopped replica: reads fall back to the primary at once, with no error; restarted, it is back in rotation', async () => {
    await until('the replica in rotation', async () => (await replica()).inRotation);
    const titles = ['Kế hoạch tổ chức hội nghị đối thoại', 'Thông báo lịch tiếp công dân tháng 12'];
    const fallbacks = async () => {
      const { text } = await app().http({ host: 'localhost', path: '/metrics' });
      const retried = Number(/^portal_db_replica_retries_total\{pool="replica0"\} (\d+)/m.exec(text)?.[1]);
      const direct = Number(/^portal_db_replica_reads_on_primary_total (\d+)/m.exec(text)?.[1]);
      return { text, total: retried + direct };
    };
    const before = (await fallbacks()).total;
    await db().stopReplica();
    const stoppedAt = Date.now();
    // Every read in the first moments (in flight when it stopped, or before the check noticed) answers.
    for (let n = 1; n <= 12; n++) {
      const res = await app().gql(WARD, LIST, { n: 20 + n });
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
      expect(res.body.data!.publicItems.nodes.map((i: { title: string }) => i.title)).toEqual(titles);
    }
    for (const path of ['/feeds/rss.xml', '/']) {
      const res = await app().http({ host: WARD, path });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    const down = await until('the check to see the replica down', async () => {
      const r = await replica();
      return r.state === 'down' && r;
    });
    expect(Date.now() - stoppedAt).toBeLessThan(CHECK_SECONDS * 1000 * 4 + 2000);
    expect(down).toMatchObject({ inRotation: false, lagSeconds: null });
    // The reads meant for it went to the primary: run again after failing there (a read in flight,
    // or before a check noticed), or sent there directly (once a check or a failure took it out).
    const after = await fallbacks();
    expect(after.text).toMatch(/^portal_db_replica_in_rotation\{pool="replica0"\} 0$/m);
    expect(after.total - before).toBeGreaterThanOrEqual(12);

    await db().startReplica();
    await db().caughtUp();
    await until('the restarted replica in rotation', async () => (await replica()).state === 'up');
    const served = await metric('portal_db_replica_queries_total');
    expect((await app().gql(WARD, LIST, { n: 40 })).body.data!.publicItems.nodes).toHaveLength(2);
    expect(await metric('portal_db_replica_queries_total')).toBeGreaterThan(served);
    // The api's pool holds connections to the restarted server.
    const connections = await db().onReplica<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'portal' AND application_name = 'portal'`,
    );
    expect(connections[0]!.n).toBeGreaterThan(0);
  });
});
