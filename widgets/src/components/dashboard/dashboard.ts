import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { IgElement } from '../../base/ig-element.js';
import type { IgErrorDetail, IgLoadDetail } from '../../events/index.js';
import type { IgFilters } from '../../filters/filters.js';
import styles from './dashboard.styles.js';
import { dashboardStrings } from '../../i18n/elements/dashboard.js';

/** A cell attribute's value: strings and numbers become the attribute's text, `true` an empty attribute, `false`/`null` none. */
export type IgDashboardAttributeValue = string | number | boolean | null;

/** One cell of a row: an Insights element and its attributes. */
export interface IgDashboardCell {
  /** Tag name of an Insights element the dashboard may show (`ig-channel-kpis`, `ig-filter-bar`, …). */
  element: string;
  /** Its attributes (kebab-case names, scalar values). */
  attributes?: Record<string, IgDashboardAttributeValue>;
  /** A heading above the element. */
  title?: string;
  /** Columns of the 12-column grid the cell takes (1–12; default 12, the whole row). */
  span?: number;
}

/** A row of cells. */
export interface IgDashboardRow {
  title?: string;
  cells: IgDashboardCell[];
}

/** A cell placed on a grid, as a saved analysis of kind `dashboard` stores it (rows by `y`, order by `x`, span `w`). */
export interface IgDashboardPlacedItem {
  element: string;
  attributes?: Record<string, IgDashboardAttributeValue>;
  title?: string;
  x: number;
  y: number;
  w: number;
  h?: number;
}

/** What `<ig-dashboard>` renders (docs/adr/017-dashboard-layout.md). */
export interface IgDashboardLayout {
  /** Heading of the dashboard (also its accessible name). */
  title?: string;
  /** Filters the dashboard starts from, in its own filter scope; unset: it shares the surrounding provider's. */
  filters?: Partial<IgFilters>;
  rows?: IgDashboardRow[];
  /** Columns of `items` (default 12); spans are scaled to 12. */
  columns?: number;
  /** The saved-analysis form (BFF `kind: 'dashboard'` spec), used when there are no `rows`. */
  items?: IgDashboardPlacedItem[];
}

/** A problem the dashboard found in its layout (each also shows as an error cell, or as the whole dashboard's message). */
export interface IgDashboardLayoutError {
  /** Where, e.g. `rows.0.cells.2.attributes.onclick`. */
  path: string;
  code: 'invalid_layout' | 'unknown_element' | 'invalid_attribute';
}

const COLUMNS = 12;
const MAX_CELLS = 50;
const MAX_TEXT = 200;
const TAG = /^ig-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ATTRIBUTE = /^[a-z][a-z0-9-]{0,63}$/;
/** Never set from a layout: event handlers, inline styles, customized built-ins, slotting. */
const REFUSED_ATTRIBUTE = /^(?:on|style$|is$|slot$)/;
const FILTER_KEYS = ['period', 'from', 'to', 'channel', 'platform', 'campaign'] as const;

/**
 * The library's elements a layout may name, and whether each dispatches `ig-load`/`ig-error` (a data
 * element). Never `ig-provider` or `ig-dashboard`: the dashboard is the provider scope of its cells.
 */
const ELEMENTS = new Map<string, { loads: boolean }>([
  ['ig-channel-kpis', { loads: true }],
  ['ig-filter-bar', { loads: false }],
  ['ig-freshness', { loads: false }],
  ['ig-chart', { loads: false }],
  ['ig-campaign-table', { loads: true }],
  ['ig-agent-performance', { loads: true }],
  ['ig-saved-analyses', { loads: true }],
  ['ig-ai-chat', { loads: false }],
  ['ig-campaign-detail', { loads: true }],
  ['ig-chat-stats', { loads: true }],
  ['ig-journey-funnel', { loads: true }],
  ['ig-timeseries', { loads: true }],
  ['ig-channel-mix', { loads: true }],
  ['ig-heatmap', { loads: true }],
  ['ig-device-stats', { loads: true }],
  ['ig-wallet-stats', { loads: true }],
  ['ig-insights', { loads: true }],
]);

