-- DATA TEST funnel: no step of the push funnel counts more devices than were sent to
-- (success = accepted by FCM/APNs, received = confirmed by the SDK, clicked). Each count alone
-- passes the payload schema; a row breaking the funnel means the upstream figures are inconsistent.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, sent, success, received, clicked
FROM marts.push_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (success > sent OR received > sent OR clicked > sent)
