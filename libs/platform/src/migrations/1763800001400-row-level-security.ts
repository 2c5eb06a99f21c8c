import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCOPED_ROLE } from '../database/tenant-scope';

/**
 * Row-level security on every tenant-owned table (see docs/row-level-security.md).
 *
 * Policies apply to one role, `portal_tenant`, which a transaction takes on (SET LOCAL ROLE) when
 * it works for an officer of one portal, together with the setting `portal.scope` (the ltree path
 * of the portal the request addressed). Under that role a row is visible, and may be written, only
 * when the portal owning it lies in that subtree, so a query that forgot its tenant condition, or a
 * join a caller added to a scoped query, returns nothing foreign. Work that is cross-portal by
 * nature (jobs, the public site, platform administration, migrations) runs as the login role, which
 * owns the tables and is not subject to these policies.
 */
export class RowLevelSecurity1763800001400 implements MigrationInterface {
  name = 'RowLevelSecurity1763800001400';

  async up(q: QueryRunner): Promise<void> {
    await ensureScopedRole(q);
    await grantScopedRole(q);

    // Inlined into each policy: an EXISTS the planner turns into a semi-join on tenants' key.
    // Without the setting the answer is false: the scoped role sees nothing by default.
    await q.query(`
      CREATE FUNCTION portal_scope_visible(tenant uuid) RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT EXISTS (
          SELECT 1 FROM tenants t
          WHERE t.id = tenant AND t.path <@ nullif(current_setting('portal.scope', true), '')::ltree
        )
      $$`);
    await q.query(`
      CREATE FUNCTION portal_scope_account() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT nullif(current_setting('portal.account', true), '')::uuid
      $$`);
    // The portals above the scope: their categories and syndication rules decide what becomes of
    // an offer sent up (an auto-accepting rule files it at once), so the sender may read them.
    await q.query(`
      CREATE FUNCTION portal_scope_above(tenant uuid) RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT EXISTS (
          SELECT 1 FROM tenants t
          WHERE t.id = tenant AND nullif(current_setting('portal.scope', true), '')::ltree <@ t.path
        )
      $$`);
    // An item another portal offered to, or placed on, a portal of the scope is readable there
    // (the receiving board reviews it; the copy shows it), never writable.
    await q.query(`
      CREATE FUNCTION portal_scope_receives(item uuid) RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT EXISTS (
          SELECT 1 FROM syndications s
          WHERE s.item_id = item AND portal_scope_visible(s.target_tenant_id)
        )
      $$`);

    for (const [table, rule] of Object.entries(TENANT_RULES)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO ${SCOPED_ROLE} USING (${rule.own}) WITH CHECK (${rule.write ?? rule.own})`,
      );
      if (rule.read)
        await q.query(
          `CREATE POLICY tenant_scope_read ON ${table} FOR SELECT TO ${SCOPED_ROLE} USING (${rule.read})`,
        );
    }
    // The public views read as the querying role, so the policies above also hold through them.
    for (const view of ['public_placements', 'public_copies', 'public_own'])
      await q.query(`ALTER VIEW ${view} SET (security_invoker = true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of ['public_placements', 'public_copies', 'public_own'])
      await q.query(`ALTER VIEW ${view} RESET (security_invoker)`);
    for (const [table, rule] of Object.entries(TENANT_RULES)) {
      if (rule.read) await q.query(`DROP POLICY tenant_scope_read ON ${table}`);
      await q.query(`DROP POLICY tenant_scope ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION portal_scope_receives(uuid)`);
    await q.query(`DROP FUNCTION portal_scope_above(uuid)`);
    await q.query(`DROP FUNCTION portal_scope_account()`);
    await q.query(`DROP FUNCTION portal_scope_visible(uuid)`);
  }
}

/** Anything that runs SQL: a migration's query runner, a `pg` client (the restore). */
interface Sql {
  query(sql: string): Promise<unknown>;
}

/**
 * Creates the scoped role if it is missing and makes the login role a member (SET ROLE needs it).
 * The role is cluster-wide: several databases of one server may migrate at once; a restore into
 * another server needs it before the policies that name it.
 */
export async function ensureScopedRole(q: Sql): Promise<void> {
  await q.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SCOPED_ROLE}') THEN
        BEGIN
          CREATE ROLE ${SCOPED_ROLE} NOLOGIN;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN NULL;
          WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'The role ${SCOPED_ROLE} does not exist and % may not create it', current_user
              USING HINT = 'As a superuser: CREATE ROLE ${SCOPED_ROLE} NOLOGIN; GRANT ${SCOPED_ROLE} TO ' || current_user || ';';
        END;
      END IF;
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         AND NOT pg_has_role(current_user, '${SCOPED_ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT ${SCOPED_ROLE} TO %I', current_user);
      END IF;
    END $$`);
}

/**
 * What the scoped role may do, table by table (the policies then say which rows). Also run after a
 * restore, which leaves privileges out (`--no-privileges`: the dump's grants name its server's roles).
 */
export async function grantScopedRole(q: Sql): Promise<void> {
  await q.query(`GRANT USAGE ON SCHEMA public TO ${SCOPED_ROLE}`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${SCOPED_ROLE}`);
  await q.query(`REVOKE ALL ON migrations FROM ${SCOPED_ROLE}`);
  await q.query(`REVOKE UPDATE, DELETE ON audit_log FROM ${SCOPED_ROLE}`);
  await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${SCOPED_ROLE}`);
  // Tables made later by the same owner (and the job queue's schema, which pg-boss creates and
  // upgrades itself) are granted as they appear; their policies come with their migrations.
  await q.query(`ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ${SCOPED_ROLE}`);
  await q.query(`ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${SCOPED_ROLE}`);
  await q.query(`ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${SCOPED_ROLE}`);
  await q.query(`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
        GRANT USAGE ON SCHEMA pgboss TO ${SCOPED_ROLE};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${SCOPED_ROLE};
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO ${SCOPED_ROLE};
      END IF;
    END $$`);
}

const own = (column = 'tenant_id') => `portal_scope_visible(${column})`;
// Evaluated under the questions table's own policy: the question is one the scope may see.
const questionVisible = 'EXISTS (SELECT 1 FROM questions q WHERE q.id = question_id)';
const either = (...columns: string[]) => columns.map((c) => own(c)).join(' OR ');

/**
 * Every tenant-owned table: `own` decides which rows the scope owns (read and write), `write`
 * narrows what it may write when that differs, `read` adds rows it may only read.
 */
export const TENANT_RULES: Record<string, { own: string; write?: string; read?: string }> = {
  tenant_hosts: { own: own() },
  categories: { own: own(), read: 'portal_scope_above(tenant_id)' },
  menu_items: { own: own() },
  // A step that reaches another portal (an offer sent up, a question forwarded) is written to that
  // portal's log as well as its own; the log is only ever appended to. Its author may read what it
  // wrote (an insert returns the new row's id).
  audit_log: { own: own(), write: 'true', read: 'actor_account_id = portal_scope_account()' },
  accounts: { own: own() },
  role_assignments: { own: own() },
  calendar_overrides: { own: own() },
  deadline_policy_assignments: { own: own() },
  content_items: { own: own(), read: 'portal_scope_receives(id)' },
  content_revisions: { own: own(), read: 'portal_scope_receives(item_id)' },
  attachments: { own: own(), read: 'item_id IS NOT NULL AND portal_scope_receives(item_id)' },
  content_url_aliases: { own: own(), read: 'portal_scope_receives(item_id)' },
  editorial_states: { own: own() },
  workflow_events: { own: own() },
  approval_delegations: { own: own() },
  editorial_reminders: { own: own() },
  syndication_rules: { own: own(), read: 'portal_scope_above(tenant_id)' },
  // An offer belongs to both ends: the sender proposes it, the receiver decides it.
  syndications: { own: either('source_tenant_id', 'target_tenant_id') },
  question_units: { own: own() },
  // A question is the asked portal's, and the handling portal's while it handles it.
  questions: { own: either('tenant_id', 'handler_tenant_id', 'origin_tenant_id') },
  // A question's history goes with the question (the handling portal drafts, the asked one decides).
  question_events: { own: `${own()} OR ${questionVisible}` },
  question_escalations: { own: `${own()} OR ${questionVisible}` },
  question_attachments: { own: `${own()} OR (question_id IS NOT NULL AND ${questionVisible})` },
  draft_comments: { own: either('tenant_id', 'via_tenant_id') },
  consultation_settings: { own: own() },
  consultation_summaries: { own: own() },
  portal_ratings: { own: own() },
  // A federation-wide report has no portal: it is its requester's.
  report_exports: { own: `${own()} OR (tenant_id IS NULL AND requested_by = portal_scope_account())` },
};
