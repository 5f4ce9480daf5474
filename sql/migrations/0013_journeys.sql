-- Customer journeys: the GET /v1/journey list (snapshot) and GET /v1/journey/{id}/stats per journey
-- and local day (one-day request windows, see docs/adr/008): the journey dimension and the node funnel.
SET LOCAL ROLE ig_owner;

-- The latest journey list, one row per journey (a snapshot: replaced by each list).
CREATE TABLE staging.journeys (
  project_id bigint NOT NULL,
  journey_id bigint NOT NULL,
  name       text NOT NULL,
  status     text NOT NULL,
  created_at timestamptz,             -- NULL when the list gives only a date
  created_day date,                   -- the project's local day of creation
  raw_id     bigint NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, journey_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- One row per journey, local day and node: userFlow[] (users reaching the node, position = its place
-- in userFlow) joined with nodes[] (the node's campaign figures) on nodeId. A node may appear in only
-- one of the two lists (a wait or split node has no campaign; a campaign node nobody reached yet).
CREATE TABLE staging.journey_nodes_daily (
  project_id    bigint NOT NULL,
  journey_id    bigint NOT NULL,
  day           date NOT NULL,
  node_id       text NOT NULL,
  position      integer,              -- 1-based place in userFlow, NULL when the node is not in it
  users         bigint CHECK (users >= 0),
  campaign_id   bigint,
  campaign_name text,
  campaign_type text,
  sent          bigint CHECK (sent >= 0),
  opened        bigint CHECK (opened >= 0),   -- email nodes only (the API sends null for others)
  clicked       bigint CHECK (clicked >= 0),
  ctr           numeric,              -- as the API reports it
  platforms     text[],
  raw_id        bigint NOT NULL,
  loaded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, journey_id, day, node_id),
  FOREIGN KEY (project_id, raw_id) REFERENCES raw.api_responses (project_id, id)
);

-- The journey dimension. A journey that leaves the list keeps its row with removed_on = the local
-- day of the first list without it (cleared if it comes back).
CREATE TABLE marts.journeys (
  project_id  bigint NOT NULL,
  journey_id  bigint NOT NULL,
  name        text NOT NULL,
  status      text NOT NULL,
  created_at  timestamptz,
  created_day date,
  removed_on  date,
  PRIMARY KEY (project_id, journey_id)
);

-- Journey node funnel per local day. users, sent, opened, clicked add up over days; ctr is
-- clicked ÷ sent of the row (indigitall's definition), recomputed here so that a period's CTR is
-- sum(clicked) ÷ sum(sent). opened is NULL for nodes whose channel reports no opens.
CREATE TABLE marts.journey_funnel (
  project_id    bigint NOT NULL,
  journey_id    bigint NOT NULL,
  day           date NOT NULL,
  node_id       text NOT NULL,
  position      integer,
  users         bigint NOT NULL,
  sent          bigint NOT NULL,
  opened        bigint,
  clicked       bigint NOT NULL,
  ctr           numeric,
  campaign_id   bigint,
  campaign_name text,
  campaign_type text,
  platforms     text[],
  PRIMARY KEY (project_id, journey_id, day, node_id)
);

ALTER TABLE staging.journeys ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.journeys FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.journey_nodes_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.journey_nodes_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.journeys ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.journeys FORCE ROW LEVEL SECURITY;
ALTER TABLE marts.journey_funnel ENABLE ROW LEVEL SECURITY;
ALTER TABLE marts.journey_funnel FORCE ROW LEVEL SECURITY;

CREATE POLICY journeys_etl ON staging.journeys FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY journey_nodes_daily_etl ON staging.journey_nodes_daily FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY journeys_etl ON marts.journeys FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY journeys_reader ON marts.journeys FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY journey_funnel_etl ON marts.journey_funnel FOR ALL TO ig_etl USING (true) WITH CHECK (true);
CREATE POLICY journey_funnel_reader ON marts.journey_funnel FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON staging.journeys, staging.journey_nodes_daily TO ig_etl;
GRANT SELECT, INSERT, UPDATE, DELETE ON marts.journeys, marts.journey_funnel TO ig_etl;
GRANT SELECT ON marts.journeys, marts.journey_funnel TO ig_reader;
