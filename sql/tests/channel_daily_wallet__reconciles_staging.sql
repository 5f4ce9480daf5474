-- DATA TEST reconciliation: every wallet row of marts.channel_daily in the refreshed window equals
-- staging.wallet_daily mapped as marts/channel_daily_wallet.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, platform,
         sum(issued)::bigint AS passes_issued, sum(installed)::bigint AS passes_installed, sum(uninstalled)::bigint AS passes_uninstalled,
         sum(updates_sent)::bigint AS pass_updates_sent
  FROM staging.wallet_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day, platform
), m AS (
  SELECT day, platform, passes_issued, passes_installed, passes_uninstalled, pass_updates_sent
  FROM marts.channel_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'wallet'
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.platform = s.platform
WHERE (s.passes_issued, s.passes_installed, s.passes_uninstalled, s.pass_updates_sent)
      IS DISTINCT FROM (m.passes_issued, m.passes_installed, m.passes_uninstalled, m.pass_updates_sent)
