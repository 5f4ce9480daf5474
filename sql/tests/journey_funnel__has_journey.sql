-- DATA TEST relationships: every journey of marts.journey_funnel is in marts.journeys (listed, or
-- kept after it left the list). Every row returned is a failure. Variables: project_id, from, to.
SELECT m.project_id, m.journey_id, count(*)::int AS rows
FROM marts.journey_funnel m
WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
  AND NOT EXISTS (SELECT 1 FROM marts.journeys j WHERE j.project_id = m.project_id AND j.journey_id = m.journey_id)
GROUP BY m.project_id, m.journey_id
