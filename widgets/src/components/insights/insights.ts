import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { formatChange, formatMetricValue, formatPeriod } from '../../i18n/format.js';
import { STRINGS, type IgInsightsStrings } from './insights.i18n.js';
import styles from './insights.styles.js';

/** The channels `GET /v1/insights` judges. */
const INSIGHT_CHANNELS = ['push', 'inapp', 'sms', 'email'];

export interface IgInsightDriver {
  dimension: 'platform' | 'campaign' | 'weekday' | 'lifecycle';
  key: string;
  label: string;
  value: number | null;
  baseValue: number | null;
  /** Counts: messages; ratios: the rate's share of the change (a fraction). */
  contribution: number;
  share: number | null;
}

/** `GET /v1/insights[?from&to][&channel]` */
export interface IgInsightsResponse {
  projectId: string;
  timeZone: string;
  channel: string | null;
  period: IgPeriod;
  weeks: number;
  threshold: number;
  checked: number;
  /** Largest |z| first. Empty: nothing unusual. */
  insights: {
    channel: string;
    metric: string;
    format: 'count' | 'ratio';
    value: number;
    usual: number;
    stdDev: number;
    windows: number;
    /** Counts: relative change against the usual value. Ratios: absolute difference. */
    change: number | null;
    z: number;
    basePeriod: IgPeriod;
    drivers: IgInsightDriver[];
  }[];
}

const numbers = new Map<string, Intl.NumberFormat>();
const formatNumber = (locale: string, value: number, options: Intl.NumberFormatOptions) => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f.format(value);
};

