-- Reports and alerts that tenants manage themselves (docs/adr/025-reports-and-alerts.md).
--
--   app.subscriptions   a user's e-mail or webhook digest (daily/weekly/monthly at a local hour)
--   app.alert_rules     a user's threshold or "beyond the usual" rule, with its firing state
--   app.alert_firings   one row per breach (fired, recovered)
--   app.deliveries      one row per send (digest, alert, test): the outbox, the idempotency key and
--                       the audit trail, with the send's state machine
--                       pending → sending → sent | failed   (sending with an expired lease → retried)
--
-- Row-level security as every tenant table (docs/adr/002): the BFF's reader sees its project's rows of
-- its own user, or every row of the project when the transaction's role is admin (app.role, set by the
-- scope helper from the JWT); it writes only its own rows. The worker (ig_etl) reads and writes all
-- rows: it renders each send under the owner's own RLS scope through the BFF's reader role.
SET LOCAL ROLE ig_owner;

-- The JWT role the current transaction acts for ('viewer', 'editor', 'admin'); NULL when unset.
CREATE FUNCTION app.current_app_role() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.role', true), '') $$;

-- A row of the transaction's project that the transaction's user owns, or any row of it for an admin.
CREATE FUNCTION app.visible_to_me(p_project bigint, p_owner text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT p_project = app.current_project_id()
               AND (p_owner = app.current_user_id() OR app.current_app_role() = 'admin') $$;

CREATE TABLE app.subscriptions (
  project_id      bigint NOT NULL DEFAULT app.current_project_id() REFERENCES app.projects (project_id),
  subscription_id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id        text NOT NULL DEFAULT app.current_user_id() CHECK (owner_id <> ''),
  name            text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  -- What is sent: a channel's standard summary, or a saved analysis / dashboard (its channels' summaries).
  source_kind     text NOT NULL CHECK (source_kind IN ('summary', 'analysis')),
  channel         text CHECK (channel IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet', 'all')),
  analysis_id     uuid,
  CHECK ((source_kind = 'summary') = (channel IS NOT NULL) AND (source_kind = 'analysis') = (analysis_id IS NOT NULL)),
  frequency       text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  hour            smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  -- weekly: ISO weekday of the send (1 = Monday); monthly: sent on the 1st for the previous month.
  weekday         smallint NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
  locale          text NOT NULL CHECK (locale IN ('es', 'en', 'pt-BR')),
  delivery        text NOT NULL CHECK (delivery IN ('email', 'webhook')),
  email           text CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s<>]+@[^@\s<>]+$')),
  webhook_url     text CHECK (webhook_url IS NULL OR (length(webhook_url) <= 2000 AND webhook_url ~ '^https?://')),
  webhook_secret  text,
  CHECK ((delivery = 'email') = (email IS NOT NULL) AND (delivery = 'webhook') = (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL)),
  attach_csv      boolean NOT NULL DEFAULT false,
  paused          boolean NOT NULL DEFAULT false,
  -- Business instant of creation: only periods whose send time comes after it are sent.
  not_before      timestamptz NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, subscription_id)
);
CREATE INDEX subscriptions_owner ON app.subscriptions (project_id, owner_id, created_at DESC);
CREATE INDEX subscriptions_active ON app.subscriptions (project_id) WHERE NOT paused;

CREATE TABLE app.alert_rules (
  project_id     bigint NOT NULL DEFAULT app.current_project_id() REFERENCES app.projects (project_id),
  rule_id        uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id       text NOT NULL DEFAULT app.current_user_id() CHECK (owner_id <> ''),
  name           text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  channel        text NOT NULL CHECK (channel IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet', 'all')),
  metric         text NOT NULL CHECK (metric ~ '^[a-zA-Z][a-zA-Z0-9_]{0,63}$'),
  platform       text CHECK (platform IS NULL OR platform ~ '^[a-z][a-z0-9_]{0,31}$'),
  campaign_id    text CHECK (campaign_id IS NULL OR length(campaign_id) BETWEEN 1 AND 64),
  kind           text NOT NULL CHECK (kind IN ('threshold', 'anomaly')),
  -- threshold: value below/above `threshold`; anomaly: more than `sigma` standard deviations from the
  -- mean of the same weekday over the trailing `weeks` weeks (direction below, above or either).
  direction      text NOT NULL CHECK (direction IN ('below', 'above', 'either')),
  threshold      double precision,
  sigma          double precision CHECK (sigma IS NULL OR sigma > 0 AND sigma <= 10),
  weeks          smallint CHECK (weeks IS NULL OR weeks BETWEEN 3 AND 26),
  CHECK (kind <> 'threshold' OR (threshold IS NOT NULL AND direction <> 'either')),
  CHECK (kind <> 'anomaly' OR (sigma IS NOT NULL AND weeks IS NOT NULL)),
  locale         text NOT NULL CHECK (locale IN ('es', 'en', 'pt-BR')),
  delivery       text NOT NULL CHECK (delivery IN ('email', 'webhook')),
  email          text CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s<>]+@[^@\s<>]+$')),
  webhook_url    text CHECK (webhook_url IS NULL OR (length(webhook_url) <= 2000 AND webhook_url ~ '^https?://')),
  webhook_secret text,
  CHECK ((delivery = 'email') = (email IS NOT NULL) AND (delivery = 'webhook') = (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL)),
  paused         boolean NOT NULL DEFAULT false,
  snoozed_until  timestamptz,
  -- Written by the worker only: 'ok' or 'firing' (one notification per breach, none until it recovers).
  state          text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'firing')),
  evaluated_day  date,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, rule_id)
);
CREATE INDEX alert_rules_owner ON app.alert_rules (project_id, owner_id, created_at DESC);

