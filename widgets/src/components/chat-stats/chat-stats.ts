import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgMetricFormat, IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { formatMetricValue, formatPeriod } from '../../i18n/format.js';
import '../chart/chart.define.js';
import { chatStatsStrings, type IgChatStatsStrings } from './chat-stats.i18n.js';
import styles from './chat-stats.styles.js';

/** Totals of a period or a day, as `GET /v1/chat` sends them. */
export interface IgChatFigures {
  sent: number;
  delivered: number;
  read: number;
  deliveryRate: number | null;
  readRate: number | null;
  /** Messages of the history export, every sendType. */
  messages: number;
  /** Messages of sendType `dialogflow` (Dialogflow and AI answers). */
  botMessages: number;
  fallbacks: number;
  /** fallbacks ÷ botMessages. */
  fallbackRate: number | null;
  bySendType: Record<string, number>;
  byCategory: Record<string, number>;
}

interface IgChatGroup {
  messages: number;
  delivered: number;
  read: number;
  fallbacks: number;
}

/** `GET /v1/chat` */
export interface IgChatResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  hasData: boolean;
  totals: IgChatFigures;
  bySendType: (IgChatGroup & { sendType: string })[];
  byChannel: (IgChatGroup & { channel: string })[];
  byCategory: { category: string; messages: number; share: number | null }[];
  days: (IgChatFigures & { day: string })[];
}

type CardKey = 'sent' | 'delivered' | 'deliveryRate' | 'read' | 'readRate' | 'fallbackRate';
const CARDS: readonly [CardKey, IgMetricFormat][] = [
  ['sent', 'count'],
  ['delivered', 'count'],
  ['deliveryRate', 'ratio'],
  ['read', 'count'],
  ['readRate', 'ratio'],
  ['fallbackRate', 'ratio'],
];

/**
 * Place it inside an `<ig-provider>`: it follows the shared period filter (unset: the last 30 days)
 * unless `from`/`to` are set. It shows the chat (WhatsApp) figures of the period: sent, delivered and
 * read messages with their rates, the bot's fallback rate with its definition, the messages by send
 * type and by WhatsApp category (bar charts, each with a table alternative) and the daily series of
 * sent, delivered and read messages.
 *
 * @summary Chat statistics: sent, delivered, read with rates, fallback rate, messages by send type and
 * category, daily series.
 *
 * @tag ig-chat-stats
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The statistics are rendered (also an empty period).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed; the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart cards - The grid of figures (`dl`).
 * @csspart card - One figure's card (carries `data-metric`).
 * @csspart label - A figure's name.
 * @csspart value - A figure's formatted value; `data-metric` and `data-value` (absent when null) hold its key and raw number.
 * @csspart description - The fallback rate's definition (also the card's `aria-describedby`).
 * @csspart period - The caption naming the period.
 * @csspart charts - The box of the two breakdown charts.
 * @csspart send-type-chart - The `<ig-chart>` of messages by send type.
 * @csspart category-chart - The `<ig-chart>` of messages by WhatsApp category.
 * @csspart daily-chart - The `<ig-chart>` of the daily series.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 * @csspart stale - The badge shown when the chat data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-chat-stats-card-min-width=8.5em] - Narrowest a card may get before the row wraps.
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: focus rings, bars, the first series.
 * @cssproperty [--ig-color-text=#1F2937] - Values.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels, captions and the definition.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Card background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Loading placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Card borders.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size; everything inside scales with it.
 * @cssproperty [--ig-radius=12px] - Card corner radius.
 * @cssproperty [--ig-spacing=1em] - Card padding; smaller gaps derive from it.
 */
