/**
 * The devices group on a real database: API-shaped GET /v1/application/{id}/stats/device payloads
 * (≤ 7 days each) → staging.devices_daily → marts.devices_daily, with its data tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Window } from '../pipeline/types.js';
import { devices, deviceStats } from './devices.js';
import { deviceRows, v1, type Row } from './stats-fixtures.js';
import { changedKeys, failingRowsAfter, martRows, martViolations, refresh, rowVersions, statsDatabase, type StatsDatabase } from './stats-testkit.js';

const P = 100_305;
const W1: Window = { from: '2026-03-01', to: '2026-03-07' };
const W2: Window = { from: '2026-03-08', to: '2026-03-14' };

let t: StatsDatabase;

const payloads = (w: Window, rows = deviceRows(P, w)) => [{ endpoint: deviceStats, payload: v1(rows) }];
const martRow = (r: Row) => ({
  day: r.statsDate,
  platform: r.platformGroup,
  new: r.numDevicesNew,
  active: r.numDevicesActive,
  unregistered: r.numDevicesUnregistered,
});

beforeAll(async () => {
  t = await statsDatabase([{ id: P, timeZone: 'America/Bogota' }]);
});
afterAll(async () => t?.close());

describe('devices group', () => {
  it('asks for at most 7 days per request (the API answers 403 beyond)', () => {
    expect(deviceStats.maxWindowDays).toBe(7);
    expect(deviceStats.query(P, W1)).toEqual({ dateFrom: '2026-03-01', dateTo: '2026-03-07' });
  });

  it('loads two windows into marts.devices_daily', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, devices, P, w, payloads(w))).toMatchObject({ committed: true, failures: [], rawInserted: 1 });
    }
    expect(await martRows(t.owner, 'devices_daily', P, 'true', 'day, platform')).toEqual(deviceRows(P, { from: W1.from, to: W2.to }).map(martRow));
  });

  it('a second run of the same payloads changes nothing', async () => {
    for (const w of [W1, W2]) {
      expect(await refresh(t.etl, devices, P, w, payloads(w))).toEqual({ rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures: [], committed: true });
    }
  });

  it('a revised payload rewrites only the rows that changed (late active counts; web gone for a day)', async () => {
    const before = await rowVersions(t.owner, 'marts.devices_daily', ['day', 'platform'], 'project_id = $1', [P]);
    const rows = deviceRows(P, W2)
      .filter((r) => !(r.statsDate === '2026-03-09' && r.platformGroup === 'web'))
      .map((r) => (r.statsDate === '2026-03-12' && r.platformGroup === 'ios' ? { ...r, numDevicesActive: (r.numDevicesActive as number) + 40 } : r));
    expect(await refresh(t.etl, devices, P, W2, payloads(W2, rows))).toEqual({ rawInserted: 1, stagingChanged: 2, martsChanged: 2, failures: [], committed: true });
    expect(changedKeys(before, await rowVersions(t.owner, 'marts.devices_daily', ['day', 'platform'], 'project_id = $1', [P]))).toEqual([
      '2026-03-09|web',
      '2026-03-12|ios',
    ]);
  });

  it("normalises platform names: the API's 'Android' or 'IOS' lands as android, ios", async () => {
    const w: Window = { from: '2026-03-20', to: '2026-03-21' };
    const spelled: Record<string, string> = { android: 'Android', ios: 'IOS', web: 'web' };
    const rows = deviceRows(P, w).map((r) => ({ ...r, platformGroup: spelled[String(r.platformGroup)]! }));
    expect(await refresh(t.etl, devices, P, w, payloads(w, rows))).toMatchObject({ committed: true, failures: [] });
    expect(await martRows(t.owner, 'devices_daily', P, "day >= '2026-03-20'", 'day, platform')).toEqual(deviceRows(P, w).map(martRow));
  });

  const day = "project_id = 100305 AND day = '2026-03-03'";
  const violations = martViolations(
    { model: 'devices_daily', table: 'devices_daily', rows: day, required: 'active', notNullColumn: true, badValue: "platform = 'symbian_' || platform" },
    P,
  );
  violations.push({ test: 'devices_daily__accepted_values.sql', what: 'a negative count', plant: [`UPDATE marts.devices_daily SET unregistered = -1 WHERE ${day}`] });

  it('every data test of the group has a planted violation below, and passes on the loaded data', async () => {
    expect(new Set(violations.map((v) => v.test))).toEqual(new Set(devices.dataTests));
    for (const v of violations) expect(await failingRowsAfter(t.owner, { ...v, plant: [] }, P, W1), v.test).toBe(0);
  });

  it.each(violations)('$test catches $what', async (v) => {
    expect(await failingRowsAfter(t.owner, v, P, W1)).toBeGreaterThan(0);
  });
});
