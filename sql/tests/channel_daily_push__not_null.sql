-- DATA TEST not_null: the push rows of marts.channel_daily in the refreshed window with a missing key or
-- a missing push measure (sent, delivered, clicked, accepted).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, sent, delivered, clicked, accepted
FROM marts.channel_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'push'
  AND (day IS NULL OR platform IS NULL OR sent IS NULL OR delivered IS NULL OR clicked IS NULL OR
       accepted IS NULL)
