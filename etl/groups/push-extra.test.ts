/**
 * The push extras on a real database, inside the push group as its owner merges them (push.ts +
 * push-extra.ts): API-shaped daily and hourly dateStats and campaign stats → staging →
 * marts.push_hourly (the heatmap's source), the push rows of marts.channel_daily,
 * marts.campaign_daily and marts.campaign_totals, with every data test of the group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitWindows } from '../../lib/dates.js';
import type { GroupSpec, Window } from '../pipeline/types.js';
import { push } from './push.js';
import { dateStatsHourly, pushCampaignStats, pushExtraDataTests } from './push-extra.js';
import { dateStatsDailyRows, dateStatsHourlyRows, pushCampaignStatsRows, v1, type Row } from './stats-fixtures.js';
import {
  changedKeys,
  expectedTotals,
  failingRowsAfter,
  martRows,
  martViolations,
  refresh,
  rowVersions,
  sortBy,
  statsDatabase,
  totalsViolations,
  type Payload,
  type StatsDatabase,
} from './stats-testkit.js';

const P = 100_306;
const W1: Window = { from: '2026-03-01', to: '2026-03-10' };
const W2: Window = { from: '2026-03-11', to: '2026-03-20' };
/** Madrid moves to summer time on Sunday 2026-03-29 at 02:00 (01:00 UTC). */
const DST: Window = { from: '2026-03-27', to: '2026-03-31' };
const C2 = P * 1000 + 102;

const pushGroup: GroupSpec = push;
const [dateStatsDaily] = push.endpoints as [GroupSpec['endpoints'][number]];

let t: StatsDatabase;

/** What the pipeline fetches for a window: daily dateStats, hourly dateStats per ≤ 7 days, campaign stats. */
function payloads(w: Window, revise: { hourly?: (r: Row) => Row; campaigns?: (r: Row) => Row } = {}): Payload[] {
  return [
    { endpoint: dateStatsDaily, payload: v1(dateStatsDailyRows(P, w)) },
    ...splitWindows(w.from, w.to, dateStatsHourly.maxWindowDays!).map((sub) => ({
      endpoint: dateStatsHourly,
      window: sub,
      payload: v1(dateStatsHourlyRows(P, sub).map(revise.hourly ?? ((r) => r))),
    })),
    { endpoint: pushCampaignStats, payload: v1(pushCampaignStatsRows(P, w).map(revise.campaigns ?? ((r) => r))) },
  ];
}

/** docs/adr/003 and 007: delivered = numDevicesReceived, accepted = numDevicesSuccess; push has no "opened". */
const channelRow = (r: Row) => ({
  day: r.statsDate,
  platform: r.platformGroup,
  sent: r.numDevicesSent,
  delivered: r.numDevicesReceived,
  clicked: r.numDevicesClicked,
  accepted: r.numDevicesSuccess,
});
const campaignRow = (r: Row) => ({ campaign_id: r.campaignId, ...channelRow(r), errors: r.numErrors });
const hourlyRow = (r: Row) => ({
  day: r.statsDate,
  hour: r.statsHour,
  platform: r.platformGroup,
  sent: r.numDevicesSent,
  success: r.numDevicesSuccess,
  received: r.numDevicesReceived,
  clicked: r.numDevicesClicked,
});

const mart = (table: string, order: string, where = "channel = 'push'") => martRows(t.owner, table, P, where, order);

beforeAll(async () => {
  t = await statsDatabase([{ id: P, timeZone: 'Europe/Madrid' }]);
});
afterAll(async () => t?.close());

