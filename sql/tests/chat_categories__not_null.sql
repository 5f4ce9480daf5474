-- DATA TEST not_null: marts.chat_categories rows of the refreshed window with a missing value.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, category, messages
FROM marts.chat_categories
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR category IS NULL OR messages IS NULL)
