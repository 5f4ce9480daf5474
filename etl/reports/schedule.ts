/**
 * When a digest is due, decided on the business clock (lib/clock.ts) in the project's time zone:
 * daily at `hour` for yesterday; weekly on ISO `weekday` at `hour` for the 7 days before; monthly on
 * the 1st at `hour` for the previous month. Only the latest occurrence whose send time has passed is
 * due (a worker that was down sends the last period once, not every missed one), and only when that
 * send time is after the subscription's creation (`notBefore`). Pure functions.
 */
import { addDays, todayIn, weekday } from '../../lib/dates.js';

export type Frequency = 'daily' | 'weekly' | 'monthly';

export interface DigestSchedule {
  frequency: Frequency;
  hour: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday (weekly only). */
  weekday: number;
}

export interface DueDigest {
  /** The local day of the send. */
  sendDay: string;
  period: { from: string; to: string };
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local hour and minute of an instant in a time zone. */
export function localTime(timeZone: string, at: Date): { day: string; hour: number; minute: number } {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(at)) {
    if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day: todayIn(timeZone, at), hour, minute };
}

const isoWeekday = (day: string) => ((weekday(day) + 6) % 7) + 1;
const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
const previousMonthFirst = (first: string) => firstOfMonth(addDays(first, -1));

/** The occurrence on or before `day` (its send day), and the one before a given send day. */
function occurrenceOnOrBefore(s: DigestSchedule, day: string): string {
  if (s.frequency === 'daily') return day;
  if (s.frequency === 'weekly') return addDays(day, -((isoWeekday(day) - s.weekday + 7) % 7));
  return firstOfMonth(day);
}
function previousOccurrence(s: DigestSchedule, sendDay: string): string {
  if (s.frequency === 'daily') return addDays(sendDay, -1);
  if (s.frequency === 'weekly') return addDays(sendDay, -7);
  return previousMonthFirst(sendDay);
}

/** The period a send on `sendDay` reports: yesterday, the 7 days before, or the previous month. */
export function periodOf(s: DigestSchedule, sendDay: string): { from: string; to: string } {
  const to = addDays(sendDay, -1);
  if (s.frequency === 'daily') return { from: to, to };
  if (s.frequency === 'weekly') return { from: addDays(sendDay, -7), to };
  return { from: previousMonthFirst(sendDay), to };
}

const before = (a: { day: string; hour: number; minute: number }, b: { day: string; hour: number; minute: number }) =>
  a.day < b.day || (a.day === b.day && (a.hour < b.hour || (a.hour === b.hour && a.minute < b.minute)));

/** The digest due at `now`, or undefined when the latest occurrence is older than `notBefore`. */
export function dueDigest(s: DigestSchedule, timeZone: string, now: Date, notBefore: Date): DueDigest | undefined {
  const local = localTime(timeZone, now);
  let sendDay = occurrenceOnOrBefore(s, local.day);
  if (before(local, { day: sendDay, hour: s.hour, minute: 0 })) sendDay = previousOccurrence(s, sendDay);
  if (before({ day: sendDay, hour: s.hour, minute: 0 }, localTime(timeZone, notBefore))) return undefined;
  return { sendDay, period: periodOf(s, sendDay) };
}
