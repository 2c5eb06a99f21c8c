import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { AppConfig } from '@portal/platform';

/**
 * Players an item may embed: the hosts the rich-text sanitiser keeps iframes of
 * (`libs/content/src/sanitize/html-sanitizer.ts`, EMBED_HOSTS). Keep the two lists together.
 */
export const EMBED_ORIGINS: readonly string[] = [
  'https://www.youtube.com',
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
];

/**
 * The headers every response carries (helmet), chosen for what the api serves: JSON, feeds and
 * files, and plain server-rendered pages (home, print view) that run no script, keep one inline
 * `<style>` block (print view), show images from anywhere on the web and embed the sanitiser's
 * video players. Responses that need a stricter policy (downloads: `default-src 'none'; sandbox`)
 * set their own afterwards.
 */
export function securityHeaders(
  config: Pick<AppConfig, 'env'>,
): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  const production = config.env === 'production';
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        // No page runs a script; a front-end served from here one day adds its own bundle.
        scriptSrc: ["'none'"],
        scriptSrcAttr: ["'none'"],
        // The print view's one inline <style>; stored HTML never carries style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Items show images from any site (the sanitiser allows http and https sources).
        imgSrc: production ? ["'self'", 'https:'] : ["'self'", 'https:', 'http:'],
        fontSrc: ["'self'", 'https:'],
        frameSrc: [...EMBED_ORIGINS],
        // Behind TLS in production: an item's http:// image is fetched over https.
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Each portal host sends its own; no includeSubDomains, which would bind every other site under
    // a province's name (mail, older systems) to HTTPS. Browsers ignore it over plain http.
    strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: false },
    // YouTube's embedded player needs the embedding origin; paths and queries (searches) stay private.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Public content (attachments, images) is meant to be shown by other portals of the federation.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    xFrameOptions: { action: 'sameorigin' },
  });
}
