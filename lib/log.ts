/**
 * The one pino logger. Pretty on a TTY, JSON otherwise (chosen by the terminal, not NODE_ENV).
 * Credentials never reach a log line: auth headers, cookies and token fields are redacted.
 */
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

export function createLogger(level = 'info', name?: string): Logger {
  const pretty = process.stdout.isTTY && level !== 'silent';
  return pino({
    level,
    ...(name ? { name } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  });
}
