/**
 * Shared zod pieces for query parameters, and the one place a zod failure becomes a 400 that names
 * the offending parameter.
 */
import { z } from 'zod';
import { isIsoDay } from '../../lib/dates.js';
import { invalidParameter } from '../errors.js';

export const isoDay = z.string().refine(isIsoDay, 'must be a date written YYYY-MM-DD');

/** from/to, both optional (checked against each other once the project's today is known). */
export const dateRange = { from: isoDay.optional(), to: isoDay.optional() };

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw invalidParameter(key, `Unknown parameter "${key}".`);
  }
  const param = String(issue.path[0] ?? 'query');
  throw invalidParameter(param, `${param}: ${issue.message}`);
}
