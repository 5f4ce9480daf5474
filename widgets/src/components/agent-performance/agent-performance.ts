import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { IgApiClient } from '../../api/client.js';
import { IgApiError } from '../../api/client.js';
import type { IgPeriod } from '../../api/types.js';
import type { IgDataRequest, IgDataScope } from '../../base/data-controller.js';
import { IgDataElement } from '../../base/data-element.js';
import { errorMessage, formatMetricValue, NO_VALUE } from '../../i18n/format.js';
import styles from './agent-performance.styles.js';
import { agentStrings } from '../../i18n/elements/agents.js';

/** An agent's figures over a period (or one day): counts, and durations in seconds (`null`: none). */
export interface IgAgentFigures {
  conversations: number;
  assigned: number;
  closed: number;
  transfersIn: number;
  avgSecondsToAssign: number | null;
  medianSecondsToAssign: number | null;
  avgSecondsToClose: number | null;
  medianSecondsToClose: number | null;
}

/** The project's active agents at the last status snapshot. */
export interface IgTeamNow {
  activeAgents: number;
  day: string;
}

/** `GET /v1/agents` */
export interface IgAgentsResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  sort: string;
  order: 'asc' | 'desc';
  teamNow: IgTeamNow | null;
  items: ({ agentId: string; email: string | null } & IgAgentFigures)[];
}

/** `GET /v1/agents/:id` */
export interface IgAgentResponse {
  projectId: string;
  timeZone: string;
  period: IgPeriod;
  agent: { agentId: string; email: string | null };
  teamNow: IgTeamNow | null;
  totals: IgAgentFigures;
  daily: ({ day: string } & IgAgentFigures)[];
}

type Row = IgAgentsResponse['items'][number];
type SortKey = 'agent' | 'conversations' | 'closed' | 'avgSecondsToAssign' | 'medianSecondsToAssign' | 'avgSecondsToClose' | 'medianSecondsToClose';

type Column = readonly [key: Exclude<SortKey, 'agent'>, format: 'count' | 'seconds'];
const COLUMNS: readonly Column[] = [
  ['conversations', 'count'],
  ['closed', 'count'],
  ['avgSecondsToAssign', 'seconds'],
  ['medianSecondsToAssign', 'seconds'],
  ['avgSecondsToClose', 'seconds'],
  ['medianSecondsToClose', 'seconds'],
];

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function formatDay(locale: string, day: string): string {
  let format = dayFormats.get(locale);
  if (!format) dayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format.format(date);
}

const nameOf = (a: { agentId: string; email: string | null }) => a.email ?? a.agentId;

