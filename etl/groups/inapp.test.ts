/**
 * The in-app group on a real database: API-shaped GET /v1/inApp/stats payloads (per campaign, day and
 * platform) → staging.inapp_daily → the inapp rows of marts.channel_daily (summed over campaigns),
 * marts.campaign_daily and marts.campaign_totals, with the group's data tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Window } from '../pipeline/types.js';
import { inapp, inAppStats } from './inapp.js';
import { inAppRows, v1, type Row } from './stats-fixtures.js';
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
  type StatsDatabase,
} from './stats-testkit.js';

const P = 100_303;
const W1: Window = { from: '2026-03-01', to: '2026-03-10' };
const W2: Window = { from: '2026-03-11', to: '2026-03-20' };
const [C1, C2] = [P * 1000 + 201, P * 1000 + 202];

let t: StatsDatabase;

const payloads = (w: Window, rows = inAppRows(P, w)) => [{ endpoint: inAppStats, payload: v1(rows) }];

/** In-app messages are shown, not sent: impressions, clicked (numClicks), dismissed (docs/adr/007). */
const campaignRow = (r: Row) => ({
  campaign_id: r.campaignId,
  day: r.statsDate,
  platform: r.platformGroup,
  impressions: r.numImpressions,
  clicked: r.numClicks,
  dismissed: r.numDismissed,
});

/** channel_daily: the campaign rows summed per day and platform. */
function channelRows(rows: Row[]) {
  const by = new Map<string, Record<string, string | number>>();
  for (const r of rows) {
    const k = `${r.statsDate}|${r.platformGroup}`;
    const c = by.get(k) ?? { day: r.statsDate!, platform: r.platformGroup!, impressions: 0, clicked: 0, dismissed: 0 };
    (c.impressions as number) += r.numImpressions as number;
    (c.clicked as number) += r.numClicks as number;
    (c.dismissed as number) += r.numDismissed as number;
    by.set(k, c);
  }
  return sortBy([...by.values()], 'day', 'platform');
}

const mart = (table: string, order: string, where = "channel = 'inapp'") => martRows(t.owner, table, P, where, order);

beforeAll(async () => {
  t = await statsDatabase([{ id: P, timeZone: 'America/Mexico_City' }]);
  await t.etl.query(`INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent, delivered, clicked, accepted)
                     VALUES ($1, 'push', '2026-03-02', 'android', 10, 9, 1, 9)`, [P]);
});
afterAll(async () => t?.close());

describe('inapp group', () => {
  it('loads two windows: campaign rows per platform, channel rows summed over campaigns, totals per campaign', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, inapp, P, w, payloads(w))).toMatchObject({ committed: true, failures: [], rawInserted: 1 });
    }
    const rows = inAppRows(P, { from: W1.from, to: W2.to });
    expect(await mart('channel_daily', 'day, platform')).toEqual(channelRows(rows));
    const daily = sortBy(rows.map(campaignRow), 'campaign_id', 'day', 'platform');
    expect(await mart('campaign_daily', 'campaign_id, day, platform')).toEqual(daily);
    expect(await mart('campaign_totals', 'campaign_id')).toEqual(expectedTotals(daily));
    expect(await mart('channel_daily', 'day', "channel = 'push'")).toEqual([
      { day: '2026-03-02', platform: 'android', sent: 10, delivered: 9, clicked: 1, accepted: 9 },
    ]);
  });

  it('a second run of the same payloads changes nothing', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, inapp, P, w, payloads(w))).toEqual({ rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures: [], committed: true });
    }
  });

  it('a revised payload rewrites only the rows that changed', async () => {
    const where = "project_id = $1 AND channel = 'inapp'";
    const before = {
      channel: await rowVersions(t.owner, 'marts.channel_daily', ['day', 'platform'], where, [P]),
      campaign: await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day', 'platform'], where, [P]),
      totals: await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], where, [P]),
    };
    // More clicks for campaign 2 on iOS on 03-06; campaign 1's Android row of 03-02 withdrawn.
    const rows = inAppRows(P, W1)
      .filter((r) => !(r.campaignId === C1 && r.statsDate === '2026-03-02' && r.platformGroup === 'android'))
      .map((r) => (r.campaignId === C2 && r.statsDate === '2026-03-06' && r.platformGroup === 'ios' ? { ...r, numClicks: (r.numClicks as number) + 3 } : r));
    expect(await refresh(t.etl, inapp, P, W1, payloads(W1, rows))).toEqual({ rawInserted: 1, stagingChanged: 2, martsChanged: 6, failures: [], committed: true });
    expect(changedKeys(before.channel, await rowVersions(t.owner, 'marts.channel_daily', ['day', 'platform'], where, [P]))).toEqual([
      '2026-03-02|android',
      '2026-03-06|ios',
    ]);
    expect(changedKeys(before.campaign, await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day', 'platform'], where, [P]))).toEqual([
      `${C1}|2026-03-02|android`,
      `${C2}|2026-03-06|ios`,
    ]);
    expect(changedKeys(before.totals, await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], where, [P]))).toEqual([`${C1}`, `${C2}`]);
    expect(await mart('channel_daily', 'day, platform')).toEqual(channelRows(rows.concat(inAppRows(P, W2))));
  });

  const day = "project_id = 100303 AND channel = 'inapp' AND day = '2026-03-03'";
  const violations = [
    ...martViolations({ model: 'channel_daily_inapp', table: 'channel_daily', rows: day, required: 'impressions', foreign: 'sent', badValue: "platform = platform || 'os'" }, P),
    ...martViolations({ model: 'campaign_daily_inapp', table: 'campaign_daily', rows: day, required: 'dismissed', foreign: 'delivered', badValue: "platform = 'all_' || platform" }, P),
    ...totalsViolations('inapp', P, 'impressions'),
  ];

  it('every data test of the group has a planted violation below, and passes on the loaded data', async () => {
    expect(new Set(violations.map((v) => v.test))).toEqual(new Set(inapp.dataTests));
    for (const v of violations) expect(await failingRowsAfter(t.owner, { ...v, plant: [] }, P, W1), v.test).toBe(0);
  });

  it.each(violations)('$test catches $what', async (v) => {
    expect(await failingRowsAfter(t.owner, v, P, W1)).toBeGreaterThan(0);
  });
});
