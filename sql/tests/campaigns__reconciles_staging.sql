-- DATA TEST reconciliation: the campaigns of the mart not marked removed are exactly the latest list
-- in staging.campaigns, with the same name, channel, creation time and status.
-- Every row returned is a failure. Variables: project_id.
WITH s AS (SELECT campaign_id, name, channel, created_at, created_day, status FROM staging.campaigns WHERE project_id = :'project_id'::bigint),
     m AS (SELECT campaign_id, name, channel, created_at, created_day, status FROM marts.campaigns
           WHERE project_id = :'project_id'::bigint AND removed_on IS NULL)
SELECT coalesce(s.campaign_id, m.campaign_id) AS campaign_id, s.name AS staging_name, m.name AS mart_name,
       s.channel AS staging_channel, m.channel AS mart_channel, s.status AS staging_status, m.status AS mart_status
FROM s FULL JOIN m ON m.campaign_id = s.campaign_id
WHERE s.campaign_id IS NULL OR m.campaign_id IS NULL
   OR (s.name, s.channel, s.created_at, s.created_day, s.status) IS DISTINCT FROM (m.name, m.channel, m.created_at, m.created_day, m.status)
