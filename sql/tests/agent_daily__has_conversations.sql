-- DATA TEST relationships: every marts.agent_daily row stands for agent sessions of that agent queued
-- on that day in staging.chat_agent_sessions, and the counts are consistent (assigned and closed
-- never exceed the conversations). Every row returned is a failure. Variables: project_id, from, to.
SELECT m.project_id, m.day, m.agent_id, m.conversations, m.assigned, m.closed
FROM marts.agent_daily m
WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
  AND (NOT EXISTS (SELECT 1 FROM staging.chat_agent_sessions s
                   WHERE s.project_id = m.project_id AND s.day = m.day AND s.agent_id = m.agent_id)
       OR m.assigned > m.conversations OR m.closed > m.conversations OR m.conversations < 1)
