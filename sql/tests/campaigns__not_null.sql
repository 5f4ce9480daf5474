-- DATA TEST not_null: marts.campaigns rows with a missing value (a creation instant always comes with
-- its local day).
-- Every row returned is a failure. Variables: project_id (a snapshot: from and to are not used).
SELECT project_id, campaign_id, name, channel, status, created_at, created_day
FROM marts.campaigns
WHERE project_id = :'project_id'::bigint
  AND (campaign_id IS NULL OR name IS NULL OR channel IS NULL OR status IS NULL
       OR (created_at IS NOT NULL AND created_day IS NULL))
