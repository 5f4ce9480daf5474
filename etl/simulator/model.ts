// The one place for every constant of the indigitall API simulator: endpoint table (paths, auth,
// pagination, window limits), error wording, auth and rate-limit settings, and every knob of the data
// model. "seen" items follow shared/indigitall-api.md and must stay faithful; everything marked
// "model" is our proposal and is meant to be changed here when real samples arrive (decision D14).

type Range = readonly [min: number, max: number];
/**
 * A rate of the model: drawn per row as typical × (1 ± noise), clamped to `range`, then applied to a
 * count (random.ts rateCount). `api` is the typical value for always-on (transactional) campaigns.
 */
export interface Rate {
  typical: number;
  noise: number;
  range: Range;
  api?: number;
}
type PerPlatform = Readonly<Record<'android' | 'ios' | 'web', number>>;
/** Weekday arrays are indexed Sunday = 0 … Saturday = 6. */
type Weekdays = readonly [number, number, number, number, number, number, number];

// ---------------------------------------------------------------------------------------------
// Endpoints.

export type EndpointName =
  | 'auth'
  | 'applications'
  | 'accountStats'
  | 'pushDateStats'
  | 'pushHeatmap'
  | 'devices'
  | 'campaigns'
  | 'campaignStats'
  | 'smsApplication'
  | 'smsCampaign'
  | 'emailApplication'
  | 'emailCampaign'
  | 'chatStats'
  | 'agentConversations'
  | 'agentStatus'
  | 'chatHistory'
  | 'journeys'
  | 'journeyStats'
  | 'inAppStats'
  | 'walletStats';

export interface EndpointSpec {
  method: 'GET' | 'POST';
  /** Express-style path template (`:id` = one path segment). */
  path: string;
  /** `any`: ServerKey or a login JWT; `jwt`: JWT only (a ServerKey gets the route 404); `none`. */
  auth: 'any' | 'jwt' | 'none';
  /** v1: `limit` required, `page` from 0; v2: `page` from 1, `limit` ≤ V2_MAX_LIMIT, lists in `data.<list>`. */
  pagination: 'v1' | 'v2' | 'none';
  /** v2 only: the key of the list inside `data`. */
  list?: 'sendings' | 'campaigns';
  /** Longest accepted dateFrom..dateTo window in days (inclusive); beyond it 403 `Operation forbidden, more N days`. */
  maxDays?: number;
  /** seen | claimed | model, as shared/indigitall-api.md classifies the endpoint. */
  source: string;
}

/** Every endpoint the simulator serves. The ETL should take paths and limits from here. */
export const ENDPOINTS: Readonly<Record<EndpointName, EndpointSpec>> = {
  auth: { method: 'POST', path: '/v1/auth', auth: 'none', pagination: 'none', source: 'seen' },
  applications: { method: 'GET', path: '/v1/application', auth: 'any', pagination: 'v1', source: 'seen' },
  accountStats: { method: 'GET', path: '/v1/application/stats', auth: 'any', pagination: 'v1', source: 'seen' },
  // daily ≤ 90 days (model), hourly ≤ 7 days (seen): see DATE_STATS_WINDOW_DAYS.
  pushDateStats: { method: 'GET', path: '/v1/application/:id/dateStats', auth: 'any', pagination: 'none', maxDays: 90, source: 'seen' },
  pushHeatmap: { method: 'GET', path: '/v1/application/:id/pushHeatmap', auth: 'any', pagination: 'none', source: 'claimed' },
  devices: { method: 'GET', path: '/v1/application/:id/stats/device', auth: 'any', pagination: 'none', maxDays: 7, source: 'seen path, model rows' },
  campaigns: { method: 'GET', path: '/v1/campaign', auth: 'any', pagination: 'v1', source: 'claimed' },
  campaignStats: { method: 'GET', path: '/v1/campaign/stats', auth: 'any', pagination: 'v1', source: 'model' },
  smsApplication: { method: 'GET', path: '/v2/sms/stats/application', auth: 'any', pagination: 'v2', list: 'sendings', maxDays: 99, source: 'claimed path, model rows' },
  smsCampaign: { method: 'GET', path: '/v2/sms/stats/campaign', auth: 'any', pagination: 'v2', list: 'campaigns', maxDays: 99, source: 'claimed path, model rows' },
  emailApplication: { method: 'GET', path: '/v2/email/stats/application', auth: 'any', pagination: 'v2', list: 'sendings', source: 'docs fields' },
  emailCampaign: { method: 'GET', path: '/v2/email/stats/campaign', auth: 'any', pagination: 'v2', list: 'campaigns', source: 'docs fields' },
  chatStats: { method: 'GET', path: '/v1/chat/stats', auth: 'jwt', pagination: 'none', maxDays: 90, source: 'model (JWT only and its 404 seen)' },
  agentConversations: { method: 'GET', path: '/v1/chat/agent/conversations', auth: 'jwt', pagination: 'v1', source: 'seen' },
  agentStatus: { method: 'GET', path: '/v1/chat/agent/status', auth: 'jwt', pagination: 'none', source: 'claimed' },
  chatHistory: { method: 'GET', path: '/v1/chat/history/csv', auth: 'jwt', pagination: 'v1', maxDays: 7, source: 'seen' },
  journeys: { method: 'GET', path: '/v1/journey', auth: 'any', pagination: 'none', source: 'model' },
  journeyStats: { method: 'GET', path: '/v1/journey/:id/stats', auth: 'any', pagination: 'none', source: 'model' },
  inAppStats: { method: 'GET', path: '/v1/inApp/stats', auth: 'any', pagination: 'none', source: 'model' },
  walletStats: { method: 'GET', path: '/v1/wallet/stats', auth: 'any', pagination: 'none', source: 'model' },
};

