/**
 * Date phrases of a question (Spanish and English, folded: lower case, no accents) resolved to
 * explicit days against `today` (YYYY-MM-DD in the project's time zone). Every phrase found is
 * returned with its place in the text, in the order of the text, so "compara octubre con septiembre"
 * gives two periods. Rules (docs/adr/016):
 *  - "últimos N días / last N days": N days ending today (today included, as the API's default).
 *  - "la última semana / the past week": the last 7 days; "la semana pasada / last week": the
 *    previous calendar week, Monday to Sunday; "esta semana / this week": Monday to today.
 *  - "el último mes / the past month", "los últimos N meses": from the same day N months back
 *    (the day after it) to today; "el mes pasado / last month": the previous calendar month.
 *  - A month, quarter or day without a year ("en marzo", "Q3", "el 1 de octubre") is the most recent
 *    one that has begun; a period that has begun but not ended is clipped to today.
 *  - Ranges longer than the API's maximum (731 days) are cut to the last 731 days.
 */
import { addDays, daysBetween, isIsoDay, weekday } from '../../../lib/dates.js';
import { MAX_RANGE_DAYS } from '../../services/period.js';
import { countryOf, EVENT_RE, resolveEvent, type Country } from './events.js';
import { blank, NUMBER_RE, numberOf } from './text.js';

export type PeriodKind = 'day' | 'days' | 'week' | 'month' | 'quarter' | 'year' | 'range';

export interface Period {
  from: string;
  to: string;
  kind: PeriodKind;
  /** Where the phrase starts in the question (for the order of two periods). */
  at: number;
  /** The phrase as matched (folded). */
  text: string;
}

/** A phrase that only makes sense next to another period: "la anterior", "el mismo periodo del año pasado". */
export type RelativeRef = { at: number; text: string; shift: 'previous' | 'previousYear' };

export interface DateScan {
  periods: Period[];
  /** Named days whose dates Insights does not know (e.g. a Hot Sale whose dates are not announced in the table). */
  unknown: string[];
  relative: RelativeRef[];
  /** The folded text with every date phrase blanked out (for the rest of the planner). */
  rest: string;
}

const MONTHS: Record<string, number> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  janeiro: 1, fevereiro: 2, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, sept: 9, october: 10, november: 11, december: 12,
};
const MONTH_RE = `(${Object.keys(MONTHS).join('|')})`;
const YEAR_RE = `((?:19|20)\\d{2})`;
const DAY_RE = `(\\d{1,2})(?:st|nd|rd|th|º|o)?`;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const yearOf = (day: string) => Number(day.slice(0, 4));
const monthOf = (day: string) => Number(day.slice(5, 7));

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `day` moved by whole months, the day of month kept or cut to the month's end (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const total = yearOf(day) * 12 + (monthOf(day) - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return ymd(y, m, Math.min(Number(day.slice(8, 10)), lastDayOfMonth(y, m)));
}

/** Monday of the ISO week of `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7));
}

function monthPeriod(y: number, m: number): { from: string; to: string } {
  return { from: ymd(y, m, 1), to: ymd(y, m, lastDayOfMonth(y, m)) };
}

/** Clip a period that has begun to today; one that has not begun stays as written. */
function clip(p: { from: string; to: string }, today: string) {
  return p.from <= today && p.to > today ? { from: p.from, to: today } : p;
}

/** The most recent year in which month m (and day d) is not after today. */
function recentYear(today: string, m: number, d = 1): number {
  const y = yearOf(today);
  return ymd(y, m, Math.min(d, lastDayOfMonth(y, m))) <= today ? y : y - 1;
}

function validDay(y: number, m: number, d: number): string | null {
  const s = ymd(y, m, d);
  return isIsoDay(s) ? s : null;
}

type Resolved = { from: string; to: string; kind: PeriodKind } | null;
interface Rule {
  re: RegExp;
  resolve: (m: RegExpExecArray, today: string, country: Country | undefined) => Resolved | 'unknown';
}

const QUARTER_WORDS: Record<string, number> = { primer: 1, primero: 1, first: 1, segundo: 2, second: 2, tercer: 3, tercero: 3, third: 3, cuarto: 4, fourth: 4 };

function quarter(y: number, q: number, today: string): Resolved {
  const from = ymd(y, (q - 1) * 3 + 1, 1);
  const end = monthPeriod(y, q * 3).to;
  return { ...clip({ from, to: end }, today), kind: 'quarter' };
}

