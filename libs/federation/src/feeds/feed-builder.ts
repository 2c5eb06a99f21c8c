import { createHash } from 'node:crypto';
import { Feed, type Category, type Extension, type Item } from 'feed';

/** The three formats a portal publishes its feeds in. */
export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/** A portal as a feed names it. */
export interface FeedPortal {
  id: string;
  name: string;
  host: string;
  /** Where its home page is read from (`https://<host>`, or the development alias). */
  origin: string;
}

/** One entry, already resolved to addresses. */
export interface FeedEntry {
  /** Stable id: the item's permanent archive address on its own portal (the same for every copy). */
  id: string;
  /** The item's page on the portal the feed belongs to (its own portal in a subtree feed). */
  link: string;
  /** For a copy of another portal's item: the item's page on that portal. */
  canonical: string | null;
  title: string;
  /** Plain text. */
  summary: string | null;
  /** Sanitised HTML. */
  bodyHtml: string;
  author: string;
  source: string;
  language: 'vi' | 'en';
  category: { term: string; label: string } | null;
  /** The item's own portal when the entry is not the feed portal's own item (copies, subtree entries). */
  portal: FeedPortal | null;
  published: Date;
  /** The last public change: the live revision, or when it took its place on the portal read. */
  updated: Date;
}

export interface FeedMeta {
  title: string;
  description: string;
  /** The portal's home page. */
  home: string;
  /** This feed in each format (same filters). */
  self: Record<FeedFormat, string>;
  language: 'vi' | 'en';
  author: { name: string; link: string };
}

export interface RenderedFeed {
  body: string;
  contentType: string;
  etag: string;
  /** The newest entry's change; null for an empty feed. */
  lastModified: Date | null;
}

// Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NFC (Vietnamese typed on some keyboards arrives decomposed) and nothing XML cannot carry. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(NOT_XML, '');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

// The feed library writes titles, summaries and bodies as CDATA but splits only the first "]]>";
// in HTML "]]&gt;" means the same, so no CDATA section is ever cut short.
const cdataSafeHtml = (html: string) => clean(html).replace(/]]>/g, ']]&gt;');

// Its attribute writer escapes '&' and '"' but not '<', which would make the XML ill-formed.
const attributeSafe = (s: string) => clean(s).replace(/</g, '\uFF1C');

const newest = (dates: Date[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (!max || d.getTime() > max.getTime() ? d : max), null);

function item(format: FeedFormat, e: FeedEntry): Item {
  // Titles and summaries are text; RSS and Atom readers take them as HTML (Atom says type="html"),
  // so they are escaped there. JSON Feed's title and summary are plain text.
  const asHtml = format !== 'json';
  const title = asHtml ? escapeHtml(clean(e.title)) : clean(e.title);
  const summary = e.summary ? (asHtml ? escapeHtml(clean(e.summary)) : clean(e.summary)) : undefined;
  const categories: Category[] = [];
  if (e.category)
    categories.push({ name: attributeSafe(e.category.label), term: attributeSafe(e.category.term) });
  if (e.portal) {
    const home = `${e.portal.origin}/`;
    categories.push(
      format === 'rss'
        ? { name: clean(e.portal.name), domain: home }
        : { name: attributeSafe(e.portal.name), term: e.portal.host, scheme: home },
    );
  }
  const extensions: Extension[] = [];
  if (format === 'rss') {
    // RSS's own <author> must be an e-mail address; Dublin Core names a person.
    extensions.push({ name: 'dc:creator', objects: { _text: clean(e.author) } });
    if (e.portal)
      extensions.push({
        name: 'source',
        objects: {
          _text: clean(e.portal.name),
          _attributes: { url: `${e.portal.origin}${e.language === 'en' ? '/en' : ''}/feeds/rss.xml` },
        },
      });
    if (e.canonical)
      extensions.push({
        name: 'atom:link',
        objects: { _attributes: { rel: 'canonical', href: e.canonical } },
      });
  }
  return {
    id: e.id,
    title,
    link: e.link,
    date: e.updated,
    published: e.published,
    description: summary,
    content: cdataSafeHtml(e.bodyHtml),
    author: format === 'rss' ? undefined : [{ name: clean(e.author) }],
    category: categories,
    extensions: extensions.length ? extensions : undefined,
  };
}

/** JSON Feed 1.1 from the library's 1.0 output: `authors`, `language`, and where an entry comes from. */
function jsonFeed11(json: string, meta: FeedMeta, entries: FeedEntry[]): string {
  const feed = JSON.parse(json) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  const authorsOf = (o: Record<string, unknown>) => {
    if (o.author) o.authors = [o.author];
    delete o.author;
  };
  feed.version = 'https://jsonfeed.org/version/1.1';
  feed.language = meta.language;
  authorsOf(feed);
  feed.items.forEach((out, i) => {
    const e = entries[i];
    authorsOf(out);
    out.language = e.language;
    // Tags are names; the portal goes in its own extension object.
    out.tags = e.category ? [clean(e.category.label)] : undefined;
    if (e.canonical) out.external_url = e.canonical;
    // Extension keys start with an underscore (JSON Feed 1.1): the item's source, and its own portal.
    out._portal = {
      source: clean(e.source),
      ...(e.portal
        ? {
            origin: {
              id: e.portal.id,
              name: clean(e.portal.name),
              home_page_url: `${e.portal.origin}/`,
            },
          }
        : {}),
    };
  });
  return JSON.stringify(feed);
}

/** Strong validator of a representation: its bytes and its type. */
export function etagOf(body: string, contentType: string): string {
  return `"${createHash('sha256').update(contentType).update('\n').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * A feed document. The feed's `updated` is its newest entry's change (not the time of the request), so
 * the same entries always give the same bytes and the same ETag.
 */
export function renderFeed(format: FeedFormat, meta: FeedMeta, entries: FeedEntry[]): RenderedFeed {
  const lastModified = newest(entries.flatMap((e) => [e.updated, e.published]));
  const feed = new Feed({
    id: meta.self.atom,
    title: clean(meta.title),
    description: clean(meta.description),
    link: meta.home,
    language: meta.language,
    updated: lastModified ?? new Date(0),
    feedLinks: { rss: meta.self.rss, atom: meta.self.atom, json: meta.self.json },
    author: { name: clean(meta.author.name), link: meta.author.link },
    generator: false,
  });
  for (const e of entries) feed.addItem(item(format, e));
  let body: string;
  if (format === 'rss') body = feed.rss2();
  else if (format === 'atom')
    body = feed
      .atom1()
      .replace(
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${meta.language}">`,
      );
  else body = jsonFeed11(feed.json1(), meta, entries);
  const contentType = FEED_CONTENT_TYPES[format];
  return { body, contentType, etag: etagOf(body, contentType), lastModified };
}

/**
 * Whether a conditional GET may be answered 304. If-None-Match decides when present (weak comparison,
 * RFC 9110 §13.1.2); only without it does If-Modified-Since count, at one-second resolution.
 */
export function isNotModified(
  headers: { 'if-none-match'?: string; 'if-modified-since'?: string },
  etag: string,
  lastModified: Date | null,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    const bare = (t: string) => t.trim().replace(/^W\//, '');
    return inm.trim() === '*' || inm.split(',').some((t) => bare(t) === bare(etag));
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined || !lastModified) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
