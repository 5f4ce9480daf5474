/**
 * The product's business clock: what "now" and "today" mean for data (the BFF's default periods,
 * `/v1/meta`'s `today`, sync windows, the simulator's last day, the assistant's "ayer"). Real time
 * (token `iat`/`exp`, sessions, timeouts, rate limits, logs) stays on `Date.now()`.
 *
 * `IG_NOW` (an ISO instant) freezes it: the tests pin it to one instant (lib/testing/test-now.json)
 * so that no test depends on the calendar; a run for a reproducible figure may pin it too. Unset,
 * it is the machine's clock. Read once per process; `setBusinessNow` is for tests that move it.
 */

function parse(v: string | undefined): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`IG_NOW: not an ISO date-time ("${v}")`);
  return d;
}

let pinned: Date | undefined = parse(process.env.IG_NOW);

/** The business "now": IG_NOW when pinned, else the machine's clock. */
export function businessNow(): Date {
  return pinned ? new Date(pinned.getTime()) : new Date();
}

/** Pins (or with `undefined` unpins) the business clock of this process. */
export function setBusinessNow(now: Date | string | undefined): void {
  pinned = typeof now === 'string' ? parse(now) : now;
}

/** True when IG_NOW (or setBusinessNow) pins the clock. */
export function isClockPinned(): boolean {
  return pinned !== undefined;
}
