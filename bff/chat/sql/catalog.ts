/**
 * What run_sql may read: the views of schema `assistant` (sql/migrations/0019_assistant_views.sql),
 * with their columns, for the guard's allow-list and for the model's system prompt. A test checks
 * this list against the database, so the two cannot drift apart.
 */

export interface AssistantView {
  name: string;
  about: string;
  columns: string[];
}

export const ASSISTANT_VIEWS: readonly AssistantView[] = [
  {
    name: 'channel_daily',
    about: 'daily totals per channel (push, inapp, sms, email, chat, wallet) and platform (android/ios/web, apple/google, all); NULL where a channel has no such figure',
    columns: ['day', 'channel', 'platform', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed', 'cost', 'accepted', 'impressions', 'dismissed', 'rejected', 'sms_parts', 'unique_contacts', 'soft_bounced', 'hard_bounced', 'spam_reports', 'blocked', 'passes_issued', 'passes_installed', 'passes_uninstalled', 'pass_updates_sent'],
  },
  {
    name: 'campaign_daily',
    about: 'campaign performance per day and platform (names in campaigns)',
    columns: ['day', 'channel', 'campaign_id', 'platform', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed', 'cost', 'accepted', 'errors', 'impressions', 'dismissed', 'rejected', 'sms_parts', 'unique_contacts', 'soft_bounced', 'hard_bounced', 'spam_reports', 'blocked'],
  },
  {
    name: 'campaign_totals',
    about: 'one row per campaign: totals over every loaded day (first_day .. last_day)',
    columns: ['channel', 'campaign_id', 'first_day', 'last_day', 'days', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed', 'cost', 'accepted', 'errors', 'impressions', 'dismissed', 'rejected', 'sms_parts', 'soft_bounced', 'hard_bounced', 'spam_reports', 'blocked'],
  },
  {
    name: 'campaigns',
    about: 'campaign configuration; join on campaign_id',
    columns: ['campaign_id', 'name', 'channel', 'status', 'created_at', 'created_day', 'removed_on'],
  },
  {
    name: 'push_hourly',
    about: 'push per local day, hour (0-23) and platform; CTR = sum(clicked) / sum(sent)',
    columns: ['day', 'hour', 'platform', 'hour_start_utc', 'sent', 'accepted', 'delivered', 'clicked'],
  },
  {
    name: 'devices_daily',
    about: 'devices per day and platform; active_devices is a distinct count of the day (average it, never sum it across days)',
    columns: ['day', 'platform', 'new_devices', 'active_devices', 'unregistered_devices'],
  },
  {
    name: 'chat_daily',
    about: 'WhatsApp/chat totals per day',
    columns: ['day', 'sent', 'delivered', 'read', 'total_messages', 'peak_minute_utc'],
  },
  {
    name: 'chat_messages_daily',
    about: 'chat messages per day, send_type (input, operator, dialogflow, agent_notification) and channel (whatsapp, webapp); bot fallback rate = sum(fallbacks) / sum(messages) where send_type = dialogflow',
    columns: ['day', 'send_type', 'channel', 'messages', 'delivered', 'read', 'fallbacks', 'fallback_rate'],
  },
  {
    name: 'chat_categories',
    about: 'sent WhatsApp messages per pricing category from day over days days (1 = that day; older history is one row per calendar month: never spread it over days)',
    columns: ['day', 'category', 'messages', 'days'],
  },
  {
    name: 'agent_daily',
    about: 'per agent and day of queueing; a period average = sum_seconds_* / assigned (or closed); medians do not combine',
    columns: ['day', 'agent_id', 'agent_email', 'conversations', 'assigned', 'closed', 'transfers_in', 'sum_seconds_to_assign', 'avg_seconds_to_assign', 'median_seconds_to_assign', 'sum_seconds_to_close', 'avg_seconds_to_close', 'median_seconds_to_close'],
  },
  {
    name: 'agent_team_daily',
    about: 'the whole agent team per day and channel, including sessions no agent took',
    columns: ['day', 'channel', 'conversations', 'sessions', 'assigned', 'closed', 'unassigned', 'sum_seconds_to_assign', 'avg_seconds_to_assign', 'median_seconds_to_assign', 'sum_seconds_to_close', 'avg_seconds_to_close', 'median_seconds_to_close'],
  },
  {
    name: 'agents_now',
    about: 'agents active at the last snapshot',
    columns: ['day', 'active_agents'],
  },
  {
    name: 'journeys',
    about: 'customer journeys; join on journey_id',
    columns: ['journey_id', 'name', 'status', 'created_at', 'created_day', 'removed_on'],
  },
  {
    name: 'journey_funnel',
    about: "journey node funnel from day over days days (1 = that day; older history is one row per calendar month: never spread it over days); a period's CTR = sum(clicked) / sum(sent)",
    columns: ['day', 'journey_id', 'node_id', 'position', 'users', 'sent', 'opened', 'clicked', 'ctr', 'campaign_id', 'campaign_name', 'campaign_type', 'platforms', 'days'],
  },
];

export const ASSISTANT_VIEW_NAMES: ReadonlySet<string> = new Set(ASSISTANT_VIEWS.map((v) => v.name));

/** Where a relation the model may have seen elsewhere lives for run_sql. */
const SUGGESTIONS: Record<string, string> = {
  push_daily: 'channel_daily',
  agent_conversations_daily: 'agent_team_daily',
};

/** The assistant view to point at when `name` is refused (a mart's own name, or a known alias). */
export function suggestView(name: string): string | undefined {
  if (ASSISTANT_VIEW_NAMES.has(name)) return name;
  return SUGGESTIONS[name];
}

/** The views as the model's system prompt lists them. */
export function describeAssistantViews(): string {
  return ASSISTANT_VIEWS.map((v) => `assistant.${v.name}(${v.columns.join(', ')}): ${v.about}`).join('\n');
}
