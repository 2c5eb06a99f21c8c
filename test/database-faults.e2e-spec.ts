import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../libs/access/src';
import { DatabaseBootstrapService, EmbeddedPostgresHandle } from '../libs/platform/src';
import { AnonymousResponseCache } from '../apps/api/src/http/anonymous-response-cache';
import { alive, killPostgres } from './support/postgres-kill';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { freePort, until } from './support/waiting';

/**
 * The api in its embedded default (no DATABASE_URL: it runs its own bundled PostgreSQL, here in a
 * temporary folder, not the shared server of the other test files), with that server killed -9
 * under it: a write whose server dies right after its commit is answered as a success, the server is
 * restarted by the api and ready again, and a shutdown with the server dead is prompt.
 */

const WARD = 'saigon.hochiminhcity.gov.vn';
const ITEM =
  '__typename ... on ContentItem { id working { id status } } ... on InputError { errorCode field }';
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
const CACHED_READ = `query { publicItems(filter: { first: 1 }) { nodes { title } } }`;
const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) { ${ITEM} } }`;

describe('the bundled PostgreSQL killed under the api (embedded default)', () => {
  let dir = '';
  let t: TestApp | null = null;
  let token = '';
  const app = () => t!;
  const server = (): EmbeddedPostgresHandle => app().app.get(DatabaseBootstrapService).embeddedServer!;
  const ready = async () => (await app().http({ host: 'localhost', path: '/health/ready' })).status === 200;
  /** Waits for the restart and /health/ready after a kill; prints the times. */
  const recovered = async (what: string, since: number, restartsBefore: number): Promise<void> => {
    await until(
      `restarted after ${what}`,
      async () => server().restarts().count > restartsBefore && server().state() === 'running',
      45_000,
    );
    await until(`ready again after ${what}`, ready, 45_000);
    // eslint-disable-next-line no-console
    console.log(
      `${what}: the api restarted its server ${server().restarts().lastRecoveryMs} ms after the death; /health/ready 200 after ${Date.now() - since} ms`,
    );
  };
  /**
   * Arms a one-shot kill -9 of the whole server right after the commit of the next transaction that
   * writes `table` (other transactions of the request, such as a session's, commit before it).
   */
  const killAfterCommitOf = (table: string) => {
    const dataSource = app().app.get(DataSource);
    let armed = true;
    const writers = new WeakSet<object>();
    const subscriber = {
      beforeQuery: (event: { query: string; queryRunner: object }) => {
        if (event.query.startsWith(`INSERT INTO "${table}"`)) writers.add(event.queryRunner);
      },
      afterTransactionCommit: async (event: { queryRunner: object }) => {
        if (!armed || !writers.has(event.queryRunner)) return;
        armed = false;
        const pid = server().pid()!;
        killPostgres(pid, true);
        await until('the killed server to be gone', async () => !alive(pid), 10_000);
      },
    };
    dataSource.subscribers.push(subscriber as never);
    return () => dataSource.subscribers.splice(dataSource.subscribers.indexOf(subscriber as never), 1);
  };
  const count = async (sql: string, params: unknown[]) =>
    Number((await app().app.get(DataSource).query(sql, params))[0].n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-faults-'));
    chmodSync(dir, 0o755); // as root the server runs as `postgres`, which must reach its folder
    t = await startTestApp({}, { embedded: { dataDir: dir, port: await freePort() } });
    await app().apply(SMALL_TREES.city);
    token = await app().asUser('faults-member', Role.BOARD_MEMBER, WARD);
  }, 180_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a create whose server dies right after the commit is answered as a success, and is stored once', async () => {
    const title = 'Tin ghi xong rồi máy chủ dừng';
    const restarts = server().restarts().count;
    const disarm = killAfterCommitOf('content_items');
    const killed = Date.now();
    const input = {
      i: {
        tenantId: app().tenant(WARD).id,
        kind: 'NEWS',
        title,
        bodyHtml: '<p>Nội dung</p>',
        authorName: 'Trần Thị B',
        source: 'Phường Sài Gòn',
      },
    };
    const key = { 'idempotency-key': 'faults-create-0001' };
    const res = await app().gql(WARD, CREATE, input, { token, headers: key });
    disarm();
    expect(res.body.errors).toBeUndefined();
    const created = res.body.data!.createContent;
    expect(created).toMatchObject({ __typename: 'ContentItem', working: { status: 'DRAFT' } });
    await recovered('kill -9 after a create committed', killed, restarts);
    // A client that lost that answer retries with its key: the same answer, nothing stored twice.
    const retry = await app().gql(WARD, CREATE, input, { token, headers: key });
    expect(retry.body.data!.createContent).toEqual(created);
    expect(await count('SELECT count(*) AS n FROM content_items WHERE id = $1', [created.id])).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM content_revisions r JOIN content_items i ON i.id = r.item_id WHERE r.title = $1',
        [title],
      ),
    ).toBe(1);

    // The same for a workflow step: SUBMIT answered as done (and not INVALID_TRANSITION on a retry).
    const disarmStep = killAfterCommitOf('workflow_events');
    const stepKilled = Date.now();
    const step = await app().gql(WARD, TRANSITION, { id: created.id, a: 'SUBMIT' }, { token });
    disarmStep();
    expect(step.body.errors).toBeUndefined();
    expect(step.body.data!.transitionContent).toMatchObject({
      __typename: 'ContentItem',
      working: { status: 'SUBMITTED' },
    });
    await recovered('kill -9 after a workflow step committed', stepKilled, restarts + 1);
    expect(
      await count(`SELECT count(*) AS n FROM workflow_events WHERE item_id = $1 AND action = 'SUBMIT'`, [
        created.id,
      ]),
    ).toBe(1);
  });

  it('kill -9 of the postmaster: the api restarts it and is ready again, logged to a file in the data folder', async () => {
    const before = server().pid()!;
    const restartsBefore = server().restarts().count;
    const killed = Date.now();
    killPostgres(before);
    await recovered('kill -9 of the postmaster', killed, restartsBefore);
    expect(server().pid()).not.toBe(before);
    expect(alive(server().pid()!)).toBe(true);
    expect(server().restarts().count).toBe(restartsBefore + 1);
    const live = await app().http({ host: 'localhost', path: '/health/live' });
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', bundledDatabase: { state: 'running' } });
    // The server's own log, in its data folder: every start, and the crash recovery after the kill.
    const log = readFileSync(server().logFile, 'utf8');
    expect(server().logFile.startsWith(server().dataDir)).toBe(true);
    expect(log.match(/database system is ready to accept connections/g)!.length).toBeGreaterThanOrEqual(4);
    expect(log).toMatch(/database system was interrupted|not properly shut down/);
    // Reads and writes work again.
    const res = await app().gql(WARD, `query { publicItems(filter: { first: 1 }) { nodes { title } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('the database away: 503 with Retry-After, cached public answers served stale; /health/live fails when it cannot come back; a prompt shutdown', async () => {
    const dataDir = server().dataDir;
    // Public answers in the anonymous response cache: a GraphQL read and a feed.
    const read = () => app().gql(WARD, CACHED_READ);
    const feed = () => app().http({ host: WARD, path: '/feeds/rss.xml' });
    await read();
    const cachedRead = await read();
    expect(cachedRead.headers['x-cache']).toBe('HIT');
    await feed();
    const cachedFeed = await feed();
    expect({ status: cachedFeed.status, cache: cachedFeed.headers['x-cache'] }).toEqual({
      status: 200,
      cache: 'HIT',
    });
    // Past their max-age: without the database they could not be answered afresh.
    const store = app().app.get(AnonymousResponseCache).store;
    for (const slot of store['entries'].values())
      slot.response = { ...slot.response, expiresAt: Date.now() - 1000 };

    // Its folder made unusable: every restart attempt fails.
    renameSync(join(dataDir, 'PG_VERSION'), join(dataDir, 'PG_VERSION.hidden'));
    try {
      killPostgres(server().pid()!);
      await until(
        'the supervisor to give up',
        async () => (await app().http({ host: 'localhost', path: '/health/live' })).status === 503,
        60_000,
      );
      // GraphQL that needs the database: typed SERVICE_UNAVAILABLE, HTTP 503, Retry-After.
      for (const res of [
        await app().gql(WARD, `query { publicItems(filter: { first: 2 }) { nodes { title } } }`),
        await app().gql(WARD, `query { me { id } }`, undefined, { token }),
      ]) {
        expect({ status: res.status, retryAfter: res.headers['retry-after'] }).toEqual({
          status: 503,
          retryAfter: '5',
        });
        expect(res.body.errors![0].extensions).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          messageVi: expect.stringContaining('cơ sở dữ liệu'),
        });
      }
      // A page and a feed not in the cache: 503 with Retry-After (an HTML page for a browser).
      const page = await app().http({
        host: WARD,
        path: '/print/khong-co-tin-nay',
        headers: { accept: 'text/html' },
      });
      expect({ status: page.status, retryAfter: page.headers['retry-after'] }).toEqual({
        status: 503,
        retryAfter: '5',
      });
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Tạm thời gián đoạn');
      const uncachedFeed = await app().http({ host: WARD, path: '/feeds/subtree/rss.xml' });
      expect({ status: uncachedFeed.status, retryAfter: uncachedFeed.headers['retry-after'] }).toEqual({
        status: 503,
        retryAfter: '5',
      });
      // The cached ones: served from the cache, marked stale.
      const staleRead = await read();
      expect({ status: staleRead.status, cache: staleRead.headers['x-cache'] }).toEqual({
        status: 200,
        cache: 'STALE',
      });
      expect(staleRead.headers.warning).toContain('110');
      expect(staleRead.body).toEqual(cachedRead.body);
      const staleFeed = await feed();
      expect({ status: staleFeed.status, cache: staleFeed.headers['x-cache'] }).toEqual({
        status: 200,
        cache: 'STALE',
      });
      expect(staleFeed.text).toBe(cachedFeed.text);
      expect(staleFeed.headers['retry-after']).toBeUndefined();

      const handle = server();
      expect(handle.state()).toBe('failed');
      const closing = Date.now();
      await app().close(); // used to wait for an exit that had already happened
      t = null;
      // eslint-disable-next-line no-console
      console.log(`shutdown with the bundled server dead took ${Date.now() - closing} ms`);
      expect(handle.state()).toBe('stopped');
    } finally {
      renameSync(join(dataDir, 'PG_VERSION.hidden'), join(dataDir, 'PG_VERSION'));
    }
  });
});
