/**
 * Compiles the fixed charts' Vega-Lite specs to Vega and parses them to Vega's runtime dataflow ahead
 * of time (ADR 027): one module per shape under `widgets/src/charts/compiled/<chart>/`, and
 * `compiled/<chart>.ts` mapping each shape to a dynamic import of its module, so a page fetches only
 * the shape it draws; `compiled/transforms.ts` lists the Vega transforms those dataflows use (the
 * small runtime registers only these). The theme and the strings are placeholders
 * (`charts/template.ts`) that the browser fills in; the specs go through the same `prepare()` and
 * `chartConfig()` as `<ig-chart>`'s own compile, and the same `parse()` as its draw (`runtime-spec.ts`).
 *
 * Run by `npm run build` before rollup; `--check` exits 1 when the committed modules are stale
 * (charts/compiled.test.ts runs it the same way).
 *
 *   node --import tsx widgets/scripts/precompile-charts.ts [--check]
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'vega';
import * as encodeTransforms from 'vega-encode';
import { compile } from 'vega-lite';
import * as generalTransforms from 'vega-transforms';
import * as viewTransforms from 'vega-view-transforms';
import { chartConfig } from '../src/charts/config.js';
import { prepare } from '../src/charts/prepare.js';
import { toRuntime, type IgVegaRuntimeSpec } from '../src/charts/runtime-spec.js';
import { SENTINEL_THEME, sentinel } from '../src/charts/template.js';
import type { IgChartSpec } from '../src/charts/types.js';
import { CHANNEL_MIX_SHAPES, channelMixShapeKey, channelMixSpec } from '../src/components/channel-mix/channel-mix.spec.js';
import { HEATMAP_SHAPE_KEY, heatmapSpec } from '../src/components/heatmap/heatmap.spec.js';
import { TIMESERIES_SHAPES, timeseriesShapeKey, timeseriesSpec } from '../src/components/timeseries/timeseries.spec.js';

const COMPILED = fileURLToPath(new URL('../src/charts/compiled/', import.meta.url));

interface CompiledChart {
  /** Module name under compiled/. */
  name: string;
  /** Shape key → the Vega-Lite spec built with placeholder strings. */
  shapes: Map<string, IgChartSpec>;
}

/** Every fixed chart and its shapes. */
export function fixedCharts(): CompiledChart[] {
  const strings = {
    value: sentinel('value'),
    previous: sentinel('previous'),
    metric: sentinel('metric'),
    format: sentinel('format'),
    selected: sentinel('selected'),
  };
  return [
    {
      name: 'timeseries',
      shapes: new Map(TIMESERIES_SHAPES.map((shape) => [timeseriesShapeKey(shape), timeseriesSpec(shape, strings)])),
    },
    {
      name: 'channel-mix',
      shapes: new Map(CHANNEL_MIX_SHAPES.map((shape) => [channelMixShapeKey(shape), channelMixSpec(shape, strings)])),
    },
    {
      name: 'heatmap',
      shapes: new Map([
        [
          HEATMAP_SHAPE_KEY,
          heatmapSpec({
            hour: sentinel('hour'),
            ctr: sentinel('ctr'),
            weekday1: sentinel('weekday1'),
            weekday2: sentinel('weekday2'),
            weekday3: sentinel('weekday3'),
            weekday4: sentinel('weekday4'),
            weekday5: sentinel('weekday5'),
            weekday6: sentinel('weekday6'),
            weekday7: sentinel('weekday7'),
          }),
        ],
      ]),
    },
  ];
}

/** The parsed Vega spec `<ig-chart>` would draw for this Vega-Lite spec, with the placeholder theme. */
export function compileRuntime(spec: IgChartSpec): IgVegaRuntimeSpec {
  const prepared = prepare(spec).spec;
  return toRuntime(parse, compile(prepared as never, { config: chartConfig(SENTINEL_THEME) }).spec);
}

/** The packages the small runtime takes transforms from, in the order they are looked up. */
const TRANSFORM_PACKAGES: ReadonlyArray<[string, Record<string, unknown>]> = [
  ['vega-transforms', generalTransforms],
  ['vega-encode', encodeTransforms],
  ['vega-view-transforms', viewTransforms],
];

/**
 * The transform types of a runtime's operators, subflows (facets) included. `proxy` is always
 * needed: the View tells its signals from data by it.
 */
