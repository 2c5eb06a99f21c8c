import { parseFeed } from '@rowanmanning/feed-parser';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { FeedEntry, FeedMeta, etagOf, isNotModified, renderFeed } from './feed-builder';

const TITLE = 'Thông báo lịch tiếp công dân tháng 12/2026 – Phường Bến Nghé';
const HOST = 'bennghe.hochiminhcity.gov.vn';

const meta: FeedMeta = {
  title: 'Phường Bến Nghé',
  description: 'Tin mới nhất: Phường Bến Nghé',
  home: `https://${HOST}/`,
  self: {
    rss: `https://${HOST}/feeds/rss.xml`,
    atom: `https://${HOST}/feeds/atom.xml`,
    json: `https://${HOST}/feeds/feed.json`,
  },
  language: 'vi',
  author: { name: 'Phường Bến Nghé', link: `https://${HOST}/` },
};

const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  id: `https://${HOST}/archive/0b6f1f7e-6c1e-4c39-9d43-2f1a3c4b5d6e`,
  link: `https://${HOST}/print/thong-bao`,
  canonical: null,
  title: TITLE,
  summary: 'Lịch tiếp công dân của Chủ tịch UBND phường.',
  bodyHtml: '<p>Người dân được tiếp vào <strong>thứ Năm</strong> hằng tuần.</p>',
  author: 'Trần Thị Bình',
  source: 'Văn phòng UBND',
  language: 'vi',
  category: { term: 'thong-bao', label: 'Thông báo' },
  portal: null,
  published: new Date('2026-11-20T02:00:00Z'),
  updated: new Date('2026-11-21T03:04:05.678Z'),
  ...over,
});

describe('renderFeed', () => {
  it('round-trips Vietnamese titles and bodies through real parsers in all three formats', () => {
    const decomposed = TITLE.normalize('NFD');
    const entries = [entry({ title: decomposed })];
    for (const format of ['rss', 'atom'] as const) {
      const xml = renderFeed(format, meta, entries).body;
      const parsed = parseFeed(xml);
      expect(parsed.title).toBe('Phường Bến Nghé');
      expect(parsed.items[0].title).toBe(TITLE);
      expect(parsed.items[0].content).toBe(entries[0].bodyHtml);
      expect(extractFromXml(xml).entries![0].title).toBe(TITLE);
    }
    const json = JSON.parse(renderFeed('json', meta, entries).body);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items[0]).toMatchObject({ title: TITLE, content_html: entries[0].bodyHtml, language: 'vi' });
    expect(extractFromJson(json).entries![0].title).toBe(TITLE);
  });

  it('escapes markup characters in titles and keeps CDATA sections whole', () => {
    const title = 'Giá < 5 triệu & “miễn phí” ]]> R&amp;D';
    const body = '<p>a ]]> b ]]> c</p>';
    for (const format of ['rss', 'atom'] as const) {
      const xml = renderFeed(format, meta, [
        entry({ title, bodyHtml: body, category: { term: 'a<b', label: 'a<b' } }),
      ]).body;
      expect(parseFeed(xml).items[0].title).toBe(title);
      // The stricter parser refuses ill-formed XML.
      expect(extractFromXml(xml).entries![0].title).toBe(title);
    }
    expect(JSON.parse(renderFeed('json', meta, [entry({ title })]).body).items[0].title).toBe(title);
  });

  it('names the item’s own portal and links a copy to its canonical address', () => {
    const portal = {
      id: 'p1',
      name: 'Phường Sài Gòn',
      host: 'saigon.hochiminhcity.gov.vn',
      origin: 'https://saigon.hochiminhcity.gov.vn',
    };
    const canonical = 'https://saigon.hochiminhcity.gov.vn/print/goc';
    const rss = renderFeed('rss', meta, [entry({ portal, canonical })]).body;
    expect(rss).toContain(
      '<source url="https://saigon.hochiminhcity.gov.vn/feeds/rss.xml">Phường Sài Gòn</source>',
    );
    expect(rss).toContain(`<atom:link rel="canonical" href="${canonical}"/>`);
    expect(parseFeed(rss).items[0].categories.map((c) => c.label)).toContain('Phường Sài Gòn');
    const atom = parseFeed(renderFeed('atom', meta, [entry({ portal })]).body);
    expect(atom.items[0].categories).toContainEqual(
      expect.objectContaining({ term: 'saigon.hochiminhcity.gov.vn', label: 'Phường Sài Gòn' }),
    );
    const json = JSON.parse(renderFeed('json', meta, [entry({ portal, canonical })]).body);
    expect(json.items[0]).toMatchObject({
      external_url: canonical,
      _portal: { origin: { name: 'Phường Sài Gòn', home_page_url: 'https://saigon.hochiminhcity.gov.vn/' } },
    });
  });

  it('gives the same bytes for the same entries, and Last-Modified is the newest change', () => {
    const a = renderFeed('atom', meta, [entry(), entry({ updated: new Date('2026-11-25T00:00:00Z') })]);
    const b = renderFeed('atom', meta, [entry(), entry({ updated: new Date('2026-11-25T00:00:00Z') })]);
    expect(a.body).toBe(b.body);
    expect(a.etag).toBe(b.etag);
    expect(a.lastModified).toEqual(new Date('2026-11-25T00:00:00Z'));
    expect(renderFeed('rss', meta, []).lastModified).toBeNull();
    expect(etagOf('x', 'application/rss+xml')).not.toBe(etagOf('x', 'application/atom+xml'));
  });
});

describe('isNotModified', () => {
  const lm = new Date('2026-11-21T03:04:05.678Z');
  it('lets If-None-Match decide when present', () => {
    expect(isNotModified({ 'if-none-match': '"a"' }, '"a"', lm)).toBe(true);
    expect(isNotModified({ 'if-none-match': 'W/"b", "a"' }, '"a"', lm)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, '"a"', lm)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"b"', 'if-modified-since': lm.toUTCString() }, '"a"', lm)).toBe(
      false,
    );
  });
  it('compares If-Modified-Since at one-second resolution', () => {
    expect(isNotModified({ 'if-modified-since': lm.toUTCString() }, '"a"', lm)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sat, 21 Nov 2026 03:04:04 GMT' }, '"a"', lm)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'garbage' }, '"a"', lm)).toBe(false);
    expect(isNotModified({ 'if-modified-since': lm.toUTCString() }, '"a"', null)).toBe(false);
  });
});
