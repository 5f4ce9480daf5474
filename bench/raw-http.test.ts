/**
 * The open-loop generator's lean HTTP client (bench/raw-http.ts) against Node's own HTTP server on
 * loopback: every way that server ends an answer, keep-alive reuse, the socket limit, and a server
 * that hangs up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { rawClient, requestBytes, type RawClient } from './raw-http.js';

const servers: http.Server[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const connections = { count: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', () => connections.count++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const client = rawClient(origin, 4);
  clients.push(client);
  const get = (path: string, headers: Record<string, string> = {}, body?: string) => client.request(requestBytes(origin.host, body === undefined ? 'GET' : 'POST', path, headers, body));
  return { client, get, connections };
}

describe('raw-http', () => {
  it('reads answers of any length and split, by Content-Length and chunked, and sends what it was given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 3000 }), fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 6 }), fc.boolean(), async (text, cuts, chunked) => {
        const { get } = await serve((req, res, body) => {
          const payload = Buffer.from(JSON.stringify({ text, path: req.url, auth: req.headers.authorization, body }));
          if (!chunked) res.setHeader('content-length', payload.length);
          // Written in pieces: a chunked answer gets one chunk per piece, and the client sees the
          // bytes in as many reads as the socket gives.
          let at = 0;
          for (const n of cuts) {
            if (at >= payload.length) break;
            res.write(payload.subarray(at, at + n));
            at += n;
          }
          res.end(payload.subarray(at));
        });
        const a = await get('/v1/kpis?from=2026-01-01', { authorization: 'Bearer t' });
        expect(a.status).toBe(200);
        expect(JSON.parse(a.body.toString())).toEqual({ text, path: '/v1/kpis?from=2026-01-01', auth: 'Bearer t', body: '' });
        const b = await get('/graphql', { 'content-type': 'application/json' }, `{"q":${JSON.stringify(text)}}`);
        expect(JSON.parse(b.body.toString()).body).toBe(`{"q":${JSON.stringify(text)}}`);
      }),
      { numRuns: 40 },
    );
  });

  it('reads statuses and empty answers, and reuses one keep-alive connection for requests in turn', async () => {
    const { get, connections, client } = await serve((req, res) => {
      if (req.url === '/none') res.writeHead(204).end();
      else if (req.url === '/busy') res.writeHead(503, { 'content-type': 'application/json' }).end('{"detail":"The service is at capacity"}');
      else if (req.url === '/empty-chunked') res.writeHead(200).end();
      else res.end('ok');
    });
    for (const [path, status, body] of [['/none', 204, ''], ['/busy', 503, '{"detail":"The service is at capacity"}'], ['/empty-chunked', 200, ''], ['/x', 200, 'ok']] as const) {
      const a = await get(path);
      expect([a.status, a.body.toString()]).toEqual([status, body]);
    }
    expect(connections.count).toBe(1);
    expect(client.open).toBe(1);
  });

  it('opens a connection per outstanding request up to its limit, then queues', async () => {
    const held: http.ServerResponse[] = [];
    const { get, connections } = await serve((_req, res) => {
      held.push(res);
      if (held.length === 4) setTimeout(() => held.splice(0).forEach((r) => r.end('late')), 20);
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => get('/')));
    expect(answers.map((a) => a.body.toString())).toEqual(Array(8).fill('late'));
    expect(connections.count).toBe(4);
  });

  it('rejects when the server hangs up before answering, and carries on with a new connection', async () => {
    let n = 0;
    const { get } = await serve((req, res) => (n++ === 0 ? req.socket.destroy() : res.end('second')));
    await expect(get('/')).rejects.toMatchObject({ code: expect.any(String) });
    expect((await get('/')).body.toString()).toBe('second');
  });

  it('closes the connection when the server says so', async () => {
    const { get, connections } = await serve((_req, res) => res.setHeader('connection', 'close').end('bye'));
    expect((await get('/')).body.toString()).toBe('bye');
    expect((await get('/')).body.toString()).toBe('bye');
    expect(connections.count).toBe(2);
  });

  it('refuses a path or header that would break the request line', () => {
    expect(() => requestBytes('h', 'GET', '/a b', {})).toThrow(/break/);
    expect(() => requestBytes('h', 'GET', '/', { x: 'a\r\nInjected: 1' })).toThrow(/break/);
    expect(() => requestBytes('h', 'GET', '/', { 'x:y': 'a' })).toThrow(/break/);
  });
});
