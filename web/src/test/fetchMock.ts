import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  credentials?: RequestCredentials;
}

type Handler = (call: RecordedCall) => Response | Promise<Response> | undefined;

/** A JSON answer; `json<Project>(…)` (or a builder of ../test/fixtures) checks the body against the contract. */
export function json<T = unknown>(body: T, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * Replaces global fetch with a tiny router: `routes` maps "METHOD /api/v1/path" (query ignored) to a handler.
 * Every call is recorded; an unknown route answers 404 so a test fails loudly rather than hanging.
 */
export function mockFetch(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k.toLowerCase()] = v));
    let body: unknown = init.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        /* keep text */
      }
    }
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
    const call: RecordedCall = { method, url, path, headers, body, credentials: init.credentials };
    calls.push(call);
    const handler = routes[`${method} ${path}`];
    const res = handler ? await handler(call) : undefined;
    return res ?? problem(404, { title: 'Not Found', detail: `no mock for ${method} ${path}` });
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}
