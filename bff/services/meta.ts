/**
 * What a dashboard needs before its first chart: the project's name, time zone, the user's locale,
 * the channels it has, and how fresh each data group is (app.freshness).
 */
import { todayIn } from '../../lib/dates.js';
import { AppError } from '../errors.js';
import type { ScopedDb } from '../db/scope.js';
import { CHANNELS, type Channel } from './kpis.js';

export const DEFAULT_LOCALE = 'es';

export interface MetaResult {
  projectId: string;
  name: string;
  timeZone: string;
  /** The project's local today on the BFF's business clock (lib/clock.ts): what relative periods count from. */
  today: string;
  locale: string;
  /** Channels with any data, or whose data group has synced successfully (data may come later). */
  channels: Channel[];
  channelStatus: { channel: Channel; hasData: boolean; synced: boolean }[];
  freshness: { group: string; tier: string; watermark: string | null; lastSuccessAt: string | null; stale: boolean }[];
}

export async function getMeta(db: ScopedDb, auth: { locale: string | undefined }): Promise<MetaResult> {
  const project = await db.query<{ project_id: number; name: string; time_zone: string }>('SELECT project_id, name, time_zone FROM app.projects');
  const p = project.rows[0];
  if (!p) throw new AppError('project_not_found', 'This project is not subscribed to Insights.');
  // One index probe per channel on (project_id, channel, …) instead of a DISTINCT over every row.
  const data = await db.query<{ channel: Channel; has_data: boolean }>(
    `SELECT c.channel, EXISTS (SELECT 1 FROM marts.channel_daily d WHERE d.channel = c.channel) AS has_data
     FROM unnest($1::text[]) AS c (channel)`,
    [CHANNELS],
  );
  const fresh = await db.query<{ data_group: string; tier: string; watermark: string | null; last_success_at: Date | null; stale: boolean }>(
    'SELECT data_group, tier, watermark, last_success_at, stale FROM app.freshness ORDER BY data_group',
  );
  const synced = new Set(fresh.rows.filter((r) => r.last_success_at !== null).map((r) => r.data_group));
  const channelStatus = CHANNELS.map((channel) => ({
    channel,
    hasData: data.rows.some((r) => r.channel === channel && r.has_data),
    // Every channel's data group has the channel's name (etl/groups).
    synced: synced.has(channel),
  }));
  return {
    projectId: String(p.project_id),
    name: p.name,
    timeZone: p.time_zone,
    today: todayIn(p.time_zone),
    locale: auth.locale ?? DEFAULT_LOCALE,
    channels: channelStatus.filter((c) => c.hasData || c.synced).map((c) => c.channel),
    channelStatus,
    freshness: fresh.rows.map((r) => ({
      group: r.data_group,
      tier: r.tier,
      watermark: r.watermark,
      lastSuccessAt: r.last_success_at ? r.last_success_at.toISOString() : null,
      stale: r.stale,
    })),
  };
}