interface CellModel {
  key: string;
  span: number;
  title?: string | undefined;
  /** The element, created with `document.createElement` and `setAttribute` only. */
  node?: HTMLElement;
  loads: boolean;
  error?: { code: IgDashboardLayoutError['code']; value: string };
}

interface RowModel {
  title?: string | undefined;
  cells: CellModel[];
}

interface Model {
  title?: string | undefined;
  filters: Partial<Record<(typeof FILTER_KEYS)[number], string>>;
  rows: RowModel[];
  invalid: boolean;
  errors: IgDashboardLayoutError[];
  /** No layout yet. */
  unset?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, MAX_TEXT) : undefined);
const short = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)).slice(0, 64);
const clampSpan = (v: unknown, fallback = COLUMNS): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(COLUMNS, Math.max(1, Math.round(v))) : fallback;

/**
 * Place it inside an `<ig-provider>` (which carries the connection: api, token, project): every cell
 * inherits the provider's context and shares its filters, so a filter bar in one cell re-filters the
 * others and anything else under the provider. A layout with `filters` gets its own filter scope,
 * starting from those values.
 *
 * The layout is the `layout` property (an object or a JSON string) or, for HTML-only hosts, the JSON
 * text of a `<script type="application/json">` child (parsed with `JSON.parse`, never evaluated; other
 * children are not shown):
 *
 * ```json
 * { "title": "SMS", "filters": { "period": "last7" },
 *   "rows": [{ "cells": [
 *     { "element": "ig-filter-bar", "span": 8 }, { "element": "ig-freshness", "span": 4 },
 *     { "element": "ig-channel-kpis", "title": "SMS", "attributes": { "channel": "sms", "currency": "EUR" } } ] }] }
 * ```
 *
 * A saved analysis of kind `dashboard` (`{ columns, items: [{ element, attributes, x, y, w, h }] }`)
 * is accepted as is. Only the library's elements are created (`document.createElement`, then
 * `setAttribute`; never markup), with scalar attributes; event handlers (`on*`), `style`, `is` and
 * `slot` are refused. A refused cell shows a translated error in its place and is listed in
 * `layoutErrors`. Cells of elements that are not defined yet (lazily loaded) show a placeholder and
 * render once defined. The 12-column grid stacks its cells when the dashboard is narrower than 40em
 * (640 px at the default size).
 *
 * @summary A dashboard from a JSON layout: rows of cells on a 12-column grid, each cell an Insights
 * element with its attributes, cross-filtering through the provider.
 *
 * @tag ig-dashboard
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - Every data cell (`ig-channel-kpis`, …) shows its data:
 * once after a layout is set (right after rendering when it has no data cell), and again when a cell
 * reloads while the others show data. `detail.durationMs`: since the layout was rendered, or the
 * reloaded cell's. The cells' own `ig-load` events stop at the dashboard.
 * @event {CustomEvent<IgErrorDetail>} ig-error - A cell's request failed (the cell shows the error
 * and its Retry button). `detail`: the cell's `{ status, code }`.
 * @event {CustomEvent<IgFilterChangeDetail>} ig-filter-change - A user changed the filters in a cell
 * (from the dashboard, retargeted).
 *
 * @csspart base - The root: a labelled group.
 * @csspart title - The dashboard's heading.
 * @csspart row - One row of the grid.
 * @csspart row-title - A row's heading.
 * @csspart cell - One cell (`data-element` names its element).
 * @csspart cell-title - A cell's heading.
 * @csspart message - The invalid-layout, empty and refused-cell messages.
 *
 * @cssproperty [--ig-dashboard-gap=1em] - Space between rows and cells.
 * @cssproperty [--ig-dashboard-placeholder-height=7.5em] - Height of a cell whose element is not loaded yet.
 * @cssproperty [--ig-color-background=transparent] - Behind the dashboard (dark theme: #14171D).
 * @cssproperty [--ig-color-text=#1F2937] - Headings.
 * @cssproperty [--ig-color-text-muted=#596374] - Messages.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Message background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Placeholders of cells not loaded yet.
 * @cssproperty [--ig-color-border=#E2E6EC] - Message borders.
 * @cssproperty [--ig-color-negative=#B3261E] - Refused cells' text.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 * @cssproperty [--ig-radius=12px] - Corner radius of messages and placeholders.
 */
