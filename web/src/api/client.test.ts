import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, groupFieldErrors, readCookie, upload } from './client';
import { json, mockFetch, noContent, problem } from '../test/fetchMock';

function setCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/`;
}

describe('api client: CSRF', () => {
  it('sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN on POST, PUT, PATCH and DELETE', async () => {
    setCookie('XSRF-TOKEN', 'tok-123');
    const m = mockFetch({
      'POST /api/v1/projects': () => json({ id: 1 }, 201),
      'PUT /api/v1/assignments/5/draft': () => noContent(),
      'PATCH /api/v1/projects/1': () => json({ id: 1 }),
      'DELETE /api/v1/tokens/3': () => noContent(),
    });
    await api.post('/projects', { name: 'p' });
    await api.put('/assignments/5/draft', { result: {} });
    await api.patch('/projects/1', { overlap: 2 });
    await api.delete('/tokens/3');
    expect(m.calls).toHaveLength(4);
    for (const c of m.calls) {
      expect(c.headers['x-xsrf-token']).toBe('tok-123');
      expect(c.credentials).toBe('same-origin');
    }
  });

  it('does not send the CSRF header on GET', async () => {
    setCookie('XSRF-TOKEN', 'tok-123');
    const m = mockFetch({ 'GET /api/v1/me': () => json({ id: 1, username: 'a', displayName: 'A', roles: [] }) });
    const me = await api.get<{ username: string }>('/me');
    expect(me.username).toBe('a');
    expect(m.calls[0].headers['x-xsrf-token']).toBeUndefined();
    expect(m.calls[0].credentials).toBe('same-origin');
  });

  it('URL-decodes the cookie value', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=ab%3D%3D; b=2')).toBe('ab==');
    expect(readCookie('XSRF-TOKEN', 'a=1')).toBeNull();
  });

  it('retries once with the fresh token when the server rotated it and answered 403', async () => {
    setCookie('XSRF-TOKEN', 'old');
    let n = 0;
    const m = mockFetch({
      'POST /api/v1/tokens': () => {
        n++;
        if (n === 1) {
          setCookie('XSRF-TOKEN', 'new');
          return problem(403, { title: 'Forbidden' });
        }
        return json({ id: 1, name: 'x', token: 'secret', createdAt: '2024-01-01T00:00:00Z' }, 201);
      },
    });
    const created = await api.post<{ token: string }>('/tokens', { name: 'x' });
    expect(created.token).toBe('secret');
    expect(m.calls.map((c) => c.headers['x-xsrf-token'])).toEqual(['old', 'new']);
  });

  it('sends JSON with a content type and parses JSON back; 204 resolves to undefined', async () => {
    mockFetch({ 'POST /api/v1/assignments/1/skip': () => noContent() });
    await expect(api.post('/assignments/1/skip', { reason: 'x' })).resolves.toBeUndefined();
  });
});

describe('api client: problem details', () => {
  it('turns an RFC 9457 body into an ApiError with errors[]', async () => {
    mockFetch({
      'POST /api/v1/assignments/7/submit': () =>
        problem(422, {
          type: 'https://labelcrew.dev/problems/validation',
          title: 'Annotation breaks the schema',
          detail: '2 fields are invalid',
          errors: [
            { field: 'result.topic', message: 'required' },
            { field: 'result.tags', message: 'unknown option "x"' },
          ],
        }),
    });
    const err = await api.post('/assignments/7/submit', { result: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.type).toBe('https://labelcrew.dev/problems/validation');
    expect(e.title).toBe('Annotation breaks the schema');
    expect(e.detail).toBe('2 fields are invalid');
    expect(e.message).toBe('2 fields are invalid');
    expect(e.errors).toEqual([
      { field: 'result.topic', message: 'required' },
      { field: 'result.tags', message: 'unknown option "x"' },
    ]);
    expect(e.fieldErrors('result.')).toEqual({ topic: ['required'], tags: ['unknown option "x"'] });
  });

  it('keeps line numbers of import errors', () => {
    const grouped = groupFieldErrors([{ line: 3, message: 'bad json' }, { field: 'name', message: 'blank' }]);
    expect(grouped).toEqual({ name: ['blank'] });
    const e = new ApiError(422, { title: 'x', errors: [{ line: 3, message: 'bad json' }] });
    expect(e.errors[0].line).toBe(3);
  });

  it('copes with a body that is not JSON', async () => {
    mockFetch({ 'GET /api/v1/projects': () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
    const e = (await api.get('/projects').catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(502);
    expect(e.title).toBe('Bad Gateway');
    expect(e.detail).toContain('Bad gateway');
    expect(e.errors).toEqual([]);
  });

  it('drops malformed entries of errors[]', () => {
    const e = new ApiError(422, { errors: [{ field: 'a', message: 'm' }, 'junk', null, { field: 'b' }] as never });
    expect(e.errors).toEqual([{ field: 'a', message: 'm' }]);
  });
});

describe('upload (XMLHttpRequest)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the CSRF header, reports progress and parses a problem on failure', async () => {
    setCookie('XSRF-TOKEN', 'up-tok');
    const sent: { headers: Record<string, string>; url: string; method: string }[] = [];
    class FakeXhr {
      status = 0;
      statusText = '';
      responseText = '';
      withCredentials = false;
      upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private h: Record<string, string> = {};
      private u = '';
      private m = '';
      open(method: string, url: string) {
        this.m = method;
        this.u = url;
      }
      setRequestHeader(k: string, v: string) {
        this.h[k] = v;
      }
      send() {
        sent.push({ headers: this.h, url: this.u, method: this.m });
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
        if (sent.length === 1) {
          this.status = 202;
          this.responseText = JSON.stringify({ id: 9, status: 'QUEUED' });
        } else {
          this.status = 413;
          this.statusText = 'Payload Too Large';
          this.responseText = JSON.stringify({ title: 'Too large', status: 413 });
        }
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const progress: (number | null)[] = [];
    const job = await upload<{ id: number }>('/projects/1/imports', new FormData(), (f) => progress.push(f));
    expect(job.id).toBe(9);
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/projects/1/imports' });
    expect(sent[0].headers['X-XSRF-TOKEN']).toBe('up-tok');
    expect(progress).toEqual([0.5, 1]);
    const err = (await upload('/projects/1/imports', new FormData()).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(413);
    expect(err.title).toBe('Too large');
  });
});
