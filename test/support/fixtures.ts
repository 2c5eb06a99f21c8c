import { Client } from 'pg';
import { Role, RoleAssignmentService, RoleScope } from '../../libs/access/src';
import { EditorialService, WorkflowAction } from '../../libs/editorial/src';
import { AppConfig, systemContext } from '../../libs/platform/src';
import { gql } from './gql';
import { SMALL_TREES, TestApp, startTestApp } from './test-app';

/**
 * The fixtures every spec shares: the two small trees (Hồ Chí Minh City with its department and
 * wards, the Kiên Giang province with its districts and towns), their hosts, a database client
 * beside the app, officers holding roles, and items moved along the workflow as the system.
 */

/** The hosts of SMALL_TREES (the portal names follow the manifest's labels). */
export const HOSTS = {
  CITY: 'hochiminhcity.gov.vn',
  CITY_ALIAS: 'tphcm.gov.vn',
  JUSTICE: 'stp.hochiminhcity.gov.vn',
  SAIGON: 'saigon.hochiminhcity.gov.vn',
  BENTHANH: 'benthanh.hochiminhcity.gov.vn',
  TANDINH: 'tandinh.hochiminhcity.gov.vn',
  KG: 'kiengiang.gov.vn',
  RG: 'rachgia.kiengiang.gov.vn',
  RG_WARD: 'phuong1.rachgia.kiengiang.gov.vn',
  RG_WARD2: 'vinhthanhvan.rachgia.kiengiang.gov.vn',
  CT: 'chauthanh.kiengiang.gov.vn',
  CT_TOWN: 'minhluong.chauthanh.kiengiang.gov.vn',
};

/** A test app with the trees applied (both by default) and a database client on its database. */
export interface SeededApp {
  t: TestApp;
  db: Client;
  /** Ends the client, stops the app and drops its database. */
  close(): Promise<void>;
}

export async function startSeededApp(
  overrides: Partial<AppConfig> = {},
  trees: Array<keyof typeof SMALL_TREES> = ['city', 'province'],
): Promise<SeededApp> {
  const t = await startTestApp(overrides);
  for (const tree of trees) await t.apply(SMALL_TREES[tree]);
  const db = await openDatabase(t);
  return {
    t,
    db,
    async close() {
      await db.end();
      await t.close();
    },
  };
}

/** A client on the test app's database (the test ends it). */
export async function openDatabase(t: Pick<TestApp, 'databaseUrl'>): Promise<Client> {
  const db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
  return db;
}

/** An officer: an account, the assignments it was granted (by role) and its access token. */
export interface Officer {
  id: string;
  token: string;
  assignments: Partial<Record<Role, string>>;
}

/**
 * An account on `home` holding each of `roles` on `roleHost` (granted as the system), logged in on
 * `home`.
 */
export async function officer(
  t: TestApp,
  username: string,
  home: string,
  roles: Role[],
  options: { scope?: RoleScope; roleHost?: string; fields?: string[] } = {},
): Promise<Officer> {
  const id = await t.createAccount({ username, homeHost: home });
  const assignments: Partial<Record<Role, string>> = {};
  for (const role of roles) {
    const granted = await t.app.get(RoleAssignmentService).grant(systemContext('test'), {
      accountId: id,
      tenantId: t.tenant(options.roleHost ?? home).id,
      role,
      scope: options.scope ?? RoleScope.TENANT,
      ...(options.fields ? { fields: options.fields } : {}),
    });
    if (!granted.ok) throw new Error(`grant ${username} ${role}: ${granted.error.code}`);
    assignments[role] = granted.value.id;
  }
  return { id, token: (await t.login(username, home)).accessToken, assignments };
}

export const TO_APPROVED = [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW, WorkflowAction.APPROVE];
export const TO_LIVE = [...TO_APPROVED, WorkflowAction.PUBLISH];

/** Moves an item along the workflow as the system; throws naming the step that was refused. */
export async function advance(t: TestApp, itemId: string, actions: WorkflowAction[]): Promise<void> {
  for (const a of actions) {
    const r = await t.app.get(EditorialService).transition(systemContext('test'), itemId, a);
    if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
  }
}

/**
 * The officers of a spec by key (`member@saigon.hochiminhcity.gov.vn`, `writer-a`): their account
 * ids and access tokens, in plain records the spec reads. A key's username is the key with `@` as
 * `.` (usernames cannot hold `@`).
 */
export class Cast {
  readonly accounts: Record<string, string> = {};
  readonly tokens: Record<string, string> = {};

  constructor(private readonly app: () => TestApp) {}

  /** An account on `host` holding `role` there (granted as the system), logged in; returns its id. */
  readonly grant = async (
    key: string,
    role: Role,
    host: string,
    scope: RoleScope = RoleScope.TENANT,
    options: { platformAdmin?: boolean } = {},
  ): Promise<string> => {
    const t = this.app();
    const username = key.replace('@', '.');
    this.accounts[key] = await t.createAccount({
      username,
      homeHost: host,
      role,
      roleHost: host,
      scope,
      ...options,
    });
    this.tokens[key] = (await t.login(username, host)).accessToken;
    return this.accounts[key];
  };

  /** The token of `who` (no one: anonymous). */
  readonly token = (who?: string | null): string | null => (who ? (this.tokens[who] ?? null) : null);

  /** An operation on `host` as `who` (no one: anonymous): its data, or a thrown error naming the GraphQL errors. */
  readonly gql = <T = Record<string, any>>(
    host: string,
    query: string,
    variables: Record<string, unknown> = {},
    who?: string | null,
  ): Promise<T> => gql<T>(this.app(), { host, token: this.token(who) }, query, variables);
}

/** A merge plan as the merge takes it (the API's strings or the service's enum for `action`). */
export interface PlanOf<A extends string> {
  categoryMapping: Array<{ sourceCategoryId: string; targetCategoryId: string | null }>;
  roleMapping: Array<{ assignmentId: string; action: A }>;
}

/** The plan a merge preview proposes, as the merge takes it (every category and role as previewed). */
export function previewedPlan<A extends string>(preview: { plan: PlanOf<A> }): PlanOf<A> {
  return {
    categoryMapping: preview.plan.categoryMapping.map((c) => ({
      sourceCategoryId: c.sourceCategoryId,
      targetCategoryId: c.targetCategoryId,
    })),
    roleMapping: preview.plan.roleMapping.map((r) => ({ assignmentId: r.assignmentId, action: r.action })),
  };
}