/** dateStats window limits per periodicity, in days inclusive (model; 7 days hourly is seen). */
export const DATE_STATS_WINDOW_DAYS = { hourly: 7, daily: 90 } as const;
/** Largest `limit` accepted by v1 lists (model). */
export const MAX_PAGE_LIMIT = 1000;
/** v2: largest `limit` (seen) and the default when `limit` is absent (model). */
export const V2_MAX_LIMIT = 1000;
export const V2_DEFAULT_LIMIT = 1000;
/** Default rate limit per Authorization header (model). */
export const DEFAULT_RATE_LIMIT = { perSecond: 10, burst: 20 } as const;
/** Lifetime of a login JWT in seconds (model). */
export const JWT_TTL_SECONDS = 3600;
/** Retry-After (seconds) of an injected 429 unless the fault says otherwise. */
export const FAULT_RETRY_AFTER_SECONDS = 1;
/** Default rename of the schema-drift fault (seen field → a plausible misspelling). */
export const FAULT_RENAME = { from: 'numDevicesSent', to: 'numDevicesSended' } as const;
/** Default new field of the schema-drift fault that keeps the payload valid. */
export const FAULT_ADD_FIELD = { field: 'numDevicesOpened', value: 0, beside: 'statsDate' } as const;

/** Every error wording in one place. */
export const MESSAGES = {
  required: (where: 'query' | 'body', prop: string) => `request/${where} must have required property '${prop}'`,
  integer: (prop: string) => `request/query/${prop} must be integer`,
  minimum: (prop: string, min: number) => `request/query/${prop} must be >= ${min}`,
  maximum: (prop: string, max: number) => `request/query/${prop} must be <= ${max}`,
  enumOf: (prop: string, values: readonly string[]) => `request/query/${prop} must be equal to one of the allowed values: ${values.join(', ')}`,
  bodyString: (prop: string) => `request/body/${prop} must be string`,
  paramInteger: (prop: string) => `request/params/${prop} must be integer`,
  periodicity: 'periodicity should be equal to one of: hourly, daily',
  datesInvalid: 'One or both dates are invalid',
  unauthorized: 'Access token is not valid',
  badCredentials: 'Invalid credentials',
  forbidden: 'Operation forbidden',
  window: (days: number) => `Operation forbidden, more ${days} days`,
  appNotFound: 'Application not found',
  journeyNotFound: 'Journey not found',
  routeNotFound: (method: string, url: string) => `Route ${method}:${url} not found`,
  tooManyRequests: 'Too many requests',
  internal: 'Internal server error',
} as const;

/** HTTP reason phrases used in the `error` field of error bodies. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

// ---------------------------------------------------------------------------------------------
// Data model.

/** Seed of every PRNG stream (changing it changes every number the simulator serves). */
export const SEED = 'indigitall-sim-v1';

