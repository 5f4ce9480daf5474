import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import type { IgChatAnswerEvent } from '../../events/index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { testStack, textOf, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgAiChat } from './ai-chat.js';
import { SseParser } from './sse.js';

// ---------------------------------------------------------------------------------------------------
// Replaying recorded event streams (testing/fixtures/chat/*.sse) through a stubbed fetch

const recordings = new Map<string, Promise<string>>();
function recording(name: string): Promise<string> {
  let text = recordings.get(name);
  if (!text) {
    text = fetch(new URL(`../../testing/fixtures/chat/${name}.sse`, import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`no recording ${name}`);
      return r.text();
    });
    recordings.set(name, text);
  }
  return text;
}

interface ChatRequest {
  body: { question: string; conversationId?: string; context?: Record<string, unknown> };
  authorization: string | null;
  signal: AbortSignal | null;
}

/**
 * What a chat POST answers: a recording streamed in chunks of `chunk` characters (which split events
 * mid-line and mid-field), optionally only its first `hangAfter` characters and then nothing until
 * the request is aborted, or its first `endAfter` characters and then the end (a dropped connection);
 * or a problem before the stream.
 */
type ChatAnswer = { sse: string; chunk?: number; delayMs?: number; hangAfter?: number; endAfter?: number } | { status: number; body?: unknown };

interface ChatStub {
  api: ApiStub;
  requests: ChatRequest[];
  saved: unknown[];
  restore(): void;
}

