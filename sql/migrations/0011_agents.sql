-- Contact-centre agents: GET /v1/chat/agent/conversations (one row per agent session) and the
-- GET /v1/chat/agent/status snapshot. Staging per endpoint and the agent marts.
SET LOCAL ROLE ig_owner;

-- ---- staging ------------------------------------------------------------------------------------

-- One row per agent session (a conversation handed to one agent; a transfer opens another session of
-- the same conversation). Durations are whole seconds, NULL until the step happened.
CREATE TABLE staging.chat_agent_sessions (
  project_id              bigint NOT NULL,
  agent_session_id        text NOT NULL,
  conversation_session_id text NOT NULL,
  contact_id              text,
  agent_id                text,                 -- NULL while still queued for no agent in particular
  email                   text,
  channel                 text NOT NULL,        -- whatsapp | webapp
  queued_at               timestamptz NOT NULL,
  assigned_at             timestamptz,
  closed_at               timestamptz,
  initial_agent_session   boolean NOT NULL,
  day                     date NOT NULL,        -- queued_at's civil date in the project's time zone
  seconds_to_assign       integer CHECK (seconds_to_assign >= 0),  -- assigned_at − queued_at
  seconds_to_close        integer CHECK (seconds_to_close >= 0),   -- closed_at − assigned_at
  raw_id                  bigint NOT NULL,
  loaded_at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, agent_session_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);
CREATE INDEX chat_agent_sessions_day ON staging.chat_agent_sessions (project_id, day);

-- The latest /v1/chat/agent/status answer: one row per project, replaced by each snapshot.
CREATE TABLE staging.chat_agent_status (
  project_id    bigint NOT NULL,
  day           date NOT NULL,                  -- the project's local day of the snapshot
  active_agents integer NOT NULL CHECK (active_agents >= 0),
  raw_id        bigint NOT NULL,
  loaded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- ---- marts --------------------------------------------------------------------------------------

-- Per agent and local day of queueing (a cohort: a session queued on day D counts on D, also when it
-- is assigned or closed later). conversations = agent sessions queued to the agent; assigned and
-- closed = those of them assigned / closed so far. Sums let a reader average over any period
-- (sum ÷ count); medians are per day and cannot be combined across days.
CREATE TABLE marts.agent_daily (
  project_id               bigint NOT NULL,
  day                      date NOT NULL,
  agent_id                 text NOT NULL,
  email                    text,
  conversations            integer NOT NULL,
  assigned                 integer NOT NULL,
  closed                   integer NOT NULL,
  transfers_in             integer NOT NULL,   -- sessions that were not the conversation's first
  sum_seconds_to_assign    bigint NOT NULL,
  avg_seconds_to_assign    numeric,
  median_seconds_to_assign numeric,
  sum_seconds_to_close     bigint NOT NULL,
  avg_seconds_to_close     numeric,
  median_seconds_to_close  numeric,
  PRIMARY KEY (project_id, day, agent_id)
);

-- The team view per local day and channel, over every session including those no agent took yet
-- (medians across agents cannot be derived from marts.agent_daily).
CREATE TABLE marts.agent_conversations_daily (
  project_id               bigint NOT NULL,
  day                      date NOT NULL,
  channel                  text NOT NULL,
  conversations            integer NOT NULL,   -- distinct conversations whose first agent session was queued that day
  sessions                 integer NOT NULL,   -- agent sessions queued that day (conversations + transfers)
  assigned                 integer NOT NULL,
  closed                   integer NOT NULL,
  unassigned               integer NOT NULL,
  sum_seconds_to_assign    bigint NOT NULL,
  avg_seconds_to_assign    numeric,
  median_seconds_to_assign numeric,
  sum_seconds_to_close     bigint NOT NULL,
  avg_seconds_to_close     numeric,
  median_seconds_to_close  numeric,
  PRIMARY KEY (project_id, day, channel)
);

-- Agents active right now (the last snapshot), one row per project.
CREATE TABLE marts.agents_now (
  project_id    bigint NOT NULL,
  day           date NOT NULL,
  active_agents integer NOT NULL,
  PRIMARY KEY (project_id)
);

-- ---- row-level security and grants --------------------------------------------------------------

ALTER TABLE staging.chat_agent_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_agent_sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_agent_status ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_agent_status FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.agent_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.agent_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.agent_conversations_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.agent_conversations_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.agents_now ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.agents_now FORCE ROW LEVEL SECURITY;

CREATE POLICY chat_agent_sessions_etl ON staging.chat_agent_sessions FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_agent_status_etl ON staging.chat_agent_status FOR ALL TO ig_etl USING (true) WITH CHECK (true);

CREATE POLICY agent_daily_etl ON marts.agent_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY agent_daily_reader ON marts.agent_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY agent_conversations_daily_etl ON marts.agent_conversations_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY agent_conversations_daily_reader ON marts.agent_conversations_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY agents_now_etl ON marts.agents_now FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY agents_now_reader ON marts.agents_now FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.chat_agent_sessions, staging.chat_agent_status TO ig_etl;
GRANT SELECT, INSERT, UPDATE, DELETE ON marts.agent_daily, marts.agent_conversations_daily, marts.agents_now TO ig_etl;
GRANT SELECT ON marts.agent_daily, marts.agent_conversations_daily, marts.agents_now TO ig_reader;
