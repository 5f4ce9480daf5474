import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgKpiChannel, IgKpisResponse } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { CHANNELS } from '../../filters/filters.js';
import { formatChange, formatMetricValue, formatPeriod, type IgTrend } from '../../i18n/format.js';
import styles from './channel-kpis.styles.js';

const ARROWS: Readonly<Record<IgTrend, string>> = { up: '↑', down: '↓', flat: '→', none: '' };

/**
 * How many metrics the BFF answers per channel (bff/services/kpis.ts, CHANNEL_METRICS): the skeleton
 * has as many cards. Counts only, to keep the up-front bundle small; a test checks them against the
 * time series' CHANNEL_METRICS, which lists the keys.
 */
export const METRIC_COUNTS: Readonly<Record<IgKpiChannel, number>> = { push: 4, inapp: 5, sms: 7, email: 13, chat: 5, wallet: 5, all: 5 };

/**
 * Place it inside an `<ig-provider>`. Without its own `channel` it follows the provider's channel
 * filter (no channel selected: `all`, the cross-channel totals); without its own `from`/`to` it
 * follows the provider's period filter. Each channel has its own metrics (push: sent, delivered,
 * clicks, CTR; email: opens, bounces, rates…; docs/adr/010). Each value element carries
 * `data-metric` and `data-value` (the raw number, absent when there is none) for tests and
 * integrations that need exact figures.
 *
 * @summary The headline numbers of one channel (or all) for a period, each with its change against
 * the previous period of the same length.
 *
 * @tag ig-channel-kpis
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is
 * rendered (also when the period is empty). `detail.durationMs`: from the request's start to render.
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and
 * the error state is shown. `detail`: `{ status, code }` (status 0 and code `network` without an HTTP answer).
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart cards - The grid of cards.
 * @csspart card - One metric's card (also carries `data-metric`).
 * @csspart label - A metric's name.
 * @csspart value - A metric's formatted value; `data-metric` and `data-value` hold its key and raw number.
 * @csspart change - The change versus the previous period (arrow and amount).
 * @csspart period - The caption naming the period and the one it is compared with.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 * @csspart stale - The badge shown when the channel's data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-channel-kpis-card-min-width=9.5em] - Narrowest a card may get before the row wraps.
 * @cssproperty [--ig-channel-kpis-gap=0.75em] - Space between cards.
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: focus rings.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - Darker brand blue for filled buttons (readable with white text).
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D, so it reads on any page).
 * @cssproperty [--ig-color-text=#1F2937] - Values and headings.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels and captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Card background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Loading placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Card borders.
 * @cssproperty [--ig-color-positive=#137333] - Rising changes (text).
 * @cssproperty [--ig-color-positive-surface=#E6F4EA] - Rising changes (background).
 * @cssproperty [--ig-color-negative=#B3261E] - Falling changes and error text.
 * @cssproperty [--ig-color-negative-surface=#FCE8E6] - Falling changes (background).
 * @cssproperty [--ig-color-warning=#8A4B00] - Stale badge (text).
 * @cssproperty [--ig-color-warning-surface=#FFF3E0] - Stale badge (background).
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface (the page must load Inter itself).
 * @cssproperty [--ig-font-size=medium] - Base text size; everything inside scales with it.
 * @cssproperty [--ig-radius=12px] - Card corner radius.
 * @cssproperty [--ig-spacing=1em] - Card padding; smaller gaps derive from it.
 * @cssproperty [--ig-shadow=0 1px 2px rgb(16 24 40 / 0.06)] - Card shadow.
 */
export class IgChannelKpis extends IgDataElement<IgKpisResponse> {
  static override styles = styles;

  /**
   * Channel whose numbers are shown: `push`, `inapp`, `sms`, `email`, `chat`, `wallet` or `all`.
   * Unset: the provider's channel filter, else `all`.
   */
  @property({ reflect: true }) channel?: IgKpiChannel;

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  /** ISO 4217 code of the account's currency, for money metrics (SMS cost); unset: a plain number. */
  @property() currency?: string;

  /** The channel shown: its own, else the shared filter's, else `all`. */
  private get shownChannel(): IgKpiChannel {
    return this.channel ?? this.ig?.filters.channel ?? 'all';
  }

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return {
      path: '/v1/kpis',
      params: { channel: this.shownChannel, from: own ? this.from : period.from, to: own ? this.to : period.to },
    };
  }

  protected dataGroups(): readonly string[] {
    const channel = this.shownChannel;
    return channel === 'all' ? CHANNELS : [channel];
  }

  protected override isEmpty(data: IgKpisResponse): boolean {
    return !data.hasData;
  }

  protected label(): string {
    const channel = this.shownChannel;
    return this.t.kpisLabel(this.t.channels[channel] ?? channel);
  }

  protected override renderSkeleton(): TemplateResult {
    const card = html`
      <div class="card card--skeleton">
        <span class="bone bone--label"></span>
        <span class="bone bone--value"></span>
        <span class="bone bone--change"></span>
      </div>
    `;
    // One card per metric the BFF answers for the channel (METRIC_COUNTS), and the period line below them, so the
    // cards' rows do not grow when the data arrives (CLS).
    const cards = Array.from({ length: METRIC_COUNTS[this.shownChannel] ?? 4 }, () => card);
    return html`<div part="cards" class="cards" aria-hidden="true">${cards}</div>
      <p class="period" aria-hidden="true"><span class="bone bone--period"></span></p>`;
  }

  protected renderData(data: IgKpisResponse): TemplateResult {
    const t = this.t;
    const locale = this.formatLocale;
    return html`
      <dl part="cards" class="cards">
        ${data.metrics.map((metric) => {
          const change = formatChange(locale, t, metric.format, metric.change);
          return html`
            <div part="card" class="card" data-metric=${metric.key}>
              <dt part="label" class="label">${t.metrics[metric.key] ?? metric.key}</dt>
              <dd
                part="value"
                class="value"
                data-metric=${metric.key}
                data-value=${metric.value === null ? nothing : String(metric.value)}
              >
                ${formatMetricValue(locale, metric.format, metric.value, this.currency)}
              </dd>
              <dd part="change" class="change change--${change.trend}">
                <span aria-hidden="true">${ARROWS[change.trend]} ${change.text}</span>
                <span class="sr-only">${change.label}</span>
              </dd>
            </div>
          `;
        })}
      </dl>
      ${this.renderPeriod(data)}
    `;
  }

  protected override renderEmpty(data: IgKpisResponse): TemplateResult {
    return html`${super.renderEmpty(data)}${this.renderPeriod(data)}`;
  }

  private renderPeriod(data: IgKpisResponse): TemplateResult {
    const locale = this.formatLocale;
    return html`<p part="period" class="period">
      ${this.t.period(formatPeriod(locale, data.period), formatPeriod(locale, data.previousPeriod))}
    </p>`;
  }
}
