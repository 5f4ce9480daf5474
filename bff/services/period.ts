/** The reporting period of a request, resolved in the project's time zone and checked. */
import { daysBetween, periods } from '../../lib/dates.js';
import { invalidParameter } from '../errors.js';

export const DEFAULT_DAYS = 30;
export const MAX_RANGE_DAYS = 731;

export function resolvePeriods(q: { from?: string | undefined; to?: string | undefined }, timeZone: string, now?: Date) {
  const p = periods({ from: q.from, to: q.to, timeZone, days: DEFAULT_DAYS, now });
  if (p.period.from > p.period.to) throw invalidParameter('from', 'from must not be after to.');
  if (daysBetween(p.period.from, p.period.to) > MAX_RANGE_DAYS) {
    throw invalidParameter('from', `The range may span at most ${MAX_RANGE_DAYS} days.`);
  }
  return p;
}
