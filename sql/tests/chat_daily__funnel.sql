-- DATA TEST funnel: WhatsApp delivery receipts never exceed what was sent, nor read receipts what
-- was delivered. Each count alone passes the payload schema; a row breaking this means the upstream
-- figures are inconsistent. Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, sent, delivered, read
FROM marts.chat_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (delivered > sent OR read > delivered)
