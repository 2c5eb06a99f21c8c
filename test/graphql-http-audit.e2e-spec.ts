import { request } from 'node:http';
import { AuditResult, serverAudits } from 'graphql-http';
import { SMALL_TREES, TestApp, startTestApp, productionSettings } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';

/**
 * The SHOULD audits the server does not meet, each with its reason. Anything else that is not `ok`
 * (a MUST's `error`, another SHOULD's `warn`, a MAY's `notice`) fails the test.
 *
 * All three are the spec's advice for the legacy `application/json` response type: answer 200 to a
 * document that fails to parse or validate, or whose variables do not coerce. Apollo Server answers
 * 400 whatever the Accept header, and we keep it: the same request gets the same status whichever
 * media type it asks for (with `application/graphql-response+json` the spec itself asks for 400);
 * clients, monitoring and caches see a broken request as a client error, not a success (the public
 * write gate relies on it, test/engagement-early-refusal); and the spec's reason for 200 (proxies
 * that replace the body of a 4xx) does not apply behind our ingress, which passes bodies through.
 */
const ALLOWED_WARNINGS: Record<string, string> = {
  '572B': 'parse failure with Accept: application/json answers 400, not 200 (Apollo, kept on purpose)',
  FDE2: 'validation failure with Accept: application/json answers 400, not 200 (Apollo, kept on purpose)',
  '7B9B':
    'variable coercion failure with Accept: application/json answers 400, not 200 (Apollo, kept on purpose)',
};

/**
 * A WHATWG fetch that reaches the api on 127.0.0.1 with an explicit Host header (the api routes by
 * Host; the global fetch refuses to set it). The URL's own host is ignored.
 */
function fetchWithHost(port: number, host: string) {
  return (input: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: init.method ?? 'GET',
          path: `${url.pathname}${url.search}`,
          headers: {
            ...init.headers,
            host,
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers))
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
                headers.append(name, v);
            const status = res.statusCode ?? 0;
            const empty = status === 204 || status === 304 || init.method === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
}

async function audit(port: number, path: string): Promise<AuditResult[]> {
  const audits = serverAudits({ url: `http://${CITY}${path}`, fetchFn: fetchWithHost(port, CITY) });
  // One after another: the answers stay readable and no audit competes with another for the pool.
  const results: AuditResult[] = [];
  for (const a of audits) results.push(await a.fn());
  return results;
}

async function describeFailures(results: AuditResult[]) {
  return Promise.all(
    results
      .filter((r) => r.status !== 'ok')
      .map(async (r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        reason: 'reason' in r ? r.reason : '',
        answered:
          'response' in r ? `${r.response.status} ${await r.response.clone().text()}`.slice(0, 300) : '',
      })),
  );
}

describe.each([
  ['test', {}],
  // Production masks unexpected errors and sends no stack; two audits ask `__type`, so this run
  // has introspection on (GRAPHQL_INTROSPECTION=true); with it off, see the next block.
  ['production', productionSettings({ GRAPHQL_INTROSPECTION: 'true' })],
] as const)('GraphQL over HTTP audit (graphql-http serverAudits), %s configuration', (_name, overrides) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(overrides);
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it.each(['/graphql', '/en/graphql'])(
    'passes every MUST, SHOULD and MAY audit on %s, but the documented warnings',
    async (path) => {
      const results = await audit(t.port, path);
      expect(results.length).toBeGreaterThan(50);
      const failures = await describeFailures(results);
      expect(failures.filter((f) => f.status === 'error')).toEqual([]);
      expect(failures.filter((f) => !(f.status === 'warn' && f.id in ALLOWED_WARNINGS))).toEqual([]);
      // The allowed ones fail the way described (400), not some other way.
      for (const f of failures) expect(f.answered).toMatch(/^400 /);
    },
  );
});

