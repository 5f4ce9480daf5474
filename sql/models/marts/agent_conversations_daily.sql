-- MART refresh: marts.agent_conversations_daily (the contact centre per local day of queueing and
-- channel, every session included) for one project and window, from staging.chat_agent_sessions.
-- Same transaction as the staging load; only rows whose values differ are written.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, channel,
         count(DISTINCT conversation_session_id) FILTER (WHERE initial_agent_session)::int AS conversations,
         count(*)::int                                        AS sessions,
         count(assigned_at)::int                              AS assigned,
         count(closed_at)::int                                AS closed,
         count(*) FILTER (WHERE assigned_at IS NULL)::int     AS unassigned,
         coalesce(sum(seconds_to_assign), 0)::bigint          AS sum_seconds_to_assign,
         round(avg(seconds_to_assign), 1)                     AS avg_seconds_to_assign,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_assign)::numeric, 1) AS median_seconds_to_assign,
         coalesce(sum(seconds_to_close), 0)::bigint           AS sum_seconds_to_close,
         round(avg(seconds_to_close), 1)                      AS avg_seconds_to_close,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_close)::numeric, 1) AS median_seconds_to_close
  FROM staging.chat_agent_sessions
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY project_id, day, channel
), upserted AS (
  INSERT INTO marts.agent_conversations_daily AS m (project_id, day, channel, conversations, sessions, assigned, closed, unassigned,
    sum_seconds_to_assign, avg_seconds_to_assign, median_seconds_to_assign,
    sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close)
  SELECT project_id, day, channel, conversations, sessions, assigned, closed, unassigned,
    sum_seconds_to_assign, avg_seconds_to_assign, median_seconds_to_assign,
    sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close
  FROM src
  ON CONFLICT (project_id, day, channel) DO UPDATE
    SET conversations = EXCLUDED.conversations, sessions = EXCLUDED.sessions, assigned = EXCLUDED.assigned,
        closed = EXCLUDED.closed, unassigned = EXCLUDED.unassigned,
        sum_seconds_to_assign = EXCLUDED.sum_seconds_to_assign, avg_seconds_to_assign = EXCLUDED.avg_seconds_to_assign,
        median_seconds_to_assign = EXCLUDED.median_seconds_to_assign,
        sum_seconds_to_close = EXCLUDED.sum_seconds_to_close, avg_seconds_to_close = EXCLUDED.avg_seconds_to_close,
        median_seconds_to_close = EXCLUDED.median_seconds_to_close
    WHERE (m.conversations, m.sessions, m.assigned, m.closed, m.unassigned, m.sum_seconds_to_assign, m.avg_seconds_to_assign,
           m.median_seconds_to_assign, m.sum_seconds_to_close, m.avg_seconds_to_close, m.median_seconds_to_close)
          IS DISTINCT FROM
          (EXCLUDED.conversations, EXCLUDED.sessions, EXCLUDED.assigned, EXCLUDED.closed, EXCLUDED.unassigned,
           EXCLUDED.sum_seconds_to_assign, EXCLUDED.avg_seconds_to_assign, EXCLUDED.median_seconds_to_assign,
           EXCLUDED.sum_seconds_to_close, EXCLUDED.avg_seconds_to_close, EXCLUDED.median_seconds_to_close)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.agent_conversations_daily m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE (src.day, src.channel) = (m.day, m.channel))
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
