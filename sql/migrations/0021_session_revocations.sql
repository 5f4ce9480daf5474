-- Sign-out ends the session on every BFF instance (docs/adr/022-edges.md). Our session cookie carries a
-- session id (`jti`); /auth/logout records it here until the session would have expired anyway, and
-- the BFF refuses a revoked session on use. Every instance checks this table (with a short cache that
-- the NOTIFY below empties), so a sign-out on one instance holds on all of them at once.
--
-- Not tenant data and not under a tenant scope (so in schema bff, not app): a session id is a random
-- UUID that names no project.
-- The BFF's login role (ig_api, which owns nothing and holds no privilege of its own) reaches the
-- table only through the two SECURITY DEFINER functions below, granted to it alone: it can record a
-- revocation (bounded in time) and ask about one id; it can neither list, change nor delete rows.
-- Revoking a session id that one does not hold only ends that session, and guessing a live one
-- means guessing a random UUID. Expired revocations are pruned by every call of revoke_session.
SET LOCAL ROLE ig_owner;

CREATE TABLE bff.revoked_sessions (
  jti        uuid PRIMARY KEY,
  -- When the session would have expired; past it the row is useless and is pruned.
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revoked_sessions_expiry ON bff.revoked_sessions (expires_at);

ALTER TABLE bff.revoked_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE bff.revoked_sessions FORCE ROW LEVEL SECURITY;
-- Only the functions below (running as ig_owner) touch it.
CREATE POLICY revoked_sessions_owner ON bff.revoked_sessions TO ig_owner USING (true) WITH CHECK (true);

-- Records a revocation until the session's own expiry (clamped to [now, now + 8 days]: sessions last
-- at most 7 days), prunes the expired ones, and tells every listening BFF at commit.
CREATE FUNCTION bff.revoke_session(p_jti uuid, p_expires_at timestamptz) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    DELETE FROM bff.revoked_sessions WHERE expires_at < now();
    INSERT INTO bff.revoked_sessions (jti, expires_at)
      VALUES (p_jti, least(greatest(p_expires_at, now()), now() + interval '8 days'))
      ON CONFLICT (jti) DO UPDATE SET expires_at = greatest(bff.revoked_sessions.expires_at, EXCLUDED.expires_at);
    PERFORM pg_notify('ig_session_revoked', p_jti::text);
  END $$;

-- True when the session id was revoked and its revocation has not expired.
CREATE FUNCTION bff.session_revoked(p_jti uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM bff.revoked_sessions WHERE jti = p_jti AND expires_at >= now()) $$;

REVOKE ALL ON FUNCTION bff.revoke_session(uuid, timestamptz), bff.session_revoked(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bff.revoke_session(uuid, timestamptz), bff.session_revoked(uuid) TO ig_api;
