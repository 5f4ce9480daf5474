import { html, type TemplateResult } from 'lit';
import type { IgApiClient } from '../../api/client.js';
import { formatInstant } from '../../i18n/format.js';
import { IgReportList, type IgReportHistoryLine, type IgReportItem } from './report-list.js';
import styles from './report-list.styles.js';

/** A digest subscription as `GET /v1/subscriptions` lists it. */
export interface IgSubscription extends IgReportItem {
  source: { kind: 'summary'; channel: string } | { kind: 'analysis'; analysisId: string };
  frequency: 'daily' | 'weekly' | 'monthly';
  hour: number;
  weekday: number;
  locale: 'es' | 'en' | 'pt-BR';
  delivery: 'email' | 'webhook';
  email: string | null;
  webhookUrl: string | null;
  attachCsv: boolean;
}

/** A send of a subscription or rule (`…/deliveries`). */
export interface IgDelivery {
  id: string;
  kind: 'digest' | 'alert' | 'test';
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  periodFrom: string | null;
  periodTo: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const CHANNELS = ['push', 'inapp', 'sms', 'email', 'chat', 'wallet', 'all'] as const;

/**
 * Place it inside an `<ig-provider>`. The user's own e-mail digests (`GET /v1/subscriptions`): a
 * channel's summary daily, weekly or monthly at a local hour of the project's time zone, in the
 * user's language. Any role may subscribe itself. Each can be paused and resumed, sent now as a
 * test, deleted (after a confirmation), and shows its sends (state, attempts) on demand. The
 * worker sends them (docs/adr/025); every e-mail carries a one-click unsubscribe link.
 *
 * @summary The user's scheduled e-mail reports: create, pause, test-send, history, delete.
 *
 * @tag ig-subscriptions
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The list arrived and is rendered (also an empty one).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The list's request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart form - The creation form.
 * @csspart list - The list of subscriptions.
 * @csspart item - One subscription (`data-id`).
 * @csspart badge - The paused mark.
 * @csspart action-button - Create, save, cancel, pause (`aria-pressed`), test, history, delete (`data-action`).
 * @csspart history - The sends of one subscription.
 * @csspart status - The message after a change (announced politely).
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 *
 * @cssproperty [--ig-color-primary-strong=#1565C0] - The create and save buttons.
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Schedules, history.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Item background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Borders.
 * @cssproperty [--ig-color-negative=#B3261E] - Errors and the delete confirmation.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 */
export class IgSubscriptions extends IgReportList<IgSubscription> {
  static override styles = styles;
  protected readonly resource = 'subscriptions' as const;

  protected label(): string {
    return this.s.subscriptionsLabel;
  }

  protected override renderEmpty(): TemplateResult {
    return html`<p part="message" class="message" role="status">${this.s.emptySubscriptions}</p>`;
  }

  protected describe(item: IgSubscription): string {
    const what = item.source.kind === 'summary' ? (this.t.channels[item.source.channel] ?? item.source.channel) : item.name;
    return `${what} · ${this.s.schedule(this.s.frequencies[item.frequency], `${String(item.hour).padStart(2, '0')}:00`)} · ${item.email ?? item.webhookUrl ?? ''}`;
  }

  protected renderFields(): TemplateResult {
    const t = this.s;
    return html`<label>${t.name} <input name="name" required maxlength="200" /></label>
      <label
        >${t.channel}
        <select name="channel">
          ${CHANNELS.map((c) => html`<option value=${c}>${this.t.channels[c] ?? c}</option>`)}
        </select></label
      >
      <label
        >${t.frequency}
        <select name="frequency">
          ${(['weekly', 'daily', 'monthly'] as const).map((f) => html`<option value=${f}>${t.frequencies[f]}</option>`)}
        </select></label
      >
      <label>${t.hour} <input name="hour" type="number" min="0" max="23" value="8" required /></label>
      <label>${t.email} <input name="email" type="email" required maxlength="254" /></label>`;
  }

  protected createBody(form: FormData): Record<string, unknown> {
    return {
      name: String(form.get('name') ?? '').trim(),
      source: { kind: 'summary', channel: String(form.get('channel')) },
      frequency: String(form.get('frequency')),
      hour: Number(form.get('hour')),
      weekday: 1,
      locale: this.language,
      email: String(form.get('email') ?? '').trim(),
    };
  }

  protected async loadHistory(client: IgApiClient, item: IgSubscription): Promise<IgReportHistoryLine[]> {
    const { items } = await client.get<{ items: IgDelivery[] }>(`/v1/subscriptions/${encodeURIComponent(item.id)}/deliveries`);
    return items.map((d) => ({
      key: d.id,
      state: d.state,
      text: `${formatInstant(this.formatLocale, d.sentAt ?? d.createdAt, this.ig?.meta.value?.timeZone)} · ${this.s.states[d.state]}${d.periodFrom ? ` · ${d.periodFrom} – ${d.periodTo}` : ''}${d.lastError && d.state === 'failed' ? ` · ${d.lastError}` : ''}`,
    }));
  }
}
