/**
 * The local planner: the AI chat without a model (no ANTHROPIC_API_KEY). A deterministic reading of
 * a Spanish or English question into the same certified tool calls Claude would make (bff/chat/tools.ts),
 * or a plain "I can't answer that" with examples of what it can. It never plans `run_sql` and never
 * guesses: a question it cannot map to a tool with certainty is unanswerable (docs/adr/016).
 *
 * Pipeline: fold the text (lower case, no accents; same length, so names are cut from the original),
 * refuse what must be refused (writes, prompt injection, other tenants, topics without data), take
 * the date phrases out (./dates.ts), read channels and metrics (./lexicon.ts), then pick one intent
 * in a fixed order, most specific first. The host page's context (the widget's channel, campaign and
 * dates) fills what the question leaves out.
 */
import { addDays, isIsoDay } from '../../../lib/dates.js';
import { CHANNEL_METRICS, KPI_CHANNELS, type KpiChannel } from '../../services/kpis.js';
import { CHAT_METRICS, parseToolCall, type ToolCall, type ToolName } from '../tools.js';
import { mondayOf, previousOf, previousYearOf, scanDates, type Period } from './dates.js';
import { CHANNEL_PATTERNS, CUES, findAll, METRIC_CHANNEL, METRIC_PATTERNS, type Metric } from './lexicon.js';
import { blank, detectLanguage, fold, NUMBER_RE, numberOf } from './text.js';

export type Language = 'es' | 'en';

export interface PlanContext {
  /** YYYY-MM-DD in the project's time zone. */
  today: string;
  timeZone: string;
  locale?: 'es' | 'en' | 'pt-BR';
  hostContext?: { channel?: string; campaignId?: number; from?: string; to?: string };
}

export type Plan =
  | { engine: 'local'; language: Language; calls: ToolCall[]; explanation: string }
  | { engine: 'local'; language: Language; unanswerable: string };

/** Longest question read; the rest is ignored (the chat's own limit is the orchestration's). */
const MAX_QUESTION = 1000;

type Range = { from: string; to: string };

const EXAMPLES: Record<Language, string[]> = {
  es: [
    '¿Cuántos envíos de push hubo la semana pasada?',
    'Las 5 mejores campañas de email por tasa de apertura este mes',
    'Ranking de agentes por conversaciones cerradas en octubre',
  ],
  en: ['How many push notifications did we send last week?', 'Top 5 email campaigns by open rate this month', 'Which agent closed the most conversations in October?'],
};

const REASONS = {
  generic: { es: 'No sé responder a eso con los datos de Insights.', en: "I can't answer that with the Insights data." },
  refused: {
    es: 'Solo puedo consultar las analíticas de este proyecto, en modo lectura: no modifico datos, no envío mensajes ni cambio mis instrucciones.',
    en: "I can only read this project's analytics: I don't change data, send messages or change my instructions.",
  },
  unsupported: {
    es: 'Insights no tiene datos de eso (ni países, edades, ventas o previsiones, ni temas ajenos a las analíticas).',
    en: "Insights has no data on that (no countries, ages, sales or forecasts, nor topics outside the analytics).",
  },
  sendTimeChannel: {
    es: 'La mejor hora de envío solo la calculo para push.',
    en: 'I can only work out the best time to send for push.',
  },
  costChannel: { es: 'El coste solo se mide para SMS.', en: 'Cost is only measured for SMS.' },
  bounceChannel: { es: 'Rebotes y bajas solo se miden para email.', en: 'Bounces and unsubscribes are only measured for email.' },
  campaignMetric: {
    es: 'Las campañas se pueden ordenar por envíos, entregados, clics, CTR, tasa de apertura, tasa de entrega o coste.',
    en: 'Campaigns can be ranked by sent, delivered, clicks, CTR, open rate, delivery rate or cost.',
  },
  seriesMetric: {
    es: (c: string, ms: string) => `Ese canal (${c}) no tiene esa métrica en serie temporal; sí tiene: ${ms}.`,
    en: (c: string, ms: string) => `That channel (${c}) has no such metric over time; it has: ${ms}.`,
  },
  journeyCount: { es: 'Puedo mostrar el embudo de un journey, no contar journeys.', en: "I can show a journey's funnel, not count journeys." },
  campaignCount: { es: 'Puedo ordenar campañas por sus resultados, no contarlas.', en: 'I can rank campaigns by their results, not count them.' },
  campaignChannel: { es: 'WhatsApp/chat y wallet no tienen estadísticas por campaña.', en: 'WhatsApp/chat and wallet have no per-campaign statistics.' },
  conversations: {
    es: 'De las conversaciones puedo dar el ranking de agentes y los tiempos de asignación y cierre.',
    en: 'For conversations I can give the agent ranking and the assign and close times.',
  },
};

