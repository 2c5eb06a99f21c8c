import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '../libs/access/src';
import { ContentItemEntity, ContentRevisionEntity } from '../libs/content/src';
import {
  RequestContext,
  ScopedRepositoryFactory,
  TransactionRunner,
  createAppAbility,
  systemContext,
} from '../libs/platform/src';
import { SCOPED_ROLE } from '../libs/platform/src/database/tenant-scope';
import { TENANT_RULES as PLATFORM_RULES } from '../libs/platform/src/migrations/1763800001400-row-level-security';
import { ROYALTY_TENANT_RULES } from '../libs/royalties/src/migrations/1763800001500-royalties';
import { ROYALTY_ADJUSTMENT_TENANT_RULES } from '../libs/royalties/src/migrations/1765100000400-royalty-adjustments';
import { SITE_TENANT_RULES } from '../libs/site/src/migrations/1763800001530-site';

/** Every tenant-owned table's policy: the platform's, and those later libs' migrations add. */
const TENANT_RULES: Record<string, unknown> = {
  ...PLATFORM_RULES,
  ...ROYALTY_TENANT_RULES,
  ...ROYALTY_ADJUSTMENT_TENANT_RULES,
  ...SITE_TENANT_RULES,
};
import { startSeededApp } from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * Row-level security: the database itself confines an officer's transaction to the subtree of
 * the portal the request addressed, whatever the SQL forgot. Checked on the catalog (every
 * tenant-owned table has policies), directly in SQL as the scoped role, and through the app's
 * transaction runner and scoped repository with queries that drop their tenant condition.
 */
const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } } }`;
const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { __typename ... on QuestionReceipt { trackingCode } } }`;

/** Tables that belong to no single portal, each with the reason. */
const NOT_TENANT_OWNED: Record<string, string> = {
  tenants: 'the tree itself: every request routes through it, and it is public',
  sessions: 'keyed by account; only the session service reads it, by token',
  login_failures: 'throttling by user name and address before anyone is known',
  question_unit_members: 'membership rows keyed by unit and account; read through the unit',
  migrations: 'the schema history',
  backup_runs: 'platform operations (scheduled backups); the scoped role has no rights on it',
};

