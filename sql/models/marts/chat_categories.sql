-- MART refresh: marts.chat_categories (WhatsApp conversation categories per local day; past the daily
-- horizon per calendar month: `days` > 1, docs/adr/029) for one project and window, from
-- staging.chat_stats_categories.
-- Same transaction as the staging load; only rows whose values differ are written.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, days, category, messages
  FROM staging.chat_stats_categories
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO marts.chat_categories AS m (project_id, day, days, category, messages)
  SELECT project_id, day, days, category, messages FROM src
  ON CONFLICT (project_id, day, category) DO UPDATE
    SET days = EXCLUDED.days, messages = EXCLUDED.messages
    WHERE (m.days, m.messages) IS DISTINCT FROM (EXCLUDED.days, EXCLUDED.messages)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.chat_categories m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE (src.day, src.category) = (m.day, m.category))
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
