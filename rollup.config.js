// Three builds of the widgets (widgets/src):
//   dist/esm/                   npm: one module per source module, dependencies external (bundlers dedupe lit)
//   dist/cdn/ig-widgets.js      CDN: one ES module, everything bundled, minified
//   dist/cdn/ig-widgets.classic.js  classic <script>: the same as an IIFE (global `IgWidgets`)
// Test files and test helpers are never built. The CDN files must stay under 20 KB gzip.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const SRC = 'widgets/src';
const CDN_BUDGET_BYTES = 20 * 1024;

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const isDependency = (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

const isTestOnly = (file) => /\.test\.ts$/.test(file) || file.split(path.sep).includes('testing');

/** Every source module except tests: each is an entry, so `components/<name>/<name>.js` stays importable. */
const sourceModules = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !isTestOnly(file))
  .map((file) => path.join(SRC, file));

const ts = () =>
  typescript({
    tsconfig: 'tsconfig.json',
    include: [`${SRC}/**/*.ts`],
    exclude: ['**/*.test.ts', `${SRC}/testing/**`],
    // `include` also narrows the program: only the widgets are compiled, not the Node code (bff, etl, …).
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true },
    noEmitOnError: true,
  });

/** Prints the gzip size of what a build writes; fails the build when a bundle passes `limit` bytes. */
function gzipReport({ label, limit } = {}) {
  return {
    name: 'ig-gzip-report',
    generateBundle(options, bundle) {
      const dir = options.dir ?? path.dirname(options.file ?? '.');
      let total = 0;
      let files = 0;
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const bytes = gzipSync(file.code, { level: 9 }).length;
        total += bytes;
        files += 1;
        if (limit !== undefined && bytes > limit) {
          this.error(`${dir}/${file.fileName} is ${kb(bytes)} gzip, over the ${kb(limit)} budget`);
        }
      }
      const budget = limit === undefined ? '' : ` (budget ${kb(limit)})`;
      console.log(`  ${label}: ${kb(total)} gzip in ${files} file${files === 1 ? '' : 's'}${budget}`);
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

const terserOptions = { ecma: 2022, module: true, format: { comments: false } };

// lit's production build (no dev-mode warnings) for the bundles.
const resolve = () => nodeResolve({ exportConditions: ['production'], browser: true });

const onwarn = (warning, warn) => {
  // Type-only modules are dropped on purpose (see dropEmptyChunks); anything else is worth seeing.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'EMPTY_BUNDLE') return;
  warn(warning);
};

export default [
  {
    input: sourceModules,
    external: isDependency,
    plugins: [resolve(), ts()],
    onwarn,
    output: {
      dir: 'dist/esm',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: SRC,
      sourcemap: true,
      // tslib's helpers (decorators) come from outside widgets/src: give them a tidy path.
      entryFileNames: (chunk) => (chunk.name.includes('node_modules') ? `_vendor/${path.basename(chunk.name)}.js` : '[name].js'),
      plugins: [dropEmptyChunks(), gzipReport({ label: 'dist/esm (npm, unminified)' })],
    },
  },
  {
    input: `${SRC}/index.ts`,
    plugins: [resolve(), ts()],
    onwarn,
    output: {
      file: 'dist/cdn/ig-widgets.js',
      format: 'es',
      sourcemap: true,
      plugins: [terser(terserOptions), gzipReport({ label: 'dist/cdn/ig-widgets.js', limit: CDN_BUDGET_BYTES })],
    },
  },
  {
    input: `${SRC}/index.ts`,
    plugins: [resolve(), ts()],
    onwarn,
    output: {
      file: 'dist/cdn/ig-widgets.classic.js',
      format: 'iife',
      name: 'IgWidgets',
      sourcemap: true,
      plugins: [
        terser({ ...terserOptions, module: false }),
        gzipReport({ label: 'dist/cdn/ig-widgets.classic.js', limit: CDN_BUDGET_BYTES }),
      ],
    },
  },
];
