import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Titles of the statuses a reader may meet, Vietnamese first. */
const TITLES: Record<number, [string, string]> = {
  400: ['Yêu cầu không hợp lệ', 'Bad request'],
  401: ['Cần đăng nhập', 'Sign-in required'],
  403: ['Không có quyền truy cập', 'Access denied'],
  404: ['Không tìm thấy trang', 'Page not found'],
  405: ['Phương thức không được hỗ trợ', 'Method not allowed'],
  406: ['Không có định dạng phù hợp', 'Not acceptable'],
  410: ['Trang không còn nữa', 'Page gone'],
  413: ['Nội dung gửi lên quá lớn', 'Request too large'],
  415: ['Định dạng không được hỗ trợ', 'Unsupported format'],
  429: ['Quá nhiều yêu cầu', 'Too many requests'],
  500: ['Lỗi máy chủ', 'Server error'],
  503: ['Dịch vụ tạm ngừng', 'Service unavailable'],
};
const GRAPHQL_PATH = /^(?:\/en)?\/graphql(?:[/?]|$)/i;

/** Does this request come from a browser page (it asks for HTML)? */
export function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/i.test(String(req.headers.accept ?? ''));
}

interface ErrorShape {
  code: string | null;
  vi: string | null;
  en: string | null;
}

/** The code and the vi/en messages of a JSON error body (GraphQL-shaped or Nest's own). */
function errorOf(body: string): ErrorShape {
  try {
    const parsed = JSON.parse(body) as {
      errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
      message?: unknown;
    };
    const first = parsed.errors?.[0];
    const ext = first?.extensions ?? {};
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    let vi = str(ext.messageVi);
    let en = str(ext.messageEn);
    const message = str(first?.message) ?? (typeof parsed.message === 'string' ? parsed.message : null);
    // "English. / Tiếng Việt." messages carry both languages in one string.
    const pair = message && !vi && !en ? / \/ /.exec(message) : null;
    if (pair && message) {
      en = message.slice(0, pair.index);
      vi = message.slice(pair.index + 3);
    } else if (!en) en = message;
    return { code: str(ext.code), vi, en };
  } catch {
    return { code: null, vi: null, en: null };
  }
}

/** A bilingual HTML page for an error status; never a stack trace, and no detail for 5xx. */
export function errorPage(status: number, path: string, body: string): string {
  const [titleVi, titleEn] = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
  const { code, vi, en } = status >= 500 ? { code: null, vi: null, en: null } : errorOf(body);
  const graphql = GRAPHQL_PATH.test(path);
  const lines: string[] = [];
  if (graphql) {
    lines.push(
      '<p lang="vi">Địa chỉ này là giao diện lập trình (GraphQL) dành cho ứng dụng: gửi truy vấn bằng POST với Content-Type: application/json.</p>',
      '<p lang="en">This address is the programming interface (GraphQL) for applications: send queries by POST with Content-Type: application/json.</p>',
    );
  } else {
    if (vi) lines.push(`<p lang="vi">${escapeHtml(vi)}</p>`);
    if (en && en !== vi) lines.push(`<p lang="en">${escapeHtml(en)}</p>`);
  }
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status} · ${escapeHtml(titleVi)} / ${escapeHtml(titleEn)}</title></head><body>
<main><h1><span lang="vi">${escapeHtml(titleVi)}</span> / <span lang="en">${escapeHtml(titleEn)}</span></h1>
${lines.join('\n')}
<p><small>${status}${code ? ` · ${escapeHtml(code)}` : ''}</small></p>
<p><a href="/">Về trang chủ</a> · <a href="/en/" lang="en">Back to the home page</a></p></main></body></html>`;
}

/**
 * Plain-HTTP errors (unknown host, missing page, refused upload, Apollo's answer to a browser's GET
 * on /graphql, …) are JSON for API clients and a bilingual HTML page for a browser, whichever layer
 * answered: the JSON body a browser would get is swapped for the page as it is sent. Installed
 * around the request listener like the other HTTP layers.
 */
export function installErrorPages(server: Server): void {
  const [next] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (wantsHtml(req)) {
      const path = req.url ?? '/';
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        const [chunk] = args;
        const json = /^application\/(?:graphql-response\+)?json/i.test(
          String(res.getHeader('content-type') ?? ''),
        );
        if (res.statusCode < 400 || !json || res.headersSent || typeof args[0] === 'function')
          return end(...args);
        const body = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : typeof chunk === 'string' ? chunk : '';
        const html = errorPage(res.statusCode, path, body);
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(html));
        res.removeHeader('ETag');
        res.setHeader('Vary', [res.getHeader('Vary'), 'Accept'].filter(Boolean).join(', '));
        return req.method === 'HEAD' ? end() : end(html);
      }) as ServerResponse['end'];
    }
    next(req, res);
  });
}
