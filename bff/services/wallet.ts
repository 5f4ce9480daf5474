/** Wallet passes per local day and platform (apple, google): the wallet rows of marts.channel_daily. */
import type { ScopedDb } from '../db/scope.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import { dailyByPlatform, type DayValues } from './series.js';

export const WALLET_KEYS = ['issued', 'installed', 'uninstalled', 'updates'] as const;
type Key = (typeof WALLET_KEYS)[number];

export interface WalletResult {
  projectId: string;
  timeZone: string;
  period: { from: string; to: string };
  totals: Record<Key, number>;
  days: DayValues<Key>[];
  platforms: { platform: string; totals: Record<Key, number>; days: DayValues<Key>[] }[];
}

export async function getWallet(db: ScopedDb, q: { from?: string | undefined; to?: string | undefined }): Promise<WalletResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const { rows } = await db.query<{ day: string; platform: string } & Record<Key, number>>(
    `SELECT day, platform, coalesce(passes_issued, 0) AS issued, coalesce(passes_installed, 0) AS installed,
            coalesce(passes_uninstalled, 0) AS uninstalled, coalesce(pass_updates_sent, 0) AS updates
     FROM marts.channel_daily
     WHERE channel = 'wallet' AND day BETWEEN $1::date AND $2::date
     ORDER BY day, platform`,
    [period.from, period.to],
  );
  const t = dailyByPlatform(period, rows, WALLET_KEYS);
  return {
    projectId,
    timeZone,
    period,
    totals: t.all.totals,
    days: t.all.days,
    platforms: t.platforms.map((p) => ({ platform: p.platform, totals: p.totals, days: p.days })),
  };
}
