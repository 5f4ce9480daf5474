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
  const summary: SyncSummary = { windows: 0, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [] };
  const projects = (await listProjects(pool)).filter(
    (p) => p.status === 'active' && (!opts.projectIds || opts.projectIds.includes(p.projectId)),
  );
  for (const project of projects) {
    const to = todayIn(project.timeZone, opts.now);
    const windows = splitWindows(addDays(to, -(opts.days - 1)), to, MAX_WINDOW_DAYS);
    let client: IndigitallClient;
    try {
      client = new IndigitallClient({ baseUrl: opts.baseUrl, serverKey: resolveServerKey(project) });
    } catch (err) {
      summary.failures.push({ projectId: project.projectId, window: { from: windows[0]!.from, to }, error: (err as Error).message });
      continue;
    }
    let done = 0;
    opts.onProgress?.({ project, done, total: windows.length });
    for (const window of windows) {
      const run = await pool.query<{ run_id: number }>(
        `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, $2, $3, $4) RETURNING run_id`,
        [project.projectId, DATA_GROUP, window.from, window.to],
      );
      const runId = run.rows[0]!.run_id;
      try {
        const r = await extractPushDaily(pool, client, project.projectId, window);
        summary.windows++;
        summary.rawInserted += r.rawInserted;
        summary.rowsChanged += r.rowsChanged;
        if (r.quarantined) summary.quarantined++;
        await pool.query(
          `UPDATE app.sync_runs SET finished_at = now(), status = $3, raw_inserted = $4, rows_changed = $5, error = $6
           WHERE project_id = $1 AND run_id = $2`,
          [project.projectId, runId, r.quarantined ? 'failed' : 'succeeded', r.rawInserted, r.rowsChanged, r.quarantined ? 'payload quarantined' : null],
        );
        if (r.quarantined) summary.failures.push({ projectId: project.projectId, window, error: 'payload failed validation (quarantined)' });
      } catch (err) {
        const message = (err as Error).message;
        summary.failures.push({ projectId: project.projectId, window, error: message });
        await pool.query(
          `UPDATE app.sync_runs SET finished_at = now(), status = 'failed', error = $3 WHERE project_id = $1 AND run_id = $2`,
          [project.projectId, runId, message.slice(0, 1000)],
        );
      }
      opts.onProgress?.({ project, done: ++done, total: windows.length });
    }
  }
  return summary;
}
