// The session: the access token lives in this module's memory only (never in storage); the refresh
// token is an HttpOnly cookie the page cannot read, exchanged at /quan-tri/session/refresh.

export interface ApiError {
  errorCode: string;
  field?: string | null;
  messageVi: string;
  messageEn: string;
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean, reason?: ApiError) => void>();

export const isSignedIn = () => accessToken !== null;
export const currentToken = () => accessToken;

export function onSessionChange(listener: (signedIn: boolean, reason?: ApiError) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(token: string | null, reason?: ApiError) {
  accessToken = token;
  for (const l of listeners) l(token !== null, reason);
}

interface SessionAnswer {
  accessToken?: string;
  error?: ApiError;
}

async function post(path: string, body: unknown): Promise<{ status: number; json: SessionAnswer }> {
  const res = await fetch(`/quan-tri/session${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as SessionAnswer };
}

export async function signIn(username: string, password: string): Promise<ApiError | null> {
  const { json } = await post('', { username, password });
  if (json.accessToken) {
    set(json.accessToken);
    return null;
  }
  return (
    json.error ?? {
      errorCode: 'NETWORK',
      messageVi: 'Không kết nối được máy chủ.',
      messageEn: 'The server cannot be reached.',
    }
  );
}

/** Trades the cookie for a new access token (one exchange at a time). */
export function refresh(reason?: ApiError): Promise<boolean> {
  refreshing ??= post('/refresh', {})
    .then(({ json }) => {
      if (json.accessToken) {
        set(json.accessToken);
        return true;
      }
      if (accessToken !== null || reason) set(null, reason ?? json.error);
      return false;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

export async function signOut(): Promise<void> {
  await post('/logout', {}).catch(() => undefined);
  set(null);
}
