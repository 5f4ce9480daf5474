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
import { addMonths, mondayOf, previousOf, previousYearOf, scanDates, type Period } from './dates.js';
import { CHANNEL_PATTERNS, CUES, findAll, METRIC_CHANNEL, METRIC_PATTERNS, type Metric } from './lexicon.js';
import { blank, detectLanguage, fold, NUMBER_RE, numberOf, type Language } from './text.js';

export type { Language } from './text.js';

/** Why a question is not answered: a refusal class (said in the asker's language, no tool runs) or another reason. */
export type RefusalReason = 'personal' | 'tenant' | 'write' | 'injection' | 'unsupported' | 'unknownDate' | 'other';

export interface PlanContext {
  /** YYYY-MM-DD in the project's time zone. */
  today: string;
  /** The project's IANA time zone (its country's commercial days). */
  timeZone: string;
  locale?: string | undefined;
  hostContext?: { channel?: string | undefined; campaignId?: number | undefined; from?: string | undefined; to?: string | undefined } | undefined;
  /** Earlier questions of the conversation, oldest first: a follow-up ("¿y el mes anterior?") continues the last one. */
  history?: readonly { question: string }[] | undefined;
  /** The current project's name (naming it is not naming another tenant). */
  projectName?: string | undefined;
}

export type Plan =
  | { engine: 'local'; language: Language; calls: ToolCall[]; explanation: string; followUp?: boolean; asked: Metric[] }
  | { engine: 'local'; language: Language; unanswerable: string; reason: RefusalReason };

/** Longest question read; the rest is ignored (the chat's own limit is the orchestration's). */
const MAX_QUESTION = 1000;

type Range = { from: string; to: string };
type L3<T = string> = Record<Language, T>;

const EXAMPLES: L3<string[]> = {
  es: [
    '¿Cuántos envíos de push hubo la semana pasada?',
    'Las 5 mejores campañas de email por tasa de apertura este mes',
    'Ranking de agentes por conversaciones cerradas en octubre',
  ],
  en: ['How many push notifications did we send last week?', 'Top 5 email campaigns by open rate this month', 'Which agent closed the most conversations in October?'],
  pt: ['Quantos envios de push tivemos na semana passada?', 'As 5 melhores campanhas de e-mail por taxa de abertura este mês', 'Qual agente fechou mais conversas em outubro?'],
};

