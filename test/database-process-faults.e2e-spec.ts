import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseBootstrapService } from '../libs/platform/src';
import { httpRequest } from './support/http-client';
import { alive, killPostgres, postmasterPid } from './support/postgres-kill';
import { startTestApp } from './support/test-app';
import { freePort, until } from './support/waiting';

const API = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');

jest.setTimeout(240_000);

/**
 * The compiled api (`npm test` builds it first) as an operator runs it, in its embedded default with
 * the data in a temporary folder: killed -9 it leaves its bundled PostgreSQL behind, which the next
 * start finds and replaces; stopped (SIGTERM) after its server died it exits at once.
 */
describe('the api process and its bundled PostgreSQL', () => {
  let dir = '';
  let pgPort = 0;
  const children: ChildProcess[] = [];

  const startApi = async (): Promise<{ child: ChildProcess; port: number }> => {
    const port = await freePort();
    const log = createWriteStream(join(dir, 'api.log'), { flags: 'a' });
    const child = spawn(process.execPath, [API], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: '',
        PORTAL_DATA_DIR: join(dir, 'data'),
        EMBEDDED_PG_PORT: String(pgPort),
        PORT: String(port),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    children.push(child);
    await until(
      'the api to be ready',
      async () =>
        child.exitCode !== null ||
        (await httpRequest(port, { host: 'localhost', path: '/health/ready' })).status === 200,
      120_000,
    );
    if (child.exitCode !== null) throw new Error(`api exited: ${readFileSync(join(dir, 'api.log'), 'utf8')}`);
    return { child, port };
  };
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  /** The bundled server's data folder: the one asked for, or its stand-in under /var/tmp as root. */
  let pgData = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-orphan-'));
    chmodSync(dir, 0o755);
    pgPort = await freePort();
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    if (pgData) {
      try {
        killPostgres(postmasterPid(pgData));
      } catch {
        // none left, as it should be
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 of the api: the next start replaces the orphaned server and stops its own at shutdown', async () => {
    const first = await startApi();
    pgData = join(dir, 'data', 'postgres');
    const orphan = postmasterPid(pgData);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(alive(orphan)).toBe(true); // nobody owns it now

    const t = await startTestApp({}, { embedded: { dataDir: join(dir, 'data'), port: pgPort } });
    const server = t.app.get(DatabaseBootstrapService).embeddedServer!;
    expect(server.state()).toBe('running');
    expect(alive(orphan)).toBe(false);
    expect(server.pid()).not.toBe(orphan);
    expect(postmasterPid(pgData)).toBe(server.pid());
    expect((await t.http({ host: 'localhost', path: '/health/ready' })).status).toBe(200);
    const own = server.pid()!;
    await t.close();
    expect(alive(own)).toBe(false);
  });

  it('SIGTERM after the bundled server was killed -9: a prompt exit, no server left behind', async () => {
    const api = await startApi();
    const pid = postmasterPid(pgData);
    killPostgres(pid);
    const stopping = Date.now();
    api.child.kill('SIGTERM');
    await exited(api.child);
    // eslint-disable-next-line no-console
    console.log(
      `SIGTERM to exit with the bundled server killed: ${Date.now() - stopping} ms (${api.child.exitCode ?? api.child.signalCode})`,
    );
    // Not the 143 of a shutdown hook that gave up waiting for the dead server.
    expect(api.child.exitCode).not.toBe(143);
    expect(alive(pid)).toBe(false);
    // Nor a server restarted meanwhile and left running.
    let last: number;
    try {
      last = postmasterPid(pgData);
    } catch {
      last = 0;
    }
    expect(last === 0 || !alive(last)).toBe(true);
  });
});
