-- DATA TEST not_null: marts.journey_funnel rows of the refreshed window with a missing value; a node
-- with sends has a CTR, and a campaign node names its campaign.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, journey_id, day, node_id, users, sent, clicked, ctr, campaign_id, campaign_type
FROM marts.journey_funnel
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (journey_id IS NULL OR day IS NULL OR node_id IS NULL OR users IS NULL OR sent IS NULL OR clicked IS NULL
       OR (sent > 0 AND ctr IS NULL) OR (campaign_id IS NOT NULL AND campaign_type IS NULL))
