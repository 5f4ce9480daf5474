/**
 * Test kit of the statistics groups (push extras, in-app, SMS, email, wallet, devices). Refreshing a
 * window exactly as the pipeline does is conversation-testkit's `refresh` (one transaction: raw,
 * staging, marts, data tests); this adds what these groups' tests check on top: a migrated database
 * with projects, row versions (to prove a refresh rewrote only the rows that changed), and planted
 * violations that each data test must catch. Test use only.
 */
import pg from 'pg';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { dataTestQuery, loadSql } from '../pipeline/sql.js';
import type { Window } from '../pipeline/types.js';

export { refresh, type Payload } from './conversation-testkit.js';

export interface StatsDatabase {
  db: TestDatabase;
  /** The loader's pool (ig_etl), as the pipeline uses it. */
  etl: Pool;
  /** The cluster superuser, for checks and for planting violations. */
  owner: pg.Client;
  close(): Promise<void>;
}

export async function statsDatabase(projects: { id: number; timeZone: string }[]): Promise<StatsDatabase> {
  const db = await testDatabase();
  const etl = createPool(db.etlUrl, { max: 4 });
  const owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of projects) {
    await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES ($1, $2, $3, 'demo')`, [p.id, `P${p.id}`, p.timeZone]);
  }
  return {
    db,
    etl,
    owner,
    async close() {
      await owner.end();
      await etl.end();
      await db.drop();
    },
  };
}

/**
 * The row version (xmin) of every row of `table` matching `where`, keyed by `key` columns joined with
 * '|': a row an UPDATE rewrote gets a new xmin, an untouched row keeps its own.
 */
export async function rowVersions(
  client: pg.ClientBase,
  table: string,
  key: readonly string[],
  where: string,
  params: unknown[],
): Promise<Map<string, string>> {
  const { rows } = await client.query<{ k: string; v: string }>(
    `SELECT concat_ws('|', ${key.join(', ')}) AS k, xmin::text AS v FROM ${table} WHERE ${where}`,
    params,
  );
  return new Map(rows.map((r) => [r.k, r.v]));
}

/** Keys whose version differs between two snapshots, or that are in only one of them. */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Rows one data test returns for the window (runs the file as the pipeline does). */
export async function failingRows(client: pg.ClientBase, testFile: string, projectId: number, w: Window): Promise<number> {
  const t = loadSql('tests', testFile);
  const { rows } = await client.query<{ failing: number }>(dataTestQuery(t, 1), t.values({ project_id: projectId, from: w.from, to: w.to }));
  return rows[0]?.failing ?? 0;
}

/** A planted violation: SQL run as the superuser (it may drop a constraint), then the data test that must catch it. */
export interface Violation {
  test: string;
  what: string;
  plant: string[];
  /** The project the test runs for (default: the group's). */
  projectId?: number;
}

/** Runs `v.plant` and its data test in a transaction that is always rolled back; the failing row count. */
export async function failingRowsAfter(owner: pg.Client, v: Violation, projectId: number, w: Window): Promise<number> {
  await owner.query('BEGIN');
  try {
    for (const sql of v.plant) await owner.query(sql);
    return await failingRows(owner, v.test, v.projectId ?? projectId, w);
  } finally {
    await owner.query('ROLLBACK');
  }
}

export interface MartShape {
  /** The mart model (its data tests are sql/tests/<model>__<kind>.sql). */
  model: string;
  /** marts.<table>, and the primary key constraint to drop for the grain test. */
  table: string;
  /** Rows of this model: `project_id = … AND …` (channel, one day). */
  rows: string;
  /** A measure the model always fills, and (channel marts) one it must leave NULL. */
  required: string;
  foreign?: string;
  /** The required measure is NOT NULL in the table (the not_null test is then shown on a relaxed copy). */
  notNullColumn?: boolean;
  /** A value outside the accepted ones, as `column = value`. */
  badValue: string;
}

/**
 * The violations the five data tests of a mart model must catch (not_null, unique_grain,
 * accepted_values, project_exists, reconciles_staging). A rule the table also enforces as a
 * constraint is shown on the table with that constraint dropped, inside the rolled-back transaction.
 */
export function martViolations(s: MartShape, projectId: number): Violation[] {
  const t = `marts.${s.table}`;
  const test = (kind: string) => `${s.model}__${kind}.sql`;
  const stranger = 999_999_999;
  const out: Violation[] = [
    {
      test: test('not_null'),
      what: `${s.required} is NULL`,
      plant: [...(s.notNullColumn ? [`ALTER TABLE ${t} ALTER COLUMN ${s.required} DROP NOT NULL`] : []), `UPDATE ${t} SET ${s.required} = NULL WHERE ${s.rows}`],
    },
    {
      test: test('unique_grain'),
      what: 'a row twice (primary key dropped)',
      plant: [`ALTER TABLE ${t} DROP CONSTRAINT ${s.table}_pkey`, `INSERT INTO ${t} SELECT * FROM ${t} WHERE ${s.rows}`],
    },
    { test: test('accepted_values'), what: s.badValue, plant: [`UPDATE ${t} SET ${s.badValue} WHERE ${s.rows}`] },
    {
      test: test('project_exists'),
      what: 'rows of a project missing from app.projects',
      plant: [`UPDATE ${t} SET project_id = ${stranger} WHERE ${s.rows}`],
      projectId: stranger,
    },
    { test: test('reconciles_staging'), what: `${s.required} differs from staging`, plant: [`UPDATE ${t} SET ${s.required} = ${s.required} + 1 WHERE ${s.rows}`] },
    { test: test('reconciles_staging'), what: 'a staging row missing from the mart', plant: [`DELETE FROM ${t} WHERE ${s.rows}`] },
  ];
  if (s.foreign) {
    out.push({ test: test('accepted_values'), what: `${s.foreign} filled in`, plant: [`UPDATE ${t} SET ${s.foreign} = 1 WHERE ${s.rows}`] });
  }
  return out;
}

/** The violations of campaign_daily_<channel>__totals_match.sql. */
export function totalsViolations(channel: string, projectId: number, measure: string): Violation[] {
  const test = `campaign_daily_${channel}__totals_match.sql`;
  const rows = `project_id = ${projectId} AND channel = '${channel}'`;
  return [
    { test, what: `a campaign's total ${measure} off by one`, plant: [`UPDATE marts.campaign_totals SET ${measure} = ${measure} + 1 WHERE ${rows}`] },
    { test, what: 'a campaign without its totals row', plant: [`DELETE FROM marts.campaign_totals WHERE ${rows}`] },
    {
      test,
      what: 'a totals row whose campaign has no daily rows',
      plant: [`DELETE FROM marts.campaign_daily WHERE ${rows}`],
    },
  ];
}

