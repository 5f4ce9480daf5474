import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgKpiChannel, IgMetricFormat, IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { templates } from '../../charts/compiled/timeseries.js';
import type { IgCompiledSpec } from '../../charts/template.js';
import { CHANNELS } from '../../filters/filters.js';
import { PLATFORM_NAMES } from '../../i18n/names.js';
import { STRINGS, type IgTimeseriesStrings } from './timeseries.i18n.js';
import { timeseriesShapeKey, timeseriesSpec, type IgTimeseriesShape, type IgTimeseriesSpecStrings } from './timeseries.spec.js';
import styles from './timeseries.styles.js';

/** Bucket size of `GET /v1/timeseries`. */
export type IgTimeseriesInterval = 'day' | 'week' | 'month';

/** `GET /v1/timeseries?channel&metric[&interval][&split=platform][&compare=previous][&from&to]` */
export interface IgTimeseriesResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  previousPeriod: IgPeriod | null;
  channel: IgKpiChannel;
  metric: string;
  format: IgMetricFormat;
  interval: IgTimeseriesInterval;
  split: 'platform' | null;
  currency: null;
  series: {
    /** `null`: all platforms. */
    platform: string | null;
    points: { bucket: string; from: string; to: string; value: number | null; previous?: number | null }[];
  }[];
}

/** Each channel's metrics, in the BFF's order (bff/services/kpis.ts, CHANNEL_METRICS). */
export const CHANNEL_METRICS: Readonly<Record<IgKpiChannel, readonly string[]>> = {
  push: ['sent', 'delivered', 'clicked', 'ctr'],
  inapp: ['impressions', 'clicked', 'dismissed', 'ctr', 'dismissRate'],
  sms: ['sent', 'delivered', 'clicked', 'rejected', 'cost', 'deliveryRate', 'ctr'],
  email: [
    'sent',
    'delivered',
    'opened',
    'clicked',
    'bounced',
    'unsubscribed',
    'spamReports',
    'deliveryRate',
    'openRate',
    'ctr',
    'clickToOpenRate',
    'bounceRate',
    'unsubscribeRate',
  ],
  chat: ['sent', 'delivered', 'read', 'deliveryRate', 'readRate'],
  wallet: ['issued', 'installed', 'uninstalled', 'updates', 'installRate'],
  all: ['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr'],
};

const INTERVALS: readonly IgTimeseriesInterval[] = ['day', 'week', 'month'];

/** d3-format of the y axis and the table's cell format, per metric format. */
const AXIS_FORMAT: Readonly<Record<IgMetricFormat, string>> = { count: ',~s', ratio: '.1~%', currency: ',.2~f', seconds: ',~s' };
const CELL_FORMAT: Readonly<Record<IgMetricFormat, IgChartColumn['format']>> = {
  count: 'integer',
  ratio: 'percent',
  currency: 'number',
  seconds: 'number',
};

