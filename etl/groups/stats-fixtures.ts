/**
 * API-shaped payloads for the statistics groups' tests, built from shared/indigitall-api.md: the exact
 * field names, the v1 envelope ({statusCode, message, count, data: [...]}) and the v2 one (rows in
 * data.sendings / data.campaigns). Values are small deterministic functions of (project, day,
 * campaign, platform, metric), so a test can rebuild, revise and recount them. Test use only.
 */
import { datesBetween } from '../../lib/dates.js';
import type { Window } from '../pipeline/types.js';

export type Row = Record<string, string | number | null>;

export const v1 = (rows: Row[]) => ({ statusCode: 200, message: 'OK', count: rows.length, data: rows });
export const v2 = (listKey: 'sendings' | 'campaigns', rows: Row[]) => ({
  statusCode: 200,
  message: 'OK',
  count: rows.length,
  data: { [listKey]: rows },
});

/** A deterministic integer in [lo, hi] for a key (FNV-1a). */
export function num(key: string, lo: number, hi: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return lo + ((h >>> 0) % (hi - lo + 1));
}

/** Campaigns of the fixtures: they start and end at different days around the test windows. */
export interface FixtureCampaign {
  id: number;
  name: string;
  start: string;
  end: string;
}

export function fixtureCampaigns(projectId: number, channel: string): FixtureCampaign[] {
  const base = projectId * 1000 + ({ push: 100, inapp: 200, sms: 300, email: 400 }[channel] ?? 900);
  return [
    { id: base + 1, name: `${channel} oferta flash`, start: '2026-03-01', end: '2026-03-03' },
    { id: base + 2, name: `${channel} temporada`, start: '2026-03-02', end: '2026-03-20' },
    { id: base + 3, name: `${channel} recordatorio`, start: '2026-02-25', end: '2026-03-05' },
  ];
}

/** (day, campaign) pairs of a window, in day then campaign order. */
function campaignDays(projectId: number, channel: string, w: Window): { day: string; c: FixtureCampaign }[] {
  const out: { day: string; c: FixtureCampaign }[] = [];
  for (const day of datesBetween(w.from, w.to)) {
    for (const c of fixtureCampaigns(projectId, channel)) if (day >= c.start && day <= c.end) out.push({ day, c });
  }
  return out;
}

function pushFigures(key: string) {
  const sent = num(`${key}|sent`, 500, 5000);
  const success = sent - num(`${key}|failed`, 0, Math.floor(sent / 20));
  const received = success - num(`${key}|lost`, 0, Math.floor(success / 10));
  return { numDevicesSent: sent, numDevicesSuccess: success, numDevicesReceived: received, numDevicesClicked: num(`${key}|clicked`, 0, Math.floor(sent / 15)) };
}

/** GET /v1/application/{id}/dateStats?periodicity=daily rows. */
export function dateStatsDailyRows(projectId: number, w: Window, platforms = ['android', 'ios']): Row[] {
  return datesBetween(w.from, w.to).flatMap((statsDate) =>
    platforms.map((platformGroup) => ({ platformGroup, statsDate, ...pushFigures(`${projectId}|${statsDate}|${platformGroup}`) })),
  );
}

/** GET /v1/application/{id}/dateStats?periodicity=hourly rows. */
export function dateStatsHourlyRows(projectId: number, w: Window, platforms = ['android', 'ios']): Row[] {
  return datesBetween(w.from, w.to).flatMap((statsDate) =>
    [...Array(24).keys()].flatMap((statsHour) =>
      platforms.map((platformGroup) => ({
        platformGroup,
        statsDate,
        statsHour,
        ...pushFigures(`${projectId}|${statsDate}|${statsHour}|${platformGroup}`),
      })),
    ),
  );
}

/** GET /v1/campaign/stats rows. */
export function pushCampaignStatsRows(projectId: number, w: Window, platforms = ['android', 'ios']): Row[] {
  return campaignDays(projectId, 'push', w).flatMap(({ day, c }) =>
    platforms.map((platformGroup) => {
      const key = `${projectId}|${day}|${c.id}|${platformGroup}`;
      return {
        campaignId: c.id,
        campaignName: c.name,
        platformGroup,
        statsDate: day,
        ...pushFigures(key),
        numErrors: num(`${key}|errors`, 0, 30),
      };
    }),
  );
}

/** GET /v1/inApp/stats rows. */
export function inAppRows(projectId: number, w: Window, platforms = ['android', 'ios']): Row[] {
  return campaignDays(projectId, 'inapp', w).flatMap(({ day, c }) =>
    platforms.map((platformGroup) => {
      const key = `${projectId}|${day}|${c.id}|${platformGroup}`;
      const impressions = num(`${key}|impressions`, 100, 2000);
      return {
        statsDate: day,
        campaignId: c.id,
        platformGroup,
        numImpressions: impressions,
        numClicks: num(`${key}|clicks`, 0, Math.floor(impressions / 10)),
        numDismissed: num(`${key}|dismissed`, 0, Math.floor(impressions / 2)),
      };
    }),
  );
}

