// The app's one door to the HTTP API, and where the session's tokens live. Every page imports
// this module; nothing else calls fetch or touches localStorage.
const KEY = 'liveroom.session';

/** A failed API call, with the problem document's stable code when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || null;
    this.problem = problem || {};
  }
}

/** The stored session ({accessToken, refreshToken, user}) or null. */
export function session() {
  try {
    return JSON.parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function saveSession(auth) {
  localStorage.setItem(KEY, JSON.stringify({
    accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user,
  }));
}

export function clearSession() {
  localStorage.removeItem(KEY);
}

/**
 * Calls the API. With auth, sends the stored access token, and on a 401 refreshes the session
 * once (single-use refresh token) and retries. {@code headers} adds request headers.
 */
export async function api(method, path, { body, auth = false, headers = {} } = {}) {
  let response = await send(method, path, body, auth, headers);
  if (response.status === 401 && auth && session()?.refreshToken) {
    if (await refresh()) {
      response = await send(method, path, body, auth, headers);
    }
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

function send(method, path, body, auth, extraHeaders) {
  const headers = { ...extraHeaders };
  // A FormData body (a file upload) goes as multipart; the browser writes its Content-Type.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) {
    headers['Content-Type'] = 'application/json';
  }
  const token = session()?.accessToken;
  if (auth && token) {
    headers.Authorization = 'Bearer ' + token;
  }
  return fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
}

let refreshing = null;

/** Rotates the tokens; one refresh at a time, as the refresh token is single use. */
export function refresh() {
  if (!refreshing) {
    refreshing = doRefresh().finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function doRefresh() {
  const current = session();
  if (!current?.refreshToken) {
    return false;
  }
  const r = await fetch('/api/v1/auth/refresh', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  });
  if (!r.ok) {
    clearSession();
    return false;
  }
  const auth = await r.json();
  saveSession({ ...auth, user: auth.user || current.user });
  return true;
}

/** The access token for the real-time connection, refreshed when the SDK asks for a new one. */
export async function freshAccessToken() {
  if (!(await refresh())) {
    throw new ApiError(401, { code: 'unauthorized', detail: 'Please sign in again.' });
  }
  return session().accessToken;
}

/** GETs a binary resource with the bearer token (refreshing once on a 401, as api does); returns a Blob. */
export async function apiBlob(path) {
  let response = await send('GET', path, undefined, true, {});
  if (response.status === 401 && session()?.refreshToken && (await refresh())) {
    response = await send('GET', path, undefined, true, {});
  }
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(response.status, text ? JSON.parse(text) : null);
  }
  return response.blob();
}
