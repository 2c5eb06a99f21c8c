import { createHash, randomUUID } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { Role } from '../libs/access/src';
import { TINY_PDF } from './support/zip-fixture';
import { BackupManifest, loadAppConfig } from '../libs/platform/src';
import { createApiApp } from '../apps/api/src/create-app';
import { MIGRATIONS } from '../libs/composition/src/migration-list';
import { portal } from './support/cli';
import { uploadAttachment } from './support/gql';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { httpRequest } from './support/http-client';
import { withAdmin } from './support/test-database';

/**
 * `portal backup` / `portal restore` as an operator runs them (the compiled CLI): a platform
 * populated through its API is backed up, destroyed (database dropped, attachment folder deleted),
 * restored into an empty database of the same name, and must come back row for row and byte for
 * byte, then serve the published item and its attachment again.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every row of every table (the app's and the job queue's) and every sequence, in a stable order. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ t: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS t
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
        ORDER BY 1`,
    );
    const out: Record<string, string[]> = {};
    for (const { t } of tables) {
      const { rows } = await client.query<{ r: string }>(
        `SELECT to_jsonb(x)::text AS r FROM ${t} x ORDER BY 1`,
      );
      out[t] = rows.map((r) => r.r);
    }
    const { rows: sequences } = await client.query<{ s: string; v: string | null }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS s, last_value::text AS v FROM pg_sequences ORDER BY 1`,
    );
    out['(sequences)'] = sequences.map((s) => `${s.s}=${s.v}`);
    return out;
  } finally {
    await client.end();
  }
}

/** Relative path → sha256 of every file in a folder. */
function fileHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(root, path)] = sha(readFileSync(path));
    }
  };
  walk(root);
  return out;
}

