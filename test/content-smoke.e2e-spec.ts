import { Role, RoleScope } from '../libs/access/src';
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
