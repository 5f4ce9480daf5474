-- The data version of each project: a counter that moves in the same transaction as every published
-- refresh (a sync run that succeeds), so the BFF can key its response cache and ETags on it and a
-- new refresh invalidates them by construction. Each change is announced on the channel
-- ig_data_version (delivered at commit), which the BFF LISTENs to.

-- bff.schema_version() below reads the runner's own table (owned by whoever runs migrations).
GRANT SELECT ON public.ig_schema_migrations TO ig_owner;
SET LOCAL ROLE ig_owner;

CREATE TABLE app.data_versions (
  project_id   bigint PRIMARY KEY REFERENCES app.projects (project_id) ON DELETE CASCADE,
  version      bigint NOT NULL CHECK (version > 0),
  published_at timestamptz NOT NULL
);
ALTER TABLE app.data_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.data_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY data_versions_reader ON app.data_versions FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY data_versions_etl ON app.data_versions FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT ON app.data_versions TO ig_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.data_versions TO ig_etl;

CREATE FUNCTION app.bump_data_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO app.data_versions AS v (project_id, version, published_at)
  VALUES (NEW.project_id, 1, now())
  ON CONFLICT (project_id) DO UPDATE SET version = v.version + 1, published_at = now();
  PERFORM pg_notify('ig_data_version', NEW.project_id::text);
  RETURN NULL;
END $$;

CREATE TRIGGER sync_runs_publish AFTER UPDATE OF status ON app.sync_runs
  FOR EACH ROW WHEN (NEW.status = 'succeeded' AND OLD.status IS DISTINCT FROM 'succeeded')
  EXECUTE FUNCTION app.bump_data_version();

CREATE FUNCTION app.announce_data_version_removed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ig_data_version', OLD.project_id::text);
  RETURN NULL;
END $$;

CREATE TRIGGER data_versions_removed AFTER DELETE ON app.data_versions
  FOR EACH ROW EXECUTE FUNCTION app.announce_data_version_removed();

-- What the BFF's login role (ig_api) may call without a tenant scope: no tenant data, only what its
-- cache and readiness check need. SECURITY DEFINER functions with a fixed search_path.
CREATE SCHEMA bff;
GRANT USAGE ON SCHEMA bff TO ig_api;

-- The functions below run as ig_owner, which FORCE ROW LEVEL SECURITY subjects to the policies
-- too: it reads the two tables through policies of its own, and only through these functions.
CREATE POLICY projects_owner_versions ON app.projects FOR SELECT TO ig_owner USING (true);
CREATE POLICY data_versions_owner ON app.data_versions FOR SELECT TO ig_owner USING (true);

-- Version and time zone of every project (the time zone decides when "the last 30 days"
-- move, so it is part of a cached answer's key).
CREATE FUNCTION bff.project_versions() RETURNS TABLE (project_id bigint, version bigint, time_zone text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT p.project_id, coalesce(v.version, 0), p.time_zone
    FROM app.projects p LEFT JOIN app.data_versions v USING (project_id)
  $$;

-- The newest migration applied (readiness: the BFF's code expects at least its own).
CREATE FUNCTION bff.schema_version() RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT max(version)::integer FROM public.ig_schema_migrations $$;

REVOKE ALL ON FUNCTION bff.project_versions(), bff.schema_version() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bff.project_versions(), bff.schema_version() TO ig_api;
