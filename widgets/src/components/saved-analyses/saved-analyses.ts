import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IgApiError, type IgApiClient } from '../../api/client.js';
import type { IgDataRequest } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { errorMessage, formatInstant, formatMetricValue } from '../../i18n/format.js';
import styles from './saved-analyses.styles.js';
import { analysesStrings } from '../../i18n/elements/analyses.js';

/** A saved analysis as `GET /v1/analyses` lists it (without its spec). */
export interface IgAnalysisSummary {
  id: string;
  name: string;
  /** `''`: the top level. */
  folder: string;
  description: string;
  kind: 'widget' | 'dashboard' | 'chat';
  /** Shared with the whole project. */
  shared: boolean;
  ownerId: string;
  /** The caller owns it (only own analyses can be changed). */
  mine: boolean;
  /** Send it back with a change: a stale one is a 409. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A saved analysis with its spec (`GET /v1/analyses/:id`). */
export interface IgAnalysis extends IgAnalysisSummary {
  spec: Record<string, unknown>;
}

/** `GET /v1/analyses` */
export interface IgAnalysesResponse {
  items: IgAnalysisSummary[];
  truncated: boolean;
}

/** `GET /v1/analyses/folders` */
export interface IgAnalysisFoldersResponse {
  folders: { folder: string; count: number; mine: number; shared: number }[];
}

/** The `role` claim of a JWT (unverified: it only decides which buttons show), `undefined` when unreadable. */
function roleOf(token: string | null | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    if (!claims || typeof claims !== 'object') return undefined;
    const role = (claims as { role?: unknown }).role;
    // The BFF's default for a token without a role.
    return typeof role === 'string' ? role : 'viewer';
  } catch {
    return undefined;
  }
}

/**
 * Place it inside an `<ig-provider>`. The user's saved analyses and those shared with the project
 * (`GET /v1/analyses`), each marked as the user's own or shared, with the folders and their counts
 * (`GET /v1/analyses/folders`) to filter by. Opening one (its name) fetches it with its spec and
 * dispatches `ig-analysis-open`; the page decides what to show.
 *
 * Own analyses can be renamed (inline; Enter saves, Escape cancels), shared or unshared with the
 * project, and deleted (after a confirmation). Every change sends the version read, so a change made
 * elsewhere in the meantime is refused (409) and shown as "changed elsewhere" with a Reload button.
 * Viewers (the token's role, or a 403 `forbidden_role` answer) get a read-only list.
 *
 * @summary Saved analyses: folders, own and shared items; open, rename, share, delete.
 *
 * @tag ig-saved-analyses
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The list arrived and is rendered (also an empty one).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The list's request failed and the error state is shown.
 * @event {CustomEvent<IgAnalysisOpenDetail>} ig-analysis-open - A user opened an analysis; `detail.analysis`
 * is `GET /v1/analyses/:id`'s answer, spec included.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart folders - The folder filter (buttons with `aria-pressed`).
 * @csspart folder-button - One folder (`data-folder`; "all" has none), with its count.
 * @csspart list - The list of analyses.
 * @csspart item - One analysis (`data-id`).
 * @csspart open-button - An analysis's name: opens it.
 * @csspart badge - The kind, "mine" and "shared" marks.
 * @csspart action-button - Rename, share toggle (`aria-pressed`), delete, save, cancel (`data-action`).
 * @csspart rename-input - The inline name field.
 * @csspart status - The message after a change (announced politely).
 * @csspart message - The empty, error, read-only and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 *
 * @cssproperty [--ig-color-primary=#1E88E5] - Focus rings, the chosen folder.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - Retry and confirm buttons.
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D).
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Item background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Badges, placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Borders.
 * @cssproperty [--ig-color-negative=#B3261E] - Errors and the delete confirmation.
 * @cssproperty [--ig-color-warning=#8A4B00] - "Changed elsewhere" (text).
 * @cssproperty [--ig-color-warning-surface=#FFF3E0] - "Changed elsewhere" (background).
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 * @cssproperty [--ig-spacing=1em] - Item padding.
 */
export class IgSavedAnalyses extends IgDataElement<IgAnalysesResponse> {
  /** This element's own strings (its chunk carries them; ../../i18n/elements/). */
  private get s() {
    return analysesStrings[this.language];
  }