export class IgDashboard extends IgElement {
  /** This element's own strings (its chunk carries them; ../../i18n/elements/). */
  private get s() {
    return dashboardStrings[this.language];
  }

  static override styles = styles;

  /**
   * Lets layouts name another Insights element (an `ig-*` tag; not `ig-provider` or `ig-dashboard`).
   * `loads`: it dispatches `ig-load`/`ig-error`, so the dashboard's `ig-load` waits for it.
   */
  static allowElement(tag: string, options: { loads?: boolean } = {}): void {
    if (!TAG.test(tag) || tag === 'ig-provider' || tag === 'ig-dashboard') throw new TypeError(`${tag} cannot be a dashboard cell`);
    ELEMENTS.set(tag, { loads: Boolean(options.loads) });
  }

  /** Tags a layout may name. */
  static get allowedElements(): string[] {
    return [...ELEMENTS.keys()];
  }

  /**
   * The layout (property only): an object or its JSON text. Unset: the JSON of the
   * `<script type="application/json">` child.
   */
  @property({ attribute: false }) layout?: IgDashboardLayout | string;

  /** Level of the dashboard's heading (`aria-level`); rows and cells get the next ones. Default 2. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  private model: Model = { filters: {}, rows: [], invalid: false, errors: [] };
  /** Bumped with each new layout: its cells get a fresh provider scope (no filter a user chose before). */
  private generation = 0;
  private source: unknown = Symbol('none');
  private nodes = new Map<string, HTMLElement>();
  private settled = new Map<Element, 'ig-load' | 'ig-error'>();
  private renderedAt = 0;
  private loadPending = false;
  private readonly observer = new MutationObserver(() => this.requestUpdate());

