import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { IgApiError } from '../../api/client.js';
import { IgElement } from '../../base/ig-element.js';
import { errorMessage } from '../../i18n/format.js';
import type { IgAnalysis } from '../saved-analyses/saved-analyses.js';
import styles from './dashboard-editor.styles.js';
import { dashboardEditorStrings, type IgDashboardEditorStrings } from './dashboard-editor.i18n.js';
import {
  MAX_CELLS,
  TYPE_ALIASES,
  addCell,
  findCell,
  fromLayout,
  locate,
  moveCell,
  paletteOf,
  parseValue,
  removeCell,
  resizeCell,
  setAttribute,
  toSpec,
  type EditorRows,
  type IgDashboardSpec,
  type PaletteAttribute,
  type PaletteElement,
} from './layout-model.js';

export type { IgDashboardSpec } from './layout-model.js';

/** Never offered in the palette: the provider is the dashboard's scope, a dashboard does not nest, the editor edits. */
const NOT_CELLS = new Set(['ig-provider', 'ig-dashboard', 'ig-dashboard-editor']);
const HISTORY = 100;

/** The `role` claim of a JWT (unverified: it only decides what the editor offers; the BFF decides writes). */
function roleOf(token: string | null | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    if (!claims || typeof claims !== 'object') return undefined;
    const role = (claims as { role?: unknown }).role;
    return typeof role === 'string' ? role : 'viewer';
  } catch {
    return undefined;
  }
}

interface Saved {
  id: string;
  version: number;
  shared: boolean;
  mine: boolean;
}

/**
 * Place it inside an `<ig-provider>` (the connection: api, token, project). Composes a dashboard from
 * the library's elements and saves it as a saved analysis of kind `dashboard` (`/v1/analyses`), in the
 * layout contract `<ig-dashboard>` renders (`{ columns, items: [{ element, attributes, x, y, w, h }] }`:
 * data, never markup), so the saved spec can be assigned to any `<ig-dashboard>`'s `layout` as is.
 *
 * The palette lists the `ig-*` elements of a custom-elements.json (`manifest` property, or fetched from
 * `manifest-url`) that `<ig-dashboard>` may show. Each cell can be moved (left, right, to the previous
 * or next row), resized (1–12 columns), removed, and its attributes edited in a form whose inputs
 * follow the manifest's types (checkbox, number, date, a list for unions, JSON text); a value that
 * does not fit is refused with a message and never reaches the layout. Event handlers (`on*`),
 * `style`, `is` and `slot` are never written. Undo and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y) cover
 * every change to the layout. A live `<ig-dashboard>` preview follows the edits.
 *
 * Keyboard: each cell is one Tab stop; arrows move it, Shift+Left/Right narrow or widen it, Enter
 * opens its attributes, Delete removes it; focus stays on the cell it acts on and every change is
 * announced in a polite live region.
 *
 * Save creates the analysis (`POST`) or, for an own one, updates it with the version read (`PATCH`; a
 * 409 says someone changed it meanwhile); another user's shared dashboard is saved as an own copy.
 * Share toggles `shared` (visible to every user of the project). Viewers (the token's `role` claim,
 * or a 403 `forbidden_role` answer) get the preview only.
 *
 * @summary Dashboard editor: compose an `<ig-dashboard>` layout from a palette, save, open and share it.
 *
 * @tag ig-dashboard-editor
 *
 * @event {CustomEvent<IgAnalysisSaveDetail>} ig-analysis-save - The dashboard was saved; `detail.id` is the analysis.
 *
 * @csspart base - The root: a labelled group.
 * @csspart toolbar - Name, New, Undo, Redo, Save, Share and Preview.
 * @csspart status - The live region that announces each change.
 * @csspart message - Problems (manifest, save conflicts, read-only).
 * @csspart palette - The list of elements to add.
 * @csspart add-button - One palette entry (`data-element`).
 * @csspart canvas - The rows of cells being edited.
 * @csspart row - One row.
 * @csspart cell - One cell (`data-element`, `data-span`).
 * @csspart inspector - The attribute form of the cell being edited.
 * @csspart preview - The live `<ig-dashboard>`.
 *
 * @cssproperty [--ig-color-primary=#1E88E5] - Focus ring and the selected cell.
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Hints.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Cells and panels.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - The canvas.
 * @cssproperty [--ig-color-border=#E2E6EC] - Borders.
 * @cssproperty [--ig-color-negative=#B3261E] - Validation messages.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 */
