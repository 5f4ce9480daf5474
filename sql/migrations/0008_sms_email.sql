-- SMS and email (v2 statistics): per application and day (GET /v2/{sms|email}/stats/application,
-- rows in data.sendings) and per campaign and day (GET /v2/{sms|email}/stats/campaign, rows in
-- data.campaigns). Their marts are the sms/email rows of marts.channel_daily (from the application
-- figures, which include sends outside campaigns) and of marts.campaign_daily (docs/adr/007).
SET LOCAL ROLE ig_owner;

CREATE TABLE staging.sms_daily (
  project_id      bigint NOT NULL,
  day             date NOT NULL,
  sent            bigint NOT NULL CHECK (sent >= 0),
  delivered       bigint NOT NULL CHECK (delivered >= 0),
  rejected        bigint NOT NULL CHECK (rejected >= 0),
  chunks          bigint NOT NULL CHECK (chunks >= 0),
  clicked         bigint NOT NULL CHECK (clicked >= 0),
  unique_contacts bigint NOT NULL CHECK (unique_contacts >= 0),
  cost            numeric(18, 6) NOT NULL CHECK (cost >= 0),
  raw_id          bigint NOT NULL,
  loaded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

CREATE TABLE staging.sms_campaign_daily (
  project_id      bigint NOT NULL,
  day             date NOT NULL,
  campaign_id     bigint NOT NULL,
  sent            bigint NOT NULL CHECK (sent >= 0),
  delivered       bigint NOT NULL CHECK (delivered >= 0),
  rejected        bigint NOT NULL CHECK (rejected >= 0),
  chunks          bigint NOT NULL CHECK (chunks >= 0),
  clicked         bigint NOT NULL CHECK (clicked >= 0),
  unique_contacts bigint NOT NULL CHECK (unique_contacts >= 0),
  cost            numeric(18, 6) NOT NULL CHECK (cost >= 0),
  raw_id          bigint NOT NULL,
  loaded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, campaign_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

CREATE TABLE staging.email_daily (
  project_id   bigint NOT NULL,
  day          date NOT NULL,
  sent         bigint NOT NULL CHECK (sent >= 0),
  delivered    bigint NOT NULL CHECK (delivered >= 0),
  opened       bigint NOT NULL CHECK (opened >= 0),
  clicked      bigint NOT NULL CHECK (clicked >= 0),
  spammed      bigint NOT NULL CHECK (spammed >= 0),
  soft_bounced bigint NOT NULL CHECK (soft_bounced >= 0),
  hard_bounced bigint NOT NULL CHECK (hard_bounced >= 0),
  blocked      bigint NOT NULL CHECK (blocked >= 0),
  unsubscribed bigint NOT NULL CHECK (unsubscribed >= 0),
  raw_id       bigint NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

CREATE TABLE staging.email_campaign_daily (
  project_id   bigint NOT NULL,
  day          date NOT NULL,
  campaign_id  bigint NOT NULL,
  sent         bigint NOT NULL CHECK (sent >= 0),
  delivered    bigint NOT NULL CHECK (delivered >= 0),
  opened       bigint NOT NULL CHECK (opened >= 0),
  clicked      bigint NOT NULL CHECK (clicked >= 0),
  spammed      bigint NOT NULL CHECK (spammed >= 0),
  soft_bounced bigint NOT NULL CHECK (soft_bounced >= 0),
  hard_bounced bigint NOT NULL CHECK (hard_bounced >= 0),
  blocked      bigint NOT NULL CHECK (blocked >= 0),
  unsubscribed bigint NOT NULL CHECK (unsubscribed >= 0),
  raw_id       bigint NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, campaign_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

ALTER TABLE staging.sms_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.sms_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.sms_campaign_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.sms_campaign_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.email_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.email_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.email_campaign_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.email_campaign_daily FORCE ROW LEVEL SECURITY;

CREATE POLICY sms_daily_etl ON staging.sms_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY sms_campaign_daily_etl ON staging.sms_campaign_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY email_daily_etl ON staging.email_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY email_campaign_daily_etl ON staging.email_campaign_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.sms_daily, staging.sms_campaign_daily,
  staging.email_daily, staging.email_campaign_daily TO ig_etl;
