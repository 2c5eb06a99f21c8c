import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, DatabaseBootstrapService, loadAppConfig, systemContext } from '../../libs/platform/src';
import {
  ManifestApplyService,
  parseTenantManifest,
  HostRoutingService,
  RoutedTenant,
} from '../../libs/tenancy/src';
import { AccountService } from '../../libs/identity/src';
import { Role, RoleAssignmentService, RoleScope } from '../../libs/access/src';
import { createApiApp } from '../../apps/api/src/create-app';
import { createTestDatabase } from './test-database';
import { HttpResponse, httpRequest } from './http-client';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface GqlOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

export type GqlResponse<T = Record<string, any>> = HttpResponse<{
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}>;

export interface TestApp {
  app: NestExpressApplication;
  port: number;
  databaseUrl: string;
  config: AppConfig;
  /** POST a GraphQL operation to the portal answering on `host`. */
  gql<T = Record<string, any>>(
    host: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: GqlOptions,
  ): Promise<GqlResponse<T>>;
  http: (options: Parameters<typeof httpRequest>[1]) => Promise<HttpResponse>;
  /** Applies a manifest (YAML text) as the system; throws on problems. */
  apply(yamlText: string): Promise<{ created: number; updated: number; unchanged: number }>;
  tenant(host: string): RoutedTenant;
  /** Creates an account on the portal at `homeHost`, optionally with one role; returns its id. */
  createAccount(spec: {
    username: string;
    homeHost: string;
    role?: Role;
    roleHost?: string;
    scope?: RoleScope;
    platformAdmin?: boolean;
    password?: string;
  }): Promise<string>;
  /** Logs in over HTTP and returns the access token (and refresh token). */
  login(
    username: string,
    host?: string,
    password?: string,
  ): Promise<{ accessToken: string; refreshToken: string }>;
  /** Shorthand: create an account with a role and log it in. */
  asUser(username: string, role: Role, host: string, scope?: RoleScope): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real api on a random port against a fresh database cloned from the migrated template
 * (or against `options.databaseUrl`, which the api migrates and the test owns).
 * Nothing is mocked: requests go over HTTP, rows go to PostgreSQL.
 */
export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  options: {
    databaseUrl?: string;
    /** The embedded default: no DATABASE_URL, the api starts its own bundled server in `dataDir`. */
    embedded?: { dataDir: string; port: number };
  } = {},
): Promise<TestApp> {
  const db = options.embedded
    ? { url: '', drop: () => Promise.resolve() }
    : options.databaseUrl
      ? { url: options.databaseUrl, drop: () => Promise.resolve() }
      : await createTestDatabase();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
  };
  if (options.embedded) {
    env.PORTAL_DATA_DIR = options.embedded.dataDir;
    env.EMBEDDED_PG_PORT = String(options.embedded.port);
  }
  const config: AppConfig = Object.freeze({ ...loadAppConfig(env), ...overrides });
  const app = await createApiApp(config);
  if (options.embedded) db.url = await app.get(DatabaseBootstrapService).connectionUrl();
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const routing = app.get(HostRoutingService);
  const system = systemContext('test');

  const gql: TestApp['gql'] = (host, query, variables, options = {}) =>
    httpRequest(port, {
      host,
      body: { query, variables },
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    }) as never;

  const tenant = (host: string): RoutedTenant => {
    const r = routing.resolve(host);
    if (r.type !== 'serve' && r.type !== 'suspended')
      throw new Error(`no live portal on ${host} (${r.type})`);
    return r.tenant;
  };

  const createAccount: TestApp['createAccount'] = async (spec) => {
    const created = await app.get(AccountService).create(
      system,
      {
        tenantId: tenant(spec.homeHost).id,
        username: spec.username,
        displayName: spec.username,
        password: spec.password ?? TEST_PASSWORD,
      },
      { platformAdmin: spec.platformAdmin },
    );
    if (!created.ok)
      throw new Error(`createAccount ${spec.username}: ${created.error.code} ${created.error.text.en}`);
    if (spec.role) {
      const granted = await app.get(RoleAssignmentService).grant(system, {
        accountId: created.value.id,
        tenantId: tenant(spec.roleHost ?? spec.homeHost).id,
        role: spec.role,
        scope: spec.scope ?? RoleScope.TENANT,
      });
      if (!granted.ok) throw new Error(`grant ${spec.username}: ${granted.error.code}`);
    }
    return created.value.id;
  };

  const login: TestApp['login'] = async (
    username,
    host = 'hochiminhcity.gov.vn',
    password = TEST_PASSWORD,
  ) => {
    const res = await gql(
      host,
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on AuthSession { accessToken refreshToken } ... on InputError { errorCode } } }`,
      { u: username, p: password },
    );
    const result = res.body.data?.login;
    if (!result || result.__typename !== 'AuthSession')
      throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
    return { accessToken: result.accessToken, refreshToken: result.refreshToken };
  };

  return {
    app,
    port,
    databaseUrl: db.url,
    config,
    gql,
    http: (options) => httpRequest(port, options),
    async apply(yamlText) {
      const parsed = parseTenantManifest(yamlText);
      if (!parsed.ok) throw new Error(`manifest: ${JSON.stringify(parsed.issues)}`);
      const report = await app.get(ManifestApplyService).apply(system, parsed.manifest);
      if (report.problems.length) throw new Error(`apply: ${JSON.stringify(report.problems)}`);
      return report;
    },
    tenant,
    createAccount,
    login,
    async asUser(username, role, host, scope = RoleScope.TENANT) {
      await createAccount({ username, homeHost: host, role, scope });
      return (await login(username, host)).accessToken;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** A small two-tier province and a three-tier one, enough for routing and permission tests. */
export const SMALL_TREES = {
  city: `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Thành phố Hồ Chí Minh
  nameEn: Ho Chi Minh City
  host: hochiminhcity.gov.vn
  aliases: [tphcm.gov.vn]
  children:
    - kind: DEPARTMENT
      nameVi: Sở Tư pháp
    - kind: WARD
      nameVi: Phường Sài Gòn
    - kind: WARD
      nameVi: Phường Bến Thành
    - kind: WARD
      nameVi: Phường Tân Định
`,
  province: `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Tỉnh Kiên Giang
  host: kiengiang.gov.vn
  children:
    - kind: DISTRICT
      nameVi: Thành phố Rạch Giá
      children:
        - kind: WARD
          nameVi: Phường Vĩnh Thanh Vân
        - kind: WARD
          nameVi: Phường 01
    - kind: DISTRICT
      nameVi: Huyện Châu Thành
      children:
        - kind: TOWNSHIP
          nameVi: Thị trấn Minh Lương
`,
};

/**
 * The settings loadAppConfig gives production, for those that change what the api answers (for
 * `startTestApp(productionSettings())`: the rest of a test app's config stays the test one).
 */
export function productionSettings(env: Record<string, string> = {}): Partial<AppConfig> {
  const production = loadAppConfig({
    NODE_ENV: 'production',
    JWT_SECRET: 'p'.repeat(48),
    DATABASE_URL: 'postgres://unused/unused',
    ...env,
  });
  return {
    env: production.env,
    graphqlIntrospection: production.graphqlIntrospection,
    devHostSuffix: production.devHostSuffix,
    corsOrigins: production.corsOrigins,
  };
}
