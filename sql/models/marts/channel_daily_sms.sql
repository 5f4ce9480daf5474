-- MART refresh: the sms rows of marts.channel_daily for one project and window, from
-- staging.sms_daily (GET /v2/sms/stats/application: every SMS of the day, in or out of campaigns).
-- SMS has no platform breakdown (platform 'all'). cost is the day's SMS cost as reported.
-- Only sms rows are written or removed.
-- Variables: project_id, from, to.
SELECT marts.merge_channel_daily(:'project_id'::bigint, 'sms', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT day, 'all' AS platform, sent, delivered, clicked, cost, rejected, chunks, unique_contacts
    FROM staging.sms_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
