-- DATA TEST accepted_values: the push rows of marts.channel_daily in the refreshed window use a platform of push
-- (android, ios, web) and leave the measures push does not have NULL (docs/adr/007).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform,
       num_nonnulls(opened, bounced, unsubscribed, cost, impressions, dismissed, rejected,
                    chunks, unique_contacts, soft_bounced, hard_bounced, spam_reports, blocked, passes_issued,
                    passes_installed, passes_uninstalled, pass_updates_sent) AS foreign_measures
FROM marts.channel_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'push'
  AND (platform IS NULL OR platform NOT IN ('android', 'ios', 'web')
       OR num_nonnulls(opened, bounced, unsubscribed, cost, impressions, dismissed, rejected,
                       chunks, unique_contacts, soft_bounced, hard_bounced, spam_reports, blocked, passes_issued,
                       passes_installed, passes_uninstalled, pass_updates_sent) > 0)
