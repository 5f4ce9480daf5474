/**
 * The wallet group on a real database: API-shaped GET /v1/wallet/stats payloads (per day and platform
 * apple|google) → staging.wallet_daily → the wallet rows of marts.channel_daily, with its data tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Window } from '../pipeline/types.js';
import { v1, walletRows, type Row } from './stats-fixtures.js';
import { changedKeys, failingRowsAfter, martRows, martViolations, refresh, rowVersions, statsDatabase, type StatsDatabase } from './stats-testkit.js';
import { wallet, walletStats } from './wallet.js';

const P = 100_304;
const W1: Window = { from: '2026-04-01', to: '2026-04-10' };
const W2: Window = { from: '2026-04-11', to: '2026-04-30' };

let t: StatsDatabase;

const payloads = (w: Window, rows = walletRows(P, w)) => [{ endpoint: walletStats, payload: v1(rows) }];

/** Wallet figures have their own columns; the common measures stay NULL (docs/adr/007). */
const channelRow = (r: Row) => ({
  day: r.statsDate,
  platform: r.platform,
  passes_issued: r.numPassesIssued,
  passes_installed: r.numPassesInstalled,
  passes_uninstalled: r.numPassesUninstalled,
  pass_updates_sent: r.numPassUpdatesSent,
});

beforeAll(async () => {
  t = await statsDatabase([{ id: P, timeZone: 'Europe/Madrid' }]);
});
afterAll(async () => t?.close());

describe('wallet group', () => {
  it('loads two windows into the wallet rows of channel_daily', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, wallet, P, w, payloads(w))).toMatchObject({ committed: true, failures: [], rawInserted: 1 });
    }
    expect(await martRows(t.owner, 'channel_daily', P, "channel = 'wallet'", 'day, platform')).toEqual(
      walletRows(P, { from: W1.from, to: W2.to }).map(channelRow),
    );
  });

  it('a second run of the same payloads changes nothing', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, wallet, P, w, payloads(w))).toEqual({ rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures: [], committed: true });
    }
  });

  it('a revised payload rewrites only the rows that changed', async () => {
    const where = "project_id = $1 AND channel = 'wallet'";
    const before = await rowVersions(t.owner, 'marts.channel_daily', ['day', 'platform'], where, [P]);
    const rows = walletRows(P, W1).map((r) =>
      r.statsDate === '2026-04-05' && r.platform === 'google' ? { ...r, numPassesUninstalled: (r.numPassesUninstalled as number) + 2 } : r,
    );
    expect(await refresh(t.etl, wallet, P, W1, payloads(W1, rows))).toEqual({ rawInserted: 1, stagingChanged: 1, martsChanged: 1, failures: [], committed: true });
    expect(changedKeys(before, await rowVersions(t.owner, 'marts.channel_daily', ['day', 'platform'], where, [P]))).toEqual(['2026-04-05|google']);
  });

  const day = "project_id = 100304 AND channel = 'wallet' AND day = '2026-04-03'";
  const violations = martViolations(
    { model: 'channel_daily_wallet', table: 'channel_daily', rows: day, required: 'passes_installed', foreign: 'delivered', badValue: "platform = 'samsung_' || platform" },
    P,
  );

  it('every data test of the group has a planted violation below, and passes on the loaded data', async () => {
    expect(new Set(violations.map((v) => v.test))).toEqual(new Set(wallet.dataTests));
    for (const v of violations) expect(await failingRowsAfter(t.owner, { ...v, plant: [] }, P, W1), v.test).toBe(0);
  });

  it.each(violations)('$test catches $what', async (v) => {
    expect(await failingRowsAfter(t.owner, v, P, W1)).toBeGreaterThan(0);
  });
});
