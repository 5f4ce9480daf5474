/**
 * Test helper: a tiny HTTP server on 127.0.0.1 that speaks indigitall's wire format (the JSON envelope
 * `{statusCode, message, count, data}`, errors `{statusCode, error, message}`), answering each request
 * with what a test's handler returns. It records every request and counts requests in flight, overall
 * and per Authorization header, so tests can check the client's per-key concurrency limit.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  /** 1-based arrival number. */
  n: number;
  method: string;
  url: URL;
  /** pathname + search, as sent. */
  path: string;
  authorization: string;
  accept: string;
  body: string;
}

export type FakeReply =
  | { status?: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  /** Never answer (until the fake closes). */
  | 'hang'
  /** Answer the headers and half a body, then stall. */
  | 'hang-body'
  /** Destroy the connection without an answer. */
  | 'reset';

export interface Fake {
  url: string;
  requests: FakeRequest[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Highest number of requests in flight at once with this Authorization header. */
  maxInFlightFor(authorization: string): number;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** A success envelope; count defaults to the number of rows when data is an array. */
export function envelope(data: unknown, count?: number): Record<string, unknown> {
  return { statusCode: 200, message: 'OK', count: count ?? (Array.isArray(data) ? data.length : 1), data };
}

/** An error in indigitall's shape, with the same HTTP status (pass httpStatus 200 for "200 with an error body"). */
export function apiError(status: number, message: string, opts: { httpStatus?: number; headers?: Record<string, string> } = {}): FakeReply {
  return {
    status: opts.httpStatus ?? status,
    headers: opts.headers ?? {},
    body: { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message },
  };
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startFake(handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<Fake> {
  const requests: FakeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const perAuth = new Map<string, { now: number; max: number }>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorization = req.headers.authorization ?? '';
      const fr: FakeRequest = {
        n: requests.length + 1,
        method: req.method ?? 'GET',
        url,
        path: url.pathname + url.search,
        authorization,
        accept: req.headers.accept ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(fr);
      const counter = perAuth.get(authorization) ?? { now: 0, max: 0 };
      perAuth.set(authorization, counter);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      counter.now++;
      counter.max = Math.max(counter.max, counter.now);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight--;
        counter.now--;
      };
      res.on('close', finish);
      Promise.resolve()
        .then(() => handler(fr))
        .then(async (reply) => {
          if (reply === 'hang') return;
          if (reply === 'reset') {
            req.socket.destroy();
            return;
          }
          if (reply === 'hang-body') {
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
            res.write('{"statusCode":200,');
            return;
          }
          if (reply.delayMs) await delay(reply.delayMs);
          const text = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
          res.end(text);
        })
        .catch((err: unknown) => {
          res.writeHead(599);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    maxInFlightFor: (authorization) => perAuth.get(authorization)?.max ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
