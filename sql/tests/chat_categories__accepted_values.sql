-- DATA TEST accepted_values: category is a snake_case name (authentication, authentication_international,
-- marketing, marketing_lite, referral, service, utility, or a category WhatsApp adds later, which the
-- payload schema lets through on purpose) and its count is not negative.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, category, messages
FROM marts.chat_categories
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (category IS NULL OR category !~ '^[a-z][a-z0-9]*(_[a-z0-9]+)*$' OR messages < 0)
