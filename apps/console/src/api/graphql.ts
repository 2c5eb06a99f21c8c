import type { TypedDocumentString } from '../gql/graphql';
import { currentToken, refresh, type ApiError } from './session';
import { currentLang } from '../i18n';

export class GqlError extends Error {
  constructor(readonly error: ApiError) {
    super(error.messageEn);
  }
}

const SESSION_ENDED: ApiError = {
  errorCode: 'SESSION_ENDED',
  messageVi: 'Phiên làm việc đã kết thúc (tài khoản bị khóa hoặc đã đăng xuất). Vui lòng đăng nhập lại.',
  messageEn: 'Your session has ended (account suspended or signed out). Please sign in again.',
};

interface GqlBody {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, string | undefined> }>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One POST of an operation. A mutation carries its idempotency key, and when its answer is lost (the
 * connection failed) or the server says it is unavailable for a moment (503), it is sent again with
 * the same key, twice at most: the server stores a creating mutation once and answers the retry
 * with the first answer.
 */
async function send(
  query: string,
  variables: unknown,
  key?: string,
): Promise<{ status: number; body: GqlBody }> {
  for (let attempt = 0; ; attempt++) {
    const token = currentToken();
    try {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-portal-locale': currentLang(),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      if (res.status === 503 && key && attempt < 2) {
        await pause(Math.min(10, Number(res.headers.get('retry-after')) || 1) * 1000);
        continue;
      }
      return { status: res.status, body: (await res.json().catch(() => ({}))) as GqlBody };
    } catch (e) {
      if (!key || attempt >= 2) throw e;
      await pause(1000);
    }
  }
}

/**
 * Runs a typed document. An expired or revoked access token is refreshed once; when that fails too
 * (a suspended account, a revoked session), the person is signed out with the reason.
 */
export async function gql<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  // One key per call of a mutation, kept across its retries (and the retry after a token refresh).
  const key = /^\s*mutation\b/.test(doc.toString()) ? crypto.randomUUID() : undefined;
  let { status, body } = await send(doc.toString(), variables ?? {}, key);
  const unauthenticated = () =>
    status === 401 || body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (unauthenticated()) {
    if (!(await refresh(SESSION_ENDED))) throw new GqlError(SESSION_ENDED);
    ({ status, body } = await send(doc.toString(), variables ?? {}, key));
    if (unauthenticated()) {
      await refresh(SESSION_ENDED);
      throw new GqlError(SESSION_ENDED);
    }
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new GqlError({
      errorCode: e.extensions?.code ?? 'ERROR',
      field: e.extensions?.field ?? null,
      messageVi: e.extensions?.messageVi ?? e.message,
      messageEn: e.extensions?.messageEn ?? e.message,
    });
  }
  return body.data as R;
}

/** Uploads a file with progress (XHR: fetch reports no upload progress). */
export function upload(
  file: File,
  itemId: string | null,
  onProgress: (percent: number) => void,
  /** `/attachments`, or a media item's `/media/{video,audio,poster,captions,photo}`. */
  path = '/attachments',
): Promise<{ id: string; fileName: string; mediaType: string; url: string } | { error: ApiError }> {
  return new Promise((resolve) => {
    const form = new FormData();
    if (itemId) form.append('itemId', itemId);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('x-portal-locale', currentLang());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let json: {
        id?: string;
        url?: string;
        fileName?: string;
        mediaType?: string;
        errors?: Array<{ message?: string; extensions?: Record<string, string | undefined> }>;
      } = {};
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201)
        return resolve({
          id: json.id!,
          fileName: json.fileName!,
          mediaType: json.mediaType!,
          url: json.url ?? `${path}/${json.id}`,
        });
      const e = json.errors?.[0];
      resolve({
        error: {
          errorCode: e?.extensions?.code ?? `HTTP_${xhr.status}`,
          field: e?.extensions?.field ?? 'file',
          messageVi: e?.extensions?.messageVi ?? e?.message ?? `Tải lên thất bại (${xhr.status}).`,
          messageEn: e?.extensions?.messageEn ?? e?.message ?? `Upload failed (${xhr.status}).`,
        },
      });
    };
    xhr.onerror = () =>
      resolve({
        error: {
          errorCode: 'NETWORK',
          messageVi: 'Mất kết nối khi tải lên.',
          messageEn: 'The connection failed during the upload.',
        },
      });
    xhr.send(form);
  });
}
