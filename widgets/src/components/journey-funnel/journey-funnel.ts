import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgMetricFormat, IgPeriod } from '../../api/types.js';
import { IgDataController, type IgDataRequest, type IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { errorMessage, formatMetricValue, formatPeriod } from '../../i18n/format.js';
import '../chart/chart.define.js';
import { journeyFunnelStrings, type IgJourneyFunnelStrings } from './journey-funnel.i18n.js';
import styles from './journey-funnel.styles.js';

interface IgJourney {
  id: number;
  name: string;
  status: string;
  createdDay: string | null;
  removedOn: string | null;
}

interface IgJourneyTotals {
  entered: number;
  completed: number;
  completionRate: number | null;
  sent: number;
  clicked: number;
  ctr: number | null;
}

/** `GET /v1/journeys` */
export interface IgJourneysResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  /**
   * Spans the ETL keeps only as calendar-month totals (history past its daily horizon) that straddle
   * the period's bounds: their figures are not in the totals.
   */
  leftOut?: IgPeriod[];
  items: (IgJourney & IgJourneyTotals)[];
}

/** One node of a journey's funnel. */
export interface IgJourneyNode {
  nodeId: string;
  /** Place in the flow; `null` for nodes outside it (listed last). */
  position: number | null;
  campaignId: number | null;
  campaignName: string | null;
  campaignType: string | null;
  entered: number;
  completed: number | null;
  dropOff: number | null;
  dropOffRate: number | null;
  sent: number;
  opened: number | null;
  clicked: number;
  ctr: number | null;
}

/** `GET /v1/journeys/:id/funnel` */
export interface IgJourneyFunnelResponse extends IgJourneyTotals {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  /** As in {@link IgJourneysResponse.leftOut}. */
  leftOut?: IgPeriod[];
  journey: IgJourney;
  nodes: IgJourneyNode[];
}

const ID = /^[1-9]\d{0,17}$/;
const TOTALS: readonly [keyof IgJourneyTotals, IgMetricFormat][] = [
  ['entered', 'count'],
  ['completed', 'count'],
  ['completionRate', 'ratio'],
];

/**
 * Place it inside an `<ig-provider>`: it follows the shared period filter (unset: the last 30 days)
 * unless `from`/`to` are set. A labelled picker lists the journeys of the period
 * (`GET /v1/journeys`); the funnel of the chosen one (`GET /v1/journeys/:id/funnel`) shows a bar per
 * node in flow order with the users who entered and completed each step and the drop-off, and, as
 * its text alternative, an ordered list of the steps. Without `journey` it shows the first journey
 * of the list. Choosing another journey in the picker sets `journey`.
 *
 * `ig-load` fires when the list is on screen and again when a funnel is; `ig-error` when either
 * request fails (the list's error replaces the element, the funnel's shows under the picker, each with
 * Retry).
 *
 * @summary The node funnel of a Customer Journey, with a journey picker.
 *
 * @tag ig-journey-funnel
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The journey list, then each funnel, is rendered.
 * @event {CustomEvent<IgErrorDetail>} ig-error - The list or the funnel could not be loaded; its error is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while the list loads.
 * @csspart picker - The journey picker's box (label and select).
 * @csspart select - The journey `<select>`.
 * @csspart funnel - The box of the chosen journey's funnel, `aria-busy` while it loads.
 * @csspart totals - The journey's entered, completed and completion rate (`dl`).
 * @csspart value - A total's formatted value; `data-metric` and `data-value` hold its key and raw number.
 * @csspart chart - The `<ig-chart>` of the funnel.
 * @csspart steps - The ordered list of the steps (the funnel as text).
 * @csspart step - One step of that list (carries `data-node`).
 * @csspart period - The caption naming the period.
 * @csspart left-out - The note naming the days the totals leave out: history kept only as monthly
 *   totals (past the ETL's daily horizon) whose month straddles the period's bounds.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of an error state that loads the data again.
 * @csspart stale - The badge shown when the journeys data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: focus rings, the entered bars.
 * @cssproperty [--ig-color-text=#1F2937] - Values and step names.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels and captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Picker and card background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Loading placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Borders.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size; everything inside scales with it.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 * @cssproperty [--ig-spacing=1em] - Padding; smaller gaps derive from it.
 */