/** Every knob of the push model (unchanged since the walking skeleton: other tests compare its numbers). */
export const PUSH_MODEL = {
  seed: SEED,
  /** Date at which project.dailyAudience holds before growth is applied. */
  trendAnchor: '2026-01-01',
  /** New projects ramp up from rampUpStart × audience to full audience over rampUpDays. */
  rampUpDays: 30,
  rampUpStart: 0.3,
  weekdayFactor: [0.6, 1.0, 1.06, 1.02, 1.04, 0.95, 0.7],
  /** ± relative day-to-day noise of the total audience. */
  dailyNoise: 0.1,
  /** Some days carry a big campaign. */
  burstProbability: 0.06,
  burstFactor: [1.5, 2.2] as Range,
  /** ± relative noise of each platform's share. */
  platformNoise: 0.05,
  /** numDevicesSuccess ÷ numDevicesSent (accepted by FCM/APNs/web push). */
  successRate: { range: [0.93, 0.99] as Range, base: { android: 0.955, ios: 0.975, web: 0.945 } as PerPlatform, noise: 0.015 },
  /** numDevicesReceived ÷ numDevicesSuccess (confirmed by the SDK). */
  receivedRate: { range: [0.8, 0.95] as Range, base: { android: 0.89, ios: 0.86, web: 0.83 } as PerPlatform, noise: 0.04 },
  /** CTR = numDevicesClicked ÷ numDevicesSent. */
  ctr: {
    range: [0.01, 0.08] as Range,
    platformFactor: { android: 1.0, ios: 1.15, web: 0.7 } as PerPlatform,
    weekdayFactor: [1.12, 0.97, 0.95, 0.97, 0.98, 1.02, 1.1],
    noise: 0.2,
  },
  /** Relative volume per local hour: night low, peaks late morning and evening. */
  hourProfile: [
    0.6, 0.35, 0.25, 0.2, 0.25, 0.5, 1.2, 2.4, 3.6, 4.8, 6.0, 7.0,
    6.6, 5.4, 4.6, 4.4, 4.8, 5.6, 6.8, 7.6, 7.8, 6.4, 4.2, 2.0,
  ],
  /** ± relative per-day jitter of each hour's weight. */
  hourJitter: 0.2,
  /** Relative CTR per local hour (evenings click more). */
  hourCtrFactor: [
    0.7, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 1.05, 1.1, 1.05, 1.0, 1.0,
    1.0, 1.05, 0.95, 0.95, 1.0, 1.05, 1.1, 1.2, 1.25, 1.25, 1.1, 0.85,
  ],
} as const;

/**
 * Late corrections (model, only when the `lateCorrections` option is on): the figures of the last
 * `factorPermille.length` local days, relative to `now`, are still growing. A metric listed below is
 * served as floor(final × factor / 1000), the factor indexed by the day's age (0 = the project's local
 * today). Older days are final. floor() is monotonic, so every ordering invariant survives.
 */
export const LATE_CORRECTIONS = {
  factorPermille: [820, 930, 980] as readonly number[],
  metrics: {
    push: ['numDevicesReceived', 'numDevicesClicked'],
    sms: ['numContactsDelivered', 'numContactsClicked'],
    email: ['numContactsOpened', 'numContactsClicked', 'numContactsSpammed', 'numContactsUnsubscribed'],
    inapp: ['numImpressions', 'numClicks', 'numDismissed'],
    wallet: ['numPassesInstalled', 'numPassesUninstalled'],
    chat: ['delivered', 'read'],
    devices: ['numDevicesActive'],
    journey: ['opened', 'clicked'],
  },
} as const;

