// Three builds of the widgets (widgets/src):
//   dist/esm/                   npm: one module per source module, dependencies external (bundlers dedupe lit);
//                               index.js defines every element; the Vega runtime stays a dynamic import
//   dist/cdn/ig-widgets.js      CDN: an ES module (cdn.ts), minified, with provider, filter bar and channel
//                               KPIs up front; every other element is a chunk of its own, fetched when its
//                               tag first appears (autoloader.ts), and Vega in two chunks fetched on the first draw:
//   dist/cdn/ig-widgets-vega-core.js  the small runtime that draws parsed Vega specs (the fixed charts' specs
//                                     are compiled and parsed ahead of time, widgets/src/charts/compiled/, ADR 027)
//   dist/cdn/ig-widgets-vega.js       Vega-Lite and the rest of Vega, for <ig-chart>'s arbitrary specs
//   dist/cdn/ig-widgets.classic.js  classic <script> (classic.ts): imports ig-widgets.js from next to itself
// Test files and test helpers are never built. What a page loads up front (the entry and its static
// imports) must stay under 20.5 KB gzip; lazy chunks are reported without a budget, except for what the
// first chart needs (FIRST_CHART_BUDGET_BYTES).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import { minify, swc } from 'rollup-plugin-swc3';

const SRC = 'widgets/src';
// 20 KB until the placeholders that let React and Vue set properties on lazy elements (ADR 019) took 0.6 KB.
const CDN_BUDGET_BYTES = 20.5 * 1024;
/** The lazily loaded Vega runtimes (see widgets/src/charts/vega-import.ts) and their CDN chunks' file names. */
const VEGA_RUNTIME = path.resolve(SRC, 'charts/vega-runtime.ts');
const VEGA_CHUNK = 'ig-widgets-vega.js';
const VEGA_CORE = path.resolve(SRC, 'charts/vega-core.ts');
const VEGA_CORE_CHUNK = 'ig-widgets-vega-core.js';
/** The small runtime's own modules that import Vega packages: the transforms the precompiled charts use (generated). */
const VEGA_CORE_SOURCES = new Set([VEGA_CORE, path.resolve(SRC, 'charts/compiled/transforms.ts')]);
/**
 * What a page loads for its first fixed chart (ig-timeseries on /embed/): the entry and its static
 * imports, the element's chunk and its imports (ig-chart), the small Vega runtime and the largest of
 * the element's compiled (parsed) specs. Issue 15 aims at 130 KB; the build reaches 125.8 KB (the small
 * runtime 88 KB, the largest spec 7.3 KB, ADR 027), and the budget fails on more than about 1 KB of growth.
 */
const FIRST_CHART_BUDGET_BYTES = 127 * 1024;
const FIRST_CHART_ELEMENT = path.resolve(SRC, 'components/timeseries/timeseries.define.ts');
const FIRST_CHART_TEMPLATES = path.resolve(SRC, 'charts/compiled/timeseries') + path.sep;

// IG_BUILDS picks some of the builds (`esm`, `cdn`, `classic`; default all): a fresh `npm start` makes
// the CDN ones its pages load before it is ready, and the npm build after.
const BUILDS = process.env.IG_BUILDS ? process.env.IG_BUILDS.split(',') : ['esm', 'cdn', 'classic'];
// Each build starts from an empty folder: the hashed chunks of earlier builds (and their brotli/gzip
// twins) would otherwise pile up next to the new ones and be served, precompressed and shipped.
if (BUILDS.includes('esm')) rmSync('dist/esm', { recursive: true, force: true });
if (BUILDS.includes('cdn')) rmSync('dist/cdn', { recursive: true, force: true });

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
// vega-core.ts imports Vega's own packages (vega-view, vega-dataflow, …): dependencies of `vega`, external too.
const isDependency = (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)) || /^vega-[a-z-]+(\/|$)/.test(id);

const isTestOnly = (file) => /\.test\.ts$/.test(file) || file.split(path.sep).includes('testing');

/** Every source module except tests: each is an entry, so `components/<name>/<name>.js` stays importable. */
const sourceModules = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !isTestOnly(file))
  .map((file) => path.join(SRC, file));