/**
 * Place it inside an `<ig-provider>`. Draws one metric of a channel over the period as a line, per
 * day, ISO week or month (`interval`); with `compare`, the previous period of the same length as a
 * second, dashed line; with `split-platform`, one line per platform. The metric is chosen in the
 * element's labelled select, from the metrics the channel has (the `metric` property holds the
 * choice). Without its own `channel` it follows the provider's channel filter (none: `all`); without
 * `from`/`to` the shared period. The chart has a table alternative and exports PNG, SVG and CSV.
 *
 * @summary A metric of a channel over time, optionally against the previous period.
 *
 * @tag ig-timeseries
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is rendered (also an empty period).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart controls - The row holding the metric select.
 * @csspart metric-label - The metric select's label.
 * @csspart metric-select - The metric select.
 * @csspart chart - The `<ig-chart>` (its own parts are not exported).
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The error state's button that loads the data again.
 * @csspart stale - The badge shown when the channel's data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-chart-palette] - Series colours after the primary one.
 * @cssproperty [--ig-color-primary=#1E88E5] - The line of a single series, focus rings.
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Select and chart background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Select border, grid lines.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgTimeseries extends IgDataElement<IgTimeseriesResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  private get s(): IgTimeseriesStrings {
    return STRINGS[this.language] ?? STRINGS.es;
  }

  /** Channel (`push`, `inapp`, `sms`, `email`, `chat`, `wallet`, `all`). Unset: the provider's channel filter, else `all`. */
  @property({ reflect: true }) channel?: IgKpiChannel;

  /** Metric key (`sent`, `ctr`, …); the select sets it. Unset or not a metric of the channel: the channel's first metric. */
  @property({ reflect: true }) metric?: string;

  /** Bucket size: `day` (default), `week` (ISO weeks) or `month`. */
  @property() interval: IgTimeseriesInterval = 'day';

  /** Adds the previous period of the same length as a second, dashed series. */
  @property({ type: Boolean, reflect: true }) compare = false;

  /** One line per platform instead of the total. */
  @property({ type: Boolean, reflect: true, attribute: 'split-platform' }) splitPlatform = false;

  /** First day of the period (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  /** The channel shown: its own, else the shared filter's, else `all`. */
  private get shownChannel(): IgKpiChannel {
    const own = this.channel && this.channel in CHANNEL_METRICS ? this.channel : undefined;
    return own ?? this.ig?.filters.channel ?? 'all';
  }

  /** The metric shown: its own when the channel has it, else the channel's first. */
  private get shownMetric(): string {
    const metrics = CHANNEL_METRICS[this.shownChannel];
    return this.metric && metrics.includes(this.metric) ? this.metric : metrics[0]!;
  }

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return {
      path: '/v1/timeseries',
      params: {
        channel: this.shownChannel,
        metric: this.shownMetric,
        interval: INTERVALS.includes(this.interval) ? this.interval : 'day',
        split: this.splitPlatform ? 'platform' : undefined,
        compare: this.compare ? 'previous' : undefined,
        from: own ? this.from : period.from,
        to: own ? this.to : period.to,
      },
    };
  }

  protected dataGroups(): readonly string[] {
    const channel = this.shownChannel;
    return channel === 'all' ? CHANNELS : [channel];
  }

  protected label(): string {
    const channel = this.shownChannel;
    const metric = this.shownMetric;
    return this.s.label(this.t.metrics[metric] ?? metric, this.t.channels[channel] ?? channel);
  }

  protected override isEmpty(data: IgTimeseriesResponse): boolean {
    return !data.series.some((s) => s.points.some((p) => p.value !== null && p.value !== 0));
  }

  protected override renderEmpty(data: IgTimeseriesResponse): TemplateResult {
    return html`${this.renderControls()}${super.renderEmpty(data)}`;
  }

  protected override renderSkeleton(): TemplateResult {
    // The drawn chart's box (states.ts, .bone--chart): the page does not shift when it arrives.
    return html`${this.renderControls()}<div aria-hidden="true"><span class="bone bone--chart"></span></div>`;
  }

  private renderControls(): TemplateResult {
    const t = this.t;
    const shown = this.shownMetric;
    return html`<div part="controls" class="controls">
      <label part="metric-label" class="control-label" for="metric">${this.s.metric}</label>
      <select part="metric-select" id="metric" @change=${this.onMetric}>
        ${CHANNEL_METRICS[this.shownChannel].map(
          (key) => html`<option value=${key} ?selected=${key === shown}>${t.metrics[key] ?? key}</option>`,
        )}
      </select>
    </div>`;
  }

  private onMetric(event: Event): void {
    this.metric = (event.target as HTMLSelectElement).value;
  }

  /** One row per bucket and series: `{ bucket, series, value, previous? }`. */
  private rows(data: IgTimeseriesResponse): IgChartRow[] {
    const t = this.t;
    const compare = data.previousPeriod !== null;
    return data.series.flatMap((s) =>
      s.points.map((p) => ({
        bucket: p.bucket,
        series: s.platform === null ? this.s.total : (PLATFORM_NAMES[s.platform] ?? s.platform),
        value: p.value,
        ...(compare ? { previous: p.previous ?? null } : {}),
      })),
    );
  }

  /** What shapes the chart's spec (one compiled spec per shape) and the strings that fill it. */
  private specInput(data: IgTimeseriesResponse): { shape: IgTimeseriesShape; strings: IgTimeseriesSpecStrings } {
    return {
      shape: {
        compare: data.previousPeriod !== null,
        split: data.series.length > 1,
        point: data.series[0]!.points.length <= 31,
        month: data.interval === 'month',
      },
      strings: {
        value: this.s.value,
        previous: this.s.previous,
        metric: this.t.metrics[data.metric] ?? data.metric,
        format: AXIS_FORMAT[data.format],
      },
    };
  }

  private spec(data: IgTimeseriesResponse): IgChartSpec {
    const { shape, strings } = this.specInput(data);
    return timeseriesSpec(shape, strings);
  }

  /** The same spec, compiled to Vega at build time (ADR 027). */
  private compiled(data: IgTimeseriesResponse): IgCompiledSpec | undefined {
    const { shape, strings } = this.specInput(data);
    const load = templates[timeseriesShapeKey(shape)];
    // A blank string changes what Vega-Lite emits (a title left out): such a chart compiles in the browser.
    if (!load || Object.values(strings).some((text) => text.trim() === '')) return undefined;
    return { load, strings: { ...strings } };
  }

  private columns(data: IgTimeseriesResponse): IgChartColumn[] {
    const t = this.s;
    const format = CELL_FORMAT[data.format];
    return [
      { key: 'bucket', header: t.day, format: 'date' },
      ...(data.series.length > 1 ? [{ key: 'series', header: t.series }] : []),
      { key: 'value', header: t.value, format },
      ...(data.previousPeriod ? [{ key: 'previous', header: t.previous, format }] : []),
    ];
  }

  protected renderData(data: IgTimeseriesResponse): TemplateResult {
    return html`${this.renderControls()}
      <ig-chart
        part="chart"
        .label=${this.label()}
        .spec=${this.memo('spec', data, () => this.spec(data))}
        .compiled=${this.memo('compiled', data, () => this.compiled(data))}
        .data=${this.memo('rows', data, () => this.rows(data))}
        .columns=${this.memo('columns', data, () => this.columns(data))}
      ></ig-chart>
      ${nothing}`;
  }

  private memos = new Map<string, { data: unknown; language: string; value: unknown }>();

  /** The same object for the same answer and language, so the chart redraws only when they change. */
  private memo<V>(key: string, data: IgTimeseriesResponse, make: () => V): V {
    const hit = this.memos.get(key);
    if (hit && hit.data === data && hit.language === this.formatLocale) return hit.value as V;
    const value = make();
    this.memos.set(key, { data, language: this.formatLocale, value });
    return value;
  }
}