export class IgChatStats extends IgDataElement<IgChatResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  protected get s(): IgChatStatsStrings {
    return chatStatsStrings(this.language);
  }

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  private specs?: { key: string; bars: IgChartSpec; daily: IgChartSpec };
  private rows?: { source: IgChatResponse; sendTypes: IgChartRow[]; categories: IgChartRow[]; days: IgChartRow[] };

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return { path: '/v1/chat', params: { from: own ? this.from : period.from, to: own ? this.to : period.to } };
  }

  protected dataGroups(): readonly string[] {
    return ['chat'];
  }

  protected override isEmpty(data: IgChatResponse): boolean {
    return !data.hasData;
  }

  protected label(): string {
    return this.s.label;
  }

  protected override renderSkeleton(): TemplateResult {
    const card = html`<div class="card"><span class="bone bone--label"></span><span class="bone bone--value"></span></div>`;
    return html`<div aria-hidden="true">
      <div class="cards">${card}${card}${card}${card}${card}${card}</div>
      <span class="bone bone--chart"></span>
    </div>`;
  }

  protected override renderEmpty(data: IgChatResponse): TemplateResult {
    return html`${super.renderEmpty(data)}${this.renderPeriod(data)}`;
  }

  private renderPeriod(data: IgChatResponse): TemplateResult {
    return html`<p part="period" class="period">${formatPeriod(this.formatLocale, data.period)}</p>`;
  }

  protected renderData(data: IgChatResponse): TemplateResult {
    const t = this.t;
    const c = this.s;
    const locale = this.formatLocale;
    const count = (n: number) => formatMetricValue(locale, 'count', n);
    const specs = this.chartSpecs();
    const rows = this.chartRows(data);
    return html`
      <dl part="cards" class="cards">
        ${CARDS.map(([key, format]) => {
          const value = data.totals[key];
          const fallback = key === 'fallbackRate';
          return html`<div part="card" class="card" data-metric=${key}>
            <dt part="label" class="label">${fallback ? c.fallbackRate : (t.metrics[key] ?? key)}</dt>
            <dd
              part="value"
              class="value"
              data-metric=${key}
              data-value=${value === null ? nothing : String(value)}
              aria-describedby=${fallback ? 'fallback-definition' : nothing}
            >
              ${formatMetricValue(locale, format, value)}
            </dd>
            ${fallback
              ? html`<dd part="description" class="description" id="fallback-definition">
                  ${c.fallbackDefinition(count(data.totals.fallbacks), count(data.totals.botMessages))}
                </dd>`
              : nothing}
          </div>`;
        })}
      </dl>
      ${this.renderPeriod(data)}
      <div part="charts" class="charts">
        <ig-chart
          part="send-type-chart"
          class="chart"
          .spec=${specs.bars}
          .data=${rows.sendTypes}
          .columns=${[
            { key: 'name', header: c.sendType },
            { key: 'messages', header: c.messages, format: 'integer' },
          ] satisfies IgChartColumn[]}
          label=${c.bySendType}
          lang=${locale}
        ></ig-chart>
        <ig-chart
          part="category-chart"
          class="chart"
          .spec=${specs.bars}
          .data=${rows.categories}
          .columns=${[
            { key: 'name', header: c.category },
            { key: 'messages', header: c.messages, format: 'integer' },
            { key: 'share', header: c.share, format: 'percent' },
          ] satisfies IgChartColumn[]}
          label=${c.byCategory}
          lang=${locale}
        ></ig-chart>
      </div>
      <ig-chart
        part="daily-chart"
        class="chart"
        .spec=${specs.daily}
        .data=${rows.days}
        .columns=${[
          { key: 'day', header: c.day, format: 'date' },
          { key: 'sent', header: t.metrics['sent'] ?? 'sent', format: 'integer' },
          { key: 'delivered', header: t.metrics['delivered'] ?? 'delivered', format: 'integer' },
          { key: 'read', header: t.metrics['read'] ?? 'read', format: 'integer' },
        ] satisfies IgChartColumn[]}
        label=${c.daily}
        lang=${locale}
      ></ig-chart>
    `;
  }

  /** Rows for the charts, rebuilt only for a new answer (so the charts do not redraw for nothing). */
  private chartRows(data: IgChatResponse) {
    if (this.rows?.source !== data) {
      this.rows = {
        source: data,
        sendTypes: data.bySendType.map((s) => ({ name: s.sendType, messages: s.messages })),
        categories: data.byCategory.map((s) => ({ name: s.category, messages: s.messages, share: s.share })),
        days: data.days.map((d) => ({ day: d.day, sent: d.sent, delivered: d.delivered, read: d.read })),
      };
    }
    return this.rows;
  }

  /** Specs, rebuilt only for a new language (series names are translated). */
  private chartSpecs() {
    const t = this.t;
    const key = this.language;
    if (this.specs?.key !== key) {
      const line = (field: string) => ({
        mark: { type: 'line', point: true },
        encoding: { y: { field, type: 'quantitative', title: null }, color: { datum: t.metrics[field] ?? field } },
      });
      this.specs = {
        key,
        bars: {
          mark: { type: 'bar', cornerRadiusEnd: 3 },
          encoding: {
            y: { field: 'name', type: 'nominal', sort: '-x', title: null },
            x: { field: 'messages', type: 'quantitative', title: this.s.messages },
          },
        } as IgChartSpec,
        daily: {
          encoding: { x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null } },
          layer: [line('sent'), line('delivered'), line('read')],
          height: 200,
        } as IgChartSpec,
      };
    }
    return this.specs;
  }
}
