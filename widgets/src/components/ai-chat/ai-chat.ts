import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IgApiError } from '../../api/client.js';
import type { IgMetricFormat } from '../../api/types.js';
import { IgElement } from '../../base/ig-element.js';
import type { IgChartColumn, IgChartSpec } from '../../charts/types.js';
import { resolvePeriod } from '../../filters/filters.js';
import { errorMessage, formatChange, formatMetricValue, formatPeriod, NO_VALUE } from '../../i18n/format.js';
import { CHAT_TRANSLATIONS, type IgChatTranslation } from './ai-chat.i18n.js';
import styles from './ai-chat.styles.js';
import { toCSV } from '../../charts/table.js';
import { readSse, type SseEvent } from './sse.js';
import type {
  IgChatColumn,
  IgChatEngine,
  IgChatKpiData,
  IgChatOutcome,
  IgChatPhase,
  IgChatProblem,
  IgChatRequest,
  IgChatResult,
  IgChatTableData,
  IgChatToolCall,
} from './types.js';

/** One question and its answer, as the thread shows it. */
interface ChatTurn {
  id: number;
  question: string;
  status: 'streaming' | 'answered' | 'unanswerable' | 'stopped' | 'error';
  phase: IgChatPhase;
  text: string;
  tools: IgChatToolCall[];
  results: IgChatResult[];
  /** Statements run_sql ran, by tool call id (editors and admins only). */
  sql: Map<string, string>;
  suggestions: string[];
  engine: IgChatEngine | null;
  error: IgChatProblem | null;
  copied: boolean;
  save: 'idle' | 'saving' | 'saved' | 'failed';
}

const ARROWS = { up: '↑', down: '↓', flat: '→', none: '' } as const;
const PATH = '/v1/chat/messages';

/** Chat engines' problem codes with a message of their own; others read as "could not complete". */
const STREAM_ERRORS = new Set(['model_unavailable', 'timeout']);

