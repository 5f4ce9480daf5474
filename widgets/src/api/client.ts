/**
 * The one HTTP client of the widgets: bearer token, `project` scoping, JSON in, problem details out.
 * Immutable: the provider builds a new client when the base URL, token or project change, so a
 * client's identity is a cheap "did the connection change?" test for the data tasks.
 */
import type { IgProblemDetails } from './types.js';

/** Error codes of the BFF's problem catalogue, plus the client's own (`network`, `invalid_response`, `unknown`). */
export type IgErrorCode =
  | 'unauthorized'
  | 'forbidden_project'
  | 'invalid_parameter'
  | 'not_found'
  | 'project_not_found'
  | 'rate_limited'
  | 'internal'
  | 'network'
  | 'invalid_response'
  | 'unknown'
  | (string & {});

export interface IgApiErrorInit {
  /** HTTP status; 0 when no HTTP answer arrived. */
  status: number;
  code: IgErrorCode;
  title: string;
  detail: string;
  param?: string | undefined;
  type?: string | undefined;
}

/** A failed BFF request: the parsed `application/problem+json`, or a network failure (status 0). */
export class IgApiError extends Error implements IgApiErrorInit {
  readonly status: number;
  readonly code: IgErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly param?: string;
  readonly type?: string;

  constructor(init: IgApiErrorInit, options?: { cause?: unknown }) {
    super(init.detail || init.title, options);
    this.name = 'IgApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    if (init.param !== undefined) this.param = init.param;
    if (init.type !== undefined) this.type = init.type;
  }

  /** Any thrown value as an IgApiError (programming errors become status 0, code `unknown`). */
  static from(error: unknown): IgApiError {
    if (error instanceof IgApiError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new IgApiError({ status: 0, code: 'unknown', title: 'Unexpected error', detail: message }, { cause: error });
  }
}

export type IgQueryValue = string | number | boolean | null | undefined;
export type IgQueryParams = Readonly<Record<string, IgQueryValue>>;

export interface IgApiClientOptions {
  /** BFF base URL, e.g. `https://insights.indigitall.com`; `''` means the page's own origin. */
  api: string;
  /** The user's JWT, sent as `Authorization: Bearer`; `null` sends no Authorization header. */
  token: string | null;
  /** Project to query (tokens covering several projects); sent as the `project` query parameter. */
  project: string | null;
  /**
   * Authenticate with the BFF's session cookie (analytics subdomain, iframe) instead of, or besides, a
   * token: requests go with `credentials: 'include'`.
   */
  session?: boolean;
  /**
   * Token refresh: asked for a token before the first request when there is none, and after a 401
   * (then the request is retried once with the new token); told when a 401 stands.
   */
  auth?: {
    /** Absent: no way to get a token (no `tokenProvider`). */
    refresh?: ((failed: string | null) => Promise<string | null>) | undefined;
    failed?: ((error: IgApiError) => void) | undefined;
  };
}

export class IgApiClient {
  readonly api: string;
  readonly project: string | null;
  readonly session: boolean;
  private currentToken: string | null;
  private readonly auth: IgApiClientOptions['auth'];

  constructor({ api, token, project, session, auth }: IgApiClientOptions) {
    this.api = api;
    this.currentToken = token || null;
    this.project = project || null;
    this.session = session ?? false;
    this.auth = auth;
  }

  /** The token requests carry: the one given, or the latest a refresh returned. */
  get token(): string | null {
    return this.currentToken;
  }

  /** True when requests carry credentials (a token or the session cookie) or a token can be fetched. */
  get connected(): boolean {
    return this.currentToken !== null || this.session || Boolean(this.auth?.refresh);
  }

  /** The absolute URL of `path` (e.g. `/v1/kpis`) with `params` (empty values dropped) and `project`. */
  url(path: string, params: IgQueryParams = {}): URL {
    const base = this.api.replace(/\/+$/, '');
    const url = new URL(base + (path.startsWith('/') ? path : `/${path}`), globalThis.location?.href);
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    if (this.project && !url.searchParams.has('project')) url.searchParams.set('project', this.project);
    return url;
  }

  /**
   * GET a JSON resource. Rejects with an {@link IgApiError} on a non-2xx answer or a network failure;
   * an abort through `signal` rejects with the fetch's own `AbortError`, untouched.
   */
  async get<T>(path: string, params: IgQueryParams = {}, signal?: AbortSignal): Promise<T> {
    return this.authorized(signal, async () => (await this.fetchOk(path, params, { method: 'GET', accept: 'application/json' }, signal)).json() as Promise<T>);
  }

  /**
   * GET a resource as a Blob in another representation (`Accept: text/csv` for the CSV of a tabular
   * endpoint), e.g. for a download. Same errors, token refresh and abort as {@link get}.
   */
  async getBlob(path: string, params: IgQueryParams = {}, accept = 'text/csv', signal?: AbortSignal): Promise<Blob> {
    return this.authorized(signal, async () => (await this.fetchOk(path, params, { method: 'GET', accept }, signal)).blob());
  }

