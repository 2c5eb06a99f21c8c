import type { Client } from 'pg';
import { dataOf } from '../support/gql';
import type { TestApp } from '../support/test-app';
import { PAGED, CLAMPED, pageSizeArguments } from './cases';
import { RG, CT, HCM, MARK, type Who, v } from './victim';
import { useVictimWorld } from './world';

/**
 * Injection in every search, filter and id argument (SQL, LIKE, tsquery, ltree, JSON, unicode tricks,
 * sizes), oversized and deeply nested requests, and page sizes: every first/perSection argument of the
 * schema is in PAGED (test/security/cases/page-sizes.ts) and refuses what it cannot serve. Every
 * GraphQL limit in full: security-hardening.e2e-spec.ts.
 *
 * The world, its actors and the marker: test/security/world.ts and victim.ts; the cases: test/security/cases/.
 */
describe('security suite: hostile input', () => {
  const world = useVictimWorld();
  const { gql, done, raw, item, ASK, CREATE, TO_LIVE, tokens } = world;
  let t: TestApp;
  let db: Client;
  beforeAll(() => {
    ({ t, db } = world);
  });

  describe('injection in search and filters', () => {
    /** Payloads for text arguments: SQL, LIKE, tsquery and ltree syntax, JSON, unicode tricks, sizes. */
    const PAYLOADS: Array<[string, string]> = [
      ['SQL quote', `' OR '1'='1`],
      ['SQL comment', `lụt'; DROP TABLE content_items; --`],
      ['SQL union', `x' UNION SELECT id, title FROM content_revisions --`],
      ['double quotes', `" OR ""="`],
      ['backslashes', `\\\\' \\x00 \\`],
      ['percent', '%'],
      ['underscore', '_'],
      ['LIKE pattern', '%_%'],
      ['escaped percent', '\\%'],
      ['tsquery operators', `lụt & ! | ( ) <-> :* *`],
      ['tsquery prefix', 'a:* | b:*'],
      ['ltree query', '*.rachgia.*{1,}'],
      ['ltree path', `${'a'.repeat(10)}.${'b'.repeat(10)}`],
      ['JSON operator', `{"$ne": null}`],
      ['JSON path', `$.*[*] ? (@ like_regex ".*")`],
      ['dollar quoting', '$$ SELECT 1 $$'],
      ['placeholder', '$1'],
      ['NUL byte', 'lụt\u0000bão'],
      ['right-to-left override', 'l\u202Eụt'],
      ['zero-width joiner', 'l\u200Dụt'],
      ['byte-order mark', '\uFEFFlụt'],
      ['decomposed Vietnamese', 'lu\u0323t'],
      ['full-width', 'ＬＵＴ'],
      ['emoji', '🌊 lụt 🌊'],
      ['lone surrogate', 'l\uD800ụt'],
      ['lone low surrogate', '\uDC00lụt'],
      ['control characters', 'l\u0001\u0008\u001Bụt'],
      ['new lines', 'lụt\r\n\tbão'],
      ['10,000 characters', 'lụt '.repeat(2_500)],
      ['200,000 characters', 'x'.repeat(200_000)],
      ['1,000 parentheses', '('.repeat(1_000)],
    ];
    let foreignIds: Set<string>;
    let ownLegal: string;

    beforeAll(async () => {
      const legal = (issuer: string) => ({
        kind: 'LEGAL_DOCUMENT',
        fields: {
          form: 'QUYET_DINH',
          issuer,
          number: '12/2026/QĐ-UBND',
          issueDate: '2026-03-01',
          excerpt: 'Về phòng chống lụt bão',
          field: 'Phòng chống thiên tai',
        },
      });
      ownLegal = (
        await item(
          CT,
          'sibling',
          'Quyết định phòng chống lụt bão huyện Châu Thành',
          legal('UBND huyện Châu Thành'),
          TO_LIVE,
        )
      ).id;
      await item(CT, 'sibling', 'Kế hoạch phòng chống lụt bão huyện Châu Thành', {}, TO_LIVE);
      const OFFICER = `${MARK}-officer`;
      await item(
        RG,
        OFFICER,
        'Quyết định phòng chống lụt bão thành phố Rạch Giá',
        legal('UBND thành phố Rạch Giá'),
        TO_LIVE,
      );
      await item(RG, OFFICER, 'Kế hoạch phòng chống lụt bão thành phố Rạch Giá', {}, TO_LIVE);
      await item(HCM, 'foreignTree', 'Kế hoạch phòng chống lụt bão Thành phố Hồ Chí Minh', {}, TO_LIVE);
      // Everything outside Châu Thành's subtree: no answer on its host may name one of these.
      const { rows } = await db.query(
        `SELECT i.id FROM content_items i JOIN tenants t ON t.id = i.tenant_id
          WHERE NOT t.path <@ (SELECT path FROM tenants WHERE id = $1)`,
        [v[CT]],
      );
      foreignIds = new Set(rows.map((r: { id: string }) => r.id));
      expect(foreignIds.size).toBeGreaterThan(5);
    });

    /** No server error, only coded errors, no row of another portal, no private marker. */
    const expectClean = (label: string, res: { status: number; text: string }) => {
      const problems: string[] = [];
      if (res.status >= 500) problems.push(`HTTP ${res.status}`);
      let parsed: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } = {};
      try {
        parsed = JSON.parse(res.text);
      } catch {
        // a page or a feed
      }
      for (const e of parsed.errors ?? []) {
        const code = String(e.extensions?.code);
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'undefined') problems.push(`${code}: ${e.message}`);
      }
      for (const id of foreignIds) if (res.text.includes(id)) problems.push(`another portal’s item ${id}`);
      if (res.text.toLowerCase().includes(MARK)) problems.push('a private marker');
      return problems.map((p) => `${label}: ${p}`);
    };

    const TEXT_ARGS: Array<[string, string, Who | null, (p: string) => Record<string, unknown>]> = [
      ['search', `query($q: String!) { search(query: $q, first: 100) { id title } }`, null, (q) => ({ q })],
      [
        'subtreeSearch',
        `query($q: String!) { subtreeSearch(query: $q, first: 100) { id title } }`,
        'sibling',
        (q) => ({ q }),
      ],
      [
        'legalDocuments.form',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { form: p } }),
      ],
      [
        'legalDocuments.issuer',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { issuer: p } }),
      ],
      [
        'legalDocuments.number',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { number: p } }),
      ],
      [
        'legalDocuments.field',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { field: p } }),
      ],
      [
        'legalDocuments.issuedFrom',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { issuedTo: p, issuedFrom: p } }),
      ],
      [
        'subtreeFeed.categoryName',
        `query($f: SubtreeFeedFilter) { subtreeFeed(filter: $f) { nodes { id title } } }`,
        'sibling',
        (p) => ({ f: { categoryName: p, language: p } }),
      ],
      [
        'subtreeFeed.after',
        `query($f: SubtreeFeedFilter) { subtreeFeed(filter: $f) { nodes { id title } } }`,
        'sibling',
        (p) => ({ f: { after: p } }),
      ],
      [
        'publicItems.after',
        `query($a: String) { publicItems(filter: { after: $a }) { nodes { id title } } }`,
        null,
        (a) => ({ a }),
      ],
      [
        'publishedQuestions.after',
        `query($a: String) { publishedQuestions(after: $a) { nodes { id } } }`,
        null,
        (a) => ({ a }),
      ],
      [
        'auditLog.action',
        `query($a: String) { auditLog(filter: { action: $a, first: 100 }) { nodes { id tenantId subjectId } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'auditLog.after',
        `query($a: String) { auditLog(filter: { after: $a }) { nodes { id tenantId subjectId } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'accounts.after',
        `query($a: String) { accounts(filter: { after: $a }) { nodes { id username } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'draftCommentQueue.after',
        `query($a: String) { draftCommentQueue(filter: { after: $a }) { nodes { id text } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'reportLateItems.after',
        `query($a: String) { reportLateItems(period: "2026", after: $a) { itemId } }`,
        'sibling',
        (a) => ({ a }),
      ],
      ['report.period', `query($p: String!) { report(period: $p) { period } }`, 'sibling', (p) => ({ p })],
      [
        'portalRatings.from',
        `query($p: String!) { portalRatings(period: MONTH, from: $p, to: $p) { count } }`,
        'sibling',
        (p) => ({ p }),
      ],
      ['publicItem.slug', `query($s: String!) { publicItem(slug: $s) { id title } }`, null, (s) => ({ s })],
      [
        'questionStatus.trackingCode',
        `query($c: String!) { questionStatus(trackingCode: $c) { topic } }`,
        null,
        (c) => ({ c }),
      ],
      ['tenant.id', `query($id: String!) { tenant(id: $id) { id } }`, null, (id) => ({ id })],
      ['contentItem.id', `query($id: String!) { contentItem(id: $id) { id } }`, 'sibling', (id) => ({ id })],
      ['account.id', `query($id: String!) { account(id: $id) { id } }`, 'sibling', (id) => ({ id })],
      ['question.id', `query($id: ID!) { question(id: $id) { id } }`, 'sibling', (id) => ({ id })],
      [
        'proposeDomainLabel.name',
        `query($n: String!) { proposeDomainLabel(name: $n, kind: WARD) }`,
        null,
        (n) => ({ n }),
      ],
      ['isWorkingDay.date', `query($d: String!) { isWorkingDay(date: $d) }`, null, (d) => ({ d })],
      [
        'login.username',
        `mutation($u: String!) { login(username: $u, password: $u) { __typename ... on InputError { errorCode } } }`,
        null,
        (u) => ({ u }),
      ],
      [
        'refreshSession.refreshToken',
        `mutation($r: String!) { refreshSession(refreshToken: $r) { __typename ... on InputError { errorCode } } }`,
        null,
        (r) => ({ r }),
      ],
    ];

    it.each(PAYLOADS)(
      '%s: every search, filter and id argument answers normally, with no other portal’s rows',
      async (_name, payload) => {
        const problems: string[] = [];
        for (const [label, query, who, vars] of TEXT_ARGS) {
          const res = await gql(CT, who, query, vars(payload));
          problems.push(...expectClean(label, res));
        }
        // (A lone surrogate cannot be written in a URL: it goes as U+FFFD there.)
        const path = encodeURIComponent(payload.slice(0, 2_000).replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
        for (const p of [
          `/print/${path}`,
          `/archive/${path}`,
          `/attachments/${path}`,
          `/feeds/rss.xml?category=${path}`,
          `/feeds/atom.xml?kind=${path}`,
        ]) {
          problems.push(...expectClean(p.slice(0, 30), await raw({ path: p, host: CT })));
        }
        expect(problems).toEqual([]);
      },
    );

    it('NUL and unpaired surrogates in writes are stored as text keeps them (NUL dropped, U+FFFD), never a server error', async () => {
      const CREATE_ACCOUNT = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { __typename ... on Account { id displayName } ... on InputError { errorCode } } }`;
      const LOGIN = `mutation($u: String!) { login(username: $u, password: "a-long-enough-passphrase") { __typename ... on InputError { errorCode } } }`;
      for (const [n, bad, stored] of [
        [1, 'Tin\u0000mới', 'Tinmới'],
        [2, 'Tin\uD800mới', 'Tin\uFFFDmới'],
        [3, 'Tin\uDC00mới', 'Tin\uFFFDmới'],
      ] as const) {
        const created = await done(CT, 'sibling', CREATE, {
          i: {
            tenantId: v[CT],
            kind: 'NEWS',
            title: `${bad} ${n}`,
            bodyHtml: `<p>${bad}</p>`,
            authorName: bad,
            source: 'X',
          },
        });
        const { rows } = await db.query(
          'SELECT title, author_name FROM content_revisions WHERE item_id = $1',
          [created.id],
        );
        expect(rows[0]).toEqual({ title: `${stored} ${n}`, author_name: stored });
        const account = await done(CT, 'sibling', CREATE_ACCOUNT, {
          i: {
            tenantId: v[CT],
            username: `unstorable-${n}`,
            displayName: bad,
            password: 'a-long-enough-passphrase',
          },
        });
        expect(account.displayName).toBe(stored);
        const asked = await gql(CT, null, ASK, {
          i: {
            type: 'QUESTION',
            name: 'Nguyễn Văn A',
            email: 'a@example.vn',
            topic: `Đất đai ${bad}`,
            text: `Hỏi về ${bad} thủ tục đất đai`,
            proof: { website: '' },
          },
        });
        expect(asked.body.data?.askQuestion?.__typename).toBe('QuestionReceipt');
        const login = await gql(CT, null, LOGIN, { u: `${bad}${n}` });
        expect(login.body.data?.login).toEqual({
          __typename: 'InputError',
          errorCode: 'INVALID_CREDENTIALS',
        });
      }
    });

    it('LIKE wildcards in filters are literal characters', async () => {
      const docs = async (f: Record<string, string>) =>
        dataOf(
          await t.gql<{ legalDocuments: Array<{ id: string }> }>(
            CT,
            `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id } }`,
            { f },
          ),
        ).legalDocuments.map((d) => d.id);
      // The control: the document is found by a part of its number and issuer…
      expect(await docs({ number: '12/2026' })).toEqual([ownLegal]);
      expect(await docs({ issuer: 'chau thanh' })).toEqual([ownLegal]);
      // …and not by patterns that would match it if % and _ were wildcards.
      const patterns: Array<Record<string, string>> = [
        { number: '12_2026' },
        { number: '12%2026' },
        { number: '%' },
        { number: '_' },
        { issuer: '%' },
        { issuer: 'UBND_huyện' },
        { field: '%' },
        { form: '%' },
      ];
      for (const f of patterns) expect({ f, found: await docs(f) }).toEqual({ f, found: [] });
    });

    it('search and subtree search see their own portal’s items only, whatever the query', async () => {
      const found = dataOf(
        await t.gql<{ search: Array<{ id: string; title: string }> }>(
          CT,
          `{ search(query: "lut bao", first: 100) { id title } }`,
        ),
      ).search;
      expect(found.map((f) => f.title).sort()).toEqual([
        'Kế hoạch phòng chống lụt bão huyện Châu Thành',
        'Quyết định phòng chống lụt bão huyện Châu Thành',
      ]);
      const sub = dataOf(
        await gql<{ subtreeSearch: Array<{ id: string }> }>(
          CT,
          'sibling',
          `{ subtreeSearch(query: "lut bao") { id } }`,
        ),
      ).subtreeSearch;
      expect(sub.length).toBe(2);
      expect(sub.filter((s) => foreignIds.has(s.id))).toEqual([]);
    });
  });

  describe('oversized and deeply nested requests (every limit: security-hardening.e2e-spec.ts)', () => {
    it('a body over the limit is 413 before anything runs, for a signed-in officer’s mutation too', async () => {
      const before = (await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n;
      const res = await gql(
        CT,
        'sibling',
        `mutation($i: CreateAccountInput!) { createAccount(input: $i) { __typename } }`,
        {
          i: {
            tenantId: v[CT],
            username: 'oversized',
            displayName: 'x'.repeat(3 * 1024 * 1024),
            password: 'a-long-enough-passphrase',
          },
        },
      );
      expect(res.status).toBe(413);
      expect(res.body.data).toBeUndefined();
      expect((await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(before);
    });

    it('a query over the depth limit is 400 GRAPHQL_VALIDATION_FAILED, mutations and signed-in callers included', async () => {
      const deep = (levels: number) =>
        Array.from({ length: levels }).reduce<string>((inner) => `... on Portal { ${inner} }`, 'id');
      for (const [query, token] of [
        [`{ portal { ${deep(12)} } }`, null],
        [`{ portal { ${deep(12)} } }`, tokens.sibling],
        [
          `mutation { provisionTenant(input: { parentId: "${v[CT]}", kind: WARD, nameVi: "Sâu" }) { ... on Portal { ${deep(12)} } } }`,
          tokens.sibling,
        ],
      ] as const) {
        const res = await t.gql(CT, query, {}, { token });
        expect(res.status).toBe(400);
        expect(res.body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/Query depth limit of 10 exceeded/),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        });
      }
      expect((await db.query(`SELECT count(*)::int AS n FROM tenants WHERE name_vi = 'Sâu'`)).rows[0].n).toBe(
        0,
      );
    });

    it('many aliases are 400, and a batch of operations in one body does not get around the limits', async () => {
      const aliased = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: portal { id }`).join(' ')} }`;
      const res = await t.gql(CT, aliased);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
      const batch = await raw({
        method: 'POST',
        path: '/graphql',
        host: CT,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(
          JSON.stringify(
            Array.from({ length: 50 }, () => ({ query: '{ search(query: "lut", first: 100) { id } }' })),
          ),
        ),
      });
      expect(batch.status).toBe(400);
      expect(JSON.parse(batch.text).errors[0]).toMatchObject({
        message: 'Operation batching disabled.',
        extensions: { code: 'BAD_REQUEST' },
      });
      expect(batch.text).not.toContain('"data"');
    });

    it('deeply nested JSON in variables and literals is refused with a typed answer, not a crash', async () => {
      // 20,000 levels of objects inside a JSONObject argument, written as text (no stack is needed to send it).
      const depth = 20_000;
      const deep = `${'{"a":'.repeat(depth)}"đáy"${'}'.repeat(depth)}`;
      const mutation = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on InputError { errorCode field } } }`;
      const input = `{"tenantId":"${v[CT]}","kind":"NEWS","title":"Lồng sâu","bodyHtml":"<p>x</p>","authorName":"X","source":"X","fields":{"eventDate":"2026-11-20","deep":${deep}}}`;
      const res = await raw({
        method: 'POST',
        path: '/graphql',
        host: CT,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sibling}` },
        body: Buffer.from(`{"query":${JSON.stringify(mutation)},"variables":{"i":${input}}}`),
      });
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toContain('INTERNAL_SERVER_ERROR');
      // The kind's fields are an allow-list: the unknown (and deep) one is named, nothing is stored.
      expect(JSON.parse(res.text)).toEqual({
        data: {
          createContent: { __typename: 'InputError', errorCode: 'UNKNOWN_FIELD', field: 'fields.deep' },
        },
      });
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM content_revisions WHERE title = 'Lồng sâu'`)).rows[0]
          .n,
      ).toBe(0);
      // A list literal nested 500 deep in the document: over the token limit, a 400.
      const literal = `{ search(query: "x", first: ${'['.repeat(500)}1${']'.repeat(500)}) { id } }`;
      expect((await t.gql(CT, literal)).status).toBe(400);
      // A list variable nested 10,000 deep where a list of ids is expected: a typed 400 from the coercion.
      const query =
        'query($s: [ID!]!) { mergePreview(input: { sourceIds: $s, targetId: "x" }) { __typename } }';
      const nestedList = await raw({
        method: 'POST',
        path: '/graphql',
        host: CT,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sibling}` },
        body: Buffer.from(
          `{"query":${JSON.stringify(query)},"variables":{"s":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`,
        ),
      });
      expect(nestedList.status).toBe(400);
      expect(JSON.parse(nestedList.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('fragment cycles, a 40 KB URL and a 40 KB header are refused without a server error', async () => {
      const cycle = await t.gql(CT, `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
      expect(cycle.status).toBe(400);
      expect(cycle.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const url = await raw({
        path: `/graphql?query=${encodeURIComponent(`{ search(query: "${'x'.repeat(40_000)}") { id } }`)}`,
        host: CT,
      });
      expect([400, 414, 431]).toContain(url.status);
      const header = await raw({
        path: '/graphql?query=%7B__typename%7D',
        host: CT,
        headers: { 'x-padding': 'x'.repeat(40_000) },
      });
      expect([400, 431]).toContain(header.status);
    });
  });

  describe('page sizes: every first/perSection argument refuses what it cannot serve', () => {
    it('the list above is every page-size argument of the schema', () => {
      expect(pageSizeArguments().sort()).toEqual(Object.keys(PAGED).sort());
    });

    it.each(Object.entries(PAGED))(
      '%s: a negative or zero size is a typed INVALID_PAGE_SIZE (or clamped), a huge one refused or capped, never a server error',
      async (op, [who, query]) => {
        for (const n of [-1, 0, 1_000_000, 2_147_483_647]) {
          const res = await gql(
            CT,
            who === 'anonymous' ? null : who,
            query.replace('$n', String(n)).replace('$ct', v.ctLive),
          );
          const codes = (res.body.errors ?? []).map((e) => String(e.extensions?.code));
          expect({ n, status: res.status < 500 }).toEqual({ n, status: true });
          // INVALID_PAGE_SIZE from the list, or the cost limit (GRAPHQL_VALIDATION_FAILED) for huge sizes.
          expect({
            n,
            codes: codes.filter((c) => !/^(INVALID_PAGE_SIZE|GRAPHQL_VALIDATION_FAILED)$/.test(c)),
          }).toEqual({
            n,
            codes: [],
          });
          if (n <= 0 && !CLAMPED.includes(op)) {
            expect({ n, codes }).toEqual({ n, codes: ['INVALID_PAGE_SIZE'] });
            expect(res.body.errors![0]).toMatchObject({
              extensions: {
                field: expect.stringMatching(/first|perSection/),
                messageVi: expect.any(String),
                messageEn: expect.any(String),
              },
            });
          }
          if (n <= 0 && CLAMPED.includes(op)) expect({ n, codes }).toEqual({ n, codes: [] });
        }
      },
    );
  });
});
