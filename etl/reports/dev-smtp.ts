/**
 * A real SMTP server in-process (the `smtp-server` package) for development and tests: it accepts
 * every message on 127.0.0.1 and keeps it. `npm start` uses it when SMTP_URL is unset; the tests read
 * what it received. `hold` lets a test keep a message's DATA open (to kill a worker mid-send).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Config } from '../../lib/config.js';
import { createPool, type Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import type { ReportsOptions } from './index.js';

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

/**
 * What `npm start` hands the scheduler: the reports worker, with the in-process SMTP server when
 * SMTP_URL is unset (what it receives is kept in memory and counted in the log; nothing leaves the
 * machine), and development webhooks allowed to reach loopback.
 */
export async function reportsForStart(
  config: Config,
  deps: { etl: Pool; apiUrl: string; etlUrl: string; log: Logger; stops: (() => Promise<unknown>)[]; say: (s: string) => void },
): Promise<ReportsOptions> {
  let effective = config;
  if (!config.SMTP_URL) {
    const smtp = await startDevSmtp();
    deps.stops.push(smtp.close);
    effective = { ...config, SMTP_URL: smtp.url, REPORTS_WEBHOOK_ALLOW_LOCAL: true };
    deps.say(`development SMTP server on ${smtp.url} (digests and alerts stay on this machine)`);
  }
  const api = createPool(deps.apiUrl, { max: 2, application: 'ig-reports' });
  deps.stops.push(() => api.end());
  return { etl: deps.etl, api, listenUrl: deps.etlUrl, config: effective, log: deps.log };
}
