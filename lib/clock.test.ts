import { afterEach, describe, expect, it } from 'vitest';
import { businessNow, isClockPinned, setBusinessNow } from './clock.js';
import { periods, todayIn } from './dates.js';
import TEST_NOW from './testing/test-now.json' with { type: 'json' };

const pinnedAtStart = process.env.IG_NOW;
afterEach(() => setBusinessNow(pinnedAtStart));

describe('the business clock', () => {
  it('is pinned for the suites to the one frozen instant of lib/testing/test-now.json', () => {
    expect(pinnedAtStart).toBe(TEST_NOW.IG_NOW);
    expect(isClockPinned()).toBe(true);
    expect(businessNow().toISOString()).toBe(TEST_NOW.IG_NOW);
  });

  it('does not move while pinned, and hands out copies', async () => {
    const a = businessNow();
    a.setUTCFullYear(1999);
    await new Promise((r) => setTimeout(r, 5));
    expect(businessNow().toISOString()).toBe(TEST_NOW.IG_NOW);
  });

  it('drives todayIn and periods by default, in each time zone', () => {
    setBusinessNow('2027-03-01T02:30:00Z');
    expect(todayIn('Europe/Madrid')).toBe('2027-03-01');
    expect(todayIn('America/Bogota')).toBe('2027-02-28');
    expect(periods({ timeZone: 'America/Bogota', days: 7 }).period).toEqual({ from: '2027-02-22', to: '2027-02-28' });
  });

  it('follows the machine clock when unpinned', () => {
    setBusinessNow(undefined);
    expect(isClockPinned()).toBe(false);
    const before = Date.now();
    const t = businessNow().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('refuses an IG_NOW that is not an instant', () => {
    expect(() => setBusinessNow('yesterday')).toThrow(/IG_NOW: not an ISO date-time/);
  });
});
