/**
 * Shared zod pieces for request input, and the one place a zod failure becomes a 400 that names the
 * offending parameter.
 */
import { z } from 'zod';
import { isIsoDay } from '../../lib/dates.js';
import { invalidParameter } from '../errors.js';

export const isoDay = z.string().refine(isIsoDay, 'must be a date written YYYY-MM-DD');

/** from/to, both optional (checked against each other once the project's today is known). */
export const dateRange = {
  from: isoDay.optional().describe('First day (YYYY-MM-DD, project time zone). Default: 30 days before `to`.'),
  to: isoDay.optional().describe('Last day (YYYY-MM-DD, project time zone). Default: today.'),
};

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'query' | 'path' | 'body' = 'query'): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw invalidParameter(key, `Unknown ${where === 'body' ? 'field' : 'parameter'} "${key}".`);
  }
  const param = issue.path.length ? issue.path.join('.') : where;
  throw invalidParameter(param, `${param}: ${issue.message}`);
}
