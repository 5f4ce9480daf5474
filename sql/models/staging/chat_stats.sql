-- STAGING model: one GET /v1/chat/stats payload (data{totalMessages, peakMinuteUtc, categories{},
-- daily[]}) for its request window. daily[] has a row per day at any window length. The window
-- figures (totalMessages, peakMinuteUtc, categories) are totals of the window: the chat group asks one
-- local day per request within the daily horizon (docs/adr/008) and one calendar month before it
-- (docs/adr/029); they are stored dated the window's first day with `days` = its length, never spread
-- over days. A window over 31 days is refused.
-- Rows are written only when a value differs; rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to.
WITH guard AS (
  SELECT CASE WHEN :'to'::date - :'from'::date NOT BETWEEN 0 AND 30
    THEN staging.fail(format('chat stats: window %s..%s is not 1 to 31 days', :'from', :'to'))
    ELSE 0 END AS ok
), r AS (
  SELECT r.project_id, r.id AS raw_id, r.payload->'data' AS data
  FROM raw.api_responses r, guard
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint AND guard.ok = 0
), daily AS (
  SELECT r.project_id, (e->>'statsDate')::date AS day, (e->>'sent')::bigint AS sent,
         (e->>'delivered')::bigint AS delivered, (e->>'read')::bigint AS read, r.raw_id
  FROM r CROSS JOIN LATERAL jsonb_array_elements(r.data->'daily') AS e
  WHERE (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), win AS (
  SELECT r.project_id, :'from'::date AS day, (:'to'::date - :'from'::date + 1) AS days, (r.data->>'totalMessages')::bigint AS total_messages,
         staging.utc_ts(r.data->>'peakMinuteUtc') AS peak_minute_utc, r.raw_id
  FROM r
), cats AS (
  SELECT r.project_id, :'from'::date AS day, (:'to'::date - :'from'::date + 1) AS days, staging.snake_case(c.key) AS category, (c.value #>> '{}')::bigint AS messages, r.raw_id
  FROM r CROSS JOIN LATERAL jsonb_each(coalesce(r.data->'categories', '{}'::jsonb)) AS c
), daily_up AS (
  INSERT INTO staging.chat_stats_daily AS s (project_id, day, sent, delivered, read, raw_id)
  SELECT project_id, day, sent, delivered, read, raw_id FROM daily
  ON CONFLICT (project_id, day) DO UPDATE
    SET sent = EXCLUDED.sent, delivered = EXCLUDED.delivered, read = EXCLUDED.read, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.sent, s.delivered, s.read, s.raw_id) IS DISTINCT FROM (EXCLUDED.sent, EXCLUDED.delivered, EXCLUDED.read, EXCLUDED.raw_id)
  RETURNING 1
), daily_del AS (
  DELETE FROM staging.chat_stats_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM daily WHERE daily.day = s.day)
  RETURNING 1
), win_up AS (
  INSERT INTO staging.chat_stats_window AS s (project_id, day, days, total_messages, peak_minute_utc, raw_id)
  SELECT project_id, day, days, total_messages, peak_minute_utc, raw_id FROM win
  ON CONFLICT (project_id, day) DO UPDATE
    SET days = EXCLUDED.days, total_messages = EXCLUDED.total_messages, peak_minute_utc = EXCLUDED.peak_minute_utc, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.days, s.total_messages, s.peak_minute_utc, s.raw_id) IS DISTINCT FROM (EXCLUDED.days, EXCLUDED.total_messages, EXCLUDED.peak_minute_utc, EXCLUDED.raw_id)
  RETURNING 1
), win_del AS (
  -- Window figures of other days of the window (an earlier grain of the same days).
  DELETE FROM staging.chat_stats_window s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date + 1 AND :'to'::date
  RETURNING 1
), cats_up AS (
  INSERT INTO staging.chat_stats_categories AS s (project_id, day, days, category, messages, raw_id)
  SELECT project_id, day, days, category, messages, raw_id FROM cats
  ON CONFLICT (project_id, day, category) DO UPDATE
    SET days = EXCLUDED.days, messages = EXCLUDED.messages, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.days, s.messages, s.raw_id) IS DISTINCT FROM (EXCLUDED.days, EXCLUDED.messages, EXCLUDED.raw_id)
  RETURNING 1
), cats_del AS (
  DELETE FROM staging.chat_stats_categories s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM cats WHERE cats.day = s.day AND cats.category = s.category)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM daily_up) + (SELECT count(*) FROM daily_del) + (SELECT count(*) FROM win_up) + (SELECT count(*) FROM win_del)
      + (SELECT count(*) FROM cats_up) + (SELECT count(*) FROM cats_del))::int AS changed;
