/**
 * The one way the browser talks to the server.
 *
 * - Sends the session cookie (credentials: same-origin).
 * - CSRF: the server sets the `XSRF-TOKEN` cookie; every non-GET request sends it back as `X-XSRF-TOKEN`.
 * - Errors come back as RFC 9457 problem details and are thrown as {@link ApiError} with `errors[]`.
 */

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** One entry of a problem's `errors[]`: names a field (schema/annotation) or a line (imports). */
export interface ProblemError {
  field?: string;
  line?: number;
  message: string;
  /** The sentence's code for the browser to word (`code.<code>`, app/serverText sayFieldError); message is the English fallback. */
  code?: string | null;
  params?: Record<string, unknown> | null;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ProblemError[];
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors.filter(isProblemError) : [];
  }

  /** The messages for one field; `prefix` is stripped from server field paths first (e.g. "result."). */
  fieldErrors(prefix = ''): Record<string, string[]> {
    return groupFieldErrors(this.errors, prefix);
  }
}

function isProblemError(e: unknown): e is ProblemError {
  return typeof e === 'object' && e !== null && typeof (e as ProblemError).message === 'string';
}

/**
 * Groups errors by field path, stripping a prefix such as "result." or "schema."; `say` words each one (the reader's
 * language: app/serverText sayFieldError), the server's English message when not given.
 */
export function groupFieldErrors(errors: ProblemError[], prefix = '', say: (e: ProblemError) => string = (e) => e.message): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    if (e.field == null) continue;
    let key = e.field;
    if (prefix && key.startsWith(prefix)) key = key.slice(prefix.length);
    (out[key] ??= []).push(say(e));
  }
  return out;
}

export function readCookie(name: string, cookieString: string = document.cookie): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      if (!raw) return null;
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

function isSafe(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** Turns a non-2xx response into an ApiError, whatever the body holds. */
export async function problemFrom(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  return parseProblemText(res.status, res.statusText, text);
}

export function parseProblemText(status: number, statusText: string, text: string): ApiError {
  let problem: Problem = { status, title: statusText || `HTTP ${status}` };
  if (text) {
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = { ...problem, ...parsed };
    } catch {
      problem.detail = text.slice(0, 500);
    }
  }
  return new ApiError(status, problem);
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** The request outlives the page (a decision or a draft sent while the tab is hidden or closed). */
  keepalive?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api/') || path.startsWith('http') ? path : API_BASE + path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

/** Listeners told when any call answers 401, so the app can go back to the login page. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Calls the API. `path` is relative to /api/v1 (e.g. "/projects"). Resolves with the parsed JSON body,
 * or `undefined` for 204 / empty bodies; rejects with ApiError for any non-2xx answer.
 */
export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, opts.query);
  const send = async (): Promise<{ res: Response; token: string | null }> => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const token = isSafe(method) ? null : readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
    const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal, keepalive: opts.keepalive });
    return { res, token };
  };

  let { res, token } = await send();
  // The server rotates the CSRF token on sign-in; when our copy was missing or stale and the server has
  // since set a fresh cookie, try once more with it.
  if (res.status === 403 && !isSafe(method)) {
    const fresh = readCookie(CSRF_COOKIE);
    if (fresh && fresh !== token) ({ res, token } = await send());
  }

  if (!res.ok) {
    const err = await problemFrom(res);
    if (res.status === 401) unauthorizedListeners.forEach((l) => l());
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as unknown as T;
  }
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body ?? {}, opts),
  delete: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/**
 * Multipart upload through XMLHttpRequest, because fetch cannot report upload progress.
 * `onProgress` gets a fraction 0..1 (or null when the size is unknown).
 */
export function upload<T>(path: string, form: FormData, onProgress?: (fraction: number | null) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = readCookie(CSRF_COOKIE);
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : null);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        if (!xhr.responseText) return resolve(undefined as T);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          resolve(xhr.responseText as unknown as T);
        }
      } else {
        if (xhr.status === 401) unauthorizedListeners.forEach((l) => l());
        reject(parseProblemText(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'The upload could not reach the server.' }));
    xhr.send(form);
  });
}
