-- DATA TEST not_null: the inapp rows of marts.campaign_daily in the refreshed window with a missing key or
-- a missing inapp measure (impressions, clicked, dismissed).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, campaign_id, day, platform, impressions, clicked, dismissed
FROM marts.campaign_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'inapp'
  AND (campaign_id IS NULL OR day IS NULL OR platform IS NULL OR impressions IS NULL OR clicked IS NULL OR
       dismissed IS NULL)
