-- MART refresh: the chat rows of marts.channel_daily (channel = 'chat', platform = 'all': the stats
-- are requested for channel=all) for one project and window, from staging.chat_stats_daily:
-- sent → sent, delivered → delivered, read → opened (a WhatsApp read receipt); clicked stays NULL.
-- Written through marts.merge_channel_daily, which can only replace rows of the channel it is given,
-- so no other channel's rows are touched; rows whose values are unchanged are left alone.
-- Variables: project_id, from, to.
SELECT marts.merge_channel_daily(
  :'project_id'::bigint, 'chat', :'from'::date, :'to'::date,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('day', day, 'platform', 'all', 'sent', sent, 'delivered', delivered, 'opened', read)
                             ORDER BY day), '[]'::jsonb)
   FROM staging.chat_stats_daily
   WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date)
) AS changed;
