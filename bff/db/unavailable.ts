/**
 * Errors that mean "the database (or the pooler in front of it) cannot answer right now", not "this
 * request is wrong": connection failures and resets, server shutdowns (57P01–57P03), connection
 * exceptions (SQLSTATE class 08), PgBouncer's own refusals, a standby's recovery conflict (40001).
 * The BFF answers them 503 with Retry-After, and a replica read retries them on the primary.
 */
const CODES = new Set(['57P01', '57P02', '57P03', '40001', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|server conn crashed|no more connections allowed|pgbouncer cannot connect to server|server login has been failing|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error/i;

export function databaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (CODES.has(code) || /^08/.test(code)) return true;
  return typeof e?.message === 'string' && MESSAGES.test(e.message);
}
