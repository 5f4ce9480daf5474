-- DATA TEST unique: one marts.campaigns row per (project, campaign).
-- Every row returned is a failure. Variables: project_id.
SELECT project_id, campaign_id, count(*)::int AS copies
FROM marts.campaigns
WHERE project_id = :'project_id'::bigint
GROUP BY project_id, campaign_id
HAVING count(*) > 1
