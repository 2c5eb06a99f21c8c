import { getIntrospectionQuery } from 'graphql';
import { Role } from '../libs/access/src';
import { loadAppConfig } from '../libs/platform/src';
import { openDatabase } from './support/fixtures';
import { HttpResponse } from './support/http-client';
import { GqlResponse, SMALL_TREES, TestApp, startTestApp, productionSettings } from './support/test-app';

const CITY = 'hochiminhcity.gov.vn';
const CITY_ALIAS = 'tphcm.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';
/** An origin outside the federation configured in CORS_ORIGINS (say, the province's e-services site). */
const PARTNER = 'https://dichvucong.example.vn';

function csp(res: HttpResponse): Record<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function expectSecurityHeaders(res: HttpResponse): void {
  expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
  const policy = csp(res);
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['frame-ancestors']).toEqual(["'self'"]);
  expect(policy['script-src']).toEqual(["'none'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(String(res.headers.vary)).toMatch(/\bOrigin\b/);
}

/** Whether a URL may load under a CSP source list (enough of CSP for the pages this api renders). */
function allowedBy(sources: string[], url: string, self: string): boolean {
  const target = new URL(url, self);
  return sources.some((source) => {
    if (source === "'self'") return target.origin === new URL(self).origin;
    if (/^[a-z]+:$/.test(source)) return target.protocol === source;
    return target.origin === source;
  });
}

async function publishItem(
  t: TestApp,
  host: string,
  bodyHtml: string,
): Promise<{ id: string; slug: string }> {
  const member = await t.asUser(`member-${host}`, Role.BOARD_MEMBER, host);
  const head = await t.asUser(`head-${host}`, Role.BOARD_HEAD, host);
  const ITEM = '__typename ... on ContentItem { id slug } ... on InputError { errorCode }';
  const created = await t.gql(
    host,
    `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
    {
      i: {
        tenantId: t.tenant(host).id,
        kind: 'NEWS',
        title: 'Lễ phát động chương trình an toàn giao thông',
        bodyHtml,
        authorName: 'Lê Văn C',
        source: 'Phường Sài Gòn',
      },
    },
    { token: member },
  );
  const item = created.body.data!.createContent;
  for (const [action, token] of [
    ['SUBMIT', member],
    ['TAKE_FOR_REVIEW', member],
    ['APPROVE', head],
    ['PUBLISH', member],
  ] as const) {
    const step = await t.gql(
      host,
      `mutation { transitionContent(itemId: "${item.id}", action: ${action}) { ${ITEM} } }`,
      undefined,
      { token },
    );
    expect(step.body.data!.transitionContent.__typename).toBe('ContentItem');
  }
  return item;
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('are sent with GraphQL answers, fresh and from the anonymous cache', async () => {
    const query = '{ portal { nameVi } }';
    let cached = false;
    for (let i = 0; i < 5 && !cached; i++) {
      const res = await t.gql(CITY, query);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res);
      cached = res.headers['x-cache'] === 'HIT';
    }
    expect(cached).toBe(true);
    expectSecurityHeaders(await t.http({ host: CITY, path: `/graphql?query=${encodeURIComponent(query)}` }));
  });

  it('are sent with the pages, whose content the policy lets through (home page, print view)', async () => {
    const home = await t.http({ host: CITY, path: '/' });
    expect(home.status).toBe(200);
    expectSecurityHeaders(home);
    // No script runs: the one <script> is JSON-LD data, and styles are a file.
    expect(home.text).not.toMatch(/<script(?! type="application\/ld\+json">)|<style|\sstyle=|\son\w+=/i);

    const item = await publishItem(
      t,
      WARD,
      '<p>Ảnh: <img src="https://anh.example.vn/le-phat-dong.jpg" alt="Lễ phát động"></p>' +
        '<iframe src="https://www.youtube.com/embed/abc123" title="Video"></iframe>',
    );
    const print = await t.http({ host: WARD, path: `/print/${item.slug}` });
    expect(print.status).toBe(200);
    expectSecurityHeaders(print);
    const policy = csp(print);
    const self = `https://${WARD}`;
    // Everything the printed page loads or runs is allowed: no script, the inline style, the image,
    // the embedded player.
    expect(print.text).not.toMatch(/<script|\son\w+=/i);
    expect(print.text).toContain('<style>');
    expect(policy['style-src']).toContain("'unsafe-inline'");
    const images = [...print.text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    const frames = [...print.text.matchAll(/<iframe[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(images).toEqual(['https://anh.example.vn/le-phat-dong.jpg']);
    expect(frames).toEqual(['https://www.youtube.com/embed/abc123']);
    for (const src of images) expect(allowedBy(policy['img-src'], src, self)).toBe(true);
    for (const src of frames) expect(allowedBy(policy['frame-src'], src, self)).toBe(true);
    expect(allowedBy(policy['frame-src'], 'https://evil.example/embed', self)).toBe(false);
    expectSecurityHeaders(await t.http({ host: WARD, path: `/archive/${item.id}` }));
  });

  it('are sent with feeds, which keep their own Vary next to Origin', async () => {
    const feed = await t.http({ host: WARD, path: '/feeds/rss.xml' });
    expect(feed.status).toBe(200);
    expectSecurityHeaders(feed);
    expect(String(feed.headers.vary)).toMatch(/X-Portal-Locale/);
  });

  it('are sent with errors: unknown host, missing page, broken query, wrong method, wrong media type, oversized body', async () => {
    const answers = [
      await t.http({ host: 'unknown.example.vn', path: '/' }),
      await t.http({ host: CITY, path: '/print/khong-co' }),
      await t.http({ host: CITY, path: '/khong-co' }),
      await t.gql(CITY, '{ portal { nameVi }'),
      await t.http({ host: CITY, method: 'PUT', path: '/graphql', body: { query: '{ __typename }' } }),
      await t.http({
        host: CITY,
        path: '/graphql',
        body: '{"query":"{ __typename }"}',
        headers: { 'content-type': 'text/plain' },
      }),
      await t.http({
        host: CITY,
        path: '/graphql',
        body: { query: `{ portal { nameVi } } # ${'x'.repeat(2 * 1024 * 1024)}` },
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 400, 405, 415, 413]);
    for (const a of answers) expectSecurityHeaders(a);
  });
});

describe('CORS: a portal answers browsers on its own hosts and the configured origins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ corsOrigins: [PARTNER] });
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  const preflight = (host: string, origin: string) =>
    t.http({
      host,
      method: 'OPTIONS',
      path: '/graphql',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
  const post = (host: string, origin: string) =>
    t.gql(host, '{ portal { nameVi } }', {}, { headers: { origin } });

  it('answers the preflight of an allowed origin, never with * or credentials', async () => {
    for (const [host, origin] of [
      [CITY, `https://${CITY}`],
      [CITY, `https://${CITY_ALIAS}`], // another name of the same portal
      [CITY, `http://hochiminhcity.localhost:3000`], // its development host, outside production
      [CITY, PARTNER],
      [WARD, PARTNER],
    ]) {
      const res = await preflight(host, origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(String(res.headers['access-control-allow-methods'])).toMatch(/\bPOST\b/);
      expect(String(res.headers['access-control-allow-headers'])).toMatch(
        /\bauthorization\b.*\bcontent-type\b/,
      );
      expect(res.headers['access-control-max-age']).toBe('600');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(res.headers.vary)).toMatch(/\bOrigin\b/);
      expectSecurityHeaders(res);

      const answer = await post(host, origin);
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(String(answer.headers['access-control-expose-headers'])).toMatch(/Retry-After/);
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('gives another portal, a foreign site or a malformed origin no Access-Control-Allow-Origin', async () => {
    for (const [host, origin] of [
      [CITY, `https://${WARD}`], // a ward's site may not call the city's api
      [WARD, `https://${CITY}`], // nor the reverse
      [CITY, 'https://kiengiang.gov.vn'],
      [CITY, 'https://evil.example'],
      [CITY, `https://${CITY}.evil.example`],
      [CITY, 'null'],
      [CITY, `https://${CITY}/path`],
      [CITY, 'https://dichvucong.example.vn:8443'],
      ['unknown.example.vn', 'https://unknown.example.vn'],
    ]) {
      const res = await preflight(host, origin);
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
      // The request itself is answered (CORS is the browser's to enforce), without the header.
      const answer = await post(host, origin);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(String(answer.headers.vary)).toMatch(/\bOrigin\b/);
    }
    // A cached answer does not carry another origin's permission.
    const query = '{ portal { nameEn } }';
    for (let i = 0; i < 3; i++) await post(CITY, `https://${CITY}`);
    const foreign = await t.gql(CITY, query, {}, { headers: { origin: 'https://evil.example' } });
    const again = await t.gql(CITY, query, {}, { headers: { origin: 'https://evil.example' } });
    expect(again.headers['x-cache']).toBe('HIT');
    for (const res of [foreign, again]) expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reads CORS_ORIGINS as a list of exact origins and refuses *', () => {
    const base = { NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/unused' };
    expect(
      loadAppConfig({ ...base, CORS_ORIGINS: ' https://App.Example.vn , https://b.example.vn:8443/ ' })
        .corsOrigins,
    ).toEqual(['https://app.example.vn', 'https://b.example.vn:8443']);
    expect(loadAppConfig(base).corsOrigins).toEqual([]);
    expect(() => loadAppConfig({ ...base, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadAppConfig({ ...base, CORS_ORIGINS: 'https://a.example.vn/app' })).toThrow(
      /CORS_ORIGINS/,
    );
    expect(() => loadAppConfig({ ...base, CORS_ORIGINS: 'a.example.vn' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('GraphQL limits on every operation', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    token = await t.asUser('limits-owner', Role.OWNER, CITY);
  });
  afterAll(() => t.close());

  const nest = (levels: number, inner: string) =>
    Array.from({ length: levels }).reduce<string>((body) => `... on Portal { ${body} }`, inner);
  const LIMITED: Array<[string, string, RegExp]> = [
    [
      'depth',
      `{ portal { ${nest(10, 'nameVi')} } }`,
      /^Syntax Error: Query depth limit of 10 exceeded, found 12\./,
    ],
    [
      'aliases',
      `{ ${Array.from({ length: 16 }, (_, i) => `p${i}: portal { nameVi }`).join(' ')} }`,
      /^Syntax Error: Aliases limit of 15 exceeded, found 16\./,
    ],
    [
      'cost',
      `{ ${Array.from({ length: 6 }, (_, i) => `s${i}: search(first: 100, query: "x") { id title slug summary publishedAt }`).join(' ')} }`,
      /^Syntax Error: Query Cost limit of 5000 exceeded, found 5700\./,
    ],
    [
      'directives',
      `{ portal { ${'nameVi @include(if: true) '.repeat(21)}} }`,
      /^Syntax Error: Directives limit of 20 exceeded, found 21\./,
    ],
  ];

  it.each(LIMITED)(
    'refuses a query over the %s limit with 400, anonymous or signed in, POST or GET, /en too',
    async (_name, query, message) => {
      const answers = [
        await t.gql(CITY, query),
        await t.gql(CITY, query, {}, { token }),
        await t.http({ host: CITY, path: `/graphql?query=${encodeURIComponent(query)}` }),
        await t.http({ host: CITY, path: '/en/graphql', body: { query } }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(400);
        const errors = (res.body as { errors: Array<{ message: string; extensions: { code: string } }> })
          .errors;
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toMatch(message);
        expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(res.body).not.toHaveProperty('data');
      }
    },
  );

  it('limits mutations as well', async () => {
    const aliased = `mutation { ${Array.from({ length: 16 }, (_, i) => `o${i}: logout`).join(' ')} }`;
    const res = await t.gql(CITY, aliased, {}, { token });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('refuses a document of more than 2000 tokens before parsing it whole (400, not 500)', async () => {
    const res = await t.gql(CITY, `{ portal { ${'nameVi '.repeat(2100)}} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Document contains more that 2000 tokens\. Parsing aborted\./),
        extensions: expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }),
      }),
    ]);
    // A syntax error is the client's too.
    expect((await t.gql(CITY, '{ search(query: "x\\") { id } }')).status).toBe(400);
  });

  it('lets a query within every limit through, and tools read the whole schema outside production', async () => {
    const within = await t.gql(CITY, `{ portal { ${nest(8, 'nameVi')} } }`);
    expect(within.body).toEqual({ data: { portal: { nameVi: 'Thành phố Hồ Chí Minh' } } });
    const introspection = await t.gql(CITY, getIntrospectionQuery());
    expect(introspection.status).toBe(200);
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('production: introspection off, errors without details', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      ...productionSettings(),
      logDestination: { write: (line: string) => logLines.push(line) },
    });
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('refuses introspection and its config keeps it off unless GRAPHQL_INTROSPECTION says otherwise', async () => {
    for (const query of [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Query") { fields { name } } }',
    ]) {
      const res = await t.gql(CITY, query);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/introspection is not allowed/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      expect(res.body.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
    expect((await t.gql(CITY, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });

    const env = { JWT_SECRET: 'p'.repeat(48), DATABASE_URL: 'postgres://unused/unused' };
    expect(loadAppConfig({ ...env, NODE_ENV: 'production' }).graphqlIntrospection).toBe(false);
    expect(
      loadAppConfig({ ...env, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection,
    ).toBe(true);
    expect(loadAppConfig({ ...env, NODE_ENV: 'test' }).graphqlIntrospection).toBe(true);
    expect(
      loadAppConfig({ ...env, NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false' }).graphqlIntrospection,
    ).toBe(false);
  });

  it('answers an unexpected database error with a generic message and the request id, logging the cause', async () => {
    // A real fault in the database: the reminders table is renamed away for this one request (as a
    // botched manual change would), so the query fails in PostgreSQL. (`first: -1`, the fault used
    // before, is now a typed INVALID_PAGE_SIZE: security/input-limits.e2e-spec.ts.)
    const token = await t.asUser('prod-owner', Role.OWNER, CITY);
    const db = await openDatabase(t);
    let res: GqlResponse;
    try {
      await db.query('ALTER TABLE editorial_reminders RENAME TO editorial_reminders_away');
      res = await t.gql(CITY, '{ editorialReminders { id } }', {}, { token });
    } finally {
      await db.query('ALTER TABLE IF EXISTS editorial_reminders_away RENAME TO editorial_reminders');
      await db.end();
    }
    expect(res.status).toBe(200);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 3 }],
          path: ['editorialReminders'],
          extensions: {
            code: 'INTERNAL_SERVER_ERROR',
            requestId,
            messageVi: expect.any(String),
            messageEn: expect.any(String),
          },
        },
      ],
    });
    expect(res.text).not.toMatch(
      /editorial_reminders|relation|SELECT|QueryFailed|stacktrace|\bat \w|node_modules/i,
    );
    // The log line the request id finds has the cause and where it was thrown.
    const logged = logLines.filter(
      (line) =>
        line.includes(requestId as string) &&
        /relation \\?"editorial_reminders\\?" does not exist/.test(line),
    );
    expect(logged.length).toBeGreaterThan(0);
  });

  it('sends no stack with client errors or plain HTTP errors either', async () => {
    const answers = [
      await t.gql(CITY, '{ portal { nameVi }'),
      await t.gql(CITY, '{ portal { nope } }'),
      await t.http({ host: CITY, path: '/print/khong-co' }),
      await t.http({ host: CITY, path: '/khong-co' }),
      await t.http({ host: CITY, path: '/archive/not-a-uuid' }),
      await t.http({
        host: CITY,
        path: '/graphql',
        body: '{ "query": ',
        headers: { authorization: 'Bearer not-a-token' },
      }),
      await t.http({
        host: CITY,
        method: 'POST',
        path: '/graphql?query=x',
        headers: { 'content-type': 'application/json', 'content-length': '0' },
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 404, 404, 404, 400, 400]);
    for (const a of answers) {
      expect(a.text).not.toMatch(/stacktrace|\n\s+at |node_modules|\.ts:\d+/);
      expectSecurityHeaders(a);
    }
  });

  it('upgrades insecure requests and takes only https images and origins', async () => {
    const home = await t.http({ host: CITY, path: '/' });
    const policy = csp(home);
    expect(policy['upgrade-insecure-requests']).toEqual([]);
    expect(policy['img-src']).toEqual(["'self'", 'https:']);
    const http = await t.http({
      host: CITY,
      method: 'OPTIONS',
      path: '/graphql',
      headers: { origin: `http://${CITY}`, 'access-control-request-method': 'POST' },
    });
    expect(http.headers['access-control-allow-origin']).toBeUndefined();
    const https = await t.http({
      host: CITY,
      method: 'OPTIONS',
      path: '/graphql',
      headers: { origin: `https://${CITY}`, 'access-control-request-method': 'POST' },
    });
    expect(https.headers['access-control-allow-origin']).toBe(`https://${CITY}`);
  });
});

describe('secrets come from the environment', () => {
  const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://unused/unused' };

  it('refuses to start production without JWT_SECRET, or with a short one', () => {
    expect(() => loadAppConfig(base)).toThrow(/JWT_SECRET is required in production.*no default/);
    expect(() => loadAppConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
    expect(loadAppConfig({ ...base, JWT_SECRET: 's'.repeat(32) }).jwtSecret).toBe('s'.repeat(32));
  });

  it('refuses demo accounts with the public demo password in production', () => {
    const env = { ...base, JWT_SECRET: 's'.repeat(32), SEED_DEMO: 'true' };
    expect(() => loadAppConfig(env)).toThrow(/SEED_DEMO in production needs DEMO_PASSWORD/);
    expect(loadAppConfig({ ...env, DEMO_PASSWORD: 'a-real-one-2026' }).seedDemo).toBe(true);
    expect(loadAppConfig({ ...base, JWT_SECRET: 's'.repeat(32) }).seedDemo).toBe(false);
  });
});
