/**
 * Schema drift: the walk of a payload against its endpoint's zod schema (schemaDrift), and its
 * recording by the pipeline on a real database against the simulator (the external API's fake),
 * whose faults rename a field (quarantined and reported) or add one (reported, and the data loads).
 */
import pg from 'pg';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { chatGroup, chatHistorySchema } from '../groups/chat.js';
import { GROUPS } from '../groups/index.js';
import { dateStatsDaily, push } from '../groups/push.js';
import { upsertProject, type Project } from '../projects.js';
import { DEMO_PROJECTS, type SimProject } from '../simulator/catalog.js';
import { FAULT_ADD_FIELD, FAULT_RENAME } from '../simulator/model.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { apiClients, backfillTasks, runTasks } from '../sync.js';
import { schemaDrift } from './drift.js';
import { runGroup, type DriftLog } from './run.js';
import type { GroupSpec } from './types.js';

describe('schemaDrift', () => {
  const schema = z.object({
    statusCode: z.literal(200),
    count: z.number().optional(),
    data: z.array(z.object({ statsDate: z.string(), sent: z.number(), opened: z.number().nullable().optional(), tags: z.record(z.string(), z.object({ n: z.number() })) })),
    meta: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullable(),
  });
  const row = { statsDate: '2026-01-01', sent: 1, opened: 2, tags: { a: { n: 1 } } };

  it('finds nothing in a payload that matches', () => {
    expect(schemaDrift(schema, { statusCode: 200, count: 1, data: [row, row], meta: { id: 3 } })).toEqual([]);
  });

  it('names unknown and missing fields by path, once however many rows carry them', () => {
    const rows = Array.from({ length: 50 }, () => {
      const { sent, opened: _o, ...rest } = row;
      return { ...rest, sended: sent, extra: true, tags: { a: { n: 1, m: 2 } } };
    });
    expect(schemaDrift(schema, { statusCode: 200, data: rows, meta: { id: 'x', v: 1 }, nextPage: null })).toEqual([
      { field: 'count', kind: 'missing' },
      { field: 'data[].sent', kind: 'missing' },
      { field: 'data[].opened', kind: 'missing' },
      { field: 'data[].tags.*.m', kind: 'unknown' },
      { field: 'data[].sended', kind: 'unknown' },
      { field: 'data[].extra', kind: 'unknown' },
      { field: 'meta.v', kind: 'unknown' },
      { field: 'nextPage', kind: 'unknown' },
    ]);
  });

  it('does not report the keys of a record, nor anything under a null', () => {
    expect(schemaDrift(schema, { statusCode: 200, count: 0, data: [{ ...row, tags: { anything: { n: 1 } } }], meta: null })).toEqual([]);
  });

  it('reads the CSV export as rows of its columns', () => {
    const r = Object.fromEntries(
      ['messageId', 'messageDate', 'sendType', 'contentType', 'status', 'profileName', 'contactId', 'agentConversationId', 'agentId', 'agentCloseReason', 'dfIntentName', 'isFallback', 'content', 'integration', 'channel'].map(
        (c) => [c, ''],
      ),
    );
    const { messageDate, ...renamed } = r;
    expect(schemaDrift(chatHistorySchema, { rows: [{ ...renamed, messageTime: messageDate }] })).toEqual([
      { field: 'rows[].messageDate', kind: 'missing' },
      { field: 'rows[].messageTime', kind: 'unknown' },
    ]);
  });
});

// ---- recorded by the pipeline -------------------------------------------------------------------

const NOW = new Date('2026-11-21T12:00:00Z');
const banco = DEMO_PROJECTS[0] as SimProject;
const RANGE = { from: '2026-11-10', to: '2026-11-14' };

let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
let project: Project;
const warnings: string[] = [];
const log: DriftLog = { warn: (_o, msg) => warnings.push(msg) };

/** The push group cut down to its daily dateStats endpoint and push_daily (one payload per window). */
const pushDaily: GroupSpec = { ...push, endpoints: [dateStatsDaily], martModels: ['push_daily.sql'], dataTests: push.dataTests.filter((t) => t.startsWith('push_daily__')) };

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ now: () => NOW, rateLimit: false });
  etl = createPool(db.etlUrl, { max: 3 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  project = { projectId: banco.id, name: banco.name, timeZone: banco.timeZone, credentialsRef: 'demo', status: 'active' };
  await upsertProject(etl, project);
}, 60_000);

afterAll(async () => {
  await owner?.end();
  await etl?.end();
  await sim?.close();
  await db?.drop();
});

const clients = () => apiClients(sim.url);
const run = (spec: GroupSpec) => {
  const make = clients();
  return runGroup({ pool: etl, project, spec, range: RANGE, client: () => make(project), log });
};
const driftRows = async () =>
  (
    await owner.query<{ data_group: string; endpoint: string; field: string; kind: string; payloads: number; first_seen: Date; last_seen: Date }>(
      `SELECT data_group, endpoint, field, kind, payloads, first_seen, last_seen FROM app.schema_drift WHERE project_id = $1 ORDER BY endpoint, field COLLATE "C", kind`,
      [banco.id],
    )
  ).rows;
