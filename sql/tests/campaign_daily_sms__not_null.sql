-- DATA TEST not_null: the sms rows of marts.campaign_daily in the refreshed window with a missing key or
-- a missing sms measure (sent, delivered, clicked, cost, rejected, chunks, unique_contacts).
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, campaign_id, day, platform, sent, delivered, clicked, cost, rejected, chunks, unique_contacts
FROM marts.campaign_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'sms'
  AND (campaign_id IS NULL OR day IS NULL OR platform IS NULL OR sent IS NULL OR delivered IS NULL OR
       clicked IS NULL OR cost IS NULL OR rejected IS NULL OR chunks IS NULL OR unique_contacts IS NULL)
