/**
 * The tenant registry (app.projects) and how a project's server key is found from its
 * credentials reference: `env:NAME` reads the environment variable NAME; `demo` is the built-in
 * simulator's key for that project and works only against the simulator.
 */
import type { Pool } from '../lib/db.js';
import { transaction } from '../lib/db.js';
import { isTimeZone } from '../lib/dates.js';
import { findProject } from './simulator/catalog.js';

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

/** Deletes every row of the project in every layer, in one transaction. */
export async function removeProject(pool: Pool, projectId: number): Promise<boolean> {
  return transaction(pool, async (db) => {
    for (const table of ['marts.push_daily', 'staging.push_daily', 'raw.api_responses', 'raw.quarantine', 'app.sync_runs']) {
      await db.query(`DELETE FROM ${table} WHERE project_id = $1`, [projectId]);
    }
    const res = await db.query('DELETE FROM app.projects WHERE project_id = $1', [projectId]);
    return (res.rowCount ?? 0) > 0;
  });
}

export function resolveServerKey(project: Pick<Project, 'projectId' | 'credentialsRef'>, env: NodeJS.ProcessEnv = process.env): string {
  if (project.credentialsRef === 'demo') {
    const sim = findProject(project.projectId);
    if (!sim) throw new ProjectError(`project ${project.projectId} is not a simulator demo project`);
    return sim.serverKey;
  }
  const name = project.credentialsRef.slice('env:'.length);
  const key = env[name];
  if (!key) throw new ProjectError(`server key for project ${project.projectId} not found: set ${name}`);
  return key;
}
