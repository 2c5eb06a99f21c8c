import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALOGUE_LIVE_SCRIPT } from './dialogue-live.script';

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function load(file: string, type: string): Asset & { hash: string } {
  const body = readFileSync(join(__dirname, file));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, type, hash, etag: `"${hash}"` };
}

const css = load('site.css', 'text/css; charset=utf-8');
const emblem = load('emblem.svg', 'image/svg+xml');
const dialogueScript = ((body: Buffer) => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, type: 'text/javascript; charset=utf-8', hash, etag: `"${hash}"` };
})(Buffer.from(DIALOGUE_LIVE_SCRIPT, 'utf8'));

/**
 * The site's static files, addressed by a hash of their content so that browsers and proxies keep
 * them for a year (a new version has a new name). Read once at start-up.
 */
export const SITE_ASSETS = {
  cssPath: `/assets/site.${css.hash}.css`,
  emblemPath: `/assets/emblem.${emblem.hash}.svg`,
  /** The live dialogue page's enhancement (the site's only script). */
  dialogueScriptPath: `/assets/giao-luu.${dialogueScript.hash}.js`,
  files: new Map<string, Asset>([
    [`site.${css.hash}.css`, css],
    [`emblem.${emblem.hash}.svg`, emblem],
    [`giao-luu.${dialogueScript.hash}.js`, dialogueScript],
  ]),
};

const HEX = /^[0-9a-f]{6}$/;

/** The stylesheet of a theme's two colours: its name is the colours, so it never changes. */
export function themeCssPath(primary: string, accent: string): string {
  return `/assets/theme/${primary.replace('#', '')}-${accent.replace('#', '')}.css`;
}

/** The stylesheet named by `themeCssPath`, or null for a name that is not two colours. */
export function themeCss(name: string): Asset | null {
  const m = /^([0-9a-f]{6})-([0-9a-f]{6})\.css$/.exec(name);
  if (!m || !HEX.test(m[1]) || !HEX.test(m[2])) return null;
  const body = Buffer.from(`:root{--primary:#${m[1]};--accent:#${m[2]}}\n`);
  return { body, type: 'text/css; charset=utf-8', etag: `"${m[1]}${m[2]}"` };
}
