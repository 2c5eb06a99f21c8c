import { Role, RoleScope } from '../libs/access/src';
import { EngagementClock } from '../libs/engagement/src/consultations/engagement-clock';
import { QuestionClock } from '../libs/engagement/src/questions/question-clock';
import { TO_LIVE, advance } from './support/fixtures';
import { dataOf } from './support/gql';
import { SMALL_TREES, TestApp, startTestApp } from './support/test-app';

/**
 * Markup that arrives encoded in a plain-text field must not come out live: every plain-text field
 * of every public input (items, kind fields, citizens' questions, comments on drafts) receives
 * encoded, double-encoded, numeric and mixed payloads, and every public output that shows them
 * (GraphQL, the three feeds of the portal and of its subtree, the print view) is read back.
 */

const CITY = 'hochiminhcity.gov.vn';
const WARD = 'saigon.hochiminhcity.gov.vn';

const PAYLOADS = [
  '&lt;img src=x onerror=alert(1)&gt;',
  '&amp;lt;script&amp;gt;alert(2)&amp;lt;/script&amp;gt;',
  '&#60;svg onload=alert(3)&#62;',
  '&#x3C;iframe src=javascript:alert(4)&#x3E;&#x3C;/iframe&#x3E;',
  '<b>&lt;img src=x onerror=alert(5)&gt;</b>',
  '&lt;<i>a href=javascript:alert(6)</i>&gt;x&lt;/a&gt;',
  '&ltimg src=x onerror=alert(7)&gt',
];
/** A field's value: words a reader should still see, around every payload. */
const carrying = (words: string) => `${words} ${PAYLOADS.join(' ')} hết`;
/** The same for short fields (a name: 200 characters at most), a few payloads at a time. */
const carryingShort = (words: string, from: number) =>
  `${words} ${PAYLOADS.slice(from, from + 3).join(' ')} hết`;

/** Fails when a shown string still holds markup, live or one decoding away from live. */
function expectPlain(where: string, value: unknown): void {
  if (value === null || value === undefined) return;
  const text = String(value);
  const problems = [
    /<\s*[a-z!/?]/i.test(text) && 'a tag',
    /&(?:lt|gt|#0*6[02]|#x0*3[ce])/i.test(text) && 'an encoded tag',
    /onerror|onload|javascript:|alert\(/i.test(text) && 'script',
  ].filter(Boolean);
  if (problems.length) throw new Error(`${where} holds ${problems.join(', ')}: ${JSON.stringify(text)}`);
}

/** The text of the named XML elements, with the XML layer's own escaping (and CDATA) undone once. */
function xmlTexts(xml: string, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names)
    for (const m of xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))) {
      const inner = m[1].replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1');
      out.push(
        m[1].startsWith('<![CDATA[')
          ? inner
          : inner
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&quot;/g, '"')
              .replace(/&apos;/g, "'")
              .replace(/&#x?[0-9a-f]+;/gi, (e) =>
                String.fromCodePoint(
                  e[2] === 'x' || e[2] === 'X' ? parseInt(e.slice(3, -1), 16) : Number(e.slice(2, -1)),
                ),
              )
              .replace(/&amp;/g, '&'),
      );
    }
  return out;
}

