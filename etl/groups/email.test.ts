/**
 * The email group on a real database: API-shaped v2 payloads (data.sendings / data.campaigns) →
 * staging → the email rows of marts.channel_daily, marts.campaign_daily and marts.campaign_totals,
 * with the group's data tests, as the pipeline runs them in one transaction per window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Window } from '../pipeline/types.js';
import { email, emailApplicationStats, emailCampaignStats } from './email.js';
import { emailApplicationRows, emailCampaignRows, v2, type Row } from './stats-fixtures.js';
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

const P = 100_302;
const W1: Window = { from: '2026-03-01', to: '2026-03-10' };
const W2: Window = { from: '2026-03-11', to: '2026-03-20' };
const [C1, C2, C3] = [P * 1000 + 401, P * 1000 + 402, P * 1000 + 403];

let t: StatsDatabase;

const payloads = (w: Window, app = emailApplicationRows(P, w), camp = emailCampaignRows(P, w)): Payload[] => [
  { endpoint: emailApplicationStats, payload: v2('sendings', app) },
  { endpoint: emailCampaignStats, payload: v2('campaigns', camp) },
];

/** The mapping of docs/adr/007, written out independently of the SQL. */
const channelRow = (r: Row) => ({
  day: r.statsDate,
  platform: 'all',
  sent: r.numContactsSent,
  delivered: r.numContactsDelivered,
  opened: r.numContactsOpened,
  clicked: r.numContactsClicked,
  bounced: (r.numContactsSoftBounced as number) + (r.numContactsHardBounced as number),
  unsubscribed: r.numContactsUnsubscribed,
  soft_bounced: r.numContactsSoftBounced,
  hard_bounced: r.numContactsHardBounced,
  spam_reports: r.numContactsSpammed,
  blocked: r.numContactsBlocked,
});
const campaignRow = (r: Row) => ({ campaign_id: r.campaignId, ...channelRow(r) });

const mart = (table: string, order: string, where = "channel = 'email'") => martRows(t.owner, table, P, where, order);

beforeAll(async () => {
  t = await statsDatabase([{ id: P, timeZone: 'Europe/Madrid' }]);
  // Rows another group owns in the same marts: an email refresh must never touch them.
  await t.etl.query(`INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent, delivered, opened)
                     VALUES ($1, 'chat', '2026-03-02', 'all', 10, 9, 8), ($1, 'sms', '2026-03-15', 'all', 5, 5, NULL)`, [P]);
  await t.etl.query(`INSERT INTO marts.campaign_daily (project_id, channel, campaign_id, day, platform, sent)
                     VALUES ($1, 'sms', 77, '2026-03-03', 'all', 40)`, [P]);
});
afterAll(async () => t?.close());

describe('email group', () => {
  it('loads two windows into the email rows of channel_daily, campaign_daily and campaign_totals', async () => {
    const others = await rowVersions(t.owner, 'marts.channel_daily', ['channel', 'day'], "project_id = $1 AND channel <> 'email'", [P]);
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, email, P, w, payloads(w))).toMatchObject({ committed: true, failures: [], rawInserted: 2 });
    }
    const all: Window = { from: W1.from, to: W2.to };
    expect(await mart('channel_daily', 'day')).toEqual(emailApplicationRows(P, all).map(channelRow));
    const daily = sortBy(emailCampaignRows(P, all).map(campaignRow), 'campaign_id', 'day');
    expect(await mart('campaign_daily', 'campaign_id, day')).toEqual(daily);
    expect(await mart('campaign_totals', 'campaign_id')).toEqual(expectedTotals(daily));
    expect((await mart('campaign_totals', 'campaign_id')).map((r) => [r.campaign_id, r.first_day, r.last_day, r.days])).toEqual([
      [C1, '2026-03-01', '2026-03-03', 3],
      [C2, '2026-03-02', '2026-03-20', 19],
      [C3, '2026-03-01', '2026-03-05', 5], // started 02-25, before the loaded days
    ]);
    expect(await rowVersions(t.owner, 'marts.channel_daily', ['channel', 'day'], "project_id = $1 AND channel <> 'email'", [P])).toEqual(others);
    expect(await martRows(t.owner, 'campaign_daily', P, "channel = 'sms'", 'day')).toEqual([
      { campaign_id: 77, day: '2026-03-03', platform: 'all', sent: 40 },
    ]);
  });

  it('a second run of the same payloads changes nothing', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, email, P, w, payloads(w))).toEqual({ rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures: [], committed: true });
    }
  });

  it('a revised payload rewrites only the rows that changed; a campaign gone from the window loses its totals', async () => {
    const where = "project_id = $1 AND channel = 'email'";
    const before = {
      channel: await rowVersions(t.owner, 'marts.channel_daily', ['day'], where, [P]),
      campaign: await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day'], where, [P]),
      totals: await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], where, [P]),
    };
    // Opens arrive late for 03-09; campaign 1 (03-01..03-03, only in W1) is withdrawn entirely.
    const app = emailApplicationRows(P, W1).map((r) => (r.statsDate === '2026-03-09' ? { ...r, numContactsOpened: (r.numContactsOpened as number) + 7 } : r));
    const camp = emailCampaignRows(P, W1).filter((r) => r.campaignId !== C1);

    const r = await refresh(t.etl, email, P, W1, payloads(W1, app, camp));
    // staging: 1 day updated + 3 campaign days deleted; marts: the same 4 rows and campaign 1's totals row.
    expect(r).toEqual({ rawInserted: 2, stagingChanged: 4, martsChanged: 5, failures: [], committed: true });
    expect(changedKeys(before.channel, await rowVersions(t.owner, 'marts.channel_daily', ['day'], where, [P]))).toEqual(['2026-03-09']);
    expect(changedKeys(before.campaign, await rowVersions(t.owner, 'marts.campaign_daily', ['campaign_id', 'day'], where, [P]))).toEqual(
      ['2026-03-01', '2026-03-02', '2026-03-03'].map((d) => `${C1}|${d}`),
    );
    expect(changedKeys(before.totals, await rowVersions(t.owner, 'marts.campaign_totals', ['campaign_id'], where, [P]))).toEqual([`${C1}`]);
    expect((await mart('campaign_totals', 'campaign_id')).map((r) => r.campaign_id)).toEqual([C2, C3]);
  });

  const day = "project_id = 100302 AND channel = 'email' AND day = '2026-03-03'";
  const violations = [
    ...martViolations({ model: 'channel_daily_email', table: 'channel_daily', rows: day, required: 'opened', foreign: 'cost', badValue: "platform = 'web'" }, P),
    ...martViolations({ model: 'campaign_daily_email', table: 'campaign_daily', rows: day, required: 'hard_bounced', foreign: 'chunks', badValue: "platform = 'ios'" }, P),
    ...totalsViolations('email', P, 'opened'),
  ];

  it('every data test of the group has a planted violation below, and passes on the loaded data', async () => {
    expect(new Set(violations.map((v) => v.test))).toEqual(new Set(email.dataTests));
    for (const v of violations) expect(await failingRowsAfter(t.owner, { ...v, plant: [] }, P, W1), v.test).toBe(0);
  });

  it.each(violations)('$test catches $what', async (v) => {
    expect(await failingRowsAfter(t.owner, v, P, W1)).toBeGreaterThan(0);
  });
});
