/**
 * A fake of Anthropic's Messages API for tests: a node:http server on 127.0.0.1 that answers
 * POST /v1/messages with the streaming wire format (SSE `event:` + `data:` lines: message_start,
 * content_block_start/delta/stop with text_delta and input_json_delta split over several chunks,
 * message_delta with stop_reason and usage, message_stop, ping, and an `error` event mid-stream),
 * written in several TCP writes. The real SDK talks to it through `baseURL`.
 *
 * Tests queue one script per expected model request; every request is recorded (headers and the
 * parsed body) so the tests can check what the BFF sent, and whether the client closed it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ToolUseScript {
  id: string;
  name: string;
  input: unknown;
}

export type Script =
  | { type: 'text'; text: string; usage?: Partial<UsageFigures> }
  | { type: 'tool_use'; text?: string; tools: ToolUseScript[]; usage?: Partial<UsageFigures> }
  /** Starts a text answer, then an `error` event (overloaded_error) before the message ends. */
  | { type: 'overloaded'; textBefore?: string }
  /** Starts a message and never finishes it (for cancel tests). */
  | { type: 'hang' };

interface UsageFigures {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Resolves when the client closed the connection before the response ended. */
  closedEarly: Promise<true>;
  closed: boolean;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  enqueue(...scripts: Script[]): void;
  /** Scripts not consumed yet. */
  pending(): number;
  reset(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits a string into `n` roughly equal pieces (at least one character each). */
export function chunks(s: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(s.length / n));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

async function writeSlowly(res: ServerResponse, text: string) {
  // Several TCP writes, some splitting an SSE line in two, as a real network does.
  for (const piece of chunks(text, 3)) {
    if (res.destroyed) return;
    res.write(piece);
    await sleep(2);
  }
}

let messageCounter = 0;

async function play(res: ServerResponse, script: Script, model: string) {
  const id = `msg_fake_${++messageCounter}`;
  const usage: UsageFigures = {
    input_tokens: 1200,
    output_tokens: 0,
    cache_read_input_tokens: 900,
    cache_creation_input_tokens: 0,
    ...('usage' in script ? script.usage : {}),
  };
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'request-id': `req_${id}` });
  await writeSlowly(
    res,
    frame('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input_tokens, output_tokens: 1, cache_read_input_tokens: usage.cache_read_input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens },
      },
    }),
  );
  await writeSlowly(res, frame('ping', { type: 'ping' }));
  if (script.type === 'hang') {
    await writeSlowly(res, frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    await writeSlowly(res, frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Estoy pensando' } }));
    return; // never ends; the test aborts the client
  }
  let index = 0;
  const text = script.type === 'overloaded' ? script.textBefore : script.text;
  if (text) {
    await writeSlowly(res, frame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
    for (const piece of chunks(text, 3)) {
      await writeSlowly(res, frame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }));
    }
    if (script.type === 'overloaded') {
      await writeSlowly(res, frame('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
      res.end();
      return;
    }
    await writeSlowly(res, frame('content_block_stop', { type: 'content_block_stop', index }));
    index++;
  } else if (script.type === 'overloaded') {
    await writeSlowly(res, frame('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    res.end();
    return;
  }
  if (script.type === 'tool_use') {
    for (const t of script.tools) {
      await writeSlowly(res, frame('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: t.id, name: t.name, input: {} } }));
      for (const piece of chunks(JSON.stringify(t.input), 4)) {
        await writeSlowly(res, frame('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } }));
      }
      await writeSlowly(res, frame('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    }
  }
  await writeSlowly(
    res,
    frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: script.type === 'tool_use' ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output_tokens || 42, input_tokens: usage.input_tokens, cache_read_input_tokens: usage.cache_read_input_tokens, cache_creation_input_tokens: usage.cache_creation_input_tokens },
    }),
  );
  await writeSlowly(res, frame('message_stop', { type: 'message_stop' }));
  res.end();
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: Script[] = [];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let resolveClosed!: (v: true) => void;
      const rec: RecordedRequest = { headers: req.headers, body: undefined, closed: false, closedEarly: new Promise((r) => (resolveClosed = r)) };
      res.on('close', () => {
        if (!res.writableFinished) {
          rec.closed = true;
          resolveClosed(true);
        }
      });
      try {
        rec.body = JSON.parse(raw);
      } catch {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'bad JSON' } }));
        return;
      }
      requests.push(rec);
      if (req.method !== 'POST' || req.url !== '/v1/messages' || rec.body.stream !== true) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `unexpected ${req.method} ${req.url}` } }));
        return;
      }
      const script = queue.shift();
      if (!script) {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'no script queued' } }));
        return;
      }
      play(res, script, rec.body.model).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...s) => queue.push(...s),
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
