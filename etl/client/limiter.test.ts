/**
 * The per-key concurrency limit, counted where it matters: in flight at a fake indigitall server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY, Keyring } from './credentials.js';
import { apiError, delay, envelope, startFake, type Fake, type FakeReply, type FakeRequest } from './fake-upstream.js';
import { IndigitallClient, type ClientOptions } from './indigitall.js';
import { Limiter } from './limiter.js';

let fakes: Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

async function fake(handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<Fake> {
  const f = await startFake(handler);
  fakes.push(f);
  return f;
}

const slow = async (): Promise<FakeReply> => ({ body: envelope([]), delayMs: 25 });
const client = (f: Fake, opts: Partial<ClientOptions>) => new IndigitallClient({ baseUrl: f.url, sleep: async () => {}, ...opts });
const burst = (c: IndigitallClient, n: number, path = '/v1/application') => Array.from({ length: n }, (_, i) => c.get(path, { limit: 1, page: i }));

describe('Limiter', () => {
  it('runs at most max at once, in arrival order, and frees the slot when a task fails', async () => {
    const l = new Limiter(2);
    let now = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      peak = Math.max(peak, ++now);
      await delay(10);
      now--;
      if (i === 1) throw new Error('boom');
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => l.run(task(i))));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect([l.inFlight, l.waiting]).toEqual([0, 0]);
    expect(() => new Limiter(0)).toThrow(RangeError);
    expect(() => new Limiter(1.5)).toThrow(RangeError);
  });
});

describe('concurrency per key', () => {
  it('holds the limit for one key across every client that uses it (counted at the server)', async () => {
    const f = await fake(slow);
    const keyring = new Keyring({ concurrency: 2 });
    const a = client(f, { serverKey: 'shared-account-key', keyring });
    const b = client(f, { serverKey: 'shared-account-key', keyring });
    await Promise.all([...burst(a, 8), ...burst(b, 8)]);
    expect(f.requests).toHaveLength(16);
    expect(f.maxInFlightFor('ServerKey shared-account-key')).toBe(2);
  });

  it('different keys have separate limits, so they run side by side', async () => {
    const f = await fake(slow);
    const keyring = new Keyring({ concurrency: 2 });
    const a = client(f, { serverKey: 'key-a', keyring });
    const b = client(f, { serverKey: 'key-b', keyring });
    await Promise.all([...burst(a, 8), ...burst(b, 8)]);
    expect(f.maxInFlightFor('ServerKey key-a')).toBe(2);
    expect(f.maxInFlightFor('ServerKey key-b')).toBe(2);
    expect(f.maxInFlight).toBe(4);
  });

  it(`defaults to ${DEFAULT_CONCURRENCY} in flight; setConcurrency changes one key`, async () => {
    const f = await fake(slow);
    const keyring = new Keyring();
    await Promise.all(burst(client(f, { serverKey: 'default-key', keyring }), 12));
    expect(f.maxInFlightFor('ServerKey default-key')).toBe(4);
    keyring.setConcurrency({ serverKey: 'one-at-a-time' }, 1);
    await Promise.all(burst(client(f, { serverKey: 'one-at-a-time', keyring }), 5));
    expect(f.maxInFlightFor('ServerKey one-at-a-time')).toBe(1);
  });

  it('a request waiting out a backoff does not hold a slot', async () => {
    let backoffStarted!: () => void;
    const inBackoff = new Promise<void>((r) => (backoffStarted = r));
    let endBackoff!: () => void;
    const backoffOver = new Promise<void>((r) => (endBackoff = r));
    const f = await fake((req) => (req.url.searchParams.get('page') === 'retry' && req.n === 1 ? apiError(503, 'Service unavailable') : { body: envelope([]) }));
    const c = client(f, {
      serverKey: 'single-slot-key',
      keyring: new Keyring({ concurrency: 1 }),
      sleep: async () => {
        backoffStarted();
        await backoffOver;
      },
    });
    const retried = c.get('/v1/application', { limit: 1, page: 'retry' });
    await inBackoff;
    await c.get('/v1/application', { limit: 1, page: 'other' }); // would wait forever if the slot were held
    endBackoff();
    await retried;
    expect(f.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['retry', 'other', 'retry']);
  });

  it('with one slot, concurrent chat requests and their login do not deadlock', async () => {
    const f = await fake(async (req) => {
      if (req.url.pathname === '/v1/auth') return { body: envelope({ accessToken: 'token-1' }), delayMs: 20 };
      return { body: envelope({ totalMessages: 1 }), delayMs: 5 };
    });
    const c = client(f, { credentials: { login: { mail: 'm@example.com', password: 'secret-pw' } }, keyring: new Keyring({ concurrency: 1 }) });
    await Promise.all(burst(c, 5, '/v1/chat/stats'));
    expect(f.requests.filter((r) => r.url.pathname === '/v1/auth')).toHaveLength(1);
    expect(f.maxInFlight).toBe(1);
  });
});