type MartRow = Record<string, string | number | null | undefined>;

/** Rows sorted by the given columns (dates and names as text, ids and counts as numbers). */
export function sortBy<T extends MartRow>(rows: T[], ...cols: string[]): T[] {
  const cmp = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));
  return [...rows].sort((x, y) => cols.reduce((c, col) => c || cmp(x[col], y[col]), 0));
}

/**
 * marts.campaign_totals as it must be for mapped campaign_daily rows: per campaign the first and last
 * day, the number of days, and the sum of every measure but unique_contacts (not additive).
 */
export function expectedTotals(daily: MartRow[]): MartRow[] {
  const by = new Map<number, { row: MartRow; days: Set<string> }>();
  for (const r of daily) {
    const id = r.campaign_id as number;
    const day = r.day as string;
    let t = by.get(id);
    if (!t) by.set(id, (t = { row: { campaign_id: id, first_day: day, last_day: day }, days: new Set() }));
    t.days.add(day);
    if (day < (t.row.first_day as string)) t.row.first_day = day;
    if (day > (t.row.last_day as string)) t.row.last_day = day;
    for (const [k, v] of Object.entries(r)) {
      if (['campaign_id', 'day', 'platform', 'unique_contacts'].includes(k) || typeof v !== 'number') continue;
      t.row[k] = ((t.row[k] as number | undefined) ?? 0) + v;
    }
  }
  return sortBy(
    [...by.values()].map(({ row, days }) => ({ ...row, days: days.size, ...(typeof row.cost === 'number' ? { cost: Math.round(row.cost * 1e6) / 1e6 } : {}) })),
    'campaign_id',
  );
}

/** A mart's rows of one project as JSON without project_id, channel and NULL columns, so a wrongly filled column shows. */
export async function martRows(client: pg.ClientBase, table: string, projectId: number, where: string, order: string): Promise<MartRow[]> {
  const { rows } = await client.query<{ r: MartRow }>(
    `SELECT jsonb_strip_nulls(to_jsonb(m) - 'project_id' - 'channel') AS r FROM marts.${table} m WHERE project_id = $1 AND ${where} ORDER BY ${order}`,
    [projectId],
  );
  return rows.map((r) => r.r);
}
