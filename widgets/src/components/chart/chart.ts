import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { View } from 'vega';
import { IgElement } from '../../base/ig-element.js';
import type {} from '../../charts/events.js';
import { chartStrings, type IgChartStrings } from '../../charts/i18n.js';
import { loadVega, loadVegaCore } from '../../charts/load-vega.js';
import { prepare } from '../../charts/prepare.js';
import { formatCell, resolveColumns, toCSV } from '../../charts/table.js';
import { readTheme } from '../../charts/theme.js';
import type { IgChartColumn, IgChartRenderer, IgChartRow, IgChartSpec, IgChartTheme } from '../../charts/types.js';
import { fillTemplate, type IgCompiledSpec } from '../../charts/template.js';
import type { IgChartHandle } from '../../charts/draw.js';
import styles from './chart.styles.js';

/** What `<ig-chart>` can export. */
export type IgChartExportFormat = 'png' | 'svg' | 'csv';

type ChartState = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/**
 * `?ig-vega=full` in the page's URL makes every chart compile its Vega-Lite spec in the browser, as
 * before precompiled specs (ADR 027): the browser benchmark measures both paths side by side with it.
 * Read from the navigation's URL too, which a single-page app's `history.replaceState` leaves alone.
 */
function forceFullRuntime(): boolean {
  const navigation = globalThis.performance?.getEntriesByType?.('navigation')[0]?.name;
  return [navigation, globalThis.location?.href].some((url) => url !== undefined && new URL(url).searchParams.get('ig-vega') === 'full');
}

/** JSON attributes (`spec`, `data`, `columns`) for plain-HTML hosts; malformed JSON leaves the property unset. */
const json = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      console.warn('<ig-chart>: an attribute holds malformed JSON and is ignored.');
      return undefined;
    }
  },
  toAttribute: (value: unknown) => JSON.stringify(value),
};

