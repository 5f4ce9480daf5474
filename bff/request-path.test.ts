/**
 * The request path's shortcuts (docs/adr/028): helmet's headers replayed in one step are exactly
 * helmet's, whatever its options; the query string parsed once per request reads as Express parses
 * it, in mounted routers too. Real HTTP on loopback, no database.
 */
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQueryOnce, securityHeaders } from './app.js';

const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => (s.closeAllConnections(), s.close(r)));
});
async function listen(app: express.Express): Promise<string> {
  const s = await new Promise<Server>((r) => {
    const x = app.listen(0, '127.0.0.1', () => r(x));
  });
  servers.push(s);
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}
const headersOf = (res: globalThis.Response) => [...res.headers].filter(([k]) => !['date', 'etag', 'keep-alive', 'connection'].includes(k)).sort();

describe('securityHeaders', () => {
  it('sets exactly the headers helmet sets, for any of its options', { timeout: 60_000 }, async () => {
    const options = fc.record(
      {
        crossOriginResourcePolicy: fc.constantFrom({ policy: 'cross-origin' as const }, { policy: 'same-site' as const }, false),
        strictTransportSecurity: fc.constantFrom(false, { maxAge: 600 }),
        referrerPolicy: fc.constantFrom({ policy: 'no-referrer' as const }, { policy: ['origin', 'unsafe-url'] as ('origin' | 'unsafe-url')[] }),
        xFrameOptions: fc.constantFrom({ action: 'deny' as const }, false),
        contentSecurityPolicy: fc.constantFrom({ directives: { 'default-src': ["'none'"] } }, false, undefined),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(options, async (opts) => {
        const both = await Promise.all(
          [helmet(opts), securityHeaders(helmet(opts))].map(async (mw) => {
            const app = express();
            app.disable('x-powered-by');
            app.use(mw as express.RequestHandler);
            app.get('/x', (_req, res) => void res.send('ok'));
            return headersOf(await fetch(`${await listen(app)}/x`));
          }),
        );
        expect(both[1]).toEqual(both[0]);
        expect(both[0]!.length).toBeGreaterThan(3);
      }),
      { numRuns: 12 },
    );
  });

  it('refuses at start-up a middleware that would look at the request or answer later', () => {
    expect(() => securityHeaders((req, _res, next) => (req.headers, next()))).toThrow(/cannot be replayed/);
    expect(() => securityHeaders((_req, res, next) => (res.status(200), next()))).toThrow(/cannot be replayed/);
    expect(() => securityHeaders((_req, _res, next) => void setTimeout(next, 1))).toThrow(/cannot be replayed/);
  });
});

describe('parseQueryOnce', () => {
  it('reads the query as Express parses it, the same object on every read, in mounted routers too', async () => {
    const seen: unknown[] = [];
    const app = express();
    app.set('query parser', 'simple');
    parseQueryOnce(app.request);
    const inner = express.Router();
    inner.get('/q', (req: Request, res: Response) => {
      seen.push(req.query === req.query);
      res.json(req.query);
    });
    app.use((req, _res, next) => {
      seen.push(req.query);
      next();
    });
    app.use('/v1', inner);
    const base = await listen(app);
    const reference = express();
    reference.set('query parser', 'simple');
    reference.get('/v1/q', (req, res) => void res.json(req.query));
    const refBase = await listen(reference);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'from', 'to', 'x y', 'é'), fc.string({ maxLength: 6 })), { maxLength: 5 }), async (pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        const [got, want] = await Promise.all([fetch(`${base}/v1/q?${qs}`), fetch(`${refBase}/v1/q?${qs}`)].map(async (r) => (await r).json()));
        expect(got).toEqual(want);
      }),
      { numRuns: 40 },
    );
    expect(seen.filter((x) => typeof x === 'boolean').every((x) => x === true)).toBe(true);
  });
});
