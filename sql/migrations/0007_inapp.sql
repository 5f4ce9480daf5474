-- In-app messages: GET /v1/inApp/stats, one row per campaign, local day and platform. Its marts are
-- the inapp rows of marts.channel_daily and marts.campaign_daily (docs/adr/007).
SET LOCAL ROLE ig_owner;

CREATE TABLE staging.inapp_daily (
  project_id  bigint NOT NULL,
  day         date NOT NULL,
  campaign_id bigint NOT NULL,
  platform    text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  impressions bigint NOT NULL CHECK (impressions >= 0),
  clicks      bigint NOT NULL CHECK (clicks >= 0),
  dismissed   bigint NOT NULL CHECK (dismissed >= 0),
  raw_id      bigint NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, campaign_id, platform),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

ALTER TABLE staging.inapp_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.inapp_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY inapp_daily_etl ON staging.inapp_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON staging.inapp_daily TO ig_etl;
