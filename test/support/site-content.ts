import { Role } from '../../libs/access/src';
import type { TestApp } from './test-app';

export interface SiteItemSpec {
  kind?: string;
  title: string;
  summary?: string;
  bodyHtml?: string;
  fields?: Record<string, unknown>;
  /** The category by slug path on the portal (`van-ban`, `chi-dao-dieu-hanh/thong-bao`). */
  category?: string;
  language?: 'vi' | 'en';
  translationOf?: string;
  authorName?: string;
  source?: string;
  slug?: string;
  pinned?: boolean;
  /** Stop before publishing (a working draft, never public). */
  unpublished?: boolean;
}

const ITEM = '__typename ... on ContentItem { id slug } ... on InputError { errorCode field message }';
const tokens = new Map<string, { member: string; head: string }>();

async function board(t: TestApp, host: string) {
  const key = `${t.port}|${host}`;
  let known = tokens.get(key);
  if (!known) {
    const label = host.replace(/[^a-z0-9]/g, '');
    known = {
      member: await t.asUser(`site-member-${label}`, Role.BOARD_MEMBER, host),
      head: await t.asUser(`site-head-${label}`, Role.BOARD_HEAD, host),
    };
    tokens.set(key, known);
  }
  return known;
}

/** The id of a category of the portal by its slug path. */
export async function categoryId(t: TestApp, host: string, slugPath: string): Promise<string> {
  const res = await t.gql(host, '{ categories { id slug parentId } }');
  const categories = res.body.data?.categories as Array<{
    id: string;
    slug: string;
    parentId: string | null;
  }>;
  if (!categories) throw new Error(`no categories on ${host}: ${JSON.stringify(res.body)}`);
  let parent: string | null = null;
  let found: string | null = null;
  for (const slug of slugPath.split('/')) {
    found = categories.find((c) => c.slug === slug && c.parentId === parent)?.id ?? null;
    if (!found) throw new Error(`no category ${slugPath} on ${host}`);
    parent = found;
  }
  return found!;
}

/**
 * Writes an item on a portal through the editorial workflow (create, submit, review, approve,
 * publish) as its board would, over GraphQL; returns its id and slug.
 */
export async function publishSiteItem(
  t: TestApp,
  host: string,
  spec: SiteItemSpec,
): Promise<{ id: string; slug: string }> {
  const { member, head } = await board(t, host);
  const created = await t.gql(
    host,
    `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`,
    {
      i: {
        tenantId: t.tenant(host).id,
        kind: spec.kind ?? 'NEWS',
        title: spec.title,
        summary: spec.summary,
        bodyHtml: spec.bodyHtml ?? `<p>${spec.title}</p>`,
        fields: spec.fields,
        categoryId: spec.category ? await categoryId(t, host, spec.category) : undefined,
        language: spec.language,
        translationOf: spec.translationOf,
        slug: spec.slug,
        authorName: spec.authorName ?? 'Nguyễn Thị Thu',
        source: spec.source ?? 'Ban biên tập',
      },
    },
    { token: member },
  );
  const item = created.body.data?.createContent;
  if (item?.__typename !== 'ContentItem') throw new Error(`createContent: ${JSON.stringify(created.body)}`);
  if (spec.unpublished) return item;
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
    if (step.body.data?.transitionContent?.__typename !== 'ContentItem')
      throw new Error(`${action}: ${JSON.stringify(step.body)}`);
  }
  if (spec.pinned) {
    const pin = await t.gql(
      host,
      `mutation { pinContent(itemId: "${item.id}", pinned: true) { ${ITEM} } }`,
      undefined,
      {
        token: head,
      },
    );
    if (pin.body.data?.pinContent?.__typename !== 'ContentItem')
      throw new Error(`pin: ${JSON.stringify(pin.body)}`);
  }
  return item;
}

/** Withdraws a published item (as its board head). */
export async function withdrawSiteItem(t: TestApp, host: string, itemId: string): Promise<void> {
  const { head } = await board(t, host);
  const step = await t.gql(
    host,
    `mutation { transitionContent(itemId: "${itemId}", action: WITHDRAW, reason: OUT_OF_SCOPE, note: "Hết hiệu lực") { ${ITEM} } }`,
    undefined,
    { token: head },
  );
  if (step.body.data?.transitionContent?.__typename !== 'ContentItem')
    throw new Error(`WITHDRAW: ${JSON.stringify(step.body)}`);
}
