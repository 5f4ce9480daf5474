-- DATA TEST not_null: marts.agent_daily rows of the refreshed window with a missing value: keys and
-- counts always; the agent's email (every agent session names it); an average and a median wherever
-- at least one session was assigned (to assign) or closed after assignment (to close).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, agent_id, email, conversations, assigned, closed,
       avg_seconds_to_assign, median_seconds_to_assign, avg_seconds_to_close, median_seconds_to_close
FROM marts.agent_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR agent_id IS NULL OR email IS NULL OR conversations IS NULL OR assigned IS NULL OR closed IS NULL
       OR (assigned > 0 AND (avg_seconds_to_assign IS NULL OR median_seconds_to_assign IS NULL))
       OR (sum_seconds_to_close > 0 AND (avg_seconds_to_close IS NULL OR median_seconds_to_close IS NULL)))
