/**
 * Sync orchestration (walking-skeleton scope: push statistics by day). For each active project the
 * window [today - days + 1, today] in the project's time zone is split to the endpoint's limit and
 * each part extracted; every part is recorded in app.sync_runs with its outcome. A failing window is
 * recorded and reported, and the other windows still run.
 */
import type { Pool } from '../lib/db.js';
import { addDays, splitWindows, todayIn } from '../lib/dates.js';
import { IndigitallClient } from './client/indigitall.js';
import { extractPushDaily, MAX_WINDOW_DAYS } from './extract/push-date-stats.js';
import { listProjects, resolveServerKey, type Project } from './projects.js';

export const DATA_GROUP = 'push';

export interface SyncOptions {
  baseUrl: string;
  days: number;
  projectIds?: number[];
  now?: Date;
  /** Where `env:NAME` credentials are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: { project: Project; done: number; total: number }) => void;
}

export interface SyncSummary {
  windows: number;
  rawInserted: number;
  rowsChanged: number;
  quarantined: number;
  failures: { projectId: number; window: { from: string; to: string }; error: string }[];
}

export async function syncPush(pool: Pool, opts: SyncOptions): Promise<SyncSummary> {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new RangeError(`days must be a positive integer, got ${opts.days}`);
  const summary: SyncSummary = { windows: 0, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [] };
  const projects = (await listProjects(pool)).filter(
    (p) => p.status === 'active' && (!opts.projectIds || opts.projectIds.includes(p.projectId)),
  );
  for (const project of projects) {
    const to = todayIn(project.timeZone, opts.now);
    const windows = splitWindows(addDays(to, -(opts.days - 1)), to, MAX_WINDOW_DAYS);
    let client: IndigitallClient | undefined;
    let setupError: string | undefined;
    try {
      client = new IndigitallClient({ baseUrl: opts.baseUrl, serverKey: resolveServerKey(project, opts.env) });
    } catch (err) {
      setupError = (err as Error).message;
    }
    let done = 0;
    opts.onProgress?.({ project, done, total: windows.length });
    for (const window of windows) {
      const run = await pool.query<{ run_id: number }>(
        `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, $2, $3, $4) RETURNING run_id`,
        [project.projectId, DATA_GROUP, window.from, window.to],
      );
      const runId = run.rows[0]!.run_id;
      const finish = (status: 'succeeded' | 'failed', rawInserted: number, rowsChanged: number, error: string | null) =>
        pool.query(
          `UPDATE app.sync_runs SET finished_at = now(), status = $3, raw_inserted = $4, rows_changed = $5, error = $6
           WHERE project_id = $1 AND run_id = $2`,
          [project.projectId, runId, status, rawInserted, rowsChanged, error?.slice(0, 1000) ?? null],
        );
      const fail = async (error: string) => {
        summary.failures.push({ projectId: project.projectId, window, error });
        await finish('failed', 0, 0, error);
      };
      try {
        // Without a key every window fails the same way; each is still recorded, so freshness shows it.
        if (!client) throw new Error(setupError);
        const r = await extractPushDaily(pool, client, project.projectId, window);
        summary.windows++;
        summary.rawInserted += r.rawInserted;
        summary.rowsChanged += r.rowsChanged;
        if (r.quarantined) {
          summary.quarantined++;
          await fail(`payload quarantined: ${r.reason}`);
        } else {
          await finish('succeeded', r.rawInserted, r.rowsChanged, null);
        }
      } catch (err) {
        await fail((err as Error).message);
      }
      opts.onProgress?.({ project, done: ++done, total: windows.length });
    }
  }
  return summary;
}
