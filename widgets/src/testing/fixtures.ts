/**
 * Answers the widgets' BFF requests with fixtures, in the browser, by stubbing `fetch` for one base
 * URL. Fixtures are JSON files in `testing/fixtures/<operationId>[.<variant>].json`; the node test
 * `bff/widget-fixtures.test.ts` parses each with the response schema of the BFF route whose
 * operationId matches, so they cannot drift from what the BFF sends.
 *
 *   const api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': ({ params }) => `getKpis.${params.get('channel')}` });
 *   html`<ig-provider api=${api.url} token="t">…`
 *   api.requests // what the widgets asked
 *   api.restore()
 */

/** The base URL the stubbed requests go to (never reached: nothing leaves the page). */
export const FIXTURE_API = 'http://fixtures.invalid';

export interface StubRequest {
  path: string;
  params: URLSearchParams;
  /** The `Authorization` header, or `null`. */
  authorization: string | null;
  signal: AbortSignal | null;
  /** The HTTP method (`GET` unless the widget wrote). */
  method: string;
  /** The `Accept` header, or `null`. */
  accept: string | null;
  /** A write's JSON body, parsed; `undefined` without one. */
  body: unknown;
}

/**
 * An answer: a fixture name (`getKpis.sms`), a status with an optional body (problem+json for
 * errors), or `'hang'` (never answers; aborting rejects as fetch would).
 */
export type StubAnswer = string | { status: number; body?: unknown } | 'hang';
export type StubRoute = StubAnswer | ((request: StubRequest) => StubAnswer | Promise<StubAnswer>);

export interface ApiStub {
  url: string;
  /** Every request made to `url`, in order. */
  requests: StubRequest[];
  /** Requests to one path. */
  requestsTo(path: string): StubRequest[];
  restore(): void;
}

const fixtureCache = new Map<string, Promise<unknown>>();

/**
 * The day the fixtures were answered on: `today` of the meta fixture, the suites' one frozen day
 * (lib/testing/test-now.json; bff/widget-fixtures.test.ts checks it). Tests count from it, never
 * from the browser's clock.
 */
export async function fixtureToday(): Promise<string> {
  return (await fixtureJson<{ today: string }>('getMeta')).today;
}

/** A fixture's parsed JSON (a fresh copy), e.g. `await fixtureJson('getKpis.push')`. */
export async function fixtureJson<T = unknown>(name: string): Promise<T> {
  const url = new URL(`./fixtures/${name}.json`, import.meta.url);
  let pending = fixtureCache.get(name);
  if (!pending) {
    pending = originalFetch(url).then((r) => {
      if (!r.ok) throw new Error(`no fixture ${name} (${url.pathname})`);
      return r.json();
    });
    fixtureCache.set(name, pending);
  }
  return structuredClone(await pending) as T;
}

/** A problem+json body as the BFF sends it. */
export function problem(status: number, code: string, param?: string) {
  return { status, body: { type: `https://insights.indigitall.com/problems/${code}`, title: code, status, code, detail: code, ...(param ? { param } : {}) } };
}

const originalFetch = globalThis.fetch.bind(globalThis);
let active: ApiStub | undefined;

/** Stubs `fetch` for requests to `url` (default FIXTURE_API) under `/v1/`; other requests go through. */
export function stubApi(routes: Record<string, StubRoute>, url = FIXTURE_API): ApiStub {
  active?.restore();
  const base = new URL(url);
  const requests: StubRequest[] = [];
  const respond = async (answer: StubAnswer, signal: AbortSignal | null): Promise<Response> => {
    if (answer === 'hang') {
      return new Promise((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError')));
      });
    }
    if (typeof answer === 'string') {
      return new Response(JSON.stringify(await fixtureJson(answer)), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': type } });
  };
  const stubbed: typeof fetch = async (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (target.origin !== base.origin || !target.pathname.startsWith('/v1/')) return originalFetch(input, init);
    const headers = new Headers(init?.headers);
    const signal = init?.signal ?? null;
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: StubRequest = {
      path: target.pathname,
      params: target.searchParams,
      authorization: headers.get('authorization'),
      signal,
      method,
      accept: headers.get('accept'),
      body,
    };
    requests.push(request);
    const route = routes[target.pathname];
    if (route === undefined) return respond(problem(404, 'not_found'), signal);
    // Like a real network answer: never synchronous.
    await new Promise((r) => setTimeout(r));
    return respond(typeof route === 'function' ? await route(request) : route, signal);
  };
  globalThis.fetch = stubbed;
  const stub: ApiStub = {
    url,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    restore() {
      if (globalThis.fetch === stubbed) globalThis.fetch = originalFetch;
      if (active === stub) active = undefined;
    },
  };
  active = stub;
  return stub;
}
