-- DATA TEST unique: one marts.journey_funnel row per (project, journey, day, node); and no two nodes
-- of a journey's day share a userFlow position. Every row returned is a failure.
-- Variables: project_id, from, to.
SELECT project_id, journey_id, day, node_id::text AS key, count(*)::int AS copies
FROM marts.journey_funnel
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, journey_id, day, node_id
HAVING count(*) > 1
UNION ALL
SELECT project_id, journey_id, day, 'position ' || position, count(*)::int
FROM marts.journey_funnel
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND position IS NOT NULL
GROUP BY project_id, journey_id, day, position
HAVING count(*) > 1
