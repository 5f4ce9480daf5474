-- DATA TEST accepted_values: the wallet rows of marts.channel_daily in the refreshed window use a platform of wallet
-- (apple, google) and leave the measures wallet does not have NULL (docs/adr/007).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform,
       num_nonnulls(sent, delivered, opened, clicked, bounced, unsubscribed, cost,
                    accepted, impressions, dismissed, rejected, chunks, unique_contacts, soft_bounced,
                    hard_bounced, spam_reports, blocked) AS foreign_measures
FROM marts.channel_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'wallet'
  AND (platform IS NULL OR platform NOT IN ('apple', 'google')
       OR num_nonnulls(sent, delivered, opened, clicked, bounced, unsubscribed, cost,
                       accepted, impressions, dismissed, rejected, chunks, unique_contacts, soft_bounced,
                       hard_bounced, spam_reports, blocked) > 0)
