-- MART refresh: marts.chat_daily for one project and window, from the /v1/chat/stats staging tables
-- (daily sent/delivered/read, and the one-day window figures totalMessages and peakMinuteUtc; a day
-- whose window figures exist only as a month's totals, past the daily horizon, has them NULL: ADR 029).
-- Same transaction as the staging load; only rows whose values differ are written.
-- Variables: project_id, from, to.
WITH cover AS (
  -- The days of a month's request window (past the daily horizon): its daily[] is the whole answer
  -- for them, so a day it does not list had nothing (as a one-day window with an empty daily[] says).
  SELECT DISTINCT w.project_id, g::date AS day
  FROM staging.chat_stats_window w CROSS JOIN LATERAL generate_series(w.day, w.day + w.days - 1, interval '1 day') AS g
  WHERE w.project_id = :'project_id'::bigint AND w.days > 1 AND w.day BETWEEN :'from'::date - 31 AND :'to'::date
    AND g::date BETWEEN :'from'::date AND :'to'::date
), src AS (
  SELECT coalesce(d.project_id, w.project_id, c.project_id) AS project_id, coalesce(d.day, w.day, c.day) AS day,
         coalesce(d.sent, 0) AS sent, coalesce(d.delivered, 0) AS delivered, coalesce(d.read, 0) AS read,
         w.total_messages, w.peak_minute_utc
  FROM (SELECT * FROM staging.chat_stats_daily
        WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date) d
  FULL JOIN (SELECT * FROM staging.chat_stats_window
             WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND days = 1) w
    ON w.day = d.day
  FULL JOIN cover c ON c.day = coalesce(d.day, w.day)
), upserted AS (
  INSERT INTO marts.chat_daily AS m (project_id, day, sent, delivered, read, total_messages, peak_minute_utc)
  SELECT project_id, day, sent, delivered, read, total_messages, peak_minute_utc FROM src
  ON CONFLICT (project_id, day) DO UPDATE
    SET sent = EXCLUDED.sent, delivered = EXCLUDED.delivered, read = EXCLUDED.read,
        total_messages = EXCLUDED.total_messages, peak_minute_utc = EXCLUDED.peak_minute_utc
    WHERE (m.sent, m.delivered, m.read, m.total_messages, m.peak_minute_utc)
          IS DISTINCT FROM (EXCLUDED.sent, EXCLUDED.delivered, EXCLUDED.read, EXCLUDED.total_messages, EXCLUDED.peak_minute_utc)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.chat_daily m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.day = m.day)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
