import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { formatMetricValue } from '../../i18n/format.js';
import { STRINGS, type IgDeviceStatsStrings } from './device-stats.i18n.js';
import styles from './device-stats.styles.js';

export interface IgDevicesDay {
  day: string;
  new: number;
  /** `null`: no data that day. */
  active: number | null;
  unregistered: number;
}

export interface IgDevicesTotals {
  new: number;
  unregistered: number;
  /** Average of the daily active devices over the days with data (never a sum). */
  activeAverage: number | null;
  /** Active devices on the last day with data. */
  activeLastDay: number | null;
  lastDay: string | null;
}

/** `GET /v1/devices[?split=platform][&from&to]` */
export interface IgDevicesResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  split: 'platform' | null;
  totals: IgDevicesTotals;
  days: IgDevicesDay[];
  platforms?: { platform: string; totals: IgDevicesTotals; days: IgDevicesDay[] }[];
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Place it inside an `<ig-provider>`. Shows the period's new and unregistered devices (totals, and
 * per day as bars) and the active devices as two figures: the daily average and the last day with
 * data. Active devices are a daily count of distinct devices, so they are averaged, never summed
 * across days. Without `from`/`to` it follows the shared period. Each figure's value has
 * `data-metric` (`new`, `unregistered`, `activeAverage`, `activeLastDay`) and `data-value` (the raw
 * number, absent when there is none).
 *
 * @summary New, unregistered and active devices of a period.
 *
 * @tag ig-device-stats
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is rendered (also an empty period).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart figures - The list of figures.
 * @csspart figure - One figure (`data-metric`).
 * @csspart figure-label - A figure's name.
 * @csspart figure-value - A figure's formatted value (`data-metric`, `data-value`).
 * @csspart chart - The `<ig-chart>`: new and unregistered devices per day.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The error state's button that loads the data again.
 * @csspart stale - The badge shown when the device data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-device-stats-figure-min-width=8.5em] - Narrowest a figure may get before the row wraps.
 * @cssproperty [--ig-chart-palette] - Series colours after the primary one.
 * @cssproperty [--ig-color-primary=#1E88E5] - New devices.
 * @cssproperty [--ig-color-text=#1F2937] - Values.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Figure background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Figure borders.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgDeviceStats extends IgDataElement<IgDevicesResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  private get s(): IgDeviceStatsStrings {
    return STRINGS[this.language] ?? STRINGS.es;
  }

  /** First day of the period (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return { path: '/v1/devices', params: { from: own ? this.from : period.from, to: own ? this.to : period.to } };
  }

  protected dataGroups(): readonly string[] {
    return ['devices'];
  }

  protected label(): string {
    return this.s.label;
  }

  protected override isEmpty(data: IgDevicesResponse): boolean {
    const t = data.totals;
    return t.new === 0 && t.unregistered === 0 && t.activeAverage === null;
  }

  private day(iso: string): string {
    const locale = this.formatLocale;
    let f = dayFormats.get(locale);
    if (!f) dayFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
    return f.format(new Date(`${iso}T00:00:00Z`));
  }

  private rows(data: IgDevicesResponse): IgChartRow[] {
    return data.days.map((d) => ({ day: d.day, new: d.new, unregistered: d.unregistered, active: d.active }));
  }

  private spec(): IgChartSpec {
    const t = this.s;
    return {
      transform: [
        { fold: ['new', 'unregistered'], as: ['series', 'count'] },
        { calculate: `datum.series === 'new' ? ${JSON.stringify(t.new)} : ${JSON.stringify(t.unregistered)}`, as: 'seriesName' },
      ],
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'day', type: 'ordinal', timeUnit: 'utcyearmonthdate', title: null, axis: { format: '%d %b', labelOverlap: true } },
        xOffset: { field: 'seriesName', sort: [t.new, t.unregistered] },
        y: { field: 'count', type: 'quantitative', title: null, axis: { format: ',~s', tickCount: 4 } },
        color: { field: 'seriesName', type: 'nominal', title: null, sort: [t.new, t.unregistered], legend: { orient: 'bottom' } },
      },
    } as IgChartSpec;
  }

  private columns(): IgChartColumn[] {
    const t = this.s;
    return [
      { key: 'day', header: t.day, format: 'date' },
      { key: 'new', header: t.new, format: 'integer' },
      { key: 'unregistered', header: t.unregistered, format: 'integer' },
      { key: 'active', header: t.active, format: 'integer' },
    ];
  }

  protected renderData(data: IgDevicesResponse): TemplateResult {
    const t = this.s;
    const locale = this.formatLocale;
    const figures: { metric: keyof IgDevicesTotals; label: string; value: number | null }[] = [
      { metric: 'new', label: t.new, value: data.totals.new },
      { metric: 'unregistered', label: t.unregistered, value: data.totals.unregistered },
      { metric: 'activeAverage', label: t.activeAverage, value: data.totals.activeAverage },
      {
        metric: 'activeLastDay',
        label: t.activeLastDay(data.totals.lastDay ? this.day(data.totals.lastDay) : '—'),
        value: data.totals.activeLastDay,
      },
    ];
    return html`
      <dl part="figures" class="figures">
        ${figures.map(
          (f) => html`<div part="figure" class="figure" data-metric=${f.metric}>
            <dt part="figure-label" class="figure-label">${f.label}</dt>
            <dd part="figure-value" class="figure-value" data-metric=${f.metric} data-value=${f.value === null ? nothing : String(f.value)}>
              ${formatMetricValue(locale, 'count', f.value)}
            </dd>
          </div>`,
        )}
      </dl>
      <ig-chart
        part="chart"
        .label=${t.chart}
        .spec=${this.memo('spec', data, () => this.spec())}
        .data=${this.memo('rows', data, () => this.rows(data))}
        .columns=${this.memo('columns', data, () => this.columns())}
      ></ig-chart>
    `;
  }

  private memos = new Map<string, { data: unknown; language: string; value: unknown }>();

  /** The same object for the same answer and language, so the chart redraws only when they change. */
  private memo<V>(key: string, data: IgDevicesResponse, make: () => V): V {
    const hit = this.memos.get(key);
    if (hit && hit.data === data && hit.language === this.formatLocale) return hit.value as V;
    const value = make();
    this.memos.set(key, { data, language: this.formatLocale, value });
    return value;
  }
}
