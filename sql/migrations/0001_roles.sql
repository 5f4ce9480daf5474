-- Roles (DESIGN.md). Roles are cluster-wide, so each is created only when missing; a concurrent
-- migration of another database in the same cluster may create it first, hence the handlers.
--   ig_owner  NOLOGIN  owns the schemas and tables; migrations run as it (SET LOCAL ROLE ig_owner).
--   ig_etl    LOGIN    loads raw, staging and marts for every project.
--   ig_reader NOLOGIN  reads marts under row-level security; the BFF switches to it per request.
--   ig_api    LOGIN NOINHERIT  the BFF's login role: owns nothing, holds no privilege of its own and
--             reaches data only through SET ROLE ig_reader.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      ('ig_owner',  'NOLOGIN'),
      ('ig_reader', 'NOLOGIN'),
      ('ig_etl',    'LOGIN'),
      ('ig_api',    'LOGIN NOINHERIT')) AS t(name, attrs)
  LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I %s NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', r.name, r.attrs);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END;
    END IF;
  END LOOP;

  IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                 WHERE g.rolname = 'ig_reader' AND u.rolname = 'ig_api') THEN
    BEGIN
      GRANT ig_reader TO ig_api;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;

  -- A migrating user that is not a superuser must be able to SET ROLE ig_owner.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT ig_owner TO %I', current_user);
  END IF;

  EXECUTE format('GRANT CREATE, CONNECT ON DATABASE %I TO ig_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO ig_api, ig_etl', current_database());
END
$$;
