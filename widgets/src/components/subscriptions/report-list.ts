import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { IgApiError, type IgApiClient } from '../../api/client.js';
import type { IgDataRequest } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { errorMessage } from '../../i18n/format.js';
import { reportsStrings } from '../../i18n/elements/reports.js';

/** What <ig-subscriptions> and <ig-alerts> share of an item. */
export interface IgReportItem {
  id: string;
  name: string;
  paused: boolean;
  mine: boolean;
  version: number;
}

/** One line of an item's history (a send, or an alert's firing). */
export interface IgReportHistoryLine {
  key: string;
  text: string;
  state?: string;
}

/**
 * The list both elements draw: the user's own items with pause/resume, test-send, history and
 * delete (after a confirmation), and a form to create one. Changes send the version read; a change
 * made elsewhere (409) or a deleted item (404) asks for a reload. Not an element itself.
 */
export abstract class IgReportList<Item extends IgReportItem> extends IgDataElement<{ items: Item[] }> {
  protected get s() {
    return reportsStrings[this.language];
  }

  /** `subscriptions` or `alerts` (under /v1). */
  protected abstract readonly resource: 'subscriptions' | 'alerts';
  /** The line under an item's name (its schedule or rule). */
  protected abstract describe(item: Item): string;
  /** Extra badges (e.g. an alert that is firing). */
  protected badges(_item: Item): TemplateResult | typeof nothing {
    return nothing;
  }
  /** The fields of the creation form (inside a <form>). */
  protected abstract renderFields(): TemplateResult;
  /** The JSON body of a creation from the form's fields. */
  protected abstract createBody(form: FormData): Record<string, unknown>;
  /** The history of an item, as lines. */
  protected abstract loadHistory(client: IgApiClient, item: Item): Promise<IgReportHistoryLine[]>;
  /** Whether the user may create here (alerts need editor or admin). */
  protected canCreate(): boolean {
    return true;
  }

  @state() private changes = new Map<string, Item | null>();
  @state() private added: Item[] = [];
  @state() private busy: string | undefined;
  @state() private confirming: string | undefined;
  @state() private conflict: string | undefined;
  @state() private itemError: { id: string; message: string } | undefined;
  @state() private history: { id: string; lines: IgReportHistoryLine[] } | undefined;
  @state() private creating = false;
  @state() private formError = '';
  @state() private status = '';
  private listed: { items: Item[] } | undefined;

  protected request(): IgDataRequest {
    return { path: `/v1/${this.resource}`, params: {} };
  }

  protected dataGroups(): readonly string[] {
    return [];
  }

  private visible(data: { items: Item[] }): Item[] {
    const out: Item[] = [];
    for (const item of [...this.added, ...data.items.filter((i) => !this.added.some((a) => a.id === i.id))]) {
      const changed = this.changes.has(item.id) ? this.changes.get(item.id) : item;
      if (changed) out.push(changed);
    }
    return out;
  }

