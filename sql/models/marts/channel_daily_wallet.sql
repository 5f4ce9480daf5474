-- MART refresh: the wallet rows of marts.channel_daily for one project and window, from
-- staging.wallet_daily (GET /v1/wallet/stats), platform apple or google. Wallet figures live in
-- their own columns (passes_issued, passes_installed, passes_uninstalled, pass_updates_sent); the
-- common measures stay NULL. Only wallet rows are written or removed.
-- Variables: project_id, from, to.
SELECT marts.merge_channel_daily(:'project_id'::bigint, 'wallet', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT day, platform, issued AS passes_issued, installed AS passes_installed,
           uninstalled AS passes_uninstalled, updates_sent AS pass_updates_sent
    FROM staging.wallet_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
