/**
 * The campaigns group's models on a real database (see etl/groups/conversation-testkit.ts): the
 * GET /v1/campaign list is a snapshot that becomes the campaign dimension marts.campaigns. The
 * snapshot window is the project's local today, as the pipeline gives it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import type { Window } from '../pipeline/types.js';
import { campaignList as simCampaignList } from '../simulator/campaigns.js';
import { DEMO_PROJECTS } from '../simulator/catalog.js';
import { campaignList, campaignListSchema, campaignsGroup } from './campaigns.js';
import { dataTestRows, inRolledBackTransaction, refresh } from './conversation-testkit.js';

const BOGOTA = 9001; // America/Bogota, UTC−5
const TODAY: Window = { from: '2026-03-03', to: '2026-03-03' };
const TOMORROW: Window = { from: '2026-03-04', to: '2026-03-04' };

let db: TestDatabase;
let etl: Pool;
let owner: pg.Client;

const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) =>
  (await owner.query<T>(sql, params)).rows;

interface Row {
  id: number;
  name: string;
  channel: string;
  createdAt: string | null;
  status: string;
}
const list = (rows: Row[]) => ({ statusCode: 200, message: 'OK', count: rows.length, data: rows });
const load = (rows: Row[], window = TODAY, projectId = BOGOTA) =>
  refresh(etl, campaignsGroup, projectId, window, [{ endpoint: campaignList, window, payload: list(rows) }]);

const C1: Row = { id: 9001000101, name: 'Oferta flash 2026-02-03', channel: 'push', createdAt: '2026-02-01', status: 'active' };
// 02:00 UTC on the 16th is 21:00 on the 15th in Bogotá.
const C2: Row = { id: 9001000102, name: 'Newsletter', channel: 'Email', createdAt: '2026-01-16T02:00:00Z', status: 'finished' };
const C3: Row = { id: 9001000103, name: 'Recordatorio cita', channel: 'WhatsApp', createdAt: '2026-03-02T15:00:00Z', status: 'Scheduled' };
const C4: Row = { id: 9001000104, name: 'Pase VIP', channel: 'wallet', createdAt: null, status: 'draft' };

const dimension = () =>
  q(`SELECT campaign_id, name, channel, created_at, created_day, status, removed_on FROM marts.campaigns WHERE project_id = $1 ORDER BY campaign_id`, [BOGOTA]);
const xmins = async () =>
  (await q<{ k: string }>(`SELECT t::text || ':' || xmin::text AS k FROM marts.campaigns t UNION ALL SELECT t::text || ':' || xmin::text FROM staging.campaigns t ORDER BY 1`)).map((r) => r.k);

beforeAll(async () => {
  db = await testDatabase();
  etl = createPool(db.etlUrl, { max: 2 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES (${BOGOTA}, 'Banco', 'America/Bogota', 'demo')`);
  for (const p of DEMO_PROJECTS) {
    await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES ($1, $2, $3, 'demo')`, [p.id, p.name, p.timeZone]);
  }
});

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await db?.drop();
});

describe('campaigns group models', () => {
  it('the list becomes the dimension: channels in the marts vocabulary, statuses lower-case, local creation day', async () => {
    const r = await load([C1, C2, C3, C4]);
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ committed: true, rawInserted: 1, stagingChanged: 4, martsChanged: 4 });
    expect(await dimension()).toEqual([
      { campaign_id: C1.id, name: C1.name, channel: 'push', created_at: null, created_day: '2026-02-01', status: 'active', removed_on: null },
      { campaign_id: C2.id, name: C2.name, channel: 'email', created_at: new Date('2026-01-16T02:00:00Z'), created_day: '2026-01-15', status: 'finished', removed_on: null },
      { campaign_id: C3.id, name: C3.name, channel: 'chat', created_at: new Date('2026-03-02T15:00:00Z'), created_day: '2026-03-02', status: 'scheduled', removed_on: null },
      { campaign_id: C4.id, name: C4.name, channel: 'wallet', created_at: null, created_day: null, status: 'draft', removed_on: null },
    ]);
  });

  it('replaying the same list adds no raw row and rewrites no row', async () => {
    const before = await xmins();
    expect(await load([C1, C2, C3, C4])).toMatchObject({ committed: true, rawInserted: 0, stagingChanged: 0, martsChanged: 0 });
    expect(await xmins()).toEqual(before);
  });

  it('a campaign that leaves the list keeps its row, marked removed on that day; a renamed one is updated; the rest untouched', async () => {
    const before = await dimension();
    const c1 = { ...C1, name: 'Oferta flash (ampliada)', status: 'finished' };
    const r = await load([c1, C3, C4], TOMORROW);
    expect(r).toMatchObject({ committed: true, martsChanged: 2 });
    const after = await dimension();
    expect(after[0]).toMatchObject({ name: 'Oferta flash (ampliada)', status: 'finished', removed_on: null });
    expect(after[1]).toEqual({ ...before[1], removed_on: '2026-03-04' });
    expect(after.slice(2)).toEqual(before.slice(2));
    expect(await q(`SELECT campaign_id FROM staging.campaigns WHERE project_id = $1 ORDER BY 1`, [BOGOTA])).toEqual([{ campaign_id: C1.id }, { campaign_id: C3.id }, { campaign_id: C4.id }]);

    // The next lists without it keep the first removal day. (A list of another day is another raw
    // payload: staging rows only take its raw_id, the dimension does not change.)
    const xs = await dimension();
    const xm = await q(`SELECT xmin::text AS x FROM marts.campaigns WHERE project_id = $1 ORDER BY campaign_id`, [BOGOTA]);
    expect(await load([c1, C3, C4], { from: '2026-03-05', to: '2026-03-05' })).toMatchObject({ rawInserted: 1, stagingChanged: 3, martsChanged: 0 });
    expect(await dimension()).toEqual(xs);
    expect(await q(`SELECT xmin::text AS x FROM marts.campaigns WHERE project_id = $1 ORDER BY campaign_id`, [BOGOTA])).toEqual(xm);
  });

  it('a campaign that comes back is no longer marked removed', async () => {
    await load([C1, C2, C3, C4], { from: '2026-03-06', to: '2026-03-06' });
    expect((await dimension()).map((c) => c.removed_on)).toEqual([null, null, null, null]);
  });

  it('an empty list where campaigns are loaded is quarantined, not loaded', async () => {
    const query = async <R,>(sql: string, params?: unknown[]) => (await etl.query(sql, params)).rows as R[];
    expect(await campaignList.check!(list([]), { projectId: BOGOTA, window: TODAY, query })).toMatch(/^empty campaign list/);
    expect(await campaignList.check!(list([]), { projectId: 4242, window: TODAY, query })).toBeUndefined();
    expect(await campaignList.check!(list([C1]), { projectId: BOGOTA, window: TODAY, query })).toBeUndefined();
  });

  it('a simulator list (Banco Andino) loads whole: every campaign, its channel and status', async () => {
    const banco = DEMO_PROJECTS.find((p) => p.id === 100274)!;
    const rows = simCampaignList(banco, new Date('2026-03-03T15:00:00Z'));
    expect(rows.length).toBeGreaterThan(50);
    const r = await refresh(etl, campaignsGroup, banco.id, TODAY, [{ endpoint: campaignList, payload: list(rows) }]);
    expect(r.failures).toEqual([]);
    const byChannel = (xs: { channel: string; status: string }[]) => {
      const out: Record<string, number> = {};
      for (const x of xs) out[`${x.channel}/${x.status}`] = (out[`${x.channel}/${x.status}`] ?? 0) + 1;
      return out;
    };
    const mart = await q(`SELECT channel, status FROM marts.campaigns WHERE project_id = $1`, [banco.id]);
    expect(byChannel(mart as { channel: string; status: string }[])).toEqual(byChannel(rows));
    expect(await q(`SELECT count(*)::int AS n FROM marts.campaigns WHERE project_id = $1 AND created_day IS NULL`, [banco.id])).toEqual([{ n: 0 }]);
  });
});

describe('campaigns data tests', () => {
  it('pass on the loaded data', async () => {
    for (const t of campaignsGroup.dataTests) expect(await dataTestRows(owner, t, BOGOTA, TODAY), t).toEqual([]);
  });

  const plants: Record<string, string> = {
    campaigns__not_null: `UPDATE marts.campaigns SET created_day = NULL WHERE project_id = ${BOGOTA} AND campaign_id = ${C2.id}`,
    campaigns__unique_grain: `ALTER TABLE marts.campaigns DROP CONSTRAINT campaigns_pkey;
      INSERT INTO marts.campaigns SELECT * FROM marts.campaigns WHERE project_id = ${BOGOTA} AND campaign_id = ${C1.id}`,
    campaigns__accepted_values: `UPDATE marts.campaigns SET status = 'deleted' WHERE project_id = ${BOGOTA} AND campaign_id = ${C1.id}`,
    campaigns__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    campaigns__reconciles_staging: `UPDATE marts.campaigns SET removed_on = '2026-03-03' WHERE project_id = ${BOGOTA} AND campaign_id = ${C4.id}`,
  };

  it('every data test of the group has a planted violation below', () => {
    expect(Object.keys(plants).sort()).toEqual(campaignsGroup.dataTests.map((t) => t.replace(/\.sql$/, '')).sort());
  });

  it.each(Object.entries(plants))('%s catches its planted violation', async (test, plant) => {
    const rows = await inRolledBackTransaction(owner, async () => {
      await owner.query(plant);
      return dataTestRows(owner, `${test}.sql`, BOGOTA, TODAY);
    });
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('campaign list schema', () => {
  const text = (rows: unknown[], count = rows.length) => {
    const r = campaignListSchema.safeParse({ statusCode: 200, message: 'OK', count, data: rows });
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  it.each([
    ['an unknown channel', [{ ...C1, channel: 'fax' }], /data\.0\.channel: channel is not one of/],
    ['an unknown status', [{ ...C1, status: 'deleted' }], /data\.0\.status: status is not one of/],
    ['a text id', [{ ...C1, id: 'abc' }], /data\.0\.id/],
    ['an empty name', [{ ...C1, name: ' ' }], /name is empty/],
    ['a bad createdAt', [{ ...C1, createdAt: '01/02/2026' }], /createdAt: not a date/],
    ['a repeated campaign', [C1, C1], /duplicate campaign id/],
  ])('rejects %s', (_name, rows, reason) => {
    expect(text(rows)).toMatch(reason);
  });
  it('rejects a count that does not match the rows', () => expect(text([C1], 2)).toMatch(/count does not match/));
  it('accepts the list above', () => expect(text([C1, C2, C3, C4])).toBe(''));
});
