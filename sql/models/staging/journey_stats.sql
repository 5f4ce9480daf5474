-- STAGING model: one GET /v1/journey/{journeyId}/stats payload (data{userFlow[], nodes[]}) for one
-- journey and its request window. The endpoint answers totals for its request window, so the journeys
-- group asks one day at a time within the daily horizon (docs/adr/008) and one calendar month before it
-- (docs/adr/029): the rows keep the window's totals, dated its first day, `days` = its length (never
-- spread over days); a window over 31 days is refused.
-- The journey is the fan-out key the payload was fetched for: raw.api_responses.params->>'journeyId'
-- (or the `:<id>` suffix of the endpoint name the pipeline lands fan-out payloads under).
-- userFlow and nodes are joined on nodeId (full join: a node may be in one list only); position is
-- the node's 1-based place in userFlow.
-- Rows are written only when a value differs; node rows of that journey and day that the payload no
-- longer has are removed.
-- Variables: project_id, raw_id, from, to.
WITH guard AS (
  SELECT CASE WHEN :'to'::date - :'from'::date NOT BETWEEN 0 AND 30
    THEN staging.fail(format('journey stats: window %s..%s is not 1 to 31 days', :'from', :'to'))
    ELSE 0 END AS ok
), r AS (
  SELECT r.project_id, r.id AS raw_id, r.payload->'data' AS data,
         coalesce(r.params->>'journeyId', substring(r.endpoint FROM ':(\d+)$'))::bigint AS journey_id
  FROM raw.api_responses r, guard
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint AND guard.ok = 0
), flow AS (
  SELECT f.value->>'nodeId' AS node_id, (f.value->>'users')::bigint AS users, f.ordinality::int AS position
  FROM r CROSS JOIN LATERAL jsonb_array_elements(coalesce(r.data->'userFlow', '[]')) WITH ORDINALITY AS f
), nodes AS (
  SELECT n->>'nodeId' AS node_id, (n->>'campaignId')::bigint AS campaign_id, n->>'campaignName' AS campaign_name,
         lower(n->>'campaignType') AS campaign_type, (n->>'sent')::bigint AS sent, (n->>'opened')::bigint AS opened,
         (n->>'clicked')::bigint AS clicked, (n->>'ctr')::numeric AS ctr,
         CASE WHEN jsonb_typeof(n->'platforms') = 'array'
              THEN ARRAY(SELECT lower(x) FROM jsonb_array_elements_text(n->'platforms') x ORDER BY 1) END AS platforms
  FROM r CROSS JOIN LATERAL jsonb_array_elements(coalesce(r.data->'nodes', '[]')) AS n
), src AS (
  SELECT r.project_id, r.journey_id, :'from'::date AS day, (:'to'::date - :'from'::date + 1) AS days,
         coalesce(flow.node_id, nodes.node_id) AS node_id,
         flow.position, flow.users, nodes.campaign_id, nodes.campaign_name, nodes.campaign_type,
         nodes.sent, nodes.opened, nodes.clicked, nodes.ctr, nodes.platforms, r.raw_id
  FROM flow FULL JOIN nodes ON nodes.node_id = flow.node_id CROSS JOIN r
), upserted AS (
  INSERT INTO staging.journey_nodes_daily AS s (project_id, journey_id, day, days, node_id, position, users, campaign_id,
    campaign_name, campaign_type, sent, opened, clicked, ctr, platforms, raw_id)
  SELECT project_id, journey_id, day, days, node_id, position, users, campaign_id,
    campaign_name, campaign_type, sent, opened, clicked, ctr, platforms, raw_id
  FROM src
  ON CONFLICT (project_id, journey_id, day, node_id) DO UPDATE
    SET days = EXCLUDED.days, position = EXCLUDED.position, users = EXCLUDED.users, campaign_id = EXCLUDED.campaign_id,
        campaign_name = EXCLUDED.campaign_name, campaign_type = EXCLUDED.campaign_type, sent = EXCLUDED.sent,
        opened = EXCLUDED.opened, clicked = EXCLUDED.clicked, ctr = EXCLUDED.ctr, platforms = EXCLUDED.platforms,
        raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.days, s.position, s.users, s.campaign_id, s.campaign_name, s.campaign_type, s.sent, s.opened, s.clicked, s.ctr,
           s.platforms, s.raw_id)
          IS DISTINCT FROM
          (EXCLUDED.days, EXCLUDED.position, EXCLUDED.users, EXCLUDED.campaign_id, EXCLUDED.campaign_name, EXCLUDED.campaign_type,
           EXCLUDED.sent, EXCLUDED.opened, EXCLUDED.clicked, EXCLUDED.ctr, EXCLUDED.platforms, EXCLUDED.raw_id)
  RETURNING 1
), deleted AS (
  DELETE FROM staging.journey_nodes_daily s
  USING r
  WHERE s.project_id = :'project_id'::bigint AND s.journey_id = r.journey_id AND s.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE (src.day, src.node_id) = (s.day, s.node_id))
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
