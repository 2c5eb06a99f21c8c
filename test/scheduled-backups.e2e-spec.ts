import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ScheduledBackupsService } from '../libs/composition/src/backup/scheduled-backups.service';
import { Role } from '../libs/access/src';
import { portal } from './support/cli';
import { TO_LIVE, advance } from './support/fixtures';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { withAdmin } from './support/test-database';

/**
 * Scheduled backups (05/2024 art. 8.11): runs write archives into BACKUP_DIR and keep the newest of
 * the last N days and M months; a failed run shows in /health/backups, /health/ready and /metrics;
 * one of the scheduled archives restores into an empty database with the published item in it.
 */

const WORK = mkdtempSync(join(tmpdir(), 'portal-scheduled-backups-'));
const BACKUPS = join(WORK, 'backups');
// Read when the app starts: two days and one month kept.
process.env.BACKUP_DIR = BACKUPS;
process.env.BACKUP_KEEP_DAILY = '2';
process.env.BACKUP_KEEP_MONTHLY = '1';

jest.setTimeout(240_000);

describe('scheduled backups with retention, watched by /health and /metrics', () => {
  let t: TestApp;
  let itemId: string;
  const restoredDb = `portal_restored_${randomUUID().slice(0, 8)}`;

  const health = async (path: string) => {
    const res = await t.http({ host: 'hochiminhcity.gov.vn', path });
    return { status: res.status, body: JSON.parse(res.text) as Record<string, any> };
  };
  const metric = async (name: string) => {
    const res = await t.http({ host: '127.0.0.1', path: '/metrics' });
    const line = res.text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : null;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    const token = await t.asUser('bk-writer', Role.CONTRIBUTOR, 'saigon.hochiminhcity.gov.vn');
    const created = await t.gql(
      'saigon.hochiminhcity.gov.vn',
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ... on ContentItem { id } } }`,
      {
        i: {
          tenantId: t.tenant('saigon.hochiminhcity.gov.vn').id,
          kind: 'NEWS',
          title: 'Tin được sao lưu',
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'A',
          source: 'B',
          fields: {},
        },
      },
      { token },
    );
    itemId = created.body.data!.createContent.id;
    await advance(t, itemId, TO_LIVE);
  });
  afterAll(async () => {
    await t?.close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${restoredDb}" WITH (FORCE)`));
    delete process.env.BACKUP_DIR;
  });

  it('reports that no backup has run yet', async () => {
    expect(await health('/health/backups')).toMatchObject({ status: 503, body: { status: 'none yet' } });
    // Readiness is not withheld for it.
    expect(await health('/health/ready')).toMatchObject({
      status: 200,
      body: { backups: { status: 'none yet' } },
    });
  });

  it('runs on schedule and keeps the newest of the last 2 days and of the last month', async () => {
    const service = t.app.get(ScheduledBackupsService);
    expect(service.schedule).toMatchObject({
      dir: BACKUPS,
      cron: '0 19 * * *',
      keepDaily: 2,
      keepMonthly: 1,
    });
    // Three nights at 02:00 in Vietnam: 6, 7 and 8 December 2026.
    const runs = [];
    for (const at of ['2026-12-05T19:00:00Z', '2026-12-06T19:00:00Z', '2026-12-07T19:00:00Z'])
      runs.push(await service.run(new Date(at)));
    expect(runs.map((r) => r.ok)).toEqual([true, true, true]);
    expect(runs[2].pruned).toEqual(['portal-20261205T190000Z.tar']);
    expect(readdirSync(BACKUPS).sort()).toEqual([
      'portal-20261206T190000Z.tar',
      'portal-20261207T190000Z.tar',
    ]);
    expect(await health('/health/backups')).toMatchObject({
      status: 200,
      body: { status: 'ok', lastOutcome: 'OK', failuresSinceSuccess: 0, keepDaily: 2, keepMonthly: 1 },
    });
    expect(await metric('portal_backup_last_success_timestamp_seconds')).toBeGreaterThan(0);
    expect(await metric('portal_backup_failures_since_success')).toBe(0);
  });

  it('shows a failed run in /health and /metrics until one succeeds again', async () => {
    const service = t.app.get(ScheduledBackupsService);
    // A backup folder that cannot be made: a file is in the way.
    const blocker = join(WORK, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const failed = await service.run(new Date('2026-12-08T19:00:00Z'), {
      ...service.schedule,
      dir: join(blocker, 'sub'),
    });
    expect(failed.ok).toBe(false);
    expect(await health('/health/backups')).toMatchObject({
      status: 503,
      body: { status: 'failing', lastOutcome: 'FAILED', failuresSinceSuccess: 1 },
    });
    expect((await health('/health/ready')).status).toBe(200);
    expect(await metric('portal_backup_failures_since_success')).toBe(1);
    // The next night's run succeeds: back to ok.
    expect((await service.run(new Date('2026-12-09T19:00:00Z'))).ok).toBe(true);
    expect((await health('/health/backups')).body).toMatchObject({ status: 'ok', failuresSinceSuccess: 0 });
    expect(readdirSync(BACKUPS).sort()).toEqual([
      'portal-20261207T190000Z.tar',
      'portal-20261209T190000Z.tar',
    ]);
  });

  it('restores one of the scheduled archives into an empty database', async () => {
    await withAdmin((c) => c.query(`CREATE DATABASE "${restoredDb}"`));
    const url = new URL(t.databaseUrl);
    url.pathname = `/${restoredDb}`;
    const dataDir = mkdtempSync(join(WORK, 'restored-data-'));
    const restore = await portal(['restore', join(BACKUPS, 'portal-20261209T190000Z.tar')], {
      DATABASE_URL: url.toString(),
      PORTAL_DATA_DIR: dataDir,
      ATTACHMENT_STORE: 'local',
    });
    expect([restore.code, restore.stderr]).toEqual([0, expect.anything()]);
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const items = await client.query(`SELECT title FROM content_revisions WHERE item_id = $1`, [itemId]);
      expect(items.rows).toEqual([{ title: 'Tin được sao lưu' }]);
      // The archive holds the runs before it: four OK and the failure, this one still running then.
      const history = await client.query(`SELECT outcome FROM backup_runs ORDER BY id`);
      expect(history.rows.map((r) => r.outcome)).toEqual(['OK', 'OK', 'OK', 'FAILED', 'RUNNING']);
    } finally {
      await client.end();
    }
  });
});
