/**
 * The per-key scheduling of runTasks (KeyQueues), simulated over generated task sets: every task runs
 * once, no key ever has more than perKey runs going, a free slot never waits while some key below its
 * limit has work (no head-of-line blocking), and slots spread over keys before any key gets a second.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyQueues, taskKey } from './sync.js';
import { GROUPS } from './groups/index.js';

describe('KeyQueues', () => {
  it('runs every task once, at most perKey per key, and never leaves a slot idle while a key below its limit has work', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
        (tasks, perKey, slots, picks) => {
          const items = tasks.map(([k, w], i) => ({ i, key: `k${k}`, weight: w }));
          const q = new KeyQueues(items, (t) => t.key, (t) => t.weight, perKey);
          const running: { item: (typeof items)[number]; key: string }[] = [];
          const started: number[] = [];
          let step = 0;
          for (;;) {
            while (running.length < slots) {
              const n = q.next();
              if (!n) break;
              // Fewest runs going first: no key with fewer runs going had work left.
              const going = (k: string) => running.filter((r) => r.key === k).length;
              const waiting = items.filter((t) => !started.includes(t.i) && t !== n.item);
              expect(waiting.every((t) => going(t.key) >= going(n.key) || t.key === n.key)).toBe(true);
              running.push(n);
              started.push(n.item.i);
              expect(going(n.key)).toBeLessThanOrEqual(perKey);
            }
            if (running.length < slots) {
              // Idle slot: every key with work left must be at its limit.
              const left = items.filter((t) => !started.includes(t.i));
              for (const t of left) expect(running.filter((r) => r.key === t.key).length).toBe(perKey);
            }
            if (!running.length) break;
            const [done] = running.splice(picks[step++ % picks.length]! % running.length, 1);
            q.done(done!.key);
          }
          expect([...started].sort((a, b) => a - b)).toEqual(items.map((t) => t.i));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('within a key, runs its tasks in the given order; the key with the most work left goes first', () => {
    const items = [
      { key: 'a', w: 1, n: 'a1' },
      { key: 'b', w: 5, n: 'b1' },
      { key: 'a', w: 1, n: 'a2' },
      { key: 'b', w: 1, n: 'b2' },
    ];
    const q = new KeyQueues(items, (t) => t.key, (t) => t.w, 1);
    expect([q.next()?.item.n, q.next()?.item.n, q.next()]).toEqual(['b1', 'a1', undefined]);
    q.done('a');
    expect(q.next()?.item.n).toBe('a2');
    expect(() => new KeyQueues(items, (t) => t.key, (t) => t.w, 0)).toThrow(RangeError);
  });

  it("a project's send statistics and its conversations draw on two budgets (server key, console login)", () => {
    const project = { projectId: 1, name: 'p', timeZone: 'UTC', credentialsRef: 'env:IG_KEY_1', status: 'active' } as const;
    const keys = new Map(GROUPS.map((spec) => [spec.group, taskKey({ project: project as never, spec })]));
    expect(keys.get('push')).toBe('env:IG_KEY_1|serverKey');
    expect(keys.get('journeys')).toBe('env:IG_KEY_1|serverKey');
    expect(keys.get('chat')).toBe('env:IG_KEY_1|jwt');
    expect(keys.get('agents')).toBe('env:IG_KEY_1|jwt');
  });
});
