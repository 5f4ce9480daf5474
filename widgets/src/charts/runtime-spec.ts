/**
 * From a Vega spec to the *runtime* spec Vega's `View` is built from: `parse(spec, config, { ast: true })`
 * turns signals, data, scales, marks, axes and legends into a flat list of dataflow operators, with
 * every expression as an AST (run by `vega-interpreter`, no `new Function`). The fixed charts ship
 * this parsed form (ADR 027): `widgets/scripts/precompile-charts.ts` writes it with `toRuntime`, so
 * the browser builds their View without Vega's parser. The full runtime (`vega-runtime.ts`) parses
 * in the browser (`parseVega`). This module imports no Vega values: the parser is passed in.
 */
import type { parse as vegaParse, Runtime, Spec as VegaSpec } from 'vega';

/** The parsed dataflow of a Vega spec (JSON: operators, streams, updates; expressions as ASTs). */
export type IgVegaRuntimeSpec = Runtime;

/**
 * Vega-Lite re-reads `containerSize()` on `window:resize` only. Vega 6 also offers `container:resize`
 * (a ResizeObserver on the container), so a chart follows its own box: a sidebar opening, a grid
 * cell narrowing to 320 px, not just the window. Adapts `vgSpec` in place (before parsing).
 */
export function followContainer(vgSpec: VegaSpec): VegaSpec {
  for (const signal of vgSpec.signals ?? []) {
    if (signal.name !== 'width' && signal.name !== 'height') continue;
    const handlers = 'on' in signal ? signal.on : undefined;
    for (const handler of handlers ?? []) {
      if (handler.events === 'window:resize') handler.events = 'container:resize' as never;
    }
  }
  return vgSpec;
}

/** What the browser draws from a Vega spec (the full runtime's path): follow the container, then parse. */
export const parseVega = (parse: typeof vegaParse, vgSpec: VegaSpec): IgVegaRuntimeSpec => parse(followContainer(vgSpec), undefined, { ast: true });

/**
 * The runtime spec as shipped (precompiled charts, and what the tests compare them with): parsed as
 * the browser would (`parseVega`), then reduced to what the interpreter reads. A Literal's `raw`
 * text and an encoder channel's generated `code` are only read by Vega's code generator, which
 * strict CSP rules out; an expression parameter's `code` stays (the runtime caches functions by it).
 * Anything that JSON would not carry (a function, a RegExp literal, a Date, NaN) fails here, so a
 * chart whose parsed form would not survive the trip is caught at build time.
 */
export function toRuntime(parse: typeof vegaParse, vgSpec: VegaSpec): IgVegaRuntimeSpec {
  return plain(parseVega(parse, vgSpec), '') as IgVegaRuntimeSpec;
}

function plain(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`The parsed chart holds ${value} at ${path}: JSON cannot carry it.`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : plain(item, `${path}[${i}]`)));
  // The parser's operators are class instances: like JSON, keep their own properties. Objects that
  // JSON would turn into something else (a RegExp into {}, a Date into text) are refused.
  if (typeof value !== 'object' || value instanceof RegExp || value instanceof Date || value instanceof Map || value instanceof Set || 'toJSON' in value) {
    const kind = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
    throw new Error(`The parsed chart holds a ${kind} at ${path}: JSON cannot carry it.`);
  }
  const node = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(node)) {
    if (item === undefined) continue;
    if (key === '__proto__') throw new Error(`The parsed chart has a "__proto__" key at ${path}.`);
    if (key === 'raw' && node['type'] === 'Literal') continue;
    if (key === 'channels' && item && typeof item === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(item as Record<string, { ast: unknown }>).map(([name, channel]) => [name, { ast: plain(channel.ast, `${path}.channels.${name}.ast`) }]),
      );
      continue;
    }
    out[key] = plain(item, `${path}.${key}`);
  }
  return out;
}
