import { Role } from '../libs/access/src';
import { SMALL_TREES, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * "Running it for real", observability: one JSON log line per request (request id, tenant, user,
 * status, duration, GraphQL operation; no credentials) and Prometheus metrics at GET /metrics,
 * readable from loopback or with the metrics token and answering 404 to everyone else.
 */

const CITY = 'hochiminhcity.gov.vn';
const METRICS_TOKEN = 'metrics-token-for-the-e2e-test-0123456789';
const PORTAL_NAME = 'query PortalName { portal { name } }';
const ME = 'query Me { me { id username } }';
const LOGIN = `mutation SignIn($u: String!, $p: String!) {
  login(username: $u, password: $p) { __typename ... on AuthSession { accessToken } }
}`;

interface LogLine {
  level: string;
  msg?: string;
  context?: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  tenant?: { id: string; host: string };
  user?: { id: string };
  operationName?: string;
  graphqlErrors?: string[];
  cache?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of one series in a text exposition (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const brace = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!brace) continue;
    const present = Object.fromEntries(
      [...(brace[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(brace[2]);
  }
  return undefined;
}

describe('observability: request log and metrics', () => {
  let t: TestApp;
  const output: string[] = [];
  const lines = (): LogLine[] =>
    output.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((l) => JSON.parse(l));

  /** The one request line with this id (waits for it: the line is written when the response closes). */
  const requestLine = async (requestId: string): Promise<LogLine> => {
    for (let i = 0; i < 50; i++) {
      const found = lines().filter((l) => l.msg === 'request completed' && l.requestId === requestId);
      if (found.length) {
        await sleep(20);
        expect(
          lines().filter((l) => l.msg === 'request completed' && l.requestId === requestId),
        ).toHaveLength(1);
        return found[0];
      }
      await sleep(20);
    }
    throw new Error(`no log line for request ${requestId}`);
  };

  const scrape = (headers: Record<string, string> = {}) =>
    t.http({ host: '127.0.0.1', path: '/metrics', headers });

  beforeAll(async () => {
    t = await startTestApp({
      logLevel: 'info',
      logDestination: { write: (line: string) => output.push(line) },
      trustProxy: true,
      metricsToken: METRICS_TOKEN,
    });
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it("routes Nest's own logger through pino as JSON lines", () => {
    const nest = lines().filter((l) => l.context && l.context !== 'Http');
    expect(nest.length).toBeGreaterThan(0);
    expect(nest.every((l) => typeof l.level === 'string')).toBe(true);
  });

  it('logs every request once, with its id, tenant, user, status, duration and operation, and counts it', async () => {
    // Anonymous read: a miss, then (once late notifications have settled) a hit.
    const first = await t.gql(CITY, PORTAL_NAME);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).not.toBe('HIT');
    let hit = await t.gql(CITY, PORTAL_NAME);
    for (let i = 0; i < 50 && hit.headers['x-cache'] !== 'HIT'; i++) {
      await sleep(20);
      hit = await t.gql(CITY, PORTAL_NAME);
    }
    expect(hit.headers['x-cache']).toBe('HIT');
    const tenant = t.tenant(CITY);

    const missLine = await requestLine(String(first.headers['x-request-id']));
    expect(missLine).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'PortalName',
      tenant: { id: tenant.id, host: CITY },
    });
    expect(missLine.user).toBeUndefined();
    expect(typeof missLine.durationMs).toBe('number');
    const hitLine = await requestLine(String(hit.headers['x-request-id']));
    expect(hitLine).toMatchObject({
      status: 200,
      operationName: 'PortalName',
      cache: 'hit',
      tenant: { id: tenant.id },
    });

    // Signed in: the account is on the line; neither its token nor its password are anywhere.
    const accountId = await t.createAccount({
      username: 'observed.editor',
      homeHost: CITY,
      role: Role.OPERATOR,
    });
    const login = await t.gql(CITY, LOGIN, { u: 'observed.editor', p: TEST_PASSWORD });
    const token = login.body.data?.login.accessToken as string;
    expect(token).toBeTruthy();
    const me = await t.gql(CITY, ME, {}, { token, headers: { cookie: 'session=cookie-secret-value' } });
    expect(me.body.data?.me.id).toBe(accountId);
    const meLine = await requestLine(String(me.headers['x-request-id']));
    expect(meLine).toMatchObject({
      status: 200,
      operationName: 'Me',
      user: { id: accountId },
      tenant: { id: tenant.id, host: CITY },
    });
    expect((await requestLine(String(login.headers['x-request-id']))).operationName).toBe('SignIn');

    // Failing: anonymous `me` is refused; its error code is on the line and counted.
    const refused = await t.gql(CITY, ME);
    expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await requestLine(String(refused.headers['x-request-id']))).toMatchObject({
      operationName: 'Me',
      graphqlErrors: ['UNAUTHENTICATED'],
    });
    const invalid = await t.gql(CITY, 'query Broken { noSuchField }');
    expect(invalid.status).toBe(400);
    expect(await requestLine(String(invalid.headers['x-request-id']))).toMatchObject({
      status: 400,
      operationName: 'Broken',
      graphqlErrors: ['GRAPHQL_VALIDATION_FAILED'],
    });

    const all = output.join('');
    expect(all).not.toContain(token);
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain('cookie-secret-value');
    expect(all.toLowerCase()).not.toContain('bearer');

    const metrics = await scrape();
    expect(metrics.status).toBe(200);
    expect(String(metrics.headers['content-type'])).toContain('text/plain');
    const text = metrics.text;
    const latency = { operation: 'PortalName', route: '/graphql', status_class: '2xx' };
    expect(sample(text, 'portal_http_request_duration_seconds_count', latency)).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'portal_http_request_duration_seconds_bucket', { ...latency, le: '+Inf' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'portal_http_request_duration_seconds_count', { operation: 'Me' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'portal_http_request_duration_seconds_count', {
        operation: '(unresolved)',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(sample(text, 'portal_graphql_errors_total', { operation: 'Me', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'portal_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(sample(text, 'portal_response_cache_hits_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'portal_response_cache_misses_total')).toBeGreaterThanOrEqual(1);
    const ratio = sample(text, 'portal_response_cache_hit_ratio')!;
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThanOrEqual(1);
    expect(sample(text, 'portal_db_pool_connections', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'portal_db_pool_idle_connections', { pool: 'primary' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'portal_db_pool_waiting_requests', { pool: 'primary' })).toBe(0);
    expect(sample(text, 'portal_db_pool_max_connections', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^portal_job_queue_jobs\{queue="[^"]+",state="created"\} \d+$/m);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('nodejs_gc_duration_seconds');
  });

  it('takes a request id from a trusted proxy, and only a plain one', async () => {
    const relayed = await t.gql(CITY, PORTAL_NAME, {}, { headers: { 'x-request-id': 'edge-4f2a-91' } });
    expect(relayed.headers['x-request-id']).toBe('edge-4f2a-91');
    expect((await requestLine('edge-4f2a-91')).status).toBe(200);
    const odd = await t.gql(CITY, PORTAL_NAME, {}, { headers: { 'x-request-id': 'a b"}{' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /metrics only to allowed networks or the token, and 404 like an unknown path otherwise', async () => {
    const unknown = await t.http({ host: '127.0.0.1', path: '/no-such-path' });
    // A request relayed for an outside address (TRUST_PROXY: the proxy said who the client is).
    const outside = await scrape({ 'x-forwarded-for': '203.0.113.7' });
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain('portal_');
    expect(outside.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    // Spoofing loopback in front of the real client address does not help.
    expect((await scrape({ 'x-forwarded-for': '127.0.0.1, 203.0.113.7' })).status).toBe(404);
    expect(
      (
        await scrape({
          'x-forwarded-for': '203.0.113.7',
          authorization: 'Bearer wrong-token-000000000000000',
        })
      ).status,
    ).toBe(404);
    const withToken = await scrape({
      'x-forwarded-for': '203.0.113.7',
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(withToken.status).toBe(200);
    expect(withToken.text).toContain('portal_http_request_duration_seconds');
    expect(unknown.status).toBe(404);
    expect(output.join('')).not.toContain(METRICS_TOKEN);
  });
});
