/**
 * indigitall statistics API client (walking-skeleton scope: server-key auth, the envelope, timeouts,
 * and retries of 429/5xx that honour Retry-After). Both the HTTP status and the body's statusCode are
 * checked, because the API also reports errors as HTTP 200 with an error statusCode.
 */

export class IndigitallApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path: string,
  ) {
    super(`indigitall API ${status} on ${path}: ${message}`);
    this.name = 'IndigitallApiError';
  }
}

export interface ClientOptions {
  baseUrl: string;
  serverKey: string;
  timeoutMs?: number;
  retries?: number;
  /** Upper bound for one backoff wait, so a hostile Retry-After cannot stall a run. */
  maxWaitMs?: number;
  fetch?: typeof fetch;
}

/** The raw body as text plus the parsed JSON, so a caller can quarantine what it cannot use. */
export interface ApiResponse {
  path: string;
  body: string;
  json: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class IndigitallClient {
  private readonly baseUrl: string;
  constructor(private readonly opts: ClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  }

  async get(path: string, query: Record<string, string | number>): Promise<ApiResponse> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const full = `${path}?${qs}`;
    const retries = this.opts.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await (this.opts.fetch ?? fetch)(this.baseUrl + full, {
          headers: { Authorization: `ServerKey ${this.opts.serverKey}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
        });
      } catch (err) {
        if (attempt < retries) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw new IndigitallApiError(0, `request failed: ${(err as Error).message}`, path);
      }
      const body = await res.text();
      if ((res.status === 429 || res.status >= 500) && attempt < retries) {
        await sleep(this.backoff(attempt, res.headers.get('retry-after')));
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        if (!res.ok) throw new IndigitallApiError(res.status, body.slice(0, 200) || res.statusText, path);
        return { path: full, body, json: undefined };
      }
      const bodyStatus = (json as { statusCode?: unknown })?.statusCode;
      const message = String((json as { message?: unknown })?.message ?? res.statusText);
      if (!res.ok) throw new IndigitallApiError(res.status, message, path);
      if (typeof bodyStatus === 'number' && bodyStatus >= 400) throw new IndigitallApiError(bodyStatus, message, path);
      return { path: full, body, json };
    }
  }

  private backoff(attempt: number, retryAfter?: string | null): number {
    const max = this.opts.maxWaitMs ?? 30_000;
    const seconds = retryAfter ? Number(retryAfter) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, max);
    const base = Math.min(250 * 2 ** attempt, max);
    return base / 2 + Math.random() * (base / 2); // exponential backoff with jitter
  }
}
