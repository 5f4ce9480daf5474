/**
 * The pure parts of reports and alerts, over generated cases: when a digest is due (any instant, any
 * zone, any schedule), the alert judgement, and the signatures (any tampering fails).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween as inclusiveDays, weekday } from '../../lib/dates.js';
import { judge } from './alerts.js';
import { dueDigest, localTime, periodOf, type DigestSchedule } from './schedule.js';
import { newWebhookSecret, unsubscribeToken, verifyUnsubscribeToken, verifyWebhookSignature, webhookSignature } from './signing.js';

const ZONES = ['America/Bogota', 'Europe/Madrid', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
const instant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
const schedule: fc.Arbitrary<DigestSchedule> = fc.record({
  frequency: fc.constantFrom('daily' as const, 'weekly' as const, 'monthly' as const),
  hour: fc.integer({ min: 0, max: 23 }),
  weekday: fc.integer({ min: 1, max: 7 }),
});
/** Days from a to b (0 when equal). */
const daysBetween = (a: string, b: string) => inclusiveDays(a, b) - 1;
const isoWeekday = (d: string) => ((weekday(d) + 6) % 7) + 1;

describe('dueDigest', () => {
  it('is the latest occurrence at or before now: its send time has passed, the period ends the day before, and it has the right shape', () => {
    fc.assert(
      fc.property(schedule, instant, fc.constantFrom(...ZONES), (s, now, tz) => {
        const due = dueDigest(s, tz, now, new Date('2000-01-01T00:00:00Z'))!;
        expect(due).toBeDefined();
        const local = localTime(tz, now);
        expect(due.sendDay <= local.day).toBe(true);
        if (due.sendDay === local.day) expect(local.hour).toBeGreaterThanOrEqual(s.hour);
        expect(due.period.to).toBe(addDays(due.sendDay, -1));
        if (s.frequency === 'daily') {
          expect(due.period.from).toBe(due.period.to);
          expect(daysBetween(due.sendDay, local.day)).toBeLessThanOrEqual(1);
        } else if (s.frequency === 'weekly') {
          expect(isoWeekday(due.sendDay)).toBe(s.weekday);
          expect(daysBetween(due.period.from, due.period.to)).toBe(6);
          expect(daysBetween(due.sendDay, local.day)).toBeLessThanOrEqual(7);
        } else {
          expect(due.sendDay.endsWith('-01')).toBe(true);
          expect(due.period.from.endsWith('-01')).toBe(true);
          expect(due.period.from.slice(0, 7)).toBe(due.period.to.slice(0, 7));
        }
        expect(periodOf(s, due.sendDay)).toEqual(due.period);
      }),
      { numRuns: 400 },
    );
  });

  it('an occurrence before the subscription existed is not due', () => {
    fc.assert(
      fc.property(schedule, instant, fc.constantFrom(...ZONES), (s, now, tz) => {
        expect(dueDigest(s, tz, now, new Date(now.getTime() + 60_000))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('Monday 08:00 in Bogotá: due at 08:00, not at 07:59, for the week before', () => {
    const s: DigestSchedule = { frequency: 'weekly', hour: 8, weekday: 1 };
    const created = new Date('2026-11-18T12:00:00Z');
    expect(dueDigest(s, 'America/Bogota', new Date('2026-11-23T12:59:00Z'), created)).toBeUndefined();
    expect(dueDigest(s, 'America/Bogota', new Date('2026-11-23T13:00:00Z'), created)).toEqual({ sendDay: '2026-11-23', period: { from: '2026-11-16', to: '2026-11-22' } });
  });
});

describe('judge', () => {
  it('thresholds: below and above', () => {
    expect(judge({ kind: 'threshold', direction: 'below', threshold: 0.8, sigma: null, weeks: null }, 0.79, []).breach).toBe(true);
    expect(judge({ kind: 'threshold', direction: 'below', threshold: 0.8, sigma: null, weeks: null }, 0.8, []).breach).toBe(false);
    expect(judge({ kind: 'threshold', direction: 'above', threshold: 10, sigma: null, weeks: null }, 11, []).breach).toBe(true);
  });

  it('anomalies: a value inside mean ± kσ never breaches, one outside breaches in its direction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 26 }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.double({ min: -0.99, max: 0.99, noNaN: true }),
        (history, sigma, where) => {
          const mean = history.reduce((a, b) => a + b, 0) / history.length;
          const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / (history.length - 1));
          const rule = { kind: 'anomaly' as const, direction: 'either' as const, threshold: null, sigma, weeks: history.length };
          expect(judge(rule, mean + where * sigma * sd, history).breach).toBe(false);
          if (sd > 1e-6) {
            const low = mean - sigma * sd * 1.01 - 1e-6;
            expect(judge({ ...rule, direction: 'below' }, low, history).breach).toBe(true);
            expect(judge({ ...rule, direction: 'above' }, low, history).breach).toBe(false);
          }
        },
      ),
    );
  });

  it('fewer than 3 past values: no judgement', () => {
    expect(judge({ kind: 'anomaly', direction: 'either', threshold: null, sigma: 3, weeks: 8 }, 0, [5, 5]).breach).toBe(false);
  });
});

describe('signatures', () => {
  const secret = 'a-reports-secret-of-more-than-32-characters';
  it('an unsubscribe token verifies as itself; any changed character fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.uuid(), fc.boolean(), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (project, id, sub, pos, ch) => {
        const target = { projectId: String(project), kind: sub ? ('subscription' as const) : ('alert' as const), id };
        const token = unsubscribeToken(secret, target);
        expect(verifyUnsubscribeToken(secret, token)).toEqual(target);
        const i = pos % token.length;
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        if (tampered !== token) expect(verifyUnsubscribeToken(secret, tampered)).toBeUndefined();
        expect(verifyUnsubscribeToken(secret + 'x', token)).toBeUndefined();
      }),
    );
  });

  it('a webhook signature verifies for its body and time only', () => {
    const key = newWebhookSecret();
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), (body, extra, t) => {
        const sig = webhookSignature(key, body, t);
        expect(verifyWebhookSignature(key, body, sig, t)).toBe(true);
        expect(verifyWebhookSignature(key, body + extra, sig, t)).toBe(false);
        expect(verifyWebhookSignature(key, body, sig, t + 301)).toBe(false); // a replay past the tolerance
        expect(verifyWebhookSignature(newWebhookSecret(), body, sig, t)).toBe(false);
      }),
    );
  });
});
