/**
 * A real SMTP server in-process (the `smtp-server` package) for development and tests: it accepts
 * every message on 127.0.0.1 and keeps it. `npm start` uses it when SMTP_URL is unset; the tests read
 * what it received. `hold` lets a test keep a message's DATA open (to kill a worker mid-send).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface DevSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** While set, DATA is read but not acknowledged until the promise resolves. */
  hold: Promise<void> | undefined;
  /** Resolves when a message's DATA starts (tests). */
  onData?: () => void;
  close(): Promise<void>;
}

export async function startDevSmtp(opts: { port?: number; maxMessages?: number } = {}): Promise<DevSmtp> {
  const max = opts.maxMessages ?? 1000;
  const state: DevSmtp = {
    url: '',
    port: 0,
    received: [],
    hold: undefined,
    close: async () => undefined,
  };
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      state.onData?.();
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const finish = () => {
          // The client went away before the server said 250: the message was never accepted.
          if (closed.has(session.id)) return callback(new Error('connection closed before the message was accepted'));
          if (state.received.length >= max) state.received.shift();
          state.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        };
        if (state.hold) void state.hold.then(finish);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  state.port = port;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