  /** The problems of the current layout (empty when every cell is shown). */
  get layoutErrors(): IgDashboardLayoutError[] {
    return [...this.model.errors];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this, { childList: true, subtree: true, characterData: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    root.addEventListener('ig-load', (e) => this.onCellSettled(e as CustomEvent<IgLoadDetail>));
    root.addEventListener('ig-error', (e) => this.onCellSettled(e as CustomEvent<IgErrorDetail>));
    return root;
  }

  /** The layout's JSON text from a `<script type="application/json">` child. */
  private scriptLayout(): string | undefined {
    const script = [...this.children].find((c) => c.localName === 'script' && c.getAttribute('type')?.trim().toLowerCase() === 'application/json');
    return script?.textContent ?? undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const source = this.layout ?? this.scriptLayout();
    if (source === this.source) return;
    this.source = source;
    this.model = this.build(source);
    this.generation += 1;
    this.settled.clear();
    this.loadPending = true;
    this.renderedAt = performance.now();
    if (this.model.errors.length) console.warn('<ig-dashboard> refused parts of its layout:', this.model.errors);
  }

  /** Validates a layout and creates (or keeps) the cells' elements. */
  private build(source: unknown): Model {
    const errors: IgDashboardLayoutError[] = [];
    const invalid = (): Model => ({ filters: {}, rows: [], invalid: true, errors: [{ path: '', code: 'invalid_layout' }] });
    if (source === undefined) return { filters: {}, rows: [], invalid: false, errors, unset: true };
    let layout: unknown = source;
    if (typeof source === 'string') {
      try {
        layout = JSON.parse(source);
      } catch {
        return invalid();
      }
    }
    if (!isObject(layout)) return invalid();

    let rows: { title?: unknown; cells: unknown[]; path: string; spans?: number[] }[];
    if (Array.isArray(layout['rows'])) {
      rows = layout['rows'].map((r, i) => ({ title: isObject(r) ? r['title'] : undefined, cells: isObject(r) && Array.isArray(r['cells']) ? r['cells'] : [], path: `rows.${i}.cells` }));
    } else if (Array.isArray(layout['items'])) {
      rows = this.rowsOfItems(layout['items'], layout['columns']);
    } else return invalid();

    const kept = new Map<string, HTMLElement>();
    let count = 0;
    const modelRows: RowModel[] = rows.map((row) => ({
      title: text(row.title),
      cells: row.cells.flatMap((cell, i): CellModel[] => {
        if (++count > MAX_CELLS) return [];
        const path = row.spans ? `items.${i}` : `${row.path}.${i}`;
        return [this.cell(cell, path, row.spans?.[i], `${path}:${JSON.stringify(cell)}`, kept, errors)];
      }),
    }));
    this.nodes = kept;

    const filters: Model['filters'] = {};
    const rawFilters = layout['filters'];
    if (isObject(rawFilters)) for (const k of FILTER_KEYS) if (typeof rawFilters[k] === 'string') filters[k] = rawFilters[k] as string;
    return { title: text(layout['title']), filters, rows: modelRows.filter((r) => r.cells.length || r.title), invalid: false, errors };
  }

  /** Saved-analysis items → rows: grouped by `y`, ordered by `x`, `w` of `columns` scaled to 12. */
  private rowsOfItems(items: unknown[], columns: unknown) {
    const cols = typeof columns === 'number' && columns >= 1 ? columns : COLUMNS;
    const placed = items.map((item, index) => {
      const o = isObject(item) ? item : {};
      const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
      return { item, index, x: num(o['x']), y: num(o['y']), span: clampSpan(num(o['w']) * (COLUMNS / cols)) };
    });
    const byRow = new Map<number, typeof placed>();
    for (const p of [...placed].sort((a, b) => a.y - b.y || a.x - b.x || a.index - b.index)) {
      byRow.set(p.y, [...(byRow.get(p.y) ?? []), p]);
    }
    return [...byRow.values()].map((ps) => ({ cells: ps.map((p) => p.item), spans: ps.map((p) => p.span), path: 'items' }));
  }

  private cell(raw: unknown, path: string, itemSpan: number | undefined, key: string, kept: Map<string, HTMLElement>, errors: IgDashboardLayoutError[]): CellModel {
    const o = isObject(raw) ? raw : {};
    const span = itemSpan ?? clampSpan(o['span']);
    const title = text(o['title']);
    const element = o['element'];
    const known = typeof element === 'string' && TAG.test(element) ? ELEMENTS.get(element) : undefined;
    const refuse = (code: IgDashboardLayoutError['code'], at: string, value: string): CellModel => {
      errors.push({ path: at, code });
      return { key, span, title, loads: false, error: { code, value } };
    };
    if (!known) return refuse('unknown_element', `${path}.element`, short(element ?? ''));
    const attributes = o['attributes'] ?? {};
    if (!isObject(attributes)) return refuse('invalid_attribute', `${path}.attributes`, 'attributes');
    for (const [name, value] of Object.entries(attributes)) {
      const scalar = value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      if (!ATTRIBUTE.test(name) || REFUSED_ATTRIBUTE.test(name) || !scalar || (typeof value === 'string' && value.length > 2000)) {
        return refuse('invalid_attribute', `${path}.attributes.${name}`, short(name));
      }
    }
    let node = this.nodes.get(key);
    if (!node) {
      node = document.createElement(element as string);
      for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === false) continue;
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    kept.set(key, node);
    return { key, span, title, node, loads: known.loads };
  }

  /** Cells' `ig-load`/`ig-error` stop here; the dashboard reports them as its own. */
  private onCellSettled(event: CustomEvent<IgLoadDetail> | CustomEvent<IgErrorDetail>): void {
    const cells = this.dataCells();
    const cell = event.composedPath().find((n): n is HTMLElement => cells.includes(n as HTMLElement));
    if (!cell) return;
    event.stopPropagation();
    const type = event.type as 'ig-load' | 'ig-error';
    this.settled.set(cell, type);
    if (type === 'ig-error') {
      const { status, code } = event.detail as IgErrorDetail;
      this.emit('ig-error', { status, code });
      return;
    }
    if (cells.every((c) => this.settled.get(c) === 'ig-load')) {
      const first = this.loadPending;
      this.loadPending = false;
      this.emit('ig-load', { durationMs: first ? Math.round(performance.now() - this.renderedAt) : (event.detail as IgLoadDetail).durationMs });
    }
  }

  private dataCells(): HTMLElement[] {
    return this.model.rows.flatMap((r) => r.cells.filter((c) => c.loads && c.node).map((c) => c.node!));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.loadPending && !this.model.invalid && !this.model.unset && this.dataCells().length === 0) {
      this.loadPending = false;
      this.emit('ig-load', { durationMs: 0 });
    }
  }