const REASONS = {
  generic: { es: 'No sé responder a eso con los datos de Insights.', en: "I can't answer that with the Insights data.", pt: 'Não sei responder a isso com os dados do Insights.' },
  write: {
    es: 'Solo leo las analíticas: no borro, modifico, pauso, programo ni envío nada.',
    en: "I only read the analytics: I don't delete, change, pause, schedule or send anything.",
    pt: 'Só leio as análises: não apago, altero, pauso, agendo nem envio nada.',
  },
  injection: {
    es: 'No cambio ni revelo mis instrucciones, ni ejecuto órdenes o SQL escritos en la pregunta.',
    en: "I don't change or reveal my instructions, nor run commands or SQL written in the question.",
    pt: 'Não altero nem revelo minhas instruções, nem executo comandos ou SQL escritos na pergunta.',
  },
  personal: {
    es: 'No doy datos personales (teléfonos, direcciones de email, nombres ni listas de usuarios): Insights solo tiene cifras agregadas.',
    en: "I don't give personal data (phone numbers, email addresses, names or lists of users): Insights only holds aggregate figures.",
    pt: 'Não forneço dados pessoais (telefones, endereços de e-mail, nomes nem listas de usuários): o Insights só tem números agregados.',
  },
  tenant: {
    es: (other: string | undefined, own: string | undefined) =>
      `Solo puedo ver los datos del proyecto actual${own ? ` (${own})` : ''}; no tengo acceso a ${other ? `«${other}» ni a ` : ''}otros proyectos o clientes, así que no puedo dar ni comparar sus cifras.`,
    en: (other: string | undefined, own: string | undefined) =>
      `I can only see the current project${own ? ` (${own})` : ''}; I have no access to ${other ? `"${other}" or ` : ''}other projects or customers, so I can't give or compare their figures.`,
    pt: (other: string | undefined, own: string | undefined) =>
      `Só consigo ver os dados do projeto atual${own ? ` (${own})` : ''}; não tenho acesso a ${other ? `"${other}" nem a ` : ''}outros projetos ou clientes, então não posso dar nem comparar os números deles.`,
  },
  unsupported: {
    es: 'Insights no tiene datos de eso (ni países, edades, ventas o previsiones, ni temas ajenos a las analíticas).',
    en: 'Insights has no data on that (no countries, ages, sales or forecasts, nor topics outside the analytics).',
    pt: 'O Insights não tem dados sobre isso (nem países, idades, vendas ou previsões, nem temas fora das análises).',
  },
  unknownDate: {
    es: (x: string) => `No conozco las fechas de «${x}» de ese año; dime los días (por ejemplo «del 12 al 14 de mayo»).`,
    en: (x: string) => `I don't know the dates of "${x}" for that year; tell me the days (for example "from May 12 to 14").`,
    pt: (x: string) => `Não conheço as datas de "${x}" desse ano; diga-me os dias (por exemplo "de 12 a 14 de maio").`,
  },
  sendTimeChannel: {
    es: 'La mejor hora de envío solo la calculo para push.',
    en: 'I can only work out the best time to send for push.',
    pt: 'Só calculo o melhor horário de envio para push.',
  },
  costChannel: { es: 'El coste solo se mide para SMS.', en: 'Cost is only measured for SMS.', pt: 'O custo só é medido para SMS.' },
  bounceChannel: { es: 'Rebotes y bajas solo se miden para email.', en: 'Bounces and unsubscribes are only measured for email.', pt: 'Rejeições e descadastros só são medidos para e-mail.' },
  campaignMetric: {
    es: 'Las campañas se pueden ordenar por envíos, entregados, clics, CTR, tasa de apertura, tasa de entrega o coste.',
    en: 'Campaigns can be ranked by sent, delivered, clicks, CTR, open rate, delivery rate or cost.',
    pt: 'As campanhas podem ser ordenadas por envios, entregues, cliques, CTR, taxa de abertura, taxa de entrega ou custo.',
  },
  seriesMetric: {
    es: (c: string, ms: string) => `Ese canal (${c}) no tiene esa métrica en serie temporal; sí tiene: ${ms}.`,
    en: (c: string, ms: string) => `That channel (${c}) has no such metric over time; it has: ${ms}.`,
    pt: (c: string, ms: string) => `Esse canal (${c}) não tem essa métrica ao longo do tempo; tem: ${ms}.`,
  },
  journeyCount: { es: 'Puedo mostrar el embudo de un journey, no contar journeys.', en: "I can show a journey's funnel, not count journeys.", pt: 'Posso mostrar o funil de uma jornada, não contar jornadas.' },
  campaignCount: { es: 'Puedo ordenar campañas por sus resultados, no contarlas.', en: 'I can rank campaigns by their results, not count them.', pt: 'Posso ordenar campanhas pelos resultados, não contá-las.' },
  campaignChannel: { es: 'WhatsApp/chat y wallet no tienen estadísticas por campaña.', en: 'WhatsApp/chat and wallet have no per-campaign statistics.', pt: 'WhatsApp/chat e wallet não têm estatísticas por campanha.' },
  explain: {
    es: 'Puedo explicar el cambio de envíos, entregados, aperturas, clics, impresiones, CTR, tasa de entrega o de apertura de un canal (push, in-app, SMS o email): dime cuál.',
    en: 'I can explain a change in sent, delivered, opens, clicks, impressions, CTR, delivery or open rate of one channel (push, in-app, SMS or email): tell me which.',
    pt: 'Posso explicar a mudança de envios, entregues, aberturas, cliques, impressões, CTR, taxa de entrega ou de abertura de um canal (push, in-app, SMS ou e-mail): diga qual.',
  },
  conversations: {
    es: 'De las conversaciones puedo dar el ranking de agentes y los tiempos de asignación y cierre.',
    en: 'For conversations I can give the agent ranking and the assign and close times.',
    pt: 'Das conversas posso dar o ranking de agentes e os tempos de atribuição e fechamento.',
  },
};

/** Quotes of each language. */
const quote = (lang: Language, s: string) => (lang === 'en' || lang === 'pt' ? `"${s}"` : `«${s}»`);