function unanswerable(language: Language, reason: string): Plan {
  const ex = EXAMPLES[language].map((e) => (language === 'es' ? `«${e}»` : `"${e}"`)).join(', ');
  const tail = language === 'es' ? ` Puedo responder preguntas como ${ex}.` : ` I can answer questions like ${ex}.`;
  return { engine: 'local', language, unanswerable: reason + tail };
}

// ---------------------------------------------------------------------------------------------------
// Names and numbers read from the question

const QUOTED = /["“”«]([^"“”«»]{1,200})["”»]|(?:^|[\s(:])'([^']{1,200})'(?=[\s?.,;:!)]|$)/;

function quoted(original: string): string | undefined {
  const m = QUOTED.exec(original);
  return (m?.[1] ?? m?.[2])?.trim() || undefined;
}

/** Capitalised words right after `at` in the original text ("el journey Bienvenida Nuevos Clientes"). */
function capitalisedAfter(original: string, at: number): string | undefined {
  const tail = original.slice(at).replace(/^\s*(?:llamad[oa]|named|called|de|del|«|")?\s*/i, '');
  const words: string[] = [];
  for (const w of tail.split(/\s+/)) {
    const clean = w.replace(/[?!.,;:»"]+$/, '');
    if (!/^[\p{Lu}\d]/u.test(clean)) break;
    words.push(clean);
    if (clean !== w) break;
  }
  const name = words.join(' ').trim();
  return name && !/^\d+$/.test(name) ? name : undefined;
}

/** An entity named after a cue word: "#12" / "12" → id, quoted or capitalised words → name. */
function entity(original: string, folded: string, cue: RegExp): { id?: number; name?: string } | undefined {
  const idMatch = new RegExp(`(?:${cue.source})\\s*(?:#|n[o°º]\\.?\\s*|numero\\s+|number\\s+|id\\s*[:=]?\\s*)?(\\d{1,12})\\b`).exec(folded);
  if (idMatch) return { id: Number(idMatch[1]) };
  const q = quoted(original);
  if (q) return { name: q };
  const cueMatch = new RegExp(cue.source).exec(folded);
  if (cueMatch) {
    const name = capitalisedAfter(original, cueMatch.index + cueMatch[0].length);
    if (name) return { name };
  }
  return undefined;
}

/** "las 5 mejores", "top 10", "the three worst", "la mejor campaña" (1). */
function countOf(rest: string, nouns: string): number | undefined {
  const pats = [
    new RegExp(`\\btop[- ]?${NUMBER_RE}\\b`),
    new RegExp(`\\b${NUMBER_RE}\\s+(?:mejores|peores|best|worst|top|bottom|primer[ao]s|ultim[ao]s|${nouns})\\b`),
    new RegExp(`\\b(?:mejores|peores|best|worst|bottom|lowest|highest)\\s+${NUMBER_RE}\\b`),
  ];
  for (const re of pats) {
    const m = re.exec(rest);
    const n = numberOf(m?.[1]);
    if (n) return n;
  }
  return undefined;
}

const QUOTED_ALL = new RegExp(QUOTED.source);
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

// ---------------------------------------------------------------------------------------------------
// Words for explanations

const CHANNEL_LABEL: Record<KpiChannel, Record<Language, string>> = {
  push: { es: 'push', en: 'push' },
  inapp: { es: 'in-app', en: 'in-app' },
  sms: { es: 'SMS', en: 'SMS' },
  email: { es: 'email', en: 'email' },
  chat: { es: 'WhatsApp/chat', en: 'WhatsApp/chat' },
  wallet: { es: 'wallet', en: 'wallet' },
  all: { es: 'todos los canales', en: 'all channels' },
};

const TOOL_LABEL: Record<ToolName, Record<Language, string>> = {
  kpis_by_channel: { es: 'KPIs', en: 'KPIs' },
  compare_periods: { es: 'comparación de dos periodos', en: 'comparison of two periods' },
  top_campaigns: { es: 'ranking de campañas', en: 'campaign ranking' },
  campaign_detail: { es: 'detalle de campaña', en: 'campaign detail' },
  time_series: { es: 'serie temporal', en: 'time series' },
  best_send_time: { es: 'mejor momento de envío de push', en: 'best time to send push' },
  channel_mix: { es: 'reparto por canal', en: 'channel mix' },
  agent_ranking: { es: 'ranking de agentes', en: 'agent ranking' },
  agent_response_times: { es: 'tiempos de asignación y cierre de conversaciones', en: 'conversation assign and close times' },
  chat_fallback_rate: { es: 'tasa de fallback del bot', en: 'bot fallback rate' },
  journey_dropoff: { es: 'embudo del journey', en: 'journey funnel' },
  device_growth: { es: 'dispositivos nuevos, activos y dados de baja', en: 'new, active and unregistered devices' },
  sms_cost: { es: 'coste de SMS', en: 'SMS cost' },
  email_bounces_unsubscribes: { es: 'rebotes y bajas de email', en: 'email bounces and unsubscribes' },
  run_sql: { es: 'consulta SQL', en: 'SQL query' },
};

function periodText(p: Partial<Range> | undefined, lang: Language): string {
  if (!p?.from || !p.to) return lang === 'es' ? 'los últimos 30 días' : 'the last 30 days';
  if (p.from === p.to) return lang === 'es' ? `el ${p.from}` : `${p.from}`;
  return lang === 'es' ? `del ${p.from} al ${p.to}` : `${p.from} to ${p.to}`;
}

function describe(call: ToolCall, lang: Language): string {
  const i = call.input as Record<string, unknown>;
  const parts = [TOOL_LABEL[call.name][lang]];
  if (typeof i.channel === 'string') parts.push(CHANNEL_LABEL[i.channel as KpiChannel][lang]);
  if (typeof i.metric === 'string') parts.push(lang === 'es' ? `métrica ${i.metric}` : `metric ${i.metric}`);
  if (typeof i.interval === 'string') parts.push(lang === 'es' ? `por ${{ day: 'día', week: 'semana', month: 'mes' }[i.interval as 'day']}` : `by ${i.interval}`);
  if (call.name === 'top_campaigns') {
    const worst = i.order === 'bottom';
    if (i.n === 1) parts.push(lang === 'es' ? (worst ? 'la peor' : 'la mejor') : worst ? 'the worst' : 'the best');
    else parts.push(lang === 'es' ? `las ${i.n} ${worst ? 'peores' : 'mejores'}` : `${worst ? 'bottom' : 'top'} ${i.n}`);
  }
  if (typeof i.sort === 'string') parts.push(lang === 'es' ? `ordenado por ${i.sort}` : `sorted by ${i.sort}`);
  if (typeof i.id === 'number') parts.push(`id ${i.id}`);
  if (typeof i.name === 'string') parts.push(lang === 'es' ? `nombre «${i.name}»` : `name "${i.name}"`);
  if (typeof i.agent === 'string') parts.push(lang === 'es' ? `agente ${i.agent}` : `agent ${i.agent}`);
  if (typeof i.platform === 'string') parts.push(i.platform);
  if (i.splitByPlatform === true) parts.push(lang === 'es' ? 'por plataforma' : 'by platform');
  if (call.name === 'compare_periods') {
    const a = i.a as Range;
    const b = i.b as Range;
    parts.push(lang === 'es' ? `A: ${periodText(a, lang)}; B: ${periodText(b, lang)}` : `A: ${periodText(a, lang)}; B: ${periodText(b, lang)}`);
  } else if (call.name !== 'run_sql') {
    parts.push(periodText(i as Partial<Range>, lang));
  }
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------------
// The planner

export function planQuestion(question: string, ctx: PlanContext): Plan {
  const original = question.slice(0, MAX_QUESTION);
  const folded = fold(original);
  const lang = detectLanguage(folded, ctx.locale);
  if (!/[a-z]/.test(folded)) return unanswerable(lang, REASONS.generic[lang]);
  if (CUES.destructive.test(folded) || CUES.injection.test(folded)) return unanswerable(lang, REASONS.refused[lang]);

  // A quoted name is a name, not a date or a channel ("Navidad diciembre", "Push de bienvenida").
  const q = QUOTED_ALL.exec(folded);
  const unquoted = q ? blank(folded, q.index, q.index + q[0].length) : folded;
  const dates = scanDates(unquoted, ctx.today);
  const text = dates.rest;
  if (CUES.unsupported.test(text)) return unanswerable(lang, REASONS.unsupported[lang]);

  const channelScan = findAll(text, CHANNEL_PATTERNS);
  const metricScan = findAll(channelScan.rest, METRIC_PATTERNS);
  const named = channelScan.found.map((f) => f.value);
  const metrics = metricScan.found.map((f) => f.value);
  const metric = metrics[0];

  const host = ctx.hostContext ?? {};
  const hostChannel = hostChannelOf(host.channel);
  const hostPeriod = host.from && host.to && isIsoDay(host.from) && isIsoDay(host.to) && host.from <= host.to ? { from: host.from, to: host.to } : undefined;
  const period: Partial<Range> = dates.periods[0] ? { from: dates.periods[0].from, to: dates.periods[0].to } : (hostPeriod ?? {});

  const specific = named.filter((c) => c !== 'all');
  /** The channels a call is about: named ones, else the one the metric implies, else the host's, else all. */
  const channels = (): KpiChannel[] => {
    if (specific.length) return specific;
    if (named.includes('all')) return ['all'];
    const implied = metric ? METRIC_CHANNEL[metric] : undefined;
    if (implied) return [implied];
    return [hostChannel ?? 'all'];
  };

  const done = (calls: { name: ToolName; input: Record<string, unknown> }[]): Plan => {
    const parsed = calls.map((c) => parseToolCall(c.name, c.input));
    const body = parsed.map((c) => describe(c, lang)).join(lang === 'es' ? '; y ' : '; and ');
    return { engine: 'local', language: lang, calls: parsed, explanation: `${lang === 'es' ? 'Entendido' : 'Understood'}: ${body}.` };
  };

  // 1. Best time to send (push only).
  if (CUES.sendTime.test(text) && CUES.sendVerb.test(folded) && !CUES.agents.test(text)) {
    if (specific.some((c) => c !== 'push')) return unanswerable(lang, REASONS.sendTimeChannel[lang]);
    const platform = /\bandroid\b/.test(text) ? 'android' : /\bios\b|\biphone\b/.test(text) ? 'ios' : /\bweb\b/.test(text) ? 'web' : undefined;
    return done([{ name: 'best_send_time', input: { ...(platform ? { platform } : {}), ...period } }]);
  }

  // 2. The bot's fallback rate.
  if (CUES.fallback.test(text)) return done([{ name: 'chat_fallback_rate', input: { ...period } }]);

  // 3. Agents: ranking, or the team's (one agent's) response times.
  const agentAbout = CUES.agents.test(text) || CUES.responseTime.test(text) || (CUES.conversations.test(text) && (CUES.closed.test(text) || CUES.assigned.test(text)));
  if (agentAbout && !CUES.campaigns.test(text) && !CUES.journeys.test(text)) {
    const email = EMAIL.exec(original)?.[0];
    const agentId = /\bagente?s?\s+(?:id\s*)?#?([a-z]*[-_]?\d[\w-]*)\b/.exec(text)?.[1];
    const agent = email ?? agentId;
    const ranking = !agent && (CUES.rank.test(text) || /\bque agentes?\b|\bwhich agents?\b|\bquien\b|\bwho\b|\blista\b|\blist\b|\bcada agente\b|\beach agent\b|\bpor agente\b|\bper agent\b/.test(text));
    if (CUES.responseTime.test(text) && !ranking) {
      return done([{ name: 'agent_response_times', input: { ...(agent ? { agent } : {}), ...period } }]);
    }
    if (!agent) {
      const n = countOf(text, 'agentes|agents|operadores|operators');
      const slow = /\bmas lent[oa]s?\b|\bslowest\b|\bpeor(?:es)?\b|\bworst\b/.test(text);
      let sort: string | undefined;
      let order: 'asc' | 'desc' | undefined;
      if (CUES.responseTime.test(text)) {
        sort = CUES.closeTime.test(text) ? 'avgSecondsToClose' : 'avgSecondsToAssign';
        order = slow ? 'desc' : 'asc';
      } else {
        if (CUES.transfers.test(text)) sort = 'transfersIn';
        else if (CUES.closed.test(text)) sort = 'closed';
        else if (CUES.assigned.test(text)) sort = 'assigned';
        else if (CUES.conversations.test(text) && CUES.rank.test(text)) sort = 'conversations';
        if (sort) order = CUES.bottom.test(text) ? 'asc' : 'desc';
      }
      return done([{ name: 'agent_ranking', input: { ...(sort ? { sort, order } : {}), ...(n ? { n: Math.min(n, 100) } : {}), ...period } }]);
    }
  }

  // 4. Journeys: the funnel of one (or of the journey with most entries).
  if (CUES.journeys.test(text)) {
    if (CUES.journeyCount.test(text)) return unanswerable(lang, REASONS.journeyCount[lang]);
    const j = entity(original, folded, /\b(?:journeys?|recorridos?|flujos?)/) ?? capitalisedBefore(original, folded, /\bjourney\b/) ?? lowercaseName(original, folded);
    return done([{ name: 'journey_dropoff', input: { ...(j ?? {}), ...period } }]);
  }

  // 5. Devices (unless the question counts messages delivered to devices).
  if (CUES.devices.test(text) && !metrics.some((m) => m !== 'unsubscribed')) {
    return done([{ name: 'device_growth', input: { splitByPlatform: CUES.platform.test(text), ...period } }]);
  }

  // 6. One campaign: by id, by a quoted or capitalised name, or the host page's campaign.
  const plural = CUES.campaignPlural.test(text);
  if (CUES.campaigns.test(text) && !plural) {
    const c = entity(original, folded, /\b(?:campanas?|campaigns?)/);
    if (c) return done([{ name: 'campaign_detail', input: { ...c, ...period } }]);
    if (host.campaignId && CUES.campaignThis.test(text) && !CUES.rank.test(text)) {
      return done([{ name: 'campaign_detail', input: { id: host.campaignId, ...period } }]);
    }
  }

  // 7. Ranking of campaigns.
  if (CUES.campaigns.test(text) && (plural || CUES.rank.test(text))) {
    if (CUES.campaignCount.test(text)) return unanswerable(lang, REASONS.campaignCount[lang]);
    if (specific.some((ch) => ch === 'chat' || ch === 'wallet')) return unanswerable(lang, REASONS.campaignChannel[lang]);
    const sortMetric = campaignMetric(metric);
    if (sortMetric === null) return unanswerable(lang, REASONS.campaignMetric[lang]);
    const order = CUES.bottom.test(text) ? 'bottom' : 'top';
    const n = countOf(text, 'campanas|campaigns|campana|campaign') ?? (!plural && CUES.rank.test(text) ? 1 : undefined);
    const chans = specific.length ? specific : hostChannel && hostChannel !== 'all' ? [hostChannel] : metric && METRIC_CHANNEL[metric] ? [METRIC_CHANNEL[metric]!] : [undefined];
    const m = sortMetric ?? (CUES.rank.test(text) ? 'ctr' : 'sent');
    return done(
      chans.map((channel) => ({
        name: 'top_campaigns' as const,
        input: { ...(channel && channel !== 'all' ? { channel } : {}), metric: m, order, ...(n ? { n: Math.min(n, 50) } : {}), ...period },
      })),
    );
  }

  // 8. Two periods side by side.
  const comparing = CUES.compare.test(text) || dates.relative.length > 0;
  const isSeries = CUES.series.test(text);
  if ((comparing || dates.periods.length >= 2) && !isSeries) {
    const pair = comparedPeriods(dates.periods, dates.relative.length ? dates.relative[0]!.shift : undefined, ctx.today, hostPeriod);
    if (pair) return done(channels().map((channel) => ({ name: 'compare_periods' as const, input: { channel, a: pair.a, b: pair.b } })));
    if (specific.length >= 2) return done(specific.map((channel) => ({ name: 'kpis_by_channel' as const, input: { channel, ...period } })));
  }

  // 9. A metric over time.
  if (isSeries) {
    const interval = CUES.week.test(text) ? 'week' : CUES.month.test(text) ? 'month' : 'day';
    const calls = [];
    for (const channel of channels()) {
      const m = seriesMetric(channel, metric);
      if (!m) {
        const ms = CHANNEL_METRICS[channel].map((d) => d.key).filter((k) => (CHAT_METRICS as readonly string[]).includes(k));
        return unanswerable(lang, REASONS.seriesMetric[lang](CHANNEL_LABEL[channel][lang], ms.join(', ') || '—'));
      }
      calls.push({ name: 'time_series' as const, input: { channel, metric: m, interval, splitByPlatform: CUES.platform.test(text), ...period } });
    }
    return done(calls);
  }

  // 10. The split across channels.
  if (CUES.mix.test(text) && specific.length === 0) {
    if (!metric || metric === 'sent' || metric === 'delivered' || metric === 'clicked') {
      return done([{ name: 'channel_mix', input: { metric: metric ?? 'sent', ...period } }]);
    }
    return done([{ name: 'kpis_by_channel', input: { channel: 'all', ...period } }]);
  }

  // 11. SMS cost; email bounces and unsubscribes.
  if (metric === 'cost' || metrics.includes('cost')) {
    if (specific.some((c) => c !== 'sms')) return unanswerable(lang, REASONS.costChannel[lang]);
    return done([{ name: 'sms_cost', input: { ...period } }]);
  }
  if (metric === 'bounced' || metric === 'bounceRate' || metric === 'unsubscribed') {
    if (specific.some((c) => c !== 'email')) return unanswerable(lang, REASONS.bounceChannel[lang]);
    return done([{ name: 'email_bounces_unsubscribes', input: { ...period } }]);
  }

  // Conversations are agent data (ranking, times), not channel KPIs.
  if (CUES.conversations.test(text) && !named.length) return unanswerable(lang, REASONS.conversations[lang]);

  // 12. KPIs of a channel (or of the host page's campaign when the question names no channel).
  if (named.length || metric || (CUES.kpi.test(text) && (dates.periods.length > 0 || hostChannel))) {
    if (host.campaignId && !named.length && (!CUES.campaigns.test(text) || CUES.campaignThis.test(text))) {
      return done([{ name: 'campaign_detail', input: { id: host.campaignId, ...period } }]);
    }
    return done(channels().map((channel) => ({ name: 'kpis_by_channel' as const, input: { channel, ...period } })));
  }
  if (host.campaignId && CUES.kpi.test(text)) return done([{ name: 'campaign_detail', input: { id: host.campaignId, ...period } }]);

  return unanswerable(lang, REASONS.generic[lang]);
}

function hostChannelOf(channel: string | undefined): KpiChannel | undefined {
  if (!channel) return undefined;
  const f = fold(channel).trim();
  if ((KPI_CHANNELS as readonly string[]).includes(f)) return f as KpiChannel;
  return findAll(f, CHANNEL_PATTERNS).found[0]?.value;
}

/** Capitalised words right before a cue ("the Welcome journey"), never the question's first word. */
function capitalisedBefore(original: string, folded: string, cue: RegExp): { name: string } | undefined {
  const m = cue.exec(folded);
  if (!m) return undefined;
  const words = original.slice(0, m.index).trimEnd().split(/\s+/);
  const out: string[] = [];
  for (let i = words.length - 1; i > 0; i--) {
    const w = words[i]!;
    if (!/^[\p{Lu}\d]/u.test(w) || /[?!.,;:]$/.test(w)) break;
    out.unshift(w);
  }
  return out.length ? { name: out.join(' ') } : undefined;
}

const NAME_STOP = new Set(
  'the a an this that our my each every which what de del el la los las en con por para y que este esta ese esa un una mas in on of for by with and to from during durante desde hasta entre'.split(' '),
);

/** A lower-case journey name: "journey de bienvenida", "journey called onboarding", "the onboarding journey". */
function lowercaseName(original: string, folded: string): { name: string } | undefined {
  const after = /\bjourney\s+(?:de|del|llamado|named|called)\s+/.exec(folded);
  if (after) {
    const words: string[] = [];
    for (const w of original.slice(after.index + after[0].length).split(/\s+/)) {
      const clean = w.replace(/[?!.,;:]+$/, '');
      if (!clean || NAME_STOP.has(fold(clean))) break;
      words.push(clean);
      if (clean !== w) break;
    }
    if (words.length) return { name: words.join(' ') };
  }
  const before = /\b([a-z][\w-]*)\s+journey\b/.exec(folded);
  if (before && !NAME_STOP.has(before[1]!) && !/^(?:customer|user|users|the)$/.test(before[1]!)) {
    return { name: original.slice(before.index, before.index + before[1]!.length) };
  }
  return undefined;
}

/** top_campaigns' sort metric: undefined (default), a metric, or null when the metric cannot rank campaigns. */
function campaignMetric(m: Metric | undefined): 'sent' | 'delivered' | 'clicked' | 'ctr' | 'openRate' | 'deliveryRate' | 'cost' | undefined | null {
  switch (m) {
    case undefined:
      return undefined;
    case 'sent':
    case 'delivered':
    case 'clicked':
    case 'ctr':
    case 'openRate':
    case 'deliveryRate':
    case 'cost':
      return m;
    case 'opened':
      return 'openRate';
    default:
      return null;
  }
}

/** time_series' metric for a channel: the one asked for (opens of chat are reads), else the channel's first. */
function seriesMetric(channel: KpiChannel, m: Metric | undefined): string | undefined {
  const keys = CHANNEL_METRICS[channel].map((d) => d.key).filter((k) => (CHAT_METRICS as readonly string[]).includes(k));
  if (!m) return keys[0];
  const alias = channel === 'chat' ? ({ opened: 'read', openRate: 'readRate' } as Partial<Record<Metric, string>>)[m] : undefined;
  const want = alias ?? m;
  return keys.includes(want) ? want : undefined;
}

/** The two periods of a comparison, or undefined when the question does not give (or imply) two. */
function comparedPeriods(periods: Period[], shift: 'previous' | 'previousYear' | undefined, today: string, hostPeriod: Range | undefined): { a: Range; b: Range } | undefined {
  const r = (p: Range) => ({ from: p.from, to: p.to });
  if (periods.length >= 2) return { a: r(periods[0]!), b: r(periods[1]!) };
  const base: Period | undefined = periods[0] ?? (hostPeriod ? { ...hostPeriod, kind: 'range', at: 0, text: '' } : undefined);
  if (shift) {
    const a = base ?? { from: addDays(today, -29), to: today, kind: 'days' as const, at: 0, text: '' };
    return { a: r(a), b: shift === 'previousYear' ? previousYearOf(a) : previousOf(a) };
  }
  const only = periods[0];
  if (!only) return undefined;
  // "vs el mes pasado": this month (to date) against the one named.
  if (/pasad|anterior|last|previous/.test(only.text) && (only.kind === 'month' || only.kind === 'week' || only.kind === 'year' || only.kind === 'quarter')) {
    const current =
      only.kind === 'week'
        ? { from: mondayOf(today), to: today }
        : only.kind === 'month'
          ? { from: `${today.slice(0, 8)}01`, to: today }
          : only.kind === 'year'
            ? { from: `${today.slice(0, 4)}-01-01`, to: today }
            : { from: `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: today };
    return { a: current, b: r(only) };
  }
  return { a: r(only), b: previousOf(only) };
}
