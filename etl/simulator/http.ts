// Response helpers shared by the simulator's routes and its fault injection: the seen envelope
// `{statusCode, message, count, data}` and Fastify-style error bodies `{statusCode, error, message}`.

import type { Response } from 'express';
import { STATUS_TEXT } from './model.js';

/** An error answered as `{statusCode, error, message}` with the same HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendError(res: Response, err: ApiError): void {
  res.status(err.statusCode).set(err.headers).json({
    statusCode: err.statusCode,
    error: STATUS_TEXT[err.statusCode] ?? 'Error',
    message: err.message,
  });
}

/** v1 list: `data` is the array, `count` the total number of rows (all pages). */
export function sendList(res: Response, data: readonly unknown[], count = data.length): void {
  res.status(200).json({ statusCode: 200, message: 'OK', count, data });
}

/** v2 list: the rows nest in `data.<list>`, `count` is the total number of rows. */
export function sendV2(res: Response, list: string, rows: readonly unknown[], count: number): void {
  res.status(200).json({ statusCode: 200, message: 'OK', count, data: { [list]: rows } });
}

/** An object answer (no list, so no `count`). */
export function sendData(res: Response, data: unknown): void {
  res.status(200).json({ statusCode: 200, message: 'OK', data });
}
