-- Chat / WhatsApp: GET /v1/chat/stats (one request per local day, see docs/adr/008) and the chat
-- history export GET /v1/chat/history/csv. Staging per endpoint, the chat marts, and the parsing
-- helpers every conversation group (chat, agents, campaigns, journeys) shares.
SET LOCAL ROLE ig_owner;

-- ---- helpers ------------------------------------------------------------------------------------

-- An API timestamp as UTC: ISO 8601 with an offset or Z; without one it is read as UTC (never as the
-- session's time zone); 12+ digits are epoch milliseconds. NULL for NULL or ''.
CREATE FUNCTION staging.utc_ts(t text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN t IS NULL OR btrim(t) = '' THEN NULL
      WHEN btrim(t) ~ '^\d{12,}$' THEN to_timestamp(btrim(t)::numeric / 1000)
      WHEN btrim(t) ~ '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|UTC|[+-]\d{2}(:?\d{2})?)$' THEN btrim(t)::timestamptz
      ELSE btrim(t)::timestamp AT TIME ZONE 'UTC'
    END
  $$;

-- 'true'/'false' as the CSV export and JSON write them ('1'/'0', 'yes'/'no' too); '' is false
-- (the export leaves isFallback empty on messages that are not bot answers); anything else NULL.
CREATE FUNCTION staging.to_bool(t text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE lower(btrim(coalesce(t, '')))
      WHEN 'true' THEN true WHEN '1' THEN true WHEN 'yes' THEN true WHEN 't' THEN true
      WHEN 'false' THEN false WHEN '0' THEN false WHEN 'no' THEN false WHEN 'f' THEN false WHEN '' THEN false
    END
  $$;

-- Chat channel names as the marts spell them: whatsapp, webapp. Other spellings of those two
-- (WhatsApp, WHATSAPP, whats_app, web_app, web, webchat) map to them; anything else is kept
-- lower-case without separators, so the accepted_values test names it.
CREATE FUNCTION staging.chat_channel(c text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE regexp_replace(lower(coalesce(c, '')), '[^a-z0-9]', '', 'g')
      WHEN '' THEN NULL
      WHEN 'whatsapp' THEN 'whatsapp' WHEN 'wa' THEN 'whatsapp' WHEN 'whatsappbusiness' THEN 'whatsapp'
      WHEN 'webapp' THEN 'webapp' WHEN 'web' THEN 'webapp' WHEN 'webchat' THEN 'webapp' WHEN 'chatweb' THEN 'webapp'
      ELSE regexp_replace(lower(c), '[^a-z0-9]', '', 'g')
    END
  $$;

-- camelCase API keys as snake_case column values (authenticationInternational → authentication_international).
CREATE FUNCTION staging.snake_case(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(regexp_replace(regexp_replace(btrim(t), '([a-z0-9])([A-Z])', '\1_\2', 'g'), '[^A-Za-z0-9]+', '_', 'g')) $$;

-- Raises `message` (models call it to refuse input they cannot load: the window's transaction fails).
CREATE FUNCTION staging.fail(message text) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$ BEGIN RAISE EXCEPTION '%', message USING ERRCODE = 'data_exception'; END $$;

GRANT EXECUTE ON FUNCTION staging.utc_ts(text), staging.to_bool(text), staging.chat_channel(text),
  staging.snake_case(text), staging.fail(text) TO ig_etl;

-- ---- staging ------------------------------------------------------------------------------------

-- /v1/chat/stats data.daily[]: sent, delivered, read per local day (statsDate).
CREATE TABLE staging.chat_stats_daily (
  project_id bigint NOT NULL,
  day        date NOT NULL,
  sent       bigint NOT NULL CHECK (sent >= 0),
  delivered  bigint NOT NULL CHECK (delivered >= 0),
  read       bigint NOT NULL CHECK (read >= 0),
  raw_id     bigint NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- /v1/chat/stats window figures (totalMessages, peakMinuteUtc) for a one-day request window.
CREATE TABLE staging.chat_stats_window (
  project_id      bigint NOT NULL,
  day             date NOT NULL,
  total_messages  bigint NOT NULL CHECK (total_messages >= 0),
  peak_minute_utc timestamptz,
  raw_id          bigint NOT NULL,
  loaded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- /v1/chat/stats data.categories{}: WhatsApp conversation categories of a one-day request window.
CREATE TABLE staging.chat_stats_categories (
  project_id bigint NOT NULL,
  day        date NOT NULL,
  category   text NOT NULL,
  messages   bigint NOT NULL CHECK (messages >= 0),
  raw_id     bigint NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, category),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- /v1/chat/history/csv: one row per message. The message text and the contact's profile name stay
-- in raw only (no mart needs them; personal data is not copied further than it must go).
CREATE TABLE staging.chat_messages (
  project_id            bigint NOT NULL,
  message_id            text NOT NULL,
  sent_at               timestamptz NOT NULL,
  day                   date NOT NULL,            -- sent_at's civil date in the project's time zone
  send_type             text NOT NULL,            -- input | operator | dialogflow | agent_notification
  content_type          text,
  status                text,
  contact_id            text,
  agent_conversation_id text,
  agent_id              text,
  agent_close_reason    text,
  df_intent_name        text,
  is_fallback           boolean NOT NULL,
  integration           text,
  channel               text NOT NULL,            -- whatsapp | webapp
  raw_id                bigint NOT NULL,
  loaded_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, message_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);
CREATE INDEX chat_messages_day ON staging.chat_messages (project_id, day);

-- ---- marts --------------------------------------------------------------------------------------

-- Chat totals per local day: the daily series of /v1/chat/stats plus the one-day window figures.
CREATE TABLE marts.chat_daily (
  project_id      bigint NOT NULL,
  day             date NOT NULL,
  sent            bigint NOT NULL,
  delivered       bigint NOT NULL,
  read            bigint NOT NULL,
  total_messages  bigint,               -- NULL when no one-day stats window covered the day
  peak_minute_utc timestamptz,
  PRIMARY KEY (project_id, day)
);

-- Chat messages by local day, sendType and channel, from the history export. delivered counts the
-- messages whose status is delivered or read, read those whose status is read (outbound messages;
-- a contact's message is `received`). fallback_rate is fallbacks ÷ messages of the row; it means
-- something for send_type = 'dialogflow' (bot answers).
CREATE TABLE marts.chat_messages_daily (
  project_id    bigint NOT NULL,
  day           date NOT NULL,
  send_type     text NOT NULL,
  channel       text NOT NULL,
  messages      bigint NOT NULL,
  delivered     bigint NOT NULL,
  read          bigint NOT NULL,
  fallbacks     bigint NOT NULL,
  fallback_rate numeric GENERATED ALWAYS AS (round(fallbacks::numeric / nullif(messages, 0), 6)) STORED,
  PRIMARY KEY (project_id, day, send_type, channel)
);

-- WhatsApp conversation categories per local day (from one-day /v1/chat/stats windows).
CREATE TABLE marts.chat_categories (
  project_id bigint NOT NULL,
  day        date NOT NULL,
  category   text NOT NULL,
  messages   bigint NOT NULL,
  PRIMARY KEY (project_id, day, category)
);

-- ---- row-level security and grants --------------------------------------------------------------

ALTER TABLE staging.chat_stats_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_stats_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_stats_window ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_stats_window FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_stats_categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_stats_categories FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.chat_messages FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.chat_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.chat_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.chat_messages_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.chat_messages_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.chat_categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.chat_categories FORCE ROW LEVEL SECURITY;

CREATE POLICY chat_stats_daily_etl ON staging.chat_stats_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_stats_window_etl ON staging.chat_stats_window FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_stats_categories_etl ON staging.chat_stats_categories FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_messages_etl ON staging.chat_messages FOR ALL TO ig_etl USING (true) WITH CHECK (true);

CREATE POLICY chat_daily_etl ON marts.chat_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_daily_reader ON marts.chat_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY chat_messages_daily_etl ON marts.chat_messages_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_messages_daily_reader ON marts.chat_messages_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY chat_categories_etl ON marts.chat_categories FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY chat_categories_reader ON marts.chat_categories FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.chat_stats_daily, staging.chat_stats_window,
  staging.chat_stats_categories, staging.chat_messages TO ig_etl;
GRANT SELECT, INSERT, UPDATE, DELETE ON marts.chat_daily, marts.chat_messages_daily, marts.chat_categories TO ig_etl;
GRANT SELECT ON marts.chat_daily, marts.chat_messages_daily, marts.chat_categories TO ig_reader;
