/** The words of the e-mails and webhooks, in the three languages of the product. */
export const REPORT_LOCALES = ['es', 'en', 'pt-BR'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

export interface ReportStrings {
  digestSubject: (name: string, from: string, to: string) => string;
  alertSubject: (name: string) => string;
  testPrefix: string;
  period: string;
  previous: string;
  change: string;
  metric: string;
  value: string;
  channel: string;
  noData: string;
  chartAlt: (metric: string) => string;
  unsubscribe: string;
  unsubscribeHint: string;
  csvAttached: string;
  alertBody: (metric: string, value: string, bound: string, day: string) => string;
  metrics: Record<string, string>;
  channels: Record<string, string>;
  unsubscribedPage: string;
  unsubscribeConfirm: string;
  unsubscribeButton: string;
  badLink: string;
}

const METRICS_EN: Record<string, string> = {
  sent: 'Sent', delivered: 'Delivered', clicked: 'Clicked', ctr: 'CTR', opened: 'Opened', impressions: 'Impressions',
  dismissed: 'Dismissed', dismissRate: 'Dismiss rate', rejected: 'Rejected', cost: 'Cost', deliveryRate: 'Delivery rate',
  openRate: 'Open rate', bounced: 'Bounced', unsubscribed: 'Unsubscribed', bounceRate: 'Bounce rate',
};

export const STRINGS: Record<ReportLocale, ReportStrings> = {
  en: {
    digestSubject: (n, f, t) => `${n}: ${f} – ${t}`,
    alertSubject: (n) => `Alert: ${n}`,
    testPrefix: '[Test] ',
    period: 'Period',
    previous: 'Previous period',
    change: 'Change',
    metric: 'Metric',
    value: 'Value',
    channel: 'Channel',
    noData: 'No data for this period.',
    chartAlt: (m) => `Daily ${m} over the period`,
    unsubscribe: 'Unsubscribe',
    unsubscribeHint: 'You receive this because you subscribed in indigitall Insights.',
    csvAttached: 'The figures are attached as CSV.',
    alertBody: (m, v, b, d) => `${m} was ${v} on ${d} (limit ${b}).`,
    metrics: METRICS_EN,
    channels: { push: 'Push', inapp: 'In-app', sms: 'SMS', email: 'Email', chat: 'Chat', wallet: 'Wallet', all: 'All channels' },
    unsubscribedPage: 'You are unsubscribed. You will receive no more of these messages.',
    unsubscribeConfirm: 'Stop receiving these messages?',
    unsubscribeButton: 'Unsubscribe',
    badLink: 'This link is not valid.',
  },
  es: {
    digestSubject: (n, f, t) => `${n}: ${f} – ${t}`,
    alertSubject: (n) => `Alerta: ${n}`,
    testPrefix: '[Prueba] ',
    period: 'Periodo',
    previous: 'Periodo anterior',
    change: 'Cambio',
    metric: 'Métrica',
    value: 'Valor',
    channel: 'Canal',
    noData: 'Sin datos en este periodo.',
    chartAlt: (m) => `${m} diario en el periodo`,
    unsubscribe: 'Darse de baja',
    unsubscribeHint: 'Recibes este mensaje porque te suscribiste en indigitall Insights.',
    csvAttached: 'Las cifras van adjuntas en CSV.',
    alertBody: (m, v, b, d) => `${m} fue ${v} el ${d} (límite ${b}).`,
    metrics: {
      sent: 'Enviados', delivered: 'Entregados', clicked: 'Clics', ctr: 'CTR', opened: 'Abiertos', impressions: 'Impresiones',
      dismissed: 'Descartados', dismissRate: 'Tasa de descarte', rejected: 'Rechazados', cost: 'Coste', deliveryRate: 'Tasa de entrega',
      openRate: 'Tasa de apertura', bounced: 'Rebotados', unsubscribed: 'Bajas', bounceRate: 'Tasa de rebote',
    },
    channels: { push: 'Push', inapp: 'In-app', sms: 'SMS', email: 'Email', chat: 'Chat', wallet: 'Wallet', all: 'Todos los canales' },
    unsubscribedPage: 'Te has dado de baja. No recibirás más mensajes de este tipo.',
    unsubscribeConfirm: '¿Dejar de recibir estos mensajes?',
    unsubscribeButton: 'Darse de baja',
    badLink: 'Este enlace no es válido.',
  },
  'pt-BR': {
    digestSubject: (n, f, t) => `${n}: ${f} – ${t}`,
    alertSubject: (n) => `Alerta: ${n}`,
    testPrefix: '[Teste] ',
    period: 'Período',
    previous: 'Período anterior',
    change: 'Variação',
    metric: 'Métrica',
    value: 'Valor',
    channel: 'Canal',
    noData: 'Sem dados neste período.',
    chartAlt: (m) => `${m} diário no período`,
    unsubscribe: 'Cancelar inscrição',
    unsubscribeHint: 'Você recebe esta mensagem porque se inscreveu no indigitall Insights.',
    csvAttached: 'Os números estão anexados em CSV.',
    alertBody: (m, v, b, d) => `${m} foi ${v} em ${d} (limite ${b}).`,
    metrics: {
      sent: 'Enviados', delivered: 'Entregues', clicked: 'Cliques', ctr: 'CTR', opened: 'Abertos', impressions: 'Impressões',
      dismissed: 'Descartados', dismissRate: 'Taxa de descarte', rejected: 'Rejeitados', cost: 'Custo', deliveryRate: 'Taxa de entrega',
      openRate: 'Taxa de abertura', bounced: 'Devolvidos', unsubscribed: 'Descadastros', bounceRate: 'Taxa de devolução',
    },
    channels: { push: 'Push', inapp: 'In-app', sms: 'SMS', email: 'Email', chat: 'Chat', wallet: 'Wallet', all: 'Todos os canais' },
    unsubscribedPage: 'Inscrição cancelada. Você não receberá mais estas mensagens.',
    unsubscribeConfirm: 'Deixar de receber estas mensagens?',
    unsubscribeButton: 'Cancelar inscrição',
    badLink: 'Este link não é válido.',
  },
};

export const stringsFor = (locale: string): ReportStrings => STRINGS[(REPORT_LOCALES as readonly string[]).includes(locale) ? (locale as ReportLocale) : 'en'];

/** A metric's value as people read it in that language (counts grouped, ratios as %). */
export function formatValue(locale: string, format: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (format === 'ratio') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  if (format === 'currency') return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v);
}
