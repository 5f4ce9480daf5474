/**
 * What a digest says, read under its owner's own RLS scope (the BFF's reader role, the owner's user
 * id: a subscription can only ever carry what its owner may see through /v1), with the same services
 * as /v1/kpis and /v1/timeseries; and how it reads: HTML with the charts as CID images, plain text,
 * CSV when asked.
 */
import { chartSpec } from '../../bff/chat/charts.js';
import type { Column } from '../../bff/chat/engine.js';
import { withScope } from '../../bff/db/scope.js';
import { toCsv } from '../../bff/routes/csv.js';
import { getAnalysis } from '../../bff/services/analyses.js';
import { CHANNEL_METRICS, KPI_CHANNELS, getKpis, type KpiChannel, type KpisResult } from '../../bff/services/kpis.js';
import { getTimeseries } from '../../bff/services/timeseries.js';
import type { Pool } from '../../lib/db.js';
import { formatValue, stringsFor } from './i18n.js';

export interface DigestSource {
  kind: 'summary' | 'analysis';
  channel?: KpiChannel | null;
  analysisId?: string | null;
}

export interface DigestSection {
  channel: KpiChannel;
  kpis: KpisResult;
  /** The daily series of the channel's first metric over the period. */
  series: { metric: string; format: string; points: { day: string; value: number | null }[] };
}

export interface DigestData {
  title: string | null;
  period: { from: string; to: string };
  sections: DigestSection[];
}

/** The channels a saved analysis shows: its widgets' `channel` attributes (push when none names one). */
export function channelsOfSpec(spec: unknown): KpiChannel[] {
  const found = new Set<KpiChannel>();
  const visit = (attrs: unknown) => {
    const c = (attrs as Record<string, unknown> | undefined)?.channel;
    if (typeof c === 'string' && (KPI_CHANNELS as readonly string[]).includes(c)) found.add(c as KpiChannel);
  };
  const s = spec as { attributes?: unknown; items?: { attributes?: unknown }[]; widgets?: { attributes?: unknown }[] };
  visit(s?.attributes);
  for (const w of [...(s?.items ?? []), ...(s?.widgets ?? [])]) visit(w.attributes);
  return found.size ? [...found].slice(0, 4) : ['push'];
}

export async function readDigest(
  api: Pool,
  scope: { projectId: string; userId: string },
  source: DigestSource,
  period: { from: string; to: string },
  statementTimeoutMs: number,
): Promise<DigestData> {
  return withScope(api, { ...scope, role: 'viewer' }, { readOnly: true, statementTimeoutMs }, async (db) => {
    let title: string | null = null;
    let channels: KpiChannel[];
    if (source.kind === 'analysis') {
      const a = await getAnalysis(db, source.analysisId!); // 404 when the owner may no longer see it
      title = a.name;
      channels = channelsOfSpec(a.spec);
    } else {
      channels = [source.channel ?? 'push'];
    }
    const sections: DigestSection[] = [];
    for (const channel of channels) {
      const kpis = await getKpis(db, { channel, ...period });
      const def = CHANNEL_METRICS[channel][0]!;
      const ts = await getTimeseries(db, { channel, metric: def.key, interval: 'day', ...period });
      sections.push({
        channel,
        kpis,
        series: { metric: def.key, format: ts.format, points: ts.series[0]!.points.map((p) => ({ day: p.bucket, value: p.value })) },
      });
    }
    return { title, period, sections };
  });
}

