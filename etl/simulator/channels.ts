// Row generators of every non-chat endpoint (model rows, seen field names) and channelTotals().
// Each `…Stats(project, dateFrom, dateTo, now, opts)` returns exactly the rows the endpoint serves for
// an already validated window (before pagination): local days from max(dateFrom, createdAt) to
// min(dateTo, the project's local today at `now`). Pure and seeded; opts.lateCorrections as in
// corrections.ts.
//
// Sums the simulator guarantees (model; see README):
// - push: for every (statsDate, platformGroup), Σ /v1/campaign/stats rows = the dateStats row, every
//   metric (an always-on "API" campaign carries the sends no campaign explains); numErrors = sent − success.
// - SMS and email: for every statsDate, Σ campaign rows = the application row, every field (cost too).
// - in-app: the endpoint is per campaign already; wallet has no campaign grain.
// - account stats impacts.{today,lastWeek,lastMonth,total} = Σ dateStats numDevicesSent over the last
//   1 / 7 / 30 local days up to today / since createdAt.

import { addDays, daysBetween, todayIn, weekday } from './days.js';
import { enabledPlatforms, type PlatformGroup, type SimProject } from './catalog.js';
import {
  campaignsRunning,
  channelKnobs,
  growth,
  projectCampaigns,
  usesChannel,
  type SimCampaign,
  type SimJourney,
} from './campaigns.js';
import { chatStats } from './chat.js';
import { correctionsAt, correctRowBy, scaled, type GenOptions } from './corrections.js';
import { dateStats, pushDailyBy, pushHourlyBy, pushSentTotal, servedDates } from './generator.js';
import { frozenRows, lru, memo, projectKey } from './memo.js';
import {
  ACCOUNT_STATS_MODEL as A,
  CAMPAIGN_MODEL,
  DEVICE_MODEL,
  EMAIL_MODEL,
  INAPP_MODEL,
  JOURNEY_MODEL,
  LATE_CORRECTIONS,
  SMS_MODEL,
  WALLET_MODEL,
  type Rate,
} from './model.js';
import { apportion, at, between, jitter, rateCount, rng } from './random.js';

const L = LATE_CORRECTIONS.metrics;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
/** Volume weight of a campaign on `date`: full on its first day, CAMPAIGN_MODEL.laterDayFactor after. */
const dayWeight = (c: SimCampaign, date: string) => c.size * (date === c.start ? 1 : CAMPAIGN_MODEL.laterDayFactor);

/** Platform split of a project's enabled platforms as integer weights (per mille of the share). */
function platformWeights(project: SimProject, platforms: readonly PlatformGroup[]): number[] {
  return platforms.map((p) => Math.max(1, Math.round(project.platformShare[p] * 1000)));
}

// ---------------------------------------------------------------------------------------------
// Push campaigns.

/** A row of GET /v1/campaign/stats. */
export interface PushCampaignRow {
  campaignId: number;
  campaignName: string;
  platformGroup: PlatformGroup;
  statsDate: string;
  numDevicesSent: number;
  numDevicesSuccess: number;
  numDevicesReceived: number;
  numDevicesClicked: number;
  numErrors: number;
}

/** Rows of one local day and late-correction factor, per channel (bounded; see memo.ts). */
const ROWS_PER_CACHE = 100_000;
const pushCampaignCache = lru<readonly PushCampaignRow[]>('pushCampaignDay', ROWS_PER_CACHE, (rows) => rows.length);
const deviceCache = lru<readonly DeviceRow[]>('devicesDay', ROWS_PER_CACHE, (rows) => rows.length);
const smsCache = lru<ChannelDay<SmsCampaignRow, SmsRow>>('smsDay', ROWS_PER_CACHE, (d) => d.campaigns.length + 1);
const emailCache = lru<ChannelDay<EmailCampaignRow, EmailRow>>('emailDay', ROWS_PER_CACHE, (d) => d.campaigns.length + 1);
const inAppCache = lru<readonly InAppRow[]>('inAppDay', ROWS_PER_CACHE, (rows) => rows.length);
const walletCache = lru<readonly WalletRow[]>('walletDay', ROWS_PER_CACHE, (rows) => rows.length);