describe('portal backup and restore', () => {
  let t: TestApp;
  let dataDir: string;
  let work: string;
  let dbUrl: string;
  let dbName: string;
  let env: Record<string, string>;
  let before: Record<string, string[]>;
  let blobsBefore: Record<string, string>;
  const published = { id: '', slug: '', title: '', attachmentId: '', bytes: Buffer.alloc(0) };

  const blobRoot = () => join(dataDir, 'attachments');
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await t.gql(SAIGON, query, variables, { token });
    if (res.body.errors?.length || !res.body.data) throw new Error(JSON.stringify(res.body));
    return Object.values(res.body.data)[0] as Record<string, any>;
  };
  const manifestOf = (dir: string): BackupManifest =>
    JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;

  /** Populates the platform through its API: portals, accounts, a published item with two revisions, a file, a question. */
  async function populate(): Promise<void> {
    await t.apply(SMALL_TREES.city);
    const writer = await t.asUser('bk-writer', Role.CONTRIBUTOR, SAIGON);
    const member = await t.asUser('bk-member', Role.BOARD_MEMBER, SAIGON);
    const head = await t.asUser('bk-head', Role.BOARD_HEAD, SAIGON);
    const draft = {
      authorName: 'Nguyễn Văn A',
      source: 'UBND phường Sài Gòn',
      bodyHtml: '<p>Lịch tiếp công dân tháng 12.</p>',
      fields: {},
    };
    const created = await gql(
      `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode } } }`,
      { i: { tenantId: t.tenant(SAIGON).id, kind: 'NEWS', title: 'Lịch tiếp công dân', ...draft } },
      writer,
    );
    expect(created.__typename).toBe('ContentItem');
    published.id = created.id;
    published.title = 'Lịch tiếp công dân tháng 12 năm 2026';
    const edited = await gql(
      `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { __typename } }`,
      { id: published.id, i: { ...draft, title: published.title } },
      writer,
    );
    expect(edited.__typename).toBe('ContentItem');
    published.bytes = Buffer.concat([TINY_PDF, Buffer.from(`% backup ${randomUUID()}\n`)]);
    const res = await uploadAttachment(t.port, { host: SAIGON, token: writer }, published.id, {
      name: 'lich-tiep-cong-dan.pdf',
      data: published.bytes,
    });
    const up = { status: res.status, json: res.body as { id: string; sha256: string } };
    expect(up.status).toBe(201);
    published.attachmentId = up.json.id;
    for (const [action, token] of [
      ['SUBMIT', writer],
      ['TAKE_FOR_REVIEW', member],
      ['APPROVE', head],
      ['PUBLISH', member],
    ]) {
      const step = await gql(
        `mutation($id: String!) { transitionContent(itemId: $id, action: ${action}) { __typename } }`,
        { id: published.id },
        token,
      );
      expect(step.__typename).toBe('ContentItem');
    }
    const items = await gql(`{ publicItems { nodes { id slug } } }`, {});
    published.slug = items.nodes.find((n: { id: string }) => n.id === published.id).slug;
    const asked = await gql(`mutation($i: AskQuestionInput!) { askQuestion(input: $i) { __typename } }`, {
      i: {
        type: 'QUESTION',
        name: 'Trần Thị B',
        email: 'tran.thi.b@example.vn',
        phone: '0912345678',
        topic: 'Chứng thực bản sao',
        text: 'Xin hỏi chứng thực bản sao từ bản chính cần mang theo giấy tờ gì?',
      },
    });
    expect(asked.__typename).toBe('QuestionReceipt');
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-backup-data-'));
    work = mkdtempSync(join(tmpdir(), 'portal-backup-work-'));
    t = await startTestApp({ dataDir });
    await populate();
    dbUrl = t.databaseUrl;
    dbName = new URL(dbUrl).pathname.slice(1);
    env = { DATABASE_URL: dbUrl, PORTAL_DATA_DIR: dataDir, ATTACHMENT_STORE: 'local' };
    // The app stops (its job queue would keep writing), but its database stays.
    await t.app.close();
  }, 120_000);

  afterAll(async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up, survives the destruction of the platform, and restores every row and every file', async () => {
    const dir = join(work, 'backup-1');
    let started = Date.now();
    const backup = await portal(['backup', dir], env);
    const backupMs = Date.now() - started;
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.stdout).toContain(`backup written to ${dir}`);

    before = await snapshot(dbUrl);
    blobsBefore = fileHashes(blobRoot());
    const manifest = manifestOf(dir);
    expect(manifest.app.version).toBe(
      JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version,
    );
    expect(manifest.database.migrations).toHaveLength(MIGRATIONS.length);
    expect(manifest.database.lastMigration).toBe(manifest.database.migrations.at(-1));
    expect(manifest.database.dump.sha256).toBe(sha(readFileSync(join(dir, 'database.dump'))));
    for (const [table, rows] of Object.entries(before))
      if (table !== '(sequences)')
        expect([table, manifest.database.tables[table]]).toEqual([table, rows.length]);
    expect(manifest.database.tables['public.audit_log']).toBeGreaterThan(0);
    expect(manifest.database.tables['public.questions']).toBe(1);
    expect(manifest.database.tables['public.content_revisions']).toBeGreaterThanOrEqual(2);
    expect(Object.keys(manifest.database.tables).some((name) => name.startsWith('pgboss.'))).toBe(true);
    expect(manifest.blobs).toMatchObject({ store: 'local', count: Object.keys(blobsBefore).length });
    expect(fileHashes(join(dir, 'blobs'))).toEqual(blobsBefore);
    const fileSha = sha(published.bytes);
    expect(blobsBefore[join('sha256', fileSha.slice(0, 2), fileSha.slice(2, 4), fileSha)]).toBe(fileSha);

    // Destroy the platform: the database and the attachment folder.
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${dbName}"`);
    });
    rmSync(blobRoot(), { recursive: true, force: true });

    started = Date.now();
    const restore = await portal(['restore', dir], env);
    const restoreMs = Date.now() - started;
    expect(restore).toMatchObject({ code: 0 });
    expect(restore.stdout).toContain('rows per table (equal to the manifest)');
    expect(restore.stdout).toMatch(/public\.questions\s+1\n/);
    expect(await snapshot(dbUrl)).toEqual(before);
    expect(fileHashes(blobRoot())).toEqual(blobsBefore);
    process.stderr.write(`backup ${backupMs} ms, restore ${restoreMs} ms\n`);
    // Row-level security survives: the scoped role may work again (a restore leaves grants out and
    // makes the scoped role's again), and under it a portal sees its own rows only.
    const restored = new Client({ connectionString: dbUrl });
    await restored.connect();
    try {
      const saigon = await restored.query(`SELECT id, path::text FROM tenants WHERE primary_host = $1`, [
        SAIGON,
      ]);
      await restored.query('BEGIN');
      await restored.query(`SET LOCAL ROLE portal_tenant`);
      await restored.query(`SELECT set_config('portal.scope', $1, true)`, [saigon.rows[0].path]);
      const seen = await restored.query('SELECT DISTINCT tenant_id FROM content_items');
      expect(seen.rows.map((r) => r.tenant_id)).toEqual([saigon.rows[0].id]);
      await restored.query('ROLLBACK');
    } finally {
      await restored.end();
    }

    // The restored platform serves the published item and its file again.
    const config = Object.freeze({
      ...loadAppConfig({ NODE_ENV: 'test', DATABASE_URL: dbUrl, SEED_DEMO: 'false', LOG_LEVEL: 'error' }),
      dataDir,
    });
    const app: NestExpressApplication = await createApiApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      const port = (app.getHttpServer().address() as { port: number }).port;
      const item = await httpRequest<{
        data: { publicItem: { id: string; title: string; attachments: { id: string }[] } };
      }>(port, {
        host: SAIGON,
        body: {
          query: `query($s: String!) { publicItem(slug: $s) { id title attachments { id } } }`,
          variables: { s: published.slug },
        },
      });
      expect(item.body.data.publicItem).toEqual({
        id: published.id,
        title: published.title,
        attachments: [{ id: published.attachmentId }],
      });
      const file = await httpRequest(port, { host: SAIGON, path: `/attachments/${published.attachmentId}` });
      expect(file.status).toBe(200);
      expect(file.bytes.equals(published.bytes)).toBe(true);
    } finally {
      await app.close();
    }
  }, 180_000);

  it('refuses a database that is not empty without --force, and replaces all of it with --force (from a .tar)', async () => {
    const tar = join(work, 'backup-2.tar');
    const packed = await portal(['backup', tar], env);
    expect(packed).toMatchObject({ code: 0 });
    const state = await snapshot(dbUrl);

    const client = new Client({ connectionString: dbUrl });
    await client.connect();
    await client.query(
      'CREATE SCHEMA leftover; CREATE TABLE leftover.t (x int); INSERT INTO leftover.t VALUES (1)',
    );
    await client.query(`UPDATE accounts SET display_name = 'changed after the backup'`);
    await client.end();

    const refused = await portal(['restore', tar], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`database "${dbName}" is not empty`);
    expect(refused.stderr).toContain('--force');
    expect(refused.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

    // Not while something else is connected (a running api or worker).
    const api = new Client({ connectionString: dbUrl, application_name: 'portal' });
    await api.connect();
    const busy = await portal(['restore', tar, '--force'], env);
    await api.end();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('1 other session(s) are connected to database');
    expect(busy.stderr).toContain('stop the api and workers');

    const unpacked = () => readdirSync(tmpdir()).filter((n) => n.startsWith('portal-restore-')).length;
    const unpackedBefore = unpacked();
    const forced = await portal(['restore', tar, '--force'], env);
    expect(forced).toMatchObject({ code: 0 });
    expect(forced.stderr).toContain('dropped schemas leftover, pgboss, public');
    expect(await snapshot(dbUrl)).toEqual(state);
    // The .tar was unpacked into a temporary folder, removed afterwards.
    expect(unpacked()).toBeLessThanOrEqual(unpackedBefore);
  }, 180_000);

  it('refuses a damaged dump or attachment file, naming it, and leaves the database alone', async () => {
    const good = join(work, 'backup-1');
    const state = await snapshot(dbUrl);

    const badDump = join(work, 'bad-dump');
    cpSync(good, badDump, { recursive: true });
    const dumpBytes = readFileSync(join(badDump, 'database.dump'));
    dumpBytes[dumpBytes.length >> 1] ^= 0xff;
    writeFileSync(join(badDump, 'database.dump'), dumpBytes);
    const dump = await portal(['restore', badDump, '--force'], env);
    expect(dump.code).toBe(1);
    expect(dump.stderr).toContain('database.dump is damaged');

    const badBlob = join(work, 'bad-blob');
    cpSync(good, badBlob, { recursive: true });
    const blob = Object.keys(fileHashes(join(badBlob, 'blobs')))[0];
    writeFileSync(join(badBlob, 'blobs', blob), 'not the bytes this name promises');
    const file = await portal(['restore', badBlob, '--force'], env);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain(join('blobs', blob));

    expect(await snapshot(dbUrl)).toEqual(state);
  }, 120_000);

  it('refuses a pg_dump or pg_restore older than the server, printing both versions, and never overwrites', async () => {
    const fake = (name: string) => {
      const path = join(work, name);
      writeFileSync(path, `#!/bin/sh\necho "${name} (PostgreSQL) 14.9"\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const client = new Client({ connectionString: dbUrl });
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    await client.end();
    const server = rows[0].v.split(' ')[0];

    const dump = await portal(['backup', join(work, 'never')], { ...env, PG_DUMP: fake('pg_dump') });
    expect(dump.code).toBe(1);
    expect(dump.stderr).toContain('pg_dump 14.9');
    expect(dump.stderr).toContain(`PostgreSQL ${server}`);
    expect(existsSync(join(work, 'never'))).toBe(false);

    const restore = await portal(['restore', join(work, 'backup-1'), '--force'], {
      ...env,
      PG_RESTORE: fake('pg_restore'),
    });
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('pg_restore 14.9');
    expect(restore.stderr).toContain(`PostgreSQL ${server}`);

    const again = await portal(['backup', join(work, 'backup-1')], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
  }, 120_000);
});
