/**
 * The tenant registry (app.projects) and how a project's indigitall credentials (a server key for the
 * statistics endpoints, a console login whose JWT the chat endpoints need) are found from its
 * credentials reference:
 *  - `env:NAME` reads the environment: NAME is the server key, NAME_MAIL and NAME_PASSWORD the
 *    console login (both or neither). Either part may be absent, not both; a group whose endpoints
 *    need the missing part fails its windows with a message saying so. Projects whose references
 *    resolve to the same key (an account key, dependency D17) share its client and its limiter.
 *  - `demo` is the built-in simulator's own server key and console login of that project
 *    (etl/simulator/catalog.ts); it works only against the simulator.
 * Secrets are never stored in the database nor printed; errors name the variables, not their values.
 */
import type { Pool } from '../lib/db.js';
import { transaction } from '../lib/db.js';
import { isTimeZone } from '../lib/dates.js';
import { checkCredentials, CredentialsError, type Credentials } from './client/credentials.js';
import { findProject } from './simulator/catalog.js';
import { GROUPS } from './groups/index.js';
import { lockKey } from './pipeline/run.js';

export interface Project {
  projectId: number;
  name: string;
  timeZone: string;
  credentialsRef: string;
  status: 'active' | 'paused';
}

export class ProjectError extends Error {}

export async function upsertProject(pool: Pool, p: Omit<Project, 'status'>): Promise<void> {
  if (!Number.isSafeInteger(p.projectId) || p.projectId <= 0) throw new ProjectError(`project id must be a positive integer, got ${p.projectId}`);
  if (!isTimeZone(p.timeZone)) throw new ProjectError(`unknown time zone "${p.timeZone}"`);
  if (!/^(env:[A-Z_][A-Z0-9_]*|demo)$/.test(p.credentialsRef)) {
    throw new ProjectError(`credentials reference must be env:VARIABLE or demo, got "${p.credentialsRef}"`);
  }
  await pool.query(
    `INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES ($1, $2, $3, $4)
     ON CONFLICT (project_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
       credentials_ref = EXCLUDED.credentials_ref
     WHERE (app.projects.name, app.projects.time_zone, app.projects.credentials_ref)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.time_zone, EXCLUDED.credentials_ref)`,
    [p.projectId, p.name, p.timeZone, p.credentialsRef],
  );
}

export async function listProjects(pool: Pool): Promise<Project[]> {
  const { rows } = await pool.query(
    `SELECT project_id AS "projectId", name, time_zone AS "timeZone", credentials_ref AS "credentialsRef", status
     FROM app.projects ORDER BY project_id`,
  );
  return rows;
}

/** Schemas that hold tenant data (pgboss holds jobs, not tenant rows). */
export const TENANT_SCHEMAS = ['raw', 'staging', 'marts', 'app'] as const;

/**
 * Every table of the tenant schemas with a project_id column, found in the catalogue (so the tables
 * of a new data group are covered without a change here), ordered so that a table comes before the
 * tables its foreign keys reference; app.projects comes last.
 */
export async function tenantTables(db: Pick<Pool, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ oid: number; name: string; refs: number[] }>(
    `SELECT c.oid::int AS oid, format('%I.%I', n.nspname, c.relname) AS name,
            coalesce(array_agg(DISTINCT f.confrelid::int) FILTER (WHERE f.confrelid IS NOT NULL AND f.confrelid <> c.oid), '{}') AS refs
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'project_id' AND NOT a.attisdropped
     LEFT JOIN pg_constraint f ON f.conrelid = c.oid AND f.contype = 'f'
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     GROUP BY c.oid, n.nspname, c.relname
     ORDER BY 2`,
    [[...TENANT_SCHEMAS]],
  );
  // Depth-first: every table after the tables that reference it (referencing rows go first).
  const byOid = new Map(rows.map((r) => [r.oid, r]));
  const referencedBy = new Map<number, number[]>();
  for (const r of rows) for (const ref of r.refs) if (byOid.has(ref)) referencedBy.set(ref, [...(referencedBy.get(ref) ?? []), r.oid]);
  const order: string[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number) => {
    if (state.get(oid)) return; // done, or a cycle (deleting in one transaction copes with deferred keys only)
    state.set(oid, 'visiting');
    for (const child of referencedBy.get(oid) ?? []) visit(child);
    state.set(oid, 'done');
    order.push(byOid.get(oid)!.name);
  };
  for (const r of rows) visit(r.oid);
  // visit() puts referencing tables before the referenced one; app.projects always last.
  return [...order.filter((t) => t !== 'app.projects'), ...order.filter((t) => t === 'app.projects')];
}

/** Deletes every row of the project in every layer, in one transaction (all or nothing). */
export async function removeProject(pool: Pool, projectId: number): Promise<boolean> {
  return transaction(pool, async (db) => {
    const exists = await db.query('SELECT 1 FROM app.projects WHERE project_id = $1 FOR UPDATE', [projectId]);
    if (!exists.rowCount) return false;
    // Wait for runs of this project in progress (they hold these locks) to finish first.
    for (const g of GROUPS) await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(projectId, g.group)]);
    for (const table of await tenantTables(db)) {
      await db.query(`DELETE FROM ${table} WHERE project_id = $1`, [projectId]);
    }
    return true;
  });
}

/** The environment variables an `env:NAME` reference reads: the server key and the console login. */
export function credentialVariables(name: string): { serverKey: string; mail: string; password: string } {
  return { serverKey: name, mail: `${name}_MAIL`, password: `${name}_PASSWORD` };
}

/**
 * The indigitall credentials of a project from its credentials reference (see the file comment).
 * ProjectError, naming the variables (never a value), when they are missing or unusable.
 */
export function resolveCredentials(project: Pick<Project, 'projectId' | 'credentialsRef'>, env: NodeJS.ProcessEnv = process.env): Credentials {
  const id = project.projectId;
  if (project.credentialsRef === 'demo') {
    const sim = findProject(id);
    if (!sim) throw new ProjectError(`project ${id} is not a simulator demo project`);
    return { serverKey: sim.serverKey, ...(sim.login ? { login: { mail: sim.login.mail, password: sim.login.password } } : {}) };
  }
  if (!project.credentialsRef.startsWith('env:')) throw new ProjectError(`project ${id}: unknown credentials reference "${project.credentialsRef}"`);
  const v = credentialVariables(project.credentialsRef.slice('env:'.length));
  const serverKey = env[v.serverKey] || undefined;
  const mail = env[v.mail] || undefined;
  const password = env[v.password] || undefined;
  if (!serverKey && !mail && !password) {
    throw new ProjectError(`credentials for project ${id} not found: set ${v.serverKey} (server key) and/or ${v.mail} and ${v.password} (console login)`);
  }
  if (!mail !== !password) {
    throw new ProjectError(`console login for project ${id} is incomplete: set both ${v.mail} and ${v.password}`);
  }
  const credentials: Credentials = { ...(serverKey ? { serverKey } : {}), ...(mail && password ? { login: { mail, password } } : {}) };
  try {
    return checkCredentials(credentials);
  } catch (err) {
    if (err instanceof CredentialsError) throw new ProjectError(`credentials for project ${id} (${project.credentialsRef}): ${err.message}`);
    throw err;
  }
}
