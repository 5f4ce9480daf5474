-- Schema drift of upstream payloads (docs/adr/006-pipeline-state-and-schedule.md, "Schema drift"):
-- per project, data group, endpoint and field, a field the endpoint's schema does not know (unknown)
-- or a known field the payload lacked (missing), with when it was first and last seen and in how many
-- payloads. Written by the pipeline outside the window's transaction, so drift is kept even when the
-- payload was quarantined or the window rolled back. Fields are paths with [] for array elements
-- (data[].numDevicesSent, rows[].messageDate); a fan-out endpoint is recorded under its own name
-- (journey.stats), not once per key.
SET LOCAL ROLE ig_owner;

CREATE TABLE app.schema_drift (
  project_id bigint NOT NULL,
  data_group app.data_group NOT NULL,
  endpoint   text NOT NULL,
  field      text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('unknown', 'missing')),
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen  timestamptz NOT NULL DEFAULT now(),
  payloads   bigint NOT NULL DEFAULT 1 CHECK (payloads > 0),
  PRIMARY KEY (project_id, data_group, endpoint, field, kind),
  CHECK (first_seen <= last_seen)
);
CREATE INDEX schema_drift_latest ON app.schema_drift (project_id, last_seen DESC);
ALTER TABLE app.schema_drift ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.schema_drift FORCE ROW LEVEL SECURITY;
CREATE POLICY schema_drift_reader ON app.schema_drift FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY schema_drift_etl ON app.schema_drift FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT ON app.schema_drift TO ig_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.schema_drift TO ig_etl;
