import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { IgChannel, IgMetricFormat, IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { IgApiError } from '../../api/client.js';
import { formatMetricValue, NO_VALUE } from '../../i18n/format.js';
import styles from './campaign-table.styles.js';
import { campaignStrings } from '../../i18n/elements/campaigns.js';

/** A campaign's row of `GET /v1/campaigns`: a figure its channel does not have is `null`, not 0. */
export interface IgCampaignSummary {
  id: number;
  name: string;
  channel: string;
  status: string;
  createdDay: string | null;
  removedOn: string | null;
  sent: number | null;
  delivered: number | null;
  opened: number | null;
  clicked: number | null;
  impressions: number | null;
  bounced: number | null;
  unsubscribed: number | null;
  cost: number | null;
  currency: null;
  deliveryRate: number | null;
  openRate: number | null;
  ctr: number | null;
}

/** Keys `GET /v1/campaigns` sorts by. */
export type IgCampaignSort =
  | 'name'
  | 'created'
  | 'sent'
  | 'delivered'
  | 'opened'
  | 'clicked'
  | 'impressions'
  | 'cost'
  | 'deliveryRate'
  | 'openRate'
  | 'ctr';

/** `GET /v1/campaigns` */
export interface IgCampaignListResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  sort: IgCampaignSort;
  order: 'asc' | 'desc';
  limit: number;
  items: IgCampaignSummary[];
  nextCursor: string | null;
}

type Figure = readonly [key: keyof IgCampaignSummary & string, format: IgMetricFormat];

const SENT: Figure = ['sent', 'count'];
const DELIVERED: Figure = ['delivered', 'count'];
const OPENED: Figure = ['opened', 'count'];
const CLICKED: Figure = ['clicked', 'count'];
const IMPRESSIONS: Figure = ['impressions', 'count'];
const DELIVERY_RATE: Figure = ['deliveryRate', 'ratio'];
const OPEN_RATE: Figure = ['openRate', 'ratio'];
const CTR: Figure = ['ctr', 'ratio'];

/** The figure columns of each channel (docs/adr/011: what its campaign statistics have). */
const FIGURES: Readonly<Record<IgChannel | 'all', readonly Figure[]>> = {
  push: [SENT, DELIVERED, CLICKED, DELIVERY_RATE, CTR],
  inapp: [IMPRESSIONS, CLICKED, CTR],
  sms: [SENT, DELIVERED, CLICKED, ['cost', 'currency'], DELIVERY_RATE, CTR],
  email: [SENT, DELIVERED, OPENED, CLICKED, ['bounced', 'count'], ['unsubscribed', 'count'], DELIVERY_RATE, OPEN_RATE, CTR],
  chat: [],
  wallet: [],
  all: [SENT, DELIVERED, OPENED, CLICKED, IMPRESSIONS, DELIVERY_RATE, OPEN_RATE, CTR],
};

const SORTABLE: ReadonlySet<string> = new Set<IgCampaignSort>([
  'name',
  'created',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'impressions',
  'cost',
  'deliveryRate',
  'openRate',
  'ctr',
]);

/** Page sizes offered (the BFF allows 1–100). */
const PAGE_SIZES = [10, 25, 50, 100] as const;

const SEARCH_DELAY_MS = 300;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A civil day (`YYYY-MM-DD`) as a short date, no time-zone shift. */
export function formatDay(locale: string, day: string | null): string {
  if (!day) return NO_VALUE;
  let format = dayFormats.get(locale);
  if (!format) dayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format.format(date);
}

