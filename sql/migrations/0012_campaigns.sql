-- Campaign configurations: the GET /v1/campaign list, the campaign dimension that the campaign
-- performance marts (campaign_id) relate to.
SET LOCAL ROLE ig_owner;

-- A campaign's channel in the marts' vocabulary (marts.channel_daily): push, inapp, sms, email,
-- chat (WhatsApp), wallet. Other spellings map to them; anything else is kept lower-case without
-- separators, so the accepted_values test names it.
CREATE FUNCTION staging.campaign_channel(c text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE regexp_replace(lower(coalesce(c, '')), '[^a-z0-9]', '', 'g')
      WHEN '' THEN NULL
      WHEN 'push' THEN 'push' WHEN 'webpush' THEN 'push' WHEN 'apppush' THEN 'push'
      WHEN 'inapp' THEN 'inapp' WHEN 'inappmessage' THEN 'inapp'
      WHEN 'sms' THEN 'sms'
      WHEN 'email' THEN 'email' WHEN 'mail' THEN 'email'
      WHEN 'chat' THEN 'chat' WHEN 'whatsapp' THEN 'chat' WHEN 'wa' THEN 'chat'
      WHEN 'wallet' THEN 'wallet'
      ELSE regexp_replace(lower(c), '[^a-z0-9]', '', 'g')
    END
  $$;
GRANT EXECUTE ON FUNCTION staging.campaign_channel(text) TO ig_etl;

-- An API creation stamp as (UTC instant, local day): a date-time gives both (the day in the project's
-- zone); a bare YYYY-MM-DD is already the local day and gives no instant.
CREATE FUNCTION staging.created_stamp(t text, time_zone text, OUT created_at timestamptz, OUT created_day date)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN btrim(t) ~ '^\d{4}-\d{2}-\d{2}$' THEN NULL ELSE staging.utc_ts(t) END,
           CASE WHEN btrim(t) ~ '^\d{4}-\d{2}-\d{2}$' THEN btrim(t)::date
                ELSE (staging.utc_ts(t) AT TIME ZONE time_zone)::date END
  $$;
GRANT EXECUTE ON FUNCTION staging.created_stamp(text, text) TO ig_etl;

-- The latest campaign list, one row per campaign (a snapshot: replaced by each list).
CREATE TABLE staging.campaigns (
  project_id  bigint NOT NULL,
  campaign_id bigint NOT NULL,
  name        text NOT NULL,
  channel     text NOT NULL,
  created_at  timestamptz,          -- NULL when the list gives only a date
  created_day date,                 -- the project's local day of creation
  status      text NOT NULL,
  raw_id      bigint NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, campaign_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- The campaign dimension. A campaign that leaves the list keeps its row (its statistics still name
-- it) with removed_on = the project's local day of the first list without it; it is cleared if the
-- campaign comes back.
CREATE TABLE marts.campaigns (
  project_id  bigint NOT NULL,
  campaign_id bigint NOT NULL,
  name        text NOT NULL,
  channel     text NOT NULL,
  created_at  timestamptz,          -- NULL when the list gives only a date (createdAt: YYYY-MM-DD)
  created_day date,                 -- the project's local day of creation
  status      text NOT NULL,
  removed_on  date,
  PRIMARY KEY (project_id, campaign_id)
);

ALTER TABLE staging.campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.campaigns FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.campaigns FORCE ROW LEVEL SECURITY;

CREATE POLICY campaigns_etl ON staging.campaigns FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY campaigns_etl ON marts.campaigns FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY campaigns_reader ON marts.campaigns FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.campaigns, marts.campaigns TO ig_etl;
GRANT SELECT ON marts.campaigns TO ig_reader;
