/**
 * Window splitting at each endpoint's limit (7, 90 and 99 days): one window at the limit, two one day
 * past it, consecutive and gap-free over a long range.
 */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../lib/dates.js';
import { WINDOW_LIMIT_DAYS, windowsFor, type WindowedEndpoint } from './windows.js';

const FROM = '2026-01-01';

describe('windowsFor', () => {
  it.each([
    ['devices', 7],
    ['push.dateStats.hourly', 7],
    ['chat.history', 7],
    ['chat.stats', 90],
    ['push.dateStats.daily', 90],
    ['sms.stats', 99],
  ] as [WindowedEndpoint, number][])('%s: %i days is one window, one day more is two', (endpoint, limit) => {
    expect(WINDOW_LIMIT_DAYS[endpoint]).toBe(limit);
    expect(windowsFor(endpoint, FROM, addDays(FROM, limit - 1))).toEqual([{ from: FROM, to: addDays(FROM, limit - 1) }]);
    expect(windowsFor(endpoint, FROM, addDays(FROM, limit))).toEqual([
      { from: FROM, to: addDays(FROM, limit - 1) },
      { from: addDays(FROM, limit), to: addDays(FROM, limit) },
    ]);
  });

  it('a year at 99 days: consecutive windows, none longer than the limit, covering every day once', () => {
    const to = '2026-12-31';
    const ws = windowsFor('sms.stats', FROM, to);
    expect(ws.map((w) => daysBetween(w.from, w.to))).toEqual([99, 99, 99, 68]);
    expect(ws[0]!.from).toBe(FROM);
    expect(ws.at(-1)!.to).toBe(to);
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.from).toBe(addDays(ws[i - 1]!.to, 1));
  });

  it('across a leap day and with a numeric limit', () => {
    expect(windowsFor(7, '2028-02-26', '2028-03-04')).toEqual([{ from: '2028-02-26', to: '2028-03-03' }, { from: '2028-03-04', to: '2028-03-04' }]);
  });

  it('one day, an empty range, and bad input', () => {
    expect(windowsFor('devices', FROM, FROM)).toEqual([{ from: FROM, to: FROM }]);
    expect(windowsFor('devices', '2026-01-02', FROM)).toEqual([]);
    expect(() => windowsFor('devices', '2026-02-30', FROM)).toThrow(RangeError);
    expect(() => windowsFor(0, FROM, FROM)).toThrow(RangeError);
    expect(() => windowsFor('nope' as WindowedEndpoint, FROM, FROM)).toThrow(/no window limit known/);
  });
});
