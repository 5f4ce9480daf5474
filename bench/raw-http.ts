/**
 * A lean HTTP/1.1 client for the open-loop generator (bench/open-load.ts): requests are bytes built
 * before the schedule starts, written to keep-alive sockets on loopback, one request per socket at a
 * time (as a browser's connection), answers read with just enough parsing to find their end
 * (Content-Length or chunked) and their status. Node's http client spent ~0.7 ms of CPU per request
 * here, about half of what the server under test spends: on a two-core machine that is CPU taken from
 * the server while it is measured. Not a general client: no redirects, no 1xx, no compression, no
 * request bodies beyond the bytes given.
 */
import net from 'node:net';

export interface RawAnswer {
  status: number;
  body: Buffer;
}

/** Request bytes for `method path` with headers and an optional body (Host and Content-Length added). */
export function requestBytes(host: string, method: string, path: string, headers: Record<string, string>, body?: string): Buffer {
  if (/[\r\n ]/.test(path) || Object.entries(headers).some(([k, v]) => /[\r\n:]/.test(k) || /[\r\n]/.test(v))) {
    throw new Error('raw-http: a path or header would break the request line');
  }
  const payload = body === undefined ? undefined : Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (payload) lines.push(`Content-Length: ${payload.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return payload ? Buffer.concat([head, payload]) : head;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

interface Pending {
  resolve(a: RawAnswer): void;
  reject(e: Error): void;
}

/** A connection that carries one exchange at a time. */
class Connection {
  private chunks: Buffer[] = [];
  private size = 0;
  private pending: Pending | undefined;
  readonly socket: net.Socket;

  constructor(port: number, host: string, private readonly onFree: (c: Connection) => void, private readonly onGone: (c: Connection) => void) {
    this.socket = net.connect({ port, host, noDelay: true });
    this.socket.on('data', (d: Buffer) => this.read(d));
    const gone = (err?: Error) => {
      this.onGone(this);
      const p = this.pending;
      this.pending = undefined;
      p?.reject(Object.assign(err ?? new Error('connection closed before the answer'), { code: (err as NodeJS.ErrnoException | undefined)?.code ?? 'ECLOSED' }));
    };
    this.socket.on('error', gone);
    this.socket.on('close', () => gone());
  }

  send(bytes: Buffer, p: Pending) {
    this.pending = p;
    this.chunks = [];
    this.size = 0;
    this.socket.write(bytes);
  }

  private read(d: Buffer) {
    this.chunks.push(d);
    this.size += d.length;
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks = [all];
    const headEnd = all.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = all.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    const start = headEnd + 4;
    let body: Buffer;
    if (length) {
      const end = start + Number(length[1]);
      if (all.length < end) return;
      body = all.subarray(start, end);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      // Complete when it ends with the zero chunk (no trailers: the servers measured send none); the
      // CRLF before it is the last chunk's, or the head's own end for an empty body.
      if (all.length < start + 5 || !all.subarray(all.length - CHUNKED_END.length).equals(CHUNKED_END)) return;
      body = dechunk(all.subarray(start));
    } else if (status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else {
      return; // read until close: not used by the servers measured here
    }
    const p = this.pending;
    this.pending = undefined;
    this.chunks = [];
    this.size = 0;
    if (/\r\nconnection: *close/i.test(head)) this.socket.destroy();
    else this.onFree(this);
    p?.resolve({ status, body });
  }
}

/** The data of a chunked body (complete, ending with the zero chunk). */
function dechunk(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', at);
    const n = parseInt(b.toString('latin1', at, eol), 16);
    if (!Number.isFinite(n) || n === 0) break;
    parts.push(b.subarray(eol + 2, eol + 2 + n));
    at = eol + 2 + n + 2;
  }
  return Buffer.concat(parts);
}

export interface RawClient {
  /** Sends prepared request bytes on a free connection (a new one when none is free, up to maxSockets). */
  request(bytes: Buffer): Promise<RawAnswer>;
  /** Connections open now. */
  readonly open: number;
  close(): void;
}

export function rawClient(origin: URL, maxSockets = 1024): RawClient {
  const port = Number(origin.port || 80);
  const host = origin.hostname;
  const idle: Connection[] = [];
  const all = new Set<Connection>();
  const waiting: { bytes: Buffer; p: Pending }[] = [];
  const onFree = (c: Connection) => {
    const next = waiting.shift();
    if (next) c.send(next.bytes, next.p);
    else idle.push(c);
  };
  const connect = (bytes: Buffer, p: Pending) => {
    const fresh = new Connection(port, host, onFree, onGone);
    all.add(fresh);
    fresh.send(bytes, p);
  };
  const onGone = (c: Connection) => {
    if (!all.delete(c)) return;
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
    // A request waiting for a free connection gets a new one in place of the one that went.
    const next = waiting.shift();
    if (next) connect(next.bytes, next.p);
  };
  return {
    request(bytes) {
      return new Promise((resolve, reject) => {
        const p = { resolve, reject };
        const c = idle.pop();
        if (c) return c.send(bytes, p);
        if (all.size >= maxSockets) return void waiting.push({ bytes, p });
        connect(bytes, p);
      });
    },
    get open() {
      return all.size;
    },
    close() {
      for (const c of all) c.socket.destroy();
    },
  };
}
