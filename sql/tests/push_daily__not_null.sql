-- DATA TEST not_null: marts.push_daily rows of the refreshed window with a missing value.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, sent, success, received, clicked
FROM marts.push_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR platform IS NULL OR sent IS NULL OR success IS NULL OR received IS NULL OR clicked IS NULL)
