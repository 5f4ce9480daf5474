-- MART refresh: marts.journey_funnel (per journey, local day and node; past the daily horizon per
-- calendar month: `days` > 1, docs/adr/029) for one project and window, from staging.journey_nodes_daily. users, sent and clicked are 0 where the node is missing from
-- userFlow / nodes; opened stays NULL where the channel reports no opens; ctr = clicked ÷ sent.
-- Same transaction as the staging load; only rows whose values differ are written.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, journey_id, day, days, node_id, position, coalesce(users, 0) AS users, coalesce(sent, 0) AS sent, opened,
         coalesce(clicked, 0) AS clicked, round(clicked::numeric / nullif(sent, 0), 6) AS ctr,
         campaign_id, campaign_name, campaign_type, platforms
  FROM staging.journey_nodes_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO marts.journey_funnel AS m (project_id, journey_id, day, days, node_id, position, users, sent, opened, clicked, ctr,
    campaign_id, campaign_name, campaign_type, platforms)
  SELECT project_id, journey_id, day, days, node_id, position, users, sent, opened, clicked, ctr,
    campaign_id, campaign_name, campaign_type, platforms
  FROM src
  ON CONFLICT (project_id, journey_id, day, node_id) DO UPDATE
    SET days = EXCLUDED.days, position = EXCLUDED.position, users = EXCLUDED.users, sent = EXCLUDED.sent, opened = EXCLUDED.opened,
        clicked = EXCLUDED.clicked, ctr = EXCLUDED.ctr, campaign_id = EXCLUDED.campaign_id,
        campaign_name = EXCLUDED.campaign_name, campaign_type = EXCLUDED.campaign_type, platforms = EXCLUDED.platforms
    WHERE (m.days, m.position, m.users, m.sent, m.opened, m.clicked, m.ctr, m.campaign_id, m.campaign_name, m.campaign_type, m.platforms)
          IS DISTINCT FROM
          (EXCLUDED.days, EXCLUDED.position, EXCLUDED.users, EXCLUDED.sent, EXCLUDED.opened, EXCLUDED.clicked, EXCLUDED.ctr,
           EXCLUDED.campaign_id, EXCLUDED.campaign_name, EXCLUDED.campaign_type, EXCLUDED.platforms)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.journey_funnel m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE (src.journey_id, src.day, src.node_id) = (m.journey_id, m.day, m.node_id))
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
