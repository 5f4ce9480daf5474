/**
 * The endpoint specs of the statistics groups without a database: each zod schema takes an
 * API-shaped payload and refuses what the pipeline must quarantine (a renamed field, a count that
 * does not match, two rows for one grain, an unknown platform, a negative count); the window checks;
 * and every path, paging style and window limit agrees with the simulator's endpoint table.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSpec, Window } from '../pipeline/types.js';
import { ENDPOINTS } from '../simulator/model.js';
import { deviceStats } from './devices.js';
import { emailApplicationStats, emailCampaignStats } from './email.js';
import { inAppStats } from './inapp.js';
import { dateStatsHourly, pushCampaignStats } from './push-extra.js';
import { smsApplicationStats, smsCampaignStats } from './sms.js';
import * as fx from './stats-fixtures.js';
import { walletStats } from './wallet.js';

const P = 100_274;
const W: Window = { from: '2026-03-01', to: '2026-03-03' };

interface Case {
  endpoint: EndpointSpec;
  rows: fx.Row[];
  /** The simulator's name for the endpoint (etl/simulator/model.ts ENDPOINTS). */
  sim: keyof typeof ENDPOINTS;
  /** A field to rename (schema drift) and a platform field, when the rows have one. */
  field: string;
  platform?: string;
}

const cases: Case[] = [
  { endpoint: dateStatsHourly, rows: fx.dateStatsHourlyRows(P, W), sim: 'pushDateStats', field: 'numDevicesClicked', platform: 'platformGroup' },
  { endpoint: pushCampaignStats, rows: fx.pushCampaignStatsRows(P, W), sim: 'campaignStats', field: 'numErrors', platform: 'platformGroup' },
  { endpoint: inAppStats, rows: fx.inAppRows(P, W), sim: 'inAppStats', field: 'numDismissed', platform: 'platformGroup' },
  { endpoint: smsApplicationStats, rows: fx.smsApplicationRows(P, W), sim: 'smsApplication', field: 'cost' },
  { endpoint: smsCampaignStats, rows: fx.smsCampaignRows(P, W), sim: 'smsCampaign', field: 'numChunks' },
  { endpoint: emailApplicationStats, rows: fx.emailApplicationRows(P, W), sim: 'emailApplication', field: 'numContactsOpened' },
  { endpoint: emailCampaignStats, rows: fx.emailCampaignRows(P, W), sim: 'emailCampaign', field: 'numContactsHardBounced' },
  { endpoint: walletStats, rows: fx.walletRows(P, W), sim: 'walletStats', field: 'numPassUpdatesSent', platform: 'platform' },
  { endpoint: deviceStats, rows: fx.deviceRows(P, W), sim: 'devices', field: 'numDevicesActive', platform: 'platformGroup' },
];

/** The payload as the pipeline assembles it (v2 rows inside data[listKey]). */
const wrap = (e: EndpointSpec, rows: unknown[], count = rows.length) =>
  e.paging.kind === 'v2' ? { ...fx.v2(e.paging.listKey as 'sendings', rows as fx.Row[]), count } : { ...fx.v1(rows as fx.Row[]), count };

const issues = (e: EndpointSpec, payload: unknown) => {
  const r = e.schema.safeParse(payload);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe.each(cases)('$endpoint.name', ({ endpoint: e, rows, sim, field }) => {
  it('takes an API-shaped payload', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(issues(e, wrap(e, rows))).toEqual([]);
  });

  it('refuses a renamed field (schema drift)', () => {
    const drifted = rows.map(({ [field]: v, ...r }) => ({ ...r, [`${field}X`]: v }));
    expect(issues(e, wrap(e, drifted)).join('\n')).toMatch(new RegExp(`\\.0\\.${field}: `));
  });

  it('refuses a count that does not match the rows, and a negative count', () => {
    expect(issues(e, wrap(e, rows, rows.length + 1))).toEqual([': count does not match the number of rows']);
    const negative = rows.map((r, i) => (i === 0 ? { ...r, [field]: -1 } : r));
    expect(issues(e, wrap(e, negative)).join('\n')).toMatch(field);
  });

  it('refuses two rows for one grain', () => {
    expect(issues(e, wrap(e, [...rows, rows[0]])).join('\n')).toMatch(/duplicate row for .*statsDate 2026-03-01/);
  });

  it("agrees with the simulator's endpoint table (path, paging, list, window limit)", () => {
    const s = ENDPOINTS[sim];
    expect(e.path).toBe(s.path.replace(':id', '{id}'));
    expect(e.paging.kind).toBe(s.pagination);
    if (e.paging.kind === 'v2') expect(e.paging.listKey).toBe(s.list);
    if (s.maxDays !== undefined && sim !== 'pushDateStats') expect(e.maxWindowDays).toBe(s.maxDays);
    expect(e.auth).toBe('serverKey');
  });

  it('check: a row outside the request window is refused; an empty answer only where nothing is loaded', async () => {
    const query = async <R,>(_sql: string, params?: unknown[]) => [{ loaded: params?.[1] === '2026-03-01' }] as R[];
    const ctx = (w: Window) => ({ projectId: P, window: w, query });
    expect(await e.check!(wrap(e, rows), ctx(W))).toBeUndefined();
    expect(await e.check!(wrap(e, rows), ctx({ from: '2026-03-02', to: '2026-03-03' }))).toBe('row dated 2026-03-01 is outside the requested window');
    expect(await e.check!(wrap(e, []), ctx(W))).toBe('empty payload for a window that already has data; the loaded data is kept');
    expect(await e.check!(wrap(e, []), ctx({ from: '2026-03-04', to: '2026-03-05' }))).toBeUndefined();
  });
});

describe.each(cases.filter((c) => c.platform))('$endpoint.name platform', ({ endpoint: e, rows, platform }) => {
  const p = platform!;
  it('takes a platform in any letter case (staging lower-cases it), refuses an unknown one', () => {
    const upper = rows.map((r) => ({ ...r, [p]: String(r[p]).toUpperCase() }));
    expect(issues(e, wrap(e, upper))).toEqual([]);
    const unknown = rows.map((r, i) => (i === 0 ? { ...r, [p]: 'symbian' } : r));
    expect(issues(e, wrap(e, unknown)).join('\n')).toMatch(/must be one of/);
  });
});

it('hourly dateStats asks for periodicity=hourly over at most 7 days (seen limit)', () => {
  expect(dateStatsHourly.maxWindowDays).toBe(7);
  expect(dateStatsHourly.query(P, W)).toEqual({ dateFrom: W.from, dateTo: W.to, periodicity: 'hourly' });
  expect(smsApplicationStats.query(P, W)).toEqual({ applicationId: P, dateFrom: W.from, dateTo: W.to });
});
