-- MART refresh: the push rows of marts.channel_daily for one project and window, from
-- staging.push_daily (dateStats, daily). delivered = numDevicesReceived and accepted =
-- numDevicesSuccess (docs/adr/003); push has no "opened". Only push rows are written or removed.
-- Variables: project_id, from, to.
SELECT marts.merge_channel_daily(:'project_id'::bigint, 'push', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT day, platform, sent, received AS delivered, clicked, success AS accepted
    FROM staging.push_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