describe('row-level security on tenant-owned tables', () => {
  let t: TestApp;
  let db: Client;
  const ids: Record<string, { item: string; question: string; account: string }> = {};

  /** Runs `sql` in a transaction as the scoped role, confined to `host`'s subtree (or to none). */
  async function asScoped<T>(host: string | null, work: (c: Client) => Promise<T>): Promise<T> {
    await db.query('BEGIN');
    try {
      await db.query(`SET LOCAL ROLE ${SCOPED_ROLE}`);
      if (host) await db.query(`SELECT set_config('portal.scope', $1, true)`, [t.tenant(host).path]);
      return await work(db);
    } finally {
      await db.query('ROLLBACK');
    }
  }

  function officerContext(host: string, accountId: string, manager?: RequestContext['manager']) {
    return new RequestContext({
      requestId: `rls-${randomUUID()}`,
      tenant: t.tenant(host),
      actor: { type: 'account', accountId, username: 'rls', sessionId: randomUUID(), isPlatformAdmin: false },
      // Everything allowed by CASL: only the subtree condition and row-level security remain.
      ability: createAppAbility([{ action: 'manage', subject: 'all' }]),
      locale: 'vi',
      manager: manager ?? null,
    });
  }

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    for (const host of [CITY, SAIGON, BENTHANH]) {
      const name = host.split('.')[0];
      const token = await t.asUser(`writer.${name}`, Role.CONTRIBUTOR, host);
      const created = await t.gql<{ createContent: { __typename: string; id: string } }>(
        host,
        CREATE,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            title: `Tin nội bộ ${name}`,
            bodyHtml: '<p>Bản nháp chưa đăng.</p>',
            authorName: 'Nguyễn Văn A',
            source: 'UBND',
            fields: { eventDate: '2026-11-20' },
          },
        },
        { token },
      );
      expect(created.body.data?.createContent.__typename).toBe('ContentItem');
      const asked = await t.gql<{ askQuestion: { trackingCode: string } }>(host, ASK, {
        i: {
          type: 'QUESTION',
          name: 'Trần Thị B',
          email: 'tran.thi.b@example.vn',
          topic: 'Hộ tịch',
          text: `Câu hỏi gửi ${name} về thủ tục khai sinh cho con.`,
        },
      });
      const question = await db.query('SELECT id FROM questions WHERE tracking_code = $1', [
        asked.body.data!.askQuestion.trackingCode,
      ]);
      const account = await db.query('SELECT id FROM accounts WHERE username = $1', [`writer.${name}`]);
      ids[host] = {
        item: created.body.data!.createContent.id,
        question: question.rows[0].id,
        account: account.rows[0].id,
      };
    }
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('every table naming a portal has row-level security and a policy for the scoped role', async () => {
    const { rows } = await db.query<{
      table_name: string;
      columns: string[];
      rls: boolean;
      policies: number;
    }>(`
      SELECT c.relname AS table_name,
             array_agg(a.attname::text ORDER BY a.attname) FILTER (WHERE a.attname ~ 'tenant_id$') AS columns,
             c.relrowsecurity AS rls,
             (SELECT count(*)::int FROM pg_policy p
               WHERE p.polrelid = c.oid AND p.polroles @> ARRAY[(SELECT oid FROM pg_roles WHERE rolname = '${SCOPED_ROLE}')])
               AS policies
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind = 'r'
      GROUP BY c.oid, c.relname, c.relrowsecurity`);
    const owned = rows.filter((r) => r.columns?.length);
    const others = rows.filter((r) => !r.columns?.length).map((r) => r.table_name);
    expect(owned.length).toBeGreaterThanOrEqual(28);
    for (const table of owned) {
      expect({ table: table.table_name, rls: table.rls, policies: table.policies > 0 }).toEqual({
        table: table.table_name,
        rls: true,
        policies: true,
      });
    }
    // The first migration's tables carry the rules it wrote; later ones bring their own policies.
    for (const table of Object.keys(TENANT_RULES)) expect(owned.map((r) => r.table_name)).toContain(table);
    // A table without a portal column is either listed with its reason or reaches a portal
    // through a parent row whose table is protected.
    expect(others.sort()).toEqual(Object.keys(NOT_TENANT_OWNED).sort());
  });

  it('as the scoped role, a query without any tenant condition returns only the subtree', async () => {
    const saigon = t.tenant(SAIGON).id;
    const city = t.tenant(CITY).id;
    await asScoped(SAIGON, async (c) => {
      const items = await c.query('SELECT DISTINCT tenant_id FROM content_items');
      expect(items.rows.map((r) => r.tenant_id)).toEqual([saigon]);
      const revisions = await c.query('SELECT DISTINCT tenant_id FROM content_revisions');
      expect(revisions.rows.map((r) => r.tenant_id)).toEqual([saigon]);
      const questions = await c.query('SELECT id FROM questions');
      expect(questions.rows.map((r) => r.id)).toEqual([ids[SAIGON].question]);
      const accounts = await c.query('SELECT DISTINCT tenant_id FROM accounts');
      expect(accounts.rows.map((r) => r.tenant_id)).toEqual([saigon]);
      const audit = await c.query('SELECT DISTINCT tenant_id FROM audit_log');
      expect(audit.rows.map((r) => r.tenant_id)).not.toContain(t.tenant(BENTHANH).id);
      expect(audit.rows.map((r) => r.tenant_id)).not.toContain(city);
      // A join that forgot its condition finds nothing foreign on either side.
      const joined = await c.query(
        'SELECT DISTINCT i.tenant_id AS a, r.tenant_id AS b FROM content_items i CROSS JOIN content_revisions r',
      );
      expect(joined.rows).toEqual([{ a: saigon, b: saigon }]);
    });
    // The city's scope is its subtree: its own rows and its wards'.
    await asScoped(CITY, async (c) => {
      const items = await c.query('SELECT tenant_id FROM content_items');
      expect(new Set(items.rows.map((r) => r.tenant_id))).toEqual(
        new Set([city, saigon, t.tenant(BENTHANH).id]),
      );
    });
  });

  it('the scoped role without a scope sees nothing, and cannot write outside its subtree', async () => {
    await asScoped(null, async (c) => {
      for (const table of Object.keys(TENANT_RULES)) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
    });
    await asScoped(SAIGON, async (c) => {
      const updated = await c.query(`UPDATE content_items SET pinned = true WHERE id = $1`, [
        ids[BENTHANH].item,
      ]);
      expect(updated.rowCount).toBe(0);
      const hidden = await c.query(`UPDATE questions SET topic = 'x' WHERE id = $1`, [ids[CITY].question]);
      expect(hidden.rowCount).toBe(0);
      await c.query('SAVEPOINT s');
      await expect(
        c.query(`INSERT INTO categories (id, tenant_id, slug, name_vi) VALUES ($1, $2, 'lot', 'Lọt')`, [
          randomUUID(),
          t.tenant(BENTHANH).id,
        ]),
      ).rejects.toMatchObject({ code: '42501' });
      await c.query('ROLLBACK TO SAVEPOINT s');
      // Moving a row of its own to another portal is refused too.
      await expect(
        c.query(`UPDATE content_items SET tenant_id = $1 WHERE id = $2`, [
          t.tenant(BENTHANH).id,
          ids[SAIGON].item,
        ]),
      ).rejects.toMatchObject({ code: '42501' });
    });
    const untouched = await db.query('SELECT pinned, tenant_id FROM content_items WHERE id = $1', [
      ids[BENTHANH].item,
    ]);
    expect(untouched.rows[0]).toEqual({ pinned: false, tenant_id: t.tenant(BENTHANH).id });
  });

  it('an officer transaction from the app is confined; a system one is not', async () => {
    const runner = t.app.get(TransactionRunner);
    const saigonOfficer = officerContext(SAIGON, ids[SAIGON].account);
    const seen = await runner.run(saigonOfficer, (tx) =>
      runner.manager(tx).query('SELECT DISTINCT tenant_id FROM questions'),
    );
    expect(seen.map((r: { tenant_id: string }) => r.tenant_id)).toEqual([t.tenant(SAIGON).id]);
    const all = await runner.run(systemContext('rls-test'), (tx) =>
      runner.manager(tx).query('SELECT DISTINCT tenant_id FROM questions'),
    );
    expect(all.length).toBe(3);
    // The role and the settings end with the transaction: the pooled connection is clean after.
    const after = await t.app
      .get(DataSource)
      .query(`SELECT current_user AS who, current_setting('portal.scope', true) AS scope`);
    expect(after[0].who).not.toBe(SCOPED_ROLE);
    expect(after[0].scope ?? '').toBe('');
  });

  it('a scoped query whose caller defeats its tenant condition still returns nothing foreign', async () => {
    const factory = t.app.get(ScopedRepositoryFactory);
    const items = factory.for(ContentItemEntity, 'Content');
    const ctx = officerContext(SAIGON, ids[SAIGON].account);
    // `OR true` undoes every condition the repository wrote; a join adds another table unfiltered.
    const rows = await items
      .query(ctx, 'read')
      .orWhere('true')
      .leftJoin(ContentRevisionEntity, 'rev', 'true')
      .select(['row.tenant_id AS item_tenant', 'rev.tenant_id AS revision_tenant'])
      .getRawMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.item_tenant).toBe(t.tenant(SAIGON).id);
      expect(row.revision_tenant).toBe(t.tenant(SAIGON).id);
    }
    // `where` replaces every condition the repository wrote: the query asks for a foreign id alone.
    const foreign = items.query(ctx, 'read').where('row.id = :id', { id: ids[BENTHANH].item });
    expect(foreign.getQuery()).not.toContain('scope_tenant"."path"');
    expect(await foreign.getOne()).toBeNull();
    expect(await foreign.getCount()).toBe(0);
    expect(await items.findById(ctx, 'read', ids[BENTHANH].item)).toBeNull();
    expect((await items.findById(ctx, 'read', ids[SAIGON].item))?.id).toBe(ids[SAIGON].item);
    // Streaming would outlive the confined transaction: refused, never run unconfined.
    await expect(items.query(ctx, 'read').stream()).rejects.toThrow(/cannot be streamed/);
    // The same defeated query for a system context sees every portal.
    const system = await items.query(systemContext('rls-test'), 'read').orWhere('true').getMany();
    expect(new Set(system.map((i) => i.tenantId)).size).toBe(3);
  });

  it('an item offered to a portal is readable there, never writable', async () => {
    const saigon = t.tenant(SAIGON).id;
    const city = t.tenant(CITY).id;
    await db.query(
      `INSERT INTO syndications (id, item_id, source_tenant_id, target_tenant_id, direction, state, pinned, proposed_at, updated_at)
       VALUES ($1, $2, $3, $4, 'DOWN', 'PROPOSED', false, now(), now())`,
      [randomUUID(), ids[CITY].item, city, saigon],
    );
    await asScoped(SAIGON, async (c) => {
      const read = await c.query('SELECT id FROM content_items WHERE id = $1', [ids[CITY].item]);
      expect(read.rows).toHaveLength(1);
      const write = await c.query(`UPDATE content_items SET pinned = true WHERE id = $1`, [ids[CITY].item]);
      expect(write.rowCount).toBe(0);
    });
    await asScoped(BENTHANH, async (c) => {
      const read = await c.query('SELECT id FROM content_items WHERE id = $1', [ids[CITY].item]);
      expect(read.rows).toHaveLength(0);
    });
  });
});
