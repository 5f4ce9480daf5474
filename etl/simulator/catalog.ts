// Demo catalogue of the indigitall statistics API simulator: the three demo projects (applications),
// their generator knobs, the server-key and login models (which key or login may read which projects),
// and syntheticProjects() for scale runs. Everything here is fixed data (or derived from a seed) so that
// the simulator, the ETL tests and the demo agree on it.

import { addDays, todayIn } from '../../lib/dates.js';
import { businessNow } from '../../lib/clock.js';
import { SYNTHETIC_MODEL } from './model.js';
import { at, between, hash32, intBetween, rng, uuidFrom } from './random.js';

export type PlatformGroup = 'android' | 'ios' | 'web';

export interface SimProject {
  /** indigitall applicationId = our project_id. */
  id: number;
  name: string;
  /** IANA zone; statsDate/statsHour are local dates/hours in this zone (model). */
  timeZone: string;
  /** YYYY-MM-DD; no statistics exist before this date. */
  createdAt: string;
  /** The project's own server key (uuid, lower case). */
  serverKey: string;
  androidEnabled: boolean;
  iosEnabled: boolean;
  webpushEnabled: boolean;
  chatEnabled: boolean;
  // ---- generator knobs (model) ----
  /** Typical weekday push devices sent, all platforms together, at the trend anchor date. */
  dailyAudience: number;
  /** Relative share of the audience per platform (only enabled platforms are used; renormalised). */
  platformShare: Record<PlatformGroup, number>;
  /** Typical click-through rate (clicked ÷ sent) before platform/weekday/noise factors. */
  ctr: number;
  /** Audience growth per year (0.1 = +10 %/year), applied around the trend anchor. */
  yearlyGrowth: number;
  /** Knobs of the other channels (model); absent ones default from dailyAudience (CHANNEL_DEFAULTS). */
  channels?: Partial<ChannelKnobs>;
  /** Login of `POST /v1/auth` covering this project only (chat endpoints need its JWT). */
  login?: Login;
}

/** Per-project volumes of the non-push channels (model). A volume of 0 means the channel is unused. */
export interface ChannelKnobs {
  /** Typical daily SMS contacts sent (all SMS campaigns together). */
  sms: number;
  /** Typical daily emails sent (all email campaigns together). */
  email: number;
  /** Typical daily in-app impressions of one running in-app campaign of size 1. */
  inapp: number;
  /** Typical daily wallet passes issued. */
  wallet: number;
  /** Typical weekday agent conversations (chat needs chatEnabled). */
  agentConversations: number;
  /** Typical weekday bot (Dialogflow + AI) messages sent. */
  botMessages: number;
  /** Size of the agent roster. */
  agents: number;
  /** Campaigns created per 30 days over all channels (always-on campaigns not counted). */
  campaignsPer30Days: number;
  /** SMS price per chunk in 1/10 000 of the currency unit (cost = chunks × price / 10 000). */
  smsPricePerChunk: number;
  /** Typical email open rate (opened ÷ delivered), kept within EMAIL_MODEL.openRate. */
  emailOpenRate: number;
}

export interface Login {
  mail: string;
  password: string;
}

/** Key that covers all demo projects, as an account-wide key may cover several projects. */
export const ACCOUNT_SERVER_KEY = '5b1f0c52-7a1e-4c39-9a0d-2f6e8b3c4d10';
/** Login (`POST /v1/auth`) that covers every project of the simulator, like the account key. */
export const ACCOUNT_LOGIN: Readonly<Login> = Object.freeze({ mail: 'analytics@insights-demo.example', password: 'demo-account-2026' });

