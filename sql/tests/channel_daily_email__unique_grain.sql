-- DATA TEST unique: one row of the email rows of marts.channel_daily per (day, platform) in the refreshed window.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, count(*)::int AS copies
FROM marts.channel_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'email'
GROUP BY project_id, day, platform
HAVING count(*) > 1
