-- DATA TEST reconciliation: the journeys of the mart not marked removed are exactly the latest list in
-- staging.journeys, with the same name, status and creation. Every row returned is a failure.
-- Variables: project_id.
WITH s AS (SELECT journey_id, name, status, created_at, created_day FROM staging.journeys WHERE project_id = :'project_id'::bigint),
     m AS (SELECT journey_id, name, status, created_at, created_day FROM marts.journeys
           WHERE project_id = :'project_id'::bigint AND removed_on IS NULL)
SELECT coalesce(s.journey_id, m.journey_id) AS journey_id, s.name AS staging_name, m.name AS mart_name,
       s.status AS staging_status, m.status AS mart_status
FROM s FULL JOIN m ON m.journey_id = s.journey_id
WHERE s.journey_id IS NULL OR m.journey_id IS NULL
   OR (s.name, s.status, s.created_at, s.created_day) IS DISTINCT FROM (m.name, m.status, m.created_at, m.created_day)