describe('push extras (hourly dateStats, campaign stats, push in channel_daily)', () => {
  it('are part of the push group, after its daily endpoint, model and tests', () => {
    expect(push.endpoints.map((e) => e.name)).toEqual(['push.dateStats.daily', 'push.dateStats.hourly', 'push.campaignStats']);
    expect(push.martModels[0]).toBe('push_daily.sql');
    expect(push.dataTests).toEqual(expect.arrayContaining(pushExtraDataTests));
  });

  it('loads two windows into push_hourly, the push rows of channel_daily, campaign_daily and campaign_totals', async () => {
    for (const w of [W1, W2]) {
      // W1 is 10 days: two hourly payloads (7 + 3 days), each loaded with its own request window.
      expect(await refresh(t.etl, pushGroup, P, w, payloads(w))).toMatchObject({ committed: true, failures: [], rawInserted: 4 });
    }
    const all: Window = { from: W1.from, to: W2.to };
    const { rows: hourly } = await t.owner.query(
      `SELECT day, hour, platform, sent, success, received, clicked FROM marts.push_hourly WHERE project_id = $1 ORDER BY day, hour, platform`,
      [P],
    );
    expect(hourly).toEqual(dateStatsHourlyRows(P, all).map(hourlyRow));
    expect(await mart('channel_daily', 'day, platform')).toEqual(dateStatsDailyRows(P, all).map(channelRow));
    const daily = sortBy(pushCampaignStatsRows(P, all).map(campaignRow), 'campaign_id', 'day', 'platform');
    expect(await mart('campaign_daily', 'campaign_id, day, platform')).toEqual(daily);
    expect(await mart('campaign_totals', 'campaign_id')).toEqual(expectedTotals(daily));
  });

  it("stores each local hour's start in UTC from the project's time zone, across a daylight-saving change", async () => {
    expect(await refresh(t.etl, pushGroup, P, DST, payloads(DST))).toMatchObject({ committed: true, failures: [] });
    const { rows } = await t.owner.query(
      `SELECT day || ' ' || hour AS local, to_char(hour_start_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS utc
       FROM marts.push_hourly WHERE project_id = $1 AND platform = 'android' AND (day, hour) IN
         (('2026-03-28', 10), ('2026-03-29', 0), ('2026-03-29', 1), ('2026-03-29', 3), ('2026-03-29', 23), ('2026-03-30', 10))
       ORDER BY day, hour`,
      [P],
    );
    expect(rows).toEqual([
      { local: '2026-03-28 10', utc: '2026-03-28T09:00Z' }, // CET, UTC+1
      { local: '2026-03-29 0', utc: '2026-03-28T23:00Z' },
      { local: '2026-03-29 1', utc: '2026-03-29T00:00Z' },
      { local: '2026-03-29 3', utc: '2026-03-29T01:00Z' }, // CEST from here, UTC+2
      { local: '2026-03-29 23', utc: '2026-03-29T21:00Z' },
      { local: '2026-03-30 10', utc: '2026-03-30T08:00Z' },
    ]);
  });

  it('the heatmap of any period is one GROUP BY weekday and hour over push_hourly', async () => {
    const { rows } = await t.owner.query(
      `SELECT extract(isodow FROM day)::int AS weekday, hour, sum(sent)::int AS sent, sum(clicked)::int AS clicked
       FROM marts.push_hourly WHERE project_id = $1 AND day BETWEEN '2026-03-02' AND '2026-03-15'
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [P],
    );
    const expected = new Map<string, { weekday: number; hour: number; sent: number; clicked: number }>();
    for (const r of dateStatsHourlyRows(P, { from: '2026-03-02', to: '2026-03-15' })) {
      const weekday = ((new Date(`${r.statsDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // ISO: Monday 1 … Sunday 7
      const k = `${weekday}|${r.statsHour}`;
      const e = expected.get(k) ?? { weekday, hour: r.statsHour as number, sent: 0, clicked: 0 };
      e.sent += r.numDevicesSent as number;
      e.clicked += r.numDevicesClicked as number;
      expected.set(k, e);
    }
    expect(rows).toEqual(sortBy([...expected.values()], 'weekday', 'hour'));
    expect(rows).toHaveLength(7 * 24);
  });

  it('a second run of the same payloads changes nothing', async () => {
    for (const w of [W1, W2, DST]) {
      expect(await refresh(t.etl, pushGroup, P, w, payloads(w))).toEqual({ rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures: [], committed: true });
    }
  });

  it('a revised payload rewrites only the rows that changed', async () => {
    const before = {
      hourly: await rowVersions(t.owner, 'marts.push_hourly', ['day', 'hour', 'platform'], 'project_id = $1', [P]),
      channel: await rowVersions(t.owner, 'marts.channel_daily', ['day', 'platform'], "project_id = $1 AND channel = 'push'", [P]),
      campaign: await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day', 'platform'], "project_id = $1 AND channel = 'push'", [P]),
      totals: await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], "project_id = $1 AND channel = 'push'", [P]),
    };
    const r = await refresh(
      t.etl,
      pushGroup,
      P,
      W1,
      payloads(W1, {
        hourly: (r) => (r.statsDate === '2026-03-09' && r.statsHour === 20 && r.platformGroup === 'ios' ? { ...r, numDevicesClicked: (r.numDevicesClicked as number) + 1 } : r),
        campaigns: (r) => (r.campaignId === C2 && r.statsDate === '2026-03-04' && r.platformGroup === 'android' ? { ...r, numErrors: (r.numErrors as number) + 4 } : r),
      }),
    );
    // New payloads: the second hourly window (03-08..03-10) and the campaign stats; daily is unchanged.
    expect(r).toEqual({ rawInserted: 2, stagingChanged: 2, martsChanged: 3, failures: [], committed: true });
    expect(changedKeys(before.hourly, await rowVersions(t.owner, 'marts.push_hourly', ['day', 'hour', 'platform'], 'project_id = $1', [P]))).toEqual([
      '2026-03-09|20|ios',
    ]);
    expect(changedKeys(before.channel, await rowVersions(t.owner, 'marts.channel_daily', ['day', 'platform'], "project_id = $1 AND channel = 'push'", [P]))).toEqual([]);
    expect(
      changedKeys(before.campaign, await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day', 'platform'], "project_id = $1 AND channel = 'push'", [P])),
    ).toEqual([`${C2}|2026-03-04|android`]);
    expect(changedKeys(before.totals, await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], "project_id = $1 AND channel = 'push'", [P]))).toEqual([`${C2}`]);
  });

  const day = "project_id = 100306 AND channel = 'push' AND day = '2026-03-03'";
  const hour = "project_id = 100306 AND day = '2026-03-03' AND hour = 9";
  const violations = [
    ...martViolations({ model: 'push_hourly', table: 'push_hourly', rows: hour, required: 'clicked', notNullColumn: true, badValue: 'hour = hour + 24' }, P),
    { test: 'push_hourly__accepted_values.sql', what: 'an hour start that is not that local hour', plant: [`UPDATE marts.push_hourly SET hour_start_utc = hour_start_utc + interval '2 hours' WHERE ${hour}`] },
    { test: 'push_hourly__accepted_values.sql', what: 'an unknown platform', plant: [`UPDATE marts.push_hourly SET platform = 'tv' WHERE ${hour} AND platform = 'ios'`] },
    ...martViolations({ model: 'channel_daily_push', table: 'channel_daily', rows: day, required: 'accepted', foreign: 'opened', badValue: "platform = 'all_' || platform" }, P),
    ...martViolations({ model: 'campaign_daily_push', table: 'campaign_daily', rows: day, required: 'errors', foreign: 'impressions', badValue: "platform = 'sms_' || platform" }, P),
    ...totalsViolations('push', P, 'errors'),
  ];

  it('every data test of the push extras has a planted violation below, and they all pass on the loaded data', async () => {
    expect(new Set(violations.map((v) => v.test))).toEqual(new Set(pushExtraDataTests));
    for (const v of violations) expect(await failingRowsAfter(t.owner, { ...v, plant: [] }, P, W1), v.test).toBe(0);
  });

  it.each(violations)('$test catches $what', async (v) => {
    expect(await failingRowsAfter(t.owner, v, P, W1)).toBeGreaterThan(0);
  });
});