export interface MailContent {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer | string; contentType: string; cid?: string }[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function digestCsv(d: DigestData): string {
  return toCsv({
    columns: ['channel', 'metric', 'format', 'value', 'previous', 'change', 'from', 'to'],
    rows: d.sections.flatMap((s) => s.kpis.metrics.map((m) => [s.channel, m.key, m.format, m.value, m.previous, m.change, d.period.from, d.period.to])),
  });
}

const changeText = (locale: string, format: string, change: number | null) => {
  if (change === null) return '–';
  const sign = change > 0 ? '+' : '';
  return format === 'ratio'
    ? `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(change * 100)} pp`
    : `${sign}${new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(change)}`;
};

export async function renderDigest(
  d: DigestData,
  opts: { name: string; locale: string; attachCsv: boolean; unsubscribeUrl: string; test?: boolean },
): Promise<MailContent> {
  const t = stringsFor(opts.locale);
  const L = opts.locale;
  const attachments: MailContent['attachments'] = [];
  const htmlParts: string[] = [];
  const textParts: string[] = [];
  const subject = (opts.test ? t.testPrefix : '') + t.digestSubject(opts.name, d.period.from, d.period.to);
  htmlParts.push(`<h1 style="font:600 20px Arial,sans-serif;color:#1f2937">${esc(opts.name)}</h1>`);
  htmlParts.push(`<p style="font:14px Arial,sans-serif;color:#4b5563">${esc(t.period)}: ${d.period.from} – ${d.period.to}</p>`);
  textParts.push(opts.name, `${t.period}: ${d.period.from} – ${d.period.to}`, '');
  for (const [i, s] of d.sections.entries()) {
    const channelName = t.channels[s.channel] ?? s.channel;
    htmlParts.push(`<h2 style="font:600 16px Arial,sans-serif;color:#1f2937">${esc(channelName)}</h2>`);
    textParts.push(`== ${channelName} ==`);
    if (!s.kpis.hasData) {
      htmlParts.push(`<p>${esc(t.noData)}</p>`);
      textParts.push(t.noData, '');
      continue;
    }
    const rows = s.kpis.metrics.map((m) => {
      const name = t.metrics[m.key] ?? m.key;
      const v = formatValue(L, m.format, m.value);
      const p = formatValue(L, m.format, m.previous);
      const c = changeText(L, m.format, m.change);
      textParts.push(`${name}: ${v} (${t.previous}: ${p}, ${t.change}: ${c})`);
      return `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0">${esc(name)}</th><td data-metric="${esc(m.key)}" data-value="${m.value ?? ''}" style="text-align:right;padding:4px 12px">${esc(v)}</td><td style="text-align:right;padding:4px 12px;color:#4b5563">${esc(p)}</td><td style="text-align:right;padding:4px 0;color:#4b5563">${esc(c)}</td></tr>`;
    });
    htmlParts.push(
      `<table role="presentation" style="font:14px Arial,sans-serif;color:#1f2937;border-collapse:collapse"><thead><tr><th style="text-align:left">${esc(t.metric)}</th><th>${esc(t.value)}</th><th>${esc(t.previous)}</th><th>${esc(t.change)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
    const metricName = t.metrics[s.series.metric] ?? s.series.metric;
    const columns: Column[] = [
      { name: 'day', type: 'temporal' },
      { name: metricName, type: 'quantitative', format: s.series.format as Column['format'] },
    ];
    const spec = chartSpec({ columns, rows: s.series.points.map((p) => ({ day: p.day, [metricName]: p.value })) });
    if (spec) {
      // Vega, Vega-Lite and resvg (some 400 modules) load with the first digest that draws a chart,
      // not with every process that schedules reports (npm start's and the worker's start-up).
      const { renderChartPng } = await import('./chart.js');
      const chart = await renderChartPng(spec, { locale: L });
      const cid = `chart-${i}@insights`;
      attachments.push({ filename: `chart-${s.channel}.png`, content: chart.png, contentType: 'image/png', cid });
      htmlParts.push(`<p><img src="cid:${cid}" width="${chart.width}" height="${chart.height}" alt="${esc(t.chartAlt(metricName))}" style="display:block;max-width:100%;height:auto"></p>`);
    }
    textParts.push('');
  }
  if (opts.attachCsv) {
    attachments.push({ filename: `digest-${d.period.from}-${d.period.to}.csv`, content: digestCsv(d), contentType: 'text/csv; charset=utf-8' });
    htmlParts.push(`<p style="font:13px Arial,sans-serif;color:#4b5563">${esc(t.csvAttached)}</p>`);
    textParts.push(t.csvAttached);
  }
  htmlParts.push(
    `<p style="font:12px Arial,sans-serif;color:#6b7280">${esc(t.unsubscribeHint)} <a href="${esc(opts.unsubscribeUrl)}">${esc(t.unsubscribe)}</a></p>`,
  );
  textParts.push('', `${t.unsubscribeHint} ${t.unsubscribe}: ${opts.unsubscribeUrl}`);
  const html = `<!doctype html><html lang="${esc(L)}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head><body>${htmlParts.join('\n')}</body></html>`;
  return { subject, html, text: textParts.join('\n'), attachments };
}
