/**
 * Words the chat writes without a model: the question's language, the local engine's short
 * templated answers (es/en) and the follow-up suggestions (by rule from the tools that answered,
 * for both engines).
 */
import type { KpiData, Lang, TableData, ToolResult } from './engine.js';
import type { ToolName } from './tools.js';
import { detectLanguage, fold } from './planner/text.js';

/** The question's language: the planner's reading of its words (es, en, pt); the token's locale, then Spanish, break ties. */
export function detectLang(question: string, locale?: string): Lang {
  return detectLanguage(fold(question.slice(0, 2000)), locale);
}

export const METRIC_NAMES: Record<Lang, Record<string, string>> = {
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
  pt: {
    sent: 'envios',
    delivered: 'entregues',
    opened: 'aberturas',
    read: 'lidas',
    clicked: 'cliques',
    ctr: 'CTR',
    deliveryRate: 'taxa de entrega',
    openRate: 'taxa de abertura',
    readRate: 'taxa de leitura',
    bounced: 'rejeições',
    bounceRate: 'taxa de rejeição',
    unsubscribed: 'descadastros',
    unsubscribeRate: 'taxa de descadastro',
    spamReports: 'denúncias de spam',
    cost: 'custo',
    rejected: 'rejeitados',
    impressions: 'impressões',
    dismissed: 'descartados',
    dismissRate: 'taxa de descarte',
    clickToOpenRate: 'cliques sobre aberturas',
    issued: 'passes emitidos',
    installed: 'passes instalados',
    uninstalled: 'passes desinstalados',
    updates: 'atualizações de passes',
    installRate: 'taxa de instalação',
  },
};

export const CHANNEL_NAMES: Record<Lang, Record<string, string>> = {
  es: { push: 'push', inapp: 'in-app', sms: 'SMS', email: 'email', chat: 'chat', wallet: 'wallet', all: 'todos los canales' },
  en: { push: 'push', inapp: 'in-app', sms: 'SMS', email: 'email', chat: 'chat', wallet: 'wallet', all: 'all channels' },
  pt: { push: 'push', inapp: 'in-app', sms: 'SMS', email: 'e-mail', chat: 'chat', wallet: 'wallet', all: 'todos os canais' },
};

const locale = (lang: Lang) => ({ es: 'es-ES', en: 'en-GB', pt: 'pt-BR' })[lang];
/** One string per language. */
const t3 = (lang: Lang, es: string, en: string, pt: string) => ({ es, en, pt })[lang];

const AGENT_SORT_NAMES: Record<Lang, Record<string, string>> = {
  es: { conversations: 'conversaciones', assigned: 'conversaciones asignadas', closed: 'conversaciones cerradas', transfersIn: 'transferencias recibidas', avgSecondsToAssign: 'tiempo de asignación', avgSecondsToClose: 'tiempo de cierre', email: 'email' },
  en: { conversations: 'conversations', assigned: 'assigned conversations', closed: 'closed conversations', transfersIn: 'transfers in', avgSecondsToAssign: 'time to assign', avgSecondsToClose: 'time to close', email: 'email' },
  pt: { conversations: 'conversas', assigned: 'conversas atribuídas', closed: 'conversas fechadas', transfersIn: 'transferências recebidas', avgSecondsToAssign: 'tempo de atribuição', avgSecondsToClose: 'tempo de fechamento', email: 'e-mail' },
};

