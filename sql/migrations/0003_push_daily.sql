-- Push statistics by day and platform: raw payloads, the staging model and the mart.
SET LOCAL ROLE ig_owner;

-- RAW: every payload as received, append-only. The same payload for the same request window is
-- stored once (the sha256 of its canonical JSON), so re-running a sync adds nothing.
CREATE TABLE raw.api_responses (
  project_id  bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  endpoint    text NOT NULL,
  params      jsonb NOT NULL,
  window_from date NOT NULL,
  window_to   date NOT NULL,
  fetched_at  timestamptz NOT NULL DEFAULT now(),
  payload     jsonb NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (project_id, id),
  UNIQUE (project_id, endpoint, window_from, window_to, sha256)
);

-- Payloads that failed validation: kept with the reason, never loaded further.
CREATE TABLE raw.quarantine (
  project_id  bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  endpoint    text NOT NULL,
  params      jsonb NOT NULL,
  window_from date NOT NULL,
  window_to   date NOT NULL,
  fetched_at  timestamptz NOT NULL DEFAULT now(),
  body        text NOT NULL,
  reason      text NOT NULL,
  PRIMARY KEY (project_id, id)
);

-- STAGING: typed rows of the latest payload per (project, day, platform).
CREATE TABLE staging.push_daily (
  project_id bigint NOT NULL,
  day        date NOT NULL,
  platform   text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  sent       bigint NOT NULL CHECK (sent >= 0),
  success    bigint NOT NULL CHECK (success >= 0),
  received   bigint NOT NULL CHECK (received >= 0),
  clicked    bigint NOT NULL CHECK (clicked >= 0),
  raw_id     bigint NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, platform),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- MARTS: what the BFF reads.
CREATE TABLE marts.push_daily (
  project_id bigint NOT NULL,
  day        date NOT NULL,
  platform   text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  sent       bigint NOT NULL,
  success    bigint NOT NULL,
  received   bigint NOT NULL,
  clicked    bigint NOT NULL,
  PRIMARY KEY (project_id, day, platform)
);

-- Every tenant table: ENABLE + FORCE row-level security. The loader sees all projects; readers see
-- the project of their transaction and nothing when it is unset.
ALTER TABLE raw.api_responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE raw.api_responses FORCE ROW LEVEL SECURITY;
ALTER TABLE raw.quarantine ENABLE ROW LEVEL SECURITY;
ALTER TABLE raw.quarantine FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.push_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.push_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.push_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.push_daily FORCE ROW LEVEL SECURITY;

CREATE POLICY api_responses_etl ON raw.api_responses FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY quarantine_etl ON raw.quarantine FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY push_daily_etl ON staging.push_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY push_daily_etl ON marts.push_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY push_daily_reader ON marts.push_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT ON raw.api_responses, raw.quarantine TO ig_etl;
GRANT DELETE ON raw.api_responses, raw.quarantine TO ig_etl; -- only for removing a project
GRANT SELECT, INSERT, UPDATE, DELETE ON staging.push_daily, marts.push_daily TO ig_etl;
GRANT SELECT ON marts.push_daily TO ig_reader;
