/** Unit tests of the one date module (calendar days as YYYY-MM-DD strings, time zones by IANA name). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, daysBetween, isIsoDay, isTimeZone, periods, splitWindows, todayIn, weekday } from './dates.js';
import { businessNow } from './clock.js';

describe('isIsoDay', () => {
  it('accepts real calendar dates written exactly YYYY-MM-DD', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2000-01-01', '1970-01-01', '0099-06-15']) {
      expect(isIsoDay(ok), ok).toBe(true);
    }
  });

  it('rejects impossible dates, other layouts and garbage', () => {
    const bad = [
      '2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32',
      '2026-1-5', '20260105', '2026/01/05', '2026-01-05T00:00', ' 2026-01-05', '2026-01-05\n', '+02026-01-05', 'garbage', '',
    ];
    for (const s of bad) expect(isIsoDay(s), JSON.stringify(s)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, leap-day and year ends in both directions', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-05-12', 0)).toBe('2026-05-12');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
  });

  it('is not moved by daylight-saving changes (the arithmetic is on UTC days)', () => {
    // Europe: last Sunday of March / October 2026; America/New_York: 8 March / 1 November 2026.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-11-01', -1)).toBe('2026-10-31');
  });

  it('refuses a malformed date or a fractional number of days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('garbage', 1)).toThrow(/not a YYYY-MM-DD date/);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('daysBetween / datesBetween / weekday', () => {
  it('counts days inclusively', () => {
    expect(daysBetween('2026-05-12', '2026-05-12')).toBe(1);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(4);
    expect(daysBetween('2026-05-13', '2026-05-12')).toBe(0);
    expect(daysBetween('2026-05-20', '2026-05-12')).toBe(-7);
    expect(() => daysBetween('2026-05-12', '2026-5-13')).toThrow(RangeError);
  });

  it('lists every date of a range, both ends included', () => {
    expect(datesBetween('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(datesBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(datesBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(datesBetween('2026-05-12', '2026-05-12')).toEqual(['2026-05-12']);
    expect(datesBetween('2026-05-13', '2026-05-12')).toEqual([]);
    expect(datesBetween('2026-01-01', '2026-12-31')).toHaveLength(365);
  });

  it('gives the day of the week, Sunday = 0', () => {
    expect(weekday('1970-01-01')).toBe(4); // a Thursday
    expect(weekday('2026-11-22')).toBe(0);
    expect(weekday('2026-11-21')).toBe(6);
    expect(weekday('2024-02-29')).toBe(4);
    expect(datesBetween('2026-11-16', '2026-11-22').map(weekday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });
});

describe('splitWindows', () => {
  it('splits a range into consecutive windows of at most maxDays, oldest first, without gaps or overlaps', () => {
    expect(splitWindows('2026-01-01', '2026-01-10', 4)).toEqual([
      { from: '2026-01-01', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-08' },
      { from: '2026-01-09', to: '2026-01-10' },
    ]);
    const w = splitWindows('2026-07-25', '2026-11-21', 90);
    expect(w).toEqual([
      { from: '2026-07-25', to: '2026-10-22' },
      { from: '2026-10-23', to: '2026-11-21' },
    ]);
    expect(daysBetween(w[0]!.from, w[0]!.to)).toBe(90);
  });

  it('handles the boundaries: exact multiples, one day over, a single day, an empty range', () => {
    expect(splitWindows('2026-01-01', '2026-01-08', 4)).toEqual([
      { from: '2026-01-01', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-08' },
    ]);
    expect(splitWindows('2026-01-01', '2026-01-05', 4)).toEqual([
      { from: '2026-01-01', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-05' },
    ]);
    expect(splitWindows('2026-01-01', '2026-01-04', 4)).toEqual([{ from: '2026-01-01', to: '2026-01-04' }]);
    expect(splitWindows('2026-03-09', '2026-03-09', 90)).toEqual([{ from: '2026-03-09', to: '2026-03-09' }]);
    expect(splitWindows('2026-03-09', '2026-03-08', 90)).toEqual([]);
    expect(splitWindows('2026-01-01', '2026-01-03', 1)).toEqual([
      { from: '2026-01-01', to: '2026-01-01' },
      { from: '2026-01-02', to: '2026-01-02' },
      { from: '2026-01-03', to: '2026-01-03' },
    ]);
  });

  it('covers a long range exactly once across leap and year ends', () => {
    const windows = splitWindows('2023-12-15', '2025-03-10', 7);
    const covered = windows.flatMap((w) => datesBetween(w.from, w.to));
    expect(covered).toEqual(datesBetween('2023-12-15', '2025-03-10'));
    expect(windows.every((w) => daysBetween(w.from, w.to) <= 7)).toBe(true);
  });

  it('refuses a window size that could never advance', () => {
    expect(() => splitWindows('2026-01-01', '2026-01-10', 0)).toThrow(RangeError);
    expect(() => splitWindows('2026-01-01', '2026-01-10', -3)).toThrow(RangeError);
    expect(() => splitWindows('2026-01-01', '2026-01-10', 2.5)).toThrow(RangeError);
  });
});

describe('todayIn', () => {
  it('gives the civil date of an instant in the time zone', () => {
    const t = new Date('2026-11-21T03:00:00Z');
    expect(todayIn('Europe/Madrid', t)).toBe('2026-11-21');
    expect(todayIn('America/Bogota', t)).toBe('2026-11-20');
    expect(todayIn('America/Mexico_City', t)).toBe('2026-11-20');
    expect(todayIn('UTC', t)).toBe('2026-11-21');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-11-21T10:30:00Z'))).toBe('2026-11-22'); // UTC+14
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-11-21T10:30:00Z'))).toBe('2026-11-20'); // UTC−11
    expect(todayIn('Asia/Kolkata', new Date('2026-12-31T18:29:59Z'))).toBe('2026-12-31'); // UTC+05:30
    expect(todayIn('Asia/Kolkata', new Date('2026-12-31T18:30:00Z'))).toBe('2027-01-01');
  });

  it('switches date exactly at local midnight, also across daylight-saving changes', () => {
    expect(todayIn('Europe/Madrid', new Date('2026-11-21T22:59:59Z'))).toBe('2026-11-21'); // CET, UTC+1
    expect(todayIn('Europe/Madrid', new Date('2026-11-21T23:00:00Z'))).toBe('2026-11-22');
    expect(todayIn('Europe/Madrid', new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01'); // CEST, UTC+2
    expect(todayIn('Europe/Madrid', new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(todayIn('America/New_York', new Date('2026-03-08T04:59:59Z'))).toBe('2026-03-07'); // EST until 2am
    expect(todayIn('America/New_York', new Date('2026-03-09T03:59:59Z'))).toBe('2026-03-08'); // EDT after
    expect(todayIn('America/New_York', new Date('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
  });

  it('gives the same answer from its cached formatter on repeated calls, and the business date by default', () => {
    const t = new Date('2026-02-28T23:30:00Z');
    expect(todayIn('Asia/Tokyo', t)).toBe('2026-03-01');
    expect(todayIn('Asia/Tokyo', t)).toBe('2026-03-01');
    expect(todayIn('UTC', new Date('2026-02-28T23:30:00Z'))).toBe('2026-02-28');
    expect(isIsoDay(todayIn('Europe/Madrid'))).toBe(true);
    expect(todayIn('UTC')).toBe(businessNow().toISOString().slice(0, 10));
  });

  it('answers from its last answer per zone only within the same second: any sequence of instants gives the formatter\'s date', () => {
    // The reference: a fresh formatter, never the module's memo.
    const fresh = (tz: string, d: Date) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d).map((x) => [x.type, x.value]));
      return `${p.year!.padStart(4, '0')}-${p.month}-${p.day}`;
    };
    const zones = ['UTC', 'Europe/Madrid', 'America/Bogota', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns', 'Africa/Monrovia'];
    // Instants near local midnights (and before 1972, when Monrovia's offset was -0:44:30), a few ms apart.
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc.tuple(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -14 * 60, max: 14 * 60 })).map(([day, ms, offsetMin]) => Date.UTC(1965, 0, 1) + day * 86_400_000 - offsetMin * 60_000 + ms),
      // Monrovia's midnight before 1972 fell at 00:44:30 UTC: within a minute, not on one.
      fc.tuple(fc.integer({ min: 0, max: 2500 }), fc.integer({ min: -30_000, max: 30_000 })).map(([day, ms]) => Date.UTC(1965, 0, 1, 0, 44, 30) + day * 86_400_000 + ms),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...zones), instant, fc.integer({ min: -40_000, max: 40_000 })), { minLength: 1, maxLength: 40 }), (calls) => {
        for (const [tz, ms, step] of calls) {
          // The same instant again, and instants around it, as a busy server asks.
          for (const d of [ms, ms, ms + step, ms - step]) expect(todayIn(tz, new Date(d))).toBe(fresh(tz, new Date(d)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown zone, which isTimeZone reports', () => {
    expect(() => todayIn('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('America/Bogota')).toBe(true);
  });
});

describe('periods', () => {
  const now = new Date('2026-11-21T03:00:00Z');

  it('defaults to the last 30 days up to the local today of the zone', () => {
    expect(periods({ timeZone: 'Europe/Madrid', now })).toEqual({
      period: { from: '2026-10-23', to: '2026-11-21' },
      previousPeriod: { from: '2026-09-23', to: '2026-10-22' },
    });
    expect(periods({ timeZone: 'America/Bogota', now })).toEqual({
      period: { from: '2026-10-22', to: '2026-11-20' },
      previousPeriod: { from: '2026-09-22', to: '2026-10-21' },
    });
  });

  it('honours days, from and to, and the previous period has the same length just before', () => {
    expect(periods({ timeZone: 'UTC', now, days: 7 })).toEqual({
      period: { from: '2026-11-15', to: '2026-11-21' },
      previousPeriod: { from: '2026-11-08', to: '2026-11-14' },
    });
    expect(periods({ timeZone: 'UTC', now, days: 1 })).toEqual({
      period: { from: '2026-11-21', to: '2026-11-21' },
      previousPeriod: { from: '2026-11-20', to: '2026-11-20' },
    });
    expect(periods({ timeZone: 'UTC', now, from: '2024-03-01', to: '2024-03-31' })).toEqual({
      period: { from: '2024-03-01', to: '2024-03-31' },
      previousPeriod: { from: '2024-01-30', to: '2024-02-29' },
    });
    // `to` alone: `days` back from it; `from` alone: up to the local today.
    expect(periods({ timeZone: 'UTC', now, to: '2026-01-10', days: 10 }).period).toEqual({ from: '2026-01-01', to: '2026-01-10' });
    expect(periods({ timeZone: 'America/Bogota', now, from: '2026-11-01' }).period).toEqual({ from: '2026-11-01', to: '2026-11-20' });
  });

  it('keeps the previous period adjacent and of equal length for any range', () => {
    for (const [from, to] of [['2026-01-01', '2026-12-31'], ['2024-02-29', '2024-02-29'], ['2025-12-20', '2026-01-05']] as const) {
      const p = periods({ timeZone: 'UTC', from, to });
      expect(addDays(p.previousPeriod.to, 1)).toBe(from);
      expect(daysBetween(p.previousPeriod.from, p.previousPeriod.to)).toBe(daysBetween(from, to));
    }
  });
});
