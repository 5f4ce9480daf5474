-- One agent's detail (GET /v1/agents/:id) reads that agent's days; the primary key puts day before
-- agent_id, so without this index it reads every agent's rows of the period.
SET LOCAL ROLE ig_owner;
CREATE INDEX agent_daily_by_agent ON marts.agent_daily (project_id, agent_id, day);
