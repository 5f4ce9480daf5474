/**
 * A bound on every request: past `ms` without an answer, the client gets 503 `timeout` and the
 * connection is freed; the work still running is cut by the statement timeout of its transaction.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';

export function requestTimeout(ms: number) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const err = new AppError('timeout', `No answer within ${ms} ms; retry shortly.`, undefined, 1);
      res.setHeader('Retry-After', '1');
      res.status(err.status).type('application/problem+json').send(JSON.stringify(err.toProblem()));
    }, ms);
    timer.unref();
    res.on('finish', () => clearTimeout(timer));
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
