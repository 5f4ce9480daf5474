/**
 * Test kit for the conversation groups (chat, agents, campaigns, journeys): runs one window of a
 * GroupSpec on a real database exactly as the pipeline's contract says (etl/pipeline/types.ts), but
 * with payloads given by the test instead of fetched: in ONE transaction, land each payload in
 * raw.api_responses (once per identical payload), run its endpoint's staging model, then the group's
 * mart models, then its data tests; any failing test rolls everything back.
 * Used by the *.test.ts files beside it only.
 */
import type pg from 'pg';
import { canonicalJson, sha256 } from '../pipeline/validate.js';
import { dataTestQuery, loadSql } from '../pipeline/sql.js';
import type { EndpointSpec, GroupSpec, Window } from '../pipeline/types.js';

export interface Payload {
  endpoint: EndpointSpec;
  /** The request window of this payload (defaults to the group window). */
  window?: Window;
  payload: unknown;
  /** Stored in raw.api_responses.params (defaults to the endpoint's query for the window). */
  params?: Record<string, unknown>;
  /** The endpoint name to land under (default endpoint.name; a fan-out payload: `journey.stats:<key>`). */
  landAs?: string;
}

export interface TestFailure {
  test: string;
  failing: number;
  sample: Record<string, unknown>[];
}

export interface RefreshResult {
  rawInserted: number;
  stagingChanged: number;
  martsChanged: number;
  failures: TestFailure[];
  committed: boolean;
}

/** Every data test of `spec` for the window; the failures (empty when all pass). */
export async function runDataTests(db: pg.ClientBase, tests: readonly string[], projectId: number, window: Window): Promise<TestFailure[]> {
  const failures: TestFailure[] = [];
  for (const file of tests) {
    const t = loadSql('tests', file);
    const { rows } = await db.query<{ failing: number; row: Record<string, unknown> }>(
      dataTestQuery(t, 20),
      t.values({ project_id: projectId, from: window.from, to: window.to }),
    );
    if (rows.length) failures.push({ test: t.name, failing: rows[0]!.failing, sample: rows.map((r) => r.row) });
  }
  return failures;
}

/** Lands one payload (or finds the identical one already landed); returns its raw id and whether it is new. */
export async function land(db: pg.ClientBase, projectId: number, p: Payload, groupWindow: Window): Promise<{ id: number; inserted: boolean }> {
  const w = p.window ?? groupWindow;
  const params = p.params ?? p.endpoint.query(projectId, w);
  const name = p.landAs ?? p.endpoint.name;
  const canonical = canonicalJson(p.payload);
  const sha = sha256(canonical);
  const ins = await db.query<{ id: number }>(
    `INSERT INTO raw.api_responses (project_id, endpoint, params, window_from, window_to, payload, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (project_id, endpoint, window_from, window_to, sha256) DO NOTHING RETURNING id`,
    [projectId, name, params, w.from, w.to, canonical, sha],
  );
  if (ins.rows[0]) return { id: ins.rows[0].id, inserted: true };
  const found = await db.query<{ id: number }>(
    `SELECT id FROM raw.api_responses WHERE project_id = $1 AND endpoint = $2 AND window_from = $3 AND window_to = $4 AND sha256 = $5`,
    [projectId, name, w.from, w.to, sha],
  );
  return { id: found.rows[0]!.id, inserted: false };
}

/**
 * One group window, atomically. Each payload is validated with its endpoint's schema first (a test
 * that wants to see a payload loaded must give a valid one), like the pipeline does before landing.
 */
export async function refresh(
  pool: pg.Pool,
  spec: GroupSpec,
  projectId: number,
  window: Window,
  payloads: readonly Payload[],
): Promise<RefreshResult> {
  for (const p of payloads) {
    const parsed = p.endpoint.schema.safeParse(p.payload);
    if (!parsed.success) throw new Error(`${p.endpoint.name}: payload fails its schema: ${parsed.error.message}`);
  }
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    let rawInserted = 0;
    let stagingChanged = 0;
    let martsChanged = 0;
    for (const p of payloads) {
      const w = p.window ?? window;
      const raw = await land(db, projectId, p, window);
      if (raw.inserted) rawInserted++;
      const m = loadSql('models/staging', p.endpoint.stagingModel);
      const r = await db.query<{ changed: number }>(m.text, m.values({ project_id: projectId, raw_id: raw.id, from: w.from, to: w.to }));
      stagingChanged += r.rows[0]!.changed;
    }
    for (const file of spec.martModels) {
      const m = loadSql('models/marts', file);
      const r = await db.query<{ changed: number }>(m.text, m.values({ project_id: projectId, from: window.from, to: window.to }));
      martsChanged += r.rows[0]!.changed;
    }
    const failures = await runDataTests(db, spec.dataTests, projectId, window);
    if (failures.length) {
      await db.query('ROLLBACK');
      return { rawInserted: 0, stagingChanged: 0, martsChanged: 0, failures, committed: false };
    }
    await db.query('COMMIT');
    return { rawInserted, stagingChanged, martsChanged, failures, committed: true };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

/** Runs one data test file for a project and window; its failing rows. */
export async function dataTestRows(db: pg.ClientBase, file: string, projectId: number, window: Window): Promise<Record<string, unknown>[]> {
  const t = loadSql('tests', file);
  return (await db.query(t.text, t.values({ project_id: projectId, from: window.from, to: window.to }))).rows;
}

/**
 * Runs `fn` as the owner inside a transaction that is always rolled back: lets a test drop a
 * constraint and plant a row that violates it, to show a data test catches what the constraint would.
 */
export async function inRolledBackTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}
