import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { IgApiError } from '../../api/client.js';
import type { IgKpisResponse } from '../../api/types.js';
import { IgElement } from '../../base/ig-element.js';
import { formatChange, formatMetricValue, formatPeriod, type IgTrend } from '../../i18n/format.js';
import styles from './channel-kpis.styles.js';

const ARROWS: Readonly<Record<IgTrend, string>> = { up: '↑', down: '↓', flat: '→', none: '' };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Place it inside an `<ig-provider>`, which supplies the BFF address, the user's token
 * and the project. Without `from`/`to` the BFF shows the last 30 days in the project's time zone.
 * Each value element carries `data-metric` and `data-value` (the raw number, absent when there is
 * none) for tests and integrations that need exact figures.
 *
 * @summary The headline numbers of one channel for a period: sent, delivered, clicks and CTR, each
 * with its change against the previous period of the same length.
 *
 * @tag ig-channel-kpis
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The data arrived and is
 * rendered (also when the period is empty). `detail.durationMs`: from the request's start to render.
 * @event {CustomEvent<IgErrorDetail>} ig-error - The request failed and
 * the error state is shown. `detail`: `{ status, code }` (status 0 and code `network` without an HTTP answer).
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart cards - The grid of cards.
 * @csspart card - One metric's card (also carries `data-metric`).
 * @csspart label - A metric's name.
 * @csspart value - A metric's formatted value; `data-metric` and `data-value` hold its key and raw number.
 * @csspart change - The change versus the previous period (arrow and amount).
 * @csspart period - The caption naming the period and the one it is compared with.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 *
 * @cssproperty [--ig-channel-kpis-card-min-width=9.5rem] - Narrowest a card may get before the row wraps.
 * @cssproperty [--ig-channel-kpis-gap=0.75rem] - Space between cards.
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: focus rings.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - Darker brand blue for filled buttons (readable with white text).
 * @cssproperty [--ig-color-text=#1F2937] - Values and headings.
 * @cssproperty [--ig-color-text-muted=#596374] - Labels and captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Card background.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - Loading placeholders.
 * @cssproperty [--ig-color-border=#E2E6EC] - Card borders.
 * @cssproperty [--ig-color-positive=#137333] - Rising changes (text).
 * @cssproperty [--ig-color-positive-surface=#E6F4EA] - Rising changes (background).
 * @cssproperty [--ig-color-negative=#B3261E] - Falling changes and error text.
 * @cssproperty [--ig-color-negative-surface=#FCE8E6] - Falling changes (background).
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface (the page must load Inter itself).
 * @cssproperty [--ig-radius=12px] - Card corner radius.
 * @cssproperty [--ig-spacing=1rem] - Card padding; smaller gaps derive from it.
 * @cssproperty [--ig-shadow=0 1px 2px rgb(16 24 40 / 0.06)] - Card shadow.
 */
export class IgChannelKpis extends IgElement {
  static override styles = styles;

  /** Channel whose numbers are shown. The BFF serves `push` today; the other channels follow with their marts. */
  @property({ reflect: true }) channel = 'push';

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the BFF's default period. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the BFF's default period. */
  @property() to?: string;

  private startedAt = 0;
  private pendingEvent: 'ig-load' | 'ig-error' | undefined;
  private rerunOnConnect = false;

  private readonly kpis = new Task(this, {
    task: async ([client, channel, from, to], { signal }) => {
      if (!client) return initialState;
      this.startedAt = performance.now();
      return client.get<IgKpisResponse>('/v1/kpis', { channel, from, to }, signal);
    },
    // The client is the same instance until the provider's api/token/project change; a new locale
    // re-renders without refetching.
    args: () => [this.ig?.client.connected ? this.ig.client : undefined, this.channel, this.from, this.to] as const,
    onComplete: () => {
      this.pendingEvent = 'ig-load';
    },
    onError: (error) => {
      this.pendingEvent = isAbort(error) ? undefined : 'ig-error';
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.rerunOnConnect) {
      this.rerunOnConnect = false;
      void this.kpis.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nobody will see the answer; if the element comes back, it asks again.
    if (this.kpis.status === TaskStatus.PENDING) {
      this.rerunOnConnect = true;
      this.kpis.abort();
    }
  }

  /** Events fire once the state they announce is on screen. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const pending = this.pendingEvent;
    this.pendingEvent = undefined;
    if (pending === 'ig-load' && this.kpis.status === TaskStatus.COMPLETE) {
      this.emit('ig-load', { durationMs: Math.round(performance.now() - this.startedAt) });
    } else if (pending === 'ig-error' && this.kpis.status === TaskStatus.ERROR) {
      const { status, code } = IgApiError.from(this.kpis.error);
      this.emit('ig-error', { status, code });
    }
  }

  protected override render() {
    const t = this.t;
    const connected = Boolean(this.ig?.client.connected);
    const { status, error } = this.kpis;
    const busy = connected && (status === TaskStatus.PENDING || (status === TaskStatus.ERROR && isAbort(error)));
    const content = connected
      ? this.kpis.render({
          initial: () => this.renderSkeleton(),
          pending: () => this.renderSkeleton(),
          complete: (data) => (data.hasData ? this.renderCards(data) : this.renderEmpty(data)),
          error: (e) => (isAbort(e) ? this.renderSkeleton() : this.renderError(IgApiError.from(e))),
        })
      : html`<p part="message" class="message">${t.notConnected}</p>`;
    return html`
      <div
        part="base"
        class="base"
        role="group"
        aria-label=${t.kpisLabel(t.channels[this.channel] ?? this.channel)}
        aria-busy=${busy ? 'true' : 'false'}
      >
        ${content}
      </div>
    `;
  }

  private renderSkeleton(): TemplateResult {
    const card = html`
      <div class="card card--skeleton" aria-hidden="true">
        <span class="bone bone--label"></span>
        <span class="bone bone--value"></span>
        <span class="bone bone--change"></span>
      </div>
    `;
    return html`
      <div part="cards" class="cards">${card}${card}${card}${card}</div>
      <span class="sr-only">${this.t.loading}</span>
    `;
  }

  private renderCards(data: IgKpisResponse): TemplateResult {
    const t = this.t;
    const locale = this.formatLocale;
    const labels: Readonly<Record<string, string | undefined>> = t.metrics;
    return html`
      <dl part="cards" class="cards">
        ${data.metrics.map((metric) => {
          const change = formatChange(locale, t, metric.format, metric.change);
          return html`
            <div part="card" class="card" data-metric=${metric.key}>
              <dt part="label" class="label">${labels[metric.key] ?? metric.key}</dt>
              <dd
                part="value"
                class="value"
                data-metric=${metric.key}
                data-value=${metric.value === null ? nothing : String(metric.value)}
              >
                ${formatMetricValue(locale, metric.format, metric.value)}
              </dd>
              <dd part="change" class="change change--${change.trend}">
                <span aria-hidden="true">${ARROWS[change.trend]} ${change.text}</span>
                <span class="sr-only">${change.label}</span>
              </dd>
            </div>
          `;
        })}
      </dl>
      ${this.renderPeriod(data)}
    `;
  }

  private renderEmpty(data: IgKpisResponse): TemplateResult {
    return html`
      <p part="message" class="message" role="status">${this.t.empty}</p>
      ${this.renderPeriod(data)}
    `;
  }

  private renderPeriod(data: IgKpisResponse): TemplateResult {
    const locale = this.formatLocale;
    return html`<p part="period" class="period">
      ${this.t.period(formatPeriod(locale, data.period), formatPeriod(locale, data.previousPeriod))}
    </p>`;
  }

  private renderError(error: IgApiError): TemplateResult {
    return html`
      <div part="message" class="message message--error">
        <p class="message-text" role="alert">${this.errorMessage(error)}</p>
        <button part="retry-button" class="retry" type="button" @click=${this.retry}>${this.t.retry}</button>
      </div>
    `;
  }

  private errorMessage(error: IgApiError): string {
    const messages = this.t.errors;
    switch (error.code) {
      case 'unauthorized':
        return messages.unauthorized;
      case 'forbidden_project':
        return messages.forbidden_project;
      case 'invalid_parameter':
        return messages.invalid_parameter(error.param ?? '?');
      case 'not_found':
        return messages.not_found;
      case 'project_not_found':
        return messages.project_not_found;
      case 'network':
        return messages.network;
    }
    if (error.status === 401) return messages.unauthorized;
    if (error.status === 403) return messages.forbidden_project;
    return messages.internal;
  }

  private readonly retry = (): void => {
    void this.kpis.run();
  };
}
