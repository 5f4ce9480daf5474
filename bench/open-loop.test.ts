/**
 * The open-loop generator's schedule and percentile math (bench/open-loop.ts, bench/stats.ts), against
 * fake responders on loopback. Latency assertions are lower bounds the responders force (a server
 * that answers after D ms cannot be measured below D), never speed limits.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { runOpenLoop, scheduleSize, scheduledAt, type OpenLoopResult } from './open-loop.js';
import { percentiles } from './stats.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function responder(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer(handle);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const get = (url: string) => (): Promise<boolean> =>
  new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      })
      .on('error', reject);
  });

describe('percentiles', () => {
  it('are nearest-rank: at least p of the samples at or below, fewer than p strictly below', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 500 }), (xs) => {
        const r = percentiles([...xs]);
        for (const [p, v] of [[0.5, r.p50], [0.9, r.p90], [0.95, r.p95], [0.99, r.p99], [1, r.max]] as const) {
          expect(xs).toContain(v);
          expect(xs.filter((x) => x <= v).length).toBeGreaterThanOrEqual(p * xs.length);
          expect(xs.filter((x) => x < v).length).toBeLessThan(p * xs.length);
        }
      }),
    );
  });

  it('are NaN without samples', () => {
    expect(percentiles([]).p99).toBeNaN();
  });
});

describe('the schedule', () => {
  it('holds rate × duration requests, evenly spaced, all due inside the duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 60_000 }), (rate, ms) => {
        const n = scheduleSize(rate, ms);
        expect(n).toBe(Math.ceil((rate * ms) / 1000));
        if (n > 0) expect(scheduledAt(n - 1, rate)).toBeLessThan(ms);
        expect(scheduledAt(n, rate)).toBeGreaterThanOrEqual(ms);
        expect(scheduledAt(7, rate) - scheduledAt(6, rate)).toBeCloseTo(1000 / rate, 9);
      }),
    );
  });

  it('sends every request in order and never before it is due', async () => {
    const url = await responder((_req, res) => res.end('ok'));
    let t0: number | undefined;
    const now = () => {
      const t = performance.now();
      t0 ??= t;
      return t;
    };
    const sentAt: number[] = [];
    const send = get(url);
    const r = await runOpenLoop({ rate: 400, durationMs: 250, drainMs: 5000, now, send: (i) => (sentAt.push(i === sentAt.length ? now() : NaN), send()) });
    expect(r).toMatchObject({ scheduled: 100, completed: 100, failed: 0, unfinished: 0 });
    expect(sentAt).toHaveLength(100);
    sentAt.forEach((t, i) => expect(t - t0!).toBeGreaterThanOrEqual(scheduledAt(i, 400)));
  });
});

describe('latency from the scheduled time', () => {
  it('includes the service time of every answer', async () => {
    const url = await responder((_req, res) => setTimeout(() => res.end('ok'), 15));
    const r = await runOpenLoop({ rate: 100, durationMs: 300, drainMs: 5000, send: get(url) });
    expect(r).toMatchObject({ scheduled: 30, completed: 30, failed: 0, unfinished: 0 });
    expect(r.p50).toBeGreaterThanOrEqual(15);
  });

  it('counts the queue behind a server slower than the offered rate (no coordinated omission)', async () => {
    // One request at a time, 20 ms each: 50 req/s of capacity, offered 100 req/s for 0.5 s. Request i
    // (due at 10·i ms) cannot be answered before 20·(i+1) ms, so it waits at least 10·i + 20 ms: a
    // closed loop would report ~20 ms for every one of them.
    let queue = Promise.resolve();
    const url = await responder((_req, res) => {
      queue = queue.then(() => new Promise<void>((done) => setTimeout(() => (res.end('ok'), done()), 20)));
    });
    const r = await runOpenLoop({ rate: 100, durationMs: 500, drainMs: 10_000, send: get(url) });
    expect(r).toMatchObject({ scheduled: 50, completed: 50, unfinished: 0 });
    expect(r.p50).toBeGreaterThanOrEqual(10 * 24 + 20);
    expect(r.max).toBeGreaterThanOrEqual(10 * 49 + 20);
    expect(r.achievedRps).toBeLessThanOrEqual(50 * 1.05);
  });

  it('counts bad answers as failed and unanswered ones as unfinished, with the time they waited', async () => {
    const bad = await responder((_req, res) => res.writeHead(500).end());
    const b = await runOpenLoop({ rate: 50, durationMs: 200, drainMs: 5000, send: get(bad) });
    expect(b).toMatchObject({ scheduled: 10, completed: 10, failed: 10, unfinished: 0 });

    const silent = await responder(() => undefined);
    const s = await runOpenLoop({ rate: 50, durationMs: 100, drainMs: 100, send: get(silent) });
    expect(s).toMatchObject({ scheduled: 5, completed: 0, unfinished: 5, achievedRps: 0 });
    expect(s.p50).toBeGreaterThanOrEqual(100);
  });
});

describe('open-load.ts, the generator process', () => {
  it('offers the rate and reads GraphQL errors as failures', async () => {
    const bodies: string[] = [];
    const url = await responder((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        const { variables } = JSON.parse(body) as { variables: { from: string } };
        res.setHeader('content-type', 'application/json');
        res.end(variables.from === '2026-01-02' ? '{"errors":[{"message":"no"}]}' : '{"data":{}}');
      });
    });
    const arg = { url: `${url}/graphql`, token: 't', rate: 100, seconds: 0.5, vary: { base: '2026-01-01' }, graphql: { query: '{x}', variables: { channel: 'push' } } };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/open-load.ts', JSON.stringify(arg)], { timeout: 20_000 });
    const r = JSON.parse(stdout) as OpenLoopResult & { failures: Record<string, number> };
    expect(r).toMatchObject({ rate: 100, scheduled: 50, completed: 50, failed: 1, unfinished: 0, failures: { graphql: 1 } });
    // Every request distinct (a cold cache), each carrying the variables it was given.
    expect(new Set(bodies).size).toBe(50);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ query: '{x}', variables: { channel: 'push', from: '2026-01-01', to: '2026-01-02' } });
  });
});
