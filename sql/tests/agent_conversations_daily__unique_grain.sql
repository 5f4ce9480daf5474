-- DATA TEST unique: one marts.agent_conversations_daily row per (project, day, channel).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, channel, count(*)::int AS copies
FROM marts.agent_conversations_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, channel
HAVING count(*) > 1
