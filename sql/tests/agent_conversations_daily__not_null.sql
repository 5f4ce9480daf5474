-- DATA TEST not_null: marts.agent_conversations_daily rows of the refreshed window with a missing
-- value; an average and a median wherever something was assigned / closed after assignment.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, channel, conversations, sessions, assigned, closed, unassigned,
       avg_seconds_to_assign, median_seconds_to_assign, avg_seconds_to_close, median_seconds_to_close
FROM marts.agent_conversations_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR channel IS NULL OR conversations IS NULL OR sessions IS NULL OR assigned IS NULL
       OR closed IS NULL OR unassigned IS NULL
       OR (assigned > 0 AND (avg_seconds_to_assign IS NULL OR median_seconds_to_assign IS NULL))
       OR (sum_seconds_to_close > 0 AND (avg_seconds_to_close IS NULL OR median_seconds_to_close IS NULL)))