/** Campaign schedule (model). Campaigns are drawn per 7-day block after the project's createdAt. */
export const CAMPAIGN_MODEL = {
  blockDays: 7,
  /** Campaigns created per 30 days when the project does not say (always-on campaigns not counted). */
  defaultPer30Days: 12,
  /** Channel mix of new campaigns, renormalised over the channels a project uses. */
  channelMix: { push: 0.45, email: 0.22, sms: 0.15, inapp: 0.12, wallet: 0.06 },
  /** Duration classes: probability and inclusive day range. */
  durations: [
    { p: 0.6, days: [1, 1] as Range },
    { p: 0.3, days: [2, 7] as Range },
    { p: 0.1, days: [14, 45] as Range },
  ],
  maxDurationDays: 45,
  /** A campaign is created 0..maxLeadDays days before it starts (never before the project). */
  maxLeadDays: 10,
  /** Relative size of a campaign (its weight against the always-on campaign and the others). */
  size: [0.3, 1.6] as Range,
  /** Share of a campaign's first-day volume it keeps on later days. */
  laterDayFactor: 0.55,
  /** ± relative day-to-day noise of a campaign's volume (SMS, email, in-app). */
  volumeNoise: 0.2,
  /** A push campaign's CTR relative to its day's CTR (drawn once per campaign). */
  pushCtrFactor: [0.6, 1.5] as Range,
  /** Push campaign kinds (account stats count them); always-on campaigns are kind `api`. */
  pushKinds: { standard: 0.78, welcome: 0.06, fidelity: 0.08, geofencing: 0.05, network: 0.03 },
  /** Weight (×1000 units) of the always-on API campaign in a day's push split. */
  pushApiWeight: 350,
  /** Always-on ("API / transactional") campaigns exist for these channels from the project's createdAt. */
  alwaysOn: ['push', 'sms', 'email'] as readonly string[],
  alwaysOnName: { push: 'Push API (transaccional)', sms: 'SMS API (transaccional)', email: 'Email transaccional' } as Readonly<Record<string, string>>,
  themes: [
    'Oferta flash', 'Rebajas de temporada', 'Novedades', 'Recordatorio', 'Fin de semana', 'Aviso importante',
    'Black Friday', 'Encuesta de satisfacción', 'Puntos y recompensas', 'Bienvenida', 'Reactivación', 'Lanzamiento',
  ] as readonly string[],
  /** Id layout: projectId × idStride + block × 100 + slot; always-on at alwaysOnBase + channel index; journey nodes at journeyBase. */
  idStride: 1_000_000,
  journeyBase: 990_000,
  alwaysOnBase: 999_900,
} as const;

/** Default per-channel volumes as a fraction of the project's push dailyAudience (model). */
export const CHANNEL_DEFAULTS = {
  sms: 0.12,
  email: 0.35,
  inapp: 0.08,
  wallet: 0.01,
  agentConversations: 0.002,
  botMessages: 0.012,
  agents: 8,
  smsPricePerChunk: 95, // 0.0095 per chunk
  emailOpenRate: 0.22,
} as const;

export const SMS_MODEL = {
  weekdayFactor: [0.55, 1.05, 1.05, 1.02, 1.04, 1.0, 0.7] as Weekdays,
  noise: 0.12,
  /** Share of the channel's daily volume carried by the always-on campaign. */
  alwaysOnShare: 0.6,
  campaignShare: 0.5,
  /** numContactsDelivered ÷ numContactsSent ("SMS delivery 90–99 %"); each project's typical value is drawn in projectDelivered. */
  deliveredRate: { typical: 0.955, noise: 0.03, range: [0.9, 0.99] } as Rate,
  projectDelivered: [0.93, 0.975] as Range,
  /** numContactsRejected ÷ (sent − delivered). */
  rejectedOfUndelivered: { typical: 0.55, noise: 0.4, range: [0.3, 0.8] } as Rate,
  /** (numChunks − sent) ÷ sent: extra segments of long messages. */
  extraChunks: { typical: 0.3, api: 0.1, noise: 0.6, range: [0.05, 0.6] } as Rate,
  /** numContactsClicked ÷ numContactsDelivered. */
  clickRate: { typical: 0.035, api: 0.01, noise: 0.5, range: [0.005, 0.08] } as Rate,
  /** numContactsUnique ÷ numContactsSent. */
  uniqueRate: { typical: 0.97, noise: 0.03, range: [0.92, 1.0] } as Rate,
} as const;

export const EMAIL_MODEL = {
  weekdayFactor: [0.4, 1.1, 1.12, 1.08, 1.1, 0.95, 0.45] as Weekdays,
  noise: 0.12,
  alwaysOnShare: 0.35,
  campaignShare: 0.9,
  /** Bounces and blocks ÷ sent; delivered = sent − hard − soft − blocked. */
  hardBounce: { typical: 0.005, noise: 0.5, range: [0.002, 0.01] } as Rate,
  softBounce: { typical: 0.01, noise: 0.5, range: [0.005, 0.02] } as Rate,
  blocked: { typical: 0.002, noise: 1, range: [0, 0.005] } as Rate,
  /** numContactsOpened ÷ numContactsDelivered ("opens 15–30 %"); the typical value is the project's emailOpenRate. */
  openRate: { typical: 0.22, noise: 0.15, range: [0.15, 0.3] } as Rate,
  /** numContactsClicked ÷ numContactsOpened (click-to-open). */
  clickToOpen: { typical: 0.16, noise: 0.4, range: [0.08, 0.3] } as Rate,
  spamRate: { typical: 0.0004, noise: 1, range: [0, 0.001] } as Rate,
  unsubscribeRate: { typical: 0.0025, noise: 0.5, range: [0.001, 0.005] } as Rate,
} as const;

