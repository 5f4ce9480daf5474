-- The assistant's pinned project on a hot standby (docs/adr/023-production.md, "Replica reads").
-- 0019 pins the project of an assistant transaction with an uncommitted row in the UNLOGGED table
-- app.assistant_scopes. A standby can do neither: it writes nothing and cannot even read an
-- unlogged table. There the pin is a transaction-local setting, app.assistant_pin, holding a tag
-- only the database can compute: a SHA-256 MAC, under a random key that no login role can read, of
-- the project, the backend and the transaction's start. The ig_reader role sets it through the same
-- app.assistant_pin(project) as before; ig_assistant (which may run only the guard's SELECT anyway)
-- could read it back but not make the tag of another project, another backend or another
-- transaction, so a changed app.project_id or a forged pin still matches nothing (fail closed).
-- On the primary nothing changes: the row of 0019.
SET LOCAL ROLE ig_owner;

-- One row: the MAC key. Not tenant data (schema bff); read only by the functions below (owner ig_owner).
CREATE TABLE bff.assistant_pin_key (
  id  boolean PRIMARY KEY DEFAULT true CHECK (id),
  key text NOT NULL CHECK (length(key) >= 64)
);
ALTER TABLE bff.assistant_pin_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE bff.assistant_pin_key FORCE ROW LEVEL SECURITY;
CREATE POLICY assistant_pin_key_owner ON bff.assistant_pin_key TO ig_owner USING (true) WITH CHECK (true);
REVOKE ALL ON bff.assistant_pin_key FROM PUBLIC;
-- gen_random_uuid() draws from the server's strong random source: 2 × 122 random bits.
INSERT INTO bff.assistant_pin_key (key) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- The tag of (project, this backend, this transaction): HMAC-like sha256(key ‖ sha256(key ‖ message)).
CREATE FUNCTION app.assistant_pin_tag(p_project_id bigint) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT encode(sha256(convert_to(k.key || encode(sha256(convert_to(
             k.key || ':' || p_project_id::text || ':' || pg_backend_pid()::text || ':' || (extract(epoch FROM now()) * 1000000)::bigint::text,
             'UTF8')), 'hex'), 'UTF8')), 'hex')
    FROM bff.assistant_pin_key k
  $$;
REVOKE EXECUTE ON FUNCTION app.assistant_pin_tag(bigint) FROM PUBLIC;

-- Pins the project of the current transaction: a row on the primary (0019), the tag on a standby.
-- plpgsql: a SQL function naming app.assistant_scopes would be planned, and refused, on a standby.
CREATE OR REPLACE FUNCTION app.assistant_pin(p_project_id bigint) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    IF pg_is_in_recovery() THEN
      IF p_project_id IS NULL OR p_project_id <= 0 THEN RAISE EXCEPTION 'assistant_pin: bad project id'; END IF;
      IF current_setting('app.assistant_pin', true) IS NOT NULL AND current_setting('app.assistant_pin', true) <> '' THEN
        RAISE EXCEPTION 'assistant_pin: the transaction already has a pinned project';
      END IF;
      PERFORM set_config('app.assistant_pin', app.assistant_pin_tag(p_project_id), true);
    ELSE
      INSERT INTO app.assistant_scopes (project_id, xact_id) VALUES (p_project_id, pg_current_xact_id());
    END IF;
  END
  $$;

-- The pinned project, or NULL (matches nothing): on a standby, app.project_id when the pin is its
-- tag; on the primary, as 0019.
CREATE OR REPLACE FUNCTION app.assistant_project_id() RETURNS bigint
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
  DECLARE
    p bigint := app.current_project_id();
    pin text := current_setting('app.assistant_pin', true);
  BEGIN
    IF p IS NULL THEN RETURN NULL; END IF;
    IF pg_is_in_recovery() THEN
      IF pin IS NULL OR pin <> app.assistant_pin_tag(p) THEN RETURN NULL; END IF;
      RETURN p;
    END IF;
    RETURN (SELECT s.project_id FROM app.assistant_scopes s WHERE s.xact_id = pg_current_xact_id_if_assigned() AND s.project_id = p);
  END
  $$;
