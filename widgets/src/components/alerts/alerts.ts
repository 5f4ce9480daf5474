import { html, nothing, type TemplateResult } from 'lit';
import type { IgApiClient } from '../../api/client.js';
import { formatInstant, formatMetricValue } from '../../i18n/format.js';
import { IgReportList, type IgReportHistoryLine, type IgReportItem } from '../subscriptions/report-list.js';
import styles from '../subscriptions/report-list.styles.js';

/** An alert rule as `GET /v1/alerts` lists it. */
export interface IgAlertRule extends IgReportItem {
  channel: string;
  metric: string;
  kind: 'threshold' | 'anomaly';
  direction: 'below' | 'above' | 'either';
  threshold: number | null;
  state: 'ok' | 'firing';
  snoozedUntil: string | null;
  email: string | null;
  webhookUrl: string | null;
}

/** `GET /v1/alerts/:id/firings` */
interface IgFirings {
  items: { id: string; day: string; value: number | null; bound: number | null; firedAt: string; recoveredAt: string | null }[];
}

const METRICS: Readonly<Record<string, readonly string[]>> = {
  push: ['ctr', 'sent', 'delivered', 'clicked'],
  sms: ['deliveryRate', 'ctr', 'sent', 'delivered'],
  email: ['openRate', 'ctr', 'sent', 'delivered'],
};

/** The `role` claim of a JWT (unverified: it only decides whether the form shows). */
function roleOf(token: string | null | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
    return typeof claims.role === 'string' ? claims.role : 'viewer';
  } catch {
    return undefined;
  }
}

/**
 * Place it inside an `<ig-provider>`. The user's own alert rules (`GET /v1/alerts`): a threshold
 * or a change beyond the usual (3 σ from the trailing 8 same weekdays) on a channel's daily metric,
 * judged when new data is published; one notification per breach until it recovers. Each can be
 * paused and resumed, test-sent, deleted, and shows its firings on demand. Creating rules needs the
 * editor or admin role (viewers see a note instead of the form).
 *
 * @summary The user's alert rules: create, pause, test-send, firing history, delete.
 *
 * @tag ig-alerts
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The list arrived and is rendered (also an empty one).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The list's request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart form - The creation form.
 * @csspart list - The list of rules.
 * @csspart item - One rule (`data-id`).
 * @csspart badge - The paused and firing marks (`data-badge`).
 * @csspart action-button - Create, save, cancel, pause (`aria-pressed`), test, history, delete (`data-action`).
 * @csspart history - The firings of one rule.
 * @csspart status - The message after a change (announced politely).
 * @csspart message - The empty, error, read-only and not-connected messages.
 * @csspart retry-button - The button of the error state that loads the data again.
 *
 * @cssproperty [--ig-color-primary-strong=#1565C0] - The create and save buttons.
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Rules, history.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Item background.
 * @cssproperty [--ig-color-border=#E2E6EC] - Borders.
 * @cssproperty [--ig-color-negative=#B3261E] - Errors, the firing mark and the delete confirmation.
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 */
export class IgAlerts extends IgReportList<IgAlertRule> {
  static override styles = styles;
  protected readonly resource = 'alerts' as const;

  protected label(): string {
    return this.s.alertsLabel;
  }

  protected override canCreate(): boolean {
    return roleOf(this.ig?.token) !== 'viewer';
  }

  protected override renderEmpty(): TemplateResult {
    return html`<p part="message" class="message" role="status">${this.s.emptyAlerts}</p>`;
  }

  protected override badges(item: IgAlertRule) {
    return item.state === 'firing' ? html`<span part="badge" class="badge badge--firing" data-badge="firing">${this.s.firing}</span>` : nothing;
  }

  private metricName(m: string): string {
    return (this.t.metrics as Record<string, string | undefined>)[m] ?? m;
  }

  protected describe(item: IgAlertRule): string {
    const channel = this.t.channels[item.channel] ?? item.channel;
    const kind = item.kind === 'threshold' ? `${this.s.kinds.threshold} ${item.threshold}` : this.s.kinds.anomaly;
    return `${channel} · ${this.s.rule(this.metricName(item.metric), kind)} · ${item.email ?? item.webhookUrl ?? ''}`;
  }

  protected renderFields(): TemplateResult {
    const t = this.s;
    const options = Object.entries(METRICS).flatMap(([c, ms]) => ms.map((m) => [`${c}:${m}`, `${this.t.channels[c] ?? c} · ${this.metricName(m)}`] as const));
    return html`<label>${t.name} <input name="name" required maxlength="200" /></label>
      <label
        >${t.metric}
        <select name="metric">
          ${options.map(([v, label]) => html`<option value=${v}>${label}</option>`)}
        </select></label
      >
      <label
        >${t.kind}
        <select name="kind">
          ${(['anomaly', 'threshold'] as const).map((k) => html`<option value=${k}>${t.kinds[k]}</option>`)}
        </select></label
      >
      <label>${t.threshold} <input name="threshold" type="number" step="any" /></label>
      <label>${t.email} <input name="email" type="email" required maxlength="254" /></label>`;
  }

  protected createBody(form: FormData): Record<string, unknown> {
    const [channel, metric] = String(form.get('metric')).split(':');
    const kind = String(form.get('kind'));
    const threshold = String(form.get('threshold') ?? '');
    return {
      name: String(form.get('name') ?? '').trim(),
      channel,
      metric,
      kind,
      direction: 'below',
      ...(kind === 'threshold' && threshold !== '' ? { threshold: Number(threshold) } : {}),
      locale: this.language,
      email: String(form.get('email') ?? '').trim(),
    };
  }

  protected async loadHistory(client: IgApiClient, item: IgAlertRule): Promise<IgReportHistoryLine[]> {
    const { items } = await client.get<IgFirings>(`/v1/alerts/${encodeURIComponent(item.id)}/firings`);
    const format = item.metric.endsWith('Rate') || item.metric === 'ctr' ? 'ratio' : 'count';
    return items.map((f) => ({
      key: f.id,
      state: f.recoveredAt ? 'recovered' : 'firing',
      text: `${this.s.fired(f.day)} · ${formatMetricValue(this.formatLocale, format, f.value)} · ${formatInstant(this.formatLocale, f.firedAt, this.ig?.meta.value?.timeZone)}`,
    }));
  }
}
