-- DATA TEST reconciliation: per day and category of the refreshed window, marts.chat_categories equals
-- staging.chat_stats_categories (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, days, category, messages FROM staging.chat_stats_categories
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), m AS (
  SELECT day, days, category, messages FROM marts.chat_categories
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.category, m.category) AS category,
       s.messages AS staging_messages, m.messages AS mart_messages
FROM s FULL JOIN m ON (m.day, m.category) = (s.day, s.category)
WHERE (s.days, s.messages) IS DISTINCT FROM (m.days, m.messages)
