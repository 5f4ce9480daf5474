-- MART refresh: marts.agent_daily (per agent and local day of queueing) for one project and window,
-- from staging.chat_agent_sessions. Sessions no agent took yet are not an agent's (see
-- marts.agent_conversations_daily). email is the agent's latest on that day.
-- Same transaction as the staging load; only rows whose values differ are written.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, agent_id,
         (array_agg(email ORDER BY queued_at DESC, agent_session_id DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
         count(*)::int                                        AS conversations,
         count(assigned_at)::int                              AS assigned,
         count(closed_at)::int                                AS closed,
         count(*) FILTER (WHERE NOT initial_agent_session)::int AS transfers_in,
         coalesce(sum(seconds_to_assign), 0)::bigint          AS sum_seconds_to_assign,
         round(avg(seconds_to_assign), 1)                     AS avg_seconds_to_assign,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_assign)::numeric, 1) AS median_seconds_to_assign,
         coalesce(sum(seconds_to_close), 0)::bigint           AS sum_seconds_to_close,
         round(avg(seconds_to_close), 1)                      AS avg_seconds_to_close,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_close)::numeric, 1) AS median_seconds_to_close
  FROM staging.chat_agent_sessions
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND agent_id IS NOT NULL
  GROUP BY project_id, day, agent_id
), upserted AS (
  INSERT INTO marts.agent_daily AS m (project_id, day, agent_id, email, conversations, assigned, closed, transfers_in,
    sum_seconds_to_assign, avg_seconds_to_assign, median_seconds_to_assign,
    sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close)
  SELECT project_id, day, agent_id, email, conversations, assigned, closed, transfers_in,
    sum_seconds_to_assign, avg_seconds_to_assign, median_seconds_to_assign,
    sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close
  FROM src
  ON CONFLICT (project_id, day, agent_id) DO UPDATE
    SET email = EXCLUDED.email, conversations = EXCLUDED.conversations, assigned = EXCLUDED.assigned, closed = EXCLUDED.closed,
        transfers_in = EXCLUDED.transfers_in,
        sum_seconds_to_assign = EXCLUDED.sum_seconds_to_assign, avg_seconds_to_assign = EXCLUDED.avg_seconds_to_assign,
        median_seconds_to_assign = EXCLUDED.median_seconds_to_assign,
        sum_seconds_to_close = EXCLUDED.sum_seconds_to_close, avg_seconds_to_close = EXCLUDED.avg_seconds_to_close,
        median_seconds_to_close = EXCLUDED.median_seconds_to_close
    WHERE (m.email, m.conversations, m.assigned, m.closed, m.transfers_in, m.sum_seconds_to_assign, m.avg_seconds_to_assign,
           m.median_seconds_to_assign, m.sum_seconds_to_close, m.avg_seconds_to_close, m.median_seconds_to_close)
          IS DISTINCT FROM
          (EXCLUDED.email, EXCLUDED.conversations, EXCLUDED.assigned, EXCLUDED.closed, EXCLUDED.transfers_in,
           EXCLUDED.sum_seconds_to_assign, EXCLUDED.avg_seconds_to_assign, EXCLUDED.median_seconds_to_assign,
           EXCLUDED.sum_seconds_to_close, EXCLUDED.avg_seconds_to_close, EXCLUDED.median_seconds_to_close)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.agent_daily m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE (src.day, src.agent_id) = (m.day, m.agent_id))
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