/**
 * Place it inside an `<ig-provider>`. Lists the period's most notable changes of the project: each
 * channel's metric (sends, deliveries, opens, clicks, impressions and their rates) compared with the
 * same window over the previous weeks, shown when it is beyond 3 standard deviations of them, largest
 * first (at most five). Each shows its value against the usual one, the change, the z score, and its
 * main drivers (platform, campaign, weekday) with their contributions, against the same window one
 * cycle before (`GET /v1/insights`, the decomposition of `GET /v1/explain`). Nothing unusual: a
 * message says so; no channel with two earlier windows of data to compare with: a message says that. Without `from`/`to` it follows the shared period; it follows the shared channel
 * filter (a channel it does not judge, such as chat or wallet, shows nothing unusual).
 *
 * @summary The period's most notable changes, with what drove them.
 *
 * @tag ig-insights
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is rendered (also when nothing is unusual).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart list - The ordered list of notable changes.
 * @csspart insight - One change (`data-channel`, `data-metric`, `data-trend` = `up`|`down`).
 * @csspart title - A change's metric and channel.
 * @csspart figures - A change's value against the usual one, the change and the z score.
 * @csspart drivers - A change's list of main drivers.
 * @csspart driver - One driver (`data-dimension`, `data-key`).
 * @csspart message - The empty ("nothing unusual"), error and not-connected messages.
 * @csspart retry-button - The error state's button that loads the data again.
 * @csspart stale - The badge shown when a channel's data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Figures.
 * @cssproperty [--ig-color-surface=#FFFFFF] - A change's card background.
 * @cssproperty [--ig-color-border=#E2E6EC] - A change's card border.
 * @cssproperty [--ig-color-positive=#137333] - A rise.
 * @cssproperty [--ig-color-negative=#B3261E] - A drop.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgInsights extends IgDataElement<IgInsightsResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  private get s(): IgInsightsStrings {
    return STRINGS[this.language] ?? STRINGS.es;
  }

  /** First day of the period (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  /** The shared channel filter, when it is one the BFF judges. */
  private get channel(): string | null {
    return this.ig?.filters.channel ?? null;
  }

  protected request({ period, filters }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    const channel = filters.channel && INSIGHT_CHANNELS.includes(filters.channel) ? filters.channel : undefined;
    return { path: '/v1/insights', params: { from: own ? this.from : period.from, to: own ? this.to : period.to, channel } };
  }

  protected dataGroups(): readonly string[] {
    return INSIGHT_CHANNELS;
  }

  protected label(): string {
    return this.s.label;
  }

  /** The insights to show: none when the shared channel is one the BFF does not judge. */
  private shown(data: IgInsightsResponse): IgInsightsResponse['insights'] {
    const channel = this.channel;
    return channel && !INSIGHT_CHANNELS.includes(channel) ? [] : data.insights;
  }

  protected override isEmpty(data: IgInsightsResponse): boolean {
    return this.shown(data).length === 0;
  }

  protected override renderEmpty(data: IgInsightsResponse): TemplateResult {
    return html`<p part="message" class="message" role="status">${data.checked === 0 ? this.s.noHistory : this.s.nothing}</p>`;
  }

  private driverLabel(d: IgInsightDriver): string {
    if (d.dimension === 'weekday') return this.s.weekdays[d.key] ?? d.label;
    if (d.dimension === 'platform') return ({ ios: 'iOS', android: 'Android', web: 'Web' } as Record<string, string>)[d.key] ?? d.label;
    return d.label;
  }

  private contribution(format: 'count' | 'ratio', c: number): string {
    const locale = this.formatLocale;
    const sign = c > 0 ? '+' : c < 0 ? '−' : '';
    if (format === 'ratio') return sign + this.t.percentagePoints(formatNumber(locale, Math.abs(c) * 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    return sign + formatMetricValue(locale, 'count', Math.abs(c));
  }

  /** The change against the usual value, in words (formatChange's label speaks of the previous period). */
  private spoken(format: 'count' | 'ratio', change: number | null): string {
    if (change === null) return this.t.change.none;
    const amount =
      format === 'ratio'
        ? this.t.percentagePointsLong(formatNumber(this.formatLocale, Math.abs(change) * 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
        : formatNumber(this.formatLocale, Math.abs(change), { style: 'percent', maximumFractionDigits: 1 });
    return change >= 0 ? this.s.rose(amount) : this.s.fell(amount);
  }

  protected renderData(data: IgInsightsResponse): TemplateResult {
    const t = this.t;
    const s = this.s;
    const locale = this.formatLocale;
    return html`<ol part="list" class="list">
      ${this.shown(data).map((i) => {
        const change = formatChange(locale, t, i.format, i.change);
        const z = formatNumber(locale, i.z, { maximumFractionDigits: 1, signDisplay: 'always' });
        const trend = i.value >= i.usual ? 'up' : 'down';
        return html`<li part="insight" class="insight" data-channel=${i.channel} data-metric=${i.metric} data-trend=${trend}>
          <p part="title" class="title">${s.title(t.metrics[i.metric] ?? i.metric, t.channels[i.channel] ?? i.channel)}</p>
          <p part="figures" class="figures">
            <span class="versus">${s.versus(formatMetricValue(locale, i.format, i.value), formatMetricValue(locale, i.format, i.usual))}</span>
            <span class="change trend--${trend}"><span aria-hidden="true">${trend === 'up' ? '▲' : '▼'} ${change.text}</span><span class="sr-only">${this.spoken(i.format, i.change)}</span></span>
            <span class="z"><span aria-hidden="true">${s.z(z)}</span><span class="sr-only">${s.zLong(z, data.weeks)}</span></span>
          </p>
          ${i.drivers.length
            ? html`<p class="drivers-title">${s.drivers} <span class="base">(${s.base(formatPeriod(locale, i.basePeriod))})</span></p>
                <ul part="drivers" class="drivers">
                  ${i.drivers.map(
                    (d) => html`<li part="driver" data-dimension=${d.dimension} data-key=${d.key}>
                      ${s.dimensions[d.dimension]}: <span class="driver-label">${this.driverLabel(d)}</span>
                      <span class="contribution">${this.contribution(i.format, d.contribution)}</span>
                    </li>`,
                  )}
                </ul>`
            : ''}
        </li>`;
      })}
    </ol>`;
  }
}
