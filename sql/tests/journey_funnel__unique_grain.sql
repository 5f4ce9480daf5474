-- DATA TEST unique: one marts.journey_funnel row per (project, journey, day, node); no two nodes
-- of a journey's day share a userFlow position; and no two rows of a node whose spans (day .. day +
-- days − 1; a month past the daily horizon, ADR 029) overlap. Every row returned is a failure.
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
UNION ALL
SELECT a.project_id, a.journey_id, a.day, a.node_id || ' overlaps ' || b.day, 2
FROM marts.journey_funnel a
JOIN marts.journey_funnel b
  ON (b.project_id, b.journey_id, b.node_id) = (a.project_id, a.journey_id, a.node_id) AND b.day > a.day AND b.day < a.day + a.days
WHERE a.project_id = :'project_id'::bigint AND a.day BETWEEN :'from'::date - 31 AND :'to'::date
