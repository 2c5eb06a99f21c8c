import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Everything the platform reads from its environment, parsed once and frozen. */
export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  /** External PostgreSQL; when absent the bundled one is started. */
  readonly databaseUrl: string | null;
  /**
   * Streaming replicas of that PostgreSQL for anonymous reads (the api only). No URLs: every
   * query goes to the primary, as before.
   */
  readonly databaseReplicas: {
    readonly urls: readonly string[];
    /** A replica further behind the primary than this leaves the rotation until it catches up. */
    readonly maxLagSeconds: number;
    /** How often each replica's reachability and lag are checked. */
    readonly checkSeconds: number;
  };
  /** Folder of the bundled PostgreSQL's data and of other local state. */
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly lockout: {
    readonly maxFailures: number;
    readonly windowMinutes: number;
    readonly lockMinutes: number;
    /**
     * Failed logins one client address (see ipv6Prefix) may make per window, all usernames
     * together (0: no limit): one address cannot guess across many accounts.
     */
    readonly perAddress: number;
  };
  /**
   * Per-address limits (logins, public writes) count an IPv6 client by its network of this many bits
   * (one subscriber usually holds a /64); an IPv4 client by its address.
   */
  readonly ipv6Prefix: number;
  /** Public suffixes of production hosts, e.g. `gov.vn`. */
  readonly publicSuffixes: readonly string[];
  /** Every host also answers with its public suffix replaced by this one (empty string disables). */
  readonly devHostSuffix: string;
  /** Honour X-Forwarded-Host / X-Forwarded-For only behind a proxy we trust. */
  readonly trustProxy: boolean;
  /** Load the demo federation from `tenants/` when the database is empty. */
  readonly seedDemo: boolean;
  readonly tenantsDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Where the JSON log lines go: stdout unless code sets it (the tests capture them this way). */
  readonly logDestination?: { write(line: string): unknown };
  /** Networks (CIDR) whose direct connections may read GET /metrics (empty: none). */
  readonly metricsAllow: readonly string[];
  /** A bearer token that opens GET /metrics from anywhere (null: allowed networks only). */
  readonly metricsToken: string | null;
  readonly graphqlIntrospection: boolean;
  /**
   * Browser origins (`https://app.example.gov.vn`) allowed to call every portal's api, besides each
   * portal's own hosts. Never `*`.
   */
  readonly corsOrigins: readonly string[];
  /** Keep anonymous, publicly cacheable GraphQL responses in process (invalidated on change). */
  readonly responseCache: boolean;
  /**
   * Its bounds: all kept answers together (keys, headers, bodies), one answer, and the largest
   * GraphQL POST body it reads to key (larger ones go to the pipeline unkept).
   */
  readonly responseCacheLimits: {
    readonly maxBytes: number;
    readonly maxEntryBytes: number;
    readonly maxRequestBytes: number;
    /**
     * How long past its max-age an answer is kept to be served (marked STALE) when the pipeline
     * fails with a 5xx, the database being away (RFC 5861 stale-if-error).
     */
    readonly staleIfErrorSeconds?: number;
  };
  /** Whether this process works background jobs (the worker always does). */
  readonly runJobs: boolean;
  readonly jobPollingSeconds: number;
  /** Hours before a deadline at which boards get a reminder (after it: an escalation). */
  readonly reminderLeadHours: readonly number[];
  /** Limits on citizens' public writes (questions, feedback, comments, ratings). */
  readonly publicWrites: {
    /** Writes one client address may make per window, all portals together. */
    readonly perAddress: number;
    /** Writes one portal accepts per window, all addresses together. */
    readonly perPortal: number;
    readonly windowSeconds: number;
    /** `none` or `local` (a signed arithmetic challenge served by the platform itself). */
    readonly challenge: 'none' | 'local';
    /**
     * How long an address already over its limit waits for its refusal (0 = at once). A flooding
     * client then gets at most (its connections ÷ this delay) answers a second, each costing the
     * api almost nothing, instead of as many as the api can answer.
     */
    readonly refusalDelayMs?: number;
    /** Refusals held back at once, at most; beyond it they are answered at once. */
    readonly maxDelayedRefusals?: number;
  };
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`Configuration ${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`Configuration ${name} must be true or false, got "${raw}"`);
}

/**
 * In development the signing secret is generated once and kept in the data folder, so tokens
 * survive restarts without anyone committing a secret. Production must set JWT_SECRET.
 */
function resolveJwtSecret(env: NodeJS.ProcessEnv, mode: AppConfig['env'], dataDir: string): string {
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < 32)
      throw new Error('Configuration JWT_SECRET must be at least 32 characters');
    return env.JWT_SECRET;
  }
  if (mode === 'production')
    throw new Error(
      'Configuration JWT_SECRET is required in production (at least 32 random characters, e.g. `openssl rand -hex 32`); there is no default',
    );
  if (mode === 'test') return randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The folder of this app's package.json (the same from src/ and dist/). The default data and
 * tenants folders are there, not in the working directory: `npx portal` run from another folder finds the shipped
 * calendar, policies and demo trees, and the same bundled database as `npm start`.
 */
export const PACKAGE_ROOT: string = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && existsSync(join(dir, 'tenants'))) return dir;
  }
  return process.cwd();
})();

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = (
    env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development'
  ) as AppConfig['env'];
  const dataDir = env.PORTAL_DATA_DIR ? resolve(env.PORTAL_DATA_DIR) : join(PACKAGE_ROOT, '.data');
  const level = (env.LOG_LEVEL ?? (mode === 'test' ? 'warn' : 'info')) as AppConfig['logLevel'];
  return Object.freeze({
    env: mode,
    port: int('PORT', 3000, env),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    databaseReplicas: Object.freeze({
      urls: replicaUrls(env.DATABASE_REPLICA_URLS),
      maxLagSeconds: Math.max(1, int('DATABASE_REPLICA_MAX_LAG_SECONDS', 30, env)),
      checkSeconds: Math.max(0.2, Number(env.DATABASE_REPLICA_CHECK_SECONDS ?? 5) || 5),
    }),
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54320, env),
    jwtSecret: resolveJwtSecret(env, mode, dataDir),
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900, env),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, env),
    lockout: Object.freeze({
      maxFailures: int('LOGIN_LOCKOUT_MAX_FAILURES', 5, env),
      windowMinutes: int('LOGIN_LOCKOUT_WINDOW_MINUTES', 15, env),
      lockMinutes: int('LOGIN_LOCKOUT_MINUTES', 15, env),
      perAddress: int('LOGIN_THROTTLE_PER_ADDRESS', 30, env),
    }),
    ipv6Prefix: Math.min(128, Math.max(16, int('IPV6_ADDRESS_PREFIX', 64, env))),
    publicSuffixes: Object.freeze(
      (env.PUBLIC_HOST_SUFFIXES ?? 'gov.vn')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
    devHostSuffix: (env.DEV_HOST_SUFFIX ?? (mode === 'production' ? '' : 'localhost')).trim().toLowerCase(),
    trustProxy: bool('TRUST_PROXY', false, env),
    seedDemo: demoSeeding(env, mode),
    tenantsDir: env.TENANTS_DIR ? resolve(env.TENANTS_DIR) : join(PACKAGE_ROOT, 'tenants'),
    logLevel: level,
    metricsAllow: Object.freeze(
      (env.METRICS_ALLOW ?? '127.0.0.0/8,::1/128')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s && s !== 'none'),
    ),
    metricsToken: env.METRICS_TOKEN ? env.METRICS_TOKEN : null,
    graphqlIntrospection: bool('GRAPHQL_INTROSPECTION', mode !== 'production', env),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    responseCache: bool('RESPONSE_CACHE', true, env),
    responseCacheLimits: Object.freeze({
      maxBytes: int('RESPONSE_CACHE_MAX_BYTES', 32 * 1024 * 1024, env),
      maxEntryBytes: int('RESPONSE_CACHE_MAX_ENTRY_BYTES', 512 * 1024, env),
      maxRequestBytes: int('RESPONSE_CACHE_MAX_REQUEST_BYTES', 8 * 1024, env),
      staleIfErrorSeconds: int('RESPONSE_CACHE_STALE_IF_ERROR_SECONDS', 600, env),
    }),
    runJobs: bool('RUN_JOBS', true, env),
    jobPollingSeconds: Math.max(0.5, Number(env.JOB_POLLING_SECONDS ?? 2) || 2),
    reminderLeadHours: Object.freeze(
      (env.REMINDER_LEAD_HOURS ?? '24,4')
        .split(',')
        .map((h) => Number(h.trim()))
        .filter((h) => Number.isInteger(h) && h > 0),
    ),
    publicWrites: Object.freeze({
      perAddress: int('PUBLIC_WRITES_PER_ADDRESS', 10, env),
      perPortal: int('PUBLIC_WRITES_PER_PORTAL', 600, env),
      windowSeconds: Math.max(1, int('PUBLIC_WRITES_WINDOW_SECONDS', 60, env)),
      challenge: challengeMode(env.PUBLIC_WRITES_CHALLENGE),
      refusalDelayMs: int('PUBLIC_WRITES_REFUSAL_DELAY_MS', 1000, env),
      maxDelayedRefusals: int('PUBLIC_WRITES_MAX_DELAYED', 2000, env),
    }),
  });
}

/** The demo accounts' password is public (README): production seeds them only with its own. */
function demoSeeding(env: NodeJS.ProcessEnv, mode: AppConfig['env']): boolean {
  const seed = bool('SEED_DEMO', !env.DATABASE_URL && mode === 'development', env);
  if (seed && mode === 'production' && !env.DEMO_PASSWORD)
    throw new Error('Configuration SEED_DEMO in production needs DEMO_PASSWORD (the default one is public)');
  return seed;
}

/** DATABASE_REPLICA_URLS: comma-separated postgres:// URLs (the errors never echo a password). */
function replicaUrls(raw: string | undefined): readonly string[] {
  const urls = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  urls.forEach((entry, i) => {
    let protocol = '';
    try {
      protocol = new URL(entry).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:')
      throw new Error(
        `Configuration DATABASE_REPLICA_URLS must list postgres:// URLs separated by commas; entry ${i + 1} is not one`,
      );
  });
  return Object.freeze(urls);
}

/** CORS_ORIGINS: comma-separated origins, each exactly `scheme://host[:port]`. */
function corsOrigins(raw: string | undefined): readonly string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL | null = null;
      try {
        url = new URL(entry);
      } catch {
        // reported below
      }
      const origin = url && ['http:', 'https:'].includes(url.protocol) ? url.origin : null;
      if (!origin || origin !== entry.toLowerCase().replace(/\/$/, ''))
        throw new Error(
          `Configuration CORS_ORIGINS must list origins like https://app.example.gov.vn (no "*", no path), got "${entry}"`,
        );
      return origin;
    });
  return Object.freeze([...new Set(origins)]);
}

function challengeMode(raw: string | undefined): 'none' | 'local' {
  if (raw === undefined || raw === '' || raw === 'none') return 'none';
  if (raw === 'local') return 'local';
  throw new Error(`Configuration PUBLIC_WRITES_CHALLENGE must be none or local, got "${raw}"`);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