/** `Canal de push` → `canal-de-push`, for file names. */
const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Give it a Vega-Lite `spec` (without data, or naming a dataset) and the rows in `data`; set `label`,
 * the chart's accessible name (it also captions the table and names the downloaded files). Vega is
 * not part of the main bundle: the first chart on a page loads it, once, from a separate chunk.
 *
 * The chart is drawn with the design tokens the host page resolves (indigitall blue, Inter, text and
 * grid colours; dark when the page sets dark tokens) and redrawn when a token changes. It fills its
 * container's width (down to 320 px) unless the spec fixes one. Every chart has a table alternative
 * (the same rows, formatted with `Intl` per `columns`) and exports PNG, SVG and CSV. It works under a
 * strict Content-Security-Policy (no `unsafe-eval`, no `unsafe-inline`).
 *
 * Chart elements (`ig-timeseries`, …) render an `<ig-chart>` in their shadow root and pass it spec,
 * rows, label and columns.
 *
 * @summary A Vega-Lite chart of the given rows, with an accessible name, a table alternative and
 * PNG/SVG/CSV export.
 *
 * @tag ig-chart
 *
 * @event {CustomEvent<IgChartRenderDetail>} ig-chart-render - The chart is drawn (first draw and every
 * redraw for new spec, data, theme or language). `detail`: `{ durationMs, renderer, rows }`.
 * @event {CustomEvent<IgChartErrorDetail>} ig-chart-error - The spec could not be drawn (or Vega could
 * not be loaded); the error message is shown. `detail.message`: the cause, for the console.
 *
 * @csspart base - The root: toolbar, chart, table and messages; `aria-busy` while the chart loads.
 * @csspart toolbar - The row of buttons.
 * @csspart button - Every toolbar button.
 * @csspart table-button - The toggle between chart and table (`aria-pressed` when the table shows).
 * @csspart export-button - A download button; `data-format` is `png`, `svg` or `csv`.
 * @csspart chart - The drawing (`role="img"`, named by `label`).
 * @csspart table-wrapper - The scrollable box around the table.
 * @csspart table - The table alternative.
 * @csspart message - The loading, empty and error messages.
 *
 * @cssproperty [--ig-chart-min-height=240px] - Space held for the chart while it loads: the drawn height of a
 * chart whose spec sets none (Vega-Lite's default view fitted to 240 px), so the page does not shift when it draws.
 * @cssproperty [--ig-chart-palette] - Series colours after the primary one, separated by spaces
 * (read when the chart draws; call `refreshTheme()` after changing it alone).
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: single-series marks, first series, focus rings.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - Pressed toolbar button.
 * @cssproperty [--ig-color-text=#1F2937] - Titles and axis titles, table text.
 * @cssproperty [--ig-color-text-muted=#596374] - Axis and legend labels.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Chart background (also of exported images).
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Low end of heatmap scales, table header.
 * @cssproperty [--ig-color-border=#E2E6EC] - Grid lines, axis lines, table rules.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface of labels and table.
 * @cssproperty [--ig-radius=12px] - Corner radius of the buttons and table box.
 * @cssproperty [--ig-spacing=1em] - Gaps; smaller ones derive from it.
 */
export class IgChart extends IgElement {
  static override styles = styles;

  /** The Vega-Lite spec. Without `data` (or with `data: { name }`) it draws the rows of `data`. JSON in the attribute. */
  @property({ converter: json }) spec?: IgChartSpec;

  /**
   * The fixed charts' `spec` compiled to Vega and parsed ahead of time (`charts/template.ts`, ADR 027): drawn with
   * the small Vega runtime instead of compiling `spec` with Vega-Lite in the browser. `spec` must be
   * the Vega-Lite spec it was compiled from (it still names the chart and is the fallback).
   */
  @property({ attribute: false }) compiled?: IgCompiledSpec;

  /** The rows to draw and to list in the table alternative. JSON in the attribute. */
  @property({ converter: json }) data: IgChartRow[] = [];

  /** Accessible name of the chart (required): names the drawing, captions the table and the files. */
  @property() label = '';

  /** Columns of the table alternative and the CSV (key, header, format); unset: every field of the first row. */
  @property({ converter: json }) columns?: IgChartColumn[];

  /** Base name of downloaded files (a date and the extension are added); unset: made from `label`. */
  @property() filename = '';

  /** Vega renderer: `svg` (default: crisp, inspectable) or `canvas` (faster with many thousands of marks). */
  @property() renderer: IgChartRenderer = 'svg';

  /** Shows the table alternative instead of the chart. The toolbar's table button toggles it. */
  @property({ type: Boolean, reflect: true }) table = false;

  /** Hides the download buttons. */
  @property({ type: Boolean, reflect: true, attribute: 'no-export' }) noExport = false;

  @state() private chartState: ChartState = 'idle';

  @query('.probe') private probe!: HTMLElement;
  @query('.vega') private vegaContainer!: HTMLElement;

  private handle: IgChartHandle | undefined;
  private drawn: { spec: IgChartSpec; compiled: IgCompiledSpec | undefined; renderer: string; locale: string; theme: string; rows: IgChartRow[] } | undefined;
  private chartTheme: IgChartTheme | undefined;
  /** What the last requested draw was for: a draw is requested when this changes, never by the draw's own state changes. */
  private requested: { spec?: IgChartSpec; compiled?: IgCompiledSpec; rows: IgChartRow[]; renderer: string; locale: string; theme: IgChartTheme | undefined } | undefined;
  private generation = 0;
  private drawing: Promise<void> = Promise.resolve();
  private themeFrame = 0;
  private warnedLabel = false;

  /** The Vega view of the drawn chart (signals, listeners, `toCanvas`); `undefined` until drawn. */
  get vegaView(): View | undefined {
    return this.handle?.view;
  }

  /** Resolves once the chart shows the current spec, data, theme and language (drawn, empty or failed). */
  get renderComplete(): Promise<void> {
    return (async () => {
      for (;;) {
        await this.updateComplete;
        const drawing = this.drawing;
        await drawing;
        if (drawing === this.drawing && !this.isUpdatePending) return;
      }
    })();
  }

  /** A PNG of the chart as a data URL, at `scale` × its CSS size (2 by default, sharp on HiDPI screens). */
  async toPNG(scale = 2): Promise<string> {
    return (await this.drawnHandle()).toPNG(scale);
  }

  /** An SVG of the chart as a data URL (`data:image/svg+xml;charset=utf-8,…`). */
  async toSVG(): Promise<string> {
    const svg = await (await this.drawnHandle()).toSVG();
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }

  /** The table alternative as CSV (RFC 4180, raw values, the table's headers). */
  toCSV(): string {
    return toCSV(resolveColumns(this.columns, this.data ?? []), this.data ?? []);
  }

  /** The file name a download gets: `<filename or label>-<YYYY-MM-DD>.<format>`. */
  fileName(format: IgChartExportFormat): string {
    return `${slug(this.filename || this.label) || 'chart'}-${today()}.${format}`;
  }

  /** Downloads the chart (`png`, `svg`) or its table (`csv`). */
  async download(format: IgChartExportFormat): Promise<void> {
    let url: string;
    let revoke = false;
    if (format === 'png') url = await this.toPNG();
    else {
      const blob =
        format === 'csv'
          ? new Blob([`\uFEFF${this.toCSV()}`], { type: 'text/csv;charset=utf-8' })
          : new Blob([await (await this.drawnHandle()).toSVG()], { type: 'image/svg+xml;charset=utf-8' });
      url = URL.createObjectURL(blob);
      revoke = true;
    }
    const link = document.createElement('a');
    link.href = url;
    link.download = this.fileName(format);
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    if (revoke) setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** Reads the design tokens again and redraws if they changed (token changes are noticed on their own; `--ig-chart-palette` is not). */
  refreshTheme(): void {
    if (!this.probe) return;
    const theme = readTheme(this.probe, this);
    if (JSON.stringify(theme) !== JSON.stringify(this.chartTheme)) {
      this.chartTheme = theme;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.themeFrame);
    // Release the Vega view (its ResizeObserver and listeners); a draw in flight is dropped.
    this.generation++;
    this.handle?.finalize();
    this.handle = undefined;
    this.drawn = undefined;
    this.requested = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasUpdated) return;
    // Back in the DOM (perhaps under other tokens): read the theme again and redraw.
    this.chartTheme = undefined;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.label && !this.warnedLabel) {
      this.warnedLabel = true;
      console.warn('<ig-chart> needs a label: it is the accessible name of the chart.');
    }
    // Lit also updates for the toolbar, the table and the chart's own state: draw only for new inputs.
    // (A `lang` change above the element arrives as an update with no changed property.)
    this.chartTheme ??= readTheme(this.probe, this);
    const want = { spec: this.spec, compiled: this.compiled, rows: this.data, renderer: this.renderer, locale: this.formatLocale, theme: this.chartTheme };
    const last = this.requested;
    if (last && last.spec === want.spec && last.compiled === want.compiled && last.rows === want.rows && last.renderer === want.renderer && last.locale === want.locale && last.theme === want.theme) {
      return;
    }
    this.requested = want;
    this.requestDraw();
  }

  /** Draws never overlap: each waits for the previous one and is skipped when a newer one is queued. */
  private requestDraw(): void {
    const generation = ++this.generation;
    this.drawing = this.drawing.then(() => (generation === this.generation ? this.draw(generation) : undefined));
  }

  private async draw(generation: number): Promise<void> {
    const started = performance.now();
    const rows = this.data ?? [];
    if (!this.spec) {
      this.clearChart('idle');
      return;
    }
    const { spec, dataset } = prepare(this.spec);
    if (dataset && rows.length === 0) {
      this.clearChart('empty');
      return;
    }
    this.chartTheme ??= readTheme(this.probe, this);
    const themeKey = JSON.stringify(this.chartTheme);
    const locale = this.formatLocale;
    const drawn = this.drawn;
    if (this.handle && drawn && drawn.spec === this.spec && drawn.compiled === this.compiled && drawn.renderer === this.renderer && drawn.locale === locale && drawn.theme === themeKey) {
      if (drawn.rows === rows) return;
      try {
        await this.handle.setRows(rows);
        drawn.rows = rows;
        this.rendered(started, rows.length);
      } catch (error) {
        this.failed(error);
      }
      return;
    }
    if (!this.handle) this.chartState = 'loading';
    try {
      const compiled = forceFullRuntime() ? undefined : this.compiled;
      const theme = this.chartTheme;
      const draw = compiled
        ? await Promise.all([loadVegaCore(), compiled.load()]).then(([core, template]) => (container: HTMLElement) =>
            core.renderVega({ container, runtime: fillTemplate(template.default, theme, compiled.strings), dataset, rows, locale, renderer: this.renderer }),
          )
        : await loadVega().then((vega) => (container: HTMLElement) =>
            vega.renderChart({ container, spec, dataset, rows, theme, locale, renderer: this.renderer }),
          );
      if (generation !== this.generation) return;
      this.handle?.finalize();
      this.handle = undefined;
      await this.updateComplete;
      const handle = await draw(this.vegaContainer);
      if (generation !== this.generation) {
        handle.finalize();
        return;
      }
      this.handle = handle;
      this.drawn = { spec: this.spec, compiled: this.compiled, renderer: this.renderer, locale, theme: themeKey, rows };
      this.rendered(started, rows.length);
    } catch (error) {
      this.failed(error);
    }
  }

  private rendered(started: number, rows: number): void {
    this.chartState = 'ready';
    this.emit('ig-chart-render', { durationMs: Math.round(performance.now() - started), renderer: this.renderer, rows });
  }

  private failed(error: unknown): void {
    this.clearChart('error');
    const message = error instanceof Error ? error.message : String(error);
    console.error('<ig-chart> could not draw its spec:', error);
    this.emit('ig-chart-error', { message });
  }

  private clearChart(state: ChartState): void {
    this.handle?.finalize();
    this.handle = undefined;
    this.drawn = undefined;
    this.chartState = state;
  }

  private async drawnHandle(): Promise<IgChartHandle> {
    await this.renderComplete;
    if (!this.handle) throw new Error('<ig-chart> has no drawn chart to export.');
    return this.handle;
  }

  /** A token changed above the chart (the probe's colours transitioned): redraw once per frame. */
  private readonly onTokenChange = (): void => {
    cancelAnimationFrame(this.themeFrame);
    this.themeFrame = requestAnimationFrame(() => this.refreshTheme());
  };

  private readonly toggleTable = (): void => {
    this.table = !this.table;
  };

  private readonly onExport = (event: Event): void => {
    const format = (event.currentTarget as HTMLElement).dataset['format'] as IgChartExportFormat;
    void this.download(format);
  };

  protected override render() {
    const s = chartStrings(this.language);
    const state = this.chartState;
    const label = this.label || (typeof this.spec?.['title'] === 'string' ? (this.spec['title'] as string) : '') || s.chart;
    const showChart = !this.table && (state === 'ready' || state === 'loading');
    return html`
      <div part="base" class="base" aria-busy=${state === 'loading' ? 'true' : 'false'}>
        ${this.renderToolbar(s, state)}
        <div
          part="chart"
          class="chart ${state === 'loading' ? 'chart--loading' : ''}"
          role="img"
          aria-label=${label}
          ?hidden=${!showChart}
        >
          <div class="vega" aria-hidden="true"></div>
        </div>
        ${this.table ? this.renderTable(label) : nothing}
        ${this.renderMessage(s, state, showChart)}
        <span class="probe" aria-hidden="true" @transitionrun=${this.onTokenChange}></span>
      </div>
    `;
  }

  private renderToolbar(s: IgChartStrings, state: ChartState) {
    const image = state === 'ready';
    const exports: IgChartExportFormat[] = ['png', 'svg', 'csv'];
    return html`
      <div part="toolbar" class="toolbar" role="toolbar" aria-label=${s.toolbar}>
        <button
          part="button table-button"
          class="button"
          type="button"
          aria-pressed=${this.table ? 'true' : 'false'}
          @click=${this.toggleTable}
        >
          ${s.showTable}
        </button>
        ${this.noExport
          ? nothing
          : exports.map(
              (format) => html`
                <button
                  part="button export-button"
                  class="button"
                  type="button"
                  data-format=${format}
                  aria-label=${s.download(format.toUpperCase())}
                  ?disabled=${format === 'csv' ? (this.data ?? []).length === 0 : !image}
                  @click=${this.onExport}
                >
                  ${format.toUpperCase()}
                </button>
              `,
            )}
      </div>
    `;
  }

  private renderTable(label: string) {
    const rows = this.data ?? [];
    const columns = resolveColumns(this.columns, rows);
    const locale = this.formatLocale;
    return html`
      <div part="table-wrapper" class="table-wrapper" role="region" aria-label=${label} tabindex="0">
        <table part="table" class="table">
          <caption>${label}</caption>
          <thead>
            <tr>
              ${columns.map((c) => html`<th scope="col" data-key=${c.key}>${c.header ?? c.key}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr>
                ${columns.map(
                  (c) =>
                    html`<td class=${typeof row[c.key] === 'number' ? 'num' : ''}>${formatCell(c, row, locale)}</td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderMessage(s: IgChartStrings, state: ChartState, showChart: boolean) {
    if (state === 'loading' && showChart) return html`<span class="sr-only" role="status">${s.loading}</span>`;
    if (this.table) return nothing;
    if (state === 'empty') return html`<p part="message" class="message" role="status"><span class="message-text">${s.empty}</span></p>`;
    if (state === 'error') return html`<p part="message" class="message message--error" role="alert"><span class="message-text">${s.error}</span></p>`;
    return nothing;
  }
}
