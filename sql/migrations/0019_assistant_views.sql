-- The AI chat's SQL fallback (docs/adr/014-ai-sql-guard.md): a narrow NOLOGIN role, ig_assistant,
-- that reads only the views of schema `assistant` (one per useful mart, readable column names, no
-- project_id), under row-level security whose project is pinned for the transaction by the BFF and
-- cannot be changed by anything the role runs (set_config('app.project_id', ...) included).
--
-- How the project is pinned: before switching to ig_assistant, the BFF (as ig_reader, in a
-- transaction that is still read-write) calls app.assistant_pin(project), which inserts a row keyed
-- by the transaction's own id into app.assistant_scopes; then SET TRANSACTION READ ONLY and SET LOCAL
-- ROLE ig_assistant. The row is never committed (the BFF always rolls back), so no other transaction
-- ever sees it; ig_assistant can neither write nor read that table nor call the pin function, and
-- the transaction is read-only by then anyway. The policies for ig_assistant compare project_id with
-- app.assistant_project_id(): the pinned project, and only while app.project_id still says the same
-- (a changed setting matches nothing: fail closed).

-- ---- the role (cluster-wide, created when missing, as 0001 does) --------------------------------
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ig_assistant') THEN
    BEGIN
      CREATE ROLE ig_assistant NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;

  -- The BFF's login role may SET ROLE ig_assistant (ig_api is NOINHERIT: it holds none of its privileges).
  IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                 WHERE g.rolname = 'ig_assistant' AND u.rolname = 'ig_api') THEN
    BEGIN
      GRANT ig_assistant TO ig_api;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END
$$;

SET LOCAL ROLE ig_owner;

-- ---- the pinned project of a transaction ------------------------------------------------------
-- Holds only uncommitted rows (every assistant transaction rolls back), so it stays empty but for
-- dead tuples; UNLOGGED because nothing in it must survive anything. Like every table of the tenant
-- schemas it has RLS enabled and forced with project_id leading its key; even its owner (the
-- functions below run as ig_owner) sees only the row of the current transaction.
CREATE UNLOGGED TABLE app.assistant_scopes (
  project_id bigint NOT NULL CHECK (project_id > 0),
  xact_id    xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (project_id, xact_id),
  UNIQUE (xact_id)
);
ALTER TABLE app.assistant_scopes ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.assistant_scopes FORCE ROW LEVEL SECURITY;
CREATE POLICY assistant_scopes_own_xact ON app.assistant_scopes FOR ALL TO ig_owner
  USING (xact_id = pg_current_xact_id_if_assigned())
  WITH CHECK (xact_id = pg_current_xact_id());
-- `etl projects remove` deletes every tenant table's rows of a project (etl/projects.ts); there are
-- never committed rows here, but it must be allowed to look.
CREATE POLICY assistant_scopes_etl_read ON app.assistant_scopes FOR SELECT TO ig_etl USING (true);
CREATE POLICY assistant_scopes_etl_delete ON app.assistant_scopes FOR DELETE TO ig_etl USING (true);
GRANT SELECT, DELETE ON app.assistant_scopes TO ig_etl;

