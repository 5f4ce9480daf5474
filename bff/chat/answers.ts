/**
 * Words the chat writes without a model: the question's language, the local engine's short
 * templated answers (es/en) and the follow-up suggestions (by rule from the tools that answered,
 * for both engines).
 */
import type { KpiData, Lang, TableData, ToolResult } from './engine.js';
import type { ToolName } from './tools.js';

const ES = /[¿¡ñáéíóú]|\b(qué|que|cuál|cual|cuántos|cuantos|cuántas|cuánto|de|la|el|los|las|en|por|semana|mes|ayer|hoy|envíos|envios|aperturas|clics|conviene|hora|mejor|peor|campaña|campañas|coste|tasa|bajas|rebotes)\b/gi;
const EN = /\b(what|which|how|many|much|the|of|in|last|week|month|yesterday|today|sent|opens|clicks|best|worst|time|campaign|campaigns|cost|rate|bounces)\b/gi;

/** The question's language: Spanish or English by telltale words; the token's locale, then Spanish, break ties. */
export function detectLang(question: string, locale?: string): Lang {
  const es = question.match(ES)?.length ?? 0;
  const en = question.match(EN)?.length ?? 0;
  if (es > en) return 'es';
  if (en > es) return 'en';
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'es';
}

const METRIC_NAMES: Record<Lang, Record<string, string>> = {
  es: {
    sent: 'envíos',
    delivered: 'entregados',
    opened: 'aperturas',
    read: 'leídos',
    clicked: 'clics',
    ctr: 'CTR',
    deliveryRate: 'tasa de entrega',
    openRate: 'tasa de apertura',
    readRate: 'tasa de lectura',
    bounced: 'rebotes',
    bounceRate: 'tasa de rebote',
    unsubscribed: 'bajas',
    unsubscribeRate: 'tasa de bajas',
    spamReports: 'denuncias de spam',
    cost: 'coste',
    rejected: 'rechazados',
    impressions: 'impresiones',
    dismissed: 'descartados',
    dismissRate: 'tasa de descarte',
    clickToOpenRate: 'clics sobre aperturas',
    issued: 'pases emitidos',
    installed: 'pases instalados',
    uninstalled: 'pases desinstalados',
    updates: 'actualizaciones de pases',
    installRate: 'tasa de instalación',
  },
  en: {
    sent: 'sent',
    delivered: 'delivered',
    opened: 'opens',
    read: 'read',
    clicked: 'clicks',
    ctr: 'CTR',
    deliveryRate: 'delivery rate',
    openRate: 'open rate',
    readRate: 'read rate',
    bounced: 'bounces',
    bounceRate: 'bounce rate',
    unsubscribed: 'unsubscribes',
    unsubscribeRate: 'unsubscribe rate',
    spamReports: 'spam reports',
    cost: 'cost',
    rejected: 'rejected',
    impressions: 'impressions',
    dismissed: 'dismissed',
    dismissRate: 'dismiss rate',
    clickToOpenRate: 'click-to-open rate',
    issued: 'passes issued',
    installed: 'passes installed',
    uninstalled: 'passes uninstalled',
    updates: 'pass updates',
    installRate: 'install rate',
  },
};

const CHANNEL_NAMES: Record<Lang, Record<string, string>> = {
  es: { push: 'push', inapp: 'in-app', sms: 'SMS', email: 'email', chat: 'chat', wallet: 'wallet', all: 'todos los canales' },
  en: { push: 'push', inapp: 'in-app', sms: 'SMS', email: 'email', chat: 'chat', wallet: 'wallet', all: 'all channels' },
};

const locale = (lang: Lang) => (lang === 'es' ? 'es-ES' : 'en-GB');

export function formatValue(lang: Lang, format: string, v: number | null): string {
  if (v === null) return '—';
  const l = locale(lang);
  if (format === 'ratio') return new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 2 }).format(v);
  if (format === 'currency') return new Intl.NumberFormat(l, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
  if (format === 'seconds') return `${new Intl.NumberFormat(l, { maximumFractionDigits: 0 }).format(v)} s`;
  return new Intl.NumberFormat(l, { maximumFractionDigits: 0 }).format(v);
}

const day = (lang: Lang, d: string) => new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
const span = (lang: Lang, p: { from: string; to: string }) => (p.from === p.to ? day(lang, p.from) : lang === 'es' ? `del ${day(lang, p.from)} al ${day(lang, p.to)}` : `from ${day(lang, p.from)} to ${day(lang, p.to)}`);

