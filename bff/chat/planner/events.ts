/**
 * Commercial days and holidays people name in questions, resolved for the project's country (from
 * its IANA time zone) and year (docs/adr/024):
 *  - Black Friday: the day after the fourth Thursday of November (everywhere). Cyber Monday: the
 *    Monday after it (Argentina's own CyberMonday event, in early November, is not modelled).
 *  - Buen Fin (Mexico): Friday to the Monday of the Revolution holiday (third Monday of November);
 *    the announced dates where they differ (2025 began on Thursday 13th).
 *  - Hot Sale (Mexico, Argentina): announced each year; only the years in HOT_SALE are known, any
 *    other is "unknown" and the planner says so instead of guessing.
 *  - Día de la Madre / Dia das Mães / Mother's Day: Mexico 10 May; Spain the first Sunday of May;
 *    Argentina the third Sunday of October; elsewhere (Colombia, Brazil, the US…) the second Sunday of May.
 *  - El puente de diciembre (Spain): 6 to 8 December, widened to an adjoining weekend.
 *  - Navidad 25 December, Nochebuena 24 December, San Valentín 14 February (Brazil's Dia dos
 *    Namorados: 12 June).
 * Without a year: the most recent one that has begun (today in the project's time zone).
 */
import { addDays, weekday } from '../../../lib/dates.js';

export type Country = 'ES' | 'MX' | 'AR' | 'CO' | 'BR' | 'US' | 'CL' | 'PE' | 'PT' | 'OTHER';

const ZONES: [RegExp, Country][] = [
  [/^(?:Europe\/Madrid|Atlantic\/Canary|Africa\/Ceuta)$/, 'ES'],
  [/^America\/(?:Mexico_City|Monterrey|Cancun|Merida|Tijuana|Chihuahua|Hermosillo|Mazatlan|Matamoros|Ojinaga|Bahia_Banderas|Ciudad_Juarez)$/, 'MX'],
  [/^America\/(?:Argentina\/.*|Buenos_Aires|Cordoba|Mendoza)$/, 'AR'],
  [/^America\/Bogota$/, 'CO'],
  [/^America\/(?:Sao_Paulo|Bahia|Fortaleza|Recife|Manaus|Belem|Cuiaba|Campo_Grande|Porto_Velho|Boa_Vista|Rio_Branco|Maceio|Araguaina|Santarem|Noronha|Eirunepe)$/, 'BR'],
  [/^America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Indiana\/.*|Kentucky\/.*|Boise)$|^Pacific\/Honolulu$/, 'US'],
  [/^America\/Santiago$/, 'CL'],
  [/^America\/Lima$/, 'PE'],
  [/^Europe\/Lisbon$|^Atlantic\/(?:Azores|Madeira)$/, 'PT'],
];

export function countryOf(timeZone: string | undefined): Country | undefined {
  if (!timeZone) return undefined;
  return ZONES.find(([re]) => re.test(timeZone))?.[1] ?? 'OTHER';
}

/** Folded names (regex source, one capture group): the longest spellings first. */
export const EVENT_RE =
  "(black ?friday|cyber ?monday|cyber ?lunes|cyberlunes|hot ?sale|buen fin|dia de las madres|dia de la madre|dia das maes|mother'?s day|mothers day|puente de diciembre|puente de la constitucion|puente de la inmaculada|nochebuena|christmas eve|navidad|christmas day|christmas|natal|san valentin|valentine'?s day|valentines day|dia de los enamorados|dia de san valentin|dia dos namorados)";

type Span = { from: string; to: string };
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The n-th (1-based) given weekday (0 = Sunday) of a month. */
function nthWeekday(y: number, m: number, dow: number, n: number): string {
  const first = ymd(y, m, 1);
  const offset = (dow - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function blackFriday(y: number): string {
  return addDays(nthWeekday(y, 11, 4, 4), 1);
}

/** Announced Hot Sale dates (AMVO in Mexico, CACE in Argentina). */
const HOT_SALE: Partial<Record<Country, Record<number, Span>>> = {
  MX: { 2024: { from: '2024-05-27', to: '2024-06-04' }, 2025: { from: '2025-05-26', to: '2025-06-03' } },
  AR: { 2024: { from: '2024-05-13', to: '2024-05-15' }, 2025: { from: '2025-05-12', to: '2025-05-14' } },
};
/** Buen Fin dates that differ from the rule (Friday to the third Monday of November). */
const BUEN_FIN: Record<number, Span> = { 2025: { from: '2025-11-13', to: '2025-11-17' } };

function eventIn(name: string, y: number, country: Country | undefined): Span | 'unknown' | null {
  const day = (d: string): Span => ({ from: d, to: d });
  if (/^black ?friday$/.test(name)) return day(blackFriday(y));
  if (/^cyber/.test(name)) return day(addDays(blackFriday(y), 3));
  if (name === 'buen fin') {
    const monday = nthWeekday(y, 11, 1, 3);
    return BUEN_FIN[y] ?? { from: addDays(monday, -3), to: monday };
  }
  if (/^hot ?sale$/.test(name)) {
    const table = HOT_SALE[country === 'AR' ? 'AR' : 'MX'];
    return table?.[y] ?? 'unknown';
  }
  if (/madre|maes|mother/.test(name)) {
    if (country === 'MX') return day(ymd(y, 5, 10));
    if (country === 'ES' || country === 'PT') return day(nthWeekday(y, 5, 0, 1));
    if (country === 'AR') return day(nthWeekday(y, 10, 0, 3));
    return day(nthWeekday(y, 5, 0, 2));
  }
  if (/^puente/.test(name)) {
    let from = ymd(y, 12, 6);
    let to = ymd(y, 12, 8);
    const w6 = weekday(from);
    const w8 = weekday(to);
    if (w6 === 1 || w6 === 2) from = addDays(from, -(w6 + 1)); // Monday/Tuesday: from the Saturday before
    if (w8 === 4 || w8 === 5) to = addDays(to, 7 - w8); // Thursday/Friday: to the Sunday after
    return { from, to };
  }
  if (name === 'nochebuena' || name === 'christmas eve') return day(ymd(y, 12, 24));
  if (/navidad|christmas|natal/.test(name)) return day(ymd(y, 12, 25));
  if (name === 'dia dos namorados') return day(ymd(y, 6, 12));
  if (/valentin|enamorados/.test(name)) return day(ymd(y, 2, 14));
  return null;
}

/** The event of that year, or without a year the most recent one that has begun by `today`. */
export function resolveEvent(name: string, year: number | undefined, country: Country | undefined, today: string): Span | 'unknown' | null {
  const n = name.replace(/\s+/g, ' ').trim();
  if (year !== undefined) return eventIn(n, year, country);
  const y = Number(today.slice(0, 4));
  for (const candidate of [y, y - 1]) {
    const r = eventIn(n, candidate, country);
    if (r === null) return null;
    // A Hot Sale whose dates are not known: if the one before is over, still say we do not know this year's.
    if (r === 'unknown') {
      if (candidate === y && `${y}-06-30` >= today) continue;
      return 'unknown';
    }
    if (r.from <= today) return { from: r.from, to: r.to <= today ? r.to : today };
  }
  return null;
}