CREATE TABLE app.alert_firings (
  project_id  bigint NOT NULL REFERENCES app.projects (project_id),
  firing_id   uuid NOT NULL DEFAULT gen_random_uuid(),
  rule_id     uuid NOT NULL,
  owner_id    text NOT NULL,
  day         date NOT NULL,
  value       double precision,
  expected    double precision,
  bound       double precision,
  snoozed     boolean NOT NULL DEFAULT false,
  fired_at    timestamptz NOT NULL DEFAULT now(),
  recovered_at timestamptz,
  PRIMARY KEY (project_id, firing_id),
  FOREIGN KEY (project_id, rule_id) REFERENCES app.alert_rules (project_id, rule_id) ON DELETE CASCADE
);
CREATE INDEX alert_firings_rule ON app.alert_firings (project_id, rule_id, fired_at DESC);
-- At most one open breach per rule.
CREATE UNIQUE INDEX alert_firings_open ON app.alert_firings (project_id, rule_id) WHERE recovered_at IS NULL;

CREATE TABLE app.deliveries (
  project_id      bigint NOT NULL DEFAULT app.current_project_id() REFERENCES app.projects (project_id),
  delivery_id     uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id        text NOT NULL DEFAULT app.current_user_id(),
  kind            text NOT NULL CHECK (kind IN ('digest', 'alert', 'test')),
  subscription_id uuid,
  rule_id         uuid,
  firing_id       uuid,
  CHECK ((subscription_id IS NULL) <> (rule_id IS NULL)),
  -- Never sent twice: one delivery per key (digest: subscription + period; alert: firing).
  idempotency_key text NOT NULL DEFAULT gen_random_uuid()::text CHECK (length(idempotency_key) <= 200),
  period_from     date,
  period_to       date,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  -- While `sending`, the worker holds the delivery until then; an expired lease means it died.
  lease_until     timestamptz,
  last_error      text,
  recipient       text,
  message_id      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  PRIMARY KEY (project_id, delivery_id),
  UNIQUE (project_id, idempotency_key),
  FOREIGN KEY (project_id, subscription_id) REFERENCES app.subscriptions (project_id, subscription_id) ON DELETE CASCADE,
  FOREIGN KEY (project_id, rule_id) REFERENCES app.alert_rules (project_id, rule_id) ON DELETE CASCADE
);
CREATE INDEX deliveries_subscription ON app.deliveries (project_id, subscription_id, created_at DESC) WHERE subscription_id IS NOT NULL;
CREATE INDEX deliveries_rule ON app.deliveries (project_id, rule_id, created_at DESC) WHERE rule_id IS NOT NULL;
CREATE INDEX deliveries_open ON app.deliveries (state, lease_until) WHERE state IN ('pending', 'sending');

-- Versions and timestamps belong to the trigger, as for app.analyses.
CREATE FUNCTION app.reports_touch() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_TABLE_NAME <> 'deliveries' THEN
    NEW.version := OLD.version + 1;
  END IF;
  NEW.updated_at := now();
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END
$$;
CREATE TRIGGER subscriptions_touch BEFORE UPDATE ON app.subscriptions FOR EACH ROW EXECUTE FUNCTION app.reports_touch();
CREATE TRIGGER alert_rules_touch BEFORE UPDATE ON app.alert_rules FOR EACH ROW
  WHEN (OLD.state IS NOT DISTINCT FROM NEW.state AND OLD.evaluated_day IS NOT DISTINCT FROM NEW.evaluated_day)
  EXECUTE FUNCTION app.reports_touch();
