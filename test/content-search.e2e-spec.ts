import type { Client } from 'pg';
import { Role } from '../libs/access/src';
import { HighlightSegment, PublicSearchService } from '../libs/content/src';
import { startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * What the public finds. Full-text search with and without diacritics (people
 * type "ke hoach" for "kế hoạch", "duong" for "đường"), title matches ranked before body-only ones,
 * prefix matching, an empty query refused; legal documents by form, issuer, number, field and issue
 * date; keyset pagination of a portal's published items, newest first, in all and by category.
 */

const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';

type Pub = { id: string; title: string; slug: string; publishedAt: string; categoryId: string | null };
type Page = { nodes: Pub[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type Created = { __typename: string; id: string; slug: string; errorCode?: string };

describe('content search and public lists', () => {
  let t: TestApp;
  let db: Client;
  let saigonId: string;
  let writer: string;
  let member: string;
  let head: string;
  const ids: Record<string, string> = {};
  const categories: Record<string, string> = {};

  const legal = (
    form: string,
    issuer: string,
    number: string,
    issueDate: string,
    field: string,
  ): Record<string, unknown> => ({
    kind: 'LEGAL_DOCUMENT',
    fields: { form, issuer, number, issueDate, field, excerpt: `Trích yếu văn bản ${number}` },
  });

  /** Eight published Sài Gòn items, in this order of publication (oldest first). */
  const ITEMS: Array<[string, Record<string, unknown>]> = [
    [
      'plan',
      {
        title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số năm 2026',
        bodyHtml: '<p>Ủy ban nhân dân công bố lộ trình số hóa hồ sơ.</p>',
        category: 'tin-tuc-su-kien',
      },
    ],
    [
      'reception',
      {
        title: 'Thông báo lịch tiếp công dân tháng 12',
        // Body only, but many times: still ranked after every title match.
        bodyHtml:
          '<p>Theo kế hoạch của phường, kế hoạch tiếp dân được điều chỉnh. Kế hoạch này thay thế kế hoạch cũ; ' +
          'kế hoạch chi tiết và kế hoạch dự phòng được niêm yết tại trụ sở.</p>',
        category: 'thong-bao',
      },
    ],
    [
      'dengue',
      {
        title: 'Kế hoạch phòng chống dịch sốt xuất huyết',
        bodyHtml: '<p>Phường tổ chức phun thuốc diệt muỗi tại các khu phố.</p>',
        category: 'tin-tuc-su-kien',
      },
    ],
    [
      'road',
      {
        title: 'Sửa chữa mặt đường Nguyễn Huệ',
        bodyHtml: '<p>Thi công từ ngày 1 tháng 12, người dân lưu ý phân luồng.</p>',
        category: 'thong-bao',
      },
    ],
    [
      'app',
      {
        title: 'Phường Sài Gòn ra mắt ứng dụng phản ánh hiện trường',
        bodyHtml: '<p>Người dân tải về điện thoại để gửi phản ánh.</p>',
        category: 'tin-tuc-su-kien',
      },
    ],
    [
      'decision',
      {
        title: 'Quyết định ban hành quy chế làm việc',
        bodyHtml: '<p>Toàn văn quy chế đính kèm.</p>',
        category: 'van-ban',
        ...legal('QUYET_DINH', 'Ủy ban nhân dân phường Sài Gòn', '15/2026/QĐ-UBND', '2026-01-15', 'Giáo dục'),
      },
    ],
    [
      'reform',
      {
        title: 'Kế hoạch cải cách hành chính năm 2026',
        bodyHtml: '<p>Các mục tiêu cải cách thủ tục.</p>',
        category: 'van-ban',
        ...legal(
          'KE_HOACH',
          'Ủy ban nhân dân Thành phố Hồ Chí Minh',
          '20/KH-UBND',
          '2026-03-02',
          'Cải cách hành chính',
        ),
      },
    ],
    [
      'vaccine',
      {
        title: 'Công văn về tiêm chủng mở rộng',
        bodyHtml: '<p>Hướng dẫn tổ chức tiêm chủng.</p>',
        category: 'van-ban',
        ...legal('CONG_VAN', 'Sở Y tế', '101/SYT-NVY', '2025-12-20', 'Y tế'),
      },
    ],
  ];

  const gql = async <T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    host = SAIGON,
  ) => dataOf(await t.gql<T>(host, query, variables));
  const search = async (query: string, host = SAIGON) =>
    (
      await gql<{ search: Pub[] }>(
        `query($q: String!) { search(query: $q, first: 50) { id title } }`,
        { q: query },
        host,
      )
    ).search;
  const searchIds = async (query: string) => (await search(query)).map((x) => x.id);
  const legalDocs = async (filter: Record<string, unknown>) =>
    (
      await gql<{ legalDocuments: Pub[] }>(
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        { f: filter },
      )
    ).legalDocuments.map((x) => x.id);
  const page = async (filter: Record<string, unknown>) =>
    (
      await gql<{ publicItems: Page }>(
        `query($f: PublicItemsFilter) { publicItems(filter: $f) {
          nodes { id title slug publishedAt categoryId } pageInfo { hasNextPage endCursor } } }`,
        { f: filter },
      )
    ).publicItems;
  /** Every page, `first` at a time, following endCursor. */
  const allPages = async (filter: Record<string, unknown>, first: number) => {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const p = await page({ ...filter, first, after });
      pages.push(p);
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
      expect(pages.length).toBeLessThan(20);
    } while (after);
    return pages;
  };
  /** The live items of the portal as the database has them, newest first (ties: larger id first). */
  const newestFirst = async (categoryId?: string) => {
    const rows = (
      await db.query(
        `SELECT id::text, published_at FROM content_items
          WHERE tenant_id = $1 AND live_revision_id IS NOT NULL AND withdrawn_at IS NULL AND language = 'vi'
            AND ($2::uuid IS NULL OR category_id = $2::uuid)`,
        [saigonId, categoryId ?? null],
      )
    ).rows as Array<{ id: string; published_at: Date }>;
    return rows
      .sort(
        (a, b) =>
          b.published_at.getTime() - a.published_at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
      )
      .map((r) => r.id);
  };

  beforeAll(async () => {
    ({ t, db } = await startSeededApp({}, ['city']));
    saigonId = t.tenant(SAIGON).id;
    writer = await t.asUser('writer', Role.CONTRIBUTOR, SAIGON);
    member = await t.asUser('member', Role.BOARD_MEMBER, SAIGON);
    head = await t.asUser('head', Role.BOARD_HEAD, SAIGON);
    for (const slug of ['tin-tuc-su-kien', 'thong-bao', 'van-ban']) {
      const row = await db.query(`SELECT id FROM categories WHERE tenant_id = $1 AND slug = $2`, [
        saigonId,
        slug,
      ]);
      expect(row.rowCount).toBe(1);
      categories[slug] = row.rows[0].id;
    }

    const create = async (token: string, input: Record<string, unknown>, host = SAIGON): Promise<Created> => {
      const { category, ...rest } = input as { category?: string };
      const res = await t.gql<{ createContent: Created }>(
        host,
        `mutation($i: CreateContentInput!) { createContent(input: $i) {
          __typename ... on ContentItem { id slug } ... on InputError { errorCode field message } } }`,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            authorName: 'Phòng Văn hóa',
            source: 'UBND phường',
            fields: {},
            ...(category ? { categoryId: categories[category] } : {}),
            ...rest,
          },
        },
        { token },
      );
      const created = dataOf(res).createContent;
      expect(created).toMatchObject({ __typename: 'ContentItem' });
      return created;
    };
    const step = async (token: string, id: string, action: string, host = SAIGON) => {
      const res = await t.gql<{ transitionContent: { __typename: string; errorCode?: string } }>(
        host,
        `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) {
          __typename ... on InputError { errorCode } } }`,
        { id, a: action },
        { token },
      );
      expect({ action, r: dataOf(res).transitionContent }).toEqual({
        action,
        r: { __typename: 'ContentItem' },
      });
    };
    for (const [key, input] of ITEMS) {
      const item = await create(writer, input);
      ids[key] = item.id;
      for (const [token, action] of [
        [writer, 'SUBMIT'],
        [member, 'TAKE_FOR_REVIEW'],
        [head, 'APPROVE'],
        [member, 'PUBLISH'],
      ] as const)
        await step(token, item.id, action);
    }
    // Written but never published: found by nothing below.
    ids.draft = (
      await create(writer, {
        title: 'Kế hoạch nháp về đường Nguyễn Huệ của UBND Quận 1',
        bodyHtml: '<p>Chưa duyệt.</p>',
        ...legal('QUYET_DINH', 'Ủy ban nhân dân phường Sài Gòn', '16/2026/QĐ-UBND', '2026-01-20', 'Giáo dục'),
      })
    ).id;
    // Another ward's published item with the same words: never in Sài Gòn's results.
    const bWriter = await t.asUser('bwriter', Role.CONTRIBUTOR, BENTHANH);
    const bHead = await t.asUser('bhead', Role.BOARD_HEAD, BENTHANH);
    const other = await create(
      bWriter,
      {
        title: 'UBND Quận 1 kế hoạch đường phố Bến Thành',
        bodyHtml: '<p>Kế hoạch.</p>',
        ...legal(
          'QUYET_DINH',
          'Ủy ban nhân dân phường Bến Thành',
          '15/2026/QĐ-UBND',
          '2026-01-15',
          'Giáo dục',
        ),
      },
      BENTHANH,
    );
    ids.benthanh = other.id;
    for (const [token, action] of [
      [bWriter, 'SUBMIT'],
      [bHead, 'TAKE_FOR_REVIEW'],
      [bHead, 'APPROVE'],
      [bHead, 'PUBLISH'],
    ] as const)
      await step(token, other.id, action, BENTHANH);

    // Three items share one publication instant, so that a page boundary falls inside the tie.
    await db.query(
      `UPDATE content_items SET published_at = (SELECT published_at FROM content_items WHERE id = $1) WHERE id = ANY($2)`,
      [ids.road, [ids.road, ids.app, ids.decision]],
    );
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('full-text search', () => {
    it('finds Vietnamese words with and without diacritics, in any case', async () => {
      const withMarks = await searchIds('kế hoạch');
      expect(new Set(withMarks)).toEqual(new Set([ids.plan, ids.reception, ids.dengue, ids.reform]));
      expect(withMarks).toHaveLength(4);
      expect(await searchIds('ke hoach')).toEqual(withMarks);
      expect(await searchIds('KE HOACH')).toEqual(withMarks);
      expect(await searchIds('Kế Hoạch')).toEqual(withMarks);
      // Decomposed input (NFD) is the same words.
      expect(await searchIds('kế hoạch'.normalize('NFD'))).toEqual(withMarks);
    });

    it('"ubnd quan 1 ke hoach" finds "UBND Quận 1 … kế hoạch" and only that', async () => {
      const found = await search('ubnd quan 1 ke hoach');
      expect(found).toEqual([
        { id: ids.plan, title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số năm 2026' },
      ]);
      expect((await search('UBND Quận 1 kế hoạch')).map((x) => x.id)).toEqual([ids.plan]);
      // Every word must match: a word found nowhere finds nothing.
      expect(await search('ubnd quan 1 ke hoach tuyen sinh')).toEqual([]);
    });

    it('"đường" and "duong" find the same item; đ is d', async () => {
      const marked = await searchIds('đường');
      expect(marked).toEqual([ids.road]);
      expect(await searchIds('duong')).toEqual(marked);
      expect(await searchIds('ĐƯỜNG NGUYỄN HUỆ')).toEqual(marked);
      expect(await searchIds('duong nguyen hue')).toEqual(marked);
      expect(await searchIds('nguyen hue duong')).toEqual(marked);
    });

    it('ranks title matches before body-only matches', async () => {
      const found = await searchIds('ke hoach');
      const titleMatches = [ids.plan, ids.dengue, ids.reform];
      expect(new Set(found.slice(0, 3))).toEqual(new Set(titleMatches));
      expect(found[3]).toBe(ids.reception);
      // The body-only item is last however often its body repeats the words (six times here).
      const bodyOnly = await db.query(
        `SELECT count(*)::int AS n FROM content_revisions r,
                regexp_matches(lower(portal_unaccent(r.body_text)), 'ke hoach', 'g')
          WHERE r.item_id = $1`,
        [ids.reception],
      );
      expect(bodyOnly.rows[0].n).toBeGreaterThanOrEqual(6);
    });

    it('matches word prefixes', async () => {
      expect(await searchIds('ung dun')).toEqual([ids.app]);
      expect(await searchIds('ứng dụ')).toEqual([ids.app]);
      expect(await searchIds('chuyen do')).toEqual([ids.plan]);
      expect(new Set(await searchIds('ke hoa'))).toEqual(
        new Set([ids.plan, ids.reception, ids.dengue, ids.reform]),
      );
      expect(await searchIds('phun thu')).toEqual([ids.dengue]);
      // A prefix is a prefix: the middle of a word is not.
      expect(await searchIds('oach')).toEqual([]);
    });

    it('finds only published items of the addressed portal', async () => {
      const found = await searchIds('nguyen hue');
      expect(found).toEqual([ids.road]);
      expect(found).not.toContain(ids.draft);
      expect(await searchIds('ben thanh')).toEqual([]);
      const there = (await search('ubnd quan 1 ke hoach', BENTHANH)).map((x) => x.id);
      expect(there).toEqual([ids.benthanh]);
    });

    it('a query of only punctuation or spaces is EMPTY_QUERY', async () => {
      for (const q of ['!!! ... ---', '   ', '', '“”…–?']) {
        const res = await t.gql(SAIGON, `query($q: String!) { search(query: $q) { id } }`, { q });
        expect({
          q,
          code: res.body.errors?.[0]?.extensions?.code,
          field: res.body.errors?.[0]?.extensions?.field,
        }).toEqual({
          q,
          code: 'EMPTY_QUERY',
          field: 'query',
        });
        expect(res.body.data ?? null).toBeNull();
      }
      // Punctuation around words is ignored.
      expect(await searchIds('“kế hoạch”, (ubnd) quận-1!')).toEqual([ids.plan]);
      // Characters that mean something to tsquery are just separators.
      expect(await searchIds("ke & hoach | ':* ! ubnd")).toEqual([ids.plan]);
    });
  });

  describe('search pages: body words, highlights, keyset pages, the text index', () => {
    const searcher = () => t.app.get(PublicSearchService);
    const text = (segments: HighlightSegment[]) => segments.map((x) => x.text).join('');
    const hits = (segments: HighlightSegment[]) => segments.filter((x) => x.hit).map((x) => x.text);

    it('finds words that are only in bodies, without diacritics, and marks them in the original text', async () => {
      // "phun thuốc diệt muỗi" is in the dengue item's body only.
      const page = await searcher().searchPage(saigonId, 'thuoc diet muoi');
      expect(page.rows.map((r) => r.id)).toEqual([ids.dengue]);
      expect(page.rows[0].tier).toBe(2);
      expect(hits(page.rows[0].snippet)).toEqual(['thuốc', 'diệt', 'muỗi']);
      expect(text(page.rows[0].snippet)).toContain('Phường tổ chức phun thuốc diệt muỗi');
      // A title match marks the title's words, đ folded to d.
      const road = await searcher().searchPage(saigonId, 'duong nguyen hue');
      expect(hits(road.rows[0].titleHighlight)).toEqual(['đường', 'Nguyễn', 'Huệ']);
      expect(text(road.rows[0].titleHighlight)).toBe('Sửa chữa mặt đường Nguyễn Huệ');
      expect(road.rows[0].tier).toBe(1);
    });

    it('a marker character typed into an item cannot forge a highlight', async () => {
      const before = await searcher().searchPage(saigonId, 'phan anh');
      await db.query(
        `UPDATE content_revisions SET body_text = body_text || E' \\u0001giả\\u0002 mạo' WHERE item_id = $1`,
        [ids.app],
      );
      try {
        const page = await searcher().searchPage(saigonId, 'phan anh');
        expect(page.rows.map((r) => r.id)).toEqual([ids.app]);
        expect(text(page.rows[0].snippet)).toContain('giả mạo');
        expect(
          text(page.rows[0].snippet).includes('\u0001') || text(page.rows[0].snippet).includes('\u0002'),
        ).toBe(false);
        expect(hits(page.rows[0].snippet)).toEqual(hits(before.rows[0].snippet));
        expect(hits(page.rows[0].snippet)).not.toContain('giả');
      } finally {
        await db.query(
          `UPDATE content_revisions SET body_text = replace(body_text, E' \\u0001giả\\u0002 mạo', '') WHERE item_id = $1`,
          [ids.app],
        );
      }
    });

    it('pages follow the cursor across the title and body tiers without gaps or repeats', async () => {
      const all = (await searcher().searchPage(saigonId, 'ke hoach', { first: 50 })).rows.map((r) => r.id);
      expect(all).toHaveLength(4);
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const p = await searcher().searchPage(saigonId, 'ke hoach', { first: 1, after });
        seen.push(...p.rows.map((r) => r.id));
        if (!p.hasNextPage) break;
        after = p.endCursor;
      }
      expect(seen).toEqual(all);
      await expect(
        searcher().searchPage(saigonId, 'ke hoach', { after: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toThrow();
    });

    it('the text index path finds what the newest-first walk finds, in the same order', async () => {
      const s = searcher();
      const queries = ['ke hoach', 'thuoc diet muoi', 'duong', 'ubnd quan 1 ke hoach', 'ho so', 'quy che'];
      const walked = [];
      for (const q of queries)
        walked.push((await s.searchPage(saigonId, q, { first: 2 })).rows.map((r) => r.id));
      const saved = s.walkRows;
      s.walkRows = 1; // every tier now asks the text index
      try {
        for (const [i, q] of queries.entries())
          expect({ q, ids: (await s.searchPage(saigonId, q, { first: 2 })).rows.map((r) => r.id) }).toEqual({
            q,
            ids: walked[i],
          });
      } finally {
        s.walkRows = saved;
      }
      expect(walked.flat().length).toBeGreaterThan(queries.length);
    });
  });

  describe('legal documents', () => {
    it('by form', async () => {
      expect(await legalDocs({ form: 'QUYET_DINH' })).toEqual([ids.decision]);
      expect(await legalDocs({ form: 'KE_HOACH' })).toEqual([ids.reform]);
      expect(await legalDocs({ form: 'LUAT' })).toEqual([]);
      // Newest issue first when unfiltered; only legal documents, only published, only this portal.
      expect(await legalDocs({})).toEqual([ids.reform, ids.decision, ids.vaccine]);
    });

    it('by issuer, ignoring diacritics and case', async () => {
      expect(await legalDocs({ issuer: 'Ủy ban nhân dân' })).toEqual([ids.reform, ids.decision]);
      expect(await legalDocs({ issuer: 'uy ban nhan dan' })).toEqual([ids.reform, ids.decision]);
      expect(await legalDocs({ issuer: 'UY BAN NHAN DAN PHUONG SAI GON' })).toEqual([ids.decision]);
      expect(await legalDocs({ issuer: 'ủy ban nhân dân thành phố hồ chí minh' })).toEqual([ids.reform]);
      expect(await legalDocs({ issuer: 'so y te' })).toEqual([ids.vaccine]);
      expect(await legalDocs({ issuer: 'SỞ Y TẾ' })).toEqual([ids.vaccine]);
      expect(await legalDocs({ issuer: 'Bến Thành' })).toEqual([]);
    });

    it('by number/symbol', async () => {
      expect(await legalDocs({ number: '15/2026' })).toEqual([ids.decision]);
      expect(await legalDocs({ number: 'kh-ubnd' })).toEqual([ids.reform]);
      expect(await legalDocs({ number: '101/SYT-NVY' })).toEqual([ids.vaccine]);
      expect(await legalDocs({ number: 'qđ-ubnd' })).toEqual([ids.decision]);
      // LIKE wildcards in the input are literal characters, not patterns.
      expect(await legalDocs({ number: '%' })).toEqual([]);
      expect(await legalDocs({ number: '_' })).toEqual([]);
    });

    it('by field', async () => {
      expect(await legalDocs({ field: 'y te' })).toEqual([ids.vaccine]);
      expect(await legalDocs({ field: 'Giáo dục' })).toEqual([ids.decision]);
      expect(await legalDocs({ field: 'cai cach' })).toEqual([ids.reform]);
    });

    it('by issue-date range, bounds included', async () => {
      expect(await legalDocs({ issuedFrom: '2026-01-01' })).toEqual([ids.reform, ids.decision]);
      expect(await legalDocs({ issuedTo: '2025-12-31' })).toEqual([ids.vaccine]);
      expect(await legalDocs({ issuedFrom: '2026-01-15', issuedTo: '2026-01-15' })).toEqual([ids.decision]);
      expect(await legalDocs({ issuedFrom: '2025-12-20', issuedTo: '2026-03-02' })).toEqual([
        ids.reform,
        ids.decision,
        ids.vaccine,
      ]);
      expect(await legalDocs({ issuedFrom: '2026-03-03' })).toEqual([]);
      // Filters combine.
      expect(await legalDocs({ issuer: 'uy ban', issuedTo: '2026-02-01' })).toEqual([ids.decision]);
      expect(await legalDocs({ form: 'KE_HOACH', field: 'y te' })).toEqual([]);
      const bad = await t.gql(SAIGON, `{ legalDocuments(filter: { issuedFrom: "15/01/2026" }) { id } }`);
      expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_DATE', field: 'issuedFrom' });
    });
  });

  describe('publicItems keyset pagination', () => {
    it('pages of 3 follow endCursor without duplicates or gaps, newest first', async () => {
      const expected = await newestFirst();
      expect(expected).toHaveLength(8);
      expect(new Set(expected)).toEqual(
        new Set([
          ids.plan,
          ids.reception,
          ids.dengue,
          ids.road,
          ids.app,
          ids.decision,
          ids.reform,
          ids.vaccine,
        ]),
      );
      // Newest first: the last published comes first, the first published last.
      expect(expected[0]).toBe(ids.vaccine);
      expect(expected[7]).toBe(ids.plan);

      const first = await page({ first: 3 });
      expect(first.nodes).toHaveLength(3);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.pageInfo.endCursor).toEqual(expect.any(String));
      const second = await page({ first: 3, after: first.pageInfo.endCursor });
      expect(second.nodes).toHaveLength(3);
      expect(second.pageInfo.hasNextPage).toBe(true);
      const third = await page({ first: 3, after: second.pageInfo.endCursor });
      expect(third.nodes).toHaveLength(2);
      expect(third.pageInfo.hasNextPage).toBe(false);

      const seen = [...first.nodes, ...second.nodes, ...third.nodes].map((n) => n.id);
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(8);
      const times = [...first.nodes, ...second.nodes, ...third.nodes].map((n) => Date.parse(n.publishedAt));
      expect(times.every((x, i) => i === 0 || x <= times[i - 1])).toBe(true);
      // The boundary between the first two pages falls inside the three items published at one instant.
      expect(first.nodes[2].publishedAt).toBe(second.nodes[0].publishedAt);

      // Every page size gives the same sequence.
      for (const size of [1, 2, 5, 8]) {
        const pages = await allPages({}, size);
        expect(pages.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(expected);
        expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
      }
      const whole = await page({ first: 8 });
      expect(whole.pageInfo.hasNextPage).toBe(false);
      expect(whole.nodes.map((n) => n.id)).toEqual(expected);
    });

    it('a forged cursor is refused', async () => {
      const res = await t.gql(
        SAIGON,
        `{ publicItems(filter: { first: 3, after: "bm90LWEtY3Vyc29y" }) { nodes { id } } }`,
      );
      expect(res.body.errors?.[0]?.extensions?.code).toMatch(/^INVALID_CURSOR$/);
    });

    it('by category', async () => {
      const news = categories['tin-tuc-su-kien'];
      const expected = await newestFirst(news);
      expect(expected).toEqual([ids.app, ids.dengue, ids.plan]);
      const p1 = await page({ categoryId: news, first: 2 });
      expect(p1.nodes.map((n) => n.id)).toEqual([ids.app, ids.dengue]);
      expect(p1.nodes.every((n) => n.categoryId === news)).toBe(true);
      expect(p1.pageInfo.hasNextPage).toBe(true);
      const p2 = await page({ categoryId: news, first: 2, after: p1.pageInfo.endCursor });
      expect(p2.nodes.map((n) => n.id)).toEqual([ids.plan]);
      expect(p2.pageInfo.hasNextPage).toBe(false);

      const notices = (await allPages({ categoryId: categories['thong-bao'] }, 1)).flatMap((p) =>
        p.nodes.map((n) => n.id),
      );
      expect(notices).toEqual([ids.road, ids.reception]);
      const documents = (await allPages({ categoryId: categories['van-ban'] }, 2)).flatMap((p) =>
        p.nodes.map((n) => n.id),
      );
      expect(documents).toEqual(await newestFirst(categories['van-ban']));
      expect(new Set(documents)).toEqual(new Set([ids.decision, ids.reform, ids.vaccine]));

      // A category of another portal lists nothing here.
      const foreign = await db.query(
        `SELECT id FROM categories WHERE tenant_id = $1 AND slug = 'tin-tuc-su-kien'`,
        [t.tenant(BENTHANH).id],
      );
      expect((await page({ categoryId: foreign.rows[0].id, first: 10 })).nodes).toEqual([]);
    });
  });
});
