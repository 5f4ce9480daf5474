-- DATA TEST reconciliation: for each day of the refreshed window, the mart's totals equal the
-- staging totals (a day present on one side only counts as a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, count(*) AS rows, sum(sent) AS sent, sum(success) AS success, sum(received) AS received, sum(clicked) AS clicked
  FROM staging.push_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
), m AS (
  SELECT day, count(*) AS rows, sum(sent) AS sent, sum(success) AS success, sum(received) AS received, sum(clicked) AS clicked
  FROM marts.push_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
)
SELECT coalesce(s.day, m.day) AS day,
       s.rows AS staging_rows, m.rows AS mart_rows,
       s.sent AS staging_sent, m.sent AS mart_sent,
       s.success AS staging_success, m.success AS mart_success,
       s.received AS staging_received, m.received AS mart_received,
       s.clicked AS staging_clicked, m.clicked AS mart_clicked
FROM s FULL JOIN m ON m.day = s.day
WHERE (s.rows, s.sent, s.success, s.received, s.clicked) IS DISTINCT FROM (m.rows, m.sent, m.success, m.received, m.clicked)