  static override styles = styles;

  /** Folder shown (`''`: the top level). Unset: every folder. Choosing a folder sets it. */
  @property() folder?: string;

  /** `all` (own and shared with the project), `mine`, or `shared` (others' shared analyses). */
  @property() scope: 'all' | 'mine' | 'shared' = 'all';

  /** At most this many analyses, newest first (1–500). */
  @property({ type: Number }) limit = 200;

  /** Never offer changes (rename, share, delete), whatever the user's role. */
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false;

  /** Local results of the user's changes since the list was read (`null`: deleted). */
  @state() private changes = new Map<string, IgAnalysisSummary | null>();
  @state() private editing: string | undefined;
  @state() private confirming: string | undefined;
  @state() private busy: string | undefined;
  @state() private conflict: string | undefined;
  @state() private itemError: { id: string; message: string } | undefined;
  @state() private status = '';
  /** A write was refused for the role (403 forbidden_role). */
  @state() private denied = false;
  /** Bumped after a change, so the folder counts are read again. */
  @state() private revision = 0;

  private listed: IgAnalysesResponse | undefined;

  private readonly folders = new Task(this, {
    task: async ([client]: readonly [IgApiClient | undefined, number], { signal }) => {
      if (!client) return undefined;
      return client.get<IgAnalysisFoldersResponse>('/v1/analyses/folders', {}, signal);
    },
    args: () => [this.ig?.client.connected ? this.ig.client : undefined, this.revision] as const,
  });

  protected request(): IgDataRequest {
    // The client drops empty parameters, so the top level ('') is filtered here, not by the BFF.
    return { path: '/v1/analyses', params: { folder: this.folder || undefined, scope: this.scope === 'all' ? undefined : this.scope, limit: this.limit } };
  }

  protected dataGroups(): readonly string[] {
    return [];
  }

  protected label(): string {
    return this.s.label;
  }

  /** Whether the user may change their analyses here. */
  private get canWrite(): boolean {
    return !this.readOnly && !this.denied && roleOf(this.ig?.token) !== 'viewer';
  }

  private visible(data: IgAnalysesResponse): IgAnalysisSummary[] {
    const items: IgAnalysisSummary[] = [];
    for (const item of data.items) {
      const changed = this.changes.has(item.id) ? this.changes.get(item.id) : item;
      if (changed && (this.folder !== '' || changed.folder === '')) items.push(changed);
    }
    return items;
  }

  protected override isEmpty(data: IgAnalysesResponse): boolean {
    return this.visible(data).length === 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new answer replaces the local results of earlier changes.
    if (this.data.value !== this.listed) {
      this.listed = this.data.value;
      if (this.changes.size) this.changes = new Map();
      this.conflict = undefined;
      this.itemError = undefined;
    }
  }

  // The folders stay mounted through every state, so the chosen folder keeps the focus.
  protected override renderLead() {
    return html`${this.renderFolders()}${this.denied ? html`<p part="message" class="note">${this.s.readOnly}</p>` : nothing}`;
  }

  protected override renderTrail() {
    return html`<p part="status" class="status" role="status">${this.status}</p>`;
  }


  private renderFolders(): TemplateResult | typeof nothing {
    if (this.folders.status !== TaskStatus.COMPLETE || !this.folders.value) return nothing;
    const t = this.s;
    const folders = this.folders.value.folders;
    const total = folders.reduce((sum, f) => sum + f.count, 0);
    const button = (folder: string | undefined, name: string, count: number) => {
      const n = formatMetricValue(this.formatLocale, 'count', count);
      return html`<li>
        <button
          part="folder-button"
          class="folder"
          type="button"
          data-folder=${folder ?? nothing}
          aria-pressed=${this.folder === folder ? 'true' : 'false'}
          @click=${() => this.chooseFolder(folder)}
        >
          <span>${name}</span><span class="count" aria-hidden="true">${n}</span><span class="sr-only">, ${t.count(n)}</span>
        </button>
      </li>`;
    };
    return html`<nav part="folders" class="folders" aria-label=${t.folders}>
      <ul>
        ${button(undefined, t.allFolders, total)} ${folders.map((f) => button(f.folder, f.folder || t.topLevel, f.count))}
      </ul>
    </nav>`;
  }

