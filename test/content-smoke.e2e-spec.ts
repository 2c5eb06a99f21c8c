import { Role } from '../libs/access/src';
import { createApiApp } from '../apps/api/src/create-app';
import { httpRequest } from './support/http-client';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

const WARD = 'saigon.hochiminhcity.gov.vn';

describe('content smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('an item goes from draft to published and the public reads and finds it', async () => {
    const writer = await t.asUser('writer', Role.CONTRIBUTOR, WARD);
    const member = await t.asUser('member', Role.BOARD_MEMBER, WARD);
    const head = await t.asUser('head', Role.BOARD_HEAD, WARD);
    const ITEM =
      '__typename ... on ContentItem { id slug working { number status dueAt } live { number } } ... on InputError { errorCode field message }';
    const created = await t.gql(
      WARD,
      `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
      {
        i: {
          tenantId: t.tenant(WARD).id,
          kind: 'NEWS',
          title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số',
          bodyHtml: '<p>Nội dung <script>alert(1)</script>kế hoạch</p>',
          authorName: 'Nguyễn Văn A',
          source: 'UBND phường Sài Gòn',
          fields: { eventDate: '2026-11-20' },
        },
      },
      { token: writer },
    );
    const item = created.body.data!.createContent;
    expect(item).toMatchObject({
      __typename: 'ContentItem',
      slug: 'ubnd-quan-1-trien-khai-ke-hoach-chuyen-doi-so',
      working: { number: 1, status: 'DRAFT' },
    });
    const step = async (action: string, token: string, extra = '') =>
      (
        await t.gql(
          WARD,
          `mutation { transitionContent(itemId: "${item.id}", action: ${action}${extra}) { ${ITEM} } }`,
          undefined,
          { token },
        )
      ).body.data!.transitionContent;
    expect(await step('SUBMIT', writer)).toMatchObject({ working: { status: 'SUBMITTED' } });
    expect(await step('APPROVE', head)).toMatchObject({
      __typename: 'InputError',
      errorCode: 'INVALID_TRANSITION',
    });
    expect(await step('TAKE_FOR_REVIEW', member)).toMatchObject({ working: { status: 'IN_REVIEW' } });
    expect(await step('APPROVE', member)).toMatchObject({
      __typename: 'InputError',
      errorCode: 'NOT_ALLOWED',
    });
    expect(await step('APPROVE', head)).toMatchObject({ working: { status: 'APPROVED' } });
    // Anonymous readers on this instance and on a second one ask before publication: both cache "nothing yet".
    const second = await createApiApp(t.config);
    await second.listen(0, '127.0.0.1');
    const secondPort = (second.getHttpServer().address() as { port: number }).port;
    const probe = { query: `{ publicItem(slug: "${item.slug}") { title } }` };
    const readSecond = () =>
      httpRequest<{ data: { publicItem: unknown } }>(secondPort, { host: WARD, body: probe });
    try {
      expect((await t.gql(WARD, probe.query)).body.data).toEqual({ publicItem: null });
      expect((await readSecond()).body.data).toEqual({ publicItem: null });
      expect((await readSecond()).headers['x-cache']).toBe('HIT');

      expect(await step('PUBLISH', member)).toMatchObject({ working: null, live: { number: 1 } });

      // Publication reaches this instance's cache at once and the other's through NOTIFY.
      expect((await t.gql(WARD, probe.query)).body.data).toEqual({
        publicItem: { title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số' },
      });
      let seen: unknown = null;
      for (let i = 0; i < 50 && !seen; i++) {
        seen = (await readSecond()).body.data.publicItem;
        if (!seen) await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen).toEqual({ title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số' });
    } finally {
      await second.close();
    }

    const pub = await t.gql(
      WARD,
      `{ publicItem(slug: "${item.slug}") { title bodyHtml authorName } search(query: "ubnd quan 1 ke hoach") { title } }`,
    );
    expect(pub.body.data!.publicItem).toEqual({
      title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số',
      bodyHtml: '<p>Nội dung kế hoạch</p>',
      authorName: 'Nguyễn Văn A',
    });
    expect(pub.body.data!.search).toEqual([{ title: 'UBND Quận 1 triển khai kế hoạch chuyển đổi số' }]);
    const other = await t.gql(
      'benthanh.hochiminhcity.gov.vn',
      `{ publicItem(slug: "${item.slug}") { title } search(query: "ke hoach") { title } }`,
    );
    expect(other.body.data).toEqual({ publicItem: null, search: [] });
  });
});

describe('home page, navigation, print view and archive link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
  });
  afterAll(() => t.close());

  it('shows sections, menus, pinned and latest items, and prints an item', async () => {
    const head = await t.asUser('home-head', Role.BOARD_HEAD, WARD);
    const member = await t.asUser('home-member', Role.BOARD_MEMBER, WARD);
    const nav = (
      await t.gql(WARD, '{ categories { id slug name parentId } menu(name: MAIN) { label categoryId } }')
    ).body.data!;
    const news = nav.categories.find((c: { slug: string }) => c.slug === 'tin-tuc-su-kien');
    expect(news.name).toBe('Tin tức, sự kiện');
    expect(nav.menu[0]).toMatchObject({ label: 'Giới thiệu' });
    const ITEM = '__typename ... on ContentItem { id slug pinned } ... on InputError { errorCode }';
    const publish = async (title: string) => {
      const item = (
        await t.gql(
          WARD,
          `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
          {
            i: {
              tenantId: t.tenant(WARD).id,
              kind: 'NEWS',
              categoryId: news.id,
              title,
              bodyHtml: '<p>Nội dung <em>đầy đủ</em></p>',
              authorName: 'Trần Thị B',
              source: 'Phường Sài Gòn',
            },
          },
          { token: member },
        )
      ).body.data!.createContent;
      for (const [action, token] of [
        ['SUBMIT', member],
        ['TAKE_FOR_REVIEW', member],
        ['APPROVE', head],
        ['PUBLISH', member],
      ] as const) {
        expect(
          (
            await t.gql(
              WARD,
              `mutation { transitionContent(itemId: "${item.id}", action: ${action}) { ${ITEM} } }`,
              undefined,
              { token },
            )
          ).body.data!.transitionContent.__typename,
        ).toBe('ContentItem');
      }
      return item as { id: string; slug: string };
    };
    const first = await publish('Ra quân chiến dịch mùa hè xanh');
    const second = await publish('Hội nghị tiếp xúc cử tri <b>quý IV</b>');
    expect(
      (
        await t.gql(
          WARD,
          `mutation { pinContent(itemId: "${first.id}", pinned: true) { ${ITEM} } }`,
          undefined,
          { token: member },
        )
      ).body.data!.pinContent,
    ).toMatchObject({ pinned: true });

    const home = (
      await t.gql(WARD, '{ homePage { pinned { title } sections { category { slug } items { title } } } }')
    ).body.data!.homePage;
    expect(home.pinned).toEqual([{ title: 'Ra quân chiến dịch mùa hè xanh' }]);
    expect(home.sections).toEqual([
      {
        category: { slug: 'tin-tuc-su-kien' },
        items: [{ title: 'Hội nghị tiếp xúc cử tri quý IV' }, { title: 'Ra quân chiến dịch mùa hè xanh' }],
      },
    ]);
    expect(
      (
        await t.gql(
          'benthanh.hochiminhcity.gov.vn',
          '{ homePage { pinned { title } sections { items { title } } } }',
        )
      ).body.data!.homePage,
    ).toEqual({ pinned: [], sections: [] });

    const printed = await t.http({ host: WARD, path: `/print/${second.slug}` });
    expect(printed.status).toBe(200);
    expect(printed.text).toContain('<h1>Hội nghị tiếp xúc cử tri quý IV</h1>');
    expect(printed.text).toContain('Trần Thị B');
    expect(printed.text).toContain('<p>Nội dung <em>đầy đủ</em></p>');
    const archived = await t.http({ host: WARD, path: `/archive/${second.id}` });
    expect(archived.text).toContain('<h1>Hội nghị tiếp xúc cử tri quý IV</h1>');
    expect(
      (await t.http({ host: 'benthanh.hochiminhcity.gov.vn', path: `/archive/${second.id}` })).status,
    ).toBe(404);
    expect((await t.http({ host: WARD, path: '/print/khong-co' })).status).toBe(404);
  });
});