function recentQuarter(q: number, today: string): Resolved {
  const y = yearOf(today);
  return quarter(ymd(y, (q - 1) * 3 + 1, 1) <= today ? y : y - 1, q, today);
}

function monthName(s: string | undefined): number {
  return MONTHS[s ?? ''] ?? 0;
}

/** Day + month (+ optional year): explicit year, or the most recent such day not after today. */
function dayMonth(d: number, m: number, y: number | undefined, today: string): string | null {
  if (y !== undefined) return validDay(y, m, d);
  // The most recent such day not after today (29 February: back to the last leap year).
  for (let year = yearOf(today); year > yearOf(today) - 8; year--) {
    const day = validDay(year, m, d);
    if (day && day <= today) return day;
  }
  return null;
}

function range(from: string | null, to: string | null): Resolved {
  if (!from || !to || from > to) return null;
  return { from, to, kind: from === to ? 'day' : 'range' };
}

/** Periods of N units ending today. */
function lastN(n: number, unit: string, today: string): Resolved {
  if (!n || n < 1) return null;
  if (/^(dia|day)/.test(unit)) return { from: addDays(today, -(n - 1)), to: today, kind: 'days' };
  if (/^(semana|week)/.test(unit)) return { from: addDays(today, -(7 * n - 1)), to: today, kind: 'days' };
  if (/^(mes|month)/.test(unit)) return { from: addDays(addMonths(today, -n), 1), to: today, kind: 'days' };
  if (/^(ano|year)/.test(unit)) return { from: addDays(addMonths(today, -12 * n), 1), to: today, kind: 'days' };
  return null;
}

const previousMonth = (today: string) => {
  const p = addMonths(today, -1);
  return { ...monthPeriod(yearOf(p), monthOf(p)), kind: 'month' as const };
};

const UNIT_RE = '(dias|dia|days|day|semanas|semana|weeks|week|meses|mes|months|month|anos|ano|years|year)';

/**
 * The rules, most specific first. Each match is blanked before the next rules run, so "últimos 3
 * meses" is not read again as "meses" and "marzo de 2025" not as "marzo".
 */