/**
 * Place it inside an `<ig-provider>`. A question (Enter sends, Shift+Enter adds a line) goes to
 * `POST /v1/chat/messages`, whose Server-Sent Events stream the answer: its text as it is written,
 * then result cards — a KPI card (values and change), a table (with a CSV download, formula cells
 * neutralised) or a chart (the BFF's Vega-Lite spec, chosen by rule and never by the model, drawn by
 * `<ig-chart>` with the result's rows). Each card says whether it is a **certified metric** (a tool
 * that calls the same service as a REST endpoint) or a **generated query** (SQL); editors and
 * admins also get the statement in an expandable block. Suggested follow-ups are buttons that ask
 * them. The engine that answered (`claude` or `local`) is named discreetly under the answer.
 *
 * The host's context scopes questions that do not say so themselves: the element's `channel`,
 * `campaign`, `from` and `to`, else the provider's shared filters. The conversation id the BFF
 * returns is sent with every later question, so follow-ups ("¿y en email?") keep the thread.
 *
 * Stop aborts the request (the BFF cancels the model and the running query); the partial text stays,
 * marked as stopped. Problems show in the thread with a Retry: 429 (the project's daily question
 * quota), 401 (after the provider's `tokenProvider` was asked for a new token; `ig-auth-error`
 * then comes from the provider), network failures and errors mid-stream. Only the finished answer is
 * announced to screen readers (one polite live region), never each fragment.
 *
 * "Save as analysis" stores `{ question, answer, widgets, calls }` (`POST /v1/analyses`, kind `chat`;
 * editors and admins): the KPI results become `<ig-channel-kpis>` widgets with their channel and
 * period, and the table and chart results of certified tools are stored as their tool calls
 * (`calls: [{ tool, input }]`), which `POST /v1/chat/tools` re-runs without the model.
 *
 * `<ig-chart>` must be defined for chart answers: the package's index and the CDN autoloader do it.
 *
 * @summary The AI chat: ask about the project's analytics in plain language, get a streamed answer
 * with KPI, table and chart cards.
 *
 * @tag ig-ai-chat
 *
 * @event {CustomEvent<IgChatAnswerDetail>} ig-chat-answer - An answer ended. `detail`:
 * `{ conversationId, question, outcome, engine }`; outcome `answered`, `unanswerable`, `error` or
 * `cancelled` (stopped).
 * @event {CustomEvent<IgAnalysisSaveDetail>} ig-analysis-save - An answer was saved as an analysis
 * (`detail`: `{ id, kind: 'chat' }`).
 *
 * @csspart base - The root: a labelled region.
 * @csspart thread - The list of questions and answers.
 * @csspart turn - One question with its answer; `data-status` is `streaming`, `answered`,
 * `unanswerable`, `stopped` or `error`.
 * @csspart question - The user's question.
 * @csspart answer - The answer (`aria-busy` while it streams).
 * @csspart phase - What the assistant is doing while no text has arrived yet.
 * @csspart text - The answer's text.
 * @csspart result - A result card; `data-kind` is `kpi`, `table` or `chart`.
 * @csspart result-title - A card's title.
 * @csspart badge - "Certified metric" or "generated query"; `data-certified` is `true` or `false`.
 * @csspart kpi - The list of a KPI card's metrics.
 * @csspart value - A KPI value; `data-metric` and `data-value` hold its key and raw number.
 * @csspart change - A KPI's change versus the previous period.
 * @csspart table - A table result.
 * @csspart chart - The `<ig-chart>` of a chart result.
 * @csspart sql - The expandable block with a generated statement (editors and admins).
 * @csspart note - Notes under an answer (truncated result, stopped).
 * @csspart actions - The row of an answer's buttons.
 * @csspart action-button - Copy, CSV and Save buttons (`data-action` names which).
 * @csspart engine - The discreet "answered by" line.
 * @csspart suggestions - The suggested follow-ups of the last answer.
 * @csspart suggestion - One suggested question (a button).
 * @csspart message - The empty, not-connected and error messages.
 * @csspart retry-button - Asks a failed question again.
 * @csspart composer - The form with the question box and the send/stop button.
 * @csspart input - The question box (a labelled textarea).
 * @csspart hint - The keyboard hint under the box.
 * @csspart send-button - Sends the question.
 * @csspart stop-button - Stops the answer being streamed.
 *
 * @cssproperty [--ig-ai-chat-max-height=none] - Height the thread may take before it scrolls.
 * @cssproperty [--ig-color-primary=#1E88E5] - indigitall blue: focus rings, chips.
 * @cssproperty [--ig-color-primary-strong=#1565C0] - The send button (readable with white text).
 * @cssproperty [--ig-color-background=transparent] - Behind the element (dark theme: #14171D).
 * @cssproperty [--ig-color-text=#1F2937] - Answer text and values.
 * @cssproperty [--ig-color-text-muted=#596374] - Captions, hints and the engine line.
 * @cssproperty [--ig-color-surface=#FFFFFF] - Cards and the question box.
 * @cssproperty [--ig-color-surface-muted=#EEF1F5] - The user's questions, table headers, SQL blocks.
 * @cssproperty [--ig-color-border=#E2E6EC] - Card and box borders.
 * @cssproperty [--ig-color-positive=#137333] - Certified badge and rising changes (text).
 * @cssproperty [--ig-color-positive-surface=#E6F4EA] - Certified badge and rising changes (background).
 * @cssproperty [--ig-color-negative=#B3261E] - Error text and falling changes.
 * @cssproperty [--ig-color-negative-surface=#FCE8E6] - Falling changes (background).
 * @cssproperty [--ig-color-warning=#8A4B00] - Generated-query badge (text).
 * @cssproperty [--ig-color-warning-surface=#FFF3E0] - Generated-query badge (background).
 * @cssproperty [--ig-font-family=Inter, system-ui, sans-serif] - Typeface.
 * @cssproperty [--ig-font-size=medium] - Base text size; everything inside scales with it.
 * @cssproperty [--ig-radius=12px] - Corner radius.
 * @cssproperty [--ig-spacing=1em] - Padding; smaller gaps derive from it.
 * @cssproperty [--ig-shadow=0 1px 2px rgb(16 24 40 / 0.06)] - Card shadow.
 */
