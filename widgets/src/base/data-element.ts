/**
 * The thin base of every data element: an `IgDataController` wired to the provider's context, and
 * the shared states (not connected, skeleton, empty, error with Retry, stale badge) around the
 * element's own rendering of its data. See widgets/README.md, "Writing a data element".
 */
import { html, nothing, type TemplateResult } from 'lit';
import { IgDataController, type IgDataRequest, type IgDataScope } from './data-controller.js';
import { IgElement } from './ig-element.js';
import { errorMessage, formatInstant } from '../i18n/format.js';

export abstract class IgDataElement<T> extends IgElement {
  /** The request, its state and answer, the stale groups, `retry()`. */
  protected readonly data: IgDataController<T> = new IgDataController<T>(this, {
    context: () => this.ig,
    request: (scope) => this.request(scope),
    groups: () => this.dataGroups(),
    isEmpty: (data) => this.isEmpty(data),
  });

  /** The BFF request for the shared scope and the element's own properties; `undefined`: none yet. */
  protected abstract request(scope: IgDataScope): IgDataRequest | undefined;

  /** The data groups (GET /v1/meta freshness) the element shows: any stale one shows the badge. */
  protected abstract dataGroups(): readonly string[];

  /** Accessible name of the `base` part (a labelled group). */
  protected abstract label(): string;

  /** The data, when there is some to show. */
  protected abstract renderData(data: T): TemplateResult;

  /** Whether an answer has nothing to show. Default: never. */
  protected isEmpty(_data: T): boolean {
    return false;
  }

  /** The empty state (default: the "no data for this period" message). */
  protected renderEmpty(_data: T): TemplateResult {
    return html`<p part="message" class="message" role="status">${this.t.empty}</p>`;
  }

  /** Placeholders while loading, shaped like the data (default: three bars). */
  protected renderSkeleton(): TemplateResult {
    return html`<div aria-hidden="true"><span class="bone bone--title"></span><span class="bone bone--block"></span></div>`;
  }

  protected override render() {
    const state = this.data.state;
    const data = this.data.value as T;
    let content: TemplateResult;
    switch (state) {
      case 'disconnected':
        content = html`<p part="message" class="message">${this.notConnectedText}</p>`;
        break;
      case 'loading':
        content = html`${this.renderSkeleton()}<span class="sr-only">${this.t.loading}</span>`;
        break;
      case 'error':
        content = html`<div part="message" class="message message--error">
          <p class="message-text" role="alert">${errorMessage(this.t, this.data.error!)}</p>
          <button part="retry-button" class="retry" type="button" @click=${() => this.data.retry()}>${this.t.retry}</button>
        </div>`;
        break;
      case 'empty':
        content = this.renderEmpty(data);
        break;
      default:
        content = this.renderData(data);
    }
    return html`<div part="base" class="base" role="group" aria-label=${this.label()} aria-busy=${state === 'loading' ? 'true' : 'false'}>
      ${state === 'disconnected' ? nothing : this.renderLead()}
      ${state === 'complete' || state === 'empty' ? this.renderStale() : nothing}${content}${this.renderTrail()}
    </div>`;
  }

  /**
   * Content before the state's that stays mounted through loading, empty and error (a toolbar or a
   * folder list, whose focus then survives a reload). Not shown while disconnected.
   */
  protected renderLead(): unknown {
    return nothing;
  }

  /** Content after the state's (a selection bar, a status line). */
  protected renderTrail(): unknown {
    return nothing;
  }

  /** The stale badge, when a data group the element shows is older than its tier allows. */
  protected renderStale(): TemplateResult | typeof nothing {
    const stale = this.data.stale;
    if (!stale.length) return nothing;
    const times = stale.map((f) => f.lastSuccessAt ?? '').sort();
    const oldest = times[0];
    const title = oldest
      ? this.t.stale.title(formatInstant(this.formatLocale, oldest, this.ig?.meta.value?.timeZone))
      : this.t.freshness.never;
    return html`<p part="stale" class="stale" title=${title}>
      <span aria-hidden="true">⚠</span>${this.t.stale.badge}<span class="sr-only"> ${title}</span>
    </p>`;
  }
}
