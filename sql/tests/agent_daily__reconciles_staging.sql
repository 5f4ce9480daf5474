-- DATA TEST reconciliation: per day of the refreshed window, the agents' conversations, assigned,
-- closed and summed durations equal those of the staging sessions that have an agent.
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, count(*) AS conversations, count(assigned_at) AS assigned, count(closed_at) AS closed,
         coalesce(sum(seconds_to_assign), 0) AS to_assign, coalesce(sum(seconds_to_close), 0) AS to_close
  FROM staging.chat_agent_sessions
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND agent_id IS NOT NULL
  GROUP BY day
), m AS (
  SELECT day, sum(conversations) AS conversations, sum(assigned) AS assigned, sum(closed) AS closed,
         sum(sum_seconds_to_assign) AS to_assign, sum(sum_seconds_to_close) AS to_close
  FROM marts.agent_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
)
SELECT coalesce(s.day, m.day) AS day,
       s.conversations AS staging_conversations, m.conversations AS mart_conversations,
       s.assigned AS staging_assigned, m.assigned AS mart_assigned, s.closed AS staging_closed, m.closed AS mart_closed,
       s.to_assign AS staging_seconds_to_assign, m.to_assign AS mart_seconds_to_assign,
       s.to_close AS staging_seconds_to_close, m.to_close AS mart_seconds_to_close
FROM s FULL JOIN m ON m.day = s.day
WHERE (s.conversations, s.assigned, s.closed, s.to_assign, s.to_close)
      IS DISTINCT FROM (m.conversations, m.assigned, m.closed, m.to_assign, m.to_close)