  /**
   * A write: `method` with a JSON `body` (none for `undefined`). Resolves with the parsed JSON answer,
   * or `undefined` for an empty one (204). Same errors, token refresh and abort as {@link get}.
   */
  async send<T = unknown>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    params: IgQueryParams = {},
    signal?: AbortSignal,
  ): Promise<T> {
    return this.authorized(signal, async () => {
      const response = await this.fetchOk(path, params, { method, accept: 'application/json', body }, signal);
      return (await response.jsonOrEmpty()) as T;
    });
  }

  /**
   * POST `body` as JSON and resolve to the successful `Response` itself, unread (a streamed answer:
   * `text/event-stream`, read by the AI chat). Same credentials, token refresh and errors as
   * {@link get}.
   */
  async post(path: string, body: unknown, signal?: AbortSignal, accept = 'application/json'): Promise<Response> {
    return this.authorized(signal, async () => (await this.fetchOk(path, {}, { method: 'POST', accept, body }, signal)).response);
  }

  /**
   * Runs `attempt` with the token: asks for one first when there is none, and after a 401 asks once
   * for a fresh one and runs it again; tells the provider when a 401 stands.
   */
  private async authorized<T>(signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
    const refresh = this.auth?.refresh;
    const failed = (error: unknown) => {
      if (error instanceof IgApiError && error.status === 401 && !signal?.aborted) this.auth?.failed?.(error);
      return error;
    };
    if (refresh && !this.currentToken && !this.session) this.currentToken = await refresh(null);
    const used = this.currentToken;
    try {
      return await attempt();
    } catch (error) {
      if (!refresh || !(error instanceof IgApiError) || error.status !== 401) throw failed(error);
      // Another request may have refreshed the token meanwhile; otherwise ask (the provider makes
      // one call of its tokenProvider for any number of concurrent failures).
      const fresh = this.currentToken !== used ? this.currentToken : await refresh(used);
      if (!fresh || fresh === used) throw failed(error);
      this.currentToken = fresh;
      try {
        return await attempt();
      } catch (retryError) {
        throw failed(retryError);
      }
    }
  }

  /** One HTTP exchange: a 2xx answer whose body is still unread, or a rejection (problem, network, abort). */
  private async fetchOk(
    path: string,
    params: IgQueryParams,
    { method, accept, body }: { method: string; accept: string; body?: unknown },
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; response: Response; json(): Promise<unknown>; jsonOrEmpty(): Promise<unknown>; blob(): Promise<Blob> }> {
    const headers: Record<string, string> = { Accept: accept };
    if (this.currentToken) headers['Authorization'] = `Bearer ${this.currentToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.url(path, params), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        credentials: this.session ? 'include' : 'same-origin',
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new IgApiError(
        { status: 0, code: 'network', title: 'Network error', detail: error instanceof Error ? error.message : String(error) },
        { cause: error },
      );
    }
    if (!response.ok) throw await problemOf(response);
    const invalid = (error: unknown) => {
      if (signal?.aborted) return error;
      return new IgApiError(
        { status: response.status, code: 'invalid_response', title: 'Invalid response', detail: 'The answer is not valid JSON.' },
        { cause: error },
      );
    };
    const read = async <R>(fn: () => Promise<R>): Promise<R> => {
      try {
        return await fn();
      } catch (error) {
        throw invalid(error);
      }
    };
    return {
      status: response.status,
      response,
      json: () => read(() => response.json() as Promise<unknown>),
      jsonOrEmpty: () =>
        read(async () => {
          const text = await response.text();
          return text ? (JSON.parse(text) as unknown) : undefined;
        }),
      blob: () => read(() => response.blob()),
    };
  }
}

const STATUS_CODES: Readonly<Record<number, IgErrorCode>> = {
  400: 'invalid_parameter',
  401: 'unauthorized',
  403: 'forbidden_project',
  404: 'not_found',
  429: 'rate_limited',
};

async function problemOf(response: Response): Promise<IgApiError> {
  let body: IgProblemDetails = {};
  if (/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) {
    try {
      const parsed: unknown = await response.json();
      if (parsed && typeof parsed === 'object') body = parsed as IgProblemDetails;
    } catch {
      // A broken error body still leaves the status to go by.
    }
  }
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const typeCode = text(body.type)?.split('/').pop();
  const status = response.status;
  return new IgApiError({
    status,
    code: text(body.code) ?? typeCode ?? STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'unknown'),
    title: text(body.title) ?? (response.statusText || `HTTP ${status}`),
    detail: text(body.detail) ?? '',
    param: text(body.param),
    type: text(body.type),
  });
}
