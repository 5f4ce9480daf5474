-- DATA TEST unique: one marts.chat_messages_daily row per (project, day, send_type, channel).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, send_type, channel, count(*)::int AS copies
FROM marts.chat_messages_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, send_type, channel
HAVING count(*) > 1
