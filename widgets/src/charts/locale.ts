/**
 * d3/Vega number and time locales derived from `Intl`, so axis labels follow the element's language
 * (`1.234,5` and `ene` in Spanish, `1,234.5` and `Jan` in English) without shipping locale tables.
 * Lives in the lazily loaded runtime chunk.
 */
export interface VegaLocale {
  number: { decimal: string; thousands: string; grouping: number[]; currency: [string, string] };
  time: {
    dateTime: string;
    date: string;
    time: string;
    periods: [string, string];
    days: string[];
    shortDays: string[];
    months: string[];
    shortMonths: string[];
  };
}

const cache = new Map<string, VegaLocale>();

export function vegaLocale(tag: string): VegaLocale {
  let locale = cache.get(tag);
  if (!locale) cache.set(tag, (locale = build(tag)));
  return locale;
}

function build(tag: string): VegaLocale {
  const parts = new Intl.NumberFormat(tag).formatToParts(1234567.5);
  const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  const utc = (month: number, day: number) => new Date(Date.UTC(2023, month, day));
  const names = (options: Intl.DateTimeFormatOptions, dates: Date[]) => {
    const format = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    return dates.map((d) => format.format(d).replace(/\.$/, ''));
  };
  // 1 January 2023 was a Sunday: d3 lists days from Sunday.
  const week = Array.from({ length: 7 }, (_, i) => utc(0, 1 + i));
  const year = Array.from({ length: 12 }, (_, i) => utc(i, 1));
  const hour12 = new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions().hour12 === true;
  return {
    number: { decimal: part('decimal', '.'), thousands: part('group', ','), grouping: [3], currency: ['', ''] },
    time: {
      dateTime: '%x, %X',
      date: /^en-US|^en$/.test(tag) ? '%-m/%-d/%Y' : '%-d/%-m/%Y',
      time: hour12 ? '%-I:%M:%S %p' : '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: names({ weekday: 'long' }, week),
      shortDays: names({ weekday: 'short' }, week),
      months: names({ month: 'long' }, year),
      shortMonths: names({ month: 'short' }, year),
    },
  };
}
