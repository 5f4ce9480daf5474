/**
 * The chat group's models on a real database, as the pipeline runs them (etl/groups/conversation-testkit.ts):
 * raw payloads shaped like the API's (GET /v1/chat/stats; the history CSV parsed into {"rows":[…]}),
 * landed as ig_etl, then staging → marts → data tests in one transaction. Expected figures are
 * written out by hand from the payloads below, never read back from what the models wrote.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datesBetween } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import type { Window } from '../pipeline/types.js';
import { chatGroup, chatHistory, chatHistorySchema, chatStats, chatStatsSchema, CHAT_HISTORY_COLUMNS } from './chat.js';
import { dataTestRows, inRolledBackTransaction, land, refresh, type Payload } from './conversation-testkit.js';
import { loadSql } from '../pipeline/sql.js';

const BOGOTA = 9001; // America/Bogota, UTC−5 all year
const MADRID = 9002;
const W: Window = { from: '2026-03-02', to: '2026-03-03' };
const DAY1: Window = { from: '2026-03-02', to: '2026-03-02' };
const DAY2: Window = { from: '2026-03-03', to: '2026-03-03' };

let db: TestDatabase;
let etl: Pool;
let owner: pg.Client;

const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) =>
  (await owner.query<T>(sql, params)).rows;

// ---- payloads as the API sends them ---------------------------------------------------------------

const CATEGORIES_ZERO = { authentication: 0, authenticationInternational: 0, marketing: 0, marketingLite: 0, referral: 0, service: 0, utility: 0 };

function stats(day: string, daily: { sent: number; delivered: number; read: number } | null, total: number, peak: string | null, categories: Partial<typeof CATEGORIES_ZERO>) {
  return {
    statusCode: 200,
    message: 'OK',
    data: {
      totalMessages: total,
      peakMinuteUtc: peak,
      categories: { ...CATEGORIES_ZERO, ...categories },
      daily: daily ? [{ statsDate: day, ...daily }] : [],
    },
  };
}

type Msg = Partial<Record<(typeof CHAT_HISTORY_COLUMNS)[number], string>>;
/** A history record as csvRecords() gives it: every column, every value a string. */
function msg(m: Msg): Record<string, string> {
  return Object.fromEntries(CHAT_HISTORY_COLUMNS.map((c) => [c, m[c] ?? ''])) as Record<string, string>;
}

const HISTORY = [
  msg({ messageId: 'm1', messageDate: '2026-03-02T13:00:00Z', sendType: 'input', contentType: 'text', channel: 'WhatsApp', contactId: 'c1', profileName: 'Ana', content: 'hola', status: 'received' }),
  msg({ messageId: 'm2', messageDate: '2026-03-02T13:00:05Z', sendType: 'dialogflow', contentType: 'text', channel: 'WHATSAPP', dfIntentName: 'saludo', isFallback: 'false', status: 'read' }),
  msg({ messageId: 'm3', messageDate: '2026-03-02T13:01:00Z', sendType: 'input', contentType: 'text', channel: 'whatsapp', contactId: 'c1' }),
  msg({ messageId: 'm4', messageDate: '2026-03-02T13:01:02Z', sendType: 'dialogflow', contentType: 'text', channel: 'whatsapp', dfIntentName: 'Default Fallback Intent', isFallback: 'true', status: 'delivered' }),
  // 03:30 UTC on the 3rd is 22:30 on the 2nd in Bogotá: a message of the 2nd.
  msg({ messageId: 'm5', messageDate: '2026-03-03T03:30:00Z', sendType: 'dialogflow', contentType: 'text', channel: 'webapp', isFallback: 'true' }),
  msg({ messageId: 'm6', messageDate: '2026-03-03T16:00:00Z', sendType: 'operator', contentType: 'text', channel: 'whatsapp', agentId: '7', agentConversationId: 'ac1', status: 'Read' }),
  msg({ messageId: 'm7', messageDate: '2026-03-03T16:00:30Z', sendType: 'agent_notification', contentType: 'event', channel: 'whatsapp', agentCloseReason: 'resolved' }),
  msg({ messageId: 'm8', messageDate: '2026-03-03T16:02:00Z', sendType: 'dialogflow', contentType: 'text', channel: 'whatsapp', isFallback: 'false' }),
  // No offset: read as UTC, not as the session's zone. web_app is webapp.
  msg({ messageId: 'm9', messageDate: '2026-03-03 17:00:00', sendType: 'input', contentType: 'text', channel: 'web_app' }),
];

