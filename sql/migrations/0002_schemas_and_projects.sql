-- Layers (raw -> staging -> marts), the app schema, and the tenant registry.
SET LOCAL ROLE ig_owner;

CREATE SCHEMA raw;
CREATE SCHEMA staging;
CREATE SCHEMA marts;
CREATE SCHEMA app;

GRANT USAGE ON SCHEMA raw, staging, marts, app TO ig_etl;
GRANT USAGE ON SCHEMA marts, app TO ig_reader;

-- The project the current transaction is scoped to (set by the BFF with set_config(..., true)).
-- NULL when unset or empty, so every policy that compares with it matches nothing: fail closed.
CREATE FUNCTION app.current_project_id() RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.project_id', true), '')::bigint $$;

-- Subscribed indigitall projects (one project = one tenant). credentials_ref names where the
-- server key lives (env:VARIABLE, or demo for the built-in simulator); the key itself is never stored.
CREATE TABLE app.projects (
  project_id      bigint PRIMARY KEY CHECK (project_id > 0),
  name            text NOT NULL CHECK (name <> ''),
  time_zone       text NOT NULL CHECK (time_zone <> ''),
  credentials_ref text NOT NULL CHECK (credentials_ref ~ '^(env:[A-Z_][A-Z0-9_]*|demo)$'),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE app.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_reader ON app.projects FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY projects_etl ON app.projects FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT (project_id, name, time_zone, status) ON app.projects TO ig_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.projects TO ig_etl;

-- One row per extraction run of one (project, data group, window): the source of freshness.
CREATE TABLE app.sync_runs (
  project_id      bigint NOT NULL,
  run_id          bigint GENERATED ALWAYS AS IDENTITY,
  data_group      text NOT NULL,
  window_from     date NOT NULL,
  window_to       date NOT NULL,
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  status          text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  raw_inserted    integer NOT NULL DEFAULT 0,
  rows_changed    integer NOT NULL DEFAULT 0,
  error           text,
  PRIMARY KEY (project_id, run_id),
  CHECK (window_from <= window_to)
);
CREATE INDEX sync_runs_latest ON app.sync_runs (project_id, data_group, finished_at DESC);
ALTER TABLE app.sync_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.sync_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_runs_reader ON app.sync_runs FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY sync_runs_etl ON app.sync_runs FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT ON app.sync_runs TO ig_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.sync_runs TO ig_etl;
