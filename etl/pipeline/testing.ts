/**
 * Test helper: an HTTP proxy on 127.0.0.1 in front of the indigitall simulator. Each request is
 * forwarded as sent (method, body, Authorization and Content-Type included: the console login is a
 * POST); a test may delay it, hold it until released, answer it itself, or rewrite the simulator's
 * answer. It records every request path (with its query).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface ProxyHooks {
  /** Milliseconds to wait before forwarding each request. */
  delayMs?: number;
  /** Awaited before forwarding (a gate a test opens). */
  before?: (url: URL, n: number) => Promise<void> | void;
  /** An answer of the test's own instead of forwarding (undefined: forward). */
  answer?: (url: URL, n: number) => Upstream | undefined;
  /** Rewrites the simulator's answer (the body parsed when it is JSON). */
  rewrite?: (url: URL, json: any, upstream: Upstream) => Upstream | void;
}

export interface Proxy {
  url: string;
  requests: string[];
  hooks: ProxyHooks;
  close(): Promise<void>;
}

export async function startProxy(target: string, hooks: ProxyHooks = {}): Promise<Proxy> {
  const requests: string[] = [];
  const proxy: Proxy = { url: '', requests, hooks, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const n = requests.length;
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const h = proxy.hooks;
      if (h.delayMs) await new Promise((r) => setTimeout(r, h.delayMs));
      await h.before?.(url, n);
      let up = h.answer?.(url, n);
      if (!up) {
        const r = await fetch(target + url.pathname + url.search, {
          method: req.method ?? 'GET',
          headers: {
            authorization: req.headers.authorization ?? '',
            accept: req.headers.accept ?? 'application/json',
            ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
          },
          ...(body ? { body } : {}),
        });
        up = { status: r.status, body: await r.text(), headers: { 'content-type': r.headers.get('content-type') ?? 'application/json' } };
        if (h.rewrite) {
          let json: unknown;
          try {
            json = JSON.parse(up.body);
          } catch {
            json = undefined;
          }
          up = h.rewrite(url, json, up) ?? up;
        }
      }
      res.writeHead(up.status, up.headers);
      res.end(up.body);
    })().catch((err: Error) => {
      res.writeHead(599);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/** An indigitall-style error answer. */
export function apiError(status: number, message: string): Upstream {
  return { status, body: JSON.stringify({ statusCode: status, error: 'Error', message }), headers: { 'content-type': 'application/json' } };
}
