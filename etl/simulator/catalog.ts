// Demo catalogue of the indigitall statistics API simulator: the three demo projects (applications),
// their generator knobs, and the server-key model (which key may read which projects).
// Everything here is fixed data so that the simulator, the ETL tests and the demo agree on it.

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
}

/** Key that covers all demo projects, as an account-wide key may cover several projects. */
export const ACCOUNT_SERVER_KEY = '5b1f0c52-7a1e-4c39-9a0d-2f6e8b3c4d10';

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
  },
];

export const DEMO_PROJECTS: readonly SimProject[] = Object.freeze(PROJECTS.map((p) => Object.freeze(p)));

/** Server-key model for a set of projects: each project's own key covers it; the account key covers all. */
export function serverKeysFor(projects: readonly SimProject[]): Record<string, number[]> {
  const keys: Record<string, number[]> = {};
  for (const p of projects) (keys[p.serverKey.toLowerCase()] ??= []).push(p.id);
  keys[ACCOUNT_SERVER_KEY] = projects.map((p) => p.id);
  return keys;
}

/** server key (lower-case uuid) → ids of the projects it may read. */
export const SERVER_KEYS: Record<string, number[]> = serverKeysFor(DEMO_PROJECTS);

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
