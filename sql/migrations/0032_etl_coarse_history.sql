-- Coarse history of the endpoints that answer only window totals (docs/adr/029): journey stats and
-- the window figures of /v1/chat/stats (categories, totalMessages, peakMinuteUtc) are asked one day at
-- a time for the last DAILY_HORIZON_DAYS days of a sync or backfill, and once per calendar month
-- before. A row of such a month keeps the month's totals as they are: `day` is the first day of its
-- request window and `days` the number of days it spans (1 = a daily figure). Readers never spread a
-- span over its days: a period counts a row only when its whole span is inside the period.
-- The daily figures of /v1/chat/stats (daily[]: sent, delivered, read) stay daily at every age.
SET LOCAL ROLE ig_owner;

ALTER TABLE staging.journey_nodes_daily ADD COLUMN days integer NOT NULL DEFAULT 1 CHECK (days BETWEEN 1 AND 31);
ALTER TABLE marts.journey_funnel ADD COLUMN days integer NOT NULL DEFAULT 1 CHECK (days BETWEEN 1 AND 31);
ALTER TABLE staging.chat_stats_window ADD COLUMN days integer NOT NULL DEFAULT 1 CHECK (days BETWEEN 1 AND 31);
ALTER TABLE staging.chat_stats_categories ADD COLUMN days integer NOT NULL DEFAULT 1 CHECK (days BETWEEN 1 AND 31);
ALTER TABLE marts.chat_categories ADD COLUMN days integer NOT NULL DEFAULT 1 CHECK (days BETWEEN 1 AND 31);

COMMENT ON COLUMN marts.journey_funnel.days IS 'days the row spans from day (1 = daily; a calendar month past the daily horizon, docs/adr/029)';
COMMENT ON COLUMN marts.chat_categories.days IS 'days the row spans from day (1 = daily; a calendar month past the daily horizon, docs/adr/029)';

-- The assistant sees the span too (a column appended to its views).
CREATE OR REPLACE VIEW assistant.chat_categories WITH (security_invoker = true) AS
SELECT day, category, messages, days
FROM marts.chat_categories;
COMMENT ON VIEW assistant.chat_categories IS 'Sent WhatsApp messages per pricing category from day over days days (1 = daily; older rows span a calendar month)';

CREATE OR REPLACE VIEW assistant.journey_funnel WITH (security_invoker = true) AS
SELECT day, journey_id, node_id, position, users, sent, opened, clicked, ctr, campaign_id, campaign_name,
       campaign_type, platforms, days
FROM marts.journey_funnel;
COMMENT ON VIEW assistant.journey_funnel IS 'Journey node funnel from day over days days (1 = daily; older rows span a calendar month); a period''s CTR = sum(clicked) / sum(sent)';

GRANT SELECT (days) ON marts.chat_categories TO ig_assistant;
GRANT SELECT (days) ON marts.journey_funnel TO ig_assistant;