export class IgAiChat extends IgElement {
  static override styles = styles;

  /**
   * Channel the questions are about unless they name one (`push`, `inapp`, `sms`, `email`, `chat`,
   * `wallet`, `all`). Unset: the provider's channel filter.
   */
  @property({ reflect: true }) channel?: string;

  /** Campaign id the questions are about unless they name one. Unset: the provider's campaign filter. */
  @property() campaign?: string;

  /** First day of the period questions default to (`YYYY-MM-DD`). Unset: the provider's period. */
  @property() from?: string;

  /** Last day, inclusive, of that period. Unset: the provider's period. */
  @property() to?: string;

  /** The conversation the next question continues (set by the BFF's first answer); `null`: a new one. */
  @property({ attribute: false }) conversationId: string | null = null;

  @state() private turns: ChatTurn[] = [];
  @state() private draft = '';
  @state() private announcement = '';

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private controller: AbortController | undefined;
  private nextId = 1;

  /** The chat's own texts in the resolved language. */
  private get c(): IgChatTranslation {
    return CHAT_TRANSLATIONS[this.language] ?? CHAT_TRANSLATIONS.es;
  }

  /** True while an answer streams. */
  get busy(): boolean {
    return this.controller !== undefined;
  }

  /**
   * Asks a question (by default the box's text) and streams its answer. Ignored while another answer
   * streams or when the question is blank.
   */
  async ask(question: string = this.draft): Promise<void> {
    const text = question.trim();
    if (!text || this.busy) return;
    const turn = this.newTurn(text);
    this.turns = [...this.turns, turn];
    this.draft = '';
    await this.run(turn);
  }

  /** Stops the answer being streamed (the request is aborted; the BFF cancels its work). */
  stop(): void {
    this.controller?.abort(new DOMException('Stopped by the user', 'AbortError'));
  }

