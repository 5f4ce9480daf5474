import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgChannel, IgMetricFormat, IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { templates } from '../../charts/compiled/channel-mix.js';
import type { IgCompiledSpec } from '../../charts/template.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { CHANNELS } from '../../filters/filters.js';
import { formatMetricValue } from '../../i18n/format.js';
import { STRINGS, type IgChannelMixStrings } from './channel-mix.i18n.js';
import { channelMixShapeKey, channelMixSpec, type IgChannelMixShape, type IgChannelMixSpecStrings } from './channel-mix.spec.js';
import styles from './channel-mix.styles.js';

/** `GET /v1/breakdown?by=channel[&metric][&from&to]` */
export interface IgBreakdownResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  by: 'platform' | 'channel' | 'category';
  channel: string | null;
  metric: string;
  format: IgMetricFormat;
  currency: null;
  /** Counts: the sum of the rows; ratios by channel: `null`. */
  total: number | null;
  /** Largest first. `share`: of `total` (`null` for ratios). */
  rows: { key: string; value: number | null; share: number | null }[];
}

const percent = new Map<string, Intl.NumberFormat>();
const formatShare = (locale: string, share: number | null) => {
  if (share === null) return '—';
  let f = percent.get(locale);
  if (!f) percent.set(locale, (f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })));
  return f.format(share);
};

/**
 * Place it inside an `<ig-provider>`. Shows how a metric (`sent` by default) splits across the
 * channels that have it, as bars, with a list of channel buttons below: pressing one (click, Enter or
 * Space) sets the provider's shared channel filter to that channel, so every element that follows the
 * filter shows it (pressing the selected one again clears it); `ig-filter-change` is dispatched from
 * this element. The selected channel's button is `aria-pressed` and its bar is highlighted. Without
 * `from`/`to` it follows the shared period.
 *
 * @summary The share of a metric across channels; selecting a channel filters the dashboard.
 *
 * @tag ig-channel-mix
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is rendered (also an empty period).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 * @event {CustomEvent<IgFilterChangeDetail>} ig-filter-change - A user selected (or cleared) a channel: the shared channel filter changed.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart chart - The `<ig-chart>` (bars).
 * @csspart channels - The list of channel buttons (a labelled group).
 * @csspart channel-button - A channel's button (`data-channel`, `aria-pressed` when it is the shared filter).
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The error state's button that loads the data again.
 * @csspart stale - The badge shown when a channel's data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-color-primary=#1E88E5] - Bars, focus rings.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - The selected channel's button.
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Buttons and chart background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Button borders, grid lines.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgChannelMix extends IgDataElement<IgBreakdownResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  private get s(): IgChannelMixStrings {
    return STRINGS[this.language] ?? STRINGS.es;
  }

  /** The metric compared across channels (`sent`, `delivered`, `clicked`, `ctr`, …). Default `sent`. */
  @property({ reflect: true }) metric = 'sent';

  /** First day of the period (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return {
      path: '/v1/breakdown',
      params: { by: 'channel', metric: this.metric || 'sent', from: own ? this.from : period.from, to: own ? this.to : period.to },
    };
  }

  protected dataGroups(): readonly string[] {
    return CHANNELS;
  }

  protected label(): string {
    const metric = this.metric || 'sent';
    return this.s.label(this.t.metrics[metric] ?? metric);
  }

  protected override isEmpty(data: IgBreakdownResponse): boolean {
    return !data.rows.some((r) => r.value !== null && r.value !== 0);
  }

  private get selected(): IgChannel | null {
    return this.ig?.filters.channel ?? null;
  }

  private select(channel: string): void {
    const next = this.selected === channel ? null : (channel as IgChannel);
    this.ig?.setFilters({ channel: next }, this);
  }

  private rows(data: IgBreakdownResponse): IgChartRow[] {
    return data.rows.map((r) => ({ channel: this.t.channels[r.key] ?? r.key, key: r.key, value: r.value, share: r.share }));
  }

  private specInput(data: IgBreakdownResponse, selected: string | null): { shape: IgChannelMixShape; strings: IgChannelMixSpecStrings } {
    return {
      shape: { selected: selected !== null },
      strings: {
        metric: this.t.metrics[data.metric] ?? data.metric,
        format: data.format === 'ratio' ? '.1~%' : ',~s',
        selected: selected ?? '',
      },
    };
  }

  private spec(data: IgBreakdownResponse, selected: string | null): IgChartSpec {
    const { shape, strings } = this.specInput(data, selected);
    return channelMixSpec(shape, strings);
  }

  /** The same spec, compiled to Vega at build time (ADR 027). */
  private compiled(data: IgBreakdownResponse, selected: string | null): IgCompiledSpec | undefined {
    const { shape, strings } = this.specInput(data, selected);
    const load = templates[channelMixShapeKey(shape)];
    // A blank string changes what Vega-Lite emits (a title left out): such a chart compiles in the browser.
    if (!load || strings.metric.trim() === '') return undefined;
    return { load, strings: { ...strings } };
  }

  private columns(data: IgBreakdownResponse): IgChartColumn[] {
    const t = this.s;
    return [
      { key: 'channel', header: t.channel },
      { key: 'value', header: this.t.metrics[data.metric] ?? t.value, format: data.format === 'ratio' ? 'percent' : data.format === 'count' ? 'integer' : 'number' },
      ...(data.format === 'ratio' ? [] : [{ key: 'share', header: t.share, format: 'percent' as const }]),
    ];
  }

  protected renderData(data: IgBreakdownResponse): TemplateResult {
    const t = this.t;
    const locale = this.formatLocale;
    const selected = this.selected;
    return html`
      <ig-chart
        part="chart"
        data-bars=${data.rows.filter((r) => r.value !== null).length}
        .label=${this.label()}
        .spec=${this.memo('spec', data, selected, () => this.spec(data, selected))}
        .compiled=${this.memo('compiled', data, selected, () => this.compiled(data, selected))}
        .data=${this.memo('rows', data, null, () => this.rows(data))}
        .columns=${this.memo('columns', data, null, () => this.columns(data))}
      ></ig-chart>
      <ul part="channels" class="channels" aria-label=${this.s.select}>
        ${data.rows.map((r) => {
          const name = t.channels[r.key] ?? r.key;
          const value = formatMetricValue(locale, data.format, r.value);
          const share = formatShare(locale, r.share);
          return html`<li>
            <button
              part="channel-button"
              class="channel"
              type="button"
              data-channel=${r.key}
              aria-pressed=${selected === r.key ? 'true' : 'false'}
              @click=${() => this.select(r.key)}
            >
              <span>${name}</span> <span class="channel-share">${data.format === 'ratio' ? value : share}</span>
            </button>
          </li>`;
        })}
      </ul>
    `;
  }

  private memos = new Map<string, { data: unknown; extra: unknown; language: string; value: unknown }>();

  /** The same object for the same inputs, so the chart redraws only when they change. */
  private memo<V>(key: string, data: IgBreakdownResponse, extra: unknown, make: () => V): V {
    const hit = this.memos.get(key);
    if (hit && hit.data === data && hit.extra === extra && hit.language === this.formatLocale) return hit.value as V;
    const value = make();
    this.memos.set(key, { data, extra, language: this.formatLocale, value });
    return value;
  }
}
