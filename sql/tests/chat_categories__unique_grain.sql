-- DATA TEST unique: one marts.chat_categories row per (project, day, category), and no two rows of a
-- category whose spans (day .. day + days − 1; a month past the daily horizon, ADR 029) overlap: the
-- same messages would count twice. Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, category, count(*)::int AS copies
FROM marts.chat_categories
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, category
HAVING count(*) > 1
UNION ALL
SELECT a.project_id, a.day, a.category || ' overlaps ' || b.day, 2
FROM marts.chat_categories a
JOIN marts.chat_categories b
  ON b.project_id = a.project_id AND b.category = a.category AND b.day > a.day AND b.day < a.day + a.days
WHERE a.project_id = :'project_id'::bigint AND a.day BETWEEN :'from'::date - 31 AND :'to'::date
