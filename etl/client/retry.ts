/**
 * Retry policy of the indigitall client: which failures are worth another try, and how long to wait.
 * Pure functions; the client injects `random` and `now` so tests can pin every delay.
 */

export type Jitter = 'full' | 'decorrelated';

export interface BackoffOptions {
  /** First backoff step in ms (default 250). */
  baseDelayMs: number;
  /** Upper bound for any single wait, Retry-After included (default 30 000). */
  maxWaitMs: number;
  jitter: Jitter;
  /** Uniform in [0, 1). */
  random: () => number;
}

/**
 * 408, 429 and every 5xx may pass; every other 4xx will not (400, 401 after a re-login, 403, 404 …),
 * nor will a 3xx (the client does not follow redirects).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Retry-After as a delay in ms: delta-seconds ("120", also a decimal) or an HTTP date (delay until
 * then, 0 if already past). Undefined when absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // An HTTP date always names a weekday or a month; this keeps "-5" or "1e3" from parsing as a date.
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff for retry number `attempt` (0 for the first retry).
 * - full jitter: uniform in [0, min(max, base · 2^attempt)]
 * - decorrelated jitter: uniform in [base, 3 · previous delay], capped at max (previous starts at base)
 */
export function backoffDelay(attempt: number, previousMs: number | undefined, o: BackoffOptions): number {
  const r = o.random();
  if (o.jitter === 'decorrelated') {
    const prev = Math.max(previousMs ?? o.baseDelayMs, o.baseDelayMs);
    return Math.floor(Math.min(o.maxWaitMs, o.baseDelayMs + r * (prev * 3 - o.baseDelayMs)));
  }
  const ceiling = Math.min(o.maxWaitMs, o.baseDelayMs * 2 ** attempt);
  return Math.floor(r * ceiling);
}

/** Wait before the next attempt: the server's Retry-After when it gave one (capped), else backoff. */
export function retryDelay(
  attempt: number,
  previousMs: number | undefined,
  retryAfterMs: number | undefined,
  o: BackoffOptions,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, o.maxWaitMs);
  return backoffDelay(attempt, previousMs, o);
}