export class IgDashboardEditor extends IgElement {
  static override styles = styles;

  /** Named types of the manifest whose values are a closed list (or `'json'`): the palette's choices. */
  static typeAliases: Record<string, string[] | 'json'> = { ...TYPE_ALIASES };

  /** The elements' description, a parsed custom-elements.json (property only). Wins over `manifest-url`. */
  @property({ attribute: false }) manifest?: unknown;

  /** URL of custom-elements.json, fetched when `manifest` is unset. */
  @property({ attribute: 'manifest-url' }) manifestUrl?: string;

  /** Id of the saved dashboard to open (`GET /v1/analyses/:id`); set to the new id after a first save. */
  @property({ reflect: true }) analysis?: string;

  /** Never offer changes, whatever the user's role (the preview only). */
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false;

  @state() private rows: EditorRows = [];
  @state() private name = '';
  @state() private saved?: Saved;
  @state() private past: EditorRows[] = [];
  @state() private future: EditorRows[] = [];
  /** The cell whose attributes are being edited. */
  @state() private editing?: number;
  /** Field errors of the attribute form: attribute name → message. */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private status = '';
  @state() private problem?: { message: string; conflict?: boolean };
  @state() private busy = false;
  /** A write was refused for the role (403 forbidden_role). */
  @state() private denied = false;
  @state() private showPreview = true;
  @state() private fetchedManifest?: unknown;
  @state() private manifestError = false;
  @state() private allowed?: readonly string[];

  private preview?: { rows: EditorRows; spec: IgDashboardSpec };
  private ids = 0;
  private readonly nextId = () => ++this.ids;
  private fetchedUrl?: string;
  private openedId?: string;
  private openClient?: unknown;
  private openFailed = false;
  /** The cell to focus after the next render (by id), or a selector. */
  private focusAfter?: number | string;

  private get s(): IgDashboardEditorStrings {
    return dashboardEditorStrings(this.language);
  }

  /** The layout being edited, in the saved form (`kind: 'dashboard'` spec). Setting it starts a new history. */
  get layout(): IgDashboardSpec {
    return toSpec(this.rows);
  }

  set layout(layout: unknown) {
    this.rows = fromLayout(layout, this.nextId);
    this.past = [];
    this.future = [];
    this.editing = undefined;
  }

  /** Whether the user may edit: not `read-only`, not a viewer token, no 403 `forbidden_role` seen. */
  get canEdit(): boolean {
    return !this.readOnly && !this.denied && roleOf(this.ig?.token) !== 'viewer';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // `<ig-dashboard>`'s allow-list decides the palette once it is defined (a lazy chunk in the CDN build).
    void customElements.whenDefined('ig-dashboard').then((ctor) => {
      const list = (ctor as unknown as { allowedElements?: string[] }).allowedElements;
      if (Array.isArray(list)) this.allowed = list;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.manifest && this.manifestUrl && this.manifestUrl !== this.fetchedUrl) void this.fetchManifest(this.manifestUrl);
    // Opens `analysis` once a connection can read it (again on a new connection when that failed).
    const client = this.ig?.client;
    if (this.analysis && client?.connected && (this.analysis !== this.openedId || (this.openFailed && client !== this.openClient))) {
      void this.openById(this.analysis);
    }
  }

  private async fetchManifest(url: string): Promise<void> {
    this.fetchedUrl = url;
    this.manifestError = false;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      this.fetchedManifest = await response.json();
    } catch {
      this.manifestError = true;
    }
  }

  private get palette(): PaletteElement[] {
    const manifest = this.manifest ?? this.fetchedManifest;
    if (!manifest) return [];
    const ctor = this.constructor as typeof IgDashboardEditor;
    return paletteOf(manifest, this.allowed, ctor.typeAliases).filter((p) => !NOT_CELLS.has(p.tag));
  }

  // ---------------------------------------------------------------------------------------------
  // Edits (each one a step of the history)

  private apply(next: EditorRows, announce: string, focus?: number | string): void {
    if (next === this.rows) return;
    this.past = [...this.past, this.rows].slice(-HISTORY);
    this.future = [];
    this.rows = next;
    this.status = announce;
    this.focusAfter = focus;
  }

  /** Adds an element from the palette (at the end; the last row when it fits). */
  add(tag: string): void {
    if (!this.canEdit) return;
    if (this.rows.reduce((n, r) => n + r.length, 0) >= MAX_CELLS) {
      this.status = this.s.full;
      return;
    }
    const id = this.nextId();
    this.apply(addCell(this.rows, { id, element: tag, attributes: {}, span: 6 }), this.s.added(tag), id);
  }

