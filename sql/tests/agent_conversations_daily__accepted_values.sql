-- DATA TEST accepted_values: channel is whatsapp or webapp (after normalisation), and the counts are
-- consistent (assigned + unassigned = sessions; conversations and closed within sessions).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, channel, conversations, sessions, assigned, closed, unassigned
FROM marts.agent_conversations_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (channel IS NULL OR channel NOT IN ('whatsapp', 'webapp')
       OR assigned + unassigned <> sessions OR conversations > sessions OR closed > sessions)