  protected override isEmpty(data: { items: Item[] }): boolean {
    return this.visible(data).length === 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.data.value !== this.listed) {
      this.listed = this.data.value;
      this.changes = new Map();
      this.added = [];
      this.conflict = undefined;
    }
  }

  protected override renderLead() {
    const t = this.s;
    if (!this.canCreate()) return html`<p part="message" class="note">${t.readOnly}</p>`;
    if (!this.creating) {
      return html`<button part="action-button" class="button button--primary" type="button" data-action="create" @click=${() => this.openForm()}>${t.create}</button>`;
    }
    return html`<form part="form" class="form" @submit=${(e: Event) => void this.submit(e)}>
      ${this.renderFields()}
      ${this.formError ? html`<p class="item-error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button part="action-button" class="button button--primary" type="submit" data-action="save" ?disabled=${this.busy === 'new'}>${t.save}</button>
        <button part="action-button" class="button" type="button" data-action="cancel" @click=${() => (this.creating = false)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  protected override renderTrail() {
    return html`<p part="status" class="status" role="status">${this.status}</p>`;
  }

  protected renderData(data: { items: Item[] }): TemplateResult {
    const items = this.visible(data);
    if (!items.length) return this.renderEmpty(data);
    return html`<ul part="list" class="list">
      ${items.map((item) => this.renderItem(item))}
    </ul>`;
  }

  private renderItem(item: Item): TemplateResult {
    const t = this.s;
    const busy = this.busy === item.id;
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
    const history = this.history?.id === item.id ? this.history.lines : undefined;
    return html`<li part="item" class="item" data-id=${item.id}>
      <p class="name">${item.name}</p>
      <p class="meta">
        <span class="describe">${this.describe(item)}</span>
        ${item.paused ? html`<span part="badge" class="badge" data-badge="paused">${t.paused}</span>` : nothing} ${this.badges(item)}
      </p>
      ${this.conflict === item.id
        ? html`<div class="conflict" role="alert"><span>${t.conflict}</span>${action('reload', this.t.retry, this.reload)}</div>`
        : nothing}
      ${this.itemError?.id === item.id ? html`<p class="item-error" role="alert">${this.itemError.message}</p>` : nothing}
      ${item.mine
        ? this.confirming === item.id
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-${item.id}">
              <span id="confirm-${item.id}">${t.confirmDelete(item.name)}</span>
              ${action('confirm-delete', t.delete, () => void this.deleteItem(item), { danger: true })} ${action('cancel-delete', t.cancel, () => (this.confirming = undefined))}
            </div>`
          : html`<div class="actions">
              ${action('pause', t.pause, () => void this.togglePause(item), { pressed: item.paused })} ${action('test', t.test, () => void this.testSend(item))}
              ${action('history', t.history, () => void this.toggleHistory(item), { pressed: history !== undefined })}
              ${action('delete', t.delete, () => (this.confirming = item.id))}
            </div>`
        : nothing}
      ${history
        ? html`<ul part="history" class="history">
            ${history.length ? history.map((l) => html`<li data-state=${l.state ?? nothing}>${l.text}</li>`) : html`<li>${t.noHistory}</li>`}
          </ul>`
        : nothing}
    </li>`;
  }

  private openForm(): void {
    this.creating = true;
    this.formError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('form input')?.focus());
  }

  private async run(id: string, fn: (client: IgApiClient) => Promise<void>): Promise<boolean> {
    const client = this.ig?.client;
    if (!client) return false;
    this.busy = id;
    this.itemError = undefined;
    this.conflict = undefined;
    this.status = '';
    try {
      await fn(client);
      return true;
    } catch (e) {
      const error = IgApiError.from(e);
      if (id !== 'new' && (error.status === 409 || error.status === 404)) this.conflict = id;
      else if (id === 'new') this.formError = errorMessage(this.t, error);
      else this.itemError = { id, message: errorMessage(this.t, error) };
      return false;
    } finally {
      this.busy = undefined;
    }
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const body = this.createBody(new FormData(event.target as HTMLFormElement));
    const ok = await this.run('new', async (client) => {
      const item = await client.send<Item>('POST', `/v1/${this.resource}`, body);
      this.added = [item, ...this.added];
      this.status = this.s.created(item.name);
    });
    if (ok) this.creating = false;
  }

  private async togglePause(item: Item): Promise<void> {
    await this.run(item.id, async (client) => {
      const updated = await client.send<Item>('PATCH', `/v1/${this.resource}/${encodeURIComponent(item.id)}`, { version: item.version, paused: !item.paused });
      this.changes = new Map(this.changes).set(item.id, updated);
      this.status = updated.paused ? this.s.pausedOn(item.name) : this.s.pausedOff(item.name);
    });
  }

  private async testSend(item: Item): Promise<void> {
    await this.run(item.id, async (client) => {
      await client.send('POST', `/v1/${this.resource}/${encodeURIComponent(item.id)}/test`, {});
      this.status = this.s.tested(item.name);
    });
  }

  private async toggleHistory(item: Item): Promise<void> {
    if (this.history?.id === item.id) {
      this.history = undefined;
      return;
    }
    await this.run(item.id, async (client) => {
      this.history = { id: item.id, lines: await this.loadHistory(client, item) };
    });
  }

  private async deleteItem(item: Item): Promise<void> {
    const ok = await this.run(item.id, async (client) => {
      await client.send('DELETE', `/v1/${this.resource}/${encodeURIComponent(item.id)}`);
      this.changes = new Map(this.changes).set(item.id, null);
    });
    this.confirming = undefined;
    if (ok) this.status = this.s.deleted(item.name);
  }

  private readonly reload = (): void => {
    this.conflict = undefined;
    this.data.retry();
  };
}
