-- DATA TEST accepted_values: a node's campaign type is one of the campaign channels (push, inapp, sms,
-- email, chat, wallet); clicks never exceed sends, nor opens sends; the CTR is clicked ÷ sent.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, journey_id, day, node_id, campaign_type, sent, opened, clicked, ctr
FROM marts.journey_funnel
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND ((campaign_type IS NOT NULL AND campaign_type NOT IN ('push', 'inapp', 'sms', 'email', 'chat', 'wallet'))
       OR clicked > sent OR opened > sent
       OR ctr IS DISTINCT FROM round(clicked::numeric / nullif(sent, 0), 6))