  private move(id: number, direction: 'left' | 'right' | 'up' | 'down'): void {
    const next = moveCell(this.rows, id, direction);
    if (next === this.rows) return;
    const at = locate(next, id)!;
    this.apply(next, this.s.moved(findCell(next, id)!.element, at.row + 1, at.index + 1), id);
  }

  private resize(id: number, delta: number): void {
    const before = findCell(this.rows, id);
    const next = resizeCell(this.rows, id, delta);
    const after = findCell(next, id);
    if (!before || !after || before.span === after.span) return;
    this.apply(next, this.s.resized(after.element, after.span), id);
  }

  private removeAt(id: number): void {
    const at = locate(this.rows, id);
    const cell = findCell(this.rows, id);
    if (!at || !cell) return;
    const next = removeCell(this.rows, id);
    // Focus: the cell that took its place, else the one before, else the palette.
    const flat = next.flat();
    const before = this.rows.slice(0, at.row).reduce((n, r) => n + r.length, 0) + at.index;
    const neighbour = flat[Math.min(before, flat.length - 1)];
    if (this.editing === id) this.editing = undefined;
    this.apply(next, this.s.removed(cell.element), neighbour?.id ?? '[part="add-button"]');
  }

  /** Undoes the last change to the layout. */
  undo(): void {
    const previous = this.past[this.past.length - 1];
    if (!previous) return;
    this.future = [this.rows, ...this.future].slice(0, HISTORY);
    this.past = this.past.slice(0, -1);
    this.rows = previous;
    if (this.editing !== undefined && !findCell(previous, this.editing)) this.editing = undefined;
    this.status = this.s.undone;
  }

  /** Redoes the last undone change. */
  redo(): void {
    const [next, ...rest] = this.future;
    if (!next) return;
    this.past = [...this.past, this.rows].slice(-HISTORY);
    this.future = rest;
    this.rows = next;
    if (this.editing !== undefined && !findCell(next, this.editing)) this.editing = undefined;
    this.status = this.s.redone;
  }

  /** Starts an empty, unsaved dashboard. */
  clear(): void {
    this.layout = { items: [] };
    this.saved = undefined;
    this.openedId = undefined;
    this.analysis = undefined;
    this.name = '';
    this.problem = undefined;
    this.status = this.s.cleared;
  }

  private onAttributeChange(id: number, attribute: PaletteAttribute, raw: string | boolean): void {
    const parsed = parseValue(attribute.kind, raw);
    const errors = { ...this.fieldErrors };
    if (!parsed.ok) {
      const s = this.s;
      errors[attribute.name] = { number: s.invalidNumber, date: s.invalidDate, json: s.invalidJson, length: s.tooLong, choice: s.invalidChoice }[parsed.error];
      this.fieldErrors = errors;
      return;
    }
    delete errors[attribute.name];
    this.fieldErrors = errors;
    const cell = findCell(this.rows, id);
    if (!cell || cell.attributes[attribute.name] === parsed.value) return;
    this.apply(setAttribute(this.rows, id, attribute.name, parsed.value), this.s.changed(cell.element, attribute.name));
  }

  private startEditing(id: number): void {
    this.editing = id;
    this.fieldErrors = {};
    this.focusAfter = '[part="inspector"] input, [part="inspector"] select, [part="inspector"] textarea, [part="inspector"] button';
  }

  private stopEditing(): void {
    const id = this.editing;
    this.editing = undefined;
    this.fieldErrors = {};
    this.focusAfter = id;
  }

  // ---------------------------------------------------------------------------------------------
  // Saved analyses

  /** Opens a saved dashboard (`GET /v1/analyses/:id`'s answer, e.g. from `ig-analysis-open`). */
  open(analysis: IgAnalysis): void {
    if (analysis.kind !== 'dashboard') {
      this.problem = { message: this.s.notDashboard };
      return;
    }
    this.layout = analysis.spec;
    this.name = analysis.name;
    this.saved = { id: analysis.id, version: analysis.version, shared: analysis.shared, mine: analysis.mine };
    this.openedId = analysis.id;
    this.analysis = analysis.id;
    this.problem = undefined;
    this.status = this.s.opened(analysis.name);
  }

