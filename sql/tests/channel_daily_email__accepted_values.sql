-- DATA TEST accepted_values: the email rows of marts.channel_daily in the refreshed window use a platform of email
-- (all) and leave the measures email does not have NULL (docs/adr/007).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform,
       num_nonnulls(cost, accepted, impressions, dismissed, rejected, chunks, unique_contacts,
                    passes_issued, passes_installed, passes_uninstalled, pass_updates_sent) AS foreign_measures
FROM marts.channel_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'email'
  AND (platform IS NULL OR platform NOT IN ('all')
       OR num_nonnulls(cost, accepted, impressions, dismissed, rejected, chunks, unique_contacts,
                       passes_issued, passes_installed, passes_uninstalled, pass_updates_sent) > 0)
