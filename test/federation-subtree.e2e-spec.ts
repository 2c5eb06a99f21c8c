import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { EditorialService, WorkflowAction } from '../libs/editorial/src';
import { SubtreeFeedService, SyndicationService } from '../libs/federation/src';
import { systemContext } from '../libs/platform/src';
import { Cast, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';
import { TestApp } from './support/test-app';

/**
 * The central office's aggregated feed of a subtree, its filters,
 * keyset pagination that stays correct while items are being published, cross-portal search, and
 * who sees it (SUBTREE-scope roles only). Every case runs through both query plans: one index probe
 * per portal, and one walk of the all-portals publication index.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const DEPT = 'stp.hochiminhcity.gov.vn';
const KG = 'kiengiang.gov.vn';
const KG_WARD = 'phuong1.rachgia.kiengiang.gov.vn';

const FEED = `query($f: SubtreeFeedFilter) { subtreeFeed(filter: $f) {
  nodes { id title kind language categoryName publishedAt url portal { primaryHost kind } copies { portal { primaryHost } direction state } }
  pageInfo { hasNextPage endCursor } } }`;
const SEARCH = `query($q: String!, $r: ID, $e: Boolean) { subtreeSearch(query: $q, rootTenantId: $r, everywhere: $e) { id title portal { primaryHost } } }`;
const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id slug } ... on InputError { errorCode field } } }`;

type Node = {
  id: string;
  title: string;
  kind: string;
  language: string;
  categoryName: string | null;
  publishedAt: string;
  url: string;
  portal: { primaryHost: string; kind: string };
  copies: Array<{ portal: { primaryHost: string }; direction: string; state: string }>;
};
type Feed = { subtreeFeed: { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('federation: the aggregated subtree feed', () => {
  let t: TestApp;
  let db: Client;
  const cast = new Cast(() => t);
  const { tokens } = cast;
  const items: Record<string, { id: string; host: string; title: string }> = {};

  const feed = async (who: string, filter: Record<string, unknown>, host = CITY) =>
    dataOf(await t.gql<Feed>(host, FEED, { f: filter }, { token: tokens[who] })).subtreeFeed;
  /** Every node of a filtered feed, page by page. */
  const all = async (who: string, filter: Record<string, unknown>, first = 3): Promise<Node[]> => {
    const out: Node[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page = await feed(who, { ...filter, first, after });
      out.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  };
  let seq = 0;
  const publish = async (host: string, input: Record<string, unknown> = {}, key?: string) => {
    seq++;
    const title = (input.title as string) ?? `Thông báo lịch tiếp công dân số ${seq}`;
    const res = dataOf(
      await t.gql<{ createContent: { __typename: string; id: string } }>(
        host,
        CREATE,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            bodyHtml: `<p>Nội dung ${seq}.</p>`,
            authorName: 'Lê Văn C',
            source: 'UBND',
            fields: {},
            ...input,
            title,
          },
        },
        { token: tokens[`writer@${host}`] },
      ),
    ).createContent;
    expect(res.__typename).toBe('ContentItem');
    const editorial = t.app.get(EditorialService);
    for (const a of [
      WorkflowAction.SUBMIT,
      WorkflowAction.TAKE_FOR_REVIEW,
      WorkflowAction.APPROVE,
      WorkflowAction.PUBLISH,
    ]) {
      const r = await editorial.transition(systemContext('test'), res.id, a);
      if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
    }
    const item = { id: res.id, host, title };
    if (key) items[key] = item;
    return item;
  };
  const ids = (nodes: Node[]) => nodes.map((n) => n.id);
  const inOrder = (nodes: Node[]) => {
    for (let i = 1; i < nodes.length; i++) {
      const [a, b] = [nodes[i - 1], nodes[i]];
      const before =
        Date.parse(a.publishedAt) > Date.parse(b.publishedAt) ||
        (a.publishedAt === b.publishedAt && a.id > b.id);
      if (!before) return false;
    }
    return true;
  };

  beforeAll(async () => {
    ({ t, db } = await startSeededApp());
    const { grant } = cast;
    for (const host of [CITY, SAIGON, BENTHANH, DEPT, KG_WARD])
      await grant(`writer@${host}`, Role.CONTRIBUTOR, host);
    await grant('central@city', Role.MANAGER, CITY, RoleScope.SUBTREE);
    await grant('owner@city', Role.OWNER, CITY, RoleScope.TENANT);
    await grant('ward-subtree@saigon', Role.OPERATOR, SAIGON, RoleScope.SUBTREE);
    await grant('head@city', Role.BOARD_HEAD, CITY);
    await grant('member@saigon', Role.BOARD_MEMBER, SAIGON);
    await grant('admin', Role.CONTRIBUTOR, CITY, RoleScope.TENANT, { platformAdmin: true });

    // The dataset: the city, two wards, a department, a ward of another province; kinds, languages,
    // categories, dates a day apart, and each syndication status.
    await publish(CITY, { title: 'Tin thành phố: khai mạc lễ hội áo dài' }, 'city');
    await publish(SAIGON, { title: 'Phường Sài Gòn tổ chức tiếp công dân' }, 'saigon1');
    await publish(SAIGON, { kind: 'ANNOUNCEMENT', title: 'Thông báo lịch tiêm chủng' }, 'saigon2');
    await publish(BENTHANH, { title: 'Chợ Bến Thành mở cửa xuyên Tết' }, 'benthanh1');
    await publish(DEPT, { title: 'Sở Tư pháp hướng dẫn chứng thực' }, 'dept');
    await publish(KG_WARD, { title: 'Phường 01 Rạch Giá tiếp công dân' }, 'kg');
    const en = await publish(
      SAIGON,
      { title: 'Saigon ward receives citizens', language: 'en', translationOf: items.saigon1.id },
      'saigonEn',
    );
    expect(en.id).toBeTruthy();
    // Spread publication days: item n published n days before a fixed date.
    const order = ['city', 'saigon1', 'saigon2', 'benthanh1', 'dept', 'kg', 'saigonEn'];
    for (const [i, key] of order.entries()) {
      await db.query(
        `UPDATE content_items SET published_at = timestamptz '2026-11-20T03:00:00Z' - make_interval(days => $2) WHERE id = $1`,
        [items[key].id, i],
      );
    }
    // Statuses: saigon1 accepted up, benthanh1 proposed, city item pushed down.
    const synd = t.app.get(SyndicationService);
    const sys = systemContext('test');
    const up = await synd.propose(sys, items.saigon1.id);
    if (!up.ok) throw new Error(up.error.code);
    expect((await synd.accept(sys, up.value.id)).ok).toBe(true);
    expect((await synd.propose(sys, items.benthanh1.id)).ok).toBe(true);
    expect(
      (await synd.push(sys, items.city.id, { tenantIds: [t.tenant(SAIGON).id] }, 'PINNED' as never)).ok,
    ).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  for (const plan of ['per-portal probes', 'publication index walk'] as const) {
    describe(plan, () => {
      beforeAll(() => {
        t.app.get(SubtreeFeedService).perPortalLimit = plan === 'per-portal probes' ? 400 : 0;
      });

      it('lists everything published in the subtree, each item once at its own portal, newest first', async () => {
        const nodes = await all('central@city', {});
        expect(ids(nodes)).toEqual(
          ['city', 'saigon1', 'saigon2', 'benthanh1', 'dept'].map((k) => items[k].id),
        );
        expect(inOrder(nodes)).toBe(true);
        const saigon1 = nodes.find((n) => n.id === items.saigon1.id)!;
        expect(saigon1).toMatchObject({
          portal: { primaryHost: SAIGON, kind: 'WARD' },
          categoryName: null,
          url: expect.stringMatching(new RegExp(`^https://${SAIGON.replace(/\./g, '\\.')}/print/`)),
          copies: [{ portal: { primaryHost: CITY }, direction: 'UP', state: 'ACCEPTED' }],
        });
        expect(nodes.find((n) => n.id === items.benthanh1.id)!.copies).toEqual([
          { portal: { primaryHost: CITY }, direction: 'UP', state: 'PROPOSED' },
        ]);
      });

      it('filters by kind, portal kind, category name, dates, language and syndication status', async () => {
        expect(ids(await all('central@city', { kinds: ['ANNOUNCEMENT'] }))).toEqual([items.saigon2.id]);
        expect(ids(await all('central@city', { portalKinds: ['WARD'] }))).toEqual(
          ['saigon1', 'saigon2', 'benthanh1'].map((k) => items[k].id),
        );
        expect(ids(await all('central@city', { portalKinds: ['DEPARTMENT', 'PROVINCE'] }))).toEqual(
          ['city', 'dept'].map((k) => items[k].id),
        );
        expect(
          ids(
            await all('central@city', {
              publishedFrom: '2026-11-17T12:00:00Z',
              publishedTo: '2026-11-19T12:00:00Z',
            }),
          ),
        ).toEqual(['saigon1', 'saigon2'].map((k) => items[k].id));
        expect(ids(await all('central@city', { language: 'en' }))).toEqual([items.saigonEn.id]);
        expect(ids(await all('central@city', { syndication: 'SYNDICATED_UP' }))).toEqual([items.saigon1.id]);
        expect(ids(await all('central@city', { syndication: 'PROPOSED' }))).toEqual([items.benthanh1.id]);
        expect(ids(await all('central@city', { syndication: 'PUSHED_DOWN' }))).toEqual([items.city.id]);
        expect(ids(await all('central@city', { syndication: 'NOT_SYNDICATED' }))).toEqual(
          ['saigon2', 'benthanh1', 'dept'].map((k) => items[k].id),
        );
        // Category by name, as portals spell it, without diacritics.
        const news = await db.query(
          `SELECT c.id, c.name_vi FROM categories c WHERE c.tenant_id = $1 AND c.slug = 'tin-tuc-su-kien' AND c.parent_id IS NULL`,
          [t.tenant(DEPT).id],
        );
        await db.query('UPDATE content_items SET category_id = $2 WHERE id = $1', [
          items.dept.id,
          news.rows[0].id,
        ]);
        const byName = await all('central@city', { categoryName: ' TIN tuc   su-kien ' });
        expect(ids(byName)).toEqual([items.dept.id]);
        expect(byName[0].categoryName).toBe(news.rows[0].name_vi);
        expect(await all('central@city', { categoryName: 'Không có chuyên mục này' })).toEqual([]);
        await db.query('UPDATE content_items SET category_id = NULL WHERE id = $1', [items.dept.id]);
      });

      it('keyset pages stay correct while items are being published', async () => {
        const before = ids(await all('central@city', {}, 100));
        const seen: string[] = [];
        let after: string | null = null;
        const fresh: string[] = [];
        for (let i = 0; i < 10; i++) {
          // Publish in the subtree while the next page is being read.
          const [page, added]: [Feed['subtreeFeed'], { id: string }] = await Promise.all([
            feed('central@city', { first: 2, after }),
            publish(i % 2 ? SAIGON : DEPT, { title: `Tin mới trong lúc đọc ${plan} ${i}` }),
          ]);
          fresh.push(added.id);
          seen.push(...ids(page.nodes));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        // Everything that was there at the start is seen exactly once, in order; new items (newer than
        // any cursor) never slip into later pages.
        const old = seen.filter((id) => !fresh.includes(id));
        expect(old).toEqual(before);
        expect(new Set(seen).size).toBe(seen.length);
        const firstPage = (await feed('central@city', { first: 50 })).nodes;
        expect(ids(firstPage).slice(0, fresh.length).sort()).toEqual([...fresh].sort());
        // Tidy: the new items leave the later cases' expectations unchanged.
        await db.query(`UPDATE content_items SET withdrawn_at = now() WHERE id = ANY($1::uuid[])`, [fresh]);
      });

      it('rejects a cursor that is not one', async () => {
        const res = await t.gql(CITY, FEED, { f: { after: 'bm9wZQ' } }, { token: tokens['central@city'] });
        expect(JSON.stringify(res.body)).toMatch(/INVALID_CURSOR/);
      });
    });
  }

  describe('who sees the subtree', () => {
    it('a province reader without SUBTREE scope sees nothing of the subtree', async () => {
      for (const who of ['owner@city', 'head@city', 'member@saigon']) {
        const res = await t.gql<Feed>(CITY, FEED, { f: {} }, { token: tokens[who] });
        expect(res.body.data?.subtreeFeed).toBeFalsy();
        expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        const search = await t.gql(CITY, SEARCH, { q: 'tiep cong dan' }, { token: tokens[who] });
        expect(search.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const anonymous = await t.gql<Feed>(CITY, FEED, { f: {} });
      expect(anonymous.body.data?.subtreeFeed).toBeFalsy();
    });

    it('a ward SUBTREE role sees its own subtree only, never the city or another branch', async () => {
      const own = await all('ward-subtree@saigon', { rootTenantId: t.tenant(SAIGON).id });
      expect(new Set(own.map((n) => n.portal.primaryHost))).toEqual(new Set([SAIGON]));
      for (const root of [CITY, BENTHANH]) {
        const res = await t.gql(
          SAIGON,
          FEED,
          { f: { rootTenantId: t.tenant(root).id } },
          { token: tokens['ward-subtree@saigon'] },
        );
        expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('through a ward host even the city office reads only that ward (the host bounds every read)', async () => {
      const res = await t.gql(
        SAIGON,
        FEED,
        { f: { rootTenantId: t.tenant(CITY).id } },
        { token: tokens['central@city'] },
      );
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ward = dataOf(
        await t.gql<Feed>(SAIGON, FEED, { f: {} }, { token: tokens['central@city'] }),
      ).subtreeFeed;
      expect(new Set(ward.nodes.map((n) => n.portal.primaryHost))).toEqual(new Set([SAIGON]));
    });

    it('the whole federation is for the central office (platform administrators) only', async () => {
      const everywhere = await all('admin', { everywhere: true }, 50);
      const hosts = new Set(everywhere.map((n) => n.portal.primaryHost));
      expect(hosts.has(KG_WARD)).toBe(true);
      expect(hosts.has(SAIGON)).toBe(true);
      const res = await t.gql(CITY, FEED, { f: { everywhere: true } }, { token: tokens['central@city'] });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const kg = await t.gql(
        CITY,
        FEED,
        { f: { rootTenantId: t.tenant(KG).id } },
        { token: tokens['central@city'] },
      );
      expect(kg.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('cross-portal search', () => {
    it('finds items of every portal in the subtree without diacritics, title matches first', async () => {
      const found = dataOf(
        await t.gql<{ subtreeSearch: Array<{ id: string; portal: { primaryHost: string } }> }>(
          CITY,
          SEARCH,
          { q: 'tiep cong dan' },
          { token: tokens['central@city'] },
        ),
      ).subtreeSearch;
      expect(found.map((f) => f.id)).toContain(items.saigon1.id);
      expect(found.map((f) => f.portal.primaryHost)).not.toContain(KG_WARD);
      const prefix = dataOf(
        await t.gql<{ subtreeSearch: Array<{ id: string }> }>(
          CITY,
          SEARCH,
          { q: 'huong dan chung th' },
          { token: tokens['central@city'] },
        ),
      ).subtreeSearch;
      expect(prefix.map((f) => f.id)).toEqual([items.dept.id]);
      const country = dataOf(
        await t.gql<{ subtreeSearch: Array<{ id: string }> }>(
          CITY,
          SEARCH,
          { q: 'tiep cong dan', e: true },
          { token: tokens.admin },
        ),
      ).subtreeSearch;
      expect(country.map((f) => f.id)).toEqual(expect.arrayContaining([items.saigon1.id, items.kg.id]));
      const empty = await t.gql(CITY, SEARCH, { q: ' ,. ' }, { token: tokens['central@city'] });
      expect(JSON.stringify(empty.body)).toMatch(/EMPTY_QUERY/);
    });
  });
});
