import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { IgElement } from '../../base/ig-element.js';
import { CHANNELS } from '../../filters/filters.js';
import { errorMessage, formatInstant } from '../../i18n/format.js';
import styles from './freshness.styles.js';

/**
 * Reads the provider's `GET /v1/meta` (fetched once per connection and shared with every element),
 * so it makes no request of its own; its Retry button fetches the meta again for the whole provider.
 * Times are shown in the project's time zone.
 *
 * @summary "Data as of …" for each data group of the project, with the groups whose data is older
 * than their refresh tier allows marked as out of date.
 *
 * @tag ig-freshness
 *
 * @csspart base - The root: a labelled group, `aria-busy` while the meta loads.
 * @csspart list - The list of data groups.
 * @csspart item - One data group (`data-group`, and `data-stale` when stale).
 * @csspart group - A data group's name.
 * @csspart as-of - "Data as of …".
 * @csspart stale - The out-of-date badge.
 * @csspart message - The loading error and not-connected messages.
 * @csspart retry-button - Fetches the meta again.
 *
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D, so it reads on any page).
 * @cssproperty [--ig-color-text=#1F2937] - Group names.
 * @cssproperty [--ig-color-text-muted=#596374] - Times.
 * @cssproperty [--ig-color-warning=#8A4B00] - Out-of-date badge (text).
 * @cssproperty [--ig-color-warning-surface=#FFF3E0] - Out-of-date badge (background).
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 */
export class IgFreshness extends IgElement {
  static override styles = styles;

  /** Data groups to list, separated by spaces or commas (`push sms devices`). Unset: every group. */
  @property() groups?: string;

  protected override render() {
    const t = this.t;
    const meta = this.ig?.meta;
    const wanted = this.groups?.split(/[\s,]+/).filter(Boolean);
    let content;
    if (!this.ig?.client.connected) {
      content = html`<p part="message" class="message">${this.notConnectedText}</p>`;
    } else if (meta?.status === 'error') {
      content = html`<div part="message" class="message message--error">
        <p class="message-text" role="alert">${errorMessage(t, meta.error)}</p>
        <button part="retry-button" class="retry" type="button" @click=${() => this.ig?.reloadMeta()}>${t.retry}</button>
      </div>`;
    } else if (meta?.status !== 'complete') {
      // A line per group it will list (the named ones, else every data group the library knows), as
      // high as the list's lines: the page below does not move when the meta arrives (CLS).
      const lines = wanted?.length || CHANNELS.length + Object.keys(t.groups).length;
      content = html`<ul class="list" aria-hidden="true">
          ${Array.from({ length: lines }, () => html`<li class="item"><span class="bone bone--line"></span></li>`)}
        </ul>
        <span class="sr-only">${t.loading}</span>`;
    } else {
      const zone = meta.value.timeZone;
      const rows = meta.value.freshness.filter((f) => !wanted || wanted.includes(f.group));
      content = html`<ul part="list" class="list">
        ${rows.map(
          (f) => html`<li part="item" class="item" data-group=${f.group} ?data-stale=${f.stale}>
            <span part="group" class="group">${t.channels[f.group] ?? t.groups[f.group] ?? f.group}</span>
            <span part="as-of" class="as-of">${f.lastSuccessAt ? t.freshness.asOf(formatInstant(this.formatLocale, f.lastSuccessAt, zone)) : t.freshness.never}</span>
            ${f.stale ? html`<span part="stale" class="stale">${t.freshness.stale}</span>` : nothing}
          </li>`,
        )}
      </ul>`;
    }
    return html`<div part="base" class="base" role="group" aria-label=${t.freshness.label} aria-busy=${meta?.status === 'pending' ? 'true' : 'false'}>
      ${content}
    </div>`;
  }
}
