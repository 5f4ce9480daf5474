/**
 * The filters every element under one `<ig-provider>` shares (period, channel, platform, selected
 * campaign), and how a period preset becomes the `from`/`to` the BFF takes.
 */
import type { IgChannel } from '../api/types.js';

export const PERIOD_PRESETS = ['last7', 'last30', 'last90', 'thisMonth', 'previousMonth', 'custom'] as const;
/** A period preset; `custom` takes the filters' `from` and `to`. */
export type IgPeriodPreset = (typeof PERIOD_PRESETS)[number];

export const CHANNELS: readonly IgChannel[] = ['push', 'inapp', 'sms', 'email', 'chat', 'wallet'];
export const PLATFORMS = ['android', 'ios', 'web'] as const;
/** Device platform of the push/in-app statistics. */
export type IgPlatform = (typeof PLATFORMS)[number];

export interface IgFilters {
  /** Period preset (default `last30`, the BFF's default period). */
  period: IgPeriodPreset;
  /** First day (`YYYY-MM-DD`, project time zone) of a `custom` period; `null` otherwise. */
  from: string | null;
  /** Last day, inclusive, of a `custom` period; `null` otherwise. */
  to: string | null;
  /** Selected channel; `null`: all channels. */
  channel: IgChannel | null;
  /** Selected platform; `null`: all platforms. */
  platform: IgPlatform | null;
  /** Selected campaign id (cross-filtering from a campaign list); `null`: none. */
  campaign: string | null;
}

export type IgFilterKey = keyof IgFilters;

export const DEFAULT_FILTERS: Readonly<IgFilters> = {
  period: 'last30',
  from: null,
  to: null,
  channel: null,
  platform: null,
  campaign: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: unknown): v is string => typeof v === 'string' && DAY.test(v);

/**
 * Applies a patch to filters and returns the result, dropping values that are not valid: an unknown
 * preset, channel or platform becomes the default; a custom period needs both days, in order. Setting
 * `from`/`to` without `period` means `custom`; a preset other than `custom` clears them.
 */
export function applyFilters(current: IgFilters, patch: Partial<IgFilters>): IgFilters {
  const next: IgFilters = { ...current, ...patch };
  if (('from' in patch || 'to' in patch) && !('period' in patch)) next.period = 'custom';
  if (!(PERIOD_PRESETS as readonly string[]).includes(next.period)) next.period = DEFAULT_FILTERS.period;
  if (next.period === 'custom') {
    if (!isDay(next.from) || !isDay(next.to)) next.period = DEFAULT_FILTERS.period;
    else if (next.from > next.to) [next.from, next.to] = [next.to, next.from];
  }
  if (next.period !== 'custom') next.from = next.to = null;
  if (next.channel !== null && !CHANNELS.includes(next.channel)) next.channel = null;
  if (next.platform !== null && !(PLATFORMS as readonly string[]).includes(next.platform)) next.platform = null;
  if (next.campaign !== null && typeof next.campaign !== 'string') next.campaign = null;
  next.campaign ||= null;
  return next;
}

/** The keys whose values differ. */
export function changedKeys(a: IgFilters, b: IgFilters): IgFilterKey[] {
  return (Object.keys(DEFAULT_FILTERS) as IgFilterKey[]).filter((k) => a[k] !== b[k]);
}

/** `from`/`to` for a request; both unset means the BFF's default (the last 30 days). */
export interface IgPeriodQuery {
  from?: string;
  to?: string;
}

/** Today in `timeZone`, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `day` plus `n` days (`YYYY-MM-DD`, calendar arithmetic). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The days a period filter covers, in the project's `timeZone`, counted from the project's `today`
 * (GET /v1/meta's, the BFF's clock; the browser's clock only when it is not known). `last30` leaves both unset (the
 * BFF's own default, the same 30 days), so it needs no time zone; a custom period needs none either.
 * Any other preset needs the time zone: `undefined` is returned while it is unknown (GET /v1/meta
 * still in flight), meaning "wait".
 */
export function resolvePeriod(filters: IgFilters, timeZone: string | undefined, today?: string): IgPeriodQuery | undefined {
  switch (filters.period) {
    case 'last30':
      return {};
    case 'custom':
      return { from: filters.from!, to: filters.to! };
  }
  if (!timeZone) return undefined;
  const to = today ?? todayIn(timeZone);
  const firstOfMonth = `${to.slice(0, 8)}01`;
  switch (filters.period) {
    case 'last7':
      return { from: addDays(to, -6), to };
    case 'last90':
      return { from: addDays(to, -89), to };
    case 'thisMonth':
      return { from: firstOfMonth, to };
    default: {
      const last = addDays(firstOfMonth, -1);
      return { from: `${last.slice(0, 8)}01`, to: last };
    }
  }
}
