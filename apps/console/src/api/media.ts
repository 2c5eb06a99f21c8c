import { refresh } from './session';

// The stored HTML names an image by its public address, /attachments/<id>; a draft's image answers
// there only to a bearer token, which an <img> cannot send. The console's pages show it from
// /quan-tri/media/<id> instead, opened by the HttpOnly cookie the session endpoints set for that path
// (this host only). Only what is shown changes: the HTML saved keeps /attachments/<id>.
const STORED = /^\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The address an image of the stored HTML is shown from in the console. */
export function shownImageSrc(src: string): string {
  const m = STORED.exec(src);
  return m ? `/quan-tri/media/${m[1].toLowerCase()}` : src;
}

/** The stored HTML with its images' addresses as the console shows them (for a read-only preview). */
export function withShownImages(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const img of Array.from(doc.images)) {
    const src = img.getAttribute('src');
    if (src) img.setAttribute('src', shownImageSrc(src));
  }
  return doc.body.innerHTML;
}

/**
 * The media cookie lives as long as the access token: an image that fails to load after it expired
 * is tried once more after the session was refreshed (which sets a new cookie).
 */
export function retryAfterRefresh(img: HTMLImageElement): void {
  let retried = false;
  img.addEventListener('error', () => {
    if (retried || !img.src.includes('/quan-tri/media/')) return;
    retried = true;
    const src = img.getAttribute('src') ?? '';
    void refresh().then((ok) => {
      // A new address, so that the failed answer is not reused.
      if (ok) img.setAttribute('src', `${src}?retry=1`);
    });
  });
}
