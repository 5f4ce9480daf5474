import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgMetricFormat, IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { formatInstant, formatMetricValue, formatPeriod } from '../../i18n/format.js';
import '../chart/chart.define.js';
import { campaignDetailStrings, type IgCampaignDetailStrings } from './campaign-detail.i18n.js';
import styles from './campaign-detail.styles.js';

type Count = number | null;

/** The figures of a campaign (totals and each day), as `GET /v1/campaigns/:id` sends them. */
export interface IgCampaignMetrics {
  sent: Count;
  delivered: Count;
  opened: Count;
  clicked: Count;
  impressions: Count;
  bounced: Count;
  unsubscribed: Count;
  cost: Count;
  currency: null;
  deliveryRate: Count;
  openRate: Count;
  ctr: Count;
}

/** `GET /v1/campaigns/:id` */
export interface IgCampaignResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  campaign: {
    id: number;
    name: string;
    channel: string;
    status: string;
    createdAt: string | null;
    createdDay: string | null;
    removedOn: string | null;
  };
  totals: IgCampaignMetrics;
  daily: (IgCampaignMetrics & { day: string })[];
}

type MetricKey = Exclude<keyof IgCampaignMetrics, 'currency'>;

/** Always shown (a dash when null); the others only when the channel has them. */
const ALWAYS: readonly MetricKey[] = ['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr'];
const ORDER: readonly MetricKey[] = ['sent', 'delivered', 'impressions', 'opened', 'clicked', 'bounced', 'unsubscribed', 'cost', 'deliveryRate', 'openRate', 'ctr'];
const FORMATS: Partial<Record<MetricKey, IgMetricFormat>> = { deliveryRate: 'ratio', openRate: 'ratio', ctr: 'ratio', cost: 'currency' };

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** A calendar day (`YYYY-MM-DD`, no time zone shift), e.g. `2 mar 2026`. */
function formatDay(locale: string, day: string): string {
  let format = dayFormats.get(locale);
  if (!format) dayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })));
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format.format(date);
}

/**
 * Place it inside an `<ig-provider>`. It shows the campaign of its `campaign` attribute or, without
 * one, the campaign selected in the shared `campaign` filter (a row picked in `<ig-campaign-table>`,
 * which also fires `ig-campaign-select`), and follows that filter as it changes. With neither it
 * invites the user to pick a campaign and requests nothing. The period is the shared period filter
 * (unset: the last 30 days) unless `from`/`to` are set.
 *
 * It shows the campaign's configuration (name, id, channel, status, creation and removal dates),
 * its totals with rates (figures the channel does not have, or that cannot be computed, show as a
 * dash) and a daily chart of sent and clicked messages with its table alternative. A campaign the
 * project does not have (404) shows a "campaign not found" message.
 *
 * @summary One campaign: configuration, totals with rates and the daily series.
 *
 * @tag ig-campaign-detail
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The campaign is rendered.
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed (also 404, `code: 'not_found'`); the error or not-found state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart name - The campaign's name.
 * @csspart configuration - The list of configuration fields (`dl`).
 * @csspart totals - The grid of totals (`dl`).
 * @csspart card - One total's card (carries `data-metric`).
 * @csspart label - A total's name.
 * @csspart value - A total's formatted value; `data-metric` and `data-value` (absent when null) hold its key and raw number.
 * @csspart period - The caption naming the period.
 * @csspart chart - The `<ig-chart>` of the daily series.
 * @csspart message - The pick-a-campaign, not-found, empty, error and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 * @csspart stale - The badge shown when the campaigns data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-campaign-detail-card-min-width=8.5em] - Narrowest a total's card may get before the row wraps.
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: focus rings, the sent series.
 * @cssproperty [--ig-color-text=#1F2937] - Values and name.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels and captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Card background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Loading placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Card borders.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size; everything inside scales with it.
 * @cssproperty [--ig-radius=12px] - Card corner radius.
 * @cssproperty [--ig-spacing=1em] - Card padding; smaller gaps derive from it.
 */