function smsFigures(key: string) {
  const sent = num(`${key}|sent`, 200, 3000);
  const delivered = sent - num(`${key}|undelivered`, 0, Math.floor(sent / 10));
  const chunks = sent + num(`${key}|extra`, 0, Math.floor(sent / 2));
  return {
    numContactsSent: sent,
    numContactsDelivered: delivered,
    numContactsRejected: num(`${key}|rejected`, 0, sent - delivered),
    numChunks: chunks,
    numContactsClicked: num(`${key}|clicked`, 0, Math.floor(delivered / 20)),
    numContactsUnique: sent - num(`${key}|repeat`, 0, Math.floor(sent / 20)),
    cost: (chunks * 95) / 10_000,
  };
}

/** GET /v2/sms/stats/application rows (data.sendings). */
export function smsApplicationRows(projectId: number, w: Window): Row[] {
  return datesBetween(w.from, w.to).map((statsDate) => ({ statsDate, ...smsFigures(`${projectId}|${statsDate}|sms`) }));
}

/** GET /v2/sms/stats/campaign rows (data.campaigns). */
export function smsCampaignRows(projectId: number, w: Window): Row[] {
  return campaignDays(projectId, 'sms', w).map(({ day, c }) => ({ statsDate: day, campaignId: c.id, ...smsFigures(`${projectId}|${day}|${c.id}`) }));
}

function emailFigures(key: string) {
  const sent = num(`${key}|sent`, 500, 8000);
  const soft = num(`${key}|soft`, 0, Math.floor(sent / 50));
  const hard = num(`${key}|hard`, 0, Math.floor(sent / 100));
  const blocked = num(`${key}|blocked`, 0, Math.floor(sent / 200));
  const delivered = sent - soft - hard - blocked;
  const opened = num(`${key}|opened`, Math.floor(delivered * 0.15), Math.floor(delivered * 0.3));
  return {
    numContactsSent: sent,
    numContactsDelivered: delivered,
    numContactsOpened: opened,
    numContactsClicked: num(`${key}|clicked`, 0, Math.floor(opened / 4)),
    numContactsSpammed: num(`${key}|spam`, 0, 3),
    numContactsSoftBounced: soft,
    numContactsHardBounced: hard,
    numContactsBlocked: blocked,
    numContactsUnsubscribed: num(`${key}|unsub`, 0, Math.floor(sent / 200)),
  };
}

/** GET /v2/email/stats/application rows (data.sendings). */
export function emailApplicationRows(projectId: number, w: Window): Row[] {
  return datesBetween(w.from, w.to).map((statsDate) => ({ statsDate, ...emailFigures(`${projectId}|${statsDate}|email`) }));
}

/** GET /v2/email/stats/campaign rows (data.campaigns). */
export function emailCampaignRows(projectId: number, w: Window): Row[] {
  return campaignDays(projectId, 'email', w).map(({ day, c }) => ({ statsDate: day, campaignId: c.id, ...emailFigures(`${projectId}|${day}|${c.id}`) }));
}

/** GET /v1/wallet/stats rows. */
export function walletRows(projectId: number, w: Window): Row[] {
  return datesBetween(w.from, w.to).flatMap((statsDate) =>
    ['apple', 'google'].map((platform) => {
      const key = `${projectId}|${statsDate}|${platform}`;
      const issued = num(`${key}|issued`, 10, 300);
      return {
        statsDate,
        platform,
        numPassesIssued: issued,
        numPassesInstalled: num(`${key}|installed`, Math.floor(issued / 2), issued),
        numPassesUninstalled: num(`${key}|uninstalled`, 0, 10),
        numPassUpdatesSent: num(`${key}|updates`, 0, 500),
      };
    }),
  );
}

/** GET /v1/application/{id}/stats/device rows. */
export function deviceRows(projectId: number, w: Window, platforms = ['android', 'ios', 'web']): Row[] {
  return datesBetween(w.from, w.to).flatMap((statsDate) =>
    platforms.map((platformGroup) => {
      const key = `${projectId}|${statsDate}|${platformGroup}`;
      return {
        statsDate,
        platformGroup,
        numDevicesNew: num(`${key}|new`, 0, 400),
        numDevicesActive: num(`${key}|active`, 1000, 20000),
        numDevicesUnregistered: num(`${key}|unregistered`, 0, 150),
      };
    }),
  );
}