const STATS1 = stats('2026-03-02', { sent: 120, delivered: 110, read: 70 }, 300, '2026-03-02T15:07:00Z', {
  authentication: 5, marketing: 10, marketingLite: 2, referral: 1, service: 90, utility: 12,
});
const STATS2 = stats('2026-03-03', { sent: 80, delivered: 80, read: 50 }, 200, '2026-03-03T14:00:00.000Z', { authentication: 1, service: 70, utility: 9 });

const payloads = (s1: unknown, s2: unknown, rows: Record<string, string>[]): Payload[] => [
  { endpoint: chatStats, window: DAY1, payload: s1 },
  { endpoint: chatStats, window: DAY2, payload: s2 },
  { endpoint: chatHistory, window: W, payload: { rows } },
];

const load = (ps: Payload[], projectId = BOGOTA, window = W) => refresh(etl, chatGroup, projectId, window, ps);

async function marts(projectId = BOGOTA) {
  return {
    daily: await q(`SELECT day, sent, delivered, read, total_messages, peak_minute_utc FROM marts.chat_daily WHERE project_id = $1 ORDER BY day`, [projectId]),
    messages: await q(
      `SELECT day, send_type, channel, messages, delivered, read, fallbacks, fallback_rate FROM marts.chat_messages_daily WHERE project_id = $1
       ORDER BY day, send_type, channel`,
      [projectId],
    ),
    categories: await q(`SELECT day, category, messages FROM marts.chat_categories WHERE project_id = $1 ORDER BY day, category`, [projectId]),
    channel: await q(
      `SELECT channel, day, platform, sent, delivered, opened, clicked FROM marts.channel_daily WHERE project_id = $1 ORDER BY channel, day, platform`,
      [projectId],
    ),
  };
}

/** xmin of every row of the chat staging and mart tables: any rewrite shows. */
async function xmins() {
  const out: Record<string, string[]> = {};
  for (const t of ['staging.chat_stats_daily', 'staging.chat_stats_window', 'staging.chat_stats_categories', 'staging.chat_messages',
    'marts.chat_daily', 'marts.chat_messages_daily', 'marts.chat_categories', 'marts.channel_daily']) {
    out[t] = (await q<{ k: string }>(`SELECT t::text || ':' || xmin::text AS k FROM ${t} t ORDER BY 1`)).map((r) => r.k);
  }
  return out;
}

