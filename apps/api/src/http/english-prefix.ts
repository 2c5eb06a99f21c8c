import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The English version of a portal lives at `/en` of the same host (05/2024/QĐ-UBND art. 5.2): `/en/graphql`,
 * `/en/print/<slug>`, `/en/` answer as their unprefixed paths with the English locale, whatever
 * the browser's Accept-Language says. Installed outermost, so caches key on the locale it sets.
 */
export function installEnglishPrefix(server: Server): void {
  const [next] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url === '/en' || url.startsWith('/en/') || url.startsWith('/en?')) {
      // Redirects (restructured portals) must send the reader to the same /en path.
      (req as IncomingMessage & { portalOriginalUrl?: string }).portalOriginalUrl = url;
      req.url = url.slice(3) || '/';
      if (req.url.startsWith('?')) req.url = `/${req.url}`;
      req.headers['x-portal-locale'] = 'en';
    }
    next(req, res);
  });
}