/** A v2 channel's day: its campaign rows and their sum, the application row (null without campaign rows). */
interface ChannelDay<C, A> {
  campaigns: readonly C[];
  app: A | null;
}

/** The cache key of a project's day with its late-correction factor. */
const dayKey = (project: SimProject, date: string, permille: number) => `${projectKey(project)}|${date}|${permille}`;

/** Push campaign rows of one day, split from the day's dateStats rows as served at `now`. */
export function pushCampaignDay(project: SimProject, date: string, now: Date, opts: GenOptions = {}): PushCampaignRow[] {
  return pushCampaignDayBy(project, date, correctionsAt(project, now, opts)(date)).slice();
}

/** pushCampaignDay for the day's late-correction factor, memoised and frozen. */
function pushCampaignDayBy(project: SimProject, date: string, permille: number): readonly PushCampaignRow[] {
  return memo(pushCampaignCache, dayKey(project, date, permille), () => frozenRows(generatePushCampaignDay(project, date, permille)));
}

function generatePushCampaignDay(project: SimProject, date: string, permille: number): PushCampaignRow[] {
  const daily = pushDailyBy(project, date, permille);
  if (daily.length === 0) return [];
  const running = campaignsRunning(project, date, 'push').sort((a, b) => a.id - b.id);
  const weights = running.map((c) => (c.kind === 'api' ? CAMPAIGN_MODEL.pushApiWeight : Math.round(dayWeight(c, date) * 1000)));
  const ctrFactor = running.map((c) => Math.round(1000 * between(rng(project.id, 'campaign-ctr', c.id), CAMPAIGN_MODEL.pushCtrFactor)));
  const split = daily.map((d) => {
    const sent = apportion(d.numDevicesSent, weights);
    const success = apportion(d.numDevicesSuccess, sent, sent);
    const received = apportion(d.numDevicesReceived, success, success);
    const clicked = apportion(d.numDevicesClicked, received.map((x, i) => x * at(ctrFactor, i)), received);
    return { platformGroup: d.platformGroup, sent, success, received, clicked };
  });
  const out: PushCampaignRow[] = [];
  running.forEach((c, i) => {
    for (const s of split) {
      out.push({
        campaignId: c.id,
        campaignName: c.name,
        platformGroup: s.platformGroup,
        statsDate: date,
        numDevicesSent: at(s.sent, i),
        numDevicesSuccess: at(s.success, i),
        numDevicesReceived: at(s.received, i),
        numDevicesClicked: at(s.clicked, i),
        numErrors: at(s.sent, i) - at(s.success, i),
      });
    }
  });
  return out;
}

/** GET /v1/campaign/stats rows, ordered by statsDate, campaignId, platformGroup. */
export function pushCampaignStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): PushCampaignRow[] {
  return perDay(project, dateFrom, dateTo, now, opts, pushCampaignDayBy);
}

