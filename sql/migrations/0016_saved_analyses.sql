-- Saved analyses (docs/adr/011-saved-analyses.md): a user's widgets, dashboards and chat answers,
-- private or shared with the project, in flat named folders. Row-level security decides who sees
-- and who writes a row: the project of the transaction and the user of the transaction, both set by
-- the BFF's scope helper (bff/db/scope.ts) with set_config(..., true).
-- Also the case- and accent-insensitive text folding that name searches use (unaccent is a trusted
-- extension: the schema owner may create it).
SET LOCAL ROLE ig_owner;

CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA app;

-- lower(unaccent(t)) with the dictionary named, so the result does not depend on search_path and
-- the function may be IMMUTABLE (usable in an expression index).
CREATE FUNCTION app.fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(app.unaccent('app.unaccent'::regdictionary, t)) $$;

-- The user the current transaction acts for (the JWT's sub). NULL when unset or empty, so every
-- policy that compares with it matches nothing: fail closed, like app.current_project_id().
CREATE FUNCTION app.current_user_id() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '') $$;

CREATE TABLE app.analyses (
  -- Project and owner default to the transaction's settings: the reader role is not even granted
  -- these columns on INSERT, and the policies check them again.
  project_id  bigint NOT NULL DEFAULT app.current_project_id() REFERENCES app.projects (project_id),
  analysis_id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id    text NOT NULL DEFAULT app.current_user_id() CHECK (owner_id <> ''),
  folder      text NOT NULL DEFAULT '' CHECK (length(folder) <= 100 AND folder = btrim(folder)),
  name        text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  kind        text NOT NULL CHECK (kind IN ('widget', 'dashboard', 'chat')),
  -- The BFF validates the spec per kind (zod) and caps it at 32 KiB of JSON; this is the backstop.
  spec        jsonb NOT NULL CHECK (jsonb_typeof(spec) = 'object' AND octet_length(spec::text) <= 65536),
  shared      boolean NOT NULL DEFAULT false,
  -- Optimistic concurrency: every update increments it (trigger below); writers send the version they read.
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, analysis_id)
);
-- "My analyses and the shared ones of my project, newest first" and the folder counts.
CREATE INDEX analyses_owner ON app.analyses (project_id, owner_id, updated_at DESC);
CREATE INDEX analyses_shared ON app.analyses (project_id, updated_at DESC) WHERE shared;

-- Neither the version nor the timestamps can be set by a writer: the trigger owns them.
CREATE FUNCTION app.analyses_touch() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END
$$;
CREATE TRIGGER analyses_touch BEFORE UPDATE ON app.analyses
  FOR EACH ROW EXECUTE FUNCTION app.analyses_touch();

ALTER TABLE app.analyses ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.analyses FORCE ROW LEVEL SECURITY;

-- Readers see their own rows and the shared rows of their project; they write only their own rows of
-- their project (WITH CHECK: no row can be created or moved into another project or another owner).
CREATE POLICY analyses_read ON app.analyses FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id())
         AND (owner_id = (SELECT app.current_user_id()) OR shared));
CREATE POLICY analyses_insert ON app.analyses FOR INSERT TO ig_reader
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY analyses_update ON app.analyses FOR UPDATE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()))
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY analyses_delete ON app.analyses FOR DELETE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));

-- `etl projects remove` deletes every tenant table's rows of a project (etl/projects.ts): it may find
-- and delete them, nothing else.
CREATE POLICY analyses_etl_read ON app.analyses FOR SELECT TO ig_etl USING (true);
CREATE POLICY analyses_etl_delete ON app.analyses FOR DELETE TO ig_etl USING (true);

GRANT SELECT (project_id, analysis_id, owner_id, folder, name, description, kind, spec, shared, version, created_at, updated_at)
  ON app.analyses TO ig_reader;
GRANT INSERT (folder, name, description, kind, spec, shared) ON app.analyses TO ig_reader;
GRANT UPDATE (folder, name, description, spec, shared) ON app.analyses TO ig_reader;
GRANT DELETE ON app.analyses TO ig_reader;
GRANT SELECT (project_id, analysis_id), DELETE ON app.analyses TO ig_etl;