beforeAll(async () => {
  db = await testDatabase();
  etl = createPool(db.etlUrl, { max: 2 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES
    (${BOGOTA}, 'Banco', 'America/Bogota', 'demo'), (${MADRID}, 'Moda', 'Europe/Madrid', 'demo')`);
  // Another channel's row on a day of the window, and a chat row of a day outside it: neither may change.
  await etl.query(`INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent, delivered, opened, clicked) VALUES
    (${BOGOTA}, 'push', '2026-03-02', 'android', 1000, 900, NULL, 30),
    (${BOGOTA}, 'chat', '2026-03-01', 'all', 5, 5, 5, NULL)`);
});

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await db?.drop();
});

describe('chat group models', () => {
  it('loads stats and the history export into the marts: local days, normalised channels, fallback rate', async () => {
    const r = await load(payloads(STATS1, STATS2, HISTORY));
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ committed: true, rawInserted: 3 });

    const m = await marts();
    expect(m.messages).toEqual([
      { day: '2026-03-02', send_type: 'dialogflow', channel: 'webapp', messages: 1, delivered: 0, read: 0, fallbacks: 1, fallback_rate: 1 },
      { day: '2026-03-02', send_type: 'dialogflow', channel: 'whatsapp', messages: 2, delivered: 2, read: 1, fallbacks: 1, fallback_rate: 0.5 },
      { day: '2026-03-02', send_type: 'input', channel: 'whatsapp', messages: 2, delivered: 0, read: 0, fallbacks: 0, fallback_rate: 0 },
      { day: '2026-03-03', send_type: 'agent_notification', channel: 'whatsapp', messages: 1, delivered: 0, read: 0, fallbacks: 0, fallback_rate: 0 },
      { day: '2026-03-03', send_type: 'dialogflow', channel: 'whatsapp', messages: 1, delivered: 0, read: 0, fallbacks: 0, fallback_rate: 0 },
      { day: '2026-03-03', send_type: 'input', channel: 'webapp', messages: 1, delivered: 0, read: 0, fallbacks: 0, fallback_rate: 0 },
      { day: '2026-03-03', send_type: 'operator', channel: 'whatsapp', messages: 1, delivered: 1, read: 1, fallbacks: 0, fallback_rate: 0 },
    ]);
    expect(m.daily).toEqual([
      { day: '2026-03-02', sent: 120, delivered: 110, read: 70, total_messages: 300, peak_minute_utc: new Date('2026-03-02T15:07:00Z') },
      { day: '2026-03-03', sent: 80, delivered: 80, read: 50, total_messages: 200, peak_minute_utc: new Date('2026-03-03T14:00:00Z') },
    ]);
    expect(m.categories.filter((c) => c.day === '2026-03-02')).toEqual([
      { day: '2026-03-02', category: 'authentication', messages: 5 },
      { day: '2026-03-02', category: 'authentication_international', messages: 0 },
      { day: '2026-03-02', category: 'marketing', messages: 10 },
      { day: '2026-03-02', category: 'marketing_lite', messages: 2 },
      { day: '2026-03-02', category: 'referral', messages: 1 },
      { day: '2026-03-02', category: 'service', messages: 90 },
      { day: '2026-03-02', category: 'utility', messages: 12 },
    ]);
    expect(m.categories).toHaveLength(14);
    expect(m.channel).toEqual([
      { channel: 'chat', day: '2026-03-01', platform: 'all', sent: 5, delivered: 5, opened: 5, clicked: null },
      { channel: 'chat', day: '2026-03-02', platform: 'all', sent: 120, delivered: 110, opened: 70, clicked: null },
      { channel: 'chat', day: '2026-03-03', platform: 'all', sent: 80, delivered: 80, opened: 50, clicked: null },
      { channel: 'push', day: '2026-03-02', platform: 'android', sent: 1000, delivered: 900, opened: null, clicked: 30 },
    ]);

    // Staging keeps UTC instants, the local day, and no message text or profile name.
    const [m5] = await q(`SELECT sent_at, day, channel, is_fallback FROM staging.chat_messages WHERE message_id = 'm5'`);
    expect(m5).toEqual({ sent_at: new Date('2026-03-03T03:30:00Z'), day: '2026-03-02', channel: 'webapp', is_fallback: true });
    const [m9] = await q(`SELECT sent_at, day FROM staging.chat_messages WHERE message_id = 'm9'`);
    expect(m9).toEqual({ sent_at: new Date('2026-03-03T17:00:00Z'), day: '2026-03-03' });
    const cols = (await q(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'staging' AND table_name = 'chat_messages'`)).map((c) => c.column_name);
    expect(cols).not.toContain('content');
    expect(cols).not.toContain('profile_name');
  });

  it('replaying the same payloads adds no raw row and rewrites no row', async () => {
    const before = await xmins();
    const r = await load(payloads(STATS1, STATS2, HISTORY));
    expect(r).toMatchObject({ committed: true, rawInserted: 0, stagingChanged: 0, martsChanged: 0 });
    expect(await xmins()).toEqual(before);
  });

  it('a revised payload (late corrections, a message gone, a fallback re-labelled) changes exactly those rows', async () => {
    const before = await xmins();
    const revised1 = stats('2026-03-02', { sent: 120, delivered: 112, read: 75 }, 300, '2026-03-02T15:07:00Z', {
      authentication: 5, marketing: 10, marketingLite: 2, referral: 1, service: 90, utility: 12,
    });
    const history = HISTORY.filter((m) => m.messageId !== 'm3').map((m) => (m.messageId === 'm2' ? { ...m, isFallback: 'true' } : m));
    const r = await load(payloads(revised1, STATS2, history));
    expect(r).toMatchObject({ committed: true, rawInserted: 2 });

    const m = await marts();
    expect(m.messages.filter((x) => x.day === '2026-03-02')).toEqual([
      { day: '2026-03-02', send_type: 'dialogflow', channel: 'webapp', messages: 1, delivered: 0, read: 0, fallbacks: 1, fallback_rate: 1 },
      { day: '2026-03-02', send_type: 'dialogflow', channel: 'whatsapp', messages: 2, delivered: 2, read: 1, fallbacks: 2, fallback_rate: 1 },
      { day: '2026-03-02', send_type: 'input', channel: 'whatsapp', messages: 1, delivered: 0, read: 0, fallbacks: 0, fallback_rate: 0 },
    ]);
    expect(m.daily[0]).toMatchObject({ day: '2026-03-02', delivered: 112, read: 75 });
    expect(m.channel.find((c) => c.channel === 'chat' && c.day === '2026-03-02')).toMatchObject({ delivered: 112, opened: 75 });
    expect(await q(`SELECT count(*)::int AS n FROM staging.chat_messages WHERE message_id = 'm3'`)).toEqual([{ n: 0 }]);

    // Untouched: the 3rd in every mart, the 2nd's unchanged message rows, categories, other channels.
    const after = await xmins();
    const keep = (rows: string[], day: string) => rows.filter((k) => k.includes(day));
    for (const t of ['marts.chat_daily', 'marts.chat_messages_daily', 'marts.chat_categories']) {
      expect(keep(after[t]!, '2026-03-03'), t).toEqual(keep(before[t]!, '2026-03-03'));
    }
    expect(after['marts.chat_categories']).toEqual(before['marts.chat_categories']);
    expect(after['marts.chat_messages_daily']!.filter((k) => k.includes('webapp'))).toEqual(
      before['marts.chat_messages_daily']!.filter((k) => k.includes('webapp')),
    );
    expect(after['marts.channel_daily']!.filter((k) => !k.includes('2026-03-02,chat') && !k.includes('chat,2026-03-02'))).toEqual(
      before['marts.channel_daily']!.filter((k) => !k.includes('2026-03-02,chat') && !k.includes('chat,2026-03-02')),
    );
  });

  // In the pipeline an empty answer over loaded days is quarantined (see the check below); the models
  // themselves replace the window with whatever they are given.
  it('a day the stats no longer have is removed from the chat marts; other channels stay', async () => {
    const r = await load([{ endpoint: chatStats, window: DAY2, payload: stats('2026-03-03', null, 0, null, {}) }], BOGOTA, DAY2);
    expect(r.failures).toEqual([]);
    const m = await marts();
    expect(m.daily.map((d) => [d.day, d.sent, d.total_messages])).toEqual([
      ['2026-03-02', 120, 300],
      ['2026-03-03', 0, 0],
    ]);
    expect(m.channel.filter((c) => c.day === '2026-03-03')).toEqual([]);
    expect(m.channel.find((c) => c.channel === 'push')).toMatchObject({ sent: 1000 });
    // Put the 3rd back for the tests below.
    await load([{ endpoint: chatStats, window: DAY2, payload: STATS2 }], BOGOTA, DAY2);
  });

  it("keeps a month's window figures as the month's (ADR 029): daily[] per day, categories spanning the window; refuses over 31 days", async () => {
    const JAN: Window = { from: '2026-01-01', to: '2026-01-31' };
    const month = {
      statusCode: 200,
      message: 'OK',
      data: {
        totalMessages: 900,
        peakMinuteUtc: '2026-01-20T10:00:00Z',
        categories: { ...CATEGORIES_ZERO, marketing: 40, service: 500 },
        daily: [{ statsDate: '2026-01-05', sent: 10, delivered: 9, read: 5 }, { statsDate: '2026-01-06', sent: 20, delivered: 20, read: 15 }],
      },
    };
    const r = await load([{ endpoint: chatStats, window: JAN, payload: month }], MADRID, JAN);
    expect(r).toMatchObject({ committed: true, failures: [] });
    // Every day of the month has its daily figures (0 where daily[] lists none); none has the month's totals.
    const daily = await q(`SELECT day::text, sent::int, total_messages FROM marts.chat_daily WHERE project_id = $1 AND day < '2026-02-01' ORDER BY day`, [MADRID]);
    expect(daily.map((r) => r.day)).toEqual(datesBetween('2026-01-01', '2026-01-31'));
    expect(daily.filter((r) => r.sent > 0 || r.total_messages !== null)).toEqual([
      { day: '2026-01-05', sent: 10, total_messages: null },
      { day: '2026-01-06', sent: 20, total_messages: null },
    ]);
    expect(await q(`SELECT day::text, days, category, messages::int FROM marts.chat_categories WHERE project_id = $1 AND messages > 0 AND day < '2026-02-01' ORDER BY category`, [MADRID])).toEqual([
      { day: '2026-01-01', days: 31, category: 'marketing', messages: 40 },
      { day: '2026-01-01', days: 31, category: 'service', messages: 500 },
    ]);
    expect(await q(`SELECT day::text, days, total_messages::int FROM staging.chat_stats_window WHERE project_id = $1 AND day < '2026-02-01'`, [MADRID])).toEqual([
      { day: '2026-01-01', days: 31, total_messages: 900 },
    ]);
    await expect(load([{ endpoint: chatStats, window: { from: '2026-01-01', to: '2026-02-10' }, payload: month }], MADRID, JAN)).rejects.toThrow(/not 1 to 31 days/);
    for (const t of ['marts.chat_daily', 'marts.chat_categories', 'staging.chat_stats_daily', 'staging.chat_stats_window', 'staging.chat_stats_categories']) {
      await q(`DELETE FROM ${t} WHERE project_id = $1`, [MADRID]);
    }
  });

  it('a failing data test rolls the whole window back and keeps the published data', async () => {
    const before = await xmins();
    const rawBefore = await q(`SELECT count(*)::int AS n FROM raw.api_responses`);
    // read > delivered passes the schema (each count alone is valid) but not chat_daily__funnel.
    const bad = stats('2026-03-02', { sent: 120, delivered: 100, read: 101 }, 300, '2026-03-02T15:07:00Z', {});
    const r = await load([{ endpoint: chatStats, window: DAY1, payload: bad }], BOGOTA, DAY1);
    expect(r.committed).toBe(false);
    expect(r.failures.map((f) => f.test)).toEqual(['chat_daily__funnel']);
    expect(await xmins()).toEqual(before);
    expect(await q(`SELECT count(*)::int AS n FROM raw.api_responses`)).toEqual(rawBefore);
  });

  it('a message the export repeats with other values (a page read after it shifted) is taken once, as its last occurrence reads it', async () => {
    const staging = loadSql('models/staging', chatHistory.stagingModel!);
    const versions = ['delivered', 'read', 'sent'].map((status) => msg({ ...HISTORY[1], status }));
    // Every order of the three versions, each with the other messages around them.
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) {
      const rows = [HISTORY[0]!, ...order.map((i) => versions[i]!), ...HISTORY.slice(2)];
      const got = await inRolledBackTransaction(owner, async () => {
        const raw = await land(owner, BOGOTA, { endpoint: chatHistory, payload: { rows } }, W);
        await owner.query(staging.text, staging.values({ project_id: BOGOTA, raw_id: raw.id, from: W.from, to: W.to }));
        return (await owner.query(`SELECT status FROM staging.chat_messages WHERE project_id = $1 AND message_id = 'm2'`, [BOGOTA])).rows;
      });
      expect(got).toEqual([{ status: versions[order[2]!]!.status }]);
    }
  });

  it('another project sees none of these rows, and a reader sees only its own project', async () => {
    expect((await marts(MADRID)).messages).toEqual([]);
    const api = new pg.Client(db.apiUrl);
    await api.connect();
    try {
      await api.query('BEGIN READ ONLY; SET LOCAL ROLE ig_reader');
      await api.query(`SELECT set_config('app.project_id', $1, true)`, [String(MADRID)]);
      for (const t of ['marts.chat_daily', 'marts.chat_messages_daily', 'marts.chat_categories']) {
        expect((await api.query(`SELECT count(*)::int AS n FROM ${t}`)).rows, t).toEqual([{ n: 0 }]);
      }
      await api.query(`SELECT set_config('app.project_id', $1, true)`, [String(BOGOTA)]);
      expect((await api.query(`SELECT count(*)::int AS n FROM marts.chat_messages_daily`)).rows).toEqual([{ n: 7 }]);
      await expect(api.query('SELECT count(*) FROM staging.chat_messages')).rejects.toThrow(/permission denied/);
    } finally {
      await api.query('ROLLBACK');
      await api.end();
    }
  });
});