const pushDailyRows = async () => Number((await owner.query(`SELECT count(*) FROM marts.push_daily WHERE project_id = $1`, [banco.id])).rows[0].count);

describe('drift recorded by the pipeline', () => {
  it('a normal backfill of every group from the simulator records no drift (its payloads match the schemas)', { timeout: 120_000 }, async () => {
    const s = await runTasks(etl, backfillTasks([project], GROUPS, 10, NOW), { clients: clients(), concurrency: 2, log });
    expect(s.failures).toEqual([]);
    expect(await driftRows()).toEqual([]);
    expect(warnings).toEqual([]);
    await owner.query('TRUNCATE marts.push_daily');
  });

  it('a renamed field: the window is quarantined as before, and both names are recorded with one warning each', async () => {
    sim.faults.set('pushDateStats', 'renameField');
    try {
      const r = await run(pushDaily);
      expect(r.status).toBe('failed');
      expect(r.windows[0]!.error).toMatch(new RegExp(`data\\.0\\.${FAULT_RENAME.from}`));
    } finally {
      sim.faults.clear();
    }
    expect(await pushDailyRows()).toBe(0);
    expect((await driftRows()).map((d) => [d.data_group, d.endpoint, d.field, d.kind, d.payloads])).toEqual([
      ['push', dateStatsDaily.name, `data[].${FAULT_RENAME.to}`, 'unknown', 1], // numDevicesSended
      ['push', dateStatsDaily.name, `data[].${FAULT_RENAME.from}`, 'missing', 1], // numDevicesSent
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toContain(FAULT_RENAME.to);
    expect(warnings.join('\n')).toContain(FAULT_RENAME.from);
  });

  it('an extra field: recorded, and the data still loads; a rerun counts it again without a new row or warning', async () => {
    await owner.query('DELETE FROM app.schema_drift');
    warnings.length = 0;
    sim.faults.set('pushDateStats', 'addField');
    try {
      const first = await run(pushDaily);
      expect(first.status).toBe('succeeded');
      expect(await pushDailyRows()).toBeGreaterThan(0);
      const [d1, ...none] = await driftRows();
      expect(none).toEqual([]);
      expect(d1).toMatchObject({ endpoint: dateStatsDaily.name, field: `data[].${FAULT_ADD_FIELD.field}`, kind: 'unknown', payloads: 1 });
      expect(warnings).toHaveLength(1);

      const second = await run(pushDaily);
      expect(second.status).toBe('succeeded');
      const [d2, ...none2] = await driftRows();
      expect(none2).toEqual([]);
      expect(d2!.payloads).toBe(2);
      expect(d2!.first_seen).toEqual(d1!.first_seen);
      expect(d2!.last_seen.getTime()).toBeGreaterThan(d1!.last_seen.getTime());
      expect(warnings).toHaveLength(1);
    } finally {
      sim.faults.clear();
    }
  });

  it('a renamed CSV column of the chat history is recorded under chat.history', { timeout: 60_000 }, async () => {
    sim.faults.set('chatHistory', { kind: 'renameField', from: 'messageDate', to: 'messageTime' });
    try {
      expect((await run(chatGroup)).status).toBe('failed');
    } finally {
      sim.faults.clear();
    }
    const chat = (await driftRows()).filter((d) => d.data_group === 'chat').map((d) => [d.endpoint, d.field, d.kind]);
    expect(chat).toEqual([
      ['chat.history', 'rows[].messageDate', 'missing'],
      ['chat.history', 'rows[].messageTime', 'unknown'],
    ]);
  });

  it("the BFF's reader role sees its own project's drift only, and none without a project", async () => {
    const api = new pg.Client(db.apiUrl);
    await api.connect();
    const asReader = async (p: string | null) => {
      await api.query('BEGIN READ ONLY; SET LOCAL ROLE ig_reader');
      try {
        if (p !== null) await api.query(`SELECT set_config('app.project_id', $1, true)`, [p]);
        return (await api.query('SELECT project_id, field FROM app.schema_drift')).rows;
      } finally {
        await api.query('ROLLBACK');
      }
    };
    try {
      await owner.query(`INSERT INTO app.schema_drift (project_id, data_group, endpoint, field, kind) VALUES (42, 'push', 'x', 'y', 'unknown')`);
      const own = await asReader(String(banco.id));
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((r) => Number(r.project_id) === banco.id)).toBe(true);
      expect(await asReader('42')).toEqual([{ project_id: 42, field: 'y' }]);
      expect(await asReader(null)).toEqual([]);
    } finally {
      await api.end();
    }
  });
});
