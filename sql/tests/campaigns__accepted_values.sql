-- DATA TEST accepted_values: channel is one of the marts' channels (push, inapp, sms, email, chat,
-- wallet) and status one of the campaign statuses the list reports (lower-case).
-- Every row returned is a failure. Variables: project_id.
SELECT project_id, campaign_id, channel, status
FROM marts.campaigns
WHERE project_id = :'project_id'::bigint
  AND (channel IS NULL OR channel NOT IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet')
       OR status IS NULL OR status NOT IN ('draft', 'scheduled', 'active', 'sending', 'sent', 'paused', 'finished', 'stopped', 'cancelled', 'archived'))
