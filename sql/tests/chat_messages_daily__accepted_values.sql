-- DATA TEST accepted_values: send_type is one of the export's sendTypes (input, operator, dialogflow,
-- agent_notification) and channel one of whatsapp, webapp (after normalisation); read never exceeds
-- delivered, nor delivered or fallbacks the messages. Every row returned is a failure.
-- Variables: project_id, from, to.
SELECT project_id, day, send_type, channel, messages, delivered, read, fallbacks
FROM marts.chat_messages_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (send_type IS NULL OR send_type NOT IN ('input', 'operator', 'dialogflow', 'agent_notification')
       OR channel IS NULL OR channel NOT IN ('whatsapp', 'webapp')
       OR fallbacks > messages OR delivered > messages OR read > delivered OR messages < 1)
