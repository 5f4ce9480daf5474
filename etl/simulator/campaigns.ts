// Campaigns and journeys of a simulated project (model): a pure, seeded schedule of campaigns that
// start and end, one always-on ("API / transactional") campaign per push, SMS and email channel, and a
// few journeys whose nodes are campaigns of their own. Also the per-project channel knobs and the
// growth curve the non-push channels share.

import { addDays, daysBetween, todayIn } from './days.js';
import { enabledPlatforms, type ChannelKnobs, type SimProject } from './catalog.js';
import { lru, memo, projectKey } from './memo.js';
import { CAMPAIGN_MODEL, CHANNEL_DEFAULTS, JOURNEY_MODEL, PUSH_MODEL } from './model.js';
import { at, between, hash32, intBetween, pick, rng } from './random.js';

export const CAMPAIGN_CHANNELS = ['push', 'sms', 'email', 'inapp', 'wallet'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export type CampaignStatus = 'scheduled' | 'active' | 'finished';
export type CampaignKind = 'standard' | 'welcome' | 'fidelity' | 'geofencing' | 'network' | 'api';

/** A campaign with its full schedule (the API's /v1/campaign shows only CampaignListRow). */
export interface SimCampaign {
  id: number;
  projectId: number;
  name: string;
  channel: CampaignChannel;
  createdAt: string;
  /** First local day with statistics. */
  start: string;
  /** Last local day with statistics; null = always on. */
  end: string | null;
  kind: CampaignKind;
  /** Relative weight against the other campaigns of the day. */
  size: number;
}

/** A row of GET /v1/campaign (field names from shared/indigitall-api.md). */
export interface CampaignListRow {
  id: number;
  name: string;
  channel: CampaignChannel;
  createdAt: string;
  status: CampaignStatus;
}

// ---------------------------------------------------------------------------------------------
// Knobs and growth.

const knobCache = new WeakMap<SimProject, ChannelKnobs>();

/** The project's channel knobs with defaults filled in from its dailyAudience. */
export function channelKnobs(project: SimProject): ChannelKnobs {
  let k = knobCache.get(project);
  if (!k) {
    const d = CHANNEL_DEFAULTS;
    const a = project.dailyAudience;
    const chat = project.chatEnabled;
    k = {
      sms: Math.round(a * d.sms),
      email: Math.round(a * d.email),
      inapp: Math.round(a * d.inapp),
      wallet: Math.round(a * d.wallet),
      agentConversations: chat ? Math.max(1, Math.round(a * d.agentConversations)) : 0,
      botMessages: chat ? Math.round(a * d.botMessages) : 0,
      agents: chat ? d.agents : 0,
      campaignsPer30Days: CAMPAIGN_MODEL.defaultPer30Days,
      smsPricePerChunk: d.smsPricePerChunk,
      emailOpenRate: d.emailOpenRate,
      ...project.channels,
    };
    knobCache.set(project, k);
  }
  return k;
}

/** Whether a project uses a campaign channel at all. */
export function usesChannel(project: SimProject, channel: CampaignChannel): boolean {
  const k = channelKnobs(project);
  const app = project.androidEnabled || project.iosEnabled;
  switch (channel) {
    case 'push':
      return enabledPlatforms(project).length > 0;
    case 'sms':
      return k.sms > 0;
    case 'email':
      return k.email > 0;
    case 'inapp':
      return k.inapp > 0 && enabledPlatforms(project).length > 0;
    case 'wallet':
      return k.wallet > 0 && app;
  }
}

/** Ramp-up after createdAt × yearly trend around PUSH_MODEL.trendAnchor (the push curve without its noise). */
export function growth(project: SimProject, date: string): number {
  const m = PUSH_MODEL;
  const age = daysBetween(project.createdAt, date) - 1;
  const ramp = Math.min(1, m.rampUpStart + ((1 - m.rampUpStart) * age) / m.rampUpDays);
  const years = (daysBetween(m.trendAnchor, date) - 1) / 365.25;
  return ramp * Math.pow(1 + project.yearlyGrowth, years);
}

// ---------------------------------------------------------------------------------------------
// Campaign schedule.

const C = CAMPAIGN_MODEL;
/** Campaigns per (project, 7-day block), bounded by their number (see memo.ts). */
const blockCache = lru<SimCampaign[]>('campaignBlocks', 400_000, (cs) => cs.length);
/** projectCampaigns per (project, local today). */
const projectCampaignsCache = lru<readonly SimCampaign[]>('projectCampaigns', 2_000_000, (cs) => cs.length);

/** Index of the 7-day block after createdAt that `date` falls in (negative before createdAt). */
function blockOf(project: SimProject, date: string): number {
  return Math.floor((daysBetween(project.createdAt, date) - 1) / C.blockDays);
}

/** The campaigns (not always-on) that start within block k, in slot order. */
function blockCampaigns(project: SimProject, k: number): readonly SimCampaign[] {
  if (k < 0) return [];
  return memo(blockCache, `${projectKey(project)}|${k}`, () => generateBlock(project, k));
}

function generateBlock(project: SimProject, k: number): SimCampaign[] {
  const knobs = channelKnobs(project);
  const mix = Object.fromEntries(
    CAMPAIGN_CHANNELS.filter((c) => usesChannel(project, c)).map((c) => [c, C.channelMix[c]]),
  ) as Record<CampaignChannel, number>;
  const out: SimCampaign[] = [];
  if (Object.keys(mix).length > 0 && knobs.campaignsPer30Days > 0) {
    const perBlock = (knobs.campaignsPer30Days * C.blockDays) / 30;
    const phase = rng(project.id, 'campaign-phase')();
    const count = Math.min(99, Math.floor((k + 1) * perBlock + phase) - Math.floor(k * perBlock + phase));
    const blockStart = addDays(project.createdAt, k * C.blockDays);
    for (let slot = 0; slot < count; slot++) {
      const r = rng(project.id, 'campaign', k, slot);
      const channel = pick(r, mix);
      const start = addDays(blockStart, Math.floor(r() * C.blockDays));
      const cls = at(C.durations, drawClass(r()));
      const days = intBetween(r, cls.days);
      const lead = Math.floor(r() * (C.maxLeadDays + 1));
      const created = addDays(start, -lead);
      const kind: CampaignKind = channel === 'push' ? pick(r, C.pushKinds) : 'standard';
      const theme = at(C.themes, Math.floor(r() * C.themes.length));
      out.push({
        id: project.id * C.idStride + k * 100 + slot,
        projectId: project.id,
        name: `${theme} ${start}`,
        channel,
        createdAt: created < project.createdAt ? project.createdAt : created,
        start,
        end: addDays(start, days - 1),
        kind,
        size: Math.round(between(r, C.size) * 1000) / 1000,
      });
    }
  }
  return out;
}

function drawClass(x: number): number {
  let acc = 0;
  for (let i = 0; i < C.durations.length; i++) {
    acc += at(C.durations, i).p;
    if (x < acc) return i;
  }
  return C.durations.length - 1;
}

/** The always-on campaigns of a project (push, SMS and email when used). */
export function alwaysOnCampaigns(project: SimProject): SimCampaign[] {
  return CAMPAIGN_CHANNELS.filter((c) => C.alwaysOn.includes(c) && usesChannel(project, c)).map((channel) => ({
    id: project.id * C.idStride + C.alwaysOnBase + CAMPAIGN_CHANNELS.indexOf(channel),
    projectId: project.id,
    name: C.alwaysOnName[channel] ?? `${channel} API`,
    channel,
    createdAt: project.createdAt,
    start: project.createdAt,
    end: null,
    kind: 'api',
    size: 1,
  }));
}

/** Campaigns of `channel` with statistics on `date` (always-on first, then by id). */
export function campaignsRunning(project: SimProject, date: string, channel: CampaignChannel): SimCampaign[] {
  if (date < project.createdAt) return [];
  const out = alwaysOnCampaigns(project).filter((c) => c.channel === channel);
  const last = blockOf(project, date);
  const first = last - Math.ceil(C.maxDurationDays / C.blockDays) - 1;
  for (let k = Math.max(0, first); k <= last; k++) {
    for (const c of blockCampaigns(project, k)) {
      if (c.channel === channel && c.start <= date && (c.end === null || date <= c.end)) out.push(c);
    }
  }
  return out;
}

/** Every campaign created up to the project's local today at `now`, ordered by createdAt then id. */
export function projectCampaigns(project: SimProject, now: Date): SimCampaign[] {
  const today = todayIn(project.timeZone, now);
  return memo(projectCampaignsCache, `${projectKey(project)}|${today}`, () => Object.freeze(campaignsUpTo(project, today))).slice();
}

function campaignsUpTo(project: SimProject, today: string): SimCampaign[] {
  if (today < project.createdAt) return [];
  const out = [...alwaysOnCampaigns(project)];
  const last = blockOf(project, addDays(today, C.maxLeadDays));
  for (let k = 0; k <= last; k++) for (const c of blockCampaigns(project, k)) if (c.createdAt <= today) out.push(c);
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
}

export function campaignStatus(c: Pick<SimCampaign, 'start' | 'end'>, today: string): CampaignStatus {
  if (today < c.start) return 'scheduled';
  if (c.end !== null && today > c.end) return 'finished';
  return 'active';
}

/** Exactly the rows GET /v1/campaign serves (before pagination). */
export function campaignList(project: SimProject, now: Date): CampaignListRow[] {
  const today = todayIn(project.timeZone, now);
  return projectCampaigns(project, now).map((c) => ({
    id: c.id,
    name: c.name,
    channel: c.channel,
    createdAt: c.createdAt,
    status: campaignStatus(c, today),
  }));
}

/** A campaign by id (any project of `projects`), decoded from the id layout. */
export function findCampaign(id: number, projects: readonly SimProject[]): SimCampaign | undefined {
  const project = projects.find((p) => p.id === Math.floor(id / C.idStride));
  if (!project) return undefined;
  const local = id - project.id * C.idStride;
  if (local >= C.alwaysOnBase) return alwaysOnCampaigns(project).find((c) => c.id === id);
  return blockCampaigns(project, Math.floor(local / 100)).find((c) => c.id === id);
}

// ---------------------------------------------------------------------------------------------
// Journeys.

export type JourneyStatus = 'scheduled' | 'active' | 'finished';
export type JourneyNodeChannel = 'push' | 'email' | 'sms' | 'inapp';

export interface JourneyNode {
  nodeId: string;
  campaignId: number;
  campaignName: string;
  campaignType: JourneyNodeChannel;
  /** Share of the previous step's users that reach this node. */
  retention: number;
}

export interface SimJourney {
  id: number;
  projectId: number;
  name: string;
  createdAt: string;
  start: string;
  end: string | null;
  /** Users entering per day before seasonality. */
  entriesPerDay: number;
  nodes: JourneyNode[];
}

/** A row of GET /v1/journey (model fields). */
export interface JourneyListRow {
  id: number;
  name: string;
  status: JourneyStatus;
  createdAt: string;
}

const journeyCache = new WeakMap<SimProject, SimJourney[]>();

/** Every journey of a project (independent of `now`). Journey ids: projectId × 100 + j (1-based). */
export function projectJourneys(project: SimProject): SimJourney[] {
  const hit = journeyCache.get(project);
  if (hit) return hit;
  const J = JOURNEY_MODEL;
  const channels = (J.nodeChannels as readonly JourneyNodeChannel[]).filter((c) => usesChannel(project, c));
  const count = channels.length === 0 ? 0 : J.count.min + (hash32(`journeys|${project.id}`) % J.count.spread);
  const out: SimJourney[] = [];
  for (let j = 1; j <= count; j++) {
    const r = rng(project.id, 'journey', j);
    const start = addDays(project.createdAt, (j - 1) * J.startEveryDays);
    const end = j % 2 === 0 ? addDays(start, intBetween(r, J.endAfterDays)) : null;
    const id = project.id * 100 + j;
    const nNodes = intBetween(r, J.nodes);
    const created = addDays(start, -intBetween(r, [0, 7]));
    const name = `${at(J.names, (j - 1) % J.names.length)}${j > J.names.length ? ` ${j}` : ''}`;
    const nodes: JourneyNode[] = Array.from({ length: nNodes }, (_, i) => {
      const campaignType = at(channels, Math.floor(r() * channels.length));
      return {
        nodeId: `node-${i + 1}`,
        campaignId: project.id * C.idStride + C.journeyBase + j * 10 + i,
        campaignName: `${name} · paso ${i + 1} (${campaignType})`,
        campaignType,
        retention: Math.round(between(r, J.retention) * 1000) / 1000,
      };
    });
    out.push({
      id,
      projectId: project.id,
      name,
      createdAt: created < project.createdAt ? project.createdAt : created,
      start,
      end,
      entriesPerDay: project.dailyAudience * between(r, J.entryRate),
      nodes,
    });
  }
  journeyCache.set(project, out);
  return out;
}

/** Exactly the rows GET /v1/journey?applicationId serves: journeys created up to local today. */
export function journeyList(project: SimProject, now: Date): JourneyListRow[] {
  const today = todayIn(project.timeZone, now);
  return projectJourneys(project)
    .filter((j) => j.createdAt <= today)
    .map((j) => ({ id: j.id, name: j.name, status: campaignStatus(j, today), createdAt: j.createdAt }));
}

/** A journey by id among `projects` (decoded from the id layout). */
export function findJourney(id: number, projects: readonly SimProject[]): SimJourney | undefined {
  const project = projects.find((p) => p.id === Math.floor(id / 100));
  return project ? projectJourneys(project).find((j) => j.id === id) : undefined;
}
