-- DATA TEST not_null: the email rows of marts.campaign_daily in the refreshed window with a missing key or
-- a missing email measure (sent, delivered, opened, clicked, bounced, unsubscribed, soft_bounced, hard_bounced, spam_reports, blocked).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, campaign_id, day, platform, sent, delivered, opened, clicked, bounced, unsubscribed, soft_bounced, hard_bounced, spam_reports, blocked
FROM marts.campaign_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'email'
  AND (campaign_id IS NULL OR day IS NULL OR platform IS NULL OR sent IS NULL OR delivered IS NULL OR
       opened IS NULL OR clicked IS NULL OR bounced IS NULL OR unsubscribed IS NULL OR soft_bounced IS NULL OR
       hard_bounced IS NULL OR spam_reports IS NULL OR blocked IS NULL)
