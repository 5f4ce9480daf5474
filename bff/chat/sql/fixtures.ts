/**
 * Test data for the run_sql tests: three projects with rows in every mart behind the assistant
 * views. Project 1001 (the one the tests are scoped to) has small figures; the other two carry
 * markers (7777777 / 8888888 in every measure, SECRET-B / SECRET-C in every name) so that any of
 * their values showing up in a result is caught by looking for the markers.
 */
import pg from 'pg';

export const OWN = '1001';
export const FOREIGN_MARKERS = ['7777777', '8888888', 'SECRET-B', 'SECRET-C', 'secret-b', 'secret-c'];

/** Whether any value of another project appears in `value` (a result, serialised). */
export function leaksForeignData(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  return FOREIGN_MARKERS.find((m) => text.includes(m));
}

export async function insertThreeProjects(etlUrl: string): Promise<void> {
  const etl = new pg.Client(etlUrl);
  await etl.connect();
  try {
    await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES
      (1001, 'Own project', 'Europe/Madrid', 'demo'), (1002, 'SECRET-B', 'America/Bogota', 'demo'),
      (1003, 'SECRET-C', 'UTC', 'demo')`);
    const projects: [number, number, string][] = [
      [1001, 0, 'own'],
      [1002, 7777777, 'SECRET-B'],
      [1003, 8888888, 'SECRET-C'],
    ];
    for (const [p, m, tag] of projects) {
      // Project 1001: sent 100/200, clicked 5/9; the others: the marker everywhere.
      const v = (own: number) => (m === 0 ? own : m);
      await etl.query(
        `INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent, delivered, clicked) VALUES
          ($1, 'push', '2026-01-01', 'android', $2, $3, $4), ($1, 'push', '2026-01-02', 'ios', $5, $6, $7),
          ($1, 'sms', '2026-01-01', 'all', $2, $3, $4)`,
        [p, v(100), v(90), v(5), v(200), v(180), v(9)],
      );
      await etl.query(
        `INSERT INTO marts.campaign_daily (project_id, channel, campaign_id, day, platform, sent, clicked) VALUES
          ($1, 'push', $2, '2026-01-01', 'android', $3, $4)`,
        [p, p * 10, v(100), v(5)],
      );
      await etl.query(
        `INSERT INTO marts.campaign_totals (project_id, channel, campaign_id, first_day, last_day, days, sent, clicked) VALUES
          ($1, 'push', $2, '2026-01-01', '2026-01-01', 1, $3, $4)`,
        [p, p * 10, v(100), v(5)],
      );
      await etl.query(
        `INSERT INTO marts.campaigns (project_id, campaign_id, name, channel, status) VALUES ($1, $2, $3, 'push', 'active')`,
        [p, p * 10, m === 0 ? 'Rebajas enero' : `${tag} campaign`],
      );
      await etl.query(
        `INSERT INTO marts.push_hourly (project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked) VALUES
          ($1, '2026-01-01', 9, 'android', '2026-01-01 08:00Z', $2, $2, $2, $3)`,
        [p, v(50), v(3)],
      );
      await etl.query(
        `INSERT INTO marts.devices_daily (project_id, day, platform, new, active, unregistered) VALUES ($1, '2026-01-01', 'ios', $2, $3, $4)`,
        [p, v(4), v(40), v(1)],
      );
      await etl.query(
        `INSERT INTO marts.chat_daily (project_id, day, sent, delivered, read) VALUES ($1, '2026-01-01', $2, $3, $4), ($1, '2026-01-02', $5, $5, $5)`,
        [p, v(10), v(9), v(8), v(20)],
      );
      await etl.query(
        `INSERT INTO marts.chat_messages_daily (project_id, day, send_type, channel, messages, delivered, read, fallbacks) VALUES
          ($1, '2026-01-01', 'dialogflow', 'whatsapp', $2, $2, $2, $3)`,
        [p, v(30), v(3)],
      );
      await etl.query(`INSERT INTO marts.chat_categories (project_id, day, category, messages) VALUES ($1, '2026-01-01', $2, $3)`, [
        p,
        m === 0 ? 'marketing' : tag.toLowerCase(),
        v(12),
      ]);
      await etl.query(
        `INSERT INTO marts.agent_daily (project_id, day, agent_id, email, conversations, assigned, closed, transfers_in, sum_seconds_to_assign, sum_seconds_to_close)
         VALUES ($1, '2026-01-01', $2, $3, $4::int, $4::int, $4::int, 0, $4::bigint, $4::bigint)`,
        [p, m === 0 ? 'agent-1' : `${tag}-agent`, m === 0 ? 'ana@example.com' : `${tag}@example.com`, v(6)],
      );
      await etl.query(
        `INSERT INTO marts.agent_conversations_daily (project_id, day, channel, conversations, sessions, assigned, closed, unassigned, sum_seconds_to_assign, sum_seconds_to_close)
         VALUES ($1, '2026-01-01', 'whatsapp', $2::int, $2::int, $2::int, $2::int, 0, $2::bigint, $2::bigint)`,
        [p, v(6)],
      );
      await etl.query(`INSERT INTO marts.agents_now (project_id, day, active_agents) VALUES ($1, '2026-01-01', $2)`, [p, v(2)]);
      await etl.query(`INSERT INTO marts.journeys (project_id, journey_id, name, status) VALUES ($1, $2, $3, 'active')`, [
        p,
        p * 100,
        m === 0 ? 'Bienvenida' : `${tag} journey`,
      ]);
      await etl.query(
        `INSERT INTO marts.journey_funnel (project_id, journey_id, day, node_id, position, users, sent, clicked) VALUES ($1, $2, '2026-01-01', 'start', 1, $3, $3, $4)`,
        [p, p * 100, v(70), v(7)],
      );
      // Also a legacy mart the assistant cannot read at all.
      await etl.query(
        `INSERT INTO marts.push_daily (project_id, day, platform, sent, success, received, clicked) VALUES ($1, '2026-01-01', 'android', $2, $2, $2, $2)`,
        [p, v(100)],
      );
    }
  } finally {
    await etl.end();
  }
}
