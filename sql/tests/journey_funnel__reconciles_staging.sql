-- DATA TEST reconciliation: per journey and day (and span) of the refreshed window, the funnel's node count and
-- users, sent, opened and clicked totals equal staging.journey_nodes_daily's.
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT journey_id, day, days, count(*) AS nodes, coalesce(sum(users), 0) AS users, coalesce(sum(sent), 0) AS sent,
         sum(opened) AS opened, coalesce(sum(clicked), 0) AS clicked
  FROM staging.journey_nodes_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY journey_id, day, days
), m AS (
  SELECT journey_id, day, days, count(*) AS nodes, sum(users) AS users, sum(sent) AS sent, sum(opened) AS opened, sum(clicked) AS clicked
  FROM marts.journey_funnel
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY journey_id, day, days
)
SELECT coalesce(s.journey_id, m.journey_id) AS journey_id, coalesce(s.day, m.day) AS day,
       s.nodes AS staging_nodes, m.nodes AS mart_nodes, s.users AS staging_users, m.users AS mart_users,
       s.sent AS staging_sent, m.sent AS mart_sent, s.opened AS staging_opened, m.opened AS mart_opened,
       s.clicked AS staging_clicked, m.clicked AS mart_clicked
FROM s FULL JOIN m ON (m.journey_id, m.day, m.days) = (s.journey_id, s.day, s.days)
WHERE (s.nodes, s.users, s.sent, s.opened, s.clicked) IS DISTINCT FROM (m.nodes, m.users, m.sent, m.opened, m.clicked)