describe('tables of the conversation groups (migrations 0010–0013)', () => {
  const MARTS = ['chat_daily', 'chat_messages_daily', 'chat_categories', 'agent_daily', 'agent_conversations_daily', 'agents_now',
    'campaigns', 'journeys', 'journey_funnel'];
  const STAGING = ['chat_stats_daily', 'chat_stats_window', 'chat_stats_categories', 'chat_messages', 'chat_agent_sessions',
    'chat_agent_status', 'campaigns', 'journeys', 'journey_nodes_daily'];

  it('marts: readable by ig_reader through a policy on app.current_project_id() (and by the assistant role on its pinned project), writable by ig_etl only', async () => {
    for (const t of MARTS) {
      const [r] = await q(
        `SELECT has_table_privilege('ig_reader', $1, 'SELECT') AS reader_select, has_table_privilege('ig_reader', $1, 'INSERT') AS reader_insert,
                has_table_privilege('ig_etl', $1, 'INSERT, UPDATE, DELETE') AS etl_write, has_table_privilege('ig_api', $1, 'SELECT') AS api_select,
                (SELECT array_agg(p.roles::text || ':' || p.cmd || ':' || coalesce(p.qual, '') ORDER BY p.policyname)
                 FROM pg_policies p WHERE p.schemaname = 'marts' AND p.tablename = $2) AS policies`,
        [`marts.${t}`, t],
      );
      expect(r, t).toEqual({
        reader_select: true,
        reader_insert: false,
        etl_write: true,
        api_select: false,
        policies: [
          // The AI chat's SQL role reads through views, under the project pinned for its transaction (ADR 014).
          `{ig_assistant}:SELECT:(project_id = ( SELECT app.assistant_project_id() AS assistant_project_id))`,
          '{ig_etl}:ALL:true',
          `{ig_reader}:SELECT:(project_id = ( SELECT app.current_project_id() AS current_project_id))`,
        ],
      });
    }
  });

  it('staging: loaded by ig_etl, never readable by the reader roles', async () => {
    for (const t of STAGING) {
      const [r] = await q(
        `SELECT has_table_privilege('ig_reader', $1, 'SELECT') AS reader, has_table_privilege('ig_etl', $1, 'SELECT, INSERT, UPDATE, DELETE') AS etl`,
        [`staging.${t}`],
      );
      expect(r, t).toEqual({ reader: false, etl: true });
    }
  });
});