-- Pins the project of the current transaction (once: a second pin fails on the unique key).
-- Callable by ig_reader only, i.e. by the BFF before it switches to ig_assistant.
CREATE FUNCTION app.assistant_pin(p_project_id bigint) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$ INSERT INTO app.assistant_scopes (project_id, xact_id) VALUES (p_project_id, pg_current_xact_id()) $$;
REVOKE EXECUTE ON FUNCTION app.assistant_pin(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.assistant_pin(bigint) TO ig_reader;

-- The project pinned for the current transaction, or NULL (matches nothing) when none is pinned or
-- when app.project_id no longer names it. Used by ig_assistant's policies as an init-plan.
CREATE FUNCTION app.assistant_project_id() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT s.project_id FROM app.assistant_scopes s
    WHERE s.xact_id = pg_current_xact_id_if_assigned()
      AND s.project_id = app.current_project_id()
  $$;
REVOKE EXECUTE ON FUNCTION app.assistant_project_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.assistant_project_id() TO ig_assistant;

-- ---- policies for ig_assistant on the marts behind the views ----------------------------------
-- security_invoker views check the invoker's privileges and apply the invoker's policies on the
-- tables below: ig_assistant gets SELECT on exactly the columns the views read (not project_id) and
-- no USAGE on schema marts, so it cannot name a mart table at all.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['channel_daily', 'campaign_daily', 'campaign_totals', 'campaigns', 'push_hourly',
                           'devices_daily', 'chat_daily', 'chat_messages_daily', 'chat_categories', 'agent_daily',
                           'agent_conversations_daily', 'agents_now', 'journeys', 'journey_funnel']
  LOOP
    EXECUTE format('CREATE POLICY %I ON marts.%I FOR SELECT TO ig_assistant USING (project_id = (SELECT app.assistant_project_id()))',
                   t || '_assistant', t);
  END LOOP;
END
$$;

CREATE SCHEMA assistant;
COMMENT ON SCHEMA assistant IS 'Views the AI chat''s run_sql may read (docs/adr/014-ai-sql-guard.md); rows of the transaction''s project only';

-- ---- the views ---------------------------------------------------------------------------------
CREATE VIEW assistant.channel_daily WITH (security_invoker = true) AS
SELECT day, channel, platform, sent, delivered, opened, clicked, bounced, unsubscribed, cost, accepted,
       impressions, dismissed, rejected, chunks AS sms_parts, unique_contacts, soft_bounced, hard_bounced,
       spam_reports, blocked, passes_issued, passes_installed, passes_uninstalled, pass_updates_sent
FROM marts.channel_daily;
COMMENT ON VIEW assistant.channel_daily IS 'Daily totals per channel (push, inapp, sms, email, chat, wallet) and platform; NULL where a channel has no such figure';

CREATE VIEW assistant.campaign_daily WITH (security_invoker = true) AS
SELECT day, channel, campaign_id, platform, sent, delivered, opened, clicked, bounced, unsubscribed, cost, accepted,
       errors, impressions, dismissed, rejected, chunks AS sms_parts, unique_contacts, soft_bounced, hard_bounced,
       spam_reports, blocked
FROM marts.campaign_daily;
COMMENT ON VIEW assistant.campaign_daily IS 'Campaign performance per day and platform; names in assistant.campaigns';

CREATE VIEW assistant.campaign_totals WITH (security_invoker = true) AS
SELECT channel, campaign_id, first_day, last_day, days, sent, delivered, opened, clicked, bounced, unsubscribed,
       cost, accepted, errors, impressions, dismissed, rejected, chunks AS sms_parts, soft_bounced, hard_bounced,
       spam_reports, blocked
FROM marts.campaign_totals;
COMMENT ON VIEW assistant.campaign_totals IS 'Campaign totals over every loaded day (first_day .. last_day)';

CREATE VIEW assistant.campaigns WITH (security_invoker = true) AS
SELECT campaign_id, name, channel, status, created_at, created_day, removed_on
FROM marts.campaigns;
COMMENT ON VIEW assistant.campaigns IS 'Campaign configuration (name, channel, status); removed_on set when it left the list';

CREATE VIEW assistant.push_hourly WITH (security_invoker = true) AS
SELECT day, hour, platform, hour_start_utc, sent, success AS accepted, received AS delivered, clicked
FROM marts.push_hourly;
COMMENT ON VIEW assistant.push_hourly IS 'Push per local day, hour (0-23) and platform; CTR = sum(clicked) / sum(sent)';

CREATE VIEW assistant.devices_daily WITH (security_invoker = true) AS
SELECT day, platform, new AS new_devices, active AS active_devices, unregistered AS unregistered_devices
FROM marts.devices_daily;
COMMENT ON VIEW assistant.devices_daily IS 'Devices per day and platform; active_devices is a distinct count of the day (never sum it across days)';

CREATE VIEW assistant.chat_daily WITH (security_invoker = true) AS
SELECT day, sent, delivered, read, total_messages, peak_minute_utc
FROM marts.chat_daily;
COMMENT ON VIEW assistant.chat_daily IS 'WhatsApp/chat totals per day';

CREATE VIEW assistant.chat_messages_daily WITH (security_invoker = true) AS
SELECT day, send_type, channel, messages, delivered, read, fallbacks, fallback_rate
FROM marts.chat_messages_daily;
COMMENT ON VIEW assistant.chat_messages_daily IS 'Chat messages per day, send_type (input, operator, dialogflow, agent_notification) and channel; fallback rate = sum(fallbacks) / sum(messages) of dialogflow';

CREATE VIEW assistant.chat_categories WITH (security_invoker = true) AS
SELECT day, category, messages
FROM marts.chat_categories;
COMMENT ON VIEW assistant.chat_categories IS 'Sent WhatsApp messages per pricing category and day';

CREATE VIEW assistant.agent_daily WITH (security_invoker = true) AS
SELECT day, agent_id, email AS agent_email, conversations, assigned, closed, transfers_in,
       sum_seconds_to_assign, avg_seconds_to_assign, median_seconds_to_assign,
       sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close
FROM marts.agent_daily;
COMMENT ON VIEW assistant.agent_daily IS 'Per agent and day of queueing; average over a period = sum_seconds_* / assigned (or closed); medians do not combine';

CREATE VIEW assistant.agent_team_daily WITH (security_invoker = true) AS
SELECT day, channel, conversations, sessions, assigned, closed, unassigned,
       sum_seconds_to_assign, avg_seconds_to_assign, median_seconds_to_assign,
       sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close
FROM marts.agent_conversations_daily;
COMMENT ON VIEW assistant.agent_team_daily IS 'The whole agent team per day and channel, including sessions no agent took';

CREATE VIEW assistant.agents_now WITH (security_invoker = true) AS
SELECT day, active_agents
FROM marts.agents_now;
COMMENT ON VIEW assistant.agents_now IS 'Agents active at the last snapshot';

CREATE VIEW assistant.journeys WITH (security_invoker = true) AS
SELECT journey_id, name, status, created_at, created_day, removed_on
FROM marts.journeys;
COMMENT ON VIEW assistant.journeys IS 'Customer journeys (name, status)';

CREATE VIEW assistant.journey_funnel WITH (security_invoker = true) AS
SELECT day, journey_id, node_id, position, users, sent, opened, clicked, ctr, campaign_id, campaign_name,
       campaign_type, platforms
FROM marts.journey_funnel;
COMMENT ON VIEW assistant.journey_funnel IS 'Journey node funnel per day; a period''s CTR = sum(clicked) / sum(sent)';

-- ---- privileges -------------------------------------------------------------------------------
GRANT USAGE ON SCHEMA assistant TO ig_assistant;
GRANT SELECT ON ALL TABLES IN SCHEMA assistant TO ig_assistant;

GRANT SELECT (day, channel, platform, sent, delivered, opened, clicked, bounced, unsubscribed, cost, accepted,
              impressions, dismissed, rejected, chunks, unique_contacts, soft_bounced, hard_bounced, spam_reports,
              blocked, passes_issued, passes_installed, passes_uninstalled, pass_updates_sent)
  ON marts.channel_daily TO ig_assistant;
GRANT SELECT (day, channel, campaign_id, platform, sent, delivered, opened, clicked, bounced, unsubscribed, cost,
              accepted, errors, impressions, dismissed, rejected, chunks, unique_contacts, soft_bounced, hard_bounced,
              spam_reports, blocked)
  ON marts.campaign_daily TO ig_assistant;
GRANT SELECT (channel, campaign_id, first_day, last_day, days, sent, delivered, opened, clicked, bounced,
              unsubscribed, cost, accepted, errors, impressions, dismissed, rejected, chunks, soft_bounced,
              hard_bounced, spam_reports, blocked)
  ON marts.campaign_totals TO ig_assistant;
GRANT SELECT (campaign_id, name, channel, status, created_at, created_day, removed_on) ON marts.campaigns TO ig_assistant;
GRANT SELECT (day, hour, platform, hour_start_utc, sent, success, received, clicked) ON marts.push_hourly TO ig_assistant;
GRANT SELECT (day, platform, new, active, unregistered) ON marts.devices_daily TO ig_assistant;
GRANT SELECT (day, sent, delivered, read, total_messages, peak_minute_utc) ON marts.chat_daily TO ig_assistant;
GRANT SELECT (day, send_type, channel, messages, delivered, read, fallbacks, fallback_rate) ON marts.chat_messages_daily TO ig_assistant;
GRANT SELECT (day, category, messages) ON marts.chat_categories TO ig_assistant;
GRANT SELECT (day, agent_id, email, conversations, assigned, closed, transfers_in, sum_seconds_to_assign,
              avg_seconds_to_assign, median_seconds_to_assign, sum_seconds_to_close, avg_seconds_to_close,
              median_seconds_to_close)
  ON marts.agent_daily TO ig_assistant;
GRANT SELECT (day, channel, conversations, sessions, assigned, closed, unassigned, sum_seconds_to_assign,
              avg_seconds_to_assign, median_seconds_to_assign, sum_seconds_to_close, avg_seconds_to_close,
              median_seconds_to_close)
  ON marts.agent_conversations_daily TO ig_assistant;
GRANT SELECT (day, active_agents) ON marts.agents_now TO ig_assistant;
GRANT SELECT (journey_id, name, status, created_at, created_day, removed_on) ON marts.journeys TO ig_assistant;
GRANT SELECT (day, journey_id, node_id, position, users, sent, opened, clicked, ctr, campaign_id, campaign_name,
              campaign_type, platforms)
  ON marts.journey_funnel TO ig_assistant;
