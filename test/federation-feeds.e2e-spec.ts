import Ajv from 'ajv';
import { parseFeed } from '@rowanmanning/feed-parser';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { Role, RoleScope } from '../libs/access/src';
import { WorkflowAction } from '../libs/editorial/src';
import { advance } from './support/fixtures';
import { HttpResponse } from './support/http-client';
import { dataOf } from './support/gql';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Public feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) per portal, per category and per subtree, read back
 * with real feed parsers: Vietnamese text, escaping, who sees what across portals, withdrawals, and
 * HTTP revalidation. Over HTTP against a real PostgreSQL.
 */

const CITY = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
const TANDINH = 'tandinh.hochiminhcity.gov.vn';

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id slug } ... on InputError { errorCode field } } }`;
const PROPOSE = `mutation($item: ID!) { proposeSyndication(itemId: $item) { __typename ... on Syndication { id } ... on InputError { errorCode } } }`;
const ACCEPT = `mutation($i: AcceptSyndicationInput!) { acceptSyndication(input: $i) { __typename ... on Syndication { id slug } ... on InputError { errorCode } } }`;

/** The required members and types of JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
const JSON_FEED_11 = {
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string', minLength: 1 },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    language: { type: 'string' },
    authors: { type: 'array', items: { $ref: '#/$defs/author' } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri' },
          external_url: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          summary: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          authors: { type: 'array', items: { $ref: '#/$defs/author' } },
          tags: { type: 'array', items: { type: 'string' } },
          language: { type: 'string' },
        },
        // Anything else is an extension, and extension keys start with an underscore.
        propertyNames: {
          anyOf: [
            { pattern: '^_' },
            {
              enum: [
                'id',
                'url',
                'external_url',
                'title',
                'content_html',
                'content_text',
                'summary',
                'image',
                'banner_image',
                'date_published',
                'date_modified',
                'authors',
                'author',
                'tags',
                'language',
                'attachments',
              ],
            },
          ],
        },
      },
    },
  },
  $defs: {
    author: {
      type: 'object',
      minProperties: 1,
      properties: { name: { type: 'string' }, url: { type: 'string' }, avatar: { type: 'string' } },
    },
  },
};
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is not a dependency: the two formats used here, checked by hand.
ajv.addFormat('uri', (s: string) => /^https:\/\/[^\s]+$/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s));
const jsonFeedSchema = ajv.compile(JSON_FEED_11);
const jsonFeedErrors = (data: unknown): string | null =>
  jsonFeedSchema(data) ? null : ajv.errorsText(jsonFeedSchema.errors);

type Parsed = {
  title: string | null;
  language: string | null;
  items: Array<{ id: string; title: string; url: string; content: string; categories: string[] }>;
};

describe('federation: public feeds', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const categories: Record<string, Record<string, string>> = {};

  const feed = (host: string, path: string, headers: Record<string, string> = {}) =>
    t.http({ host, path, headers }) as Promise<HttpResponse<unknown>>;

  /** Fetches a feed and reads it with a real parser: RSS/Atom with two, JSON Feed against its schema. */
  const read = async (host: string, path: string): Promise<Parsed> => {
    const res = await feed(host, path);
    expect(res.status).toBe(200);
    if (path.includes('feed.json')) {
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const json: Record<string, any> = JSON.parse(res.text);
      expect(jsonFeedErrors(json)).toBeNull();
      const extracted = extractFromJson(json, { descriptionMaxLen: 0 });
      expect(extracted.entries!.map((e) => e.title)).toEqual(
        json.items.map((i: { title: string }) => i.title),
      );
      return {
        title: json.title,
        language: json.language,
        items: json.items.map((i: Record<string, any>) => ({
          id: i.id,
          title: i.title,
          url: i.url,
          content: i.content_html,
          categories: [...(i.tags ?? []), ...(i._portal?.origin ? [i._portal.origin.name] : [])],
        })),
      };
    }
    expect(res.headers['content-type']).toBe(
      path.includes('rss.xml') ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
    );
    // The stricter parser checks well-formedness first; the other reads the feed's structure.
    const strict = extractFromXml(res.text);
    const parsed = parseFeed(res.text);
    expect(strict.entries?.map((e) => e.title) ?? []).toEqual(parsed.items.map((i) => i.title));
    return {
      title: parsed.title,
      language: parsed.language,
      items: parsed.items.map((i) => ({
        id: i.id!,
        title: i.title!,
        url: i.url!,
        content: i.content!,
        categories: i.categories.map((c) => c.label ?? c.term),
      })),
    };
  };
  const titles = async (host: string, path: string) => (await read(host, path)).items.map((i) => i.title);

  let seq = 0;
  /** Writes an item on `host` and publishes it through the workflow (as the system). */
  const published = async (
    host: string,
    input: Record<string, unknown> = {},
  ): Promise<{ id: string; slug: string; title: string }> => {
    seq++;
    const title =
      (input.title as string) ?? `Tin số ${seq} của ${host.split('.')[0]}: người dân được tiếp thứ Năm`;
    const created = dataOf(
      await t.gql<{ createContent: { __typename: string; id: string; slug: string } }>(
        host,
        CREATE,
        {
          i: {
            tenantId: t.tenant(host).id,
            kind: 'NEWS',
            categoryId: categories[host]['tin-tuc-su-kien'],
            bodyHtml: `<p>Nội dung số ${seq}: người dân được tiếp vào <strong>thứ Năm</strong> hằng tuần.</p>`,
            authorName: 'Trần Thị Bình',
            source: 'Văn phòng UBND',
            ...input,
            title,
          },
        },
        { token: tokens[`writer@${host}`] },
      ),
    ).createContent;
    expect(created.__typename).toBe('ContentItem');
    await transition(
      created.id,
      WorkflowAction.SUBMIT,
      WorkflowAction.TAKE_FOR_REVIEW,
      WorkflowAction.APPROVE,
      WorkflowAction.PUBLISH,
    );
    return { id: created.id, slug: created.slug, title };
  };
  const transition = async (itemId: string, ...actions: WorkflowAction[]) => {
    await advance(t, itemId, actions);
  };
  const storedBody = async (host: string, slug: string, language = 'vi') =>
    dataOf(
      await t.gql<{ publicItem: { bodyHtml: string } }>(
        host,
        `query($s: String!) { publicItem(slug: $s) { bodyHtml } }`,
        { s: slug },
        {
          headers: { 'x-portal-locale': language },
        },
      ),
    ).publicItem.bodyHtml;

  beforeAll(async () => {
    t = await startTestApp();
    await t.apply(SMALL_TREES.city);
    for (const host of [CITY, SAIGON, BENTHANH, TANDINH]) {
      const name = `writer.${host.split('.')[0]}`;
      await t.createAccount({ username: name, homeHost: host, role: Role.CONTRIBUTOR });
      tokens[`writer@${host}`] = (await t.login(name, host)).accessToken;
      const cats = dataOf(
        await t.gql<{ categories: Array<{ id: string; slug: string; parentId: string | null }> }>(
          host,
          '{ categories { id slug parentId } }',
        ),
      );
      categories[host] = Object.fromEntries(cats.categories.map((c) => [c.slug, c.id]));
    }
    for (const [name, role] of [
      ['member.saigon', Role.BOARD_MEMBER],
      ['member.city', Role.BOARD_MEMBER],
    ] as const) {
      const host = name.endsWith('city') ? CITY : SAIGON;
      await t.createAccount({ username: name, homeHost: host, role, scope: RoleScope.TENANT });
      tokens[name] = (await t.login(name, host)).accessToken;
    }
  }, 120_000);

  afterAll(() => t?.close());

  it('publishes the portal’s items in all three formats, Vietnamese text exact through real parsers', async () => {
    const title = 'Thông báo lịch tiếp công dân tháng 12/2026 – Phường Bến Nghé';
    // Typed decomposed (NFD), as some keyboards send it: the feed carries NFC.
    const item = await published(SAIGON, {
      title: title.normalize('NFD'),
      summary: 'Lịch tiếp của Chủ tịch UBND phường.',
    });
    const body = await storedBody(SAIGON, item.slug);
    expect(body).toContain('người dân được tiếp vào <strong>thứ Năm</strong>');
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const parsed = await read(SAIGON, `/feeds/${file}`);
      expect(parsed.title).toBe('Phường Sài Gòn');
      const entry = parsed.items.find((i) => i.title === title);
      expect(entry).toMatchObject({
        title,
        content: body,
        url: `https://${SAIGON}/print/${item.slug}`,
        id: `https://${SAIGON}/archive/${item.id}`,
      });
      expect(entry!.categories).toContain('Tin tức, sự kiện');
    }
    const rss = await feed(SAIGON, '/feeds/rss.xml');
    expect(rss.text).toContain(`<title><![CDATA[${title}]]></title>`);
    expect(rss.text).toContain('<content:encoded><![CDATA[');
    expect(rss.text).toContain('<dc:creator>Trần Thị Bình</dc:creator>');
    expect(rss.text).toContain(
      `<atom:link href="https://${SAIGON}/feeds/rss.xml" rel="self" type="application/rss+xml"/>`,
    );
    expect(rss.text).toContain('<language>vi</language>');
    expect(rss.headers['cache-control']).toBe('public, max-age=300');
    expect(rss.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Date(String(rss.headers['last-modified'])).getTime()).toBeGreaterThan(Date.now() - 120_000);
    const atom = await feed(SAIGON, '/feeds/atom.xml');
    expect(atom.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">');
    expect(atom.text).toContain(`<link rel="self" href="https://${SAIGON}/feeds/atom.xml"/>`);
    const json = JSON.parse((await feed(SAIGON, '/feeds/feed.json')).text);
    // The schema check has teeth: a 1.0 document, or an item without content, fails it.
    expect(jsonFeedErrors({ ...json, version: 'https://jsonfeed.org/version/1' })).not.toBeNull();
    expect(jsonFeedErrors({ ...json, items: [{ id: 'x', title: 'y' }] })).not.toBeNull();
    expect(json).toMatchObject({
      home_page_url: `https://${SAIGON}/`,
      feed_url: `https://${SAIGON}/feeds/feed.json`,
      language: 'vi',
      authors: [{ name: 'Phường Sài Gòn' }],
    });
  });

  it('escapes &, < and quotes in titles so they round-trip exactly', async () => {
    const title = 'Giá nước < 5.000 đồng/m³ & “miễn phí” lắp đặt – 2 > 1';
    const item = await published(SAIGON, { title });
    // Titles are plain text as saved (the editor's input is not HTML).
    const stored = dataOf(
      await t.gql<{ publicItem: { title: string } }>(
        SAIGON,
        `query($s: String!) { publicItem(slug: $s) { title } }`,
        {
          s: item.slug,
        },
      ),
    ).publicItem.title;
    expect(stored).toBe(title);
    const rss = (await feed(SAIGON, '/feeds/rss.xml')).text;
    expect(rss).toContain('Giá nước &lt; 5.000 đồng/m³ &amp; “miễn phí” lắp đặt – 2 &gt; 1');
    for (const file of ['rss.xml', 'atom.xml', 'feed.json'])
      expect(await titles(SAIGON, `/feeds/${file}`)).toContain(title);
  });

  it('a category feed carries only that category (a top-level slug, or a parent/child path); an unknown one is 404', async () => {
    const news = await published(TANDINH, { title: 'Tân Định tổ chức ngày hội đọc sách' });
    const reception = await published(TANDINH, {
      kind: 'ANNOUNCEMENT',
      categoryId: categories[TANDINH]['lich-tiep-cong-dan'],
      title: 'Lịch tiếp công dân tuần 48 của Phường Tân Định',
    });
    const notice = await published(TANDINH, {
      kind: 'ANNOUNCEMENT',
      categoryId: categories[TANDINH]['thong-bao'],
      title: 'Thông báo tạm ngưng cấp nước khu phố 3',
    });
    expect(await titles(TANDINH, '/feeds/rss.xml?category=tin-tuc-su-kien')).toEqual([news.title]);
    const child = await read(TANDINH, '/feeds/atom.xml?category=chi-dao-dieu-hanh/lich-tiep-cong-dan');
    expect(child.items.map((i) => i.title)).toEqual([reception.title]);
    expect(child.title).toBe('Phường Tân Định – Lịch tiếp công dân');
    // A section's feed includes its subsections.
    expect((await titles(TANDINH, '/feeds/feed.json?category=chi-dao-dieu-hanh')).sort()).toEqual(
      [reception.title, notice.title].sort(),
    );
    expect(await titles(TANDINH, '/feeds/rss.xml?kind=ANNOUNCEMENT')).toEqual([
      notice.title,
      reception.title,
    ]);
    const json = JSON.parse(
      (await feed(TANDINH, '/feeds/feed.json?category=chi-dao-dieu-hanh%2Fthong-bao')).text,
    );
    expect(json.feed_url).toBe(`https://${TANDINH}/feeds/feed.json?category=chi-dao-dieu-hanh%2Fthong-bao`);

    for (const path of [
      '/feeds/rss.xml?category=khong-co',
      '/feeds/atom.xml?category=lich-tiep-cong-dan',
      '/feeds/feed.json?category=tin-tuc-su-kien/x',
    ]) {
      const res = await feed(TANDINH, path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        errors: [
          {
            extensions: {
              code: 'CATEGORY_NOT_FOUND',
              messageVi: 'Không có chuyên mục này trên cổng.',
              messageEn: 'This portal has no such category.',
            },
          },
        ],
      });
    }
    expect((await feed(TANDINH, '/feeds/rss.xml?kind=NOPE')).status).toBe(400);
  });

  it('the subtree feed of the city carries its wards’ items, each naming its portal and linking to it there', async () => {
    const own = await published(CITY, { title: 'Thành phố phát động phong trào thi đua năm 2027' });
    const ward = await published(BENTHANH, { title: 'Phường Bến Thành ra mắt tổ công nghệ số cộng đồng' });
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const parsed = await read(CITY, `/feeds/subtree/${file}`);
      expect(parsed.title).toBe('Thành phố Hồ Chí Minh và các cổng thành phần');
      const entry = parsed.items.find((i) => i.title === ward.title);
      expect(entry).toMatchObject({
        url: `https://${BENTHANH}/print/${ward.slug}`,
        id: `https://${BENTHANH}/archive/${ward.id}`,
      });
      expect(entry!.categories).toContain('Phường Bến Thành');
      expect(parsed.items.find((i) => i.title === own.title)!.categories).toContain('Thành phố Hồ Chí Minh');
      // Items of other wards are there too; the city's own portal feed carries only its own.
      expect(parsed.items.map((i) => i.title)).toEqual(expect.arrayContaining([own.title, ward.title]));
    }
    const rss = (await feed(CITY, '/feeds/subtree/rss.xml')).text;
    expect(rss).toContain(`<source url="https://${BENTHANH}/feeds/rss.xml">Phường Bến Thành</source>`);
    expect(await titles(CITY, '/feeds/rss.xml')).not.toContain(ward.title);
  });

  it('a ward’s feeds never carry a sibling ward’s items', async () => {
    const sibling = await published(BENTHANH, { title: 'Tin riêng của Phường Bến Thành' });
    for (const path of [
      '/feeds/rss.xml',
      '/feeds/atom.xml',
      '/feeds/feed.json',
      '/feeds/subtree/rss.xml',
      '/feeds/subtree/feed.json',
    ]) {
      const res = await feed(SAIGON, path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(sibling.title);
      expect(res.text).not.toContain(sibling.id);
    }
    expect(await titles(BENTHANH, '/feeds/subtree/atom.xml')).toContain(sibling.title);
  });

  it('a copy accepted by the city shows in the city’s feed with its canonical address on the ward', async () => {
    const item = await published(SAIGON, { title: 'Phường Sài Gòn ra mắt mô hình “Chính quyền thân thiện”' });
    const proposal = dataOf(
      await t.gql<{ proposeSyndication: { id: string } }>(
        SAIGON,
        PROPOSE,
        { item: item.id },
        { token: tokens['member.saigon'] },
      ),
    ).proposeSyndication;
    const accepted = dataOf(
      await t.gql<{ acceptSyndication: { __typename: string; slug: string } }>(
        CITY,
        ACCEPT,
        { i: { id: proposal.id, categoryId: categories[CITY]['tin-tuc-su-kien'] } },
        { token: tokens['member.city'] },
      ),
    ).acceptSyndication;
    expect(accepted.__typename).toBe('Syndication');
    const parsed = await read(CITY, '/feeds/atom.xml');
    expect(parsed.items.find((i) => i.title === item.title)).toMatchObject({
      url: `https://${CITY}/print/${accepted.slug}`,
      // The same id as on the ward's own feed: a reader of both sees it once.
      id: `https://${SAIGON}/archive/${item.id}`,
    });
    const rss = (await feed(CITY, '/feeds/rss.xml')).text;
    expect(rss).toContain(`<atom:link rel="canonical" href="https://${SAIGON}/print/${item.slug}"/>`);
    const json = JSON.parse((await feed(CITY, '/feeds/feed.json')).text);
    expect(json.items.find((i: { title: string }) => i.title === item.title)).toMatchObject({
      external_url: `https://${SAIGON}/print/${item.slug}`,
      _portal: { origin: { name: 'Phường Sài Gòn', home_page_url: `https://${SAIGON}/` } },
    });
  });

  it('a withdrawn item disappears from every feed', async () => {
    const item = await published(BENTHANH, { title: 'Tin sẽ bị gỡ xuống' });
    expect(await titles(BENTHANH, '/feeds/rss.xml')).toContain(item.title);
    expect(await titles(CITY, '/feeds/subtree/feed.json')).toContain(item.title);
    const before = (await feed(BENTHANH, '/feeds/rss.xml')).headers.etag as string;
    await transition(item.id, WorkflowAction.WITHDRAW);
    const after = await feed(BENTHANH, '/feeds/rss.xml', { 'if-none-match': before });
    expect(after.status).toBe(200);
    for (const [host, path] of [
      [BENTHANH, '/feeds/rss.xml'],
      [BENTHANH, '/feeds/atom.xml'],
      [BENTHANH, '/feeds/feed.json'],
      [CITY, '/feeds/subtree/rss.xml'],
    ])
      expect(await titles(host, path)).not.toContain(item.title);
  });

  it('revalidates: 304 on a matching ETag or a recent If-Modified-Since; a new publication changes the ETag', async () => {
    await published(TANDINH, { title: 'Tin trước khi kiểm tra bộ nhớ đệm' });
    for (const path of ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json', '/feeds/subtree/atom.xml']) {
      const first = await feed(TANDINH, path);
      const etag = first.headers.etag as string;
      const lastModified = first.headers['last-modified'] as string;
      expect(etag).toBeTruthy();
      expect(lastModified).toMatch(/GMT$/);
      const same = await feed(TANDINH, path);
      expect(same.headers.etag).toBe(etag);

      const byTag = await feed(TANDINH, path, { 'if-none-match': etag });
      expect(byTag.status).toBe(304);
      expect(byTag.text).toBe('');
      expect(byTag.headers.etag).toBe(etag);
      expect((await feed(TANDINH, path, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
      expect((await feed(TANDINH, path, { 'if-modified-since': lastModified })).status).toBe(304);
      const later = new Date(Date.parse(lastModified) + 60_000).toUTCString();
      expect((await feed(TANDINH, path, { 'if-modified-since': later })).status).toBe(304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await feed(TANDINH, path, { 'if-modified-since': earlier })).status).toBe(200);
      // If-None-Match decides when both are sent.
      expect(
        (await feed(TANDINH, path, { 'if-none-match': '"other"', 'if-modified-since': later })).status,
      ).toBe(200);
    }
    const before = await feed(TANDINH, '/feeds/atom.xml');
    const fresh = await published(TANDINH, { title: 'Tin mới sau khi kiểm tra bộ nhớ đệm' });
    const after = await feed(TANDINH, '/feeds/atom.xml', { 'if-none-match': before.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(parseFeed(after.text).items[0].title).toBe(fresh.title);
    // The JSON and XML of the same entries are different representations: different tags.
    expect((await feed(TANDINH, '/feeds/rss.xml')).headers.etag).not.toBe(after.headers.etag);
  });

  it('the English feed under /en lists English items only', async () => {
    const vi = await published(SAIGON, { title: 'Phường Sài Gòn tổ chức hội nghị đối thoại' });
    const en = await published(SAIGON, {
      language: 'en',
      translationOf: vi.id,
      title: 'Saigon Ward holds a dialogue conference',
      bodyHtml: '<p>Residents met the ward’s leaders on Thursday.</p>',
    });
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const english = await read(SAIGON, `/en/feeds/${file}`);
      expect(english.items.map((i) => i.title)).toEqual([en.title]);
      expect(english.items[0].url).toBe(`https://${SAIGON}/en/print/${en.slug}`);
      expect(english.language).toBe('en');
      expect(await titles(SAIGON, `/feeds/${file}`)).not.toContain(en.title);
    }
    const atom = await feed(SAIGON, '/en/feeds/atom.xml');
    expect(atom.text).toContain('xml:lang="en"');
    expect(atom.text).toContain(`<link rel="self" href="https://${SAIGON}/en/feeds/atom.xml"/>`);
    expect(await titles(CITY, '/en/feeds/subtree/rss.xml')).toEqual([en.title]);
    // Accept-Language does not change a feed's language: its address does.
    expect(await titles(SAIGON, '/feeds/rss.xml')).toContain(vi.title);
    expect((await feed(SAIGON, '/feeds/rss.xml', { 'accept-language': 'en' })).text).not.toContain(en.title);
  });

  it('an unknown host gets 404, never another portal’s feed', async () => {
    for (const path of ['/feeds/rss.xml', '/feeds/subtree/feed.json']) {
      const res = await feed('nowhere.gov.vn', path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ errors: [{ extensions: { code: 'UNKNOWN_HOST' } }] });
    }
  });
});