describe('chat data tests', () => {
  it('pass on the loaded data', async () => {
    for (const t of chatGroup.dataTests) expect(await dataTestRows(owner, t, BOGOTA, W), t).toEqual([]);
  });

  // Each test against a violation planted (as the owner, rolled back) in the loaded data. Constraints
  // that would refuse the plant are dropped inside the same transaction.
  const plants: Record<string, string> = {
    chat_daily__not_null: `ALTER TABLE marts.chat_daily ALTER COLUMN sent DROP NOT NULL;
      UPDATE marts.chat_daily SET sent = NULL WHERE project_id = ${BOGOTA} AND day = '2026-03-02'`,
    chat_daily__unique_grain: `ALTER TABLE marts.chat_daily DROP CONSTRAINT chat_daily_pkey;
      INSERT INTO marts.chat_daily SELECT * FROM marts.chat_daily WHERE project_id = ${BOGOTA} AND day = '2026-03-03'`,
    chat_daily__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    chat_daily__funnel: `UPDATE marts.chat_daily SET read = delivered + 1 WHERE project_id = ${BOGOTA} AND day = '2026-03-03'`,
    chat_daily__reconciles_staging: `DELETE FROM staging.chat_stats_daily WHERE project_id = ${BOGOTA} AND day = '2026-03-03'`,
    chat_messages_daily__not_null: `ALTER TABLE marts.chat_messages_daily ALTER COLUMN fallbacks DROP NOT NULL;
      UPDATE marts.chat_messages_daily SET fallbacks = NULL WHERE project_id = ${BOGOTA} AND send_type = 'operator'`,
    chat_messages_daily__unique_grain: `ALTER TABLE marts.chat_messages_daily DROP CONSTRAINT chat_messages_daily_pkey;
      INSERT INTO marts.chat_messages_daily (project_id, day, send_type, channel, messages, delivered, read, fallbacks)
      SELECT project_id, day, send_type, channel, messages, delivered, read, fallbacks FROM marts.chat_messages_daily WHERE project_id = ${BOGOTA} AND send_type = 'operator'`,
    chat_messages_daily__accepted_values: `UPDATE marts.chat_messages_daily SET channel = 'telegram' WHERE project_id = ${BOGOTA} AND send_type = 'operator'`,
    chat_messages_daily__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    chat_messages_daily__reconciles_staging: `UPDATE staging.chat_messages SET is_fallback = true WHERE project_id = ${BOGOTA} AND message_id = 'm1'`,
    chat_categories__not_null: `ALTER TABLE marts.chat_categories ALTER COLUMN messages DROP NOT NULL;
      UPDATE marts.chat_categories SET messages = NULL WHERE project_id = ${BOGOTA} AND category = 'service'`,
    chat_categories__unique_grain: `ALTER TABLE marts.chat_categories DROP CONSTRAINT chat_categories_pkey;
      INSERT INTO marts.chat_categories SELECT * FROM marts.chat_categories WHERE project_id = ${BOGOTA} AND category = 'utility'`,
    chat_categories__accepted_values: `UPDATE marts.chat_categories SET category = 'Marketing Lite' WHERE project_id = ${BOGOTA} AND category = 'marketing_lite'`,
    chat_categories__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    chat_categories__reconciles_staging: `UPDATE marts.chat_categories SET messages = messages + 1 WHERE project_id = ${BOGOTA} AND category = 'service' AND day = '2026-03-02'`,
    channel_daily_chat__reconciles_staging: `UPDATE marts.channel_daily SET opened = opened - 1 WHERE project_id = ${BOGOTA} AND channel = 'chat' AND day = '2026-03-03'`,
  };

  it('every data test of the group has a planted violation below', () => {
    expect(Object.keys(plants).sort()).toEqual(chatGroup.dataTests.map((t) => t.replace(/\.sql$/, '')).sort());
  });

  it('chat_categories__unique_grain also catches a month row over days that have daily rows (they would count twice)', async () => {
    const rows = await inRolledBackTransaction(owner, async () => {
      await owner.query(`UPDATE marts.chat_categories SET days = 2 WHERE project_id = ${BOGOTA} AND day = '2026-03-02'`);
      return dataTestRows(owner, 'chat_categories__unique_grain.sql', BOGOTA, W);
    });
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(plants))('%s catches its planted violation', async (test, plant) => {
    const rows = await inRolledBackTransaction(owner, async () => {
      await owner.query(plant);
      return dataTestRows(owner, `${test}.sql`, BOGOTA, W);
    });
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('chat payload schemas', () => {
  const history = (rows: Record<string, string>[]) => chatHistorySchema.safeParse({ rows });
  const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '';

  it('accepts the payloads above', () => {
    expect(chatStatsSchema.safeParse(STATS1).success).toBe(true);
    expect(history(HISTORY).success).toBe(true);
  });

  it.each([
    ['a missing category', () => chatStatsSchema.safeParse({ ...STATS1, data: { ...STATS1.data, categories: { service: 1 } } }), /authentication: category missing/],
    ['a negative count', () => chatStatsSchema.safeParse({ ...STATS1, data: { ...STATS1.data, totalMessages: -1 } }), /totalMessages/],
    ['a renamed daily field', () => chatStatsSchema.safeParse({ ...STATS1, data: { ...STATS1.data, daily: [{ statsDate: '2026-03-02', sent: 1, delivered: 1, readed: 1 }] } }), /daily\.0\.read/],
    ['an error status', () => chatStatsSchema.safeParse({ ...STATS1, statusCode: 500 }), /statusCode/],
    ['an unknown sendType', () => history([msg({ messageId: 'x', messageDate: '2026-03-02T10:00:00Z', sendType: 'bot', channel: 'whatsapp' })]), /rows\.0\.sendType/],
    ['an unknown channel', () => history([msg({ messageId: 'x', messageDate: '2026-03-02T10:00:00Z', sendType: 'input', channel: 'telegram' })]), /not a chat channel/],
    ['a bad date', () => history([msg({ messageId: 'x', messageDate: '02/03/2026 10:00', sendType: 'input', channel: 'whatsapp' })]), /messageDate: not an ISO 8601/],
    ['an empty messageId', () => history([msg({ messageId: '', messageDate: '2026-03-02T10:00:00Z', sendType: 'input', channel: 'whatsapp' })]), /messageId is empty/],
    ['two different rows for one message', () => history([HISTORY[0]!, { ...HISTORY[0]!, sendType: 'operator' }]), /two different rows for message m1/],
    ['a missing column', () => history([Object.fromEntries(Object.entries(HISTORY[0]!).filter(([k]) => k !== 'isFallback'))]), /rows\.0\.isFallback/],
  ])('rejects %s', (_name, parse, reason) => {
    const r = parse();
    expect(r.success).toBe(false);
    expect(issues(r)).toMatch(reason);
  });

  it('takes a message repeated identically (shifted pages) once', async () => {
    expect(history([HISTORY[0]!, HISTORY[0]!]).success).toBe(true);
  });

  it('quarantines an empty answer over days already loaded (an outage, not a quiet day)', async () => {
    const query = async <R,>(sql: string, params?: unknown[]) => (await etl.query(sql, params)).rows as R[];
    const empty = stats('2026-03-03', null, 0, null, {});
    expect(await chatStats.check!(empty, { projectId: BOGOTA, window: DAY2, query })).toMatch(/^empty chat statistics for a window that already has data/);
    expect(await chatStats.check!(empty, { projectId: MADRID, window: DAY2, query })).toBeUndefined();
    expect(await chatHistory.check!({ rows: [] }, { projectId: BOGOTA, window: W, query })).toMatch(/^empty chat history/);
    expect(await chatHistory.check!({ rows: [] }, { projectId: BOGOTA, window: { from: '2026-03-10', to: '2026-03-16' }, query })).toBeUndefined();
    expect(await chatHistory.check!({ rows: HISTORY }, { projectId: BOGOTA, window: W, query })).toBeUndefined();
  });

  it('quarantines stats with a day outside the requested window', async () => {
    const ctx = { projectId: BOGOTA, window: DAY2, query: async () => [] };
    expect(await chatStats.check!(STATS1, ctx)).toBe('row dated 2026-03-02 is outside the requested window');
    expect(await chatStats.check!(STATS2, ctx)).toBeUndefined();
  });

  it('asks for one local day per stats request, all actors and channels', () => {
    expect(chatStats).toMatchObject({ maxWindowDays: 90, dailyDays: 62 });
    expect(chatStats.query(BOGOTA, DAY1)).toEqual({ applicationId: BOGOTA, dateFrom: '2026-03-02', dateTo: '2026-03-02', actor: 'all', channel: 'all' });
    expect(chatHistory).toMatchObject({ maxWindowDays: 7, format: 'csv', auth: 'jwt', paging: { kind: 'v1' } });
  });
});
