/**
 * The widgets' test fixtures (widgets/src/testing/fixtures/<operationId>[.<variant>].json) are real
 * BFF answers: each must parse with the response schema of the route whose operationId it names,
 * strictly (no field the schema does not know), so element tests cannot pass against data the BFF
 * would never send.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { businessNow } from '../lib/clock.js';
import { todayIn } from '../lib/dates.js';
import { ROUTES } from './routes/index.js';

const DIR = path.resolve('widgets/src/testing/fixtures');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

/** The schema with every object strict, so an unknown (misspelt, removed) field fails too. */
function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strict(v)]));
    return z.strictObject(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodOptional) return strict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  return schema;
}

describe('widget fixtures', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s matches the response schema of its operation', (file) => {
    const operationId = file.split('.')[0]!;
    const route = ROUTES.find((r) => r.operationId === operationId);
    expect(route, `no BFF operation "${operationId}" (fixture names are <operationId>[.<variant>].json)`).toBeDefined();
    const body: unknown = JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
    const parsed = strict(route!.response).safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues, `${file} does not match ${operationId}'s response`).toEqual([]);
  });

  it.each(files.filter((f) => f.startsWith('getMeta')))("%s is dated at the suites' frozen today", (file) => {
    // The fixtures stand for answers given on the suites' one frozen day (lib/testing/test-now.json).
    const body = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { timeZone: string; today: string };
    expect(body.today).toBe(todayIn(body.timeZone, businessNow()));
  });

  it('strict parsing rejects a field the schema does not know', () => {
    const route = ROUTES.find((r) => r.operationId === 'getMeta')!;
    const body = JSON.parse(readFileSync(path.join(DIR, 'getMeta.json'), 'utf8')) as Record<string, unknown>;
    expect(strict(route.response).safeParse({ ...body, extra: 1 }).success).toBe(false);
    expect(route.response.safeParse({ ...body, projectId: 100274 }).success).toBe(false);
  });
});