  protected override renderSkeleton(): TemplateResult {
    const item = html`<span class="bone bone--item"></span>`;
    return html`<div aria-hidden="true" class="skeleton">${item}${item}${item}</div>`;
  }

  protected override renderEmpty(_data?: IgAnalysesResponse): TemplateResult {
    const t = this.s;
    return html`<p part="message" class="message" role="status">${this.folder === undefined ? t.empty : t.emptyFolder}</p>`;
  }

  protected renderData(data: IgAnalysesResponse): TemplateResult {
    const items = this.visible(data);
    if (!items.length) return this.renderEmpty(data);
    return html`<ul part="list" class="list">
        ${items.map((item) => this.renderItem(item))}
      </ul>
      ${data.truncated ? html`<p class="note">${this.s.truncated(formatMetricValue(this.formatLocale, 'count', data.items.length))}</p>` : nothing}`;
  }

  private renderItem(item: IgAnalysisSummary): TemplateResult {
    const t = this.s;
    const busy = this.busy === item.id;
    const writable = item.mine && this.canWrite;
    const action = (name: string, label: string, handler: () => void, extra: { pressed?: boolean; danger?: boolean } = {}) =>
      html`<button
        part="action-button"
        class="button ${extra.danger ? 'button--danger' : ''}"
        type="button"
        data-action=${name}
        aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
        ?disabled=${busy}
        @click=${handler}
      >
        ${label}
      </button>`;
    let body: TemplateResult;
    if (this.editing === item.id) {
      body = html`<form class="rename" @submit=${(e: Event) => this.submitRename(e, item)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.stopEditing(item)}>
        <label class="sr-only" for="rename-${item.id}">${t.newName}</label>
        <input part="rename-input" id="rename-${item.id}" type="text" name="name" maxlength="200" required .value=${item.name} ?disabled=${busy} />
        <button part="action-button" class="button button--primary" type="submit" data-action="save" ?disabled=${busy}>${t.save}</button>
        ${action('cancel', t.cancel, () => this.stopEditing(item))}
      </form>`;
    } else {
      body = html`<button part="open-button" class="name" type="button" aria-label=${t.open(item.name)} @click=${() => void this.open(item)}>
        ${item.name}
      </button>`;
    }
    return html`<li part="item" class="item" data-id=${item.id}>
      ${body}
      <p class="meta">
        <span part="badge" class="badge">${t.kinds[item.kind] ?? item.kind}</span>
        ${item.mine ? html`<span part="badge" class="badge badge--mine">${t.mine}</span>` : nothing}
        ${item.shared ? html`<span part="badge" class="badge badge--shared">${item.mine ? t.shared : t.sharedWithMe}</span>` : nothing}
        ${this.folder === undefined && item.folder ? html`<span class="folder-name">${item.folder}</span>` : nothing}
        <span class="updated">${t.updated(formatInstant(this.formatLocale, item.updatedAt, this.ig?.meta.value?.timeZone))}</span>
      </p>
      ${item.description ? html`<p class="description">${item.description}</p>` : nothing}
      ${this.conflict === item.id
        ? html`<div class="conflict" role="alert">
            <span>${t.conflict}</span>
            ${action('reload', t.reload, this.reload)}
          </div>`
        : nothing}
      ${this.itemError?.id === item.id ? html`<p class="item-error" role="alert">${this.itemError.message}</p>` : nothing}
      ${this.confirming === item.id
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-${item.id}">
            <span id="confirm-${item.id}">${t.confirmDelete(item.name)}</span>
            ${action('confirm-delete', t.delete, () => void this.deleteItem(item), { danger: true })} ${action('cancel-delete', t.cancel, () => this.stopConfirming(item))}
          </div>`
        : writable && this.editing !== item.id
          ? html`<div class="actions">
              ${action('rename', t.rename, () => this.startEditing(item))}
              ${action('share', t.share, () => void this.patch(item, { shared: !item.shared }), { pressed: item.shared })}
              ${action('delete', t.delete, () => this.startConfirming(item))}
            </div>`
          : nothing}
    </li>`;
  }

  // ---------------------------------------------------------------------------------------------
  // User actions

  private chooseFolder(folder: string | undefined): void {
    this.folder = folder;
    this.editing = this.confirming = undefined;
  }

  private async focusIn(id: string, selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"] ${selector}`)?.focus();
  }

  private startEditing(item: IgAnalysisSummary): void {
    this.editing = item.id;
    this.confirming = undefined;
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`li[data-id="${CSS.escape(item.id)}"] [part="rename-input"]`);
      input?.focus();
      input?.select();
    });
  }

  private stopEditing(item: IgAnalysisSummary): void {
    this.editing = undefined;
    void this.focusIn(item.id, '[data-action="rename"]');
  }

  private startConfirming(item: IgAnalysisSummary): void {
    this.confirming = item.id;
    this.editing = undefined;
    void this.focusIn(item.id, '[data-action="cancel-delete"]');
  }

  private stopConfirming(item: IgAnalysisSummary): void {
    this.confirming = undefined;
    void this.focusIn(item.id, '[data-action="delete"]');
  }

  private submitRename(event: Event, item: IgAnalysisSummary): void {
    event.preventDefault();
    const name = (new FormData(event.target as HTMLFormElement).get('name') as string | null)?.trim() ?? '';
    if (!name || name === item.name) return this.stopEditing(item);
    void this.patch(item, { name });
  }

  /** Runs a write; a refused one says why, next to the analysis. */
  private async write(item: IgAnalysisSummary, action: 'rename' | 'delete' | 'share', run: (client: IgApiClient) => Promise<void>): Promise<boolean> {
    const client = this.ig?.client;
    if (!client) return false;
    this.busy = item.id;
    this.conflict = undefined;
    this.itemError = undefined;
    this.status = '';
    try {
      await run(client);
      return true;
    } catch (e) {
      const error = IgApiError.from(e);
      if (error.status === 409 || error.status === 404) {
        // Changed or deleted since the list was read.
        this.conflict = item.id;
        void this.focusIn(item.id, '[data-action="reload"]');
      } else if (error.code === 'forbidden_role') {
        this.denied = true;
        this.editing = this.confirming = undefined;
      } else {
        this.itemError = { id: item.id, message: errorMessage(this.t, error) };
      }
      if (action === 'rename' && error.code !== 'forbidden_role') this.editing = undefined;
      return false;
    } finally {
      this.busy = undefined;
    }
  }

  private async patch(item: IgAnalysisSummary, change: { name?: string; shared?: boolean }): Promise<void> {
    const t = this.s;
    const ok = await this.write(item, change.name !== undefined ? 'rename' : 'share', async (client) => {
      const updated = await client.send<IgAnalysis>('PATCH', `/v1/analyses/${encodeURIComponent(item.id)}`, { version: item.version, ...change });
      const { spec: _spec, ...summary } = updated;
      this.changes = new Map(this.changes).set(item.id, summary);
    });
    if (!ok) return;
    if (change.name !== undefined) {
      this.editing = undefined;
      this.status = t.renamed(change.name);
      void this.focusIn(item.id, '[data-action="rename"]');
    } else {
      this.status = change.shared ? t.sharedOn(item.name) : t.sharedOff(item.name);
      this.revision++;
    }
  }

  private async deleteItem(item: IgAnalysisSummary): Promise<void> {
    const ok = await this.write(item, 'delete', async (client) => {
      await client.send('DELETE', `/v1/analyses/${encodeURIComponent(item.id)}`, undefined, { version: item.version });
      this.changes = new Map(this.changes).set(item.id, null);
    });
    this.confirming = undefined;
    if (!ok) return;
    this.status = this.s.deleted(item.name);
    this.revision++;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="open-button"], [part="folder-button"][aria-pressed="true"]')?.focus();
  }

  private async open(item: IgAnalysisSummary): Promise<void> {
    const client = this.ig?.client;
    if (!client) return;
    this.busy = item.id;
    this.itemError = undefined;
    try {
      const analysis = await client.get<IgAnalysis>(`/v1/analyses/${encodeURIComponent(item.id)}`);
      this.emit('ig-analysis-open', { analysis });
    } catch (e) {
      const error = IgApiError.from(e);
      if (error.status === 404) this.conflict = item.id;
      else this.itemError = { id: item.id, message: errorMessage(this.t, error) };
    } finally {
      this.busy = undefined;
    }
  }

  private readonly reload = (): void => {
    this.conflict = undefined;
    this.status = '';
    this.revision++;
    this.data.retry();
  };
}
