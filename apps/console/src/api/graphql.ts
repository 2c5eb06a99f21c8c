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

async function send(query: string, variables: unknown): Promise<{ status: number; body: GqlBody }> {
  const token = currentToken();
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-portal-locale': currentLang(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as GqlBody };
}

/**
 * Runs a typed document. An expired or revoked access token is refreshed once; when that fails too
 * (a suspended account, a revoked session), the person is signed out with the reason.
 */
export async function gql<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  let { status, body } = await send(doc.toString(), variables ?? {});
  const unauthenticated = () =>
    status === 401 || body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (unauthenticated()) {
    if (!(await refresh(SESSION_ENDED))) throw new GqlError(SESSION_ENDED);
    ({ status, body } = await send(doc.toString(), variables ?? {}));
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
): Promise<{ id: string; fileName: string; mediaType: string; url: string } | { error: ApiError }> {
  return new Promise((resolve) => {
    const form = new FormData();
    if (itemId) form.append('itemId', itemId);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/attachments');
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
          url: json.url ?? `/attachments/${json.id}`,
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