  /** Forgets the thread and starts a new conversation (a streaming answer is stopped first). */
  clear(): void {
    this.stop();
    this.turns = [];
    this.conversationId = null;
    this.announcement = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  // -------------------------------------------------------------------------------------------------

  private newTurn(question: string): ChatTurn {
    return {
      id: this.nextId++,
      question,
      status: 'streaming',
      phase: 'thinking',
      text: '',
      tools: [],
      results: [],
      sql: new Map(),
      suggestions: [],
      engine: null,
      error: null,
      copied: false,
      save: 'idle',
    };
  }

  /** What the host page shows: own attributes first, then the provider's shared filters. */
  private hostContext(): IgChatRequest['context'] | undefined {
    const filters = this.ig?.filters;
    const context: NonNullable<IgChatRequest['context']> = {};
    const channel = this.channel || filters?.channel;
    if (channel) context.channel = channel;
    const campaign = this.campaign || filters?.campaign;
    if (campaign && /^\d+$/.test(campaign) && Number(campaign) > 0) context.campaignId = Number(campaign);
    if (this.from || this.to) {
      if (this.from) context.from = this.from;
      if (this.to) context.to = this.to;
    } else if (filters) {
      const meta = this.ig?.meta.value;
      const period = resolvePeriod(filters, meta?.timeZone, meta?.today);
      if (period?.from) context.from = period.from;
      if (period?.to) context.to = period.to;
    }
    return Object.keys(context).length ? context : undefined;
  }

  private async run(turn: ChatTurn): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    Object.assign(turn, this.newTurn(turn.question), { id: turn.id });
    this.touch(turn);
    const client = this.ig?.client;
    try {
      if (!client?.connected) throw new IgApiError({ status: 401, code: 'not_connected', title: 'Not connected', detail: '' });
      const body: IgChatRequest = { question: turn.question };
      if (this.conversationId) body.conversationId = this.conversationId;
      const context = this.hostContext();
      if (context) body.context = context;
      const response = await client.post(PATH, body, controller.signal, 'text/event-stream');
      if (!response.body) throw new IgApiError({ status: response.status, code: 'invalid_response', title: 'Invalid response', detail: 'No body.' });
      for await (const event of readSse(response.body)) {
        this.apply(turn, event);
        this.touch(turn);
      }
      if (turn.status === 'streaming') {
        // The stream ended without `done`: the connection dropped.
        turn.status = 'error';
        turn.error ??= { status: 0, code: 'network' };
      }
    } catch (error) {
      if (controller.signal.aborted) turn.status = 'stopped';
      else {
        turn.status = 'error';
        const e = error instanceof IgApiError ? error : new IgApiError({ status: 0, code: 'network', title: 'Network error', detail: String(error) });
        turn.error = { status: e.status, code: e.code, title: e.title, detail: e.detail, retryable: true };
      }
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
    this.touch(turn);
    this.announce(turn);
    this.emit('ig-chat-answer', {
      conversationId: this.conversationId,
      question: turn.question,
      outcome: outcomeOf(turn.status),
      engine: turn.engine,
    });
  }

  private apply(turn: ChatTurn, event: SseEvent): void {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(event.data) as Record<string, unknown>;
    } catch {
      return;
    }
    switch (event.event) {
      case 'status':
        if (typeof data['conversationId'] === 'string') this.conversationId = data['conversationId'];
        if (data['engine'] === 'claude' || data['engine'] === 'local') turn.engine = data['engine'];
        if (typeof data['phase'] === 'string') turn.phase = data['phase'] as IgChatPhase;
        break;
      case 'text':
        if (typeof data['delta'] === 'string') turn.text += data['delta'];
        break;
      case 'tool':
        turn.tools.push(data as unknown as IgChatToolCall);
        break;
      case 'result':
        turn.results.push(data as unknown as IgChatResult);
        break;
      case 'sql':
        if (typeof data['id'] === 'string' && typeof data['sql'] === 'string') turn.sql.set(data['id'], data['sql']);
        break;
      case 'suggestions':
        turn.suggestions = Array.isArray(data['items']) ? data['items'].filter((s): s is string => typeof s === 'string') : [];
        break;
      case 'error':
        turn.error = data as unknown as IgChatProblem;
        break;
      case 'done': {
        if (typeof data['conversationId'] === 'string') this.conversationId = data['conversationId'];
        if (data['engine'] === 'claude' || data['engine'] === 'local') turn.engine = data['engine'];
        const outcome = data['outcome'] as IgChatOutcome;
        if (outcome === 'error' || turn.error) {
          turn.status = 'error';
          turn.error ??= { status: 500, code: 'internal' };
        } else turn.status = outcome === 'unanswerable' ? 'unanswerable' : 'answered';
        break;
      }
    }
  }

  /** Re-renders after a turn changed in place (the thread is a new array; its turns are mutated). */
  private touch(_turn: ChatTurn): void {
    this.turns = [...this.turns];
  }

  private announce(turn: ChatTurn): void {
    let text: string;
    if (turn.status === 'error') text = this.errorText(turn.error!);
    else if (turn.status === 'stopped') text = this.c.stopped;
    else text = turn.text.trim() || this.c.noText;
    // A new string each time, so the same words are announced again.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private errorText(error: IgChatProblem): string {
    const t = this.t;
    if (error.code === 'not_connected') return this.notConnectedText;
    if (error.code === 'chat_quota_exceeded') return this.c.errors.quota;
    if (STREAM_ERRORS.has(error.code)) return this.c.errors[error.code as 'timeout'];
    if (error.code === 'model_error' || error.code === 'internal') return this.c.errors.failed;
    return errorMessage(t, new IgApiError({ status: error.status, code: error.code, title: error.title ?? '', detail: error.detail ?? '' }));
  }

  private async retry(turn: ChatTurn): Promise<void> {
    if (this.busy) return;
    this.input?.focus();
    await this.run(turn);
  }

