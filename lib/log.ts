/**
 * The one pino logger. Pretty on a TTY, JSON lines otherwise (chosen by the terminal, not NODE_ENV),
 * written in batches (logDestination).
 * Credentials never reach a log line: auth headers, cookies and token fields are redacted.
 */
import { openSync } from 'node:fs';
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.token',
  '*.password',
  '*.serverKey',
];

/** Bytes of JSON lines gathered before one write, and the longest a line waits for its write (ms). */
export const LOG_BUFFER_BYTES = 4096;
export const LOG_FLUSH_MS = 250;

/**
 * JSON lines to `dest` (stdout unless told; a path is appended to), written in batches: one write of
 * up to LOG_BUFFER_BYTES instead of one per line (a request log line each request is a write system
 * call each request otherwise), at least every LOG_FLUSH_MS, and flushed on exit (pino).
 */
export function logDestination(dest: number | string = 1) {
  // A path is opened here, synchronously: opened asynchronously, a process that exits at once would
  // find no file to flush its first lines into.
  const fd = typeof dest === 'number' ? dest : openSync(dest, 'a');
  // Each batch is written synchronously (pino's default for stdout). Written asynchronously, a batch
  // still in the thread pool when the process dies (an uncaught exception) was lost while the lines
  // after it were flushed: seen as a crash log missing its first 29 of 40 lines. pino flushes only
  // asynchronous destinations on exit, so the last, partial batch is flushed here.
  const stream = pino.destination({ dest: fd, sync: true, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_MS });
  flushOnExit(stream);
  return stream;
}

const unflushed = new Set<{ flushSync(): void }>();
let exitHooked = false;
function flushOnExit(stream: ReturnType<typeof pino.destination>): void {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const s of unflushed) {
        try {
          s.flushSync();
        } catch {
          // A destination already closed has nothing left to write.
        }
      }
    });
  }
  unflushed.add(stream);
  stream.once('close', () => unflushed.delete(stream));
}

/** The logger; `dest` forces JSON lines there (the benchmarks: '/dev/null'), else pretty on a TTY. */
export function createLogger(level = 'info', name?: string, dest?: number | string): Logger {
  const pretty = dest === undefined && process.stdout.isTTY && level !== 'silent';
  const options = { level, ...(name ? { name } : {}), redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return level === 'silent' ? pino(options) : pino(options, logDestination(dest));
}
