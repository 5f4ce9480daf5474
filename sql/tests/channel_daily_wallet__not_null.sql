-- DATA TEST not_null: the wallet rows of marts.channel_daily in the refreshed window with a missing key or
-- a missing wallet measure (passes_issued, passes_installed, passes_uninstalled, pass_updates_sent).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, passes_issued, passes_installed, passes_uninstalled, pass_updates_sent
FROM marts.channel_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'wallet'
  AND (day IS NULL OR platform IS NULL OR passes_issued IS NULL OR passes_installed IS NULL OR passes_uninstalled IS NULL OR
       pass_updates_sent IS NULL)