/** The result cards' titles, in the asker's language. */
export function titles(lang: Lang) {
  const m = (k: string) => METRIC_NAMES[lang][k] ?? k;
  const ch = (c: string) => CHANNEL_NAMES[lang][c] ?? c;
  const interval = (i: string) => t3(lang, { day: 'día', week: 'semana', month: 'mes' }[i] ?? i, i, { day: 'dia', week: 'semana', month: 'mês' }[i] ?? i);
  return {
    kpis: (c: string) => t3(lang, `KPIs de ${ch(c)}`, `${ch(c)} KPIs`, `KPIs de ${ch(c)}`),
    compare: (c: string, a: string, b: string) => t3(lang, `${ch(c)}: ${a} frente a ${b}`, `${ch(c)}: ${a} vs ${b}`, `${ch(c)}: ${a} vs. ${b}`),
    top: (order: string, n: number, metric: string) =>
      order === 'top'
        ? t3(lang, `Las ${n} mejores campañas por ${m(metric)}`, `Top ${n} campaigns by ${m(metric)}`, `As ${n} melhores campanhas por ${m(metric)}`)
        : t3(lang, `Las ${n} peores campañas por ${m(metric)}`, `Bottom ${n} campaigns by ${m(metric)}`, `As ${n} piores campanhas por ${m(metric)}`),
    series: (c: string, metric: string, i: string) => t3(lang, `${m(metric)} de ${ch(c)} por ${interval(i)}`, `${ch(c)} ${m(metric)} by ${interval(i)}`, `${m(metric)} de ${ch(c)} por ${interval(i)}`),
    heatmap: t3(lang, 'CTR de push por día de la semana y hora', 'Push CTR by weekday and hour', 'CTR de push por dia da semana e hora'),
    mix: (metric: string) => t3(lang, `${m(metric)} por canal`, `${m(metric)} by channel`, `${m(metric)} por canal`),
    agents: (sort: string) => t3(lang, `Agentes por ${AGENT_SORT_NAMES.es[sort] ?? sort}`, `Agents by ${AGENT_SORT_NAMES.en[sort] ?? sort}`, `Agentes por ${AGENT_SORT_NAMES.pt[sort] ?? sort}`),
    responseTimes: t3(lang, 'Tiempos de respuesta por agente', 'Response times by agent', 'Tempos de resposta por agente'),
    agentTimes: (who: string) => t3(lang, `Tiempos de respuesta de ${who}`, `Response times of ${who}`, `Tempos de resposta de ${who}`),
    fallback: t3(lang, 'Tasa de fallback del bot', 'Bot fallback rate', 'Taxa de fallback do bot'),
    journey: (name: string) => t3(lang, `Journey ${name}`, `Journey ${name}`, `Jornada ${name}`),
    devices: t3(lang, 'Dispositivos', 'Devices', 'Dispositivos'),
    smsCost: t3(lang, 'Coste de SMS', 'SMS cost', 'Custo de SMS'),
    bounces: t3(lang, 'Rebotes y bajas de email', 'Email bounces and unsubscribes', 'Rejeições e descadastros de e-mail'),
    sql: t3(lang, 'Consulta generada', 'Generated query', 'Consulta gerada'),
    explain: (c: string, metric: string) => t3(lang, `Por qué cambió ${m(metric)} de ${ch(c)}`, `Why ${ch(c)} ${m(metric)} changed`, `Por que mudou ${m(metric)} de ${ch(c)}`),
  };
}

export function formatValue(lang: Lang, format: string, v: number | null): string {
  if (v === null) return '—';
  const l = locale(lang);
  if (format === 'ratio') return new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 2 }).format(v);
  if (format === 'currency') return new Intl.NumberFormat(l, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
  if (format === 'seconds') return `${new Intl.NumberFormat(l, { maximumFractionDigits: 0 }).format(v)} s`;
  return new Intl.NumberFormat(l, { maximumFractionDigits: 0 }).format(v);
}

const day = (lang: Lang, d: string) => new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
const span = (lang: Lang, p: { from: string; to: string }) =>
  p.from === p.to ? day(lang, p.from) : t3(lang, `del ${day(lang, p.from)} al ${day(lang, p.to)}`, `from ${day(lang, p.from)} to ${day(lang, p.to)}`, `de ${day(lang, p.from)} a ${day(lang, p.to)}`);

/** KPI metrics shown in the sentence: those the question asked for first, then the rest, up to 8 (never dropping one asked for). */
function pickMetrics<M extends { key: string }>(metrics: M[], asked: readonly string[]): M[] {
  const first = metrics.filter((m) => asked.includes(m.key));
  const rest = metrics.filter((m) => !asked.includes(m.key));
  return [...first, ...rest.slice(0, Math.max(0, 8 - first.length))];
}

