-- Push beyond the daily totals: hourly dateStats (the heatmap's source, docs/adr/007) and push
-- campaign statistics (GET /v1/campaign/stats). Push's channel_daily and campaign_daily rows are
-- written by the push group's mart models from these and from staging.push_daily.
SET LOCAL ROLE ig_owner;

-- GET /v1/application/{id}/dateStats?periodicity=hourly: statsDate and statsHour are the project's
-- local day and hour; hour_start_utc is that local hour's start as an instant.
CREATE TABLE staging.push_hourly (
  project_id     bigint NOT NULL,
  day            date NOT NULL,
  hour           smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  platform       text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  hour_start_utc timestamptz NOT NULL,
  sent           bigint NOT NULL CHECK (sent >= 0),
  success        bigint NOT NULL CHECK (success >= 0),
  received       bigint NOT NULL CHECK (received >= 0),
  clicked        bigint NOT NULL CHECK (clicked >= 0),
  raw_id         bigint NOT NULL,
  loaded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, hour, platform),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- GET /v1/campaign/stats: one row per campaign, local day and platform.
CREATE TABLE staging.push_campaign_daily (
  project_id    bigint NOT NULL,
  day           date NOT NULL,
  campaign_id   bigint NOT NULL,
  platform      text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  campaign_name text,
  sent          bigint NOT NULL CHECK (sent >= 0),
  success       bigint NOT NULL CHECK (success >= 0),
  received      bigint NOT NULL CHECK (received >= 0),
  clicked       bigint NOT NULL CHECK (clicked >= 0),
  errors        bigint NOT NULL CHECK (errors >= 0),
  raw_id        bigint NOT NULL,
  loaded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, campaign_id, platform),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- Push by local day, hour and platform: a heatmap of any period is one GROUP BY
-- (extract(isodow FROM day), hour) with CTR = sum(clicked) / sum(sent).
CREATE TABLE marts.push_hourly (
  project_id     bigint NOT NULL,
  day            date NOT NULL,
  hour           smallint NOT NULL,
  platform       text NOT NULL,
  hour_start_utc timestamptz NOT NULL,
  sent           bigint NOT NULL,
  success        bigint NOT NULL,
  received       bigint NOT NULL,
  clicked        bigint NOT NULL,
  PRIMARY KEY (project_id, day, hour, platform)
);

ALTER TABLE staging.push_hourly ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.push_hourly FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.push_campaign_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.push_campaign_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.push_hourly ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.push_hourly FORCE ROW LEVEL SECURITY;

CREATE POLICY push_hourly_etl ON staging.push_hourly FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY push_campaign_daily_etl ON staging.push_campaign_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY push_hourly_etl ON marts.push_hourly FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY push_hourly_reader ON marts.push_hourly FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.push_hourly, staging.push_campaign_daily, marts.push_hourly TO ig_etl;
GRANT SELECT ON marts.push_hourly TO ig_reader;