describe('GraphQL over HTTP audit, production as shipped (introspection off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(productionSettings());
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  // The audits whose query is `__type(name: …)`: UTF-8 (BF61, MUST), variables as a map (28B9 MUST,
  // 2EA1 SHOULD) and as URL-encoded JSON in a GET (6A70, D6D5, MAY).
  const INTROSPECTING_AUDITS = ['28B9', '2EA1', '6A70', 'BF61', 'D6D5'];

  it('fails only the audits whose query is an introspection (`__type`), and only for that', async () => {
    const failures = await describeFailures(await audit(t.port, '/graphql'));
    const refused = failures.filter((f) => !(f.status === 'warn' && f.id in ALLOWED_WARNINGS));
    expect(refused.map((f) => f.id).sort()).toEqual(INTROSPECTING_AUDITS);
    for (const f of refused) expect(f.answered).toMatch(/^400 .*introspection is not allowed/);
    // What those audits check, asked without introspection: a UTF-8 request, variables as a map and
    // as URL-encoded JSON in a GET.
    const utf8 = await t.http({
      host: CITY,
      path: '/graphql',
      body: JSON.stringify({ query: '{ publicItem(slug: "Run🏃Swim🏊") { title } }' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(utf8.status).toBe(200);
    expect(utf8.body).toEqual({ data: { publicItem: null } });
    const variables = await t.http({
      host: CITY,
      path: '/graphql',
      body: {
        query: 'query Item($slug: String!) { publicItem(slug: $slug) { title } }',
        variables: { slug: 'x' },
      },
      headers: { accept: 'application/json' },
    });
    expect(variables.status).toBe(200);
    expect(variables.body).toEqual({ data: { publicItem: null } });
    const query = encodeURIComponent('query Item($slug: String!) { publicItem(slug: $slug) { title } }');
    const get = await t.http({
      host: CITY,
      path: `/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ slug: 'x' }))}`,
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ data: { publicItem: null } });
  });
});

describe('GraphQL over HTTP: methods and media types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  const QUERY = { query: '{ portal { nameVi } }' };

  it('answers 405 with Allow to a method other than GET and POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await t.http({ host: CITY, method, path: '/graphql', body: QUERY });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, POST');
    }
  });

  it('answers 415 to a POST that is not application/json, before Apollo reads it', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/graphql',
    ]) {
      const res = await t.http({
        host: CITY,
        path: '/graphql',
        body: JSON.stringify(QUERY),
        headers: { 'content-type': contentType },
      });
      expect(res.status).toBe(415);
      expect(res.headers['accept-post']).toBe('application/json');
      expect(res.body).toMatchObject({ errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
    }
    // Every path Express hands to Apollo (it matches the mount in any case, and its sub-paths).
    for (const path of [
      '/en/graphql',
      '/graphql/',
      '/GraphQL',
      '/en/GRAPHQL/',
      '/graphql/x',
      '/graphql?x=1',
    ]) {
      const form = await t.http({
        host: CITY,
        path,
        body: `query=${encodeURIComponent('{ __typename }')}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect([path, form.status]).toEqual([path, 415]);
    }
    // The connection that carried the refused body is usable again (the api closed it cleanly).
    expect((await t.gql(CITY, QUERY.query)).status).toBe(200);
  });

  // `{ __typename }` is never cached, so these see the pipeline's own negotiation (see below).
  const UNCACHED = { query: '{ __typename }' };

  it('answers 406 when the client accepts neither JSON media type', async () => {
    const res = await t.http({
      host: CITY,
      path: '/graphql',
      body: UNCACHED,
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(406);
  });

  it('runs queries over GET (cacheable) and refuses mutations over GET with 405 Allow: POST', async () => {
    const get = await t.http({ host: CITY, path: `/graphql?query=${encodeURIComponent(QUERY.query)}` });
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ data: { portal: { nameVi: 'Thành phố Hồ Chí Minh' } } });
    expect(get.headers['cache-control']).toMatch(/public/);
    const mutation = await t.http({
      host: CITY,
      path: `/graphql?query=${encodeURIComponent('mutation { logout }')}`,
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(mutation.status).toBe(405);
    expect(mutation.headers.allow).toBe('POST');
  });

  it('answers application/graphql-response+json when asked, and 400 without data for a broken document', async () => {
    const ok = await t.http({
      host: CITY,
      path: '/graphql',
      body: UNCACHED,
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toContain('application/graphql-response+json');
    const broken = await t.http({
      host: CITY,
      path: '/graphql',
      body: { query: '{ portal { nameVi }' },
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).not.toHaveProperty('data');
    const notJson = await t.http({ host: CITY, path: '/graphql', body: '{ "query": ' });
    expect(notJson.status).toBe(400);
  });
});

describe('GraphQL over HTTP: cached anonymous reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  // The anonymous response cache keys answers by Accept too, so a hit keeps the negotiated type.
  it('keeps the negotiated media type on a cache hit', async () => {
    const QUERY = { query: '{ portal { nameEn } }' };
    let hit = false;
    for (let i = 0; i < 5 && !hit; i++) {
      const res = await t.http({
        host: CITY,
        path: '/graphql',
        body: QUERY,
        headers: { accept: 'application/json' },
      });
      hit = res.headers['x-cache'] === 'HIT';
    }
    expect(hit).toBe(true);
    const other = await t.http({
      host: CITY,
      path: '/graphql',
      body: QUERY,
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(other.headers['content-type']).toContain('application/graphql-response+json');
  });
});
