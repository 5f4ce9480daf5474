-- Rate limits shared by every BFF instance (docs/adr/023-production.md): one token bucket per key
-- (a project, or a user of a project), updated atomically by one statement per request, so N
-- instances allow the configured rate, not N times it. UNLOGGED: a crash empties the buckets (they
-- start full again), and no WAL is written for them; they are not replicated, which a standby never
-- needs. The BFF's login role reaches the table only through bff.take_tokens().
SET LOCAL ROLE ig_owner;

CREATE UNLOGGED TABLE bff.rate_buckets (
  key     text PRIMARY KEY CHECK (length(key) <= 200),
  -- Tokens left after the last take, as of `at`.
  tokens  double precision NOT NULL,
  rate    double precision NOT NULL CHECK (rate > 0),
  burst   double precision NOT NULL CHECK (burst >= 1),
  granted boolean NOT NULL,
  at      timestamptz NOT NULL
);

-- Takes one token from each bucket (keys[i] refills at rates[i] per second up to bursts[i]); a
-- bucket without a token is left as it is. Answers 0 when every bucket had a token, else the seconds
-- until the emptiest one has one. Callers pass the keys in one order (sorted) so two requests never
-- lock the same rows in opposite orders.
CREATE FUNCTION bff.take_tokens(keys text[], rates double precision[], bursts double precision[]) RETURNS double precision
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH taken AS (
      INSERT INTO bff.rate_buckets AS b (key, tokens, rate, burst, granted, at)
      SELECT k, bu - 1, r, bu, true, clock_timestamp()
      FROM unnest(keys, rates, bursts) AS u(k, r, bu)
      ON CONFLICT (key) DO UPDATE SET
        tokens = CASE
          WHEN least(EXCLUDED.burst, b.tokens + greatest(0, extract(epoch FROM EXCLUDED.at - b.at)) * EXCLUDED.rate) >= 1
          THEN least(EXCLUDED.burst, b.tokens + greatest(0, extract(epoch FROM EXCLUDED.at - b.at)) * EXCLUDED.rate) - 1
          ELSE least(EXCLUDED.burst, b.tokens + greatest(0, extract(epoch FROM EXCLUDED.at - b.at)) * EXCLUDED.rate)
        END,
        granted = least(EXCLUDED.burst, b.tokens + greatest(0, extract(epoch FROM EXCLUDED.at - b.at)) * EXCLUDED.rate) >= 1,
        rate = EXCLUDED.rate,
        burst = EXCLUDED.burst,
        at = EXCLUDED.at
      RETURNING granted, tokens, rate
    )
    SELECT coalesce(max(CASE WHEN granted THEN 0 ELSE (1 - tokens) / rate END), 0) FROM taken
  $$;

-- Forgets buckets that have refilled completely (the same as no row); the BFF calls it now and then.
CREATE FUNCTION bff.prune_rate_buckets() RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM bff.rate_buckets WHERE at + make_interval(secs => (burst - tokens) / rate) < clock_timestamp() RETURNING 1
    )
    SELECT count(*)::integer FROM gone
  $$;

REVOKE ALL ON FUNCTION bff.take_tokens(text[], double precision[], double precision[]), bff.prune_rate_buckets() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bff.take_tokens(text[], double precision[], double precision[]), bff.prune_rate_buckets() TO ig_api;
