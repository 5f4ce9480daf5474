import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { templates } from '../../charts/compiled/heatmap.js';
import type { IgCompiledSpec } from '../../charts/template.js';
import type { IgChartColumn, IgChartRow, IgChartSpec } from '../../charts/types.js';
import { PLATFORMS, type IgPlatform } from '../../filters/filters.js';
import { STRINGS, type IgHeatmapStrings } from './heatmap.i18n.js';
import { HEATMAP_SHAPE_KEY, heatmapSpec, heatmapSpecStrings } from './heatmap.spec.js';
import styles from './heatmap.styles.js';

export interface IgHeatmapCell {
  /** ISO weekday of the project-local day: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Project-local hour, 0–23. */
  hour: number;
  sent: number;
  clicked: number;
  ctr: number | null;
}

/** `GET /v1/heatmap[?platform][&minSent][&from&to]` */
export interface IgHeatmapResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  platform: IgPlatform | null;
  /** 7 × 24 cells, Monday 0:00 first. */
  cells: IgHeatmapCell[];
  /** The sends a cell needed to compete for best. */
  minSent: number;
  /** Up to three cells with the highest CTR among those with enough sends, best first. */
  best: (IgHeatmapCell & { rank: number })[];
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formats.get(key);
  if (!f) formats.set(key, (f = make()));
  return f as F;
}

/**
 * Place it inside an `<ig-provider>`. Shows the push CTR of each project-local weekday and hour of
 * the period as a heatmap (darker: higher CTR; cells without sends are left blank), and above it, in
 * words, the best time to send and the runners-up ("Mejor momento: sábado 20:00 (CTR 2,9 %)"); that
 * sentence is also the chart's accessible name. Only cells with enough sends compete (`min-sent`,
 * default the BFF's). Without its own `platform` it follows the provider's platform filter; without
 * `from`/`to` the shared period.
 *
 * @summary When push messages get clicked: CTR by weekday and hour, and the best time to send.
 *
 * @tag ig-heatmap
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is rendered (also an empty period).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart summary - The best time to send, in words (`role="status"`).
 * @csspart chart - The `<ig-chart>` (the heatmap; its table lists every cell).
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The error state's button that loads the data again.
 * @csspart stale - The badge shown when the push data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-color-primary=#1E88E5] - High end of the colour scale.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Low end of the colour scale.
 * @cssproperty [--ig-color-text=#1F2937] - The summary.
 * @cssproperty [--ig-color-text-muted=#596374] - Runners-up and axis labels.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgHeatmap extends IgDataElement<IgHeatmapResponse> {
  static override styles = styles;

  /** This element's strings in its language. */
  private get s(): IgHeatmapStrings {
    return STRINGS[this.language] ?? STRINGS.es;
  }

  /** Push platform: `android`, `ios` or `web`. Unset: the provider's platform filter, else all. */
  @property({ reflect: true }) platform?: IgPlatform;

  /** Sends a cell needs to compete for best (whole number ≥ 1). Unset: the BFF's default. */
  @property({ type: Number, attribute: 'min-sent' }) minSent?: number;

  /** First day of the period (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  protected request({ period, filters }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    const platform = this.platform && (PLATFORMS as readonly string[]).includes(this.platform) ? this.platform : filters.platform;
    const minSent = this.minSent !== undefined && Number.isInteger(this.minSent) && this.minSent >= 1 ? String(this.minSent) : undefined;
    return {
      path: '/v1/heatmap',
      params: { platform: platform ?? undefined, minSent, from: own ? this.from : period.from, to: own ? this.to : period.to },
    };
  }

  protected dataGroups(): readonly string[] {
    return ['push'];
  }

  protected label(): string {
    return this.s.label;
  }

  protected override isEmpty(data: IgHeatmapResponse): boolean {
    return !data.cells.some((c) => c.sent > 0);
  }

  /** `sábado 20:00` */
  private when(cell: IgHeatmapCell): string {
    return `${this.s.weekdays[cell.weekday - 1] ?? cell.weekday} ${this.time(cell.hour)}`;
  }

  /** `20:00` (`8:00 PM` in English). */
  private time(hour: number): string {
    const locale = this.formatLocale;
    const time = cached(`${locale}|time`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }));
    return time.format(Date.UTC(2026, 0, 1, hour));
  }

  private ctr(value: number | null): string {
    const locale = this.formatLocale;
    if (value === null) return '—';
    return cached(`${locale}|ctr`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(value);
  }

  /** The sentence naming the best time to send (the chart's accessible name too). */
  private summary(data: IgHeatmapResponse): string {
    const [best] = data.best;
    return best ? this.s.best(this.when(best), this.ctr(best.ctr)) : this.s.noBest;
  }

  private rows(data: IgHeatmapResponse): IgChartRow[] {
    return data.cells.map((c) => ({
      weekday: this.s.weekdays[c.weekday - 1] ?? String(c.weekday),
      hour: c.hour,
      sent: c.sent,
      clicked: c.clicked,
      ctr: c.ctr,
    }));
  }

  private spec(): IgChartSpec {
    return heatmapSpec(heatmapSpecStrings(this.s));
  }

  /** The same spec, compiled to Vega and parsed at build time (ADR 027). */
  private compiled(): IgCompiledSpec | undefined {
    const strings = heatmapSpecStrings(this.s);
    const values = Object.values(strings);
    // A blank string changes what Vega-Lite emits (a title left out), repeated weekdays the y domain:
    // such a chart compiles in the browser.
    if (values.some((value) => value.trim() === '') || new Set(values.slice(2)).size !== 7) return undefined;
    return { load: templates[HEATMAP_SHAPE_KEY]!, strings: { ...strings } };
  }

  private columns(): IgChartColumn[] {
    const t = this.s;
    return [
      { key: 'weekday', header: t.weekday },
      { key: 'hour', header: t.hour, format: (v) => this.time(Number(v)) },
      { key: 'sent', header: t.sent, format: 'integer' },
      { key: 'clicked', header: t.clicked, format: 'integer' },
      { key: 'ctr', header: t.ctr, format: 'percent' },
    ];
  }

  protected renderData(data: IgHeatmapResponse): TemplateResult {
    const summary = this.summary(data);
    const others = data.best.slice(1).map((c) => `${this.when(c)} (${this.ctr(c.ctr)})`);
    return html`
      <p part="summary" class="summary" role="status">
        ${summary}${others.length ? html`<span class="others">${this.s.others(others.join(', '))}</span>` : nothing}
      </p>
      <ig-chart
        part="chart"
        .label=${summary}
        .filename=${this.s.label}
        .spec=${this.memo('spec', data, () => this.spec())}
        .compiled=${this.memo('compiled', data, () => this.compiled())}
        .data=${this.memo('rows', data, () => this.rows(data))}
        .columns=${this.memo('columns', data, () => this.columns())}
      ></ig-chart>
    `;
  }

  private memos = new Map<string, { data: unknown; language: string; value: unknown }>();

  /** The same object for the same answer and language, so the chart redraws only when they change. */
  private memo<V>(key: string, data: IgHeatmapResponse, make: () => V): V {
    const hit = this.memos.get(key);
    if (hit && hit.data === data && hit.language === this.formatLocale) return hit.value as V;
    const value = make();
    this.memos.set(key, { data, language: this.formatLocale, value });
    return value;
  }
}