/** One short sentence per result: what the local engine says about it. `asked`: the metrics the question named. */
export function describeResult(lang: Lang, tool: ToolName, r: ToolResult, asked: readonly string[] = []): string {
  const period = r.source.period ? span(lang, r.source.period) : '';
  if (r.kind === 'kpi' && 'metrics' in r.data) {
    const k = r.data as KpiData;
    const names = METRIC_NAMES[lang];
    const parts = pickMetrics(k.metrics, asked).map((m) => `${names[m.key] ?? m.key}: ${formatValue(lang, m.format, m.value)}`);
    const ch = CHANNEL_NAMES[lang][k.channel] ?? k.channel;
    const prev = k.metrics.find((m) => asked.includes(m.key) && m.format === 'ratio') ?? k.metrics.find((m) => m.key === 'ctr') ?? k.metrics.find((m) => m.format === 'ratio');
    const vs =
      prev && prev.previous !== null
        ? t3(
            lang,
            ` (${names[prev.key] ?? prev.key} del periodo anterior: ${formatValue(lang, prev.format, prev.previous)})`,
            ` (previous period's ${names[prev.key] ?? prev.key}: ${formatValue(lang, prev.format, prev.previous)})`,
            ` (${names[prev.key] ?? prev.key} do período anterior: ${formatValue(lang, prev.format, prev.previous)})`,
          )
        : '';
    return `${ch}, ${period}: ${parts.join(', ')}${vs}.`;
  }
  const t = r.data as TableData;
  if (tool === 'best_send_time') {
    const best = (r.forModel as { best?: { weekday: string; hour: number; ctr: number | null }[] }).best?.[0];
    if (!best) return t3(lang, `No hay envíos push suficientes ${period} para recomendar una hora.`, `There are not enough push sends ${period} to recommend a time.`, `Não há envios de push suficientes ${period} para recomendar um horário.`);
    return t3(
      lang,
      `El mejor momento para enviar push ${period} fue el ${best.weekday} a las ${best.hour} h (CTR ${formatValue(lang, 'ratio', best.ctr)}).`,
      `The best time to send push ${period} was ${best.weekday} at ${best.hour}:00 (CTR ${formatValue(lang, 'ratio', best.ctr)}).`,
      `O melhor horário para enviar push ${period} foi ${best.weekday} às ${best.hour} h (CTR ${formatValue(lang, 'ratio', best.ctr)}).`,
    );
  }
  if (tool === 'explain_change') return explainSentence(lang, r);
  if (!t.rows.length) return t3(lang, `No hay datos ${period}.`, `There is no data ${period}.`, `Não há dados ${period}.`);
  // A chart whose tool also reports its totals (email bounces and unsubscribes): the figures first.
  const facts = (r.forModel as { metrics?: { key: string; format: string; value: number | null }[] } | null)?.metrics;
  if (Array.isArray(facts) && facts.length) {
    const names = METRIC_NAMES[lang];
    const figures = pickMetrics(facts, asked).map((m) => `${names[m.key] ?? m.key}: ${formatValue(lang, m.format, m.value)}`).join(', ');
    return `${r.title}, ${period}: ${figures}.`;
  }
  const n = t.rows.length;
  const what = r.kind === 'chart' ? t3(lang, 'el gráfico', 'the chart', 'o gráfico') : t3(lang, `la tabla (${n} filas)`, `the table (${n} rows)`, `a tabela (${n} linhas)`);
  const tail = `${r.title}${period ? `, ${period}` : ''}.`;
  return t3(lang, `Aquí tienes ${what}: ${tail}`, `Here is ${what}: ${tail}`, `Aqui está ${what}: ${tail}`);
}