CREATE TRIGGER deliveries_touch BEFORE UPDATE ON app.deliveries FOR EACH ROW EXECUTE FUNCTION app.reports_touch();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscriptions', 'alert_rules', 'alert_firings', 'deliveries'] LOOP
    EXECUTE format('ALTER TABLE app.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE app.%I FORCE ROW LEVEL SECURITY', t);
    -- Readers: their own rows of their project, or all of the project's rows for an admin.
    EXECUTE format('CREATE POLICY %I ON app.%I FOR SELECT TO ig_reader USING (app.visible_to_me(project_id, owner_id) AND project_id = (SELECT app.current_project_id()))', t || '_read', t);
    -- The worker reads and writes every project's rows (and `etl projects remove` deletes them).
    EXECUTE format('CREATE POLICY %I ON app.%I FOR ALL TO ig_etl USING (true) WITH CHECK (true)', t || '_etl', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON app.%I TO ig_etl', t);
  END LOOP;
END
$$;

-- Subscriptions and rules: written by their owner only, in their own project (any role: a viewer may
-- subscribe themselves).
CREATE POLICY subscriptions_insert ON app.subscriptions FOR INSERT TO ig_reader
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY subscriptions_update ON app.subscriptions FOR UPDATE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()))
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY subscriptions_delete ON app.subscriptions FOR DELETE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY alert_rules_insert ON app.alert_rules FOR INSERT TO ig_reader
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY alert_rules_update ON app.alert_rules FOR UPDATE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()))
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
CREATE POLICY alert_rules_delete ON app.alert_rules FOR DELETE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id()));
-- A test send: a pending delivery of one of the user's own subscriptions or rules (an admin, who sees
-- the project's rows, still cannot test-send someone else's).
CREATE POLICY deliveries_insert_test ON app.deliveries FOR INSERT TO ig_reader
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND owner_id = (SELECT app.current_user_id())
              AND kind = 'test' AND state = 'pending'
              AND (EXISTS (SELECT 1 FROM app.subscriptions s WHERE s.project_id = deliveries.project_id
                             AND s.subscription_id = deliveries.subscription_id AND s.owner_id = deliveries.owner_id)
                   OR EXISTS (SELECT 1 FROM app.alert_rules r WHERE r.project_id = deliveries.project_id
                             AND r.rule_id = deliveries.rule_id AND r.owner_id = deliveries.owner_id)));

GRANT SELECT ON app.subscriptions, app.alert_rules, app.alert_firings, app.deliveries TO ig_reader;
GRANT INSERT (name, source_kind, channel, analysis_id, frequency, hour, weekday, locale, delivery, email, webhook_url,
              webhook_secret, attach_csv, paused, not_before) ON app.subscriptions TO ig_reader;
GRANT UPDATE (name, frequency, hour, weekday, locale, email, webhook_url, attach_csv, paused) ON app.subscriptions TO ig_reader;
GRANT DELETE ON app.subscriptions TO ig_reader;
GRANT INSERT (name, channel, metric, platform, campaign_id, kind, direction, threshold, sigma, weeks, locale, delivery,
              email, webhook_url, webhook_secret, paused) ON app.alert_rules TO ig_reader;
GRANT UPDATE (name, direction, threshold, sigma, weeks, locale, email, webhook_url, paused, snoozed_until) ON app.alert_rules TO ig_reader;
GRANT DELETE ON app.alert_rules TO ig_reader;
GRANT INSERT (kind, subscription_id, rule_id) ON app.deliveries TO ig_reader;

-- Announces new outbox rows to the worker (delivered at commit); the worker also sweeps them.
CREATE FUNCTION app.announce_delivery() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ig_delivery', NEW.project_id::text || ':' || NEW.delivery_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER deliveries_announce AFTER INSERT ON app.deliveries FOR EACH ROW EXECUTE FUNCTION app.announce_delivery();

-- One-click unsubscribe (RFC 8058): the BFF verifies the link's HMAC, then calls this without a tenant
-- scope (the link carries no JWT). It pauses exactly the subscription or rule named, nothing else.
CREATE POLICY subscriptions_owner_unsubscribe ON app.subscriptions FOR ALL TO ig_owner USING (true) WITH CHECK (true);
CREATE POLICY alert_rules_owner_unsubscribe ON app.alert_rules FOR ALL TO ig_owner USING (true) WITH CHECK (true);
CREATE FUNCTION bff.unsubscribe(p_project bigint, p_kind text, p_id uuid) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  n integer;
BEGIN
  IF p_kind = 'subscription' THEN
    UPDATE app.subscriptions SET paused = true WHERE project_id = p_project AND subscription_id = p_id;
  ELSIF p_kind = 'alert' THEN
    UPDATE app.alert_rules SET paused = true WHERE project_id = p_project AND rule_id = p_id;
  ELSE
    RETURN false;
  END IF;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n > 0;
END $$;
REVOKE ALL ON FUNCTION bff.unsubscribe(bigint, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bff.unsubscribe(bigint, text, uuid) TO ig_api;
