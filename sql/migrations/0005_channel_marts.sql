-- The cross-channel marts (docs/adr/007-channel-marts.md): daily totals per channel and platform,
-- campaign performance per day and in total, and the two functions every channel's mart model
-- writes them through, so a model can only replace rows of its own channel.
SET LOCAL ROLE ig_owner;

-- ---- marts.channel_daily ------------------------------------------------------------------------
-- One row per project, channel, local day and platform. The common measures are NULL where the
-- channel has no such figure (in-app has no "sent", wallet none of them); channel-specific figures
-- have their own columns, NULL on the other channels. Which API field fills which column is the
-- table in docs/adr/007. Channels without a platform breakdown (sms, email) use platform 'all'.
-- Written by: push (marts/channel_daily_push.sql), inapp, sms, email, wallet (this group's models)
-- and chat (the chat group's own model), each through marts.merge_channel_daily.
CREATE TABLE marts.channel_daily (
  project_id          bigint NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet')),
  day                 date NOT NULL,
  platform            text NOT NULL CHECK (platform ~ '^[a-z][a-z0-9_]*$'),
  -- common measures
  sent                bigint CHECK (sent >= 0),
  delivered           bigint CHECK (delivered >= 0),
  opened              bigint CHECK (opened >= 0),
  clicked             bigint CHECK (clicked >= 0),
  bounced             bigint CHECK (bounced >= 0),
  unsubscribed        bigint CHECK (unsubscribed >= 0),
  cost                numeric(18, 6) CHECK (cost >= 0),
  -- push
  accepted            bigint CHECK (accepted >= 0),
  -- in-app
  impressions         bigint CHECK (impressions >= 0),
  dismissed           bigint CHECK (dismissed >= 0),
  -- sms
  rejected            bigint CHECK (rejected >= 0),
  chunks              bigint CHECK (chunks >= 0),
  unique_contacts     bigint CHECK (unique_contacts >= 0),
  -- email
  soft_bounced        bigint CHECK (soft_bounced >= 0),
  hard_bounced        bigint CHECK (hard_bounced >= 0),
  spam_reports        bigint CHECK (spam_reports >= 0),
  blocked             bigint CHECK (blocked >= 0),
  -- wallet
  passes_issued       bigint CHECK (passes_issued >= 0),
  passes_installed    bigint CHECK (passes_installed >= 0),
  passes_uninstalled  bigint CHECK (passes_uninstalled >= 0),
  pass_updates_sent   bigint CHECK (pass_updates_sent >= 0),
  PRIMARY KEY (project_id, channel, day, platform)
);
COMMENT ON TABLE marts.channel_daily IS 'Daily totals per channel and platform; field mapping in docs/adr/007-channel-marts.md';
COMMENT ON COLUMN marts.channel_daily.platform IS 'android|ios|web (push, inapp), apple|google (wallet), all (sms, email: no platform breakdown)';
COMMENT ON COLUMN marts.channel_daily.delivered IS 'push: numDevicesReceived (confirmed by the SDK); sms, email: numContactsDelivered';
COMMENT ON COLUMN marts.channel_daily.accepted IS 'push: numDevicesSuccess (accepted by FCM/APNs/web push)';
COMMENT ON COLUMN marts.channel_daily.unique_contacts IS 'sms: numContactsUnique of the day; not additive across days';
COMMENT ON COLUMN marts.channel_daily.cost IS 'sms: cost as the API reports it (account currency)';

-- ---- marts.campaign_daily -----------------------------------------------------------------------
-- Campaign performance per local day and platform (push campaign stats, in-app, SMS and email
-- campaign stats); measures as in channel_daily, plus push's numErrors. campaign_id is indigitall's
-- campaign id (marts.campaigns, from GET /v1/campaign, names it).
CREATE TABLE marts.campaign_daily (
  project_id          bigint NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet')),
  campaign_id         bigint NOT NULL,
  day                 date NOT NULL,
  platform            text NOT NULL CHECK (platform ~ '^[a-z][a-z0-9_]*$'),
  sent                bigint CHECK (sent >= 0),
  delivered           bigint CHECK (delivered >= 0),
  opened              bigint CHECK (opened >= 0),
  clicked             bigint CHECK (clicked >= 0),
  bounced             bigint CHECK (bounced >= 0),
  unsubscribed        bigint CHECK (unsubscribed >= 0),
  cost                numeric(18, 6) CHECK (cost >= 0),
  accepted            bigint CHECK (accepted >= 0),
  errors              bigint CHECK (errors >= 0),
  impressions         bigint CHECK (impressions >= 0),
  dismissed           bigint CHECK (dismissed >= 0),
  rejected            bigint CHECK (rejected >= 0),
  chunks              bigint CHECK (chunks >= 0),
  unique_contacts     bigint CHECK (unique_contacts >= 0),
  soft_bounced        bigint CHECK (soft_bounced >= 0),
  hard_bounced        bigint CHECK (hard_bounced >= 0),
  spam_reports        bigint CHECK (spam_reports >= 0),
  blocked             bigint CHECK (blocked >= 0),
  PRIMARY KEY (project_id, channel, campaign_id, day, platform)
);
-- "Campaigns of a channel in a period" and the window refresh.
CREATE INDEX campaign_daily_by_day ON marts.campaign_daily (project_id, channel, day);

-- ---- marts.campaign_totals ----------------------------------------------------------------------
-- One row per campaign: the sum over every day loaded in campaign_daily (all platforms). Refreshed,
-- in the same transaction, for each campaign that has rows in a refreshed window, so it always
-- equals the sum of campaign_daily. unique_contacts is left out: it does not add up across days.
CREATE TABLE marts.campaign_totals (
  project_id          bigint NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet')),
  campaign_id         bigint NOT NULL,
  first_day           date NOT NULL,
  last_day            date NOT NULL,
  days                integer NOT NULL CHECK (days > 0),
  sent                bigint,
  delivered           bigint,
  opened              bigint,
  clicked             bigint,
  bounced             bigint,
  unsubscribed        bigint,
  cost                numeric(18, 6),
  accepted            bigint,
  errors              bigint,
  impressions         bigint,
  dismissed           bigint,
  rejected            bigint,
  chunks              bigint,
  soft_bounced        bigint,
  hard_bounced        bigint,
  spam_reports        bigint,
  blocked             bigint,
  PRIMARY KEY (project_id, channel, campaign_id),
  CHECK (first_day <= last_day)
);

-- ---- the writers --------------------------------------------------------------------------------

-- Replaces the rows of one channel in one project and window by p_rows (a JSON array of objects
-- named like the table's columns; project_id and channel are taken from the arguments): rows whose
-- values differ are updated, new ones inserted, rows of the window missing from p_rows deleted,
-- identical rows left untouched. Rows of other channels are never written. Returns the rows changed.
CREATE FUNCTION marts.merge_channel_daily(p_project_id bigint, p_channel text, p_from date, p_to date, p_rows jsonb)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$
DECLARE
  n_changed integer;
  bad record;
BEGIN
  IF p_project_id IS NULL OR p_channel IS NULL OR p_from IS NULL OR p_to IS NULL THEN
    RAISE EXCEPTION 'merge_channel_daily: project, channel and window are required';
  END IF;
  SELECT r.day, r.platform, r.channel INTO bad
  FROM jsonb_populate_recordset(NULL::marts.channel_daily, coalesce(p_rows, '[]')) r
  WHERE r.day IS NULL OR r.day NOT BETWEEN p_from AND p_to OR r.platform IS NULL
     OR coalesce(r.channel, p_channel) <> p_channel OR coalesce(r.project_id, p_project_id) <> p_project_id
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'merge_channel_daily: row (% % %) is outside project %, channel %, window % .. %',
      bad.day, bad.channel, bad.platform, p_project_id, p_channel, p_from, p_to USING ERRCODE = 'data_exception';
  END IF;

  WITH src AS (
    SELECT p_project_id AS project_id, p_channel AS channel, r.day, r.platform,
           r.sent, r.delivered, r.opened, r.clicked, r.bounced, r.unsubscribed, r.cost, r.accepted,
           r.impressions, r.dismissed, r.rejected, r.chunks, r.unique_contacts,
           r.soft_bounced, r.hard_bounced, r.spam_reports, r.blocked,
           r.passes_issued, r.passes_installed, r.passes_uninstalled, r.pass_updates_sent
    FROM jsonb_populate_recordset(NULL::marts.channel_daily, coalesce(p_rows, '[]')) r
  ), upserted AS (
    INSERT INTO marts.channel_daily AS m (project_id, channel, day, platform,
      sent, delivered, opened, clicked, bounced, unsubscribed, cost, accepted,
      impressions, dismissed, rejected, chunks, unique_contacts,
      soft_bounced, hard_bounced, spam_reports, blocked,
      passes_issued, passes_installed, passes_uninstalled, pass_updates_sent)
    SELECT * FROM src
    ON CONFLICT (project_id, channel, day, platform) DO UPDATE SET
      sent = EXCLUDED.sent, delivered = EXCLUDED.delivered, opened = EXCLUDED.opened, clicked = EXCLUDED.clicked,
      bounced = EXCLUDED.bounced, unsubscribed = EXCLUDED.unsubscribed, cost = EXCLUDED.cost,
      accepted = EXCLUDED.accepted, impressions = EXCLUDED.impressions, dismissed = EXCLUDED.dismissed,
      rejected = EXCLUDED.rejected, chunks = EXCLUDED.chunks, unique_contacts = EXCLUDED.unique_contacts,
      soft_bounced = EXCLUDED.soft_bounced, hard_bounced = EXCLUDED.hard_bounced,
      spam_reports = EXCLUDED.spam_reports, blocked = EXCLUDED.blocked,
      passes_issued = EXCLUDED.passes_issued, passes_installed = EXCLUDED.passes_installed,
      passes_uninstalled = EXCLUDED.passes_uninstalled, pass_updates_sent = EXCLUDED.pass_updates_sent
    WHERE m IS DISTINCT FROM EXCLUDED
    RETURNING 1
  ), deleted AS (
    -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
    DELETE FROM marts.channel_daily m
    WHERE m.project_id = p_project_id AND m.channel = p_channel AND m.day BETWEEN p_from AND p_to
      AND (m.day, m.platform) NOT IN (SELECT day, platform FROM src)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted) INTO n_changed;
  RETURN n_changed;
END
$$;

-- The same for marts.campaign_daily (one channel, project and window), then marts.campaign_totals
-- recomputed for every campaign that had or has rows in the window. Returns the rows changed in both.
CREATE FUNCTION marts.merge_campaign_daily(p_project_id bigint, p_channel text, p_from date, p_to date, p_rows jsonb)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$
DECLARE
  n_daily integer;
  n_totals integer;
  campaigns bigint[];
  bad record;
BEGIN
  IF p_project_id IS NULL OR p_channel IS NULL OR p_from IS NULL OR p_to IS NULL THEN
    RAISE EXCEPTION 'merge_campaign_daily: project, channel and window are required';
  END IF;
  SELECT r.campaign_id, r.day, r.platform, r.channel INTO bad
  FROM jsonb_populate_recordset(NULL::marts.campaign_daily, coalesce(p_rows, '[]')) r
  WHERE r.campaign_id IS NULL OR r.day IS NULL OR r.day NOT BETWEEN p_from AND p_to OR r.platform IS NULL
     OR coalesce(r.channel, p_channel) <> p_channel OR coalesce(r.project_id, p_project_id) <> p_project_id
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'merge_campaign_daily: row (campaign % % % %) is outside project %, channel %, window % .. %',
      bad.campaign_id, bad.day, bad.channel, bad.platform, p_project_id, p_channel, p_from, p_to USING ERRCODE = 'data_exception';
  END IF;

  -- Campaigns of the window before and after the merge: their totals are the ones that can change.
  SELECT coalesce(array_agg(DISTINCT c.campaign_id), '{}') INTO campaigns FROM (
    SELECT d.campaign_id FROM marts.campaign_daily d
    WHERE d.project_id = p_project_id AND d.channel = p_channel AND d.day BETWEEN p_from AND p_to
    UNION
    SELECT (e->>'campaign_id')::bigint FROM jsonb_array_elements(coalesce(p_rows, '[]')) e
  ) c;

  WITH src AS (
    SELECT p_project_id AS project_id, p_channel AS channel, r.campaign_id, r.day, r.platform,
           r.sent, r.delivered, r.opened, r.clicked, r.bounced, r.unsubscribed, r.cost, r.accepted, r.errors,
           r.impressions, r.dismissed, r.rejected, r.chunks, r.unique_contacts,
           r.soft_bounced, r.hard_bounced, r.spam_reports, r.blocked
    FROM jsonb_populate_recordset(NULL::marts.campaign_daily, coalesce(p_rows, '[]')) r
  ), upserted AS (
    INSERT INTO marts.campaign_daily AS m (project_id, channel, campaign_id, day, platform,
      sent, delivered, opened, clicked, bounced, unsubscribed, cost, accepted, errors,
      impressions, dismissed, rejected, chunks, unique_contacts,
      soft_bounced, hard_bounced, spam_reports, blocked)
    SELECT * FROM src
    ON CONFLICT (project_id, channel, campaign_id, day, platform) DO UPDATE SET
      sent = EXCLUDED.sent, delivered = EXCLUDED.delivered, opened = EXCLUDED.opened, clicked = EXCLUDED.clicked,
      bounced = EXCLUDED.bounced, unsubscribed = EXCLUDED.unsubscribed, cost = EXCLUDED.cost,
      accepted = EXCLUDED.accepted, errors = EXCLUDED.errors, impressions = EXCLUDED.impressions,
      dismissed = EXCLUDED.dismissed, rejected = EXCLUDED.rejected, chunks = EXCLUDED.chunks,
      unique_contacts = EXCLUDED.unique_contacts, soft_bounced = EXCLUDED.soft_bounced,
      hard_bounced = EXCLUDED.hard_bounced, spam_reports = EXCLUDED.spam_reports, blocked = EXCLUDED.blocked
    WHERE m IS DISTINCT FROM EXCLUDED
    RETURNING 1
  ), deleted AS (
    -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
    DELETE FROM marts.campaign_daily m
    WHERE m.project_id = p_project_id AND m.channel = p_channel AND m.day BETWEEN p_from AND p_to
      AND (m.campaign_id, m.day, m.platform) NOT IN (SELECT campaign_id, day, platform FROM src)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted) INTO n_daily;

  WITH agg AS (
    SELECT d.project_id, d.channel, d.campaign_id, min(d.day) AS first_day, max(d.day) AS last_day,
           count(DISTINCT d.day)::integer AS days,
           sum(d.sent)::bigint AS sent, sum(d.delivered)::bigint AS delivered, sum(d.opened)::bigint AS opened,
           sum(d.clicked)::bigint AS clicked, sum(d.bounced)::bigint AS bounced,
           sum(d.unsubscribed)::bigint AS unsubscribed, sum(d.cost) AS cost, sum(d.accepted)::bigint AS accepted,
           sum(d.errors)::bigint AS errors, sum(d.impressions)::bigint AS impressions,
           sum(d.dismissed)::bigint AS dismissed, sum(d.rejected)::bigint AS rejected,
           sum(d.chunks)::bigint AS chunks, sum(d.soft_bounced)::bigint AS soft_bounced,
           sum(d.hard_bounced)::bigint AS hard_bounced, sum(d.spam_reports)::bigint AS spam_reports,
           sum(d.blocked)::bigint AS blocked
    FROM marts.campaign_daily d
    WHERE d.project_id = p_project_id AND d.channel = p_channel AND d.campaign_id = ANY (campaigns)
    GROUP BY d.project_id, d.channel, d.campaign_id
  ), upserted AS (
    INSERT INTO marts.campaign_totals AS t (project_id, channel, campaign_id, first_day, last_day, days,
      sent, delivered, opened, clicked, bounced, unsubscribed, cost, accepted, errors,
      impressions, dismissed, rejected, chunks, soft_bounced, hard_bounced, spam_reports, blocked)
    SELECT * FROM agg
    ON CONFLICT (project_id, channel, campaign_id) DO UPDATE SET
      first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day, days = EXCLUDED.days,
      sent = EXCLUDED.sent, delivered = EXCLUDED.delivered, opened = EXCLUDED.opened, clicked = EXCLUDED.clicked,
      bounced = EXCLUDED.bounced, unsubscribed = EXCLUDED.unsubscribed, cost = EXCLUDED.cost,
      accepted = EXCLUDED.accepted, errors = EXCLUDED.errors, impressions = EXCLUDED.impressions,
      dismissed = EXCLUDED.dismissed, rejected = EXCLUDED.rejected, chunks = EXCLUDED.chunks,
      soft_bounced = EXCLUDED.soft_bounced, hard_bounced = EXCLUDED.hard_bounced,
      spam_reports = EXCLUDED.spam_reports, blocked = EXCLUDED.blocked
    WHERE t IS DISTINCT FROM EXCLUDED
    RETURNING 1
  ), deleted AS (
    -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
    DELETE FROM marts.campaign_totals t
    WHERE t.project_id = p_project_id AND t.channel = p_channel AND t.campaign_id = ANY (campaigns)
      AND t.campaign_id NOT IN (SELECT campaign_id FROM agg)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted) INTO n_totals;
  RETURN n_daily + n_totals;
END
$$;

REVOKE ALL ON FUNCTION marts.merge_channel_daily(bigint, text, date, date, jsonb),
  marts.merge_campaign_daily(bigint, text, date, date, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION marts.merge_channel_daily(bigint, text, date, date, jsonb),
  marts.merge_campaign_daily(bigint, text, date, date, jsonb) TO ig_etl;

-- ---- row-level security and grants --------------------------------------------------------------

ALTER TABLE marts.channel_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.channel_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.campaign_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.campaign_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.campaign_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.campaign_totals FORCE ROW LEVEL SECURITY;

CREATE POLICY channel_daily_etl ON marts.channel_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY channel_daily_reader ON marts.channel_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY campaign_daily_etl ON marts.campaign_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY campaign_daily_reader ON marts.campaign_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY campaign_totals_etl ON marts.campaign_totals FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY campaign_totals_reader ON marts.campaign_totals FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON marts.channel_daily, marts.campaign_daily, marts.campaign_totals TO ig_etl;
GRANT SELECT ON marts.channel_daily, marts.campaign_daily, marts.campaign_totals TO ig_reader;
