/** Calendar bucketing of project-local days (bff/services/series.ts): edges of weeks, months, years. */
import { describe, expect, it } from 'vitest';
import { bucketStart, buckets, sumIntoBuckets } from './services/series.js';

describe('bucketStart', () => {
  it.each([
    ['2026-11-16', 'week', '2026-11-16'], // Monday
    ['2026-11-22', 'week', '2026-11-16'], // Sunday belongs to the week that started on Monday
    ['2027-01-01', 'week', '2026-12-28'], // ISO week across the year end
    ['2024-12-30', 'week', '2024-12-30'],
    ['2024-02-29', 'month', '2024-02-01'],
    ['2026-03-29', 'day', '2026-03-29'], // a DST day is a day like any other
  ] as const)('%s by %s → %s', (day, interval, start) => {
    expect(bucketStart(day, interval)).toBe(start);
  });
});

describe('buckets', () => {
  it('clips the first and last week to the period', () => {
    expect(buckets({ from: '2026-12-30', to: '2027-01-12' }, 'week')).toEqual([
      { bucket: '2026-12-28', from: '2026-12-30', to: '2027-01-03' },
      { bucket: '2027-01-04', from: '2027-01-04', to: '2027-01-10' },
      { bucket: '2027-01-11', from: '2027-01-11', to: '2027-01-12' },
    ]);
  });

  it('months across a leap February', () => {
    expect(buckets({ from: '2024-01-31', to: '2024-03-01' }, 'month')).toEqual([
      { bucket: '2024-01-01', from: '2024-01-31', to: '2024-01-31' },
      { bucket: '2024-02-01', from: '2024-02-01', to: '2024-02-29' },
      { bucket: '2024-03-01', from: '2024-03-01', to: '2024-03-01' },
    ]);
  });

  it('sums days into buckets, and the previous period shifted by its length', () => {
    const list = buckets({ from: '2026-01-05', to: '2026-01-18' }, 'week');
    const daily = new Map([
      ['2025-12-22', { n: 1 }], // previous period day 1 → aligned with 2026-01-05
      ['2026-01-04', { n: 10 }], // last previous day → aligned with 2026-01-18
      ['2026-01-05', { n: 100 }],
      ['2026-01-18', { n: 1000 }],
    ]);
    expect(sumIntoBuckets(list, daily, ['n'])).toEqual([{ n: 100 }, { n: 1000 }]);
    expect(sumIntoBuckets(list, daily, ['n'], 14)).toEqual([{ n: 1 }, { n: 10 }]);
  });
});