/** One short sentence per result: what the local engine says about it. */
export function describeResult(lang: Lang, tool: ToolName, r: ToolResult): string {
  const period = r.source.period ? span(lang, r.source.period) : '';
  if (r.kind === 'kpi' && 'metrics' in r.data) {
    const k = r.data as KpiData;
    const names = METRIC_NAMES[lang];
    const parts = k.metrics.slice(0, 8).map((m) => `${names[m.key] ?? m.key}: ${formatValue(lang, m.format, m.value)}`);
    const ch = CHANNEL_NAMES[lang][k.channel] ?? k.channel;
    const prev = k.metrics.find((m) => m.key === 'ctr') ?? k.metrics.find((m) => m.format === 'ratio');
    const vs =
      prev && prev.previous !== null
        ? lang === 'es'
          ? ` (${names[prev.key] ?? prev.key} del periodo anterior: ${formatValue(lang, prev.format, prev.previous)})`
          : ` (previous period's ${names[prev.key] ?? prev.key}: ${formatValue(lang, prev.format, prev.previous)})`
        : '';
    return lang === 'es' ? `${ch}, ${period}: ${parts.join(', ')}${vs}.` : `${ch}, ${period}: ${parts.join(', ')}${vs}.`;
  }
  const t = r.data as TableData;
  if (tool === 'best_send_time') {
    const best = (r.forModel as { best?: { weekday: string; hour: number; ctr: number | null }[] }).best?.[0];
    if (!best) return lang === 'es' ? `No hay envíos push suficientes ${period} para recomendar una hora.` : `There are not enough push sends ${period} to recommend a time.`;
    return lang === 'es'
      ? `El mejor momento para enviar push ${period} fue el ${best.weekday} a las ${best.hour} h (CTR ${formatValue(lang, 'ratio', best.ctr)}).`
      : `The best time to send push ${period} was ${best.weekday} at ${best.hour}:00 (CTR ${formatValue(lang, 'ratio', best.ctr)}).`;
  }
  if (!t.rows.length) return lang === 'es' ? `No hay datos ${period}.` : `There is no data ${period}.`;
  const n = t.rows.length;
  const what = r.kind === 'chart' ? (lang === 'es' ? 'el gráfico' : 'the chart') : lang === 'es' ? `la tabla (${n} filas)` : `the table (${n} rows)`;
  return lang === 'es' ? `Aquí tienes ${what}: ${r.title}${period ? `, ${period}` : ''}.` : `Here is ${what}: ${r.title}${period ? `, ${period}` : ''}.`;
}

export function cannotAnswer(lang: Lang, reason: string): string {
  return lang === 'es'
    ? `No puedo responder a esa pregunta con los datos disponibles (${reason}). Prueba, por ejemplo, con «¿cuál fue el CTR de push la semana pasada?».`
    : `I can't answer that with the data available (${reason}). Try, for example, "what was the push CTR last week?".`;
}

export function failedTool(lang: Lang, message: string): string {
  return lang === 'es' ? `No he podido obtener ese dato: ${message}` : `I could not get that figure: ${message}`;
}

const FOLLOW_UPS: Partial<Record<ToolName, Record<Lang, string[]>>> = {
  kpis_by_channel: {
    es: ['¿Cómo ha evolucionado día a día?', '¿Qué campañas tuvieron mejor CTR?', '¿Y comparado con el mismo periodo del año pasado?'],
    en: ['How did it evolve day by day?', 'Which campaigns had the best CTR?', 'And compared with the same period last year?'],
  },
  time_series: {
    es: ['¿Y por plataforma?', '¿Qué campañas tuvieron mejor CTR?'],
    en: ['And by platform?', 'Which campaigns had the best CTR?'],
  },
  top_campaigns: {
    es: ['¿Y las peores?', '¿Cómo fue la mejor campaña día a día?'],
    en: ['And the worst ones?', 'How did the best campaign do day by day?'],
  },
  best_send_time: {
    es: ['¿Y solo en iOS?', '¿Y solo en Android?', '¿Cuál fue el CTR de push el último mes?'],
    en: ['And on iOS only?', 'And on Android only?', 'What was the push CTR last month?'],
  },
  sms_cost: {
    es: ['¿Cuál fue la tasa de entrega de SMS?', '¿Qué campañas de SMS costaron más?'],
    en: ['What was the SMS delivery rate?', 'Which SMS campaigns cost the most?'],
  },
  email_bounces_unsubscribes: {
    es: ['¿Cuál fue la tasa de apertura de email?', '¿Qué campañas de email tuvieron más bajas?'],
    en: ['What was the email open rate?', 'Which email campaigns had the most unsubscribes?'],
  },
  agent_ranking: {
    es: ['¿Cuánto tardamos en asignar conversaciones?', '¿Cuál es la tasa de fallback del bot?'],
    en: ['How long does it take to assign conversations?', "What is the bot's fallback rate?"],
  },
  chat_fallback_rate: {
    es: ['¿Qué agentes cerraron más conversaciones?', '¿Cuánto tardamos en asignar conversaciones?'],
    en: ['Which agents closed the most conversations?', 'How long does it take to assign conversations?'],
  },
  journey_dropoff: {
    es: ['¿Qué paso del recorrido pierde más usuarios?', '¿Y el mes anterior?'],
    en: ['Which journey step loses the most users?', 'And the month before?'],
  },
  device_growth: {
    es: ['¿Y por plataforma?', '¿Cuál fue el CTR de push?'],
    en: ['And by platform?', 'What was the push CTR?'],
  },
  channel_mix: {
    es: ['¿Qué canal tiene mejor CTR?', '¿Cómo evolucionaron los envíos?'],
    en: ['Which channel has the best CTR?', 'How did sends evolve?'],
  },
};

const STARTERS: Record<Lang, string[]> = {
  es: ['¿Cuál fue el CTR de push la semana pasada?', '¿A qué hora conviene enviar push?', '¿Cuánto costaron los SMS este mes?'],
  en: ['What was the push CTR last week?', 'When is the best time to send push?', 'How much did SMS cost this month?'],
};

/** Up to three follow-up questions, by rule from the tools that answered (starters when none did). */
export function suggestionsFor(lang: Lang, tools: readonly ToolName[]): string[] {
  const out: string[] = [];
  for (const t of tools) for (const s of FOLLOW_UPS[t]?.[lang] ?? []) if (!out.includes(s)) out.push(s);
  return (out.length ? out : STARTERS[lang]).slice(0, 3);
}
