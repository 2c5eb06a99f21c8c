import sanitizeHtml from 'sanitize-html';

/** Hosts whose embedded players a portal may show (iframes to anything else are dropped). */
const EMBED_HOSTS = ['www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'span',
    'div',
    'iframe',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    '*': ['lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedIframeHostnames: EMBED_HOSTS,
  allowProtocolRelative: false,
  // An iframe whose source was refused is dropped whole rather than left empty.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  // Links that open a new tab must not hand the portal's window to the target.
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

/**
 * Rich text as the platform stores it: an allow-list of structural tags, no scripts, no event
 * handlers, no `javascript:` or `data:` URLs, iframes only from known video hosts. Applied on every
 * save, so what is stored is safe to render; the input is NFC-normalised first (TCVN 6909).
 */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml((html ?? '').normalize('NFC'), OPTIONS).trim();
}

/** One pass: tags removed, then the entities of what is left decoded. */
function stripThenDecode(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Encoded more deeply than this, a text is treated as an attack: its markup characters are dropped. */
const MAX_PASSES = 12;
// What would open a tag, a comment or a declaration if the text were ever put into HTML unescaped.
const TAG_OPEN = /<(?=[a-zA-Z!/?])/g;

/**
 * Plain text of HTML (search, summaries, feeds, every plain-text field): tags removed and entities
 * decoded, again and again until nothing changes, so markup that arrived encoded (`&lt;img …&gt;`,
 * `&amp;lt;…`, `&#x3C;…`) is removed too rather than decoded into live markup. What is left has no
 * tag in it; a `<` before a letter that the parser left as text (`x<y`) gets a space after it, so
 * nothing can still be read as a tag by a careless renderer. The result is text, not HTML: whatever
 * renders it as HTML escapes it (the print view does; JSON needs nothing).
 */
export function textOf(html: string): string {
  let text = html ?? '';
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = stripThenDecode(text);
    if (next === text) return text.replace(TAG_OPEN, '< ');
    // Without `<` or `&` another pass could change nothing (the usual case: one pass).
    if (!/[<&]/.test(next)) return next;
    text = next;
  }
  return text.replace(/[<>&]/g, '').replace(/\s+/g, ' ').trim();
}

/** A plain-text field from a citizen or an editor: markup is removed (encoded or not), not escaped later. */
export function plainText(value: string): string {
  return textOf((value ?? '').normalize('NFC'));
}