  private renderCell(cell: CellModel, level: number): TemplateResult {
    const t = this.t;
    const title = cell.title
      ? html`<p part="cell-title" class="cell-title" role="heading" aria-level=${level}>${cell.title}</p>`
      : nothing;
    if (cell.error) {
      const message = cell.error.code === 'unknown_element' ? this.s.unknownElement(cell.error.value) : this.s.invalidAttribute(cell.error.value);
      return html`<div part="cell" class="cell cell--error span-${cell.span}" data-error=${cell.error.code}>
        ${title}<p part="message" class="message message--error"><span class="message-text">${message}</span></p>
      </div>`;
    }
    return html`<div part="cell" class="cell span-${cell.span}" data-element=${cell.node!.localName}>${title}${cell.node}</div>`;
  }

  protected override render() {
    const t = this.t;
    const m = this.model;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const next = Math.min(6, level + (m.title ? 1 : 0));
    let content: unknown;
    if (m.invalid) {
      content = html`<p part="message" class="message message--error"><span class="message-text" role="alert">${this.s.invalidLayout}</span></p>`;
    } else if (m.unset) {
      content = nothing;
    } else if (!m.rows.length) {
      content = html`<p part="message" class="message">${this.s.empty}</p>`;
    } else {
      const f = m.filters;
      // The cells' provider scope: the surrounding provider's connection, and the layout's filters
      // (none: the surrounding filters, shared), language and theme.
      content = keyed(this.generation, html`<ig-provider
        locale=${this.lang || nothing}
        theme=${this.theme ?? nothing}
        period=${f.period ?? nothing}
        from=${f.from ?? nothing}
        to=${f.to ?? nothing}
        channel=${f.channel ?? nothing}
        platform=${f.platform ?? nothing}
        campaign=${f.campaign ?? nothing}
      >
        <div class="rows">
          ${m.rows.map(
            (row) => html`<div part="row" class="row">
              ${row.title ? html`<p part="row-title" class="row-title" role="heading" aria-level=${next}>${row.title}</p>` : nothing}
              ${row.cells.map((cell) => this.renderCell(cell, Math.min(6, next + (row.title ? 1 : 0))))}
            </div>`,
          )}
        </div>
      </ig-provider>`);
    }
    return html`<div part="base" class="base" role="group" aria-label=${m.title ?? this.s.label}>
      ${m.title ? html`<p part="title" class="title" role="heading" aria-level=${level}>${m.title}</p>` : nothing}${content}
    </div>`;
  }
}
