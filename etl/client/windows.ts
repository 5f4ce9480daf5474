/**
 * Date windows per endpoint: the longest [dateFrom, dateTo] (inclusive days) each endpoint accepts,
 * and a helper that splits a range into windows within that limit (lib/dates splitWindows).
 *
 * Seen: hourly push statistics and devices refuse more than 7 days (403 `Operation forbidden, more 7
 * days`), chat history is ≤ 7 days, SMS ≤ 99 days, chat statistics ≤ 90 days (recommended by the docs).
 * Model (no limit published; keep in step with etl/simulator when real samples arrive, D14): 90 days
 * for the others, which also keeps every single response small.
 */
import { splitWindows } from '../../lib/dates.js';

export const WINDOW_LIMIT_DAYS = {
  'push.dateStats.hourly': 7,
  'push.dateStats.daily': 90,
  'push.heatmap': 90,
  devices: 7,
  'campaign.stats': 90,
  'sms.stats': 99,
  'email.stats': 90,
  'chat.stats': 90,
  'chat.agentConversations': 90,
  'chat.history': 7,
  'journey.stats': 90,
  'inApp.stats': 90,
  'wallet.stats': 90,
} as const satisfies Record<string, number>;

export type WindowedEndpoint = keyof typeof WINDOW_LIMIT_DAYS;

export interface DateWindow {
  from: string;
  to: string;
}

/**
 * [from, to] (YYYY-MM-DD, inclusive) as consecutive windows of at most the endpoint's limit (or
 * `maxDays` given as a number), oldest first; [] when from > to; RangeError for a bad date or limit.
 */
export function windowsFor(endpoint: WindowedEndpoint | number, from: string, to: string): DateWindow[] {
  const maxDays = typeof endpoint === 'number' ? endpoint : WINDOW_LIMIT_DAYS[endpoint];
  if (maxDays === undefined) throw new RangeError(`no window limit known for endpoint "${String(endpoint)}"`);
  return splitWindows(from, to, maxDays);
}