export const INAPP_MODEL = {
  weekdayFactor: [1.05, 0.95, 0.95, 0.97, 1.0, 1.05, 1.1] as Weekdays,
  noise: 0.15,
  clickRate: { typical: 0.05, noise: 0.5, range: [0.02, 0.12] } as Rate,
  dismissRate: { typical: 0.38, noise: 0.3, range: [0.2, 0.6] } as Rate,
} as const;

export const WALLET_MODEL = {
  weekdayFactor: [0.9, 1.0, 1.0, 1.0, 1.05, 1.1, 0.95] as Weekdays,
  noise: 0.15,
  /** Extra issued passes per unit of running wallet-campaign size. */
  campaignBoost: 0.8,
  installedRate: { typical: 0.7, noise: 0.2, range: [0.55, 0.85] } as Rate,
  uninstalledRate: { typical: 0.03, noise: 0.5, range: [0.01, 0.06] } as Rate,
  /** Passes alive ≈ the wallet knob × growth × activeDays; updates sent per day = that × updateRate. */
  activeDays: 60,
  updateRate: { typical: 0.025, noise: 0.5, range: [0.01, 0.05] } as Rate,
} as const;

/** GET /v1/application/stats impacts (model): Σ dateStats numDevicesSent over these many local days up to today. */
export const ACCOUNT_STATS_MODEL = { todayDays: 1, lastWeekDays: 7, lastMonthDays: 30 } as const;

export const DEVICE_MODEL = {
  /** Registered devices ≈ dailyAudience × platform share × registeredPerAudience × growth. */
  registeredPerAudience: 1.3,
  newRate: { typical: 0.004, noise: 0.5, range: [0.002, 0.008] } as Rate,
  unregisteredRate: { typical: 0.0022, noise: 0.5, range: [0.001, 0.004] } as Rate,
  /** Active ÷ registered; the typical value is multiplied by activeWeekday. */
  activeRate: { typical: 0.32, noise: 0.15, range: [0.2, 0.45] } as Rate,
  activeWeekday: [0.85, 1.0, 1.02, 1.0, 1.02, 1.05, 0.9] as Weekdays,
  /** Share of `web` devices that are Safari (account stats split web into webpush and safari). */
  safariShareOfWeb: 0.2,
} as const;

export type ChatActor = 'agent' | 'dialogflow' | 'ai';
export type ChatChannel = 'whatsapp' | 'webapp';
export const CHAT_ACTORS: readonly ChatActor[] = ['agent', 'dialogflow', 'ai'];
export const CHAT_CHANNELS: readonly ChatChannel[] = ['whatsapp', 'webapp'];
export const CHAT_CATEGORIES = [
  'authentication', 'authenticationInternational', 'marketing', 'marketingLite', 'referral', 'service', 'utility',
] as const;
export type ChatCategory = (typeof CHAT_CATEGORIES)[number];
export const CHAT_SEND_TYPES = ['input', 'operator', 'dialogflow', 'agent_notification'] as const;