function transformTypes(runtime: IgVegaRuntimeSpec, into = new Set<string>(['proxy'])): Set<string> {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (Array.isArray(node['operators'])) {
        for (const op of node['operators'] as Array<{ type?: string }>) {
          const type = (op.type ?? 'operator').toLowerCase();
          if (type !== 'operator') into.add(type);
        }
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(runtime);
  return into;
}

/**
 * Expression functions the small runtime leaves out (rollup.config.js, `CORE_STUBS`): geographic ones,
 * Vega-Lite selections', probability distributions', easing. A chart whose expressions call one is refused.
 */
const LEFT_OUT_FUNCTIONS = /^(geo[A-Z]\w*|vlSelection\w*|(sample|density|cumulative|quantile)(Normal|LogNormal|Uniform)|random|ease[A-Z]\w*)$/;

/** The names of the functions a runtime's expressions call. */
function calledFunctions(runtime: IgVegaRuntimeSpec): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as { type?: unknown; callee?: { type?: string; name?: string } };
      if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name) names.add(node.callee.name);
      Object.values(value).forEach(visit);
    }
  };
  visit(runtime);
  return names;
}

/** Whether an object key anywhere in the runtime holds a placeholder. */
const placeholderKeys = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(placeholderKeys)
    : !!value && typeof value === 'object' && Object.entries(value).some(([key, item]) => key.includes('__ig_') || placeholderKeys(item));

/** `compiled/transforms.ts`: re-exports, by package, every transform the compiled dataflows use. */
function transformsModule(types: Set<string>): string {
  const byPackage = new Map<string, string[]>();
  for (const type of [...types].sort()) {
    const found = TRANSFORM_PACKAGES.find(([, exports]) => type in exports);
    if (!found) throw new Error(`A precompiled chart uses the Vega transform "${type}", which none of ${TRANSFORM_PACKAGES.map(([name]) => name).join(', ')} exports.`);
    byPackage.set(found[0], [...(byPackage.get(found[0]) ?? []), type]);
  }
  const lines = [...byPackage].map(([name, list]) => `export { ${list.join(', ')} } from '${name}';`);
  return `${HEADER}/** The Vega transforms the precompiled dataflows use: the small runtime (vega-core.ts) registers these and no other. */
${lines.join('\n')}\n`;
}

const HEADER = '// Generated by widgets/scripts/precompile-charts.ts from the chart\'s spec: do not edit.\n';

/** File path (relative to compiled/) → content. */
export function generate(): Map<string, string> {
  const files = new Map<string, string>();
  const types = new Set<string>(['proxy']);
  for (const chart of fixedCharts()) {
    const loaders: string[] = [];
    for (const [key, spec] of chart.shapes) {
      const runtime = compileRuntime(spec);
      const leftOut = [...calledFunctions(runtime)].filter((name) => LEFT_OUT_FUNCTIONS.test(name));
      if (leftOut.length > 0) throw new Error(`${chart.name} ${key} calls ${leftOut.join(', ')}, which the small chart runtime leaves out (ADR 027).`);
      transformTypes(runtime, types);
      // fillTemplate fills values only: a placeholder in a key (a signal or field named by a string) would stay.
      if (placeholderKeys(runtime)) throw new Error(`${chart.name} ${key}: a placeholder ended up in an object key.`);
      files.set(`${chart.name}/${key}.ts`, `${HEADER}export default ${JSON.stringify(JSON.stringify(runtime))};\n`);
      loaders.push(`  '${key}': () => import('./${chart.name}/${key}.js'),`);
    }
    files.set(
      `${chart.name}.ts`,
      `${HEADER}/** Shape key → the parsed Vega spec (a template, see charts/template.ts), one chunk each. */\n` +
        `export const templates: Readonly<Record<string, () => Promise<{ default: string }>>> = {\n${loaders.join('\n')}\n};\n`,
    );
  }
  files.set('transforms.ts', transformsModule(types));
  return files;
}

function existing(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return files;
  }
  for (const name of names) if (name.endsWith('.ts')) files.set(name.split(path.sep).join('/'), readFileSync(path.join(dir, name), 'utf8'));
  return files;
}

/** The stale, missing and extra files (empty when the committed modules are up to date). */
export function staleFiles(): string[] {
  const want = generate();
  const have = existing(COMPILED);
  const names = new Set([...want.keys(), ...have.keys()]);
  return [...names].filter((name) => want.get(name) !== have.get(name)).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length > 0) {
      console.error(`widgets/src/charts/compiled is stale (${stale.join(', ')}): run npm run build.`);
      process.exit(1);
    }
  } else {
    const files = generate();
    rmSync(COMPILED, { recursive: true, force: true });
    for (const [name, content] of files) {
      mkdirSync(path.dirname(path.join(COMPILED, name)), { recursive: true });
      writeFileSync(path.join(COMPILED, name), content);
    }
    console.log(`  widgets/src/charts/compiled: ${files.size} modules`);
  }
}
