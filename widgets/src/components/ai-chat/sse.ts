/**
 * A Server-Sent Events reader over a `fetch` body (`text/event-stream`), for `POST` streams that
 * `EventSource` cannot make. Follows the WHATWG parsing rules the BFF relies on: lines end with LF,
 * CRLF or CR; `event:` names the event (default `message`); `data:` lines are joined with LF; one
 * leading space after the colon is dropped; `:` lines are comments (keep-alives); a blank line
 * dispatches. Chunks may split anywhere — mid-line, mid-field, even inside a UTF-8 sequence.
 */

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser: `push()` text as it arrives, get the complete events back. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;
  /** The previous chunk ended with CR: a leading LF of the next one belongs to it. */
  private pendingCr = false;

  push(text: string): SseEvent[] {
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
      const event = this.line(line);
      if (event) out.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** The end of the stream: an event without its blank line is dropped, as the spec says. */
  end(): SseEvent[] {
    this.buffer = '';
    this.data = [];
    this.event = '';
    return [];
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const event: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined) event.id = this.id;
      this.event = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }
}

/**
 * The events of a response body, in order, as they complete. Stops when the body ends; an abort of
 * the fetch makes the reader reject with the fetch's `AbortError`. The reader is released (and the
 * body cancelled) when the consumer stops early.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        yield* parser.push(decoder.decode());
        parser.end();
        return;
      }
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