const RULES: Rule[] = [
  // Named commercial days and holidays ("el Black Friday", "el puente de diciembre", "el Buen Fin del
  // año pasado", "Hot Sale 2025", "Día de la Madre"): the country's date (./events.ts), the most
  // recent that has begun unless a year is given; first, since "puente de diciembre" names a month.
  {
    re: new RegExp(`\\b(?:(?:el|la|na|no|o|a|on|en|the|durante|during)\\s+)?${EVENT_RE}(?:\\s*(?:de |del |do |da |of |in )?(?:(?:el |o )?(este ano|this year|neste ano)|(?:el |o )?(ano pasado|ano passado|ano anterior|last year)|${YEAR_RE}))?\\b`, 'g'),
    resolve: (m, today, country) => {
      const name = m[1]!;
      const y = yearOf(today);
      const year = m[2] ? y : m[3] ? y - 1 : m[4] ? Number(m[4]) : undefined;
      const r = resolveEvent(name, year, country, today);
      return r === 'unknown' ? 'unknown' : r ? { ...r, kind: r.from === r.to ? 'day' : 'range' } : null;
    },
  },
  // "el fin de semana pasado", "el finde pasado", "last weekend", "o fim de semana passado": the last Saturday–Sunday before this week
  {
    re: /\b(?:(?:el|en el|durante el|o|no)\s+)?(?:(?:fin de semana|finde|fim de semana|weekend)\s+(?:pasado|passado|anterior)|ultimo (?:fin de semana|finde|fim de semana))\b|\b(?:the\s+)?(?:last|past|previous)\s+weekend\b/g,
    resolve: (_m, t) => {
      const monday = mondayOf(t);
      return { from: addDays(monday, -2), to: addDays(monday, -1), kind: 'range' };
    },
  },
  // ISO ranges and days: "del 2026-10-01 al 2026-10-15", "from 2026-10-01 to 2026-10-15"
  {
    re: /\b(?:(?:del|desde el|desde|de|from|between|entre el|entre)\s+)?(\d{4}-\d{2}-\d{2})\s*(?:al|a|hasta el|hasta|to|until|and|y|-|–)\s*(\d{4}-\d{2}-\d{2})\b/g,
    resolve: (m) => range(isIsoDay(m[1]!) ? m[1]! : null, isIsoDay(m[2]!) ? m[2]! : null),
  },
  // "desde el 2026-10-01", "since 2026-10-01"
  {
    re: /\b(?:desde el|desde|since|from)\s+(\d{4}-\d{2}-\d{2})\b/g,
    resolve: (m, today) => (isIsoDay(m[1]!) && m[1]! <= today ? { from: m[1]!, to: today, kind: 'range' } : null),
  },
  { re: /\b(\d{4}-\d{2}-\d{2})\b/g, resolve: (m) => (isIsoDay(m[1]!) ? { from: m[1]!, to: m[1]!, kind: 'day' } : null) },
  // d/m/yyyy ranges and days (Spanish order)
  {
    re: /\b(?:(?:del|desde el|desde|de|entre el|entre)\s+)?(\d{1,2})\/(\d{1,2})\/(\d{4})\s*(?:al|a|hasta el|hasta|y|-)\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    resolve: (m) => range(validDay(+m[3]!, +m[2]!, +m[1]!), validDay(+m[6]!, +m[5]!, +m[4]!)),
  },
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    resolve: (m) => {
      const d = validDay(+m[3]!, +m[2]!, +m[1]!);
      return d ? { from: d, to: d, kind: 'day' } : null;
    },
  },
  // "entre el 3 y el 10 de noviembre (de 2026)", "del 3 al 10 de noviembre", "from 3 to 10 november"
  {
    re: new RegExp(`\\b(?:entre el|entre|del|de|desde el|between|from)\\s+(?:el\\s+)?${DAY_RE}\\s+(?:y el|y|al|a|hasta el|hasta|and|to|-)\\s+(?:el\\s+)?${DAY_RE}\\s+(?:de\\s+)?${MONTH_RE}(?:\\s+(?:de|del)?\\s*${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const mo = monthName(m[3]);
      const y = m[4] ? Number(m[4]) : undefined;
      const from = dayMonth(+m[1]!, mo, y, today);
      return from ? range(from, validDay(yearOf(from), mo, +m[2]!)) : null;
    },
  },
  // "between november 3 and 10", "from november 3 to 10 (2026)", "november 3-10"
  {
    re: new RegExp(`\\b(?:(?:between|from|entre)\\s+)?${MONTH_RE}\\s+${DAY_RE}\\s*(?:and|to|-|–|y|al)\\s*${DAY_RE}(?:,?\\s+${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const mo = monthName(m[1]);
      const y = m[4] ? Number(m[4]) : undefined;
      const from = dayMonth(+m[2]!, mo, y, today);
      return from ? range(from, validDay(yearOf(from), mo, +m[3]!)) : null;
    },
  },
  // "del 28 de octubre al 3 de noviembre", "from 28 october to 3 november"
  {
    re: new RegExp(`\\b(?:entre el|entre|del|de|desde el|between|from)\\s+(?:el\\s+)?${DAY_RE}\\s+(?:de\\s+)?${MONTH_RE}\\s+(?:y el|y|al|a|hasta el|hasta|and|to|-)\\s+(?:el\\s+)?${DAY_RE}\\s+(?:de\\s+)?${MONTH_RE}(?:\\s+(?:de|del)?\\s*${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const y = m[5] ? Number(m[5]) : undefined;
      const [m1, m2] = [monthName(m[2]), monthName(m[4])];
      const to = dayMonth(+m[3]!, m2, y, today);
      if (!to) return null;
      const from = validDay(m1 <= m2 ? yearOf(to) : yearOf(to) - 1, m1, +m[1]!);
      return range(from, to);
    },
  },
  // "from october 28 to november 3"
  {
    re: new RegExp(`\\b(?:between|from|entre|del|desde)\\s+${MONTH_RE}\\s+${DAY_RE}\\s+(?:and|to|until|y|al|hasta)\\s+${MONTH_RE}\\s+${DAY_RE}(?:,?\\s+${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const y = m[5] ? Number(m[5]) : undefined;
      const [m1, m2] = [monthName(m[1]), monthName(m[3])];
      const to = dayMonth(+m[4]!, m2, y, today);
      if (!to) return null;
      return range(validDay(m1 <= m2 ? yearOf(to) : yearOf(to) - 1, m1, +m[2]!), to);
    },
  },
  // "desde el 1 de octubre", "since 1 october", "since october 1st"
  {
    re: new RegExp(`\\b(?:desde el|desde|since|from)\\s+(?:el\\s+)?${DAY_RE}\\s+(?:de\\s+)?${MONTH_RE}(?:\\s+(?:de|del)?\\s*${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const from = dayMonth(+m[1]!, monthName(m[2]), m[3] ? Number(m[3]) : undefined, today);
      return from && from <= today ? { from, to: today, kind: 'range' } : null;
    },
  },
  {
    re: new RegExp(`\\b(?:since|from|desde)\\s+${MONTH_RE}\\s+${DAY_RE}(?:,?\\s+${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const from = dayMonth(+m[2]!, monthName(m[1]), m[3] ? Number(m[3]) : undefined, today);
      return from && from <= today ? { from, to: today, kind: 'range' } : null;
    },
  },
  // "desde octubre", "since october (2025)"
  {
    re: new RegExp(`\\b(?:desde|since)\\s+(?:principios de\\s+|el inicio de\\s+|the start of\\s+|the beginning of\\s+)?${MONTH_RE}(?:\\s+(?:de|del)?\\s*${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const mo = monthName(m[1]);
      const from = ymd(m[2] ? Number(m[2]) : recentYear(today, mo), mo, 1);
      return from <= today ? { from, to: today, kind: 'range' } : null;
    },
  },
  // "el 5 de noviembre (de 2026)", "5 november"
  {
    re: new RegExp(`\\b(?:el\\s+|on\\s+)?${DAY_RE}\\s+(?:de\\s+)?${MONTH_RE}(?:\\s+(?:de|del)?\\s*${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const d = dayMonth(+m[1]!, monthName(m[2]), m[3] ? Number(m[3]) : undefined, today);
      return d ? { from: d, to: d, kind: 'day' } : null;
    },
  },
  // "november 5(th)(, 2026)"
  {
    re: new RegExp(`\\b(?:on\\s+)?${MONTH_RE}\\s+${DAY_RE}(?:,?\\s+${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const d = dayMonth(+m[2]!, monthName(m[1]), m[3] ? Number(m[3]) : undefined, today);
      return d ? { from: d, to: d, kind: 'day' } : null;
    },
  },
  // Quarters: "Q3 (de) 2025", "el tercer trimestre (de 2025)", "the third quarter"
  {
    re: new RegExp(`\\b(?:el\\s+|the\\s+)?(?:q([1-4])|([1-4])(?:er|º|o)?\\s*trimestre|(primer|primero|segundo|tercer|tercero|cuarto|first|second|third|fourth)\\s+(?:trimestre|quarter))(?:\\s+(?:de|del|of)?\\s*${YEAR_RE})?\\b`, 'g'),
    resolve: (m, today) => {
      const q = Number(m[1] ?? m[2] ?? 0) || QUARTER_WORDS[m[3] ?? ''] || 0;
      if (!q) return null;
      return m[4] ? quarter(Number(m[4]), q, today) : recentQuarter(q, today);
    },
  },
  { re: /\b(?:este trimestre|this quarter|neste trimestre|(?:en )?lo que (?:llevamos|va|vamos) (?:de|del) trimestre|el trimestre actual|the current quarter|en lo que va de trimestre|quarter to date)\b/g, resolve: (_m, t) => recentQuarter(Math.ceil(monthOf(t) / 3), t) },
  {
    re: /\b(?:el trimestre pasado|trimestre pasado|o trimestre passado|trimestre passado|el trimestre anterior|el ultimo trimestre|ultimo trimestre|last quarter|the previous quarter|previous quarter)\b/g,
    resolve: (_m, t) => {
      const p = addMonths(t, -3);
      return quarter(yearOf(p), Math.ceil(monthOf(p) / 3), t);
    },
  },
  // Month + year: "marzo de 2025", "march 2025", "en marzo del 2025"
  {
    re: new RegExp(`\\b(?:en\\s+|in\\s+|durante\\s+|during\\s+)?${MONTH_RE}\\s+(?:de\\s+|del\\s+|of\\s+)?${YEAR_RE}\\b`, 'g'),
    resolve: (m, today) => ({ ...clip(monthPeriod(Number(m[2]), monthName(m[1])), today), kind: 'month' }),
  },
  // "marzo del año pasado", "march of last year"
  {
    re: new RegExp(`\\b(?:en\\s+|in\\s+)?${MONTH_RE}\\s+(?:del ano pasado|de el ano pasado|of last year|last year)\\b`, 'g'),
    resolve: (m, today) => ({ ...monthPeriod(yearOf(today) - 1, monthName(m[1])), kind: 'month' }),
  },
  // "N days/weeks/months/years": "los últimos 7 días", "last 3 months", "past two weeks", "en los 30 días anteriores"
  {
    re: new RegExp(`\\b(?:(?:en|durante)\\s+)?(?:(?:los|las|the)\\s+)?(?:ultimos|ultimas|ultimo|ultima|last|past|previous|pasados|pasadas)\\s+${NUMBER_RE}\\s+${UNIT_RE}\\b`, 'g'),
    resolve: (m, today) => lastN(numberOf(m[1]) ?? 0, m[2]!, today),
  },
  {
    re: new RegExp(`\\b${NUMBER_RE}\\s+${UNIT_RE}\\s+(?:ultimos|ultimas|pasados|pasadas|anteriores)\\b`, 'g'),
    resolve: (m, today) => lastN(numberOf(m[1]) ?? 0, m[2]!, today),
  },
  // Days
  { re: /\b(?:anteayer|antes de ayer|antier|anteontem|the day before yesterday|day before yesterday)\b/g, resolve: (_m, t) => ({ from: addDays(t, -2), to: addDays(t, -2), kind: 'day' }) },
  { re: /\b(?:ayer|yesterday|ontem)\b/g, resolve: (_m, t) => ({ from: addDays(t, -1), to: addDays(t, -1), kind: 'day' }) },
  { re: /\b(?:hoy|today|hoje|en el dia de hoy|so far today)\b/g, resolve: (_m, t) => ({ from: t, to: t, kind: 'day' }) },
  // Weeks
  {
    re: /\b(?:(?:la|en la|durante la)\s+)?(?:semana pasada|semana passada|semana anterior)\b|\b(?:last|previous|the previous|during the previous)\s+(?:calendar\s+)?week\b/g,
    resolve: (_m, t) => {
      const monday = addDays(mondayOf(t), -7);
      return { from: monday, to: addDays(monday, 6), kind: 'week' };
    },
  },
  {
    re: /\b(?:(?:la|en la|durante la)\s+)?ultima semana\b|\b(?:the\s+)?past week\b/g,
    resolve: (_m, t) => ({ from: addDays(t, -6), to: t, kind: 'days' }),
  },
  { re: /\b(?:esta semana|this week|nesta semana|essa semana|(?:en )?lo que (?:llevamos|va|vamos) (?:de|del|de la) semana|so far this week|week to date)\b/g, resolve: (_m, t) => ({ from: mondayOf(t), to: t, kind: 'week' }) },
  // Months
  { re: /\b(?:(?:el|en el|durante el)\s+)?(?:mes pasado|mes passado|mes anterior)\b|\b(?:last|previous|the previous)\s+month\b/g, resolve: (_m, t) => previousMonth(t) },
  {
    re: /\b(?:(?:el|en el|durante el)\s+)?ultimo mes\b|\b(?:the\s+)?past month\b/g,
    resolve: (_m, t) => ({ from: addDays(addMonths(t, -1), 1), to: t, kind: 'days' }),
  },
  {
    re: /\b(?:este mes|this month|neste mes|esse mes|(?:en )?lo que (?:llevamos|va|vamos) (?:de|del) mes|el mes actual|the current month|en lo que va de mes|so far this month|month to date|mtd)\b/g,
    resolve: (_m, t) => ({ from: `${t.slice(0, 8)}01`, to: t, kind: 'month' }),
  },
  // Years
  { re: /\b(?:(?:el|en el|durante el)\s+)?(?:ano pasado|ano passado|ano anterior)\b|\b(?:last|previous|the previous)\s+year\b/g, resolve: (_m, t) => ({ from: `${yearOf(t) - 1}-01-01`, to: `${yearOf(t) - 1}-12-31`, kind: 'year' }) },
  { re: /\b(?:(?:el|en el|durante el)\s+)?ultimo ano\b|\b(?:the\s+)?past year\b/g, resolve: (_m, t) => ({ from: addDays(addMonths(t, -12), 1), to: t, kind: 'days' }) },
  { re: /\b(?:este ano|this year|neste ano|esse ano|(?:en )?lo que (?:llevamos|va|vamos) (?:de|del) ano|el ano actual|en lo que va de ano|so far this year|year to date|ytd)\b/g, resolve: (_m, t) => ({ from: `${t.slice(0, 4)}-01-01`, to: t, kind: 'year' }) },
  {
    re: new RegExp(`\\b(?:en el ano|en el|en|durante|during|in|del ano|del|de|do|no|em|ano|year|of)\\s+${YEAR_RE}\\b`, 'g'),
    resolve: (m, t) => ({ ...clip({ from: `${m[1]}-01-01`, to: `${m[1]}-12-31` }, t), kind: 'year' }),
  },
  // A month alone: "en marzo", "in March", "octubre" (the most recent one that has begun). English
  // "may" only after "in"/"during" (it is also a verb).
  {
    re: new RegExp(`\\b(?:(?:en|in|durante|during)\\s+(?:el mes de\\s+|the month of\\s+)?)?(?!may\\b)${MONTH_RE}\\b|\\b(?:in|during)\\s+(may)\\b`, 'g'),
    resolve: (m, t) => {
      const mo = monthName(m[1] ?? m[2]);
      return { ...clip(monthPeriod(recentYear(t, mo), mo), t), kind: 'month' };
    },
  },
];

const RELATIVE: { re: RegExp; shift: RelativeRef['shift'] }[] = [
  {
    re: /\b(?:(?:el\s+|o\s+)?mesmo (?:periodo|mes|trimestre|dia|semana) do ano (?:passado|anterior)|(?:el\s+)?mismo (?:periodo|mes|trimestre|dia|semana) (?:del|de el) ano (?:pasado|anterior)|same (?:period|month|quarter|week|day) (?:of\s+)?(?:last|the previous|previous) year|(?:a|al|con el|with|to)\s+(?:ano pasado|last year)|year over year|interanual|yoy)\b/g,
    shift: 'previousYear',
  },
  {
    re: /\b(?:(?:con |frente a |contra |vs\.? |versus )?(?:el|la)\s+(?:anterior|previa|previo)|(?:el\s+)?periodo anterior|(?:the\s+)?previous (?:period|one)|(?:the\s+)?prior period|(?:the\s+)?one before)\b/g,
    shift: 'previous',
  },
];

export function scanDates(folded: string, today: string, timeZone?: string): DateScan {
  const country = countryOf(timeZone);
  // Portuguese "março" folds to "marco" (also a Spanish word): read as the month only after "em"/"de".
  let rest = folded.replace(/\b(em|de|desde|ate) marco\b/g, '$1 marzo');
  const unknown: string[] = [];
  const relative: RelativeRef[] = [];
  // Relative references first: "con el mismo mes del año pasado" must not become "el año pasado".
  for (const r of RELATIVE) {
    for (const m of [...rest.matchAll(r.re)]) {
      relative.push({ at: m.index, text: m[0], shift: r.shift });
      rest = blank(rest, m.index, m.index + m[0].length);
    }
  }
  const periods: Period[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of [...rest.matchAll(rule.re)] as RegExpExecArray[]) {
      // A phrase that does not resolve ("el 31 de febrero") is consumed all the same: no later, looser
      // rule may read part of it ("febrero") as something the question did not say.
      rest = blank(rest, m.index, m.index + m[0].length);
      const p = rule.resolve(m, today, country);
      if (p === 'unknown') unknown.push(m[0].trim());
      else if (p) periods.push({ ...capRange(p), at: m.index, text: m[0].trim() });
    }
  }
  periods.sort((a, b) => a.at - b.at);
  return { periods, relative, rest, unknown };
}

function capRange<P extends { from: string; to: string }>(p: P): P {
  if (daysBetween(p.from, p.to) <= MAX_RANGE_DAYS) return p;
  return { ...p, from: addDays(p.to, -(MAX_RANGE_DAYS - 1)) };
}

/** The period just before `p`, of the same kind (a month → the previous month; N days → the N days before). */
export function previousOf(p: Pick<Period, 'from' | 'to' | 'kind'>): { from: string; to: string } {
  const months = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : p.kind === 'year' ? 12 : 0;
  if (months && p.from.endsWith('-01')) {
    const from = addMonths(p.from, -months);
    const fullEnd = addDays(addMonths(p.from, months), -1);
    // A whole month (quarter, year) compares with the whole one before; one to date with the same days.
    const to = p.to >= fullEnd ? addDays(p.from, -1) : [addMonths(p.to, -months), addDays(p.from, -1)].sort()[0]!;
    return { from, to };
  }
  // A week (or a week to date) compares with the same weekdays of the week before.
  if (p.kind === 'week') return { from: addDays(p.from, -7), to: addDays(p.to, -7) };
  const length = daysBetween(p.from, p.to);
  return { from: addDays(p.from, -length), to: addDays(p.from, -1) };
}

/** The same days one year earlier (29 February → 28 February). */
export function previousYearOf(p: { from: string; to: string }): { from: string; to: string } {
  return { from: addMonths(p.from, -12), to: addMonths(p.to, -12) };
}