// TypeScript is compiled by swc, file by file (types are checked by `npm run typecheck`, not here): the
// TypeScript plugin type-checked the whole program again on every build, the slowest step of a fresh
// `npm start` after minification. swc reads tsconfig.json for the legacy decorators but not for
// `useDefineForClassFields: false`, which is given here: with define semantics a decorated field
// (`@query() probe`, `@property() x`) becomes an own property that hides lit's accessor.
const ts = () =>
  swc({ tsconfig: 'tsconfig.json', include: /\.ts$/, exclude: /node_modules/, sourceMaps: true, jsc: { transform: { useDefineForClassFields: false } } });

/**
 * Prints the gzip size of what a build writes. With `limit`, the initial load (every entry chunk and
 * the chunks they import statically) fails the build when it passes `limit` bytes; chunks reached only
 * through a dynamic import() are lazy: each is printed on its own line, without a budget (a lazy
 * chunk may import the up-front chunks, which the page has already loaded).
 */
function gzipReport({ label, limit, firstChart } = {}) {
  return {
    name: 'ig-gzip-report',
    generateBundle(options, bundle) {
      const dir = options.dir ?? path.dirname(options.file ?? '.');
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const gzip = new Map(chunks.map((chunk) => [chunk.fileName, gzipSync(chunk.code, { level: 9 }).length]));
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const initial = new Set();
      const visit = (fileName) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
      const lazy = chunks.filter((chunk) => !initial.has(chunk.fileName));

      const total = [...initial].reduce((sum, fileName) => sum + (gzip.get(fileName) ?? 0), 0);
      const budget = limit === undefined ? '' : ` (budget ${kb(limit)})`;
      const files = initial.size === 1 ? '1 file' : `${initial.size} files`;
      console.log(`  ${label}: ${kb(total)} gzip in ${files}${lazy.length > 0 ? ' loaded up front' : ''}${budget}`);
      if (limit !== undefined && total > limit) {
        this.error(`${dir}: the initial load (${[...initial].join(', ')}) is ${kb(total)} gzip, over the ${kb(limit)} budget`);
      }
      if (limit === undefined) return; // the npm build: one module per file, nothing is "lazy" there
      for (const chunk of lazy) {
        console.log(`    lazy ${dir}/${chunk.fileName}: ${kb(gzip.get(chunk.fileName))} gzip (no budget)`);
      }
      if (firstChart) {
        const needed = new Set(initial);
        const add = (fileName) => {
          if (needed.has(fileName) || !byName.has(fileName)) return;
          needed.add(fileName);
          for (const imported of byName.get(fileName).imports) add(imported);
        };
        const byModule = (id) => chunks.find((chunk) => chunk.facadeModuleId === id);
        const element = byModule(firstChart.element);
        const core = byModule(firstChart.runtime);
        const templates = chunks.filter((chunk) => chunk.facadeModuleId?.startsWith(firstChart.templates));
        if (!element || !core || templates.length === 0) this.error('first chart: its element, runtime or compiled specs are missing from the build');
        add(element.fileName);
        add(core.fileName);
        const largest = templates.reduce((a, b) => (gzip.get(a.fileName) >= gzip.get(b.fileName) ? a : b));
        add(largest.fileName);
        const bytes = [...needed].reduce((sum, fileName) => sum + (gzip.get(fileName) ?? 0), 0);
        console.log(`  first chart (entry, ${element.fileName}, ${core.fileName}, a compiled spec): ${kb(bytes)} gzip in ${needed.size} files (budget ${kb(firstChart.limit)})`);
        if (bytes > firstChart.limit) {
          this.error(`${dir}: the first chart needs ${kb(bytes)} gzip (${[...needed].join(', ')}), over the ${kb(firstChart.limit)} budget`);
        }
      }
    },
  };
}

/**
 * Gives the small Vega runtime (charts/vega-core.ts) its own copy of every package it imports, so
 * its chunk holds only what it uses. Without this, the modules it shares with the full runtime
 * (vega-runtime.ts: the `vega` bundle and Vega-Lite) would sit in a shared chunk carrying every
 * export either side uses (ADR 027). A page that draws both kinds of chart loads Vega twice.
 */
