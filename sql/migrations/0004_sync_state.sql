-- Data platform state: watermarks per (project, data group), recorded data-test failures, the
-- freshness view the BFF reads, and the right pg-boss needs to create its own schema
-- (docs/adr/006-pipeline-state-and-schedule.md).
SET LOCAL ROLE ig_owner;

-- The data groups of etl/pipeline/types.ts (DataGroup) and the refresh tiers (Tier).
CREATE DOMAIN app.data_group AS text
  CHECK (VALUE IN ('push', 'inapp', 'sms', 'email', 'chat', 'agents', 'campaigns', 'journeys', 'devices', 'wallet'));
CREATE DOMAIN app.tier AS text CHECK (VALUE IN ('15min', 'hourly', '6h', 'daily'));

ALTER TABLE app.sync_runs ALTER COLUMN data_group TYPE app.data_group;

-- One row per (project, data group). watermark: the last local day up to which every window has been
-- loaded and published, contiguously from where the loads started; a failed window holds it back, so
-- the next sync starts from there. last_success_at: the end of the last run whose windows all
-- succeeded; resynced_at: the same for the daily re-sync of the last days (late corrections).
CREATE TABLE app.sync_state (
  project_id      bigint NOT NULL,
  data_group      app.data_group NOT NULL,
  tier            app.tier NOT NULL,
  watermark       date,
  last_success_at timestamptz,
  last_attempt_at timestamptz,
  last_error      text,
  resynced_at     timestamptz,
  PRIMARY KEY (project_id, data_group)
);
ALTER TABLE app.sync_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.sync_state FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_state_reader ON app.sync_state FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY sync_state_etl ON app.sync_state FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT ON app.sync_state TO ig_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.sync_state TO ig_etl;

-- A data test (sql/tests/*.sql) that returned rows after a refresh: the refresh was rolled back and
-- the previous data stayed published. sample: up to 20 of the failing rows.
CREATE TABLE app.data_test_failures (
  project_id   bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  run_id       bigint NOT NULL,
  data_group   app.data_group NOT NULL,
  test_name    text NOT NULL,
  window_from  date NOT NULL,
  window_to    date NOT NULL,
  failing_rows integer NOT NULL CHECK (failing_rows > 0),
  sample       jsonb NOT NULL,
  failed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id),
  FOREIGN KEY (project_id, run_id) REFERENCES app.sync_runs (project_id, run_id),
  CHECK (window_from <= window_to)
);
CREATE INDEX data_test_failures_latest ON app.data_test_failures (project_id, data_group, failed_at DESC);
ALTER TABLE app.data_test_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.data_test_failures FORCE ROW LEVEL SECURITY;
CREATE POLICY data_test_failures_reader ON app.data_test_failures FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY data_test_failures_etl ON app.data_test_failures FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT ON app.data_test_failures TO ig_reader;
GRANT SELECT, INSERT, DELETE ON app.data_test_failures TO ig_etl;

-- Freshness per project and group, for the BFF (not a gate: publishing never waits on it). A group is
-- stale when its last fully successful sync is older than twice its tier's period (one missed cycle is
-- tolerated) or when it never succeeded. security_invoker: a reader sees its own project's rows only,
-- through the RLS of app.sync_state.
CREATE VIEW app.freshness WITH (security_invoker = true) AS
SELECT s.project_id,
       s.data_group,
       s.tier,
       s.watermark,
       s.last_success_at,
       s.last_attempt_at,
       s.last_error,
       t.max_age,
       (s.last_success_at IS NULL OR s.last_success_at < now() - t.max_age) AS stale
FROM app.sync_state s
JOIN (VALUES ('15min', interval '30 minutes'),
             ('hourly', interval '2 hours'),
             ('6h', interval '12 hours'),
             ('daily', interval '48 hours')) AS t (tier, max_age)
  ON t.tier = s.tier;
GRANT SELECT ON app.freshness TO ig_reader, ig_etl;

-- pg-boss (the scheduler) runs as ig_etl and creates and migrates its own schema, `pgboss`, which
-- ig_etl then owns. CREATE SCHEMA ... IF NOT EXISTS checks the database privilege before it looks for
-- the schema, so creating the schema here instead would not be enough.
RESET ROLE;
DO $$
BEGIN
  EXECUTE format('GRANT CREATE ON DATABASE %I TO ig_etl', current_database());
END
$$;