describe('plain-text fields carry no markup, however it was encoded', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const slugs: string[] = [];
  let draftId = '';

  const create = async (input: Record<string, unknown>) => {
    const res = await t.gql(
      WARD,
      `mutation($i: CreateContentInput!) { createContent(input: $i) {
        __typename ... on ContentItem { id slug } ... on InputError { errorCode field message } } }`,
      { i: { tenantId: t.tenant(WARD).id, bodyHtml: '<p>Nội dung.</p>', ...input } },
      { token: tokens.writer },
    );
    const item = dataOf(res).createContent;
    if (item.__typename !== 'ContentItem') throw new Error(JSON.stringify(item));
    await advance(t, item.id, TO_LIVE);
    slugs.push(item.slug);
    return item as { id: string; slug: string };
  };

  beforeAll(async () => {
    t = await startTestApp({
      publicWrites: { perAddress: 100, perPortal: 1000, windowSeconds: 60, challenge: 'none' },
    });
    await t.apply(SMALL_TREES.city);
    t.app.get(EngagementClock).now = () => new Date('2026-12-10T03:00:00.000Z');
    t.app.get(QuestionClock).now = () => new Date('2026-12-10T03:00:00.000Z');
    for (const [key, role] of [
      ['writer', Role.CONTRIBUTOR],
      ['member', Role.BOARD_MEMBER],
      ['head', Role.BOARD_HEAD],
    ] as const) {
      const id = await t.createAccount({
        username: `${key}.sg`,
        homeHost: WARD,
        role,
        scope: RoleScope.TENANT,
      });
      tokens[key] = (await t.login(`${key}.sg`, WARD)).accessToken;
      tokens[`${key}Id`] = id;
    }

    await create({
      kind: 'NEWS',
      title: carrying('Tiêu đề'),
      summary: carrying('Tóm tắt'),
      authorName: carrying('Tác giả'),
      source: carrying('Nguồn'),
    });
    await create({
      kind: 'DIRECTIVE',
      title: 'Chỉ đạo điều hành',
      authorName: 'Văn phòng',
      source: 'UBND',
      fields: { issuer: carrying('Cơ quan ban hành') },
    });
    draftId = (
      await create({
        kind: 'DRAFT_DOCUMENT',
        title: 'Dự thảo quy chế',
        authorName: 'Văn phòng',
        source: 'UBND',
        fields: {
          commentOpensAt: '2026-12-01T01:00:00Z',
          commentClosesAt: '2026-12-31T10:00:00Z',
          issuer: carrying('Cơ quan soạn thảo'),
        },
      })
    ).id;

    // A citizen's comment on the draft, published by the board.
    const commented = dataOf(
      await t.gql(
        WARD,
        `mutation($i: CommentOnDraftInput!) { commentOnDraft(input: $i) {
          __typename ... on DraftCommentReceipt { id } ... on InputError { errorCode field } } }`,
        {
          i: {
            itemId: draftId,
            name: carryingShort('Phạm Thị Dung', 0),
            organisation: carryingShort('Hội phụ nữ', 3),
            email: 'dung@example.vn',
            text: `${carrying('Góp ý')}\n${carrying('Đoạn hai')}`,
          },
        },
      ),
    ).commentOnDraft;
    if (commented.__typename !== 'DraftCommentReceipt') throw new Error(JSON.stringify(commented));
    const moderated = dataOf(
      await t.gql(
        WARD,
        `mutation($i: ModerateDraftCommentInput!) { moderateDraftComment(input: $i) {
          __typename ... on DraftComment { state } ... on InputError { errorCode } } }`,
        { i: { id: commented.id, action: 'PUBLISH' } },
        { token: tokens.member },
      ),
    ).moderateDraftComment;
    expect(moderated).toMatchObject({ state: 'PUBLISHED' });

    // A citizen's question, answered and published with the board's public wording.
    const receipt = dataOf(
      await t.gql(
        WARD,
        `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
          __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field message } } }`,
        {
          i: {
            type: 'QUESTION',
            name: 'Nguyễn Văn Hỏi', // never published
            email: 'hoi@example.vn',
            topic: carryingShort('Chủ đề', 4),
            text: `${carrying('Câu hỏi')}\n${carrying('Dòng hai')}`,
          },
        },
      ),
    ).askQuestion;
    if (receipt.__typename !== 'QuestionReceipt') throw new Error(JSON.stringify(receipt));
    const q = `__typename ... on Question { id status } ... on InputError { errorCode field }`;
    const step = async (token: string, mutation: string, variables: Record<string, unknown>) =>
      Object.values(dataOf(await t.gql(WARD, mutation, variables, { token })))[0] as Record<string, string>;
    const unit = dataOf(
      await t.gql(
        WARD,
        `mutation($i: CreateQuestionUnitInput!) { createQuestionUnit(input: $i) { __typename ... on QuestionUnit { id } } }`,
        { i: { tenantId: t.tenant(WARD).id, name: 'Tổ tiếp dân', memberAccountIds: [tokens.writerId] } },
        { token: tokens.head },
      ),
    ).createQuestionUnit;
    const queue = dataOf(await t.gql(WARD, `{ questionQueue { id } }`, undefined, { token: tokens.member }))
      .questionQueue as Array<{ id: string }>;
    const id = queue[0].id;
    expect(
      await step(
        tokens.member,
        `mutation($id: ID!, $u: ID) { routeQuestion(id: $id, unitId: $u) { ${q} } }`,
        {
          id,
          u: unit.id,
        },
      ),
    ).toMatchObject({ status: 'ROUTED' });
    expect(
      await step(
        tokens.writer,
        `mutation($id: ID!, $a: String!) { draftQuestionAnswer(id: $id, answer: $a) { ${q} } }`,
        {
          id,
          a: carrying('Trả lời: hồ sơ gồm giấy đề nghị'),
        },
      ),
    ).toMatchObject({ status: 'ANSWERED' });
    expect(
      await step(tokens.head, `mutation($id: ID!) { approveQuestionAnswer(id: $id) { ${q} } }`, { id }),
    ).toMatchObject({ status: 'APPROVED' });
    expect(
      await step(
        tokens.member,
        `mutation($id: ID!, $p: String) { publishQuestion(id: $id, publicText: $p) { ${q} } }`,
        {
          id,
          p: carrying('Câu hỏi đã biên tập'),
        },
      ),
    ).toMatchObject({ status: 'PUBLISHED' });
  }, 120_000);
  afterAll(() => t?.close());

  it('through GraphQL: items, kind fields, search, comments and published questions', async () => {
    const ITEM = 'title summary authorName source fields';
    const shown: Array<[string, unknown]> = [];
    for (const slug of slugs) {
      const item = dataOf(
        await t.gql(WARD, `query($s: String!) { publicItem(slug: $s) { ${ITEM} } }`, { s: slug }),
      ).publicItem as Record<string, unknown>;
      expect(item).not.toBeNull();
      for (const [key, value] of Object.entries(item))
        if (key === 'fields')
          for (const [name, v] of Object.entries(value as Record<string, unknown>))
            shown.push([`fields.${name}`, v]);
        else shown.push([key, value]);
    }
    const list = dataOf(await t.gql(WARD, `{ publicItems { nodes { title summary authorName source } } }`))
      .publicItems.nodes as Array<Record<string, unknown>>;
    expect(list.length).toBe(3);
    for (const node of list)
      for (const [key, value] of Object.entries(node)) shown.push([`publicItems.${key}`, value]);
    const found = dataOf(await t.gql(WARD, `{ search(query: "Tiêu đề") { title summary } }`)).search as Array<
      Record<string, unknown>
    >;
    expect(found.length).toBeGreaterThan(0);
    for (const node of found)
      for (const [key, value] of Object.entries(node)) shown.push([`search.${key}`, value]);
    const comments = dataOf(
      await t.gql(
        WARD,
        `query($id: ID) { draftComments(itemId: $id) { nodes { name organisation text } } }`,
        {
          id: draftId,
        },
      ),
    ).draftComments.nodes as Array<Record<string, unknown>>;
    expect(comments.length).toBe(1);
    for (const [key, value] of Object.entries(comments[0])) shown.push([`comment.${key}`, value]);
    const questions = dataOf(await t.gql(WARD, `{ publishedQuestions { nodes { topic question answer } } }`))
      .publishedQuestions.nodes as Array<Record<string, unknown>>;
    expect(questions.length).toBe(1);
    for (const [key, value] of Object.entries(questions[0])) shown.push([`question.${key}`, value]);

    for (const [where, value] of shown) expectPlain(where, value);
    // The words around the payloads are still there: only the markup went.
    expect(shown.find(([w]) => w === 'title')?.[1]).toMatch(/^Tiêu đề .* hết$/);
    expect(String(comments[0].text)).toMatch(/^Góp ý .* hết\nĐoạn hai .* hết$/);
  });

  it('through the feeds of the portal and of its subtree, and the print view', async () => {
    for (const [host, prefix] of [
      [WARD, '/feeds'],
      [CITY, '/feeds/subtree'],
    ]) {
      const rss = await t.http({ host, path: `${prefix}/rss.xml` });
      expect(rss.status).toBe(200);
      const rssTexts = xmlTexts(rss.text, ['title', 'description', 'author', 'dc:creator']);
      expect(rssTexts.some((s) => s.startsWith('Tiêu đề'))).toBe(true);
      rssTexts.forEach((s) => expectPlain(`${host}${prefix}/rss.xml`, s));
      const atom = await t.http({ host, path: `${prefix}/atom.xml` });
      expect(atom.status).toBe(200);
      const atomTexts = xmlTexts(atom.text, ['title', 'summary', 'name']);
      expect(atomTexts.some((s) => s.startsWith('Tiêu đề'))).toBe(true);
      atomTexts.forEach((s) => expectPlain(`${host}${prefix}/atom.xml`, s));
      const json = await t.http({ host, path: `${prefix}/feed.json` });
      expect(json.status).toBe(200);
      const feed = json.body as { items: Array<Record<string, unknown>> };
      expect(feed.items.some((i) => String(i.title).startsWith('Tiêu đề'))).toBe(true);
      for (const item of feed.items) {
        for (const key of ['title', 'summary', 'content_text'])
          expectPlain(`${prefix}/feed.json ${key}`, item[key]);
        for (const author of (item.authors as Array<{ name?: string }> | undefined) ?? [])
          expectPlain(`${prefix}/feed.json author`, author.name);
        expectPlain(`${prefix}/feed.json author`, (item.author as { name?: string } | undefined)?.name);
      }
    }
    for (const slug of slugs) {
      const page = await t.http({ host: WARD, path: `/print/${slug}` });
      expect(page.status).toBe(200);
      // Escaped or not, no payload's markup is on the page.
      expect(page.text).not.toMatch(/onerror|onload|javascript:|alert\(/i);
    }
  });
});
