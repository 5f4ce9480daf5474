-- Daily tier: wallet passes (GET /v1/wallet/stats; its mart is the wallet rows of
-- marts.channel_daily) and devices (GET /v1/application/{id}/stats/device, ≤ 7 days per request).
SET LOCAL ROLE ig_owner;

CREATE TABLE staging.wallet_daily (
  project_id   bigint NOT NULL,
  day          date NOT NULL,
  platform     text NOT NULL CHECK (platform IN ('apple', 'google')),
  issued       bigint NOT NULL CHECK (issued >= 0),
  installed    bigint NOT NULL CHECK (installed >= 0),
  uninstalled  bigint NOT NULL CHECK (uninstalled >= 0),
  updates_sent bigint NOT NULL CHECK (updates_sent >= 0),
  raw_id       bigint NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, platform),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

CREATE TABLE staging.devices_daily (
  project_id   bigint NOT NULL,
  day          date NOT NULL,
  platform     text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  new          bigint NOT NULL CHECK (new >= 0),
  active       bigint NOT NULL CHECK (active >= 0),
  unregistered bigint NOT NULL CHECK (unregistered >= 0),
  raw_id       bigint NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, platform),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- Devices per local day and platform: new registrations, devices active that day, unregistrations.
-- active is a distinct count of the day: it does not add up across days (average it, or take the
-- last day, for a period).
CREATE TABLE marts.devices_daily (
  project_id   bigint NOT NULL,
  day          date NOT NULL,
  platform     text NOT NULL,
  new          bigint NOT NULL,
  active       bigint NOT NULL,
  unregistered bigint NOT NULL,
  PRIMARY KEY (project_id, day, platform)
);

ALTER TABLE staging.wallet_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.wallet_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.devices_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.devices_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.devices_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.devices_daily FORCE ROW LEVEL SECURITY;

CREATE POLICY wallet_daily_etl ON staging.wallet_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY devices_daily_etl ON staging.devices_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY devices_daily_etl ON marts.devices_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY devices_daily_reader ON marts.devices_daily FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.wallet_daily, staging.devices_daily, marts.devices_daily TO ig_etl;
GRANT SELECT ON marts.devices_daily TO ig_reader;
