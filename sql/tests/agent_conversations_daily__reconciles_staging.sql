-- DATA TEST reconciliation: per day of the refreshed window, the sessions, assigned, closed and summed
-- durations of the mart equal those of staging.chat_agent_sessions; and the sessions of the agents
-- (marts.agent_daily) plus the unassigned ones account for them.
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, count(*) AS sessions, count(assigned_at) AS assigned, count(closed_at) AS closed,
         coalesce(sum(seconds_to_assign), 0) AS to_assign, coalesce(sum(seconds_to_close), 0) AS to_close,
         count(*) FILTER (WHERE agent_id IS NULL) AS without_agent
  FROM staging.chat_agent_sessions
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
), m AS (
  SELECT day, sum(sessions) AS sessions, sum(assigned) AS assigned, sum(closed) AS closed,
         sum(sum_seconds_to_assign) AS to_assign, sum(sum_seconds_to_close) AS to_close
  FROM marts.agent_conversations_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
), a AS (
  SELECT day, sum(conversations) AS sessions
  FROM marts.agent_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
)
SELECT coalesce(s.day, m.day) AS day, s.sessions AS staging_sessions, m.sessions AS mart_sessions,
       s.assigned AS staging_assigned, m.assigned AS mart_assigned, s.closed AS staging_closed, m.closed AS mart_closed,
       s.to_assign AS staging_seconds_to_assign, m.to_assign AS mart_seconds_to_assign,
       s.to_close AS staging_seconds_to_close, m.to_close AS mart_seconds_to_close,
       a.sessions AS agent_sessions, s.without_agent AS staging_without_agent
FROM s FULL JOIN m ON m.day = s.day LEFT JOIN a ON a.day = coalesce(s.day, m.day)
WHERE (s.sessions, s.assigned, s.closed, s.to_assign, s.to_close) IS DISTINCT FROM (m.sessions, m.assigned, m.closed, m.to_assign, m.to_close)
   OR coalesce(a.sessions, 0) + coalesce(s.without_agent, 0) <> coalesce(m.sessions, 0)
