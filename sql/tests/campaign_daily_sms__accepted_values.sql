-- DATA TEST accepted_values: the sms rows of marts.campaign_daily in the refreshed window use a platform of sms
-- (all) and leave the measures sms does not have NULL (docs/adr/007).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, campaign_id, day, platform,
       num_nonnulls(opened, bounced, unsubscribed, accepted, errors, impressions, dismissed,
                    soft_bounced, hard_bounced, spam_reports, blocked) AS foreign_measures
FROM marts.campaign_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'sms'
  AND (platform IS NULL OR platform NOT IN ('all')
       OR num_nonnulls(opened, bounced, unsubscribed, accepted, errors, impressions, dismissed,
                       soft_bounced, hard_bounced, spam_reports, blocked) > 0)
