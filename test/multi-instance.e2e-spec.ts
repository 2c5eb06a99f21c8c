import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { httpRequest } from './support/http-client';
import { SMALL_TREES } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { aDayAhead, makeScheduledTimeArrive } from './support/job-clock';
import { freePort, sleep, until } from './support/waiting';

/**
 * Nothing depends on one process's memory (docs/architecture.md): two api processes and a worker, each its
 * own Node process built from `dist/`, against one PostgreSQL. What one does the other sees —
 * provisioning (host map), publishing and the invalidation of the anonymous response cache — and
 * a scheduled job runs exactly once although every process works the queue.
 */

const ROOT = join(__dirname, '..');
// `npm test` builds dist/ first; TEST_DIST_DIR points at another build of the same sources.
const DIST = process.env.TEST_DIST_DIR ?? join(ROOT, 'dist');
const API = join(DIST, 'apps', 'api', 'src', 'main.js');
const WORKER = join(DIST, 'apps', 'worker', 'src', 'main.js');
const CLI = join(DIST, 'apps', 'cli', 'src', 'main.js');
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const CITY = 'hochiminhcity.gov.vn';
const PASSWORD = 'Mật-khẩu-đủ-dài-2026';

describe('several processes, one database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  const processes: ChildProcess[] = [];
  const ports: Record<'a' | 'b', number> = { a: 0, b: 0 };
  let env: Record<string, string>;

  const cli = (args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [CLI, ...args],
        { env: { ...process.env, ...env } },
        (error, stdout, stderr) =>
          error ? reject(new Error(`portal ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
      ),
    );

  const gql = async <T = Record<string, any>>(
    which: 'a' | 'b',
    host: string,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ) => {
    const res = await httpRequest<{ data?: T; errors?: Array<{ message: string }> }>(ports[which], {
      host,
      body: { query, variables },
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return res;
  };
  const login = async (which: 'a' | 'b', username: string, host: string) => {
    const res = await gql<{ login: { accessToken: string } }>(
      which,
      host,
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ... on AuthSession { accessToken } } }`,
      { u: username, p: PASSWORD },
    );
    const token = res.body.data?.login?.accessToken;
    if (!token) throw new Error(`login ${username}: ${JSON.stringify(res.body)}`);
    return token;
  };
  const start = (file: string, extra: Record<string, string>) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, ...env, ...extra },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      if (code && code !== 0 && !child.killed) process.stderr.write(`${file} exited ${code}: ${stderr}\n`);
    });
    processes.push(child);
    return child;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-multi-'));
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      // One secret for every instance: a token signed by one is accepted by the other.
      JWT_SECRET: 'multi-instance-test-secret-0123456789abcdef0123456789',
      PORTAL_DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      RUN_JOBS: 'true',
      JOB_POLLING_SECONDS: '0.5',
      PORTAL_PASSWORD: PASSWORD,
    };
    const tree = join(dataDir, 'city.yaml');
    writeFileSync(tree, SMALL_TREES.city);
    await cli(['tenants', 'apply', tree]);
    await cli([
      'accounts',
      'create-admin',
      '--tenant',
      CITY,
      '--username',
      'root',
      '--display-name',
      'Quản trị',
    ]);
    for (const [username, role] of [
      ['writer', 'CONTRIBUTOR'],
      ['head', 'BOARD_HEAD'],
    ]) {
      await cli([
        'accounts',
        'create',
        '--tenant',
        SAIGON,
        '--username',
        username,
        '--display-name',
        username,
      ]);
      await cli(['roles', 'grant', '--username', username, '--tenant', SAIGON, '--role', role]);
    }
    ports.a = await freePort();
    ports.b = await freePort();
    // Every process works the job queue: the api instances as in the embedded default, and a worker.
    start(API, { PORT: String(ports.a) });
    start(API, { PORT: String(ports.b) });
    start(WORKER, {});
    for (const which of ['a', 'b'] as const)
      await until(
        `api ${which}`,
        async () => {
          const r = await httpRequest(ports[which], { method: 'GET', path: '/health/ready', host: CITY });
          return r.status === 200;
        },
        60_000,
      );
  }, 120_000);

  afterAll(async () => {
    for (const p of processes) p.kill('SIGTERM');
    await Promise.all(
      processes.map((p) => (p.exitCode !== null ? null : new Promise((r) => p.once('exit', r)))),
    );
    await pg?.end();
    await db?.drop();
  });

  it('a portal provisioned on one instance answers on the other', async () => {
    const root = await login('a', 'root', CITY);
    const portal = await gql<{ portal: { id: string } }>('a', CITY, '{ portal { id } }');
    const made = await gql<{ provisionTenant: { __typename: string; primaryHost?: string } }>(
      'a',
      CITY,
      `mutation($i: ProvisionTenantInput!) { provisionTenant(input: $i) { __typename ... on Portal { primaryHost } ... on InputError { errorCode field } } }`,
      { i: { parentId: portal.body.data!.portal.id, kind: 'WARD', nameVi: 'Phường Đa Kao' } },
      root,
    );
    expect(made.body.data?.provisionTenant).toMatchObject({ __typename: 'Portal' });
    const host = made.body.data!.provisionTenant.primaryHost!;
    const seen = await until('the new host on instance b', async () => {
      const r = await gql<{ portal: { nameVi: string } }>('b', host, '{ portal { nameVi } }');
      return r.status === 200 ? r.body.data?.portal : null;
    });
    expect(seen.nameVi).toBe('Phường Đa Kao');
  });

  it('publishing on one instance updates the other instance’s cached public pages', async () => {
    const writer = await login('a', 'writer', SAIGON);
    const head = await login('b', 'head', SAIGON);
    const tenantId = (await gql<{ portal: { id: string } }>('a', SAIGON, '{ portal { id } }')).body.data!
      .portal.id;
    const LIST = `{ publicItems(filter: { first: 5 }) { nodes { title } } }`;
    // Instance b caches the anonymous list (twice, the second from its cache).
    const before = await gql<{ publicItems: { nodes: Array<{ title: string }> } }>('b', SAIGON, LIST);
    expect(before.status).toBe(200);
    expect((await gql('b', SAIGON, LIST)).headers['x-cache']).toBe('HIT');

    const created = await gql<{ createContent: { id: string } }>(
      'a',
      SAIGON,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id } } }`,
      {
        i: {
          tenantId,
          kind: 'NEWS',
          title: 'Tin đăng qua hai máy chủ',
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Nguyễn Văn A',
          source: 'UBND phường',
          fields: {},
        },
      },
      writer,
    );
    const itemId = created.body.data!.createContent.id;
    const step = async (which: 'a' | 'b', action: string, token: string) => {
      const r = await gql<{ transitionContent: { __typename: string } }>(
        which,
        SAIGON,
        `mutation($a: WorkflowAction!, $id: String!) { transitionContent(action: $a, itemId: $id) { __typename ... on InputError { errorCode } } }`,
        { a: action, id: itemId },
        token,
      );
      expect(r.body.data?.transitionContent.__typename).toBe('ContentItem');
    };
    await step('a', 'SUBMIT', writer);
    await step('b', 'TAKE_FOR_REVIEW', head);
    await step('a', 'APPROVE', head);
    await step('b', 'PUBLISH', head);
    const after = await until(
      'the item on instance b',
      async () => {
        const r = await gql<{ publicItems: { nodes: Array<{ title: string }> } }>('b', SAIGON, LIST);
        return r.body.data?.publicItems.nodes.some((n) => n.title === 'Tin đăng qua hai máy chủ') ? r : null;
      },
      5_000,
    );
    expect(after.status).toBe(200);
  });

  it('a scheduled publication runs exactly once although three processes work the queue', async () => {
    const writer = await login('b', 'writer', SAIGON);
    const head = await login('a', 'head', SAIGON);
    const tenantId = (await gql<{ portal: { id: string } }>('a', SAIGON, '{ portal { id } }')).body.data!
      .portal.id;
    const ids: string[] = [];
    // A day ahead: still future however long the set-up takes; the queue's clock is moved below.
    const publishAt = aDayAhead();
    for (let n = 0; n < 6; n++) {
      const created = await gql<{ createContent: { id: string } }>(
        n % 2 ? 'a' : 'b',
        SAIGON,
        `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id } } }`,
        {
          i: {
            tenantId,
            kind: 'NEWS',
            title: `Tin hẹn giờ ${n}`,
            bodyHtml: '<p>x</p>',
            authorName: 'A',
            source: 'B',
            fields: {},
          },
        },
        writer,
      );
      const id = created.body.data!.createContent.id;
      ids.push(id);
      for (const [which, action, token] of [
        ['b', 'SUBMIT', writer],
        ['a', 'TAKE_FOR_REVIEW', head],
        ['b', 'APPROVE', head],
      ] as const)
        await gql(
          which,
          SAIGON,
          `mutation($a: WorkflowAction!, $id: String!) { transitionContent(action: $a, itemId: $id) { __typename } }`,
          { a: action, id },
          token,
        );
      const scheduled = await gql<{ scheduleContent: { __typename: string } }>(
        n % 2 ? 'b' : 'a',
        SAIGON,
        `mutation($id: String!, $at: DateTime!) { scheduleContent(itemId: $id, publishAt: $at) { __typename ... on InputError { errorCode field } } }`,
        { id, at: publishAt.toISOString() },
        head,
      );
      expect(scheduled.body.data?.scheduleContent.__typename).toBe('ContentItem');
    }
    // Every process polls every half second: none publishes before the time comes.
    await sleep(2_000);
    const { rows: early } = await pg.query(
      `SELECT count(*)::int AS n FROM content_items WHERE id = ANY($1::uuid[]) AND live_revision_id IS NOT NULL`,
      [ids],
    );
    expect(early[0].n).toBe(0);
    expect(await makeScheduledTimeArrive(pg, 'content-publish', ids)).toBe(ids.length);
    await until(
      'the scheduled items to go live',
      async () => {
        const { rows } = await pg.query(
          `SELECT count(*)::int AS n FROM content_items WHERE id = ANY($1::uuid[]) AND live_revision_id IS NOT NULL`,
          [ids],
        );
        return rows[0].n === ids.length;
      },
      20_000,
    );
    // Give any duplicate run the time to happen, then count the publications.
    await sleep(2_000);
    const { rows } = await pg.query(
      `SELECT item_id, count(*)::int AS n FROM workflow_events WHERE item_id = ANY($1::uuid[]) AND action = 'PUBLISH' GROUP BY item_id`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    const { rows: jobs } = await pg.query(
      `SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'content-publish' GROUP BY state`,
    );
    expect(jobs).toEqual([{ state: 'completed', n: ids.length }]);
  });
});