const CORE_COPY = '?ig-vega-core';
const CORE_STUB = '\0ig-vega-core-stub:';
/**
 * What the small runtime leaves out of its copy of Vega: geographic expression functions (d3-geo), TopoJSON
 * data (topojson-client), the named categorical colour schemes (d3-scale-chromatic; the charts' palette
 * comes from the theme), and, since the fixed charts ship their parsed dataflow, Vega's expression parser
 * and code generator (vega-expression; vega-functions still builds a code generator when it loads), the
 * expression functions of Vega-Lite selections (vega-selections), of probability distributions
 * (vega-statistics: none of the transforms the small runtime registers uses it) and of easing (d3-ease),
 * and CSV/TSV parsing (d3-dsv; the rows come as objects). precompile-charts.ts refuses a chart whose
 * expressions call one of these functions (`LEFT_OUT_FUNCTIONS`); a precompiled spec that needed them
 * otherwise would fail or draw differently, which widgets/src/charts/compiled.test.ts would show (it
 * compares every compiled spec's drawing with the full path's).
 */
const unsupported = (what) => `() => { throw new Error(${JSON.stringify(`${what} is not in the small chart runtime (ADR 027)`)}); }`;
/** A module exporting every name of package `name` as a function that throws. */
const unsupportedPackage = async (name, what) => {
  const names = Object.keys(await import(name)).filter((key) => key !== 'default');
  return `const none = ${unsupported(what)}; export const ${names.map((key) => `${key} = none`).join(', ')};`;
};
const CORE_STUBS = {
  'd3-geo': `const none = ${unsupported('geo')}; export const geoArea = none, geoBounds = none, geoCentroid = none;`,
  'topojson-client': `const none = ${unsupported('TopoJSON')}; export const feature = none, mesh = none;`,
  'd3-scale-chromatic': `export const ${['Set3', 'Set2', 'Set1', 'Pastel2', 'Pastel1', 'Paired', 'Observable10', 'Dark2', 'Category10', 'Accent'].map((name) => `scheme${name} = []`).join(', ')};`,
  'vega-expression':
    `const none = ${unsupported('The Vega expression parser')}; export const Literal = 'Literal', CallExpression = 'CallExpression', constants = {}, ` +
    'parseExpression = none, functions = none, codegenExpression = () => ({ functions: {} });',
  'vega-selections': await unsupportedPackage('vega-selections', 'Vega-Lite selections'),
  'vega-statistics': await unsupportedPackage('vega-statistics', 'Statistics'),
  'd3-ease': await unsupportedPackage('d3-ease', 'Easing'),
  'd3-dsv': `const none = ${unsupported('CSV')}; export const dsvFormat = none;`,
};
/**
 * Packages whose modules the small runtime takes from their sources (their `index.js`, next to the
 * `build/` their `exports` name), without side effects, so only the transforms it registers are kept.
 */
