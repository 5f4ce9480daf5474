import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { IgChannel } from '../../api/types.js';
import { IgElement } from '../../base/ig-element.js';
import {
  CHANNELS,
  PERIOD_PRESETS,
  PLATFORMS,
  addDays,
  resolvePeriod,
  todayIn,
  type IgFilters,
  type IgPeriodPreset,
  type IgPlatform,
} from '../../filters/filters.js';
import { PLATFORM_NAMES } from '../../i18n/names.js';
import styles from './filter-bar.styles.js';

/**
 * Place it inside an `<ig-provider>`: it shows the provider's shared filters and changes them, so
 * every widget under the same provider follows. Native controls with visible labels: usable with the
 * keyboard (Tab between controls, arrows to choose) and by screen readers. Choosing "Custom" shows
 * two date fields, filled with the period shown until then.
 *
 * @summary The shared filters of a dashboard: period (presets or custom dates), channel and platform.
 *
 * @tag ig-filter-bar
 *
 * @event {CustomEvent<IgFilterChangeDetail>} ig-filter-change - A user changed a filter; the
 * provider's filters are already updated. `detail`: `{ filters, changed }`.
 *
 * @csspart base - The root: a labelled group of fields.
 * @csspart field - One label and its control.
 * @csspart label - A control's label.
 * @csspart control - A select or date input.
 *
 * @cssproperty [--ig-filter-bar-gap=0.75em] - Space between fields.
 * @cssproperty [--ig-color-primary=#1E88E5] - Focus rings.
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D, so it reads on any page).
 * @cssproperty [--ig-color-text=#1F2937] - Control text.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Control background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Control borders.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size.
 * @cssproperty [--ig-radius=12px] - Corner radius (controls use two thirds of it).
 */
export class IgFilterBar extends IgElement {
  static override styles = styles;

  /** Hide the period control. */
  @property({ type: Boolean, attribute: 'no-period' }) noPeriod = false;

  /** Hide the channel control. */
  @property({ type: Boolean, attribute: 'no-channel' }) noChannel = false;

  /** Hide the platform control. */
  @property({ type: Boolean, attribute: 'no-platform' }) noPlatform = false;

  private set(patch: Partial<IgFilters>): void {
    this.ig?.setFilters(patch, this);
  }

  private readonly onPeriod = (event: Event): void => {
    const period = (event.target as HTMLSelectElement).value as IgPeriodPreset;
    if (period !== 'custom') return this.set({ period });
    // Custom starts from the days shown until now.
    const ig = this.ig;
    const zone = ig?.meta.value?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const to = ig?.meta.value?.today ?? todayIn(zone);
    const range = ig ? resolvePeriod(ig.filters, zone, ig.meta.value?.today) : undefined;
    this.set({ period, from: range?.from ?? addDays(to, -29), to: range?.to ?? to });
  };

  private readonly onDate = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.value) this.set({ [input.name]: input.value });
  };

  private readonly onSelect = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    this.set({ [select.name]: select.value || null });
  };

  protected override render() {
    const t = this.t;
    const f = this.ig?.filters;
    const disabled = !f;
    const known = this.ig?.meta.value?.channels;
    const channels: IgChannel[] = known ? CHANNELS.filter((c) => known.includes(c) || c === f?.channel) : [...CHANNELS];
    const field = (name: string, label: string, control: unknown) =>
      html`<div part="field" class="field"><label part="label" for=${name}>${label}</label>${control}</div>`;
    const select = (name: keyof IgFilters, options: readonly string[], label: (o: string) => string, current: string) =>
      html`<select part="control" id=${name} name=${name} ?disabled=${disabled} .value=${live(current)} @change=${this.onSelect}>
        ${options.map((o) => html`<option value=${o} ?selected=${o === current}>${label(o)}</option>`)}
      </select>`;
    const date = (name: 'from' | 'to', min?: string | null, max?: string | null) =>
      field(
        name,
        t.filters[name],
        html`<input part="control" type="date" id=${name} name=${name} .value=${live(f?.[name] ?? '')} min=${min ?? nothing} max=${max ?? nothing} required @change=${this.onDate} />`,
      );
    return html`<div part="base" class="base" role="group" aria-label=${t.filters.label}>
      ${this.noPeriod
        ? nothing
        : html`${field(
            'period',
            t.filters.period,
            html`<select part="control" id="period" name="period" ?disabled=${disabled} .value=${live(f?.period ?? 'last30')} @change=${this.onPeriod}>
              ${PERIOD_PRESETS.map((p) => html`<option value=${p} ?selected=${p === (f?.period ?? 'last30')}>${t.filters.presets[p]}</option>`)}
            </select>`,
          )}${f?.period === 'custom' ? html`${date('from', null, f.to)}${date('to', f.from, null)}` : nothing}`}
      ${this.noChannel
        ? nothing
        : field('channel', t.filters.channel, select('channel', ['', ...channels], (c) => (c ? (t.channels[c] ?? c) : t.filters.allChannels), f?.channel ?? ''))}
      ${this.noPlatform
        ? nothing
        : field(
            'platform',
            t.filters.platform,
            select('platform', ['', ...PLATFORMS], (p) => (p ? (PLATFORM_NAMES[p] ?? p) : t.filters.allPlatforms), (f?.platform as IgPlatform | null) ?? ''),
          )}
    </div>`;
  }
}
