/**
 * Load shedding (docs/adr/023-production.md, "Faults"): at most `maxInFlight` API requests of this
 * process are worked on at once; one more is answered 503 `unavailable` with Retry-After at once,
 * before authentication or any database work, instead of queueing until the client's socket times
 * out. A 503 with Retry-After costs the server microseconds and tells the client when to come back;
 * a queue only grows the latency of everything behind it. Liveness and readiness probes are never
 * shed (they must tell an overloaded process from a broken one), nor static files (served from
 * memory and disk, no database). 0 turns it off.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';

/** Seconds a shed client is asked to wait. */
const SHED_RETRY_AFTER_S = 1;

export interface Admission {
  (req: Request, res: Response, next: NextFunction): void;
  /** Requests in flight now, and shed so far (tests, metrics). */
  stats(): { inFlight: number; shed: number };
}

export function admission(maxInFlight: number, applies: (req: Request) => boolean): Admission {
  let inFlight = 0;
  let shed = 0;
  const handler = ((req: Request, res: Response, next: NextFunction) => {
    if (maxInFlight <= 0 || !applies(req)) return next();
    if (inFlight >= maxInFlight) {
      shed++;
      return next(new AppError('unavailable', 'The service is at capacity; retry shortly.', undefined, SHED_RETRY_AFTER_S));
    }
    inFlight++;
    let done = false;
    const leave = () => {
      if (done) return;
      done = true;
      inFlight--;
    };
    res.once('finish', leave);
    res.once('close', leave);
    next();
  }) as Admission;
  handler.stats = () => ({ inFlight, shed });
  return handler;
}