/**
 * Place it inside an `<ig-provider>`. Lists the project's campaigns of a period with their totals
 * (`GET /v1/campaigns`): the columns follow the channel (its own `channel`, else the provider's
 * channel filter, else every channel with a Channel column); a figure the channel does not have shows
 * as a dash, never as 0. Column headers sort (click, Enter or Space; `aria-sort` says how), the search
 * field filters by name (debounced; a newer search aborts the stale request), pages go by cursor
 * (Previous/Next) and Export CSV downloads the page shown, as the BFF writes it.
 *
 * Selecting a row (click, Enter or Space) marks it (`aria-selected`), dispatches `ig-campaign-select`
 * and sets the provider's `campaign` filter, so the other elements under the same provider follow.
 * Rows are focusable: one Tab stop, arrow keys (Home/End) move between rows. The table scrolls
 * horizontally inside the element on narrow screens.
 *
 * @summary The campaigns of a period, with their figures: sortable, searchable, paged, exportable.
 *
 * @tag ig-campaign-table
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - A page arrived and is rendered (also an empty one).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and the error state is shown.
 * @event {CustomEvent<IgCampaignSelectDetail>} ig-campaign-select - A user selected a campaign
 * (`detail.campaign`: its id as a string, `detail.summary`: its row) or cleared the selection
 * (`campaign: null`). The provider's `campaign` filter is already set.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart toolbar - The search field, page size, "include all" toggle and export button.
 * @csspart search - The search input.
 * @csspart control - The other form controls (page size, include all).
 * @csspart export-button - Downloads the page shown as CSV.
 * @csspart table-wrapper - The horizontally scrolling box around the table.
 * @csspart table - The table.
 * @csspart sort-button - A column header's sort button (`data-sort` names the key).
 * @csspart row - A campaign's row (`data-id`; `aria-selected="true"` when selected).
 * @csspart cell - A figure's cell (`data-key`, and `data-value` with the raw number unless it is null).
 * @csspart pagination - Previous/Next and the page caption.
 * @csspart page-button - Previous or Next (`data-page`).
 * @csspart selection - The selected campaign's name and the button that clears the selection.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 * @csspart stale - The badge shown when the campaign data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-campaign-table-search-width=16em] - Preferred width of the search field.
 * @cssproperty [--ig-color-primary=#1E88E5] - Focus rings.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - Selected row marker, Retry button.
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D).
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Headers and captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Table and control background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Header row, hovered and selected rows, placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Borders.
 * @cssproperty [--ig-color-negative=#B3261E] - Error text.
 * @cssproperty [--ig-color-warning=#8A4B00] - Stale badge (text).
 * @cssproperty [--ig-color-warning-surface=#FFF3E0] - Stale badge (background).
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 * @cssproperty [--ig-spacing=1em] - Padding of messages.
 */
export class IgCampaignTable extends IgDataElement<IgCampaignListResponse> {
  /** This element's own strings (its chunk carries them; ../../i18n/elements/). */
  private get s() {
    return campaignStrings[this.language];
  }

  static override styles = styles;

  /** Channel listed: `push`, `inapp`, `sms`, `email`, `chat`, `wallet`. Unset: the provider's channel filter, else all. */
  @property({ reflect: true }) channel?: IgChannel;

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  /** Rows per page (1–100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Sort key (`name`, `created`, `sent`, `delivered`, `opened`, `clicked`, `impressions`, `cost`, `deliveryRate`, `openRate`, `ctr`). Unset: `sent`. */
  @property() sort?: IgCampaignSort;

  /** `asc` or `desc`. Unset: ascending for name and created, descending for figures. */
  @property() order?: 'asc' | 'desc';

  /** Text the names must contain (case- and accent-insensitive); the search field edits it. */
  @property() search = '';

  /** List every campaign that existed in the period, also those without sends (`include=all`). */
  @property({ type: Boolean, attribute: 'include-all' }) includeAll = false;

  /** Hide the Export CSV button. */
  @property({ type: Boolean, attribute: 'no-export' }) noExport = false;

  /** Hide the search field. */
  @property({ type: Boolean, attribute: 'no-search' }) noSearch = false;

  /** ISO 4217 code of the account's currency, for the SMS cost column; unset: a plain number. */
  @property() currency?: string;

  /** What the search field shows (applied to `search` after a pause in typing). */
  @state() private typed: string | undefined;
  /** Cursors of the pages after the first, for the query they belong to ("Previous" pops one). */
  @state() private pages: { key: string; cursors: string[] } = { key: '', cursors: [] };
  /** The row that takes the Tab stop. */
  @state() private activeRow = 0;
  @state() private exportError = false;
  @state() private exporting = false;

