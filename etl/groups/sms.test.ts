/**
 * The SMS group on a real database: API-shaped v2 payloads (rows in data.sendings / data.campaigns)
 * → staging → the sms rows of marts.channel_daily, marts.campaign_daily and marts.campaign_totals,
 * with the group's data tests, as the pipeline runs them in one transaction per window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Window } from '../pipeline/types.js';
import { smsApplicationRows, smsCampaignRows, v2, type Row } from './stats-fixtures.js';
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
import { sms, smsApplicationStats, smsCampaignStats } from './sms.js';

const P = 100_301;
const W1: Window = { from: '2026-03-01', to: '2026-03-10' };
const W2: Window = { from: '2026-03-11', to: '2026-03-20' };

let t: StatsDatabase;

const payloads = (w: Window, app = smsApplicationRows(P, w), camp = smsCampaignRows(P, w)): Payload[] => [
  { endpoint: smsApplicationStats, payload: v2('sendings', app) },
  { endpoint: smsCampaignStats, payload: v2('campaigns', camp) },
];

/** The mapping of docs/adr/007, written out independently of the SQL. */
const channelRow = (r: Row) => ({
  day: r.statsDate,
  platform: 'all',
  sent: r.numContactsSent,
  delivered: r.numContactsDelivered,
  clicked: r.numContactsClicked,
  cost: r.cost,
  rejected: r.numContactsRejected,
  chunks: r.numChunks,
  unique_contacts: r.numContactsUnique,
});
const campaignRow = (r: Row) => ({ campaign_id: r.campaignId, ...channelRow(r) });

const mart = (table: string, order: string, where = "channel = 'sms'") => martRows(t.owner, table, P, where, order);

beforeAll(async () => {
  t = await statsDatabase([{ id: P, timeZone: 'America/Bogota' }]);
  // Rows another group owns in the same marts: an SMS refresh must never touch them.
  await t.etl.query(`INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent, delivered, opened)
                     VALUES ($1, 'chat', '2026-03-02', 'all', 10, 9, 8), ($1, 'email', '2026-03-15', 'all', 5, 5, 1)`, [P]);
});
afterAll(async () => t?.close());

describe('sms group', () => {
  it('loads two windows into the sms rows of channel_daily, campaign_daily and campaign_totals', async () => {
    const others = await rowVersions(t.owner, 'marts.channel_daily', ['channel', 'day'], "project_id = $1 AND channel <> 'sms'", [P]);
    for (const w of [W1, W2]) {
      const r = await refresh(t.etl, sms, P, w, payloads(w));
      expect(r).toMatchObject({ committed: true, failures: [], rawInserted: 2 });
      expect(r.stagingChanged).toBeGreaterThan(0);
    }
    const all: Window = { from: W1.from, to: W2.to };
    expect(await mart('channel_daily', 'day')).toEqual(smsApplicationRows(P, all).map(channelRow));
    const daily = sortBy(smsCampaignRows(P, all).map(campaignRow), 'campaign_id', 'day');
    expect(await mart('campaign_daily', 'campaign_id, day')).toEqual(daily);
    // Totals span both windows (campaign 2 runs 03-02..03-20); campaign 3 started before the loaded days.
    expect(await mart('campaign_totals', 'campaign_id')).toEqual(expectedTotals(daily));
    expect(await rowVersions(t.owner, 'marts.channel_daily', ['channel', 'day'], "project_id = $1 AND channel <> 'sms'", [P])).toEqual(others);
  });

  it('a second run of the same payloads changes nothing', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, sms, P, w, payloads(w))).toEqual({ rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures: [], committed: true });
    }
  });

  it('a revised payload rewrites only the rows that changed', async () => {
    const where = "project_id = $1 AND channel = 'sms'";
    const before = {
      channel: await rowVersions(t.owner, 'marts.channel_daily', ['day'], where, [P]),
      campaign: await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day'], where, [P]),
      totals: await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], where, [P]),
    };
    // A late correction of one day, one day gone; one campaign day corrected, one campaign day gone.
    const app = smsApplicationRows(P, W1)
      .filter((r) => r.statsDate !== '2026-03-07')
      .map((r) => (r.statsDate === '2026-03-04' ? { ...r, numContactsDelivered: (r.numContactsDelivered as number) - 5 } : r));
    const [c1, c2] = [P * 1000 + 301, P * 1000 + 302];
    const camp = smsCampaignRows(P, W1)
      .filter((r) => !(r.campaignId === c1 && r.statsDate === '2026-03-02'))
      .map((r) => (r.campaignId === c2 && r.statsDate === '2026-03-05' ? { ...r, cost: (r.cost as number) + 1 } : r));

    const r = await refresh(t.etl, sms, P, W1, payloads(W1, app, camp));
    expect(r).toEqual({ rawInserted: 2, stagingChanged: 4, martsChanged: 6, failures: [], committed: true });
    expect(changedKeys(before.channel, await rowVersions(t.owner, 'marts.channel_daily', ['day'], where, [P]))).toEqual(['2026-03-04', '2026-03-07']);
    expect(changedKeys(before.campaign, await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day'], where, [P]))).toEqual(
      [`${c1}|2026-03-02`, `${c2}|2026-03-05`],
    );
    expect(changedKeys(before.totals, await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], where, [P]))).toEqual([`${c1}`, `${c2}`]);
    expect(await mart('campaign_totals', 'campaign_id')).toEqual(expectedTotals(camp.concat(smsCampaignRows(P, W2)).map(campaignRow)));
  });

  it('an SMS day that disappears from the application stats is removed from channel_daily', async () => {
    expect(await mart('channel_daily', 'day', "channel = 'sms' AND day = '2026-03-07'")).toEqual([]);
    const [cost] = await mart('channel_daily', 'day', "channel = 'sms' AND day = '2026-03-04'");
    expect(cost).toMatchObject({ delivered: (smsApplicationRows(P, W1)[3]!.numContactsDelivered as number) - 5 });
  });

  const day = "project_id = 100301 AND channel = 'sms' AND day = '2026-03-03'";
  const violations = [
    ...martViolations({ model: 'channel_daily_sms', table: 'channel_daily', rows: day, required: 'cost', foreign: 'impressions', badValue: "platform = 'android'" }, P),
    ...martViolations({ model: 'campaign_daily_sms', table: 'campaign_daily', rows: day, required: 'sent', foreign: 'opened', badValue: "platform = 'ios'" }, P),
    ...totalsViolations('sms', P, 'cost'),
  ];

  it('every data test of the group has a planted violation below, and passes on the loaded data', async () => {
    expect(new Set(violations.map((v) => v.test))).toEqual(new Set(sms.dataTests));
    for (const v of violations) expect(await failingRowsAfter(t.owner, { ...v, plant: [] }, P, W1), v.test).toBe(0);
  });

  it.each(violations)('$test catches $what', async (v) => {
    expect(await failingRowsAfter(t.owner, v, P, W1)).toBeGreaterThan(0);
  });
});