const PROJECTS: SimProject[] = [
  {
    id: 100274,
    name: 'Banco Andino',
    timeZone: 'America/Bogota',
    createdAt: '2024-11-04',
    serverKey: '0c9a7e1d-3f42-4b8a-9c61-1d2e3f4a5b74',
    androidEnabled: true,
    iosEnabled: true,
    webpushEnabled: false,
    chatEnabled: true,
    dailyAudience: 40_000,
    platformShare: { android: 0.68, ios: 0.32, web: 0 },
    ctr: 0.022,
    yearlyGrowth: 0.08,
    channels: {
      sms: 9_000, email: 6_000, inapp: 1_500, wallet: 120, agentConversations: 90, botMessages: 700, agents: 14,
      campaignsPer30Days: 10, smsPricePerChunk: 110, emailOpenRate: 0.26,
    },
    login: { mail: 'bi@banco-andino.example', password: 'demo-banco-100274' },
  },
  {
    id: 100275,
    name: 'Moda Lumen',
    timeZone: 'Europe/Madrid',
    createdAt: '2024-11-12',
    serverKey: '7d3b2a90-58c4-4e1f-b2d7-6a9e0f1c2b75',
    androidEnabled: true,
    iosEnabled: true,
    webpushEnabled: true,
    chatEnabled: false,
    dailyAudience: 120_000,
    platformShare: { android: 0.52, ios: 0.33, web: 0.15 },
    ctr: 0.052,
    yearlyGrowth: 0.2,
    channels: {
      sms: 4_000, email: 45_000, inapp: 6_000, wallet: 300, agentConversations: 0, botMessages: 0, agents: 0,
      campaignsPer30Days: 24, smsPricePerChunk: 75, emailOpenRate: 0.19,
    },
    login: { mail: 'bi@moda-lumen.example', password: 'demo-moda-100275' },
  },
  {
    id: 100276,
    name: 'Viajes Sol',
    timeZone: 'America/Mexico_City',
    createdAt: '2024-11-19',
    serverKey: 'e4a81f6c-0b2d-4d7e-8f35-9c1a2b3d4e76',
    androidEnabled: true,
    iosEnabled: true,
    webpushEnabled: true,
    chatEnabled: true,
    dailyAudience: 15_000,
    platformShare: { android: 0.6, ios: 0.25, web: 0.15 },
    ctr: 0.038,
    yearlyGrowth: 0.12,
    channels: {
      sms: 1_200, email: 5_000, inapp: 800, wallet: 250, agentConversations: 35, botMessages: 260, agents: 6,
      campaignsPer30Days: 8, smsPricePerChunk: 130, emailOpenRate: 0.24,
    },
    login: { mail: 'bi@viajes-sol.example', password: 'demo-viajes-100276' },
  },
];

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

export const DEMO_PROJECTS: readonly SimProject[] = Object.freeze(PROJECTS.map((p) => deepFreeze(p)));

/** Server-key model for a set of projects: each project's own key covers it; the account key covers all. */
export function serverKeysFor(projects: readonly SimProject[]): Record<string, number[]> {
  const keys: Record<string, number[]> = {};
  for (const p of projects) (keys[p.serverKey.toLowerCase()] ??= []).push(p.id);
  keys[ACCOUNT_SERVER_KEY] = projects.map((p) => p.id);
  return keys;
}

/** server key (lower-case uuid) → ids of the projects it may read. */
export const SERVER_KEYS: Record<string, number[]> = serverKeysFor(DEMO_PROJECTS);

/** Login model for a set of projects: each project's own login covers it; ACCOUNT_LOGIN covers all. */
export function loginsFor(projects: readonly SimProject[]): Record<string, { password: string; projectIds: number[] }> {
  const logins: Record<string, { password: string; projectIds: number[] }> = {};
  for (const p of projects) {
    if (!p.login) continue;
    const l = (logins[p.login.mail.toLowerCase()] ??= { password: p.login.password, projectIds: [] });
    l.projectIds.push(p.id);
  }
  logins[ACCOUNT_LOGIN.mail] = { password: ACCOUNT_LOGIN.password, projectIds: projects.map((p) => p.id) };
  return logins;
}

export function findProject(id: number, projects: readonly SimProject[] = DEMO_PROJECTS): SimProject | undefined {
  return projects.find((p) => p.id === id);
}

