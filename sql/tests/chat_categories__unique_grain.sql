-- DATA TEST unique: one marts.chat_categories row per (project, day, category).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, category, count(*)::int AS copies
FROM marts.chat_categories
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, category
HAVING count(*) > 1