/**
 * Place it inside an `<ig-provider>`. The contact-centre agents of a period (`GET /v1/agents`):
 * conversations, closed, and average and median times to assign and to close (durations through
 * `Intl`), with the team's agents active at the last snapshot when the BFF has one. Column headers
 * sort the ranking (click, Enter or Space; `aria-sort`). Selecting an agent (click, Enter or Space on
 * its row; arrows move between rows) shows its detail below: totals and one row per day
 * (`GET /v1/agents/:id`, same period).
 *
 * Medians over more than one day are the BFF's weighted median of daily medians (docs/adr/011).
 *
 * @summary Agent ranking of a period with each agent's daily detail.
 *
 * @tag ig-agent-performance
 *
 * @event {CustomEvent<IgLoadDetail>} ig-load - The ranking arrived and is rendered (also an empty one).
 * @event {CustomEvent<IgErrorDetail>} ig-error - The ranking's request failed and the error state is shown.
 *
 * @csspart base - The root: a labelled group, `aria-busy` while loading.
 * @csspart team-now - The "active now" line.
 * @csspart table-wrapper - The horizontally scrolling box around a table.
 * @csspart table - The ranking table.
 * @csspart sort-button - A column header's sort button (`data-sort` names the key).
 * @csspart row - An agent's row (`data-agent`; `aria-selected="true"` for the agent shown in detail).
 * @csspart cell - A figure's cell (`data-key`, and `data-value` with the raw number unless it is null).
 * @csspart detail - The selected agent's detail.
 * @csspart detail-table - The daily table of the detail.
 * @csspart close-button - Closes the detail.
 * @csspart message - The empty, error and not-connected messages.
 * @csspart retry-button - The button of an error state that loads the data again.
 * @csspart stale - The badge shown when the agents' data is older than its refresh tier allows.
 *
 * @cssproperty [--ig-color-primary=#1E88E5] - Focus rings.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - Selected row marker, Retry button.
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D).
 * @cssproperty [--ig-color-text=#1F2937] - Text.
 * @cssproperty [--ig-color-text-muted=#596374] - Headers and captions.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Table background.
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
export class IgAgentPerformance extends IgDataElement<IgAgentsResponse> {
  /** This element's own strings (its chunk carries them; ../../i18n/elements/). */
  private get s() {
    return agentStrings[this.language];
  }

  static override styles = styles;

  /** First day of the period (`YYYY-MM-DD`, project time zone). Unset: the provider's period filter. */
  @property() from?: string;

  /** Last day of the period, inclusive (`YYYY-MM-DD`). Unset: the provider's period filter. */
  @property() to?: string;

  /** Top N agents by conversations (1–500). */
  @property({ type: Number }) limit = 100;

  /** Id of the agent shown in detail; unset: none. A user's selection sets it. */
  @property({ reflect: true }) agent?: string;

  @state() private sortKey: SortKey = 'conversations';
  @state() private sortOrder: 'asc' | 'desc' = 'desc';
  @state() private activeRow = 0;

  /** The selected agent's detail, for the period of the ranking shown. */
  private readonly detail = new Task(this, {
    task: async ([client, id, from, to]: readonly [IgApiClient | undefined, string | undefined, string | undefined, string | undefined], { signal }) => {
      if (!client || !id || !from) return initialState;
      return client.get<IgAgentResponse>(`/v1/agents/${encodeURIComponent(id)}`, { from, to }, signal);
    },
    args: () => {
      const client = this.ig?.client.connected ? this.ig.client : undefined;
      const period = this.data.value?.period;
      return [client, this.agent || undefined, period?.from, period?.to] as const;
    },
  });

  protected request({ period }: IgDataScope): IgDataRequest {
    const own = this.from || this.to;
    return {
      path: '/v1/agents',
      params: { from: own ? this.from : period.from, to: own ? this.to : period.to, limit: Math.min(500, Math.max(1, Math.round(this.limit) || 100)) },
    };
  }

  protected dataGroups(): readonly string[] {
    return ['agents'];
  }

  protected label(): string {
    return this.s.label;
  }

  protected override isEmpty(data: IgAgentsResponse): boolean {
    return data.items.length === 0;
  }

  protected override renderEmpty(data: IgAgentsResponse): TemplateResult {
    return html`${this.renderTeamNow(data)}<p part="message" class="message" role="status">${this.s.empty}</p>`;
  }

  protected override renderSkeleton(): TemplateResult {
    const row = html`<span class="bone bone--row"></span>`;
    return html`<div aria-hidden="true" class="skeleton">${row}${row}${row}${row}</div>`;
  }

  /**
   * The ranking in the user's order: nulls last, ties by agent id in the same direction, which is
   * the BFF's own order (`ORDER BY key dir NULLS LAST, agent_id dir`), so the first page reads the same.
   */
  private sorted(items: readonly Row[]): Row[] {
    const key = this.sortKey;
    const dir = this.sortOrder === 'asc' ? 1 : -1;
    const value = (r: Row) => (key === 'agent' ? nameOf(r).toLocaleLowerCase(this.formatLocale) : r[key]);
    const byId = (a: Row, b: Row) => dir * (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);
    return [...items].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null || vb === null) return va === vb ? byId(a, b) : va === null ? 1 : -1;
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return byId(a, b);
    });
  }

  private renderTeamNow(data: IgAgentsResponse): TemplateResult | typeof nothing {
    if (!data.teamNow) return nothing;
    const count = formatMetricValue(this.formatLocale, 'count', data.teamNow.activeAgents);
    return html`<p part="team-now" class="team-now">
      <span class="dot" aria-hidden="true"></span>${this.s.activeNow(count, formatDay(this.formatLocale, data.teamNow.day))}
    </p>`;
  }

  private figure(key: string, format: 'count' | 'seconds', value: number | null): TemplateResult {
    return html`<td part="cell" data-key=${key} data-value=${value === null ? nothing : String(value)}>
      ${value === null
        ? html`<span aria-hidden="true">${NO_VALUE}</span><span class="sr-only">${this.t.noValue}</span>`
        : formatMetricValue(this.formatLocale, format, value)}
    </td>`;
  }

  private columnLabel(key: SortKey): string {
    const t = this.s;
    const labels: Record<SortKey, string> = {
      agent: t.agent,
      conversations: t.conversations,
      closed: t.closed,
      avgSecondsToAssign: t.avgToAssign,
      medianSecondsToAssign: t.medianToAssign,
      avgSecondsToClose: t.avgToClose,
      medianSecondsToClose: t.medianToClose,
    };
    return labels[key];
  }

  protected renderData(data: IgAgentsResponse): TemplateResult {
    const t = this.s;
    const rows = this.sorted(data.items);
    const selectedIndex = rows.findIndex((r) => r.agentId === this.agent);
    const active = Math.min(this.activeRow, rows.length - 1);
    const header = (key: SortKey) => {
      const sorted = this.sortKey === key;
      return html`<th scope="col" class=${key === 'agent' ? 'text' : ''} aria-sort=${sorted ? (this.sortOrder === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button part="sort-button" class="sort" type="button" data-sort=${key} @click=${() => this.sortBy(key)}>
          ${this.columnLabel(key)}<span class="arrow" aria-hidden="true">${sorted ? (this.sortOrder === 'asc' ? '▲' : '▼') : ''}</span>
        </button>
      </th>`;
    };
    return html`
      ${this.renderTeamNow(data)}
      <div part="table-wrapper" class="scroll">
        <table part="table">
          <caption class="sr-only">${t.label}. ${t.hint}</caption>
          <thead>
            <tr>
              ${header('agent')}${COLUMNS.map(([key]) => header(key))}
            </tr>
          </thead>
          <tbody @keydown=${(e: KeyboardEvent) => this.onRowKey(e, rows)}>
            ${rows.map(
              (r, i) => html`<tr
                part="row"
                data-agent=${r.agentId}
                data-index=${i}
                tabindex=${i === active ? '0' : '-1'}
                aria-selected=${i === selectedIndex ? 'true' : 'false'}
                @click=${() => this.select(r, i)}
                @focus=${() => (this.activeRow = i)}
              >
                <th scope="row" class="text" title=${nameOf(r)}>${nameOf(r)}</th>
                ${COLUMNS.map(([key, format]) => this.figure(key, format, r[key]))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.agent ? this.renderDetail() : nothing}
    `;
  }

  private renderDetail(): TemplateResult {
    const t = this.s;
    const locale = this.formatLocale;
    const listed = this.data.value?.items.find((r) => r.agentId === this.agent);
    const name = listed ? nameOf(listed) : this.agent!;
    let body: TemplateResult;
    switch (this.detail.status) {
      case TaskStatus.COMPLETE: {
        const d = this.detail.value!;
        const total = (label: string, format: 'count' | 'seconds', value: number | null) =>
          html`<div class="total"><dt>${label}</dt><dd>${value === null ? NO_VALUE : formatMetricValue(locale, format, value)}</dd></div>`;
        body = html`
          <dl class="totals">
            ${total(t.conversations, 'count', d.totals.conversations)} ${total(t.closed, 'count', d.totals.closed)}
            ${total(t.avgToAssign, 'seconds', d.totals.avgSecondsToAssign)} ${total(t.avgToClose, 'seconds', d.totals.avgSecondsToClose)}
          </dl>
          <div part="table-wrapper" class="scroll" tabindex="0" role="region" aria-label=${t.detail(name)}>
            <table part="detail-table">
              <caption class="sr-only">${t.detail(name)}</caption>
              <thead>
                <tr>
                  <th scope="col" class="text">${t.day}</th>
                  <th scope="col">${t.conversations}</th>
                  <th scope="col">${t.closed}</th>
                  <th scope="col">${t.avgToAssign}</th>
                  <th scope="col">${t.medianToAssign}</th>
                  <th scope="col">${t.avgToClose}</th>
                  <th scope="col">${t.medianToClose}</th>
                </tr>
              </thead>
              <tbody>
                ${d.daily.map(
                  (day) => html`<tr data-day=${day.day}>
                    <th scope="row" class="text">${formatDay(locale, day.day)}</th>
                    ${COLUMNS.map(([key, format]) => this.figure(key, format, day[key]))}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        `;
        break;
      }
      case TaskStatus.ERROR: {
        const error = IgApiError.from(this.detail.error);
        body = html`<div part="message" class="message message--error">
          <p class="message-text" role="alert">${errorMessage(this.t, error)}</p>
          <button part="retry-button" class="retry" type="button" @click=${() => void this.detail.run()}>${this.t.retry}</button>
        </div>`;
        break;
      }
      default:
        body = html`<div aria-hidden="true"><span class="bone bone--row"></span><span class="bone bone--block"></span></div><span class="sr-only">${this.t.loading}</span>`;
    }
    return html`<section part="detail" class="detail" aria-labelledby="detail-title" aria-busy=${this.detail.status === TaskStatus.PENDING ? 'true' : 'false'}>
      <div class="detail-head">
        <h3 id="detail-title" class="detail-title">${t.detail(name)}</h3>
        <button part="close-button" class="button" type="button" @click=${this.closeDetail}>${t.closeDetail}</button>
      </div>
      ${body}
    </section>`;
  }

  private sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortOrder = this.sortOrder === 'asc' ? 'desc' : 'asc';
    else {
      this.sortKey = key;
      this.sortOrder = key === 'agent' ? 'asc' : key === 'conversations' || key === 'closed' ? 'desc' : 'asc';
    }
    this.activeRow = 0;
  }

  private select(row: Row, index: number): void {
    this.activeRow = index;
    this.agent = row.agentId;
  }

  private readonly closeDetail = (): void => {
    const id = this.agent;
    this.agent = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`tr[data-agent="${CSS.escape(id ?? '')}"]`)?.focus());
  };

  private onRowKey(event: KeyboardEvent, rows: readonly Row[]): void {
    const tr = (event.target as HTMLElement).closest('tr[data-index]');
    if (!tr) return;
    const index = Number(tr.getAttribute('data-index'));
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(rows.length - 1, index + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.select(rows[index]!, index);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeRow = next;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus();
  }
}