/** The rows of every served day of a window, each day's rows from `day(project, date, factor)`, in date order. */
function perDay<T>(
  project: SimProject,
  dateFrom: string,
  dateTo: string,
  now: Date,
  opts: GenOptions,
  day: (project: SimProject, date: string, permille: number) => readonly T[],
): T[] {
  const factor = correctionsAt(project, now, opts);
  const out: T[] = [];
  for (const d of servedDates(project, dateFrom, dateTo, now)) for (const r of day(project, d, factor(d))) out.push(r);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Push heatmap.

export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const HEATMAP_ORDER = [1, 2, 3, 4, 5, 6, 0];

export interface PushHeatmap {
  hour: Record<string, number>;
  weekday: Record<string, number>;
  'weekday-hour': Record<string, Record<string, number>>;
}

/**
 * GET /v1/application/{id}/pushHeatmap data: CTR (clicked ÷ sent, 4 decimals) of the window's hourly
 * push rows per local hour, per weekday and per weekday × hour. Only cells with sends appear (model).
 */
export function pushHeatmap(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): PushHeatmap {
  const hour = new Map<number, [number, number]>();
  const wd = new Map<number, [number, number]>();
  const wdh = new Map<string, [number, number]>();
  const add = <K>(m: Map<K, [number, number]>, k: K, sent: number, clicked: number) => {
    const v = m.get(k) ?? [0, 0];
    v[0] += sent;
    v[1] += clicked;
    m.set(k, v);
  };
  const factor = correctionsAt(project, now, opts);
  for (const d of servedDates(project, dateFrom, dateTo, now)) {
    const w = weekday(d);
    for (const h of pushHourlyBy(project, d, factor(d))) {
      add(hour, h.statsHour, h.numDevicesSent, h.numDevicesClicked);
      add(wd, w, h.numDevicesSent, h.numDevicesClicked);
      add(wdh, `${w}|${h.statsHour}`, h.numDevicesSent, h.numDevicesClicked);
    }
  }
  const ctr = ([sent, clicked]: [number, number]) => round4(clicked / sent);
  const out: PushHeatmap = { hour: {}, weekday: {}, 'weekday-hour': {} };
  for (let h = 0; h < 24; h++) {
    const v = hour.get(h);
    if (v && v[0] > 0) out.hour[String(h)] = ctr(v);
  }
  for (const w of HEATMAP_ORDER) {
    const name = at(WEEKDAY_NAMES, w);
    const v = wd.get(w);
    if (!v || v[0] === 0) continue;
    out.weekday[name] = ctr(v);
    const hours: Record<string, number> = {};
    for (let h = 0; h < 24; h++) {
      const c = wdh.get(`${w}|${h}`);
      if (c && c[0] > 0) hours[String(h)] = ctr(c);
    }
    out['weekday-hour'][name] = hours;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Devices.

export interface DeviceRow {
  statsDate: string;
  platformGroup: PlatformGroup;
  numDevicesNew: number;
  numDevicesActive: number;
  numDevicesUnregistered: number;
}

/** Registered devices of a platform on `date` (model; account stats `devices` uses it at local today). */
export function registeredDevices(project: SimProject, date: string, platform: PlatformGroup): number {
  const platforms = enabledPlatforms(project);
  if (!platforms.includes(platform) || date < project.createdAt) return 0;
  const shareSum = platforms.reduce((s, p) => s + project.platformShare[p], 0);
  if (shareSum <= 0) return 0;
  return Math.round(
    ((project.dailyAudience * project.platformShare[platform]) / shareSum) * DEVICE_MODEL.registeredPerAudience * growth(project, date),
  );
}

/** GET /v1/application/{id}/stats/device rows, ordered by statsDate, platformGroup. */
export function deviceStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): DeviceRow[] {
  return perDay(project, dateFrom, dateTo, now, opts, deviceDay);
}

function deviceDay(project: SimProject, d: string, permille: number): readonly DeviceRow[] {
  const m = DEVICE_MODEL;
  return memo(deviceCache, dayKey(project, d, permille), () =>
    frozenRows(
      enabledPlatforms(project).map((p) => {
        const reg = registeredDevices(project, d, p);
        const r = rng(project.id, d, p, 'devices');
        const row: DeviceRow = {
          statsDate: d,
          platformGroup: p,
          numDevicesNew: rateCount(reg, r, m.newRate),
          numDevicesActive: rateCount(reg, r, m.activeRate, m.activeRate.typical * at(m.activeWeekday, weekday(d))),
          numDevicesUnregistered: rateCount(reg, r, m.unregisteredRate),
        };
        return correctRowBy(row, L.devices, permille);
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Account push totals (GET /v1/application/stats).

export interface AccountStatsRow {
  id: number;
  name: string;
  campaigns: { sent: number; scheduled: number; welcome: number; fidelity: number; goefencing: number; network: number };
  devices: { android: number; ios: number; webpush: number; safari: number };
  impacts: { total: number; today: number; lastWeek: number; lastMonth: number };
}

const sentCache = new WeakMap<SimProject, number[]>();

/** Σ pushDaily numDevicesSent from createdAt through `date`, cached per project (sent is never corrected). */
function cumulativeSent(project: SimProject, date: string): number {
  if (date < project.createdAt) return 0;
  let cum = sentCache.get(project);
  if (!cum) sentCache.set(project, (cum = []));
  const index = daysBetween(project.createdAt, date) - 1;
  for (let i = cum.length; i <= index; i++) cum.push((cum.at(-1) ?? 0) + pushSentTotal(project, addDays(project.createdAt, i)));
  return at(cum, index);
}

/** The GET /v1/application/stats row of a project at `now` (model numbers, seen field names). */
export function accountStats(project: SimProject, now: Date): AccountStatsRow {
  const today = todayIn(project.timeZone, now);
  const push = projectCampaigns(project, now).filter((c) => c.channel === 'push' && c.kind !== 'api');
  const started = push.filter((c) => c.start <= today);
  const count = (kind: string) => started.filter((c) => c.kind === kind).length;
  const web = registeredDevices(project, today, 'web');
  const safari = Math.round(web * DEVICE_MODEL.safariShareOfWeb);
  const upTo = (days: number) => cumulativeSent(project, today) - cumulativeSent(project, addDays(today, -days));
  return {
    id: project.id,
    name: project.name,
    campaigns: {
      sent: count('standard'),
      scheduled: push.filter((c) => c.start > today).length,
      welcome: count('welcome'),
      fidelity: count('fidelity'),
      goefencing: count('geofencing'),
      network: count('network'),
    },
    devices: {
      android: registeredDevices(project, today, 'android'),
      ios: registeredDevices(project, today, 'ios'),
      webpush: web - safari,
      safari,
    },
    impacts: { total: cumulativeSent(project, today), today: upTo(A.todayDays), lastWeek: upTo(A.lastWeekDays), lastMonth: upTo(A.lastMonthDays) },
  };
}

// ---------------------------------------------------------------------------------------------
// SMS (v2).

export interface SmsRow {
  statsDate: string;
  numContactsSent: number;
  numContactsDelivered: number;
  numContactsRejected: number;
  numChunks: number;
  numContactsClicked: number;
  numContactsUnique: number;
  cost: number;
}
export interface SmsCampaignRow extends SmsRow {
  campaignId: number;
}

/** Volume (a float) of one campaign on `date` for a channel with an always-on campaign. */
function campaignVolume(project: SimProject, c: SimCampaign, date: string, base: number, alwaysOnShare: number, campaignShare: number): number {
  if (c.kind === 'api') return base * alwaysOnShare;
  return base * campaignShare * dayWeight(c, date) * jitter(rng(project.id, date, 'volume', c.id), CAMPAIGN_MODEL.volumeNoise);
}

/** Base daily volume of a channel: knob × growth × weekday × noise. */
function channelBase(project: SimProject, date: string, channel: string, knob: number, weekdays: readonly number[], noise: number): number {
  return knob * growth(project, date) * at(weekdays, weekday(date)) * jitter(rng(project.id, date, channel, 'volume'), noise);
}

/** SMS campaign rows of one day (always-on campaign first when by id order puts it there: ordered by campaignId). */
export function smsCampaignDay(project: SimProject, date: string, now: Date, opts: GenOptions = {}): SmsCampaignRow[] {
  return smsDay(project, date, correctionsAt(project, now, opts)(date)).campaigns.slice();
}

/** The SMS campaign rows of a day (late-correction factor `permille`) and their application row, memoised. */
function smsDay(project: SimProject, date: string, permille: number): ChannelDay<SmsCampaignRow, SmsRow> {
  return memo(smsCache, dayKey(project, date, permille), () => {
    const campaigns = generateSmsCampaignDay(project, date, permille);
    if (campaigns.length === 0) return { campaigns: frozenRows(campaigns), app: null };
    const price = channelKnobs(project).smsPricePerChunk;
    const s = sumFields(campaigns, ['numContactsSent', 'numContactsDelivered', 'numContactsRejected', 'numChunks', 'numContactsClicked', 'numContactsUnique']);
    const app: SmsRow = {
      statsDate: date,
      numContactsSent: s.numContactsSent!,
      numContactsDelivered: s.numContactsDelivered!,
      numContactsRejected: s.numContactsRejected!,
      numChunks: s.numChunks!,
      numContactsClicked: s.numContactsClicked!,
      numContactsUnique: s.numContactsUnique!,
      cost: (s.numChunks! * price) / 10_000,
    };
    return { campaigns: frozenRows(campaigns), app: Object.freeze(app) };
  });
}

function generateSmsCampaignDay(project: SimProject, date: string, permille: number): SmsCampaignRow[] {
  if (!usesChannel(project, 'sms') || date < project.createdAt) return [];
  const k = channelKnobs(project);
  const m = SMS_MODEL;
  const base = channelBase(project, date, 'sms', k.sms, m.weekdayFactor, m.noise);
  const rates = rng(project.id, 'sms-rates');
  const deliveredBase = between(rates, m.projectDelivered);
  return campaignsRunning(project, date, 'sms')
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const r = rng(project.id, date, 'sms', c.id);
      const sent = Math.max(0, Math.round(campaignVolume(project, c, date, base, m.alwaysOnShare, m.campaignShare)));
      const delivered = rateCount(sent, r, m.deliveredRate, deliveredBase);
      const typical = (rate: Rate) => (c.kind === 'api' ? (rate.api ?? rate.typical) : rate.typical);
      const chunks = sent + rateCount(sent, r, m.extraChunks, typical(m.extraChunks));
      const row: SmsCampaignRow = {
        statsDate: date,
        campaignId: c.id,
        numContactsSent: sent,
        numContactsDelivered: delivered,
        numContactsRejected: rateCount(sent - delivered, r, m.rejectedOfUndelivered),
        numChunks: chunks,
        numContactsClicked: rateCount(delivered, r, m.clickRate, typical(m.clickRate)),
        numContactsUnique: rateCount(sent, r, m.uniqueRate),
        cost: (chunks * k.smsPricePerChunk) / 10_000,
      };
      return correctRowBy(row, L.sms, permille);
    });
}

/** GET /v2/sms/stats/campaign rows (data.campaigns), ordered by statsDate, campaignId. */
export function smsCampaignStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): SmsCampaignRow[] {
  return perDay(project, dateFrom, dateTo, now, opts, (p, d, f) => smsDay(p, d, f).campaigns);
}

/** GET /v2/sms/stats/application rows (data.sendings): per day, the sum of that day's campaign rows. */
export function smsApplicationStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): SmsRow[] {
  return perDay(project, dateFrom, dateTo, now, opts, (p, d, f) => {
    const app = smsDay(p, d, f).app;
    return app ? [app] : [];
  });
}

function sumFields<T extends object>(rows: readonly T[], fields: readonly (keyof T & string)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fields) out[f] = rows.reduce((a, r) => a + (r[f] as number), 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Email (v2).

export interface EmailRow {
  statsDate: string;
  numContactsSent: number;
  numContactsDelivered: number;
  numContactsOpened: number;
  numContactsClicked: number;
  numContactsSpammed: number;
  numContactsSoftBounced: number;
  numContactsHardBounced: number;
  numContactsBlocked: number;
  numContactsUnsubscribed: number;
}
export interface EmailCampaignRow extends EmailRow {
  campaignId: number;
}
const EMAIL_FIELDS = [
  'numContactsSent', 'numContactsDelivered', 'numContactsOpened', 'numContactsClicked', 'numContactsSpammed',
  'numContactsSoftBounced', 'numContactsHardBounced', 'numContactsBlocked', 'numContactsUnsubscribed',
] as const;

/** Email campaign rows of one day, ordered by campaignId. sent = delivered + soft + hard bounces + blocked. */
export function emailCampaignDay(project: SimProject, date: string, now: Date, opts: GenOptions = {}): EmailCampaignRow[] {
  return emailDay(project, date, correctionsAt(project, now, opts)(date)).campaigns.slice();
}

/** The email campaign rows of a day (late-correction factor `permille`) and their application row, memoised. */
function emailDay(project: SimProject, date: string, permille: number): ChannelDay<EmailCampaignRow, EmailRow> {
  return memo(emailCache, dayKey(project, date, permille), () => {
    const campaigns = generateEmailCampaignDay(project, date, permille);
    if (campaigns.length === 0) return { campaigns: frozenRows(campaigns), app: null };
    const app: EmailRow = { statsDate: date, ...(sumFields(campaigns, EMAIL_FIELDS) as Omit<EmailRow, 'statsDate'>) };
    return { campaigns: frozenRows(campaigns), app: Object.freeze(app) };
  });
}

function generateEmailCampaignDay(project: SimProject, date: string, permille: number): EmailCampaignRow[] {
  if (!usesChannel(project, 'email') || date < project.createdAt) return [];
  const k = channelKnobs(project);
  const m = EMAIL_MODEL;
  const base = channelBase(project, date, 'email', k.email, m.weekdayFactor, m.noise);
  return campaignsRunning(project, date, 'email')
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const r = rng(project.id, date, 'email', c.id);
      const sent = Math.max(0, Math.round(campaignVolume(project, c, date, base, m.alwaysOnShare, m.campaignShare)));
      const hard = rateCount(sent, r, m.hardBounce);
      const soft = rateCount(sent, r, m.softBounce);
      const blocked = rateCount(sent, r, m.blocked);
      const delivered = Math.max(0, sent - hard - soft - blocked);
      const opened = rateCount(delivered, r, m.openRate, k.emailOpenRate);
      const row: EmailCampaignRow = {
        statsDate: date,
        campaignId: c.id,
        numContactsSent: sent,
        numContactsDelivered: delivered,
        numContactsOpened: opened,
        numContactsClicked: rateCount(opened, r, m.clickToOpen),
        numContactsSpammed: rateCount(delivered, r, m.spamRate),
        numContactsSoftBounced: soft,
        numContactsHardBounced: hard,
        numContactsBlocked: blocked,
        numContactsUnsubscribed: rateCount(delivered, r, m.unsubscribeRate),
      };
      return correctRowBy(row, L.email, permille);
    });
}

/** GET /v2/email/stats/campaign rows (data.campaigns), ordered by statsDate, campaignId. */
export function emailCampaignStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): EmailCampaignRow[] {
  return perDay(project, dateFrom, dateTo, now, opts, (p, d, f) => emailDay(p, d, f).campaigns);
}

/** GET /v2/email/stats/application rows (data.sendings): per day, the sum of that day's campaign rows. */
export function emailApplicationStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): EmailRow[] {
  return perDay(project, dateFrom, dateTo, now, opts, (p, d, f) => {
    const app = emailDay(p, d, f).app;
    return app ? [app] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// In-app.

export interface InAppRow {
  statsDate: string;
  campaignId: number;
  platformGroup: PlatformGroup;
  numImpressions: number;
  numClicks: number;
  numDismissed: number;
}

/** GET /v1/inApp/stats rows (running in-app campaigns only), ordered by statsDate, campaignId, platformGroup. */
export function inAppStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): InAppRow[] {
  if (!usesChannel(project, 'inapp')) return [];
  return perDay(project, dateFrom, dateTo, now, opts, (p, d, f) => memo(inAppCache, dayKey(p, d, f), () => frozenRows(inAppDay(p, d, f))));
}

function inAppDay(project: SimProject, d: string, permille: number): InAppRow[] {
  const k = channelKnobs(project);
  const m = INAPP_MODEL;
  const platforms = enabledPlatforms(project);
  const weights = platformWeights(project, platforms);
  const base = channelBase(project, d, 'inapp', k.inapp, m.weekdayFactor, m.noise);
  return campaignsRunning(project, d, 'inapp')
    .sort((a, b) => a.id - b.id)
    .flatMap((c) => {
      const r = rng(project.id, d, 'inapp', c.id);
      const total = Math.max(0, Math.round(base * dayWeight(c, d) * jitter(r, CAMPAIGN_MODEL.volumeNoise)));
      const split = apportion(total, weights);
      return platforms.map((p, i) => {
        const imp = at(split, i);
        const row: InAppRow = {
          statsDate: d,
          campaignId: c.id,
          platformGroup: p,
          numImpressions: imp,
          numClicks: rateCount(imp, r, m.clickRate),
          numDismissed: rateCount(imp, r, m.dismissRate),
        };
        return correctRowBy(row, L.inapp, permille);
      });
    });
}

// ---------------------------------------------------------------------------------------------
// Wallet.

export type WalletPlatform = 'apple' | 'google';
export interface WalletRow {
  statsDate: string;
  platform: WalletPlatform;
  numPassesIssued: number;
  numPassesInstalled: number;
  numPassesUninstalled: number;
  numPassUpdatesSent: number;
}

/** GET /v1/wallet/stats rows, ordered by statsDate, platform (apple from iOS, google from Android). */
export function walletStats(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): WalletRow[] {
  if (!usesChannel(project, 'wallet')) return [];
  return perDay(project, dateFrom, dateTo, now, opts, (p, d, f) => memo(walletCache, dayKey(p, d, f), () => frozenRows(walletDay(p, d, f))));
}

function walletDay(project: SimProject, d: string, permille: number): WalletRow[] {
  const k = channelKnobs(project);
  const m = WALLET_MODEL;
  const platforms: [WalletPlatform, PlatformGroup][] = [];
  if (project.iosEnabled) platforms.push(['apple', 'ios']);
  if (project.androidEnabled) platforms.push(['google', 'android']);
  const weights = platforms.map(([, p]) => Math.max(1, Math.round(project.platformShare[p] * 1000)));
  const boost = campaignsRunning(project, d, 'wallet').reduce((a, c) => a + dayWeight(c, d), 0);
  const issued = Math.max(0, Math.round(channelBase(project, d, 'wallet', k.wallet, m.weekdayFactor, m.noise) * (1 + m.campaignBoost * boost)));
  const split = apportion(issued, weights);
  const alive = Math.round(k.wallet * growth(project, d) * m.activeDays);
  const aliveSplit = apportion(alive, weights);
  return platforms.map(([platform], i) => {
    const r = rng(project.id, d, 'wallet', platform);
    const n = at(split, i);
    const installed = rateCount(n, r, m.installedRate);
    const row: WalletRow = {
      statsDate: d,
      platform,
      numPassesIssued: n,
      numPassesInstalled: installed,
      numPassesUninstalled: rateCount(installed, r, m.uninstalledRate),
      numPassUpdatesSent: rateCount(at(aliveSplit, i), r, m.updateRate),
    };
    return correctRowBy(row, L.wallet, permille);
  });
}

// ---------------------------------------------------------------------------------------------
// Journeys.

export interface JourneyStatsData {
  userFlow: { nodeId: string; users: number }[];
  nodes: {
    nodeId: string;
    campaignId: number;
    campaignName: string;
    campaignType: string;
    sent: number;
    opened: number | null;
    clicked: number;
    ctr: number;
    platforms: string[];
  }[];
}

/**
 * GET /v1/journey/{id}/stats data over the window (∩ the journey's running days): users per step
 * (userFlow starts with the entry step `start`), and per campaign node sent, opened (email nodes only,
 * else null), clicked and ctr = clicked ÷ sent (4 decimals; 0 without sends).
 */
export function journeyStats(project: SimProject, journey: SimJourney, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): JourneyStatsData {
  const J = JOURNEY_MODEL;
  const k = channelKnobs(project);
  const n = journey.nodes.length;
  const users = new Array<number>(n + 1).fill(0);
  const sent = new Array<number>(n).fill(0);
  const opened = new Array<number>(n).fill(0);
  const clicked = new Array<number>(n).fill(0);
  const factor = correctionsAt(project, now, opts);
  for (const d of servedDates(project, dateFrom, dateTo, now)) {
    if (d < journey.start || (journey.end !== null && d > journey.end)) continue;
    const r = rng(project.id, d, 'journey', journey.id);
    const f = factor(d);
    let u = Math.max(0, Math.round(journey.entriesPerDay * growth(project, d) * at(J.weekdayFactor, weekday(d)) * jitter(r, J.entryNoise)));
    users[0] = at(users, 0) + u;
    journey.nodes.forEach((node, i) => {
      u = Math.floor(u * Math.min(1, node.retention * jitter(r, J.retentionNoise)));
      users[i + 1] = at(users, i + 1) + u;
      const s = rateCount(u, r, J.deliverability);
      let o = 0;
      let c: number;
      if (node.campaignType === 'email') {
        o = rateCount(s, r, EMAIL_MODEL.openRate, k.emailOpenRate);
        c = rateCount(o, r, EMAIL_MODEL.clickToOpen);
      } else {
        c = rateCount(s, r, J.clickRate[node.campaignType] ?? at(Object.values(J.clickRate), 0));
      }
      sent[i] = at(sent, i) + s;
      opened[i] = at(opened, i) + scaled(o, f);
      clicked[i] = at(clicked, i) + scaled(c, f);
    });
  }
  const platformsOf = (type: string): string[] =>
    type === 'push' || type === 'inapp' ? enabledPlatforms(project) : [type];
  return {
    userFlow: [{ nodeId: 'start', users: at(users, 0) }, ...journey.nodes.map((node, i) => ({ nodeId: node.nodeId, users: at(users, i + 1) }))],
    nodes: journey.nodes.map((node, i) => ({
      nodeId: node.nodeId,
      campaignId: node.campaignId,
      campaignName: node.campaignName,
      campaignType: node.campaignType,
      sent: at(sent, i),
      opened: node.campaignType === 'email' ? at(opened, i) : null,
      clicked: at(clicked, i),
      ctr: at(sent, i) > 0 ? round4(at(clicked, i) / at(sent, i)) : 0,
      platforms: platformsOf(node.campaignType),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Channel totals (for reconciliation tests).

export type Channel = 'push' | 'inapp' | 'sms' | 'email' | 'chat' | 'wallet';
export const CHANNELS: readonly Channel[] = ['push', 'inapp', 'sms', 'email', 'chat', 'wallet'];

/**
 * Totals the API serves for a project, channel and window at `now`: the sum of every numeric field of
 * the channel's daily endpoint (push: dateStats daily; in-app: inApp/stats; SMS and email: the v2
 * application rows; wallet: wallet/stats; chat: chat/stats daily with actor = channel = all, plus
 * totalMessages). SMS cost is rounded to 4 decimals.
 */
export function channelTotals(project: SimProject, channel: Channel, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): Record<string, number> {
  const sum = (rows: readonly object[]) => {
    const out: Record<string, number> = {};
    for (const row of rows) {
      for (const [k, v] of Object.entries(row)) {
        if (typeof v === 'number' && k !== 'campaignId') out[k] = (out[k] ?? 0) + v;
      }
    }
    return out;
  };
  switch (channel) {
    case 'push':
      return { numDevicesSent: 0, numDevicesSuccess: 0, numDevicesReceived: 0, numDevicesClicked: 0, ...sum(dateStats(project, dateFrom, dateTo, 'daily', now, opts)) };
    case 'inapp':
      return { numImpressions: 0, numClicks: 0, numDismissed: 0, ...sum(inAppStats(project, dateFrom, dateTo, now, opts)) };
    case 'sms': {
      const t = { numContactsSent: 0, numContactsDelivered: 0, numContactsRejected: 0, numChunks: 0, numContactsClicked: 0, numContactsUnique: 0, cost: 0, ...sum(smsApplicationStats(project, dateFrom, dateTo, now, opts)) };
      t.cost = round4((t.numChunks * channelKnobs(project).smsPricePerChunk) / 10_000);
      return t;
    }
    case 'email':
      return { ...Object.fromEntries(EMAIL_FIELDS.map((f) => [f, 0])), ...sum(emailApplicationStats(project, dateFrom, dateTo, now, opts)) };
    case 'wallet':
      return { numPassesIssued: 0, numPassesInstalled: 0, numPassesUninstalled: 0, numPassUpdatesSent: 0, ...sum(walletStats(project, dateFrom, dateTo, now, opts)) };
    case 'chat': {
      const s = chatStats(project, dateFrom, dateTo, now, {}, opts);
      return { sent: 0, delivered: 0, read: 0, ...sum(s.daily), totalMessages: s.totalMessages };
    }
  }
}