function unanswerable(language: Language, reason: string, why: RefusalReason = 'other'): Plan {
  const ex = EXAMPLES[language].map((e) => quote(language, e)).join(', ');
  const tail = { es: ` Puedo responder preguntas como ${ex}.`, en: ` I can answer questions like ${ex}.`, pt: ` Posso responder perguntas como ${ex}.` }[language];
  return { engine: 'local', language, unanswerable: reason + tail, reason: why };
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

const CHANNEL_LABEL: Record<KpiChannel, L3> = {
  push: { es: 'push', en: 'push', pt: 'push' },
  inapp: { es: 'in-app', en: 'in-app', pt: 'in-app' },
  sms: { es: 'SMS', en: 'SMS', pt: 'SMS' },
  email: { es: 'email', en: 'email', pt: 'e-mail' },
  chat: { es: 'WhatsApp/chat', en: 'WhatsApp/chat', pt: 'WhatsApp/chat' },
  wallet: { es: 'wallet', en: 'wallet', pt: 'wallet' },
  all: { es: 'todos los canales', en: 'all channels', pt: 'todos os canais' },
};

const TOOL_LABEL: Record<ToolName, L3> = {
  kpis_by_channel: { es: 'KPIs', en: 'KPIs', pt: 'KPIs' },
  compare_periods: { es: 'comparación de dos periodos', en: 'comparison of two periods', pt: 'comparação de dois períodos' },
  top_campaigns: { es: 'ranking de campañas', en: 'campaign ranking', pt: 'ranking de campanhas' },
  campaign_detail: { es: 'detalle de campaña', en: 'campaign detail', pt: 'detalhe da campanha' },
  time_series: { es: 'serie temporal', en: 'time series', pt: 'série temporal' },
  best_send_time: { es: 'mejor momento de envío de push', en: 'best time to send push', pt: 'melhor horário de envio de push' },
  channel_mix: { es: 'reparto por canal', en: 'channel mix', pt: 'distribuição por canal' },
  agent_ranking: { es: 'ranking de agentes', en: 'agent ranking', pt: 'ranking de agentes' },
  agent_response_times: { es: 'tiempos de asignación y cierre de conversaciones', en: 'conversation assign and close times', pt: 'tempos de atribuição e fechamento de conversas' },
  chat_fallback_rate: { es: 'tasa de fallback del bot', en: 'bot fallback rate', pt: 'taxa de fallback do bot' },
  journey_dropoff: { es: 'embudo del journey', en: 'journey funnel', pt: 'funil da jornada' },
  device_growth: { es: 'dispositivos nuevos, activos y dados de baja', en: 'new, active and unregistered devices', pt: 'dispositivos novos, ativos e descadastrados' },
  sms_cost: { es: 'coste de SMS', en: 'SMS cost', pt: 'custo de SMS' },
  email_bounces_unsubscribes: { es: 'rebotes y bajas de email', en: 'email bounces and unsubscribes', pt: 'rejeições e descadastros de e-mail' },
  run_sql: { es: 'consulta SQL', en: 'SQL query', pt: 'consulta SQL' },
  explain_change: { es: 'por qué cambió', en: 'why it changed', pt: 'por que mudou' },
};

function periodText(p: Partial<Range> | undefined, lang: Language): string {
  if (!p?.from || !p.to) return { es: 'los últimos 30 días', en: 'the last 30 days', pt: 'os últimos 30 dias' }[lang];
  if (p.from === p.to) return lang === 'en' ? `${p.from}` : `${lang === 'es' ? 'el' : 'em'} ${p.from}`;
  return { es: `del ${p.from} al ${p.to}`, en: `${p.from} to ${p.to}`, pt: `de ${p.from} a ${p.to}` }[lang];
}

function describe(call: ToolCall, lang: Language): string {
  const i = call.input as Record<string, unknown>;
  const t = (es: string, en: string, pt: string) => ({ es, en, pt })[lang];
  const parts = [TOOL_LABEL[call.name][lang]];
  if (typeof i.channel === 'string') parts.push(CHANNEL_LABEL[i.channel as KpiChannel][lang]);
  if (typeof i.metric === 'string') parts.push(t(`métrica ${i.metric}`, `metric ${i.metric}`, `métrica ${i.metric}`));
  if (typeof i.interval === 'string') {
    const iv = i.interval as 'day' | 'week' | 'month';
    parts.push(t(`por ${{ day: 'día', week: 'semana', month: 'mes' }[iv]}`, `by ${iv}`, `por ${{ day: 'dia', week: 'semana', month: 'mês' }[iv]}`));
  }
  if (call.name === 'top_campaigns') {
    const worst = i.order === 'bottom';
    if (i.n === 1) parts.push(worst ? t('la peor', 'the worst', 'a pior') : t('la mejor', 'the best', 'a melhor'));
    else parts.push(worst ? t(`las ${i.n} peores`, `bottom ${i.n}`, `as ${i.n} piores`) : t(`las ${i.n} mejores`, `top ${i.n}`, `as ${i.n} melhores`));
  }
  if (typeof i.sort === 'string') parts.push(t(`ordenado por ${i.sort}`, `sorted by ${i.sort}`, `ordenado por ${i.sort}`));
  if (typeof i.id === 'number') parts.push(`id ${i.id}`);
  if (typeof i.name === 'string') parts.push(t(`nombre «${i.name}»`, `name "${i.name}"`, `nome "${i.name}"`));
  if (typeof i.agent === 'string') parts.push(t(`agente ${i.agent}`, `agent ${i.agent}`, `agente ${i.agent}`));
  if (typeof i.platform === 'string') parts.push(i.platform);
  if (i.splitByPlatform === true) parts.push(t('por plataforma', 'by platform', 'por plataforma'));
  if (call.name === 'compare_periods') {
    parts.push(`A: ${periodText(i.a as Range, lang)}; B: ${periodText(i.b as Range, lang)}`);
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
  const history = ctx.history ?? [];
  const previous = history.length ? history[history.length - 1]!.question : undefined;
  // A tie of language words goes to the previous question's language, then to the locale.
  const lang = detectLanguage(folded, previous ? detectLanguage(fold(previous.slice(0, MAX_QUESTION)), ctx.locale) : ctx.locale);
  if (!/[a-z]/.test(folded)) return unanswerable(lang, REASONS.generic[lang]);
  const refusal = refusalOf(original, folded, lang, ctx);
  if (refusal) return refusal;

  // A follow-up ("¿y el mes anterior?", "¿y por email?", "and the week before?", "e por e-mail?")
  // continues the previous question (itself perhaps a follow-up) with what this one changes.
  if (previous !== undefined && FOLLOW_UP.test(folded)) {
    const prev = planQuestion(previous, { ...ctx, history: history.slice(0, -1) });
    if ('calls' in prev) {
      const next = continuePlan(folded, lang, ctx, prev.calls);
      if (next) return next;
    }
  }
  return planOne(original, folded, lang, ctx);
}

/** Refusals, before anything else is read: prompt injection, writes and sends, other tenants, personal data. */
export function refusalOf(original: string, folded: string, lang: Language, ctx: Pick<PlanContext, 'projectName'>): Plan | undefined {
  if (CUES.injection.test(folded)) return unanswerable(lang, REASONS.injection[lang], 'injection');
  if (CUES.destructive.test(folded)) return unanswerable(lang, REASONS.write[lang], 'write');
  const other = tenantNamed(original, ctx.projectName);
  if (other !== undefined || CUES.tenant.test(folded)) return unanswerable(lang, REASONS.tenant[lang](other, ctx.projectName), 'tenant');
  if (CUES.personal.test(folded)) return unanswerable(lang, REASONS.personal[lang], 'personal');
  return undefined;
}

function explain(lang: Language, calls: ToolCall[], asked: Metric[], followUp = false): Plan {
  const body = calls.map((c) => describe(c, lang)).join({ es: '; y ', en: '; and ', pt: '; e ' }[lang]);
  return { engine: 'local', language: lang, calls, explanation: `${{ es: 'Entendido', en: 'Understood', pt: 'Entendido' }[lang]}: ${body}.`, asked, ...(followUp ? { followUp } : {}) };
}

function planOne(original: string, folded: string, lang: Language, ctx: PlanContext): Plan {
  // A quoted name is a name, not a date or a channel ("Navidad diciembre", "Push de bienvenida").
  const q = QUOTED_ALL.exec(folded);
  const unquoted = correctTypos(q ? blank(folded, q.index, q.index + q[0].length) : folded);
  const dates = scanDates(unquoted, ctx.today, ctx.timeZone);
  const text = dates.rest;
  if (CUES.unsupported.test(text)) return unanswerable(lang, REASONS.unsupported[lang], 'unsupported');
  if (dates.unknown.length) return unanswerable(lang, REASONS.unknownDate[lang](dates.unknown[0]!), 'unknownDate');

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

  const done = (calls: { name: ToolName; input: Record<string, unknown> }[]): Plan => explain(lang, calls.map((c) => parseToolCall(c.name, c.input)), metrics);

  // 0. Why a metric changed: its drivers ("¿por qué bajaron las aperturas de email en noviembre?").
  if (CUES.why.test(text)) {
    const m = metric === undefined ? 'sent' : (({ opened: 'opened', openRate: 'openRate', clicked: 'clicked', ctr: 'ctr', delivered: 'delivered', deliveryRate: 'deliveryRate', sent: 'sent', impressions: 'impressions' }) as Partial<Record<Metric, string>>)[metric];
    const chans = channels().filter((c) => c === 'push' || c === 'inapp' || c === 'sms' || c === 'email');
    if (m && chans.length === 1) {
      const only = dates.periods[0];
      const base = only && (only.kind === 'month' || only.kind === 'week' || only.kind === 'quarter' || only.kind === 'year') ? previousOf(only) : undefined;
      return done([{ name: 'explain_change', input: { channel: chans[0], metric: m, ...period, ...(base ? { baseFrom: base.from, baseTo: base.to } : {}) } }]);
    }
    return unanswerable(lang, REASONS.explain[lang]);
  }

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
  // Bounces or unsubscribes with another email metric ("la tasa de bajas y la de apertura"): the
  // email KPIs hold them all, so the answer can state every one.
  const bounceTool = new Set<Metric>(['bounced', 'bounceRate', 'unsubscribed']);
  if (metrics.some((m) => bounceTool.has(m)) && metrics.some((m) => !bounceTool.has(m) && METRIC_CHANNEL[m] === 'email') && !specific.some((c) => c !== 'email')) {
    return done([{ name: 'kpis_by_channel', input: { channel: 'email', ...period } }]);
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

// ---------------------------------------------------------------------------------------------------
// Other tenants named in the question

/** Capitalised words that are not a company: channels, platforms, months, days, commercial days, metrics. */
const NOT_A_NAME = new Set(
  (
    'push sms email e-mail emails mail mails whatsapp whatsapps wallet in-app inapp app android ios iphone web apple google chat bot ' +
    'ctr kpi kpis q1 q2 q3 q4 insights indigitall black friday cyber monday lunes hot sale buen fin navidad christmas natal dia day dias mother mothers madre madres maes ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre january february march april may june july august september october november december ' +
    'janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro lunes martes miercoles jueves viernes sabado domingo monday tuesday wednesday thursday friday saturday sunday ' +
    'el la los las the a o os as de del do da y and e en in on con com with vs versus'
  ).split(' '),
);
const CAP = String.raw`\p{Lu}[\p{L}\p{N}&'’.-]*`;
const ARTICLE = String.raw`(?:(?:la|el|los|las|a|o|os|as|the|lo)\s+)?`;
/** "tuvo Banco Andino", "did Banco Andino", "teve a Viajes Sol": a verb, then one or more capitalised words. */
const TENANT_AFTER_VERB = new RegExp(String.raw`(?<![\p{L}])(?:tuvo|tiene|tienen|tuvieron|hizo|hicieron|envi[oó]|enviaron|mand[oó]|mandaron|teve|tem|tiveram|enviou|did|does|has|had|got|sent)\s+${ARTICLE}(${CAP}(?:\s+${CAP})*)`, 'gu');
/** "el de Viajes Sol", "with Banco Andino", "do Banco Andino": a preposition, then two or more capitalised words. */
const TENANT_AFTER_PREP = new RegExp(String.raw`(?<![\p{L}])(?:de|del|da|do|of|with|con|com|contra|against|versus|vs\.?|frente a)\s+${ARTICLE}(?:(?:de|del|do|da|of)\s+)?(${CAP}(?:\s+${CAP})+)`, 'gu');
/** Words right before which a capitalised name is a campaign's or a journey's, not a company's. */
const ENTITY_BEFORE = /(?:campa[nñ]as?|campanhas?|campaigns?|journeys?|recorridos?|jornadas?|flujos?|embudos?|funnels?)\s*$/i;

/** A company named in the question that is not the current project (its name as written), or undefined. */
export function tenantNamed(original: string, projectName: string | undefined): string | undefined {
  const text = original.replace(/["“”«»][^"“”«»]*["“”«»]/g, (m) => ' '.repeat(m.length));
  const own = projectName ? fold(projectName).trim() : undefined;
  for (const re of [TENANT_AFTER_VERB, TENANT_AFTER_PREP]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const name = m[1]!.replace(/[.’']+$/, '');
      const words = fold(name).split(/\s+/).map((w) => w.replace(/['’]s$/, ''));
      if (words.every((w) => NOT_A_NAME.has(w) || /^\d+$/.test(w))) continue;
      if (ENTITY_BEFORE.test(text.slice(0, m.index))) continue;
      if (own && (fold(name).trim() === own || own.includes(fold(name).trim()))) continue;
      return name;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Typos in the words that matter most (channels and metrics): one edit away, five letters or more

const TYPO_VOCABULARY = [
  'notificaciones', 'notificacion', 'whatsapp', 'email', 'emails', 'correos', 'campanas', 'campana', 'envios', 'entregados',
  'aperturas', 'rebotes', 'mensajes', 'dispositivos', 'conversaciones', 'impresiones', 'newsletter', 'agentes', 'campanhas',
];
const TYPO_KNOWN = new Set([...TYPO_VOCABULARY, 'agents', 'mails', 'gmail', 'envias', 'correr', 'correcto', 'mensaje', 'agente', 'rebote', 'envio']);

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or adjacent swap). */
function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Folded text with misspelt channel and metric words put right ("whatsap", "emial", "notificacines"). */
export function correctTypos(s: string): string {
  return s.replace(/[a-z]{5,}/g, (w) => (TYPO_KNOWN.has(w) ? w : (TYPO_VOCABULARY.find((v) => oneEdit(w, v)) ?? w)));
}

// ---------------------------------------------------------------------------------------------------
// Follow-ups: the previous question with one thing changed

/** A question that continues the previous one: "¿y…?", "and…", "what about…", "e…", "lo mismo…". */
const FOLLOW_UP =
  /^\s*(?:y|e|and|ahora|now|pero|but|mas|tambem|tambien|also|what about|how about|and what about|e quanto a|e sobre|que tal|lo mismo|igual|same|the same|o mesmo|a mesma)\b/;

/** "el mes anterior", "the week before", "o mês anterior", "el periodo anterior": a unit before the previous question's period. */
const SHIFT =
  /\b(?:(?:el|la|o|a|the)\s+)?(dia|day|semana|week|mes|month|trimestre|quarter|ano|year|periodo|period)\s+(?:anterior|previo|previa|before|antes)\b|\b(?:the\s+)?(?:previous|prior|preceding)\s+(day|week|month|quarter|year|period)\b/;

const UNIT: Record<string, 'day' | 'week' | 'month' | 'quarter' | 'year' | 'period'> = {
  dia: 'day', day: 'day', semana: 'week', week: 'week', mes: 'month', month: 'month', trimestre: 'quarter', quarter: 'quarter', ano: 'year', year: 'year', periodo: 'period', period: 'period',
};

const first = (d: string) => `${d.slice(0, 8)}01`;

function shifted(p: Range, unit: (typeof UNIT)[string]): Range {
  switch (unit) {
    case 'day':
      return { from: addDays(p.from, -1), to: addDays(p.from, -1) };
    case 'week': {
      const monday = addDays(mondayOf(p.from), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month': {
      const from = addMonths(first(p.from), -1);
      return { from, to: addDays(first(p.from), -1) };
    }
    case 'quarter': {
      const m = Number(p.from.slice(5, 7));
      const qStart = `${p.from.slice(0, 5)}${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
      return { from: addMonths(qStart, -3), to: addDays(qStart, -1) };
    }
    case 'year': {
      const y = Number(p.from.slice(0, 4)) - 1;
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    }
    default:
      return previousOf({ ...p, kind: 'range' });
  }
}

type Input = Record<string, unknown>;

/** The previous plan's calls with what the follow-up names changed; undefined when it changes nothing. */
function continuePlan(folded: string, lang: Language, ctx: PlanContext, prev: ToolCall[]): Plan | undefined {
  let text = correctTypos(folded);
  const shift = SHIFT.exec(text);
  if (shift) text = blank(text, shift.index, shift.index + shift[0].length);
  const dates = scanDates(text, ctx.today, ctx.timeZone);
  text = dates.rest;
  if (dates.unknown.length) return unanswerable(lang, REASONS.unknownDate[lang](dates.unknown[0]!), 'unknownDate');
  const channelScan = findAll(text, CHANNEL_PATTERNS);
  const metricScan = findAll(channelScan.rest, METRIC_PATTERNS);
  const channels = channelScan.found.map((f) => f.value);
  const metric = metricScan.found[0]?.value;
  const order = /\bpeor(?:es)?\b|\bpior(?:es)?\b|\bworst\b|\bbottom\b|\blowest\b|\bmenos\b/.test(text) ? 'bottom' : /\bmejor(?:es)?\b|\bmelhor(?:es)?\b|\bbest\b|\btop\b|\bhighest\b/.test(text) ? 'top' : undefined;
  const split = CUES.platform.test(text) || /\b(?:y|e|and)?\s*(?:por|by|per) (?:plataforma|platform|sistema operativo)\b/.test(text);
  const n = countOf(text, 'campanas|campaigns|campanhas|agentes|agents');
  const explicit = dates.periods[0] ? { from: dates.periods[0].from, to: dates.periods[0].to } : undefined;
  if (!shift && !explicit && !channels.length && !metric && !order && !split && !n) return undefined;

  const periodOf = (i: Input): Range => {
    const p = (i.a ?? i) as Partial<Range>;
    return p.from && p.to ? { from: p.from, to: p.to } : { from: addDays(ctx.today, -29), to: ctx.today };
  };
  const newPeriod = (i: Input): Range | undefined => explicit ?? (shift ? shifted(periodOf(i), UNIT[shift[1] ?? shift[2] ?? 'period']!) : undefined);

  const out: { name: ToolName; input: Input }[] = [];
  for (const call of prev) {
    const base = { ...(call.input as Input) };
    const p = newPeriod(base);
    const withPeriod = (i: Input): Input => {
      if (!p) return i;
      if (call.name === 'compare_periods') return { ...i, a: p, b: previousOf({ ...p, kind: 'range' }) };
      return { ...i, from: p.from, to: p.to };
    };
    const specific = channels.filter((c) => c !== 'all');
    const targets: (KpiChannel | undefined)[] = specific.length ? specific : channels.includes('all') ? ['all'] : [undefined];
    for (const ch of targets) {
      let name: ToolName = call.name;
      let input: Input = withPeriod(base);
      if (ch) {
        if (name === 'kpis_by_channel' || name === 'compare_periods') input.channel = ch;
        else if (name === 'time_series') {
          input.channel = ch;
          input.metric = seriesMetric(ch, (input.metric as Metric | undefined) ?? undefined) ?? seriesMetric(ch, undefined);
        } else if (name === 'top_campaigns') {
          if (ch === 'chat' || ch === 'wallet') return unanswerable(lang, REASONS.campaignChannel[lang]);
          if (ch === 'all') delete input.channel;
          else input.channel = ch;
        } else if (name === 'sms_cost' || name === 'email_bounces_unsubscribes') {
          if (!((name === 'sms_cost' && ch === 'sms') || (name === 'email_bounces_unsubscribes' && ch === 'email'))) {
            name = 'kpis_by_channel';
            input = { channel: ch, ...(input.from ? { from: input.from, to: input.to } : {}) };
          }
        }
      }
      if (metric) {
        if (name === 'top_campaigns') {
          const m = campaignMetric(metric);
          if (m === null) return unanswerable(lang, REASONS.campaignMetric[lang]);
          if (m) input.metric = m;
        } else if (name === 'time_series') {
          const m = seriesMetric(input.channel as KpiChannel, metric);
          if (!m) return undefined;
          input.metric = m;
        }
      }
      if (order && name === 'top_campaigns') input.order = order;
      if (n && (name === 'top_campaigns' || name === 'agent_ranking')) input.n = n;
      if (split && (name === 'time_series' || name === 'device_growth')) input.splitByPlatform = true;
      out.push({ name, input });
    }
  }
  try {
    return explain(lang, out.map((c) => parseToolCall(c.name, c.input)), metric ? [metric] : [], true);
  } catch {
    return undefined;
  }
}