/** Platform groups a project has enabled, in API order (android, ios, web). */
export function enabledPlatforms(project: SimProject): PlatformGroup[] {
  const out: PlatformGroup[] = [];
  if (project.androidEnabled) out.push('android');
  if (project.iosEnabled) out.push('ios');
  if (project.webpushEnabled) out.push('web');
  return out;
}

export interface SyntheticOptions {
  /** Seed of the project knobs (names, zones, volumes); default 1. */
  seed?: number;
  /** Days of history: createdAt = (UTC today at `now`) − historyDays + 1; default 365. */
  historyDays?: number;
  /** Expected campaigns created during those historyDays (always-on campaigns not counted); default 40. */
  campaignsPerProject?: number;
  /** Clock for createdAt; default the real time (pass it for reproducible projects). */
  now?: Date;
}

/**
 * `n` synthetic projects for scale runs: ids from SYNTHETIC_MODEL.idBase (200000) upwards, varied time
 * zones, log-uniform volumes, platforms and channels. Same arguments → same projects.
 */
export function syntheticProjects(n: number, opts: SyntheticOptions = {}): SimProject[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`syntheticProjects needs a count >= 0, got ${n}`);
  const m = SYNTHETIC_MODEL;
  const seed = opts.seed ?? 1;
  const historyDays = opts.historyDays ?? 365;
  const campaigns = opts.campaignsPerProject ?? 40;
  if (!Number.isInteger(historyDays) || historyDays < 1) throw new RangeError(`historyDays must be >= 1, got ${historyDays}`);
  const createdAt = addDays(todayIn('UTC', opts.now ?? businessNow()), -(historyDays - 1));
  return Array.from({ length: n }, (_, i): SimProject => {
    const id = m.idBase + i;
    const r = rng('synthetic', seed, id);
    const audience = Math.round(Math.exp(between(r, [Math.log(m.audience[0]), Math.log(m.audience[1])])));
    const android = r() < 0.95;
    const ios = r() < 0.9 || !android;
    const web = r() < 0.4;
    const chat = r() < 0.45;
    const share = { android: android ? between(r, [0.45, 0.75]) : 0, ios: ios ? between(r, [0.2, 0.45]) : 0, web: web ? between(r, [0.05, 0.2]) : 0 };
    const uses = (p: number) => r() < p;
    const word = at(m.nameWords, intBetween(r, [0, m.nameWords.length - 1]));
    const suffix = at(m.nameSuffixes, intBetween(r, [0, m.nameSuffixes.length - 1]));
    return {
      id,
      name: `${word} ${suffix} ${String(i + 1).padStart(3, '0')}`,
      timeZone: at(m.timeZones, (i + (hash32(`tz|${seed}`) % m.timeZones.length)) % m.timeZones.length),
      createdAt,
      serverKey: uuidFrom('synthetic-key', seed, id),
      androidEnabled: android,
      iosEnabled: ios,
      webpushEnabled: web,
      chatEnabled: chat,
      dailyAudience: audience,
      platformShare: share,
      ctr: between(r, m.ctr),
      yearlyGrowth: between(r, m.growth),
      channels: {
        sms: uses(0.7) ? Math.round(audience * between(r, [0.03, 0.3])) : 0,
        email: uses(0.8) ? Math.round(audience * between(r, [0.1, 0.6])) : 0,
        inapp: uses(0.5) ? Math.round(audience * between(r, [0.02, 0.1])) : 0,
        wallet: uses(0.3) ? Math.round(audience * between(r, [0.002, 0.01])) : 0,
        agentConversations: chat ? Math.max(2, Math.round(audience * between(r, [0.0002, 0.0015]))) : 0,
        botMessages: chat ? Math.round(audience * between(r, [0.001, 0.008])) : 0,
        agents: chat ? intBetween(r, [3, 20]) : 0,
        campaignsPer30Days: (campaigns * 30) / historyDays,
        smsPricePerChunk: intBetween(r, [60, 140]),
        emailOpenRate: between(r, [0.16, 0.28]),
      },
      login: { mail: `bi+${id}@synthetic.example`, password: `demo-${seed}-${id}` },
    };
  });
}