export const CHAT_MODEL = {
  weekdayFactor: [0.45, 1.08, 1.05, 1.03, 1.05, 1.0, 0.6] as Weekdays,
  noise: 0.15,
  /** Relative volume per local hour of contact messages / new conversations. */
  hourProfile: [
    0.1, 0.05, 0.03, 0.03, 0.05, 0.2, 0.8, 2.0, 4.0, 5.5, 6.0, 6.0,
    5.5, 5.0, 5.0, 5.2, 5.0, 4.6, 4.0, 3.4, 2.8, 2.0, 1.0, 0.4,
  ] as readonly number[],
  channelShare: { whatsapp: 0.85, webapp: 0.15 } as Readonly<Record<ChatChannel, number>>,
  /** Bot messages split between Dialogflow and the AI agent. */
  botActorShare: { dialogflow: 0.7, ai: 0.3 } as Readonly<Record<'dialogflow' | 'ai', number>>,
  /** delivered ÷ sent and read ÷ delivered (webapp messages are always delivered). */
  deliveredRate: { typical: 0.98, noise: 0.015, range: [0.95, 0.995] } as Rate,
  readRate: { typical: 0.75, noise: 0.15, range: [0.6, 0.9] } as Rate,
  /** ± relative noise of the category weights per day, and of each hour's weight when picking the peak minute. */
  categoryNoise: 0.3,
  peakNoise: 0.3,
  /** WhatsApp pricing categories of sent messages per actor (weights); webapp is all `service`. */
  categoryWeights: {
    agent: { authentication: 0, authenticationInternational: 0, marketing: 2, marketingLite: 0, referral: 1, service: 85, utility: 12 },
    dialogflow: { authentication: 10, authenticationInternational: 1, marketing: 3, marketingLite: 1, referral: 2, service: 70, utility: 13 },
    ai: { authentication: 0, authenticationInternational: 0, marketing: 8, marketingLite: 4, referral: 3, service: 75, utility: 10 },
  } as Readonly<Record<ChatActor, Readonly<Record<ChatCategory, number>>>>,
  /** Conversations reach the agent queue only inside service hours (local minutes). */
  serviceHours: [7 * 60, 21 * 60] as Range,
  /** A conversation never runs past this local minute (so every message stays on its local day). */
  dayEndMinute: 23 * 60 + 59,
  abandonRate: 0.06,
  /** Abandoned conversations are closed by the queue timeout after this many seconds. */
  queueTimeoutSeconds: 1800,
  /** Queue wait (s): exponential with this mean, clamped. */
  waitMeanSeconds: 150,
  waitSeconds: [5, 2700] as Range,
  /** Handling time (s): min + exponential with this mean, clamped. */
  handleMinSeconds: 180,
  handleMeanSeconds: 600,
  handleMaxSeconds: 7200,
  transferRate: 0.08,
  /** A transfer hands over after this share of the handling time; the next agent picks up after transferWaitSeconds. */
  transferAt: 0.4,
  transferWaitSeconds: [5, 120] as Range,
  /** Operator messages ≈ 2 + handling seconds ÷ this (capped); the contact writes about as many. */
  secondsPerOperatorMessage: 100,
  maxOperatorMessages: 40,
  closeReasons: { resolved: 0.8, contact_inactive: 0.2 } as Readonly<Record<string, number>>,
  /** Agent shifts (local minutes); agent i gets shifts[i % 3]; agents with i % 2 === 0 also work weekends. */
  shifts: [
    [7 * 60, 15 * 60],
    [13 * 60, 22 * 60],
    [9 * 60, 18 * 60],
  ] as readonly Range[],
  /** Share of Dialogflow answers that are the fallback intent. */
  fallbackRate: [0.05, 0.15] as Range,
  intents: ['saludo', 'consulta.saldo', 'horario.atencion', 'estado.pedido', 'cambio.contrasena', 'hablar.agente', 'promociones'] as readonly string[],
  fallbackIntent: 'Default Fallback Intent',
} as const;

