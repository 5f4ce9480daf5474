/**
 * Saved analyses (docs/adr/011): a user's widgets, dashboards and chat answers in named folders,
 * private or shared with the project. Row-level security on app.analyses decides everything about
 * who: readers see their own rows and their project's shared rows, and write only their own. These
 * functions never filter by project or owner themselves; they only tell the caller *why* a write
 * found no row (404 invisible, 403 someone else's shared row, 409 a stale version).
 */
import { z } from 'zod';
import { AppError, invalidParameter } from '../errors.js';
import type { ScopedDb } from '../db/scope.js';
import { storedCall } from '../chat/tools.js';

// ---------------------------------------------------------------------------------------------------
// Specs: what a saved analysis holds, per kind. Strict shapes with bounded sizes; 32 KiB of JSON at most.

export const ANALYSIS_KINDS = ['widget', 'dashboard', 'chat'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];
export const MAX_SPEC_BYTES = 32 * 1024;

const element = z.string().max(64).regex(/^ig-[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an ig-* element name');
const attributes = z
  .record(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'attribute names are lower-case kebab-case'), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 attributes')
  .default({});
const placedWidget = z
  .object({
    element,
    attributes,
    x: z.number().int().min(0).max(100),
    y: z.number().int().min(0).max(1000),
    w: z.number().int().min(1).max(24),
    h: z.number().int().min(1).max(100),
  })
  .strict();

const capped = <S extends z.ZodType>(s: S) =>
  s.refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_SPEC_BYTES, `spec must be at most ${MAX_SPEC_BYTES} bytes of JSON`);

export const SPEC_SCHEMAS = {
  /** One widget with its attributes (what `<ig-… attr="…">` needs). */
  widget: capped(z.object({ element, attributes }).strict()),
  /** A grid layout of widgets (the `<ig-dashboard>` JSON layout). */
  dashboard: capped(z.object({ columns: z.number().int().min(1).max(24).default(12), items: z.array(placedWidget).max(50) }).strict()),
  /** An AI chat answer worth keeping: the question, the answer text, the widgets it showed and the tool calls of its tables and charts. */
  chat: capped(
    z
      .object({
        question: z.string().min(1).max(2000),
        answer: z.string().max(16_000).default(''),
        widgets: z.array(z.object({ element, attributes }).strict()).max(10).default([]),
        /** The certified tool calls behind its table and chart results, re-run without the model (POST /v1/chat/tools). */
        calls: z.array(storedCall).max(10).default([]),
      })
      .strict(),
  ),
} as const;

export function parseSpec(kind: AnalysisKind, spec: unknown) {
  const parsed = SPEC_SCHEMAS[kind].safeParse(spec);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = ['spec', ...issue.path.map(String)].join('.');
  throw invalidParameter(param, `${param}: ${issue.message}`);
}

// ---------------------------------------------------------------------------------------------------

const COLUMNS = `analysis_id AS id, owner_id, owner_id = app.current_user_id() AS mine, folder, name, description, kind,
  shared, version, created_at, updated_at`;

interface Row {
  id: string;
  owner_id: string;
  mine: boolean;
  folder: string;
  name: string;
  description: string;
  kind: AnalysisKind;
  shared: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  spec?: unknown;
}

const summaryOf = (r: Row) => ({
  id: r.id,
  name: r.name,
  folder: r.folder,
  description: r.description,
  kind: r.kind,
  shared: r.shared,
  ownerId: r.owner_id,
  mine: r.mine,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
const analysisOf = (r: Row) => ({ ...summaryOf(r), spec: r.spec as Record<string, unknown> });

const notFound = () => new AppError('not_found', 'No such analysis.');

export async function listAnalyses(db: ScopedDb, q: { folder?: string | undefined; scope?: 'all' | 'mine' | 'shared' | undefined; limit?: number | undefined }) {
  const scope = q.scope ?? 'all';
  const limit = q.limit ?? 200;
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM app.analyses
     WHERE ($1::text IS NULL OR folder = $1)
       AND CASE $2::text WHEN 'mine' THEN owner_id = app.current_user_id()
                         WHEN 'shared' THEN shared AND owner_id <> app.current_user_id()
                         ELSE true END
     ORDER BY updated_at DESC, analysis_id DESC
     LIMIT $3`,
    [q.folder ?? null, scope, limit + 1],
  );
  return { items: rows.slice(0, limit).map(summaryOf), truncated: rows.length > limit };
}

export async function listFolders(db: ScopedDb) {
  const { rows } = await db.query<{ folder: string; count: number; mine: number; shared: number }>(
    `SELECT folder, count(*)::int AS count,
            count(*) FILTER (WHERE owner_id = app.current_user_id())::int AS mine,
            count(*) FILTER (WHERE shared)::int AS shared
     FROM app.analyses GROUP BY folder ORDER BY folder COLLATE "C"`,
  );
  return { folders: rows };
}

export async function getAnalysis(db: ScopedDb, id: string) {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS}, spec FROM app.analyses WHERE analysis_id = $1`, [id]);
  if (!rows[0]) throw notFound();
  return analysisOf(rows[0]);
}

export interface NewAnalysis {
  name: string;
  folder: string;
  description: string;
  kind: AnalysisKind;
  spec: unknown;
  shared: boolean;
}

export async function createAnalysis(db: ScopedDb, a: NewAnalysis) {
  // Project and owner come from the transaction's settings (column defaults), checked by the policy.
  const { rows } = await db.query<Row>(
    `INSERT INTO app.analyses (folder, name, description, kind, spec, shared) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     RETURNING ${COLUMNS}, spec`,
    [a.folder, a.name, a.description, a.kind, JSON.stringify(parseSpec(a.kind, a.spec)), a.shared],
  );
  return analysisOf(rows[0]!);
}

/** Why a write by id matched no row: invisible → 404, someone else's (shared) → 403, else a stale version → 409. */
async function explainMiss(db: ScopedDb, id: string, version: number | undefined): Promise<never> {
  const { rows } = await db.query<{ mine: boolean; version: number }>(
    `SELECT owner_id = app.current_user_id() AS mine, version FROM app.analyses WHERE analysis_id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) throw notFound();
  if (!r.mine) throw new AppError('forbidden_owner', 'Only the owner can change or delete this analysis.');
  throw new AppError('conflict', `The analysis changed since version ${version}; it is at version ${r.version}. Reload it and apply the change again.`, 'version');
}

export interface AnalysisPatch {
  version: number;
  name?: string | undefined;
  folder?: string | undefined;
  description?: string | undefined;
  spec?: unknown;
  shared?: boolean | undefined;
}

export async function updateAnalysis(db: ScopedDb, id: string, p: AnalysisPatch) {
  const sets: string[] = [];
  const params: unknown[] = [id, p.version];
  const set = (col: string, v: unknown, cast = '') => {
    params.push(v);
    sets.push(`${col} = $${params.length}${cast}`);
  };
  if (p.name !== undefined) set('name', p.name);
  if (p.folder !== undefined) set('folder', p.folder);
  if (p.description !== undefined) set('description', p.description);
  if (p.shared !== undefined) set('shared', p.shared);
  if (p.spec !== undefined) {
    // The spec is checked against the row's kind (a kind never changes).
    const { rows } = await db.query<{ kind: AnalysisKind; mine: boolean }>(`SELECT kind, owner_id = app.current_user_id() AS mine FROM app.analyses WHERE analysis_id = $1`, [id]);
    if (!rows[0]) throw notFound();
    if (!rows[0].mine) await explainMiss(db, id, p.version);
    set('spec', JSON.stringify(parseSpec(rows[0].kind, p.spec)), '::jsonb');
  }
  const { rows } = await db.query<Row>(
    `UPDATE app.analyses SET ${sets.join(', ')} WHERE analysis_id = $1 AND version = $2 RETURNING ${COLUMNS}, spec`,
    params,
  );
  if (!rows[0]) await explainMiss(db, id, p.version);
  return analysisOf(rows[0]!);
}

export async function deleteAnalysis(db: ScopedDb, id: string, version: number | undefined): Promise<undefined> {
  const { rowCount } = await db.query(`DELETE FROM app.analyses WHERE analysis_id = $1 AND ($2::int IS NULL OR version = $2)`, [id, version ?? null]);
  if (!rowCount) await explainMiss(db, id, version);
  return undefined;
}
