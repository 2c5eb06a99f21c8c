import type { Request } from 'express';

/** The most a public form's body may weigh (a question's text is 10,000 characters at most). */
const MAX_FORM_BYTES = 128 * 1024;

/**
 * The fields of a posted HTML form (`application/x-www-form-urlencoded`), each its last value as
 * text. Reads the body unless a parser already did; an oversized body reads as empty.
 */
export async function readForm(req: Request): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const parsed = req.body as unknown;
  if (parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0) {
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      const value = Array.isArray(v) ? v[v.length - 1] : v;
      if (typeof value === 'string') out[k] = value;
    }
    return out;
  }
  if (!/^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))) return out;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return {};
    chunks.push(chunk);
  }
  for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) out[k] = v;
  return out;
}

/** A query parameter as one string (the first when repeated), or ''. */
export function queryText(req: Request, name: string): string {
  const v = req.query[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, 500) : '';
}