/** Texts of the chat model: agent names, contacts' profile names, message contents and content types. */
export const CHAT_TEXT = {
  firstNames: ['Ana', 'Luis', 'Carmen', 'Jorge', 'Lucía', 'Mateo', 'Sofía', 'Diego', 'Valentina', 'Andrés', 'Paula', 'Javier', 'Camila', 'Tomás', 'Elena', 'Raúl'],
  lastNames: ['García', 'Rodríguez', 'López', 'Martínez', 'Pérez', 'Gómez', 'Díaz', 'Torres', 'Ramírez', 'Vargas', 'Castro', 'Rojas', 'Morales', 'Herrera'],
  profiles: ['María G.', 'Juan Pablo', 'Caro 🌸', 'Pedro R', 'Fer', 'Alejandra M.', 'Daniel', 'Isa', 'Marcos "Toto" V.', 'Laura, P.', 'Gabriel', 'Natalia', 'Rubén', 'Vero'],
  /** Message contents per kind (some carry commas, quotes and line breaks so CSV quoting is exercised). */
  content: {
    input: ['Hola', 'Necesito ayuda con mi cuenta', 'No me llega el código, ¿qué hago?', '¿Cuál es el horario?', 'Gracias!!', 'Quiero hablar con una persona', 'Mi pedido "123-A" no ha llegado', 'ok'],
    operator: ['Hola, soy tu asesor. ¿En qué puedo ayudarte?', 'Déjame revisarlo, un momento por favor.', 'Listo, ya quedó solucionado.', 'Te envío el enlace: https://example.com/ayuda', '¿Algo más en lo que pueda ayudarte?', 'Línea 1\nLínea 2: detalle, con coma'],
    dialogflow: ['¡Hola! ¿En qué te ayudo?', 'Tu saldo está disponible en la app.', 'Nuestro horario es de 8:00 a 20:00.', 'Te paso con un agente.'],
    ai: ['Claro, te explico: el cargo corresponde a tu compra del día 3.', 'He revisado tu pedido y llegará mañana.', 'Puedo ayudarte con "devoluciones", cambios o facturas.'],
  },
  fallbackAnswer: 'No te he entendido, ¿puedes repetirlo?',
  assigned: (agentName: string) => `Conversación asignada a ${agentName}`,
  contentTypes: {
    input: { text: 80, image: 10, audio: 10 },
    operator: { text: 85, image: 8, document: 4, template: 3 },
    dialogflow: { text: 70, interactive: 30 },
  },
} as const;

export const JOURNEY_MODEL = {
  /** Journeys per project: min + (hash of the id mod spread). */
  count: { min: 2, spread: 3 },
  /** Journey j starts createdAt + (j − 1) × startEveryDays; even journeys end after endAfterDays (range). */
  startEveryDays: 45,
  endAfterDays: [120, 400] as Range,
  nodes: [2, 5] as Range,
  /** Users entering per day ≈ dailyAudience × entryRate × weekday × (1 ± entryNoise). */
  entryRate: [0.002, 0.01] as Range,
  entryNoise: 0.2,
  weekdayFactor: [0.6, 1.05, 1.08, 1.05, 1.05, 0.95, 0.65] as Weekdays,
  /** Share of a step's users reaching the next node (per journey), ± retentionNoise per day. */
  retention: [0.55, 0.9] as Range,
  retentionNoise: 0.05,
  /** sent ÷ users reaching the node. */
  deliverability: { typical: 0.95, noise: 0.03, range: [0.9, 0.99] } as Rate,
  /** clicked ÷ sent per node type (email nodes use EMAIL_MODEL.openRate and clickToOpen). */
  clickRate: {
    push: { typical: 0.045, noise: 0.5, range: [0.01, 0.08] },
    sms: { typical: 0.045, noise: 0.5, range: [0.01, 0.08] },
    inapp: { typical: 0.07, noise: 0.5, range: [0.02, 0.12] },
  } as Readonly<Record<string, Rate>>,
  nodeChannels: ['push', 'email', 'sms', 'inapp'] as readonly string[],
  names: ['Onboarding', 'Carrito abandonado', 'Reactivación', 'Cumpleaños', 'Post-compra', 'Upgrade premium'] as readonly string[],
} as const;

/** Synthetic projects (scale knob): id base and the zones they cycle through. */
export const SYNTHETIC_MODEL = {
  idBase: 200_000,
  timeZones: [
    'America/Bogota', 'Europe/Madrid', 'America/Mexico_City', 'America/Lima', 'America/Santiago',
    'America/Argentina/Buenos_Aires', 'America/Sao_Paulo', 'Europe/Lisbon', 'Atlantic/Canary', 'America/New_York',
    'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Sydney', 'Pacific/Auckland', 'UTC',
  ] as readonly string[],
  /** dailyAudience is log-uniform in this range. */
  audience: [2_000, 250_000] as Range,
  ctr: [0.015, 0.06] as Range,
  growth: [-0.05, 0.3] as Range,
  nameWords: ['Banco', 'Moda', 'Viajes', 'Seguros', 'Energía', 'Salud', 'Retail', 'Telco', 'Fintech', 'Hogar', 'Motor', 'Ocio'] as readonly string[],
  nameSuffixes: ['Norte', 'Sur', 'Central', 'Plus', 'Digital', 'Express', 'Global', 'Andina', 'Atlántica', 'Pacífico'] as readonly string[],
} as const;