export class IgCampaignDetail extends IgDataElement<IgCampaignResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  protected get s(): IgCampaignDetailStrings {
    return campaignDetailStrings(this.language);
  }

  /** Id of the campaign to show. Unset: the provider's shared `campaign` filter. */
  @property({ reflect: true }) campaign?: string;

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  private spec?: { key: string; value: IgChartSpec };
  private rows?: { source: IgCampaignResponse['daily']; value: IgChartRow[] };

  /** The campaign shown: its own attribute, else the shared filter's; `null`: none. */
  private get shownCampaign(): string | null {
    const id = this.campaign || this.ig?.filters.campaign || null;
    return id && /^[1-9]\d{0,17}$/.test(id) ? id : null;
  }

  protected request({ period, filters }: IgDataScope): IgDataRequest | undefined {
    const id = this.campaign || filters.campaign;
    if (!id || !/^[1-9]\d{0,17}$/.test(id)) return undefined;
    const own = this.from || this.to;
    return { path: `/v1/campaigns/${id}`, params: { from: own ? this.from : period.from, to: own ? this.to : period.to } };
  }

  protected dataGroups(): readonly string[] {
    return ['campaigns'];
  }

  protected label(): string {
    const data = this.data.value;
    return this.data.state === 'complete' && data ? this.s.labelOf(data.campaign.name) : this.s.label;
  }

  protected override render(): TemplateResult<1> {
    const connected = !!this.ig?.client.connected;
    const state = this.data.state;
    if (connected && !this.shownCampaign) {
      return this.frame(html`<p part="message" class="message" role="status">${this.s.pick}</p>`);
    }
    if (state === 'error' && this.data.error?.status === 404) {
      return this.frame(html`<p part="message" class="message message--not-found" role="alert">${this.s.notFound}</p>`);
    }
    return super.render();
  }

  /** The base part around a message of this element's own (no campaign, not found). */
  private frame(content: TemplateResult<1>): TemplateResult<1> {
    return html`<div part="base" class="base" role="group" aria-label=${this.s.label} aria-busy="false">${content}</div>`;
  }

  protected override renderSkeleton(): TemplateResult {
    const card = html`<div class="card card--skeleton"><span class="bone bone--label"></span><span class="bone bone--value"></span></div>`;
    return html`<div aria-hidden="true">
      <span class="bone bone--title"></span>
      <div class="totals">${card}${card}${card}${card}</div>
      <span class="bone bone--chart"></span>
    </div>`;
  }

  protected renderData(data: IgCampaignResponse): TemplateResult {
    const t = this.t;
    const d = this.s;
    const locale = this.formatLocale;
    const c = data.campaign;
    const shown = ORDER.filter((key) => ALWAYS.includes(key) || data.totals[key] !== null);
    return html`
      <p part="name" class="name">${c.name}</p>
      <dl part="configuration" class="configuration" aria-label=${d.configuration}>
        <div><dt>${d.id}</dt><dd>${c.id}</dd></div>
        <div><dt>${d.channel}</dt><dd>${t.channels[c.channel] ?? c.channel}</dd></div>
        <div><dt>${d.status}</dt><dd>${c.status}</dd></div>
        <div>
          <dt>${d.created}</dt>
          <dd>${c.createdAt ? formatInstant(locale, c.createdAt, data.timeZone) : c.createdDay ? formatDay(locale, c.createdDay) : '—'}</dd>
        </div>
        ${c.removedOn ? html`<div><dt>${d.removed}</dt><dd>${formatDay(locale, c.removedOn)}</dd></div>` : nothing}
      </dl>
      <dl part="totals" class="totals" aria-label=${d.totals}>
        ${shown.map((key) => {
          const value = data.totals[key];
          return html`<div part="card" class="card" data-metric=${key}>
            <dt part="label" class="label">${t.metrics[key] ?? key}</dt>
            <dd part="value" class="value" data-metric=${key} data-value=${value === null ? nothing : String(value)}>
              ${formatMetricValue(locale, FORMATS[key] ?? 'count', value)}
            </dd>
          </div>`;
        })}
      </dl>
      <p part="period" class="period">${formatPeriod(locale, data.period)}</p>
      <ig-chart
        part="chart"
        class="chart"
        .spec=${this.chartSpec()}
        .data=${this.chartRows(data)}
        .columns=${this.chartColumns()}
        label=${d.daily}
        lang=${this.formatLocale}
      ></ig-chart>
    `;
  }

  private chartRows(data: IgCampaignResponse): IgChartRow[] {
    if (this.rows?.source !== data.daily) {
      this.rows = { source: data.daily, value: data.daily.map((day) => ({ day: day.day, sent: day.sent ?? 0, clicked: day.clicked ?? 0 })) };
    }
    return this.rows.value;
  }

  private chartColumns(): IgChartColumn[] {
    const t = this.t;
    return [
      { key: 'day', header: this.s.day, format: 'date' },
      { key: 'sent', header: t.metrics['sent'] ?? 'sent', format: 'integer' },
      { key: 'clicked', header: t.metrics['clicked'] ?? 'clicked', format: 'integer' },
    ];
  }

  /** Sent and clicked per day, two lines; a new spec only when the language changes. */
  private chartSpec(): IgChartSpec {
    const t = this.t;
    const key = this.language;
    if (this.spec?.key !== key) {
      const line = (field: string) => ({
        mark: { type: 'line', point: true },
        encoding: {
          y: { field, type: 'quantitative', title: null },
          color: { datum: t.metrics[field] ?? field },
        },
      });
      this.spec = {
        key,
        value: {
          encoding: { x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null } },
          layer: [line('sent'), line('clicked')],
          height: 200,
        } as IgChartSpec,
      };
    }
    return this.spec.value;
  }
}