function streamOf(
  text: string,
  { chunk = 37, delayMs = 2, hangAfter, endAfter }: { chunk?: number; delayMs?: number; hangAfter?: number; endAfter?: number },
  signal: AbortSignal | null,
) {
  const bytes = new TextEncoder().encode(text.slice(0, hangAfter ?? endAfter ?? text.length));
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => {
        try {
          controller.error(signal.reason ?? new DOMException('Aborted', 'AbortError'));
        } catch {
          // already closed
        }
      });
    },
    async pull(controller) {
      await new Promise((r) => setTimeout(r, delayMs));
      if (signal?.aborted) return;
      if (offset >= bytes.length) {
        if (hangAfter === undefined) controller.close();
        else await new Promise(() => undefined); // hang until aborted
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

function stubChat(answer: (request: ChatRequest, index: number) => ChatAnswer | Promise<ChatAnswer>): ChatStub {
  const api = stubApi({ '/v1/meta': 'getMeta' });
  const inner = globalThis.fetch;
  const requests: ChatRequest[] = [];
  const saved: unknown[] = [];
  const stubbed: typeof fetch = async (input, init) => {
    const target = new URL(String(input), location.href);
    if (target.origin !== new URL(FIXTURE_API).origin || init?.method !== 'POST') return inner(input, init);
    await new Promise((r) => setTimeout(r));
    const signal = init.signal ?? null;
    if (signal?.aborted) throw signal.reason;
    const body = JSON.parse(String(init.body));
    if (target.pathname === '/v1/analyses') {
      saved.push(body);
      return new Response(JSON.stringify({ id: 'a1b2', ...body }), { status: 201, headers: { 'content-type': 'application/json' } });
    }
    const request: ChatRequest = { body, authorization: new Headers(init.headers).get('authorization'), signal };
    requests.push(request);
    const a = await answer(request, requests.length - 1);
    if ('status' in a) {
      return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/problem+json' } });
    }
    return new Response(streamOf(await recording(a.sse), a, signal), { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  globalThis.fetch = stubbed;
  return {
    api,
    requests,
    saved,
    restore() {
      if (globalThis.fetch === stubbed) globalThis.fetch = inner;
      api.restore();
    },
  };
}

const shadow = (chat: IgAiChat) => chat.shadowRoot!;
const $ = <E extends Element = HTMLElement>(chat: IgAiChat, selector: string) => shadow(chat).querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(chat: IgAiChat, selector: string) => [...shadow(chat).querySelectorAll<E>(selector)];
const textarea = (chat: IgAiChat) => $<HTMLTextAreaElement>(chat, 'textarea')!;
const liveText = (chat: IgAiChat) => $(chat, '[aria-live="polite"]')!.textContent!.trim();

function nextAnswer(target: EventTarget = document, timeoutMs = 10_000): Promise<IgChatAnswerEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ig-chat-answer within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener('ig-chat-answer', (e) => (clearTimeout(timer), resolve(e as IgChatAnswerEvent)), { once: true });
  });
}

async function mountChat(attrs: { channel?: string; from?: string; to?: string; lang?: string } = {}, token = 't') {
  const root = await fixture<HTMLElement>(html`
    <ig-provider api=${FIXTURE_API} token=${token}>
      <ig-ai-chat channel=${attrs.channel ?? ''} from=${attrs.from ?? ''} to=${attrs.to ?? ''} lang=${attrs.lang ?? 'es'}></ig-ai-chat>
    </ig-provider>
  `);
  const chat = root.querySelector('ig-ai-chat')!;
  await chat.updateComplete;
  return chat;
}

/** Types the question into the box for real and sends it with Enter. */
async function askByKeyboard(chat: IgAiChat, question: string): Promise<IgChatAnswerEvent> {
  const answered = nextAnswer(chat);
  textarea(chat).focus();
  await sendKeys({ type: question });
  await sendKeys({ press: 'Enter' });
  return answered;
}

describe('<ig-ai-chat>', () => {
  let stub: ChatStub | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  it('parses SSE split anywhere: mid-line, mid-field, CRLF across chunks, comments and multi-line data', () => {
    const text = 'event: text\r\ndata: {"delta":"a"}\r\n\r\n: keep-alive\n\nevent: x\ndata: 1\ndata: 2\n\n';
    for (let size = 1; size <= text.length; size++) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events, `chunks of ${size}`).to.deep.equal([
        { event: 'text', data: '{"delta":"a"}' },
        { event: 'x', data: '1\n2' },
      ]);
    }
  });

  it('is labelled and accessible when idle; Enter sends, Shift+Enter adds a line', async () => {
    stub = stubChat(() => ({ sse: 'kpi' }));
    const chat = await mountChat();
    const box = textarea(chat);
    expect(shadow(chat).querySelector(`label[for="${box.id}"]`)!.textContent).to.equal('Tu pregunta');
    expect($(chat, '[part="base"]')!.getAttribute('aria-label')).to.equal('Asistente de analítica');
    await expectAccessible(chat);

    box.focus();
    await sendKeys({ type: 'línea uno' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'línea dos' });
    expect(box.value).to.equal('línea uno\nlínea dos');
    expect(stub.requests).to.have.length(0);

    const answered = nextAnswer(chat);
    await sendKeys({ press: 'Enter' });
    await answered;
    expect(stub.requests).to.have.length(1);
    expect(stub.requests[0]!.body.question).to.equal('línea uno\nlínea dos');
    expect(textarea(chat).value).to.equal('');
    expect(shadow(chat).activeElement).to.equal(textarea(chat));
  });

  it('streams a KPI answer: text, values, certified badge, engine, context, one announcement, then axe', async () => {
    stub = stubChat(() => ({ sse: 'kpi', chunk: 23, delayMs: 8 }));
    const chat = await mountChat({ channel: 'sms', from: '2026-11-09', to: '2026-11-15' });
    const answered = nextAnswer(chat);
    void chat.ask('¿cuál fue el CTR de SMS la semana pasada?');

    // While it streams: busy answer, a Stop button, nothing announced yet.
    await until(() => $(chat, '[part="text"]'), 5000, 'first text');
    expect($(chat, '[part="answer"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(chat, '[part="stop-button"]')).to.exist;
    expect(liveText(chat)).to.equal('');
    await expectAccessible(chat);

    const event = await answered;
    await chat.updateComplete;
    expect(event.detail).to.include({ outcome: 'answered', engine: 'local', conversationId: '3f1c2a7e-8d4b-4c3a-9b1e-5a6d7c8e9f01' });
    expect(stub.requests[0]!.body).to.deep.equal({
      question: '¿cuál fue el CTR de SMS la semana pasada?',
      context: { channel: 'sms', from: '2026-11-09', to: '2026-11-15' },
    });
    const text = $(chat, '[part="text"]')!.textContent!;
    expect(text).to.equal('SMS, del 9 al 15 de noviembre: 48.210 enviados, 46.985 entregados, 1734 clics, CTR 3,69 % (4,09 % el periodo anterior).');
    expect(liveText(chat)).to.equal(text);
    const values = Object.fromEntries($$(chat, '[part="value"]').map((v) => [v.dataset['metric'], [v.dataset['value'], v.textContent!.trim()]]));
    expect(values['sent']).to.deep.equal(['48210', '48.210']);
    expect(values['ctr']).to.deep.equal(['0.0369', '3,69\u00a0%']);
    expect($$(chat, '[part="change"]').map((c) => c.textContent!.replace(/\s+/g, ' ').trim())[3]).to.contain('0,40 p. p.');
    const badge = $(chat, '[part="badge"]')!;
    expect(badge.textContent!.trim()).to.equal('Métrica certificada');
    expect(badge.dataset['certified']).to.equal('true');
    expect($(chat, '[part="engine"]')!.textContent).to.equal('Respondido por: motor local');
    expect($(chat, '[part="answer"]')!.getAttribute('aria-busy')).to.equal('false');
    expect($(chat, '[part="sql"]'), 'no SQL for a viewer stream').to.not.exist;
    expect($(chat, '[part="send-button"]')).to.exist;
    await expectAccessible(chat);

    // The conversation id goes with the next question.
    const second = nextAnswer(chat);
    void chat.ask('¿y la semana anterior?');
    await second;
    expect(stub.requests[1]!.body.conversationId).to.equal('3f1c2a7e-8d4b-4c3a-9b1e-5a6d7c8e9f01');
    expect($$(chat, '[part="turn"]')).to.have.length(2);
  });

  it('draws a chart answer with <ig-chart> from the result rows', async () => {
    stub = stubChat(() => ({ sse: 'chart' }));
    const chat = await mountChat();
    const answered = nextAnswer(chat);
    void chat.ask('envíos de push por día');
    await answered;
    await chat.updateComplete;
    const chart = $<IgChart>(chat, 'ig-chart')!;
    expect(chart.label).to.equal('Push · enviados por día');
    expect(chart.data).to.have.length(7);
    expect((chart.spec as Record<string, unknown>)['data'], 'rows go to the dataset, not inline').to.equal(undefined);
    await chart.renderComplete;
    await until(() => chart.shadowRoot!.querySelectorAll('svg path, svg .mark-symbol path').length > 0, 10_000, 'chart marks');
    expect(chart.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.contain('Push');
    await expectAccessible(chat);
  });

  it('replays streams recorded from the local engine: KPI, chart and table cards', async () => {
    stub = stubChat((_, i) => ({ sse: ['local-kpi', 'local-chart', 'local-table'][i]!, chunk: 61 }));
    const chat = await mountChat();
    for (const question of ['¿cuántos envíos de push en los últimos 7 días?', 'Evolución diaria de los envíos push', 'Las 5 mejores campañas de push por clics']) {
      const answered = nextAnswer(chat);
      void chat.ask(question);
      expect((await answered).detail.outcome).to.equal('answered');
    }
    await chat.updateComplete;
    expect($$(chat, '[part="result"]').map((r) => r.dataset['kind'])).to.deep.equal(['kpi', 'chart', 'table']);
    expect($(chat, '[part="value"][data-metric="sent"]')!.dataset['value']).to.equal('362158');
    const chart = $<IgChart>(chat, 'ig-chart')!;
    expect(chart.data).to.have.length(7);
    await chart.renderComplete;
    expect($$(chat, '[part="table"] tbody tr')).to.have.length(5);
    expect($$(chat, '[part="badge"]').every((b) => b.dataset['certified'] === 'true')).to.equal(true);
    expect($$(chat, '[part="suggestion"]').map((c) => c.textContent!.trim())).to.deep.equal(['¿Y las peores?', '¿Cómo fue la mejor campaña día a día?']);
    await expectAccessible(chat);
  });

  it('shows a table answer and downloads it as CSV with formula cells neutralised', async () => {
    stub = stubChat(() => ({ sse: 'table' }));
    const chat = await mountChat();
    const answered = nextAnswer(chat);
    void chat.ask('campañas con más clics');
    await answered;
    await chat.updateComplete;
    const cells = $$(chat, '[part="table"] tbody tr:first-child td').map((td) => td.textContent!.trim());
    expect(cells).to.deep.equal(['Black Friday 2026', '12.040', '812', '6,74\u00a0%']);
    expect($$(chat, '[part="table"] th').map((th) => th.textContent!.trim())).to.deep.equal(['campaign', 'Enviados', 'Clics', 'CTR']);
    expect(textOf(chat)).to.contain('Resultado recortado');

    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (b: Blob | MediaSource) => (blobs.push(b as Blob), 'blob:test');
    const clicks: HTMLAnchorElement[] = [];
    const onClick = (e: Event) => {
      if (e.target instanceof HTMLAnchorElement) (clicks.push(e.target), e.preventDefault());
    };
    shadow(chat).addEventListener('click', onClick, true);
    try {
      $(chat, '[data-action="csv"]')!.click();
    } finally {
      URL.createObjectURL = original;
      shadow(chat).removeEventListener('click', onClick, true);
    }
    expect(clicks[0]!.download).to.equal('campanas-con-mas-clics.csv');
    const csv = await blobs[0]!.text();
    expect(csv.split('\r\n')[0]).to.equal('campaign,Enviados,Clics,CTR');
    expect(csv).to.contain(`"'=HYPERLINK(""http://x.invalid"",""clic"")",8030,402,0.0501`);
    expect(csv).to.contain('"Bienvenida, nuevos",5120');
    await expectAccessible(chat);

    // Saved, the table keeps its tool call and arguments, so it re-runs without the model (POST /v1/chat/tools).
    const saved = new Promise<CustomEvent>((r) => chat.addEventListener('ig-analysis-save', (e) => r(e as CustomEvent), { once: true }));
    $(chat, '[data-action="save"]')!.click();
    await saved;
    expect((stub.saved[0] as { spec: { calls: unknown[]; widgets: unknown[] } }).spec.calls).to.deep.equal([
      { tool: 'top_campaigns', input: { channel: 'push', metric: 'clicked', order: 'top', n: 3 } },
    ]);
    expect((stub.saved[0] as { spec: { widgets: unknown[] } }).spec.widgets).to.deep.equal([]);
  });

  it('shows the SQL of an editor stream in an expandable block, with the generated-query badge', async () => {
    stub = stubChat(() => ({ sse: 'editor-sql' }));
    const chat = await mountChat();
    await askByKeyboard(chat, 'dispositivos por plataforma');
    await chat.updateComplete;
    const badge = $(chat, '[part="badge"]')!;
    expect(badge.textContent!.trim()).to.equal('Consulta generada');
    expect(badge.dataset['certified']).to.equal('false');
    const sql = $<HTMLDetailsElement>(chat, '[part="sql"]')!;
    expect(sql.open).to.equal(false);
    expect(sql.querySelector('summary')!.textContent).to.contain('Ver SQL');
    expect(sql.querySelector('code')!.textContent).to.contain('FROM assistant.devices');
    expect($(chat, '[part="engine"]')!.textContent).to.equal('Respondido por: Claude');
    sql.querySelector('summary')!.click();
    await expectAccessible(chat);
  });

  it('stops a streaming answer: the fetch is aborted, partial text kept and marked, back to idle', async () => {
    const full = await recording('kpi');
    const cut = full.indexOf('CTR 3,69');
    stub = stubChat(() => ({ sse: 'kpi', hangAfter: cut }));
    const chat = await mountChat();
    const answered = nextAnswer(chat);
    textarea(chat).focus();
    void chat.ask('¿CTR de SMS?');
    await until(() => $(chat, '[part="text"]')?.textContent?.includes('1734 clics'), 5000, 'partial text');
    await chat.updateComplete;
    $(chat, '[part="stop-button"]')!.click();
    const event = await answered;
    await chat.updateComplete;
    expect(event.detail.outcome).to.equal('cancelled');
    expect(stub.requests[0]!.signal!.aborted).to.equal(true);
    expect($(chat, '[part="turn"]')!.dataset['status']).to.equal('stopped');
    expect($(chat, '[part="text"]')!.textContent).to.contain('1734 clics');
    expect($(chat, '[part="note"]')!.textContent).to.equal('Respuesta detenida.');
    expect($(chat, '[part="stop-button"]')).to.not.exist;
    expect($(chat, '[part="send-button"]')).to.exist;
    expect(chat.busy).to.equal(false);
    expect(shadow(chat).activeElement).to.equal(textarea(chat));
    expect(liveText(chat)).to.equal('Respuesta detenida.');
  });

  it('shows an error event mid-stream in the thread; Retry asks again and answers', async () => {
    stub = stubChat((_, i) => ({ sse: i === 0 ? 'error' : 'kpi' }));
    const chat = await mountChat();
    const failed = nextAnswer(chat);
    void chat.ask('¿CTR de SMS?');
    expect((await failed).detail.outcome).to.equal('error');
    await chat.updateComplete;
    expect($(chat, '[part="turn"]')!.dataset['status']).to.equal('error');
    expect($(chat, '.message-text')!.textContent).to.equal('El asistente está saturado ahora mismo. Inténtalo de nuevo en unos segundos.');
    expect(liveText(chat)).to.contain('saturado');
    await expectAccessible(chat);

    const answered = nextAnswer(chat);
    $(chat, '[part="retry-button"]')!.click();
    expect((await answered).detail.outcome).to.equal('answered');
    await chat.updateComplete;
    expect(stub.requests).to.have.length(2);
    expect(stub.requests[1]!.body.question).to.equal('¿CTR de SMS?');
    expect($$(chat, '[part="turn"]')).to.have.length(1);
    expect($(chat, '[part="turn"]')!.dataset['status']).to.equal('answered');
    expect($(chat, '.message-text')).to.not.exist;
  });

  it('explains a 429 quota problem before the stream, with a Retry', async () => {
    stub = stubChat((_, i) => (i === 0 ? problem(429, 'chat_quota_exceeded') : { sse: 'kpi' }));
    const chat = await mountChat({ lang: 'en' });
    const failed = nextAnswer(chat);
    void chat.ask('sms ctr last week');
    await failed;
    await chat.updateComplete;
    expect($(chat, '.message-text')!.textContent).to.equal("This project has used up today's questions. You can ask again tomorrow.");
    expect($(chat, '[part="retry-button"]')!.textContent!.trim()).to.equal('Retry');
    await expectAccessible(chat);
  });

  it('goes through the provider tokenProvider on a 401 and retries the question with the new token', async () => {
    stub = stubChat((req) => (req.authorization === 'Bearer fresh' ? { sse: 'kpi' } : problem(401, 'unauthorized')));
    const root = await fixture<HTMLElement>(html`
      <ig-provider api=${FIXTURE_API} token="expired" .tokenProvider=${async () => 'fresh'}><ig-ai-chat></ig-ai-chat></ig-provider>
    `);
    const chat = root.querySelector('ig-ai-chat')!;
    const answered = nextAnswer(chat);
    void chat.ask('¿CTR?');
    expect((await answered).detail.outcome).to.equal('answered');
    expect(stub.requests.map((r) => r.authorization)).to.deep.equal(['Bearer expired', 'Bearer fresh']);
  });

  it('asks a suggestion when its chip is clicked, and saves an answer as a chat analysis', async () => {
    stub = stubChat(() => ({ sse: 'kpi' }));
    const chat = await mountChat();
    const first = nextAnswer(chat);
    void chat.ask('¿CTR de SMS?');
    await first;
    await chat.updateComplete;
    const chips = $$(chat, '[part="suggestion"]');
    expect(chips.map((c) => c.textContent!.trim())).to.deep.equal([
      '¿Y la semana anterior?',
      '¿Cuál es la mejor hora para enviar SMS?',
      '¿Qué campañas de SMS tuvieron más clics?',
    ]);

    const saved = new Promise<CustomEvent>((r) => chat.addEventListener('ig-analysis-save', (e) => r(e as CustomEvent), { once: true }));
    $(chat, '[data-action="save"]')!.click();
    expect((await saved).detail).to.deep.equal({ id: 'a1b2', kind: 'chat' });
    expect(stub.saved[0]).to.deep.equal({
      name: '¿CTR de SMS?',
      kind: 'chat',
      spec: {
        question: '¿CTR de SMS?',
        answer: 'SMS, del 9 al 15 de noviembre: 48.210 enviados, 46.985 entregados, 1734 clics, CTR 3,69 % (4,09 % el periodo anterior).',
        widgets: [{ element: 'ig-channel-kpis', attributes: { channel: 'sms', from: '2026-11-09', to: '2026-11-15' } }],
        calls: [],
      },
    });

    const second = nextAnswer(chat);
    chips[1]!.click();
    await second;
    expect(stub.requests[1]!.body.question).to.equal('¿Cuál es la mejor hora para enviar SMS?');
    expect(shadow(chat).activeElement).to.equal(textarea(chat));
  });

  it('fits 320 px in dark theme and stays accessible', async () => {
    stub = stubChat(() => ({ sse: 'table' }));
    const root = await fixture<HTMLElement>(html`
      <div style="width: 320px"><ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-ai-chat></ig-ai-chat></ig-provider></div>
    `);
    const chat = root.querySelector('ig-ai-chat')!;
    const answered = nextAnswer(chat);
    void chat.ask('campañas con más clics');
    await answered;
    await chat.updateComplete;
    expect(chat.dataset['theme']).to.equal('dark');
    expect(chat.scrollWidth).to.be.at.most(320);
    expect($(chat, '[part="base"]')!.scrollWidth).to.be.at.most(320);
    await expectAccessible(chat);
  });

  it("sends the provider's shared filters as context when the element sets none", async () => {
    stub = stubChat(() => ({ sse: 'kpi' }));
    const root = await fixture<HTMLElement>(html`
      <ig-provider api=${FIXTURE_API} token="t" period="custom" from="2026-10-01" to="2026-10-31" channel="email" campaign="42">
        <ig-ai-chat></ig-ai-chat>
        <ig-ai-chat channel="push" from="2026-11-01" to="2026-11-07"></ig-ai-chat>
      </ig-provider>
    `);
    const [shared, own] = [...root.querySelectorAll('ig-ai-chat')] as [IgAiChat, IgAiChat];
    let answered = nextAnswer(shared);
    void shared.ask('¿tasa de apertura?');
    await answered;
    expect(stub.requests[0]!.body.context).to.deep.equal({ channel: 'email', campaignId: 42, from: '2026-10-01', to: '2026-10-31' });
    answered = nextAnswer(own);
    void own.ask('¿CTR?');
    await answered;
    expect(stub.requests[1]!.body.context).to.deep.equal({ channel: 'push', campaignId: 42, from: '2026-11-01', to: '2026-11-07' });
  });

  it('shows a network failure and a dropped stream in the thread, each with a Retry', async () => {
    const full = await recording('kpi');
    stub = stubChat((_, i) => (i === 0 ? { sse: 'kpi', endAfter: full.indexOf('event: suggestions') } : { sse: 'kpi' }));
    const inner = globalThis.fetch;
    let posts = 0;
    globalThis.fetch = async (input, init) => {
      if (init?.method === 'POST' && posts++ === 0) throw new TypeError('Failed to fetch');
      return inner(input, init);
    };
    try {
      const chat = await mountChat();
      const message = () => $(chat, '.message-text')?.textContent;
      let ended = nextAnswer(chat);
      void chat.ask('¿CTR de SMS?');
      expect((await ended).detail.outcome).to.equal('error');
      await chat.updateComplete;
      expect(message()).to.equal('No se ha podido conectar con el servicio de analítica.');
      await expectAccessible(chat);

      // Retry: the stream starts, then the connection ends before `done`.
      ended = nextAnswer(chat);
      $(chat, '[part="retry-button"]')!.click();
      expect((await ended).detail.outcome).to.equal('error');
      await chat.updateComplete;
      expect(message()).to.equal('No se ha podido conectar con el servicio de analítica.');

      // Retry again: the whole answer.
      ended = nextAnswer(chat);
      $(chat, '[part="retry-button"]')!.click();
      expect((await ended).detail.outcome).to.equal('answered');
      await chat.updateComplete;
      expect(message()).to.equal(undefined);
      expect($$(chat, '[part="turn"]')).to.have.length(1);
      expect(stub.requests).to.have.length(2);
    } finally {
      globalThis.fetch = inner;
    }
  });

  it('says it is not connected without a provider token, and sends nothing', async () => {
    stub = stubChat(() => ({ sse: 'kpi' }));
    const root = await fixture<HTMLElement>(html`<ig-provider api=${FIXTURE_API}><ig-ai-chat></ig-ai-chat></ig-provider>`);
    const chat = root.querySelector('ig-ai-chat')!;
    await chat.updateComplete;
    expect($(chat, '[part="message"]')!.textContent).to.contain('Widget sin conectar');
    expect(textarea(chat).disabled).to.equal(true);
    await chat.ask('¿CTR?');
    expect(stub.requests).to.have.length(0);
    await expectAccessible(chat);
  });

  it('answers a question with the local engine of the real BFF', async () => {
    const stack = await testStack();
    const [id] = Object.keys(stack.tokens);
    const root = await fixture<HTMLElement>(html`
      <ig-provider api=${stack.api} project=${id!} token=${stack.tokens[id!]!}><ig-ai-chat></ig-ai-chat></ig-provider>
    `);
    const chat = root.querySelector('ig-ai-chat')!;
    const answered = nextAnswer(chat, 14_000);
    void chat.ask('¿cuántos envíos de push en los últimos 7 días?');
    const event = await answered;
    await chat.updateComplete;
    expect(event.detail.outcome, textOf(chat)).to.equal('answered');
    expect(event.detail.engine).to.equal('local');
    expect(event.detail.conversationId).to.match(/^[0-9a-f-]{36}$/);
    const card = $(chat, '[part="result"][data-kind="kpi"]');
    expect(card, textOf(chat)).to.exist;
    const sent = $(chat, '[part="value"][data-metric="sent"]')!;
    expect(Number(sent.dataset['value'])).to.be.at.least(0);
    expect($(chat, '[part="badge"]')!.dataset['certified']).to.equal('true');
    expect($(chat, '[part="text"]')!.textContent!.length).to.be.greaterThan(10);
    expect($(chat, '[part="engine"]')!.textContent).to.contain('motor local');
    await expectAccessible(chat);
  });
});