export class IgJourneyFunnel extends IgDataElement<IgJourneysResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  protected get s(): IgJourneyFunnelStrings {
    return journeyFunnelStrings(this.language);
  }

  /** Id of the journey whose funnel is shown. Unset: the first journey of the period. The picker sets it. */
  @property({ reflect: true }) journey?: string;

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  /** The chosen journey's funnel. */
  protected readonly funnel: IgDataController<IgJourneyFunnelResponse> = new IgDataController<IgJourneyFunnelResponse>(this, {
    context: () => this.ig,
    request: (scope) => {
      const id = this.shownJourney;
      return id ? { path: `/v1/journeys/${id}/funnel`, params: this.period(scope) } : undefined;
    },
    groups: () => this.dataGroups(),
  });

  private chart?: { source: IgJourneyFunnelResponse; key: string; spec: IgChartSpec; rows: IgChartRow[] };

  /** The journey shown: its own, else the first of the period's list; `undefined` until known. */
  private get shownJourney(): string | undefined {
    if (this.journey && ID.test(this.journey)) return this.journey;
    if (this.data.state !== 'complete') return undefined;
    const first = this.data.value?.items[0];
    return first ? String(first.id) : undefined;
  }

  private period({ period }: IgDataScope) {
    const own = this.from || this.to;
    return { from: own ? this.from : period.from, to: own ? this.to : period.to };
  }

  protected request(scope: IgDataScope): IgDataRequest {
    return { path: '/v1/journeys', params: this.period(scope) };
  }

  protected dataGroups(): readonly string[] {
    return ['journeys'];
  }

  protected label(): string {
    return this.s.label;
  }

  protected override isEmpty(data: IgJourneysResponse): boolean {
    return data.items.length === 0 && !this.journey;
  }

  protected override renderEmpty(data: IgJourneysResponse): TemplateResult {
    return html`<p part="message" class="message" role="status">${this.s.noJourneys}</p>${this.renderPeriod(data.period)}`;
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<div aria-hidden="true"><span class="bone bone--picker"></span>${this.renderBars()}</div>`;
  }

  private renderBars(): TemplateResult {
    return html`<span class="bone bone--bar"></span><span class="bone bone--bar bone--bar-2"></span><span class="bone bone--bar bone--bar-3"></span>`;
  }

  private readonly onPick = (event: Event): void => {
    this.journey = (event.target as HTMLSelectElement).value;
  };

  protected renderData(data: IgJourneysResponse): TemplateResult {
    const j = this.s;
    const shown = this.shownJourney;
    const listed = data.items.some((item) => String(item.id) === shown);
    const state = this.funnel.state;
    return html`
      <div part="picker" class="picker">
        <label for="journey">${j.picker}</label>
        <select part="select" id="journey" @change=${this.onPick}>
          ${shown && !listed ? html`<option value=${shown} selected>${j.unknownJourney(shown)}</option>` : nothing}
          ${data.items.map((item) => html`<option value=${String(item.id)} ?selected=${String(item.id) === shown}>${item.name}</option>`)}
        </select>
      </div>
      <div part="funnel" class="funnel" aria-busy=${state === 'loading' ? 'true' : 'false'}>
        ${state === 'loading'
          ? html`<div aria-hidden="true">${this.renderBars()}</div><span class="sr-only">${this.t.loading}</span>`
          : state === 'error'
            ? html`<div part="message" class="message message--error">
                <p class="message-text" role="alert">${errorMessage(this.t, this.funnel.error!)}</p>
                <button part="retry-button" class="retry" type="button" @click=${() => this.funnel.retry()}>${this.t.retry}</button>
              </div>`
            : state === 'complete'
              ? this.renderFunnel(this.funnel.value!)
              : nothing}
      </div>
    `;
  }

  private renderPeriod(period: IgPeriod): TemplateResult {
    return html`<p part="period" class="period">${formatPeriod(this.formatLocale, period)}</p>`;
  }

  private renderFunnel(funnel: IgJourneyFunnelResponse): TemplateResult {
    const t = this.t;
    const j = this.s;
    const locale = this.formatLocale;
    if (funnel.nodes.length === 0) {
      return html`<p part="message" class="message" role="status">${t.empty}</p>${this.renderPeriod(funnel.period)}`;
    }
    const chart = this.chartOf(funnel);
    const labels: Record<string, string> = { entered: j.entered, completed: j.completed, completionRate: j.completionRate };
    const columns: IgChartColumn[] = [
      { key: 'step', header: j.step },
      { key: 'entered', header: j.entered, format: 'integer' },
      { key: 'completed', header: j.completed, format: 'integer' },
      { key: 'dropOff', header: j.dropOff, format: 'integer' },
      { key: 'dropOffRate', header: j.dropOffRate, format: 'percent' },
    ];
    return html`
      <dl part="totals" class="totals">
        ${TOTALS.map(([key, format]) => {
          const value = funnel[key];
          return html`<div class="total">
            <dt class="label">${labels[key]}</dt>
            <dd part="value" class="value" data-metric=${key} data-value=${value === null ? nothing : String(value)}>
              ${formatMetricValue(locale, format, value)}
            </dd>
          </div>`;
        })}
      </dl>
      <ig-chart part="chart" class="chart" .spec=${chart.spec} .data=${chart.rows} .columns=${columns} label=${j.funnel(funnel.journey.name)} lang=${locale}></ig-chart>
      <ol part="steps" class="steps" aria-label=${j.steps}>
        ${chart.rows.map(
          (row) => html`<li part="step" class="step" data-node=${String(row['nodeId'])}>
            <span class="step-name">${row['step']}</span>
            <span class="step-figures">${row['summary']}</span>
          </li>`,
        )}
      </ol>
      ${this.renderPeriod(funnel.period)}${this.renderLeftOut(funnel.leftOut)}
    `;
  }

  /** Says which days the totals leave out (monthly history straddling the period), if any. */
  private renderLeftOut(spans: readonly IgPeriod[] | undefined): TemplateResult | typeof nothing {
    if (!spans?.length) return nothing;
    const list = spans.map((span) => formatPeriod(this.formatLocale, span)).join('; ');
    return html`<p part="left-out" class="period left-out" role="note">${this.s.leftOut(list)}</p>`;
  }

  /** Rows (flow order, outside-the-flow nodes last) and spec; rebuilt for a new answer or language. */
  private chartOf(funnel: IgJourneyFunnelResponse) {
    const j = this.s;
    const locale = this.formatLocale;
    const key = `${this.language}|${locale}`;
    if (this.chart?.source === funnel && this.chart.key === key) return this.chart;
    const count = (n: number | null) => formatMetricValue(locale, 'count', n);
    const position = new Intl.NumberFormat(locale);
    const nodes = funnel.nodes
      .map((node, index) => ({ node, index }))
      .sort((a, b) => (a.node.position ?? Infinity) - (b.node.position ?? Infinity) || a.index - b.index)
      .map(({ node }) => node);
    const rows: IgChartRow[] = nodes.map((node) => {
      const name = node.campaignName ?? node.nodeId;
      const dropOffRate = formatMetricValue(locale, 'ratio', node.dropOffRate);
      return {
        nodeId: node.nodeId,
        step: node.position === null ? j.outsideFlow(name) : j.stepName(position.format(node.position), name),
        entered: node.entered,
        completed: node.completed,
        dropOff: node.dropOff,
        dropOffRate: node.dropOffRate,
        dropOffLabel: node.dropOffRate === null ? '' : `↓ ${dropOffRate}`,
        summary: j.stepSummary(count(node.entered), count(node.completed), dropOffRate),
      };
    });
    const max = Math.max(1, ...nodes.map((n) => n.entered));
    const x = { type: 'quantitative', title: null, scale: { domain: [0, Math.ceil(max * 1.3)] }, axis: { tickCount: 4 } };
    const spec = {
      height: { step: 34 },
      encoding: { y: { field: 'step', type: 'nominal', sort: null, title: null, axis: { labelLimit: 130 } } },
      layer: [
        { mark: { type: 'bar' }, encoding: { x: { field: 'entered', ...x }, color: { datum: j.entered } } },
        { mark: { type: 'bar', height: { band: 0.45 } }, encoding: { x: { field: 'completed', ...x }, color: { datum: j.completed } } },
        {
          mark: { type: 'text', align: 'left', dx: 4 },
          encoding: { x: { field: 'entered', ...x }, text: { field: 'dropOffLabel' } },
        },
      ],
    } as IgChartSpec;
    this.chart = { source: funnel, key, spec, rows };
    return this.chart;
  }
}