/** "El CTR de push pasó de 4,1 % a 3,2 % (−0,9 puntos); lo que más pesó: ios (−0,7), …". */
function explainSentence(lang: Lang, r: ToolResult): string {
  const f = r.forModel as { channel: string; metric: string; format: string; value: number | null; baseValue: number | null; change: number | null; top: { dimension: string; label: string; contribution: number }[]; basePeriod: { from: string; to: string } };
  const name = METRIC_NAMES[lang][f.metric] ?? f.metric;
  const ch = CHANNEL_NAMES[lang][f.channel] ?? f.channel;
  const v = (x: number | null) => formatValue(lang, f.format, x);
  const signed = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '') + formatValue(lang, f.format, Math.abs(x));
  const period = r.source.period ? span(lang, r.source.period) : '';
  const base = span(lang, f.basePeriod);
  if (f.change === null || f.change === 0 || !f.top.length) {
    return t3(lang, `${name} de ${ch}: ${v(f.value)} ${period}, ${v(f.baseValue)} ${base}; no hay un cambio que explicar.`, `${ch} ${name}: ${v(f.value)} ${period}, ${v(f.baseValue)} ${base}; there is no change to explain.`, `${name} de ${ch}: ${v(f.value)} ${period}, ${v(f.baseValue)} ${base}; não há mudança a explicar.`);
  }
  const dim = (d: string) => ({ es: { platform: 'plataforma', campaign: 'campaña', weekday: 'día' }, en: { platform: 'platform', campaign: 'campaign', weekday: 'weekday' }, pt: { platform: 'plataforma', campaign: 'campanha', weekday: 'dia' } })[lang][d as 'platform'] ?? d;
  const drivers = f.top.slice(0, 3).map((x) => `${dim(x.dimension)} ${x.label} (${signed(x.contribution)})`).join(', ');
  return t3(
    lang,
    `${name} de ${ch} pasó de ${v(f.baseValue)} (${base}) a ${v(f.value)} (${period}), ${signed(f.change)}; lo que más pesó: ${drivers}.`,
    `${ch} ${name} went from ${v(f.baseValue)} (${base}) to ${v(f.value)} (${period}), ${signed(f.change)}; the largest drivers: ${drivers}.`,
    `${name} de ${ch} passou de ${v(f.baseValue)} (${base}) para ${v(f.value)} (${period}), ${signed(f.change)}; o que mais pesou: ${drivers}.`,
  );
}

export function truncatedNote(lang: Lang): string {
  return t3(lang, ' (resultado recortado)', ' (result truncated)', ' (resultado cortado)');
}

export function cannotAnswer(lang: Lang, reason: string): string {
  return t3(
    lang,
    `No puedo responder a esa pregunta con los datos disponibles (${reason}). Prueba, por ejemplo, con «¿cuál fue el CTR de push la semana pasada?».`,
    `I can't answer that with the data available (${reason}). Try, for example, "what was the push CTR last week?".`,
    `Não consigo responder a essa pergunta com os dados disponíveis (${reason}). Tente, por exemplo, "qual foi o CTR de push na semana passada?".`,
  );
}

export function failedTool(lang: Lang, message: string): string {
  return t3(lang, `No he podido obtener ese dato: ${message}`, `I could not get that figure: ${message}`, `Não consegui obter esse dado: ${message}`);
}

