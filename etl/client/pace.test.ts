/**
 * The client's pace per key (TokenBucket): a virtual clock shows every sequence of requests conforms
 * to the API's token bucket (never more than burst + rate × elapsed), and that it waits no longer than
 * the bucket requires; a Keyring with a pace paces each key on its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Keyring } from './credentials.js';
import { TokenBucket } from './limiter.js';

function virtual() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('TokenBucket', () => {
  it('lets through at most burst + rate × elapsed in any span, and starts each request as soon as the bucket allows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 150 }),
        async (perSecond, burst, gaps) => {
          const clock = virtual();
          const bucket = new TokenBucket({ perSecond, burst }, clock);
          const at: number[] = [];
          for (const gap of gaps) {
            clock.advance(gap);
            await bucket.take();
            at.push(clock.now());
          }
          // Conformance over every span of consecutive grants (1 ms of rounding slack per wait).
          for (let i = 0; i < at.length; i++) {
            for (let j = i; j < at.length; j++) {
              expect(j - i + 1).toBeLessThanOrEqual(burst + ((at[j]! - at[i]!) / 1000) * perSecond + 1e-9 + (j - i) * (perSecond / 1000));
            }
          }
          // Back to back (no gaps), the k-th request waits only until the bucket has its token.
          const tight = virtual();
          const b2 = new TokenBucket({ perSecond, burst }, tight);
          for (let k = 1; k <= burst + 5; k++) {
            await b2.take();
            const due = k <= burst ? 0 : ((k - burst) * 1000) / perSecond;
            expect(tight.now()).toBeGreaterThanOrEqual(due - 1e-6);
            expect(tight.now()).toBeLessThanOrEqual(due + k); // ≤ 1 ms of rounding per wait
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('serves concurrent callers in arrival order', async () => {
    const clock = virtual();
    const bucket = new TokenBucket({ perSecond: 10, burst: 1 }, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBeGreaterThanOrEqual(300);
  });

  it('refuses a rate or burst that is not positive', () => {
    expect(() => new TokenBucket({ perSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ perSecond: 10, burst: 0 })).toThrow(RangeError);
    expect(() => new Keyring({ pace: { perSecond: -1, burst: 20 } })).toThrow(RangeError);
  });
});