  private async openById(id: string): Promise<void> {
    this.openedId = id;
    const client = this.ig?.client;
    if (!client) return;
    this.openClient = client;
    this.openFailed = false;
    try {
      this.open(await client.get<IgAnalysis>(`/v1/analyses/${encodeURIComponent(id)}`));
    } catch (e) {
      this.openFailed = true;
      this.problem = { message: errorMessage(this.t, IgApiError.from(e)) };
    }
  }

  /** Saves: creates the analysis, or updates an own one (with the version read). Resolves to its id. */
  async save(): Promise<string | undefined> {
    const client = this.ig?.client;
    if (!client || !this.canEdit || this.busy) return undefined;
    const name = this.name.trim() || this.s.defaultName;
    const spec = toSpec(this.rows);
    this.busy = true;
    this.problem = undefined;
    try {
      const own = this.saved?.mine ? this.saved : undefined;
      const answer = own
        ? await client.send<IgAnalysis>('PATCH', `/v1/analyses/${encodeURIComponent(own.id)}`, { version: own.version, name, spec })
        : await client.send<IgAnalysis>('POST', '/v1/analyses', { name, kind: 'dashboard', spec, shared: false });
      this.saved = { id: answer.id, version: answer.version, shared: answer.shared, mine: true };
      this.openedId = answer.id;
      this.analysis = answer.id;
      this.name = answer.name;
      this.status = this.s.saved(answer.name);
      this.emit('ig-analysis-save', { id: answer.id, kind: 'dashboard' });
      return answer.id;
    } catch (e) {
      this.refused(IgApiError.from(e));
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Shares the saved dashboard with the project, or stops sharing it. */
  async share(shared = !this.saved?.shared): Promise<void> {
    const client = this.ig?.client;
    const own = this.saved?.mine ? this.saved : undefined;
    if (!client || !own || !this.canEdit || this.busy) return;
    this.busy = true;
    this.problem = undefined;
    try {
      const answer = await client.send<IgAnalysis>('PATCH', `/v1/analyses/${encodeURIComponent(own.id)}`, { version: own.version, shared });
      this.saved = { ...own, version: answer.version, shared: answer.shared };
      this.status = answer.shared ? this.s.sharedOn(answer.name) : this.s.sharedOff(answer.name);
    } catch (e) {
      this.refused(IgApiError.from(e));
    } finally {
      this.busy = false;
    }
  }

  private refused(error: IgApiError): void {
    if (error.code === 'forbidden_role') {
      this.denied = true;
      this.problem = { message: this.s.readOnly };
    } else if (error.status === 409 || error.code === 'forbidden_owner') {
      this.problem = { message: this.s.conflict, conflict: true };
    } else {
      this.problem = { message: errorMessage(this.t, error) };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Keyboard

  private onCellKey(event: KeyboardEvent, id: number): void {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const keys: Record<string, () => void> = event.shiftKey
      ? { ArrowLeft: () => this.resize(id, -1), ArrowRight: () => this.resize(id, 1) }
      : {
          ArrowLeft: () => this.move(id, 'left'),
          ArrowRight: () => this.move(id, 'right'),
          ArrowUp: () => this.move(id, 'up'),
          ArrowDown: () => this.move(id, 'down'),
          Delete: () => this.removeAt(id),
          Backspace: () => this.removeAt(id),
          Enter: () => this.startEditing(id),
        };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  /** Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z or Ctrl+Y redoes, except while typing in a field. */
  private onKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || !this.canEdit) return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target && /^(input|textarea|select)$/i.test(target.localName)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) this.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') this.redo();
    else return;
    event.preventDefault();
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    super.updated(changed);
    const focus = this.focusAfter;
    if (focus === undefined) return;
    this.focusAfter = undefined;
    const selector = typeof focus === 'number' ? `[part~="cell"][data-cell="${focus}"]` : focus;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private renderToolbar(): TemplateResult {
    const s = this.s;
    const saved = this.saved;
    return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${s.toolbar}>
      <label class="name">
        <span>${s.name}</span>
        <input
          part="name-input"
          .value=${this.name}
          maxlength="200"
          placeholder=${s.defaultName}
          @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="button" data-action="new" @click=${() => this.clear()}>${s.newDashboard}</button>
      <button type="button" data-action="undo" aria-keyshortcuts="Control+Z" ?disabled=${!this.past.length} @click=${() => this.undo()}>${s.undo}</button>
      <button type="button" data-action="redo" aria-keyshortcuts="Control+Shift+Z Control+Y" ?disabled=${!this.future.length} @click=${() => this.redo()}>${s.redo}</button>
      <button type="button" data-action="save" class="primary" ?disabled=${this.busy} @click=${() => void this.save()}>
        ${saved && !saved.mine ? s.saveCopy : s.save}
      </button>
      ${saved?.mine
        ? html`<button type="button" data-action="share" aria-pressed=${saved.shared ? 'true' : 'false'} ?disabled=${this.busy} @click=${() => void this.share()}>
            ${s.share}
          </button>`
        : nothing}
      <button type="button" data-action="preview" aria-pressed=${this.showPreview ? 'true' : 'false'} @click=${() => (this.showPreview = !this.showPreview)}>
        ${s.preview}
      </button>
    </div>`;
  }

  private renderPalette(palette: PaletteElement[]): TemplateResult {
    const s = this.s;
    let message: unknown = nothing;
    if (this.manifestError) message = html`<p part="message" class="message message--error">${s.manifestFailed}</p>`;
    else if (!this.manifest && !this.manifestUrl) message = html`<p part="message" class="message">${s.noManifest}</p>`;
    return html`<section part="palette" class="palette" aria-labelledby="palette-title">
      <h3 id="palette-title" class="heading">${s.palette}</h3>
      ${message}
      <ul class="palette-list">
        ${palette.map(
          (p) => html`<li>
            <button type="button" part="add-button" data-element=${p.tag} @click=${() => this.add(p.tag)}>
              <span class="tag"><span class="sr-only">${s.add} </span>${p.tag}</span><span class="summary">${p.summary}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderCell(cell: EditorRows[number][number], row: number, index: number): TemplateResult {
    const s = this.s;
    const summary = Object.entries(cell.attributes)
      .map(([k, v]) => (v === true ? k : `${k}=${String(v)}`))
      .join(' ');
    const button = (action: string, label: string, text: string, run: () => void) =>
      html`<button type="button" class="icon" data-action=${action} aria-label=${label} title=${label} @click=${run}>${text}</button>`;
    return html`<li
      part="cell"
      class="cell span-${cell.span} ${this.editing === cell.id ? 'cell--editing' : ''}"
      tabindex="0"
      data-cell=${cell.id}
      data-element=${cell.element}
      data-span=${cell.span}
      aria-label=${s.cell(cell.element, cell.span, row + 1, index + 1)}
      aria-describedby="keys"
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Shift+ArrowRight Enter Delete"
      @keydown=${(e: KeyboardEvent) => this.onCellKey(e, cell.id)}
    >
      <span class="cell-tag">${cell.element}</span>
      <span class="cell-attributes">${summary}</span>
      <span class="cell-actions">
        ${button('left', s.moveLeft, '←', () => this.move(cell.id, 'left'))}
        ${button('right', s.moveRight, '→', () => this.move(cell.id, 'right'))}
        ${button('up', s.moveUp, '↑', () => this.move(cell.id, 'up'))}
        ${button('down', s.moveDown, '↓', () => this.move(cell.id, 'down'))}
        ${button('narrower', s.narrower, '−', () => this.resize(cell.id, -1))}
        ${button('wider', s.wider, '+', () => this.resize(cell.id, 1))}
        <button type="button" data-action="edit" aria-expanded=${this.editing === cell.id ? 'true' : 'false'} @click=${() => this.startEditing(cell.id)}>${s.edit}</button>
        <button type="button" data-action="remove" @click=${() => this.removeAt(cell.id)}>${s.remove}</button>
      </span>
    </li>`;
  }

  private renderCanvas(): TemplateResult {
    const s = this.s;
    return html`<section part="canvas" class="canvas" aria-labelledby="canvas-title">
      <h3 id="canvas-title" class="heading">${s.canvas}</h3>
      <p id="keys" class="hint">${s.keys}</p>
      ${this.rows.length
        ? this.rows.map(
            (row, r) => html`<ol part="row" class="row" aria-label=${s.row(r + 1)}>
              ${repeat(row, (c) => c.id, (c, i) => this.renderCell(c, r, i))}
            </ol>`,
          )
        : html`<p class="empty">${s.emptyCanvas}</p>`}
    </section>`;
  }

  private renderField(id: number, a: PaletteAttribute, value: unknown): TemplateResult {
    const s = this.s;
    const fid = `field-${a.name}`;
    const error = this.fieldErrors[a.name];
    const hint = a.default !== undefined && a.default !== "''" ? s.defaultValue(a.default) : '';
    const described = [hint ? `${fid}-hint` : '', error ? `${fid}-error` : ''].filter(Boolean).join(' ') || nothing;
    const text = value === undefined ? '' : String(value);
    const change = (raw: string | boolean) => this.onAttributeChange(id, a, raw);
    let input: TemplateResult;
    switch (a.kind.kind) {
      case 'boolean':
        input = html`<input id=${fid} type="checkbox" .checked=${value === true} aria-describedby=${described} @change=${(e: Event) => change((e.target as HTMLInputElement).checked)} />`;
        break;
      case 'choice':
        input = html`<select id=${fid} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described} @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${text === ''}>${s.unset}</option>
          ${a.kind.options.map((o) => html`<option value=${o} ?selected=${o === text}>${o}</option>`)}
        </select>`;
        break;
      case 'json':
        input = html`<textarea id=${fid} rows="3" .value=${text} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described} @change=${(e: Event) => change((e.target as HTMLTextAreaElement).value)}></textarea>`;
        break;
      default:
        input = html`<input
          id=${fid}
          type="text"
          inputmode=${a.kind.kind === 'number' ? 'decimal' : nothing}
          placeholder=${a.kind.kind === 'date' ? 'YYYY-MM-DD' : nothing}
          .value=${text}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${described}
          @change=${(e: Event) => change((e.target as HTMLInputElement).value)}
        />`;
    }
    return html`<div class="field ${a.kind.kind === 'boolean' ? 'field--check' : ''}" data-attribute=${a.name}>
      <label for=${fid}>${a.name}</label>
      ${input}
      ${hint ? html`<span id="${fid}-hint" class="hint">${hint}</span>` : nothing}
      ${error ? html`<span id="${fid}-error" class="field-error" role="alert">${error}</span>` : nothing}
    </div>`;
  }

  private renderInspector(palette: PaletteElement[]): TemplateResult | typeof nothing {
    const cell = this.editing === undefined ? undefined : findCell(this.rows, this.editing);
    if (!cell) return nothing;
    const s = this.s;
    const attributes = palette.find((p) => p.tag === cell.element)?.attributes ?? [];
    return html`<section part="inspector" class="inspector" aria-labelledby="inspector-title">
      <h3 id="inspector-title" class="heading">${s.attributes(cell.element)}</h3>
      <form class="fields" @submit=${(e: Event) => (e.preventDefault(), this.stopEditing())}>
        ${attributes.length ? attributes.map((a) => this.renderField(cell.id, a, cell.attributes[a.name])) : html`<p class="hint">${s.noAttributes}</p>`}
        <button type="submit" data-action="done">${s.done}</button>
      </form>
    </section>`;
  }

  /**
   * The preview's layout: the same object while the rows are the same, because a new `layout` makes
   * `<ig-dashboard>` rebuild its cells (and their provider scope, whose context changes re-render this
   * element: a new object per render would never settle).
   */
  private previewSpec(): IgDashboardSpec {
    if (this.preview?.rows !== this.rows) this.preview = { rows: this.rows, spec: toSpec(this.rows) };
    return this.preview.spec;
  }

  private renderPreview(): TemplateResult | typeof nothing {
    if (!this.showPreview && this.canEdit) return nothing;
    const spec = this.previewSpec();
    return html`<section part="preview" class="preview" aria-label=${this.s.preview}>
      ${spec.items.length ? html`<ig-dashboard heading-level="3" .layout=${spec}></ig-dashboard>` : html`<p class="hint">${this.s.previewEmpty}</p>`}
    </section>`;
  }

  protected override render() {
    const s = this.s;
    const problem = this.problem
      ? html`<p part="message" class="message message--error" role="alert">${this.problem.message}</p>`
      : nothing;
    if (!this.canEdit) {
      return html`<div part="base" class="base" role="group" aria-label=${s.label}>
        <p part="message" class="message">${s.readOnly}</p>
        ${problem}${this.renderPreview()}
      </div>`;
    }
    const palette = this.palette;
    return html`<div part="base" class="base" role="group" aria-label=${s.label} @keydown=${(e: KeyboardEvent) => this.onKey(e)}>
      ${this.renderToolbar()}
      <p part="status" class="sr-only" role="status" aria-live="polite">${this.status}</p>
      ${problem}
      ${this.saved && !this.saved.mine ? html`<p part="message" class="message">${s.notMine}</p>` : nothing}
      <div class="workspace">
        ${this.renderPalette(palette)} ${this.renderCanvas()} ${this.renderInspector(palette)}
      </div>
      ${this.renderPreview()}
    </div>`;
  }
}