const FOLLOW_UPS: Partial<Record<ToolName, Record<Lang, string[]>>> = {
  kpis_by_channel: {
    es: ['¿Cómo ha evolucionado día a día?', '¿Qué campañas tuvieron mejor CTR?', '¿Y comparado con el mismo periodo del año pasado?'],
    en: ['How did it evolve day by day?', 'Which campaigns had the best CTR?', 'And compared with the same period last year?'],
    pt: ['Como evoluiu dia a dia?', 'Quais campanhas tiveram o melhor CTR?', 'E comparado com o mesmo período do ano passado?'],
  },
  time_series: {
    es: ['¿Y por plataforma?', '¿Qué campañas tuvieron mejor CTR?'],
    en: ['And by platform?', 'Which campaigns had the best CTR?'],
    pt: ['E por plataforma?', 'Quais campanhas tiveram o melhor CTR?'],
  },
  top_campaigns: {
    es: ['¿Y las peores?', '¿Cómo fue la mejor campaña día a día?'],
    en: ['And the worst ones?', 'How did the best campaign do day by day?'],
    pt: ['E as piores?', 'Como foi a melhor campanha dia a dia?'],
  },
  best_send_time: {
    es: ['¿Y solo en iOS?', '¿Y solo en Android?', '¿Cuál fue el CTR de push el último mes?'],
    en: ['And on iOS only?', 'And on Android only?', 'What was the push CTR last month?'],
    pt: ['E só no iOS?', 'E só no Android?', 'Qual foi o CTR de push no último mês?'],
  },
  sms_cost: {
    es: ['¿Cuál fue la tasa de entrega de SMS?', '¿Qué campañas de SMS costaron más?'],
    en: ['What was the SMS delivery rate?', 'Which SMS campaigns cost the most?'],
    pt: ['Qual foi a taxa de entrega de SMS?', 'Quais campanhas de SMS custaram mais?'],
  },
  email_bounces_unsubscribes: {
    es: ['¿Cuál fue la tasa de apertura de email?', '¿Qué campañas de email tuvieron más bajas?'],
    en: ['What was the email open rate?', 'Which email campaigns had the most unsubscribes?'],
    pt: ['Qual foi a taxa de abertura de e-mail?', 'Quais campanhas de e-mail tiveram mais descadastros?'],
  },
  agent_ranking: {
    es: ['¿Cuánto tardamos en asignar conversaciones?', '¿Cuál es la tasa de fallback del bot?'],
    en: ['How long does it take to assign conversations?', "What is the bot's fallback rate?"],
    pt: ['Quanto tempo levamos para atribuir conversas?', 'Qual é a taxa de fallback do bot?'],
  },
  chat_fallback_rate: {
    es: ['¿Qué agentes cerraron más conversaciones?', '¿Cuánto tardamos en asignar conversaciones?'],
    en: ['Which agents closed the most conversations?', 'How long does it take to assign conversations?'],
    pt: ['Quais agentes fecharam mais conversas?', 'Quanto tempo levamos para atribuir conversas?'],
  },
  journey_dropoff: {
    es: ['¿Qué paso del recorrido pierde más usuarios?', '¿Y el mes anterior?'],
    en: ['Which journey step loses the most users?', 'And the month before?'],
    pt: ['Qual etapa da jornada perde mais usuários?', 'E o mês anterior?'],
  },
  device_growth: {
    es: ['¿Y por plataforma?', '¿Cuál fue el CTR de push?'],
    en: ['And by platform?', 'What was the push CTR?'],
    pt: ['E por plataforma?', 'Qual foi o CTR de push?'],
  },
  channel_mix: {
    es: ['¿Qué canal tiene mejor CTR?', '¿Cómo evolucionaron los envíos?'],
    en: ['Which channel has the best CTR?', 'How did sends evolve?'],
    pt: ['Qual canal tem o melhor CTR?', 'Como evoluíram os envios?'],
  },
};

const STARTERS: Record<Lang, string[]> = {
  es: ['¿Cuál fue el CTR de push la semana pasada?', '¿A qué hora conviene enviar push?', '¿Cuánto costaron los SMS este mes?'],
  en: ['What was the push CTR last week?', 'When is the best time to send push?', 'How much did SMS cost this month?'],
  pt: ['Qual foi o CTR de push na semana passada?', 'Qual o melhor horário para enviar push?', 'Quanto custaram os SMS este mês?'],
};

/** Up to three follow-up questions, by rule from the tools that answered (starters when none did). */
export function suggestionsFor(lang: Lang, tools: readonly ToolName[]): string[] {
  const out: string[] = [];
  for (const t of tools) for (const s of FOLLOW_UPS[t]?.[lang] ?? []) if (!out.includes(s)) out.push(s);
  return (out.length ? out : STARTERS[lang]).slice(0, 3);
}