  /** The query of the page shown, without its cursor (the key the cursor stack belongs to). */
  private queryKey = '';
  private lastParams: Record<string, string | number | undefined> = {};
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** What to focus once the next answer is rendered (the control the user acted with). */
  private focusAfterLoad: { selector: string; shown: unknown } | undefined;
  /** The selected campaign's row, for its name while another page is shown. */
  private selectedSummary: IgCampaignSummary | undefined;

  private get shownChannel(): IgChannel | undefined {
    return this.channel ?? (this.ig?.filters.channel as IgChannel | null | undefined) ?? undefined;
  }

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    const query = {
      channel: this.shownChannel,
      q: this.search.trim() || undefined,
      include: this.includeAll ? 'all' : undefined,
      sort: this.sort,
      order: this.order,
      limit: Math.min(100, Math.max(1, Math.round(this.pageSize) || 25)),
      from: own ? this.from : period.from,
      to: own ? this.to : period.to,
    };
    this.queryKey = JSON.stringify(query);
    const cursor = this.pages.key === this.queryKey ? this.pages.cursors.at(-1) : undefined;
    this.lastParams = { ...query, cursor };
    return { path: '/v1/campaigns', params: this.lastParams };
  }

  protected dataGroups(): readonly string[] {
    return ['campaigns'];
  }

  protected label(): string {
    return this.s.label;
  }

  protected override isEmpty(data: IgCampaignListResponse): boolean {
    return data.items.length === 0;
  }

  /** The page number shown (1-based). */
  private get page(): number {
    return this.pages.key === this.queryKey ? this.pages.cursors.length + 1 : 1;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  // The toolbar stays mounted through every state, so the search field keeps focus while typing.
  protected override renderLead() {
    return this.renderToolbar();
  }

  protected override renderTrail() {
    return this.renderSelection();
  }


  private renderToolbar(): TemplateResult {
    const t = this.s;
    return html`<div part="toolbar" class="toolbar">
      ${this.noSearch
        ? nothing
        : html`<div class="field field--grow field--search">
            <label for="search">${t.search}</label>
            <input
              part="search"
              id="search"
              type="search"
              autocomplete="off"
              maxlength="100"
              .value=${live(this.typed ?? this.search)}
              @input=${this.onSearchInput}
              @keydown=${this.onSearchKey}
            />
          </div>`}
      <div class="field">
        <label for="page-size">${t.pageSize}</label>
        <select part="control" id="page-size" .value=${live(String(this.pageSize))} @change=${this.onPageSize}>
          ${PAGE_SIZES.map((n) => html`<option value=${n} ?selected=${n === this.pageSize}>${formatMetricValue(this.formatLocale, 'count', n)}</option>`)}
        </select>
      </div>
      <div class="field field--inline">
        <input part="control" id="include-all" type="checkbox" .checked=${live(this.includeAll)} @change=${this.onIncludeAll} />
        <label for="include-all">${t.includeAll}</label>
      </div>
      ${this.noExport
        ? nothing
        : html`<button
            part="export-button"
            class="button"
            type="button"
            ?disabled=${this.exporting || this.data.state !== 'complete'}
            @click=${() => void this.exportCsv()}
          >
            <span aria-hidden="true">⤓</span>${t.exportCsv}
          </button>`}
    </div>
    ${this.exportError ? html`<p class="inline-error" role="alert">${t.exportFailed}</p>` : nothing}`;
  }

  protected override renderSkeleton(): TemplateResult {
    const row = html`<span class="bone bone--row"></span>`;
    return html`<div aria-hidden="true" class="skeleton">${row}${row}${row}${row}${row}</div>`;
  }

  protected override renderEmpty(data: IgCampaignListResponse): TemplateResult {
    const q = this.search.trim();
    return html`<p part="message" class="message" role="status">${q ? this.s.noMatch(q) : this.s.empty}</p>
      ${this.page > 1 ? this.renderPagination(data) : nothing}`;
  }

  protected renderData(data: IgCampaignListResponse): TemplateResult {
    const t = this.t;
    const locale = this.formatLocale;
    const channel = this.shownChannel;
    const figures = FIGURES[channel ?? 'all'] ?? FIGURES.all;
    const selected = this.ig?.filters.campaign ?? null;
    const active = Math.min(this.activeRow, data.items.length - 1);
    const header = (key: string, text: string, align: 'text' | 'num' = 'num') => {
      if (!SORTABLE.has(key)) return html`<th scope="col" class=${align === 'text' ? 'text' : ''}>${text}</th>`;
      const sorted = data.sort === key;
      const ariaSort = sorted ? (data.order === 'asc' ? 'ascending' : 'descending') : 'none';
      return html`<th scope="col" class=${align === 'text' ? 'text' : ''} aria-sort=${ariaSort}>
        <button part="sort-button" class="sort" type="button" data-sort=${key} @click=${() => this.sortBy(key as IgCampaignSort)}>
          ${text}<span class="arrow" aria-hidden="true">${sorted ? (data.order === 'asc' ? '▲' : '▼') : ''}</span>
        </button>
      </th>`;
    };
    const cell = (c: IgCampaignSummary, [key, format]: Figure) => {
      const value = c[key] as number | null;
      return html`<td part="cell" data-key=${key} data-value=${value === null ? nothing : String(value)}>
        ${value === null
          ? html`<span aria-hidden="true">${NO_VALUE}</span><span class="sr-only">${t.noValue}</span>`
          : formatMetricValue(locale, format, value, this.currency)}
      </td>`;
    };
    return html`
      <div part="table-wrapper" class="scroll">
        <table part="table">
          <caption class="sr-only">${this.s.label}. ${this.s.hint}</caption>
          <thead>
            <tr>
              ${header('name', this.s.name, 'text')}
              ${channel ? nothing : html`<th scope="col" class="text">${this.s.channel}</th>`}
              ${header('created', this.s.created, 'text')}
              ${figures.map(([key]) => header(key, t.metrics[key] ?? key))}
            </tr>
          </thead>
          <tbody @keydown=${this.onRowKey}>
            ${data.items.map(
              (c, i) => html`<tr
                part="row"
                data-id=${c.id}
                data-index=${i}
                tabindex=${i === active ? '0' : '-1'}
                aria-selected=${String(c.id) === selected ? 'true' : 'false'}
                @click=${() => this.select(c, i)}
                @focus=${() => (this.activeRow = i)}
              >
                <th scope="row" class="text" title=${c.name}>${c.name}</th>
                ${channel ? nothing : html`<td class="text">${t.channels[c.channel] ?? c.channel}</td>`}
                <td class="text">${formatDay(locale, c.createdDay)}</td>
                ${figures.map((f) => cell(c, f))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderPagination(data)}
    `;
  }

  private renderPagination(data: IgCampaignListResponse): TemplateResult {
    const t = this.s;
    const count = (n: number) => formatMetricValue(this.formatLocale, 'count', n);
    const first = (this.page - 1) * data.limit + 1;
    const last = first + data.items.length - 1;
    return html`<div part="pagination" class="pagination">
      <button part="page-button" class="button" type="button" data-page="previous" ?disabled=${this.page === 1} @click=${this.previousPage}>
        <span aria-hidden="true">‹</span>${t.previous}
      </button>
      <p class="pagination-text" aria-live="polite">${data.items.length ? t.pageOf(count(this.page), count(first), count(last)) : nothing}</p>
      <button part="page-button" class="button" type="button" data-page="next" ?disabled=${!data.nextCursor} @click=${() => this.nextPage(data)}>
        ${t.next}<span aria-hidden="true">›</span>
      </button>
    </div>`;
  }

  private renderSelection(): TemplateResult | typeof nothing {
    const id = this.ig?.filters.campaign;
    if (!id || this.data.state === 'disconnected') return nothing;
    const name = this.selectedSummary && String(this.selectedSummary.id) === id ? this.selectedSummary.name : `#${id}`;
    return html`<p part="selection" class="selection">
      <span>${this.s.selected(name)}</span>
      <button class="button" type="button" data-action="clear-selection" @click=${this.clearSelection}>${this.s.clearSelection}</button>
    </p>`;
  }

  // ---------------------------------------------------------------------------------------------
  // User actions

  private readonly onSearchInput = (event: Event): void => {
    this.typed = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.applySearch(), SEARCH_DELAY_MS);
  };

  private readonly onSearchKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    clearTimeout(this.searchTimer);
    this.applySearch();
  };

  private applySearch(): void {
    if (this.typed === undefined) return;
    this.search = this.typed.trim();
    this.activeRow = 0;
  }

  private readonly onPageSize = (event: Event): void => {
    this.pageSize = Number((event.target as HTMLSelectElement).value);
    this.activeRow = 0;
  };

  private readonly onIncludeAll = (event: Event): void => {
    this.includeAll = (event.target as HTMLInputElement).checked;
    this.activeRow = 0;
  };

  private sortBy(key: IgCampaignSort): void {
    const shown = this.data.value;
    if (shown?.sort === key) this.order = shown.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = key;
      this.order = undefined;
    }
    this.activeRow = 0;
    this.focusAfterLoad = { selector: `[data-sort="${key}"]`, shown: this.data.value };
  }

  private nextPage(data: IgCampaignListResponse): void {
    if (!data.nextCursor) return;
    const cursors = this.pages.key === this.queryKey ? this.pages.cursors : [];
    this.pages = { key: this.queryKey, cursors: [...cursors, data.nextCursor] };
    this.activeRow = 0;
    this.focusAfterLoad = { selector: '[data-page="next"]', shown: this.data.value };
  }

  private readonly previousPage = (): void => {
    if (this.pages.key !== this.queryKey || !this.pages.cursors.length) return;
    this.pages = { key: this.queryKey, cursors: this.pages.cursors.slice(0, -1) };
    this.activeRow = 0;
    this.focusAfterLoad = { selector: '[data-page="previous"]', shown: this.data.value };
  };

  private select(campaign: IgCampaignSummary, index: number): void {
    this.activeRow = index;
    this.selectedSummary = campaign;
    const id = String(campaign.id);
    this.ig?.setFilters({ campaign: id }, this);
    this.emit('ig-campaign-select', { campaign: id, summary: campaign });
    this.requestUpdate();
  }

  private readonly clearSelection = (): void => {
    this.selectedSummary = undefined;
    this.ig?.setFilters({ campaign: null }, this);
    this.emit('ig-campaign-select', { campaign: null });
  };

  private readonly onRowKey = (event: KeyboardEvent): void => {
    const row = (event.target as HTMLElement).closest('tr[data-index]');
    const items = this.data.value?.items;
    if (!row || !items) return;
    const index = Number(row.getAttribute('data-index'));
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(items.length - 1, index + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.select(items[index]!, index);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeRow = next;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus();
  };

  /** Downloads the page shown as the BFF's CSV (`Accept: text/csv`). */
  private async exportCsv(): Promise<void> {
    const client = this.ig?.client;
    const data = this.data.value;
    if (!client || !data) return;
    this.exporting = true;
    this.exportError = false;
    try {
      const blob = await client.getBlob('/v1/campaigns', this.lastParams, 'text/csv');
      this.saveFile(blob, `campaigns-${data.period.from}-${data.period.to}${this.page > 1 ? `-p${this.page}` : ''}.csv`);
    } catch (error) {
      this.exportError = true;
      if (!(error instanceof IgApiError)) console.error(error);
    } finally {
      this.exporting = false;
    }
  }

  /** Hands a file to the browser as a download. */
  protected saveFile(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Code that sets \`search\` wins over what was typed.
    if (changed.has('search') && this.typed !== undefined && this.typed.trim() !== this.search) this.typed = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const state = this.data.state;
    const pending = this.focusAfterLoad;
    if (!pending) return;
    const done = state === 'error' || ((state === 'complete' || state === 'empty') && this.data.value !== pending.shown);
    if (!done) return;
    const target = this.renderRoot.querySelector<HTMLButtonElement>(pending.selector);
    this.focusAfterLoad = undefined;
    const focusable = target && !target.disabled ? target : this.renderRoot.querySelector<HTMLElement>('tr[tabindex="0"], [part="retry-button"]');
    focusable?.focus();
  }
}
