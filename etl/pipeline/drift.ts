/**
 * Schema drift: fields an upstream payload has that the endpoint's zod schema does not know
 * (`unknown`: zod strips them silently), and fields the schema knows that the payload lacks
 * (`missing`: a required one also fails validation; an optional one would pass unnoticed).
 *
 * The schema and the payload are walked together. A field is named by its path with `[]` for the
 * elements of an array and `*` for the values of a record, e.g. `data[].numDevicesSent` or
 * `rows[].messageDate` (the chat history CSV, whose columns become the keys of its rows), so one
 * renamed field of 10 000 rows is one finding. Where the schema accepts any key (a record, an
 * object with a catchall) keys are not reported; where it offers alternatives (a union), a key known
 * to any alternative is known and nothing is reported missing.
 */
import type { z } from 'zod';

export type DriftKind = 'unknown' | 'missing';

export interface Drift {
  field: string;
  kind: DriftKind;
}

/** The zod 4 definition of a schema (the parts the walk reads). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under wrappers that do not change the shape (optional, nullable, default, pipe…). */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 32; i++) {
    const d = defOf(s);
    switch (d.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        s = d.innerType!;
        break;
      case 'pipe':
        // transform → the input side is what upstream sends; a pipe into a schema (not a transform)
        // still validates the input first.
        s = d.in!;
        break;
      case 'lazy':
        s = d.getter!();
        break;
      default:
        return s;
    }
  }
  return s;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Schema types the walk looks into; it stops at any other. */
const CONTAINERS = new Set(['object', 'array', 'record', 'union', 'intersection']);

/**
 * Per object schema: its known keys and those whose schema the walk looks into (a scalar's value has
 * nothing to report: its path is not even built), once (the walk visits each schema many times for
 * large arrays).
 */
const shapeKeys = new WeakMap<object, { keys: string[]; known: Set<string>; nested: Set<string> }>();
function keysOf(shape: Record<string, z.ZodType>) {
  let k = shapeKeys.get(shape);
  if (!k) {
    const keys = Object.keys(shape);
    const nested = new Set(keys.filter((key) => CONTAINERS.has(defOf(unwrap(shape[key]!)).type)));
    shapeKeys.set(shape, (k = { keys, known: new Set(keys), nested }));
  }
  return k;
}

/** The drift of one payload against a schema, each (field, kind) once, in the order found. */
export function schemaDrift(schema: z.ZodType, payload: unknown): Drift[] {
  const found = new Map<string, Drift>();
  const add = (field: string, kind: DriftKind) => {
    const k = `${kind}\u0000${field}`;
    if (!found.has(k)) found.set(k, { field, kind });
  };
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

  const walk = (schema: z.ZodType, value: unknown, path: string): void => {
    if (value === undefined || value === null) return;
    const s = unwrap(schema);
    const d = defOf(s);
    switch (d.type) {
      case 'object': {
        if (!isPlainObject(value)) return;
        const shape = d.shape!;
        const { keys, known, nested } = keysOf(shape);
        const open = d.catchall !== undefined && defOf(d.catchall).type !== 'never';
        for (const k of keys) {
          if (!Object.prototype.hasOwnProperty.call(value, k)) add(join(path, k), 'missing');
          else if (nested.has(k)) walk(shape[k]!, value[k], join(path, k));
        }
        for (const k in value) {
          if (known.has(k)) continue;
          if (open) walk(d.catchall!, value[k], join(path, k));
          else add(join(path, k), 'unknown');
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) return;
        for (const el of value) walk(d.element!, el, `${path}[]`);
        return;
      case 'record':
        if (!isPlainObject(value)) return;
        for (const k in value) walk(d.valueType!, value[k], join(path, '*'));
        return;
      case 'union':
      case 'intersection': {
        const options = (d.type === 'union' ? d.options! : [d.left!, d.right!]).map(unwrap);
        const objects = options.filter((o) => defOf(o).type === 'object');
        if (isPlainObject(value) && objects.length) {
          for (const k in value) {
            const owner = objects.find((o) => Object.prototype.hasOwnProperty.call(defOf(o).shape!, k));
            if (owner) walk(defOf(owner).shape![k]!, value[k], join(path, k));
            else if (!objects.some((o) => defOf(o).catchall && defOf(defOf(o).catchall!).type !== 'never')) add(join(path, k), 'unknown');
          }
          return;
        }
        // Alternatives of arrays or scalars: walk the first array alternative for an array value.
        const arr = options.find((o) => defOf(o).type === 'array');
        if (Array.isArray(value) && arr) walk(arr, value, path);
        return;
      }
      default:
        return;
    }
  };
  walk(schema, payload, '');
  return [...found.values()];
}
