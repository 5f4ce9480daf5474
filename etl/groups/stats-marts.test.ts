/**
 * The marts of the statistics groups as the BFF sees them: ig_reader reads exactly the rows of the
 * project its transaction is scoped to (none without a scope), cannot write them, cannot read their
 * staging tables nor call the loaders' merge functions; and channel_daily takes exactly the channel
 * names of docs/adr/007 (the other groups engineer writes 'chat' rows into it).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsDatabase, type StatsDatabase } from './stats-testkit.js';

const [A, B] = [200_001, 200_002];
const MARTS = ['marts.channel_daily', 'marts.campaign_daily', 'marts.campaign_totals', 'marts.push_hourly', 'marts.devices_daily'];
const STAGING = [
  'staging.push_hourly',
  'staging.push_campaign_daily',
  'staging.inapp_daily',
  'staging.sms_daily',
  'staging.sms_campaign_daily',
  'staging.email_daily',
  'staging.email_campaign_daily',
  'staging.wallet_daily',
  'staging.devices_daily',
];

let t: StatsDatabase;
let api: pg.Client;

beforeAll(async () => {
  t = await statsDatabase([
    { id: A, timeZone: 'Europe/Madrid' },
    { id: B, timeZone: 'America/Bogota' },
  ]);
  for (const p of [A, B]) {
    await t.etl.query(
      `INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent) VALUES ($1, 'sms', '2026-03-01', 'all', 1), ($1, 'push', '2026-03-01', 'ios', 2)`,
      [p],
    );
    await t.etl.query(`INSERT INTO marts.campaign_daily (project_id, channel, campaign_id, day, platform, sent) VALUES ($1, 'sms', 7, '2026-03-01', 'all', 1)`, [p]);
    await t.etl.query(`INSERT INTO marts.campaign_totals (project_id, channel, campaign_id, first_day, last_day, days, sent) VALUES ($1, 'sms', 7, '2026-03-01', '2026-03-01', 1, 1)`, [p]);
    await t.etl.query(
      `INSERT INTO marts.push_hourly (project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked) VALUES ($1, '2026-03-01', 9, 'ios', '2026-03-01T08:00Z', 5, 5, 4, 1)`,
      [p],
    );
    await t.etl.query(`INSERT INTO marts.devices_daily (project_id, day, platform, new, active, unregistered) VALUES ($1, '2026-03-01', 'web', 1, 2, 0)`, [p]);
  }
  api = new pg.Client(t.db.apiUrl);
  await api.connect();
});
afterAll(async () => {
  await api?.end();
  await t?.close();
});

/** `sql` as ig_reader in a read-only transaction scoped to `project` (or to nothing). */
async function asReader(project: string | null, sql: string) {
  await api.query('BEGIN READ ONLY; SET LOCAL ROLE ig_reader');
  try {
    if (project !== null) await api.query(`SELECT set_config('app.project_id', $1, true)`, [project]);
    return (await api.query(sql)).rows;
  } finally {
    await api.query('ROLLBACK');
  }
}

describe('the statistics marts under row-level security', () => {
  const cases = MARTS.flatMap((table) => [
    { table, project: String(A), expected: [A] },
    { table, project: String(B), expected: [B] },
    { table, project: null, expected: [] },
    { table, project: '', expected: [] },
  ]);
  it.each(cases)('ig_reader scoped to $project sees only its rows of $table', async ({ table, project, expected }) => {
    const rows = await asReader(project, `SELECT DISTINCT project_id FROM ${table} ORDER BY 1`);
    expect(rows.map((r) => Number(r.project_id))).toEqual(expected);
  });

  it('ig_api reads none of them without the reader role; ig_reader writes none of them', async () => {
    for (const table of MARTS) await expect(api.query(`SELECT 1 FROM ${table} LIMIT 1`)).rejects.toThrow(/permission denied/);
    await api.query('BEGIN; SET LOCAL ROLE ig_reader');
    try {
      await api.query(`SELECT set_config('app.project_id', '${A}', true)`);
      await expect(api.query(`DELETE FROM marts.channel_daily`)).rejects.toThrow(/permission denied/);
    } finally {
      await api.query('ROLLBACK');
    }
  });

  it.each(STAGING)('ig_reader cannot read %s', async (table) => {
    await expect(asReader(String(A), `SELECT 1 FROM ${table} LIMIT 1`)).rejects.toThrow(/permission denied/);
  });

  it("ig_reader cannot call the loaders' merge functions", async () => {
    for (const fn of ['merge_channel_daily', 'merge_campaign_daily']) {
      await expect(asReader(String(A), `SELECT marts.${fn}(${A}, 'sms', '2026-03-01', '2026-03-01', '[]')`)).rejects.toThrow(/permission denied/);
    }
  });
});

describe('marts.channel_daily and the merge functions', () => {
  it('take the six channel names only', async () => {
    await expect(t.etl.query(`INSERT INTO marts.channel_daily (project_id, channel, day, platform) VALUES (${A}, 'whatsapp', '2026-03-02', 'all')`)).rejects.toThrow(
      /channel_daily_channel_check/,
    );
  });

  it('refuse rows of another channel, another project or outside the window, and change nothing then', async () => {
    const merge = (rows: unknown[]) => t.etl.query(`SELECT marts.merge_channel_daily($1, 'sms', '2026-03-01', '2026-03-01', $2) AS n`, [A, JSON.stringify(rows)]);
    await expect(merge([{ day: '2026-03-01', platform: 'all', channel: 'push', sent: 1 }])).rejects.toThrow(/outside project/);
    await expect(merge([{ day: '2026-03-01', platform: 'all', project_id: B, sent: 1 }])).rejects.toThrow(/outside project/);
    await expect(merge([{ day: '2026-03-02', platform: 'all', sent: 1 }])).rejects.toThrow(/outside project/);
    const { rows } = await t.owner.query(`SELECT channel, sent FROM marts.channel_daily WHERE project_id = $1 ORDER BY channel`, [A]);
    expect(rows).toEqual([
      { channel: 'push', sent: 2 },
      { channel: 'sms', sent: 1 },
    ]);
  });

  it('replace only their channel: an empty merge of sms empties sms and leaves push', async () => {
    const db = await t.etl.connect();
    try {
      await db.query('BEGIN');
      const { rows } = await db.query(`SELECT marts.merge_channel_daily($1, 'sms', '2026-03-01', '2026-03-01', NULL) AS n`, [A]);
      expect(rows).toEqual([{ n: 1 }]);
      const left = await db.query(`SELECT channel FROM marts.channel_daily WHERE project_id = $1`, [A]);
      expect(left.rows).toEqual([{ channel: 'push' }]);
    } finally {
      await db.query('ROLLBACK');
      db.release();
    }
  });
});