  private async copy(turn: ChatTurn): Promise<void> {
    try {
      await navigator.clipboard.writeText(turn.text);
      turn.copied = true;
      this.touch(turn);
    } catch {
      // No clipboard permission: nothing to say beyond the unchanged button.
    }
  }

  private downloadCsv(result: IgChatResult): void {
    const table = result.data as IgChatTableData;
    const columns = table.columns.map((c) => ({ key: c.name, header: this.columnName(c) }));
    const blob = new Blob([toCSV(columns, table.rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${slug(result.title) || 'resultado'}.csv`;
    a.rel = 'noopener';
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private async save(turn: ChatTurn): Promise<void> {
    const client = this.ig?.client;
    if (!client || turn.save === 'saving') return;
    turn.save = 'saving';
    this.touch(turn);
    const widgets = turn.results
      .filter((r) => r.kind === 'kpi' && r.source.certified)
      .slice(0, 10)
      .map((r) => {
        const data = r.data as IgChatKpiData;
        return { element: 'ig-channel-kpis', attributes: { channel: data.channel, from: data.period.from, to: data.period.to } };
      });
    const calls = turn.results
      .filter((r) => r.kind !== 'kpi' && r.source.certified)
      .map((r) => turn.tools.find((t) => t.id === r.id))
      .filter((t): t is IgChatToolCall => !!t && t.certified && typeof t.input === 'object' && t.input !== null)
      .slice(0, 10)
      .map((t) => ({ tool: t.name, input: t.input }));
    try {
      const response = await client.post('/v1/analyses', {
        name: turn.question.slice(0, 200),
        kind: 'chat',
        spec: { question: turn.question.slice(0, 2000), answer: turn.text.slice(0, 16_000), widgets, calls },
      });
      const saved = (await response.json()) as { id: string };
      turn.save = 'saved';
      this.emit('ig-analysis-save', { id: saved.id, kind: 'chat' });
    } catch {
      turn.save = 'failed';
    }
    this.touch(turn);
  }

  // -------------------------------------------------------------------------------------------------
  // Events of the composer

  private onInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    void this.ask();
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    void this.ask();
    this.input?.focus();
  }

  private onStop(): void {
    this.stop();
    this.input?.focus();
  }

  private onSuggestion(question: string): void {
    this.input?.focus();
    void this.ask(question);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('turns' as keyof IgAiChat)) {
      const thread = this.renderRoot.querySelector<HTMLElement>('.thread');
      if (thread && thread.scrollHeight > thread.clientHeight) thread.scrollTop = thread.scrollHeight;
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    const t = this.t;
    const connected = Boolean(this.ig?.client.connected);
    const busy = this.busy;
    return html`
      <section part="base" class="base" aria-label=${this.c.label}>
        ${this.turns.length
          ? html`<ol part="thread" class="thread" aria-label=${this.c.thread}>
              ${this.turns.map((turn, i) => this.renderTurn(turn, i === this.turns.length - 1))}
            </ol>`
          : html`<p part="message" class="message empty">${connected ? this.c.empty : this.notConnectedText}</p>`}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        <form part="composer" class="composer" @submit=${this.onSubmit}>
          <label class="sr-only" for="question">${this.c.input}</label>
          <textarea
            id="question"
            part="input"
            class="input"
            rows="2"
            maxlength="2000"
            placeholder=${this.c.placeholder}
            aria-describedby="hint"
            .value=${this.draft}
            ?disabled=${!connected}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
          ></textarea>
          ${busy
            ? html`<button part="stop-button" class="button stop" type="button" @click=${this.onStop}>${this.c.stop}</button>`
            : html`<button part="send-button" class="button send" type="submit" ?disabled=${!connected || !this.draft.trim()}>
                ${this.c.send}
              </button>`}
          <p part="hint" id="hint" class="hint">${this.c.hint}</p>
        </form>
      </section>
    `;
  }

  private renderTurn(turn: ChatTurn, last: boolean): TemplateResult {
    const t = this.t;
    const streaming = turn.status === 'streaming';
    const done = turn.status === 'answered' || turn.status === 'unanswerable';
    const sqlShown = new Set<string>();
    return html`
      <li part="turn" class="turn" data-status=${turn.status}>
        <p part="question" class="question"><span class="sr-only">${this.c.you}: </span>${turn.question}</p>
        <div part="answer" class="answer" aria-busy=${streaming ? 'true' : 'false'}>
          <span class="sr-only">${this.c.assistant}: </span>
          ${streaming && !turn.text ? html`<p part="phase" class="phase">${this.c.phases[turn.phase] ?? this.c.phases.thinking}</p>` : nothing}
          ${turn.text ? html`<p part="text" class="text">${turn.text}</p>` : nothing}
          ${turn.results.map((r) => {
            const sql = turn.sql.get(r.id);
            if (sql) sqlShown.add(r.id);
            return this.renderResult(r, sql);
          })}
          ${[...turn.sql].filter(([id]) => !sqlShown.has(id)).map(([, sql]) => this.renderSql(sql))}
          ${turn.status === 'stopped' ? html`<p part="note" class="note">${this.c.stopped}</p>` : nothing}
          ${turn.status === 'error' && turn.error
            ? html`<div part="message" class="message message--error">
                <p class="message-text">${this.errorText(turn.error)}</p>
                ${turn.error.code === 'not_connected'
                  ? nothing
                  : html`<button part="retry-button" class="retry" type="button" ?disabled=${this.busy} @click=${() => this.retry(turn)}>
                      ${t.retry}
                    </button>`}
              </div>`
            : nothing}
          ${done || (turn.status === 'stopped' && turn.text) ? this.renderActions(turn) : nothing}
          ${turn.engine && !streaming
            ? html`<p part="engine" class="engine">${this.c.answeredBy(this.c.engines[turn.engine] ?? turn.engine)}</p>`
            : nothing}
          ${last && done && turn.suggestions.length && !this.busy
            ? html`<div class="suggestions-box">
                <p class="suggestions-label" id="suggestions-${turn.id}">${this.c.suggestions}</p>
                <ul part="suggestions" class="suggestions" aria-labelledby="suggestions-${turn.id}">
                  ${turn.suggestions.map(
                    (s) => html`<li><button part="suggestion" class="chip" type="button" @click=${() => this.onSuggestion(s)}>${s}</button></li>`,
                  )}
                </ul>
              </div>`
            : nothing}
        </div>
      </li>
    `;
  }

  private renderActions(turn: ChatTurn): TemplateResult {
    const t = this.t;
    const saveLabel = { idle: this.c.save, saving: this.c.saving, saved: this.c.saved, failed: this.c.save }[turn.save];
    return html`
      <div part="actions" class="actions">
        ${turn.text
          ? html`<button part="action-button" class="action" type="button" data-action="copy" @click=${() => this.copy(turn)}>
              ${turn.copied ? this.c.copied : this.c.copy}
            </button>`
          : nothing}
        ${turn.status === 'answered'
          ? html`<button
              part="action-button"
              class="action"
              type="button"
              data-action="save"
              ?disabled=${turn.save === 'saving' || turn.save === 'saved'}
              @click=${() => this.save(turn)}
            >
              ${saveLabel}
            </button>`
          : nothing}
        ${turn.save === 'failed' ? html`<span class="save-failed" role="alert">${this.c.saveFailed}</span>` : nothing}
      </div>
    `;
  }

  private renderResult(result: IgChatResult, sql: string | undefined): TemplateResult {
    const t = this.t;
    const certified = result.source?.certified !== false;
    const endpoint = result.source?.endpoint;
    return html`
      <article part="result" class="card" data-kind=${result.kind} aria-label=${result.title}>
        <header class="card-head">
          <h3 part="result-title" class="card-title">${result.title}</h3>
          <span
            part="badge"
            class="badge ${certified ? 'badge--certified' : 'badge--generated'}"
            data-certified=${String(certified)}
            title=${certified && endpoint ? this.c.sourceTitle(endpoint) : nothing}
            >${certified ? this.c.certified : this.c.generated}</span
          >
        </header>
        ${result.kind === 'kpi' ? this.renderKpi(result.data as IgChatKpiData) : nothing}
        ${result.kind === 'table' ? this.renderTable(result) : nothing}
        ${result.kind === 'chart' ? this.renderChart(result) : nothing}
        ${result.truncated ? html`<p part="note" class="note">${this.c.truncated}</p>` : nothing}
        ${sql ? this.renderSql(sql) : nothing}
      </article>
    `;
  }

  private renderSql(sql: string): TemplateResult {
    return html`<details part="sql" class="sql">
      <summary>${this.c.showSql}</summary>
      <pre><code>${sql}</code></pre>
    </details>`;
  }

  private renderKpi(data: IgChatKpiData): TemplateResult {
    const t = this.t;
    const locale = this.formatLocale;
    return html`
      <dl part="kpi" class="kpis">
        ${(data.metrics ?? []).map((m) => {
          const change = formatChange(locale, t, m.format, m.change);
          return html`<div class="kpi">
            <dt class="kpi-label">${t.metrics[m.key] ?? m.key}</dt>
            <dd part="value" class="kpi-value" data-metric=${m.key} data-value=${m.value === null ? nothing : String(m.value)}>
              ${formatMetricValue(locale, m.format, m.value)}
            </dd>
            <dd part="change" class="change change--${change.trend}">
              <span aria-hidden="true">${ARROWS[change.trend]} ${change.text}</span>
              <span class="sr-only">${change.label}</span>
            </dd>
          </div>`;
        })}
      </dl>
      ${data.period ? html`<p class="caption">${this.c.period(formatPeriod(locale, data.period))}</p>` : nothing}
    `;
  }

  private columnName(c: IgChatColumn): string {
    return this.t.metrics[c.name] ?? c.name;
  }

  private cell(c: IgChatColumn, value: unknown): string {
    if (value === null || value === undefined || value === '') return NO_VALUE;
    const locale = this.formatLocale;
    if (c.type === 'quantitative' && typeof value === 'number') return formatMetricValue(locale, (c.format ?? 'count') as IgMetricFormat, value);
    if (c.type === 'temporal' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    }
    return String(value);
  }

  private renderTable(result: IgChatResult): TemplateResult {
    const table = result.data as IgChatTableData;
    return html`
      <div class="table-wrapper" tabindex="0" role="region" aria-label=${result.title}>
        <table part="table" class="table">
          <thead>
            <tr>
              ${table.columns.map((c) => html`<th scope="col" class=${c.type === 'quantitative' ? 'num' : ''}>${this.columnName(c)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${table.rows.map(
              (row) => html`<tr>
                ${table.columns.map((c) => html`<td class=${c.type === 'quantitative' ? 'num' : ''}>${this.cell(c, row[c.name])}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button part="action-button" class="action" type="button" data-action="csv" @click=${() => this.downloadCsv(result)}>
          ${this.c.csv}
        </button>
      </div>
    `;
  }

  private renderChart(result: IgChatResult): TemplateResult {
    const table = result.data as IgChatTableData;
    // The rows go to <ig-chart>'s dataset (so its table alternative and CSV have them too).
    const { data: _inline, $schema: _schema, ...spec } = (result.spec ?? {}) as Record<string, unknown>;
    const columns: IgChartColumn[] = table.columns.map((c) => ({
      key: c.name,
      header: this.columnName(c),
      format: c.type === 'temporal' ? 'date' : c.type !== 'quantitative' ? 'text' : c.format === 'ratio' ? 'percent' : c.format === 'count' ? 'integer' : 'number',
    }));
    return html`<ig-chart
      part="chart"
      class="chart"
      .spec=${spec as IgChartSpec}
      .data=${table.rows}
      .columns=${columns}
      label=${result.title}
    ></ig-chart>`;
  }
}

function outcomeOf(status: ChatTurn['status']): IgChatOutcome {
  return status === 'stopped' ? 'cancelled' : status === 'streaming' ? 'error' : status;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
