import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../libs/access/src';
import { DatabaseBootstrapService, EmbeddedPostgresHandle } from '../libs/platform/src';
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
    const res = await app().gql(
      WARD,
      CREATE,
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
      { token },
    );
    disarm();
    expect(res.body.errors).toBeUndefined();
    const created = res.body.data!.createContent;
    expect(created).toMatchObject({ __typename: 'ContentItem', working: { status: 'DRAFT' } });
    await recovered('kill -9 after a create committed', killed, restarts);
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

  it('a server that cannot be restarted: /health/live fails, and the shutdown is prompt', async () => {
    const dataDir = server().dataDir;
    // Its folder made unusable: every restart attempt fails.
    renameSync(join(dataDir, 'PG_VERSION'), join(dataDir, 'PG_VERSION.hidden'));
    try {
      killPostgres(server().pid()!);
      await until(
        'the supervisor to give up',
        async () => (await app().http({ host: 'localhost', path: '/health/live' })).status === 503,
        60_000,
      );
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
