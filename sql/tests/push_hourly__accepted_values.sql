-- DATA TEST accepted_values: platform is one of android, ios, web; hour is a local hour 0..23 whose
-- start (hour_start_utc) falls on that local day and hour of the project's time zone, give or take
-- the hour a daylight-saving change skips; no count is negative.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT m.project_id, m.day, m.hour, m.platform, m.hour_start_utc
FROM marts.push_hourly m
LEFT JOIN app.projects p ON p.project_id = m.project_id
WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
  AND (m.platform NOT IN ('android', 'ios', 'web') OR m.hour NOT BETWEEN 0 AND 23
       OR abs(extract(epoch FROM (m.hour_start_utc AT TIME ZONE p.time_zone) - (m.day + make_interval(hours => m.hour)))) > 3600
       OR least(m.sent, m.success, m.received, m.clicked) < 0)