const CORE_FROM_SOURCE = { 'vega-transforms': '../index.js' };
const inPackage = (id, name) => id.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`);
function isolateVegaCore() {
  return {
    name: 'ig-isolate-vega-core',
    async resolveId(source, importer, options) {
      if (!importer || (!VEGA_CORE_SOURCES.has(importer) && !importer.endsWith(CORE_COPY))) return null;
      if (source in CORE_STUBS) return `${CORE_STUB}${source}`;
      const from = importer.endsWith(CORE_COPY) ? importer.slice(0, -CORE_COPY.length) : importer;
      const entry = CORE_FROM_SOURCE[source];
      const resolved = entry
        ? { id: path.resolve(path.dirname(fileURLToPath(import.meta.resolve(source))), entry) }
        : await this.resolve(source, from, { ...options, skipSelf: true });
      if (!resolved || resolved.external || resolved.id.endsWith(CORE_COPY)) return resolved;
      if (!resolved.id.includes(`${path.sep}node_modules${path.sep}`)) return resolved;
      const pure = Object.keys(CORE_FROM_SOURCE).some((name) => inPackage(resolved.id, name));
      return { ...resolved, id: `${resolved.id}${CORE_COPY}`, ...(pure ? { moduleSideEffects: false } : {}) };
    },
    load(id) {
      if (id.startsWith(CORE_STUB)) return CORE_STUBS[id.slice(CORE_STUB.length)];
      return id.endsWith(CORE_COPY) ? readFileSync(id.slice(0, -CORE_COPY.length), 'utf8') : null;
    },
  };
}

/**
 * The npm build's entries (every source module) are analysed for side effects like any code. Resolved
 * by node-resolve, they would get package.json's `sideEffects` (which describes dist/ for the package's
 * users) and lose their side effects: `import './components/x/x.define.js'` and `import './i18n/all.js'`
 * vanished from index.js, which then defined no element.
 */
function sourcesKeepSideEffects() {
  const root = path.resolve(SRC) + path.sep;
  return {
    name: 'ig-sources-keep-side-effects',
    resolveId(source, importer) {
      if (importer) return null;
      const id = path.resolve(source);
      return id.startsWith(root) ? { id, moduleSideEffects: true } : null;
    },
  };
}

/** Type-only modules (types.ts, events) compile to nothing: leave them out of the npm build. */
function dropEmptyChunks() {
  return {
    name: 'ig-drop-empty-chunks',
    generateBundle(_options, bundle) {
      for (const [fileName, file] of Object.entries(bundle)) {
        if (file.type === 'chunk' && file.code.replace(/\/\/# sourceMappingURL=.*$/m, '').trim() === '') {
          delete bundle[fileName];
          delete bundle[`${fileName}.map`];
        }
      }
    },
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

// swc's minifier: as small as terser's three passes (Vega: 271 KB gzip against terser's 273 KB) in a
// twentieth of the time (3 s against 59 s on this machine), which is most of a fresh `npm start`.
const minifyOptions = { ecma: 2022, module: true, compress: { passes: 3 }, mangle: true, format: { comments: false }, sourceMap: true };

// lit's production build (no dev-mode warnings) for the bundles.
const resolve = () => nodeResolve({ exportConditions: ['production'], browser: true });

const onwarn = (warning, warn) => {
  // Type-only modules are dropped on purpose (see dropEmptyChunks); anything else is worth seeing.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'EMPTY_BUNDLE') return;
  warn(warning);
};

const builds = {
  esm: {
    input: sourceModules,
    external: isDependency,
    plugins: [sourcesKeepSideEffects(), ts(), resolve()],
    onwarn,
    output: {
      dir: 'dist/esm',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: SRC,
      sourcemap: true,
      entryFileNames: '[name].js',
      plugins: [dropEmptyChunks(), gzipReport({ label: 'dist/esm (npm, unminified)' })],
    },
  },
  cdn: {
    input: `${SRC}/cdn.ts`,
    plugins: [isolateVegaCore(), ts(), resolve()],
    onwarn,
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'ig-widgets.js',
      // The Vega chunk keeps a fixed name: the classic build finds it by that name. Version the CDN
      // path (…/insights@0.1.0/dist/cdn/) for cache busting.
      chunkFileNames: (chunk) =>
        chunk.facadeModuleId === VEGA_RUNTIME ? VEGA_CHUNK : chunk.facadeModuleId === VEGA_CORE ? VEGA_CORE_CHUNK : 'ig-widgets-[name]-[hash].js',
      plugins: [
        minify(minifyOptions),
        gzipReport({
          label: 'dist/cdn/ig-widgets.js',
          limit: CDN_BUDGET_BYTES,
          firstChart: { element: FIRST_CHART_ELEMENT, runtime: VEGA_CORE, templates: FIRST_CHART_TEMPLATES, limit: FIRST_CHART_BUDGET_BYTES },
        }),
      ],
    },
  },
  classic: {
    input: `${SRC}/classic.ts`,
    plugins: [ts(), resolve()],
    onwarn,
    output: {
      file: 'dist/cdn/ig-widgets.classic.js',
      format: 'iife',
      name: 'IgWidgets',
      sourcemap: true,
      plugins: [
        minify({ ...minifyOptions, module: false }),
        gzipReport({ label: 'dist/cdn/ig-widgets.classic.js', limit: CDN_BUDGET_BYTES }),
      ],
    },
  },
};

export default BUILDS.map((name) => {
  if (!(name in builds)) throw new Error(`IG_BUILDS: unknown build "${name}" (known: ${Object.keys(builds).join(', ')})`);
  return builds[name];
});
