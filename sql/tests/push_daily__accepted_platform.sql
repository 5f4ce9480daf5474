-- DATA TEST accepted_values: platform is one of android, ios, web (indigitall's platformGroup).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform
FROM marts.push_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND platform IS DISTINCT FROM 'android' AND platform IS DISTINCT FROM 'ios' AND platform IS DISTINCT FROM 'web'
