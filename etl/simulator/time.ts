// Wall-clock ↔ instant conversion in a project's time zone, for the simulator's timestamps (agent
// conversations, chat messages, peak minutes). Calendar-day arithmetic stays in lib/dates.ts; this only
// adds what that module does not have: the zone offset at an instant.

import { addDays } from '../../lib/dates.js';

const MINUTE_MS = 60_000;
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** Offset (minutes) from the formatter; slow, so offsetMinutes caches it per quarter hour. */
function formatterOffset(instantMs: number, timeZone: string): number {
  const v: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instantMs)) v[p.type] = p.value;
  const localAsUtc = Date.UTC(Number(v.year), Number(v.month) - 1, Number(v.day), Number(v.hour), Number(v.minute));
  return Math.round((localAsUtc - Math.floor(instantMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

const QUARTER_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, number>();

/** Offset of `timeZone` from UTC at `instantMs`, in whole minutes (Bogota → -300). Zone changes happen on quarter hours. */
function offsetMinutes(instantMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instantMs / QUARTER_MS)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = formatterOffset(instantMs, timeZone);
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** Local calendar date, minute of the day (0..1439) and second of `instant` in `timeZone`. */
export function localClock(instant: Date | number, timeZone: string): { date: string; minute: number; second: number } {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const local = new Date(ms + offsetMinutes(ms, timeZone) * MINUTE_MS);
  return {
    date: local.toISOString().slice(0, 10),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/**
 * The instant (epoch ms) of local wall-clock `date` + `minute` (may exceed a day) + `second` in
 * `timeZone`. A wall time in a DST gap is read with the offset before the change; in an overlap it
 * is the later instant.
 */
export function localToEpoch(date: string, minute: number, timeZone: string, second = 0): number {
  const day = addDays(date, Math.floor(minute / 1440));
  const m = ((minute % 1440) + 1440) % 1440;
  const wall = Date.parse(`${day}T00:00:00Z`) + m * MINUTE_MS + second * 1000;
  const first = wall - offsetMinutes(wall, timeZone) * MINUTE_MS;
  return wall - offsetMinutes(first, timeZone) * MINUTE_MS;
}

const DAY_MS = 86_400_000;
/** Char codes of the ISO text being built: `YYYY-MM-DDT` of the day last seen, then `HH:MM:SS.mmmZ`. */
const isoCodes = Array.from('0000-00-00T00:00:00.000Z', (c) => c.charCodeAt(0));
let isoDay = NaN;

/** Writes `value` as `width` decimal digits at isoCodes[at…]. */
function putDigits(value: number, width: number, at: number): void {
  for (let k = at + width - 1; k >= at; k--) {
    isoCodes[k] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
}

/**
 * ISO-8601 UTC with milliseconds, as the API writes timestamps (model): exactly
 * `new Date(ms).toISOString()`, built from char codes with the day's `YYYY-MM-DDT` cached (toISOString
 * is slow on the hot paths of the chat generators, and this makes one flat string).
 */
export function isoUtc(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= 253_402_300_800_000) return new Date(ms).toISOString(); // years 0000..9999 only
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    const prefix = new Date(day * DAY_MS).toISOString();
    for (let i = 0; i < 11; i++) isoCodes[i] = prefix.charCodeAt(i);
    isoDay = day;
  }
  const rest = ms - day * DAY_MS;
  putDigits(Math.floor(rest / 3_600_000), 2, 11);
  putDigits(Math.floor(rest / MINUTE_MS) % 60, 2, 14);
  putDigits(Math.floor(rest / 1000) % 60, 2, 17);
  putDigits(rest % 1000, 3, 20);
  return String.fromCharCode.apply(null, isoCodes);
}
