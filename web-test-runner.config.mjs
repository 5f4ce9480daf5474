// Browser tests of the widgets: real Chromium, real HTTP to the real BFF (started in-process by
// lib/testing/stack.ts and handed to the tests at GET /__stack).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
// One frozen business 'now' for the stack the browser tests talk to (lib/clock.ts), as for vitest:
// the BFF's defaults, GET /v1/meta's `today` and the synced days all count from it.
process.env.IG_NOW ??= JSON.parse(readFileSync(new URL('./lib/testing/test-now.json', import.meta.url), 'utf8')).IG_NOW;

const hostname = '127.1';

/**
 * Starts the test stack when the dev server starts and stops it with the server. The browser reads
 * `{ api, tokens, editorTokens, partnerTokens, forgedToken, expected }` from GET /__stack. The page's origin is
 * passed as `corsOrigins` so the BFF answers the cross-origin requests the widgets make. Every data
 * group is synced (the elements read all channels, meta and freshness), over a modest window, and
 * the rate limits are off: one test page makes many requests with one token.
 */
function stackPlugin() {
  /** @type {{ api: string, tokens: Record<string, string>, forgedToken: string, expected: Record<string, unknown>, stop(): Promise<void> } | undefined} */
  let stack;
  /** @type {Record<string, string>} project id -> a token with role editor */
  let editorTokens = {};
  /** @type {{ editor: string, viewer: string, projects: string[] } | undefined} partner tokens (project_ids: the first two projects) */
  let partnerTokens;
  return {
    name: 'ig-test-stack',
    async serverStart({ config, logger }) {
      const { register } = await import('tsx/esm/api');
      register();
      const { startStack } = await import(pathToFileURL(path.resolve('lib/testing/stack.ts')).href);
      // Chromium canonicalises 127.1 to 127.0.0.1, and so does WHATWG URL here.
      const origin = new URL(`http://${config.hostname}:${config.port}`).origin;
      const started = Date.now();
      stack = await startStack({
        corsOrigins: [origin],
        groups: 'all',
        syncDays: 35,
        env: { RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0' },
      });
      const { signToken } = await import(pathToFileURL(path.resolve('bff/auth/jwt.ts')).href);
      editorTokens = {};
      for (const id of Object.keys(stack.tokens)) {
        editorTokens[id] = await signToken(stack.config, { sub: `editor-${id}`, project_id: id, role: 'editor' });
      }
      const projects = Object.keys(stack.tokens).slice(0, 2);
      partnerTokens = {
        projects,
        editor: await signToken(stack.config, { sub: 'partner-editor', project_ids: projects, partner_id: 'p1', role: 'editor' }),
        viewer: await signToken(stack.config, { sub: 'partner-viewer', project_ids: projects, partner_id: 'p1', role: 'viewer' }),
      };
      logger.log(`[ig-test-stack] BFF at ${stack.api} for ${origin} (${Date.now() - started} ms)`);
    },
    serve(context) {
      if (context.path !== '/__stack') return undefined;
      if (!stack) return { body: '{"error":"stack not started"}', type: 'json', headers: { 'cache-control': 'no-store' } };
      const { api, tokens, forgedToken, expected } = stack;
      // runnerNow: the runner's wall clock (moved a year ahead under test:clock), for widgets/src/testing/clock.test.ts.
      const body = JSON.stringify({ api, tokens, editorTokens, partnerTokens, forgedToken, expected, runnerNow: Date.now() });
      return { body, type: 'json', headers: { 'cache-control': 'no-store' } };
    },
    async serverStop() {
      await stack?.stop();
      stack = undefined;
    },
  };
}

/**
 * Pages for the chart tests (widgets/src/components/chart/chart.test.ts), loaded in iframes:
 * - /__ig/csp/{source,cdn,classic}.html: served with a strict Content-Security-Policy (no
 *   'unsafe-eval', no 'unsafe-inline'); they load the widgets from source, from the CDN ES build or
 *   from the classic (IIFE) build. /__ig/csp/listen.js, the first script of each, records every
 *   `securitypolicyviolation` in `window.__igViolations`.
 * - /__ig/lazy.html: the CDN ES build with only <ig-provider><ig-channel-kpis>, for the test that no
 *   Vega byte is fetched until a chart renders (same CSP, plus connect-src for the test BFF).
 * The CDN pages need `npm run build` first (npm test builds before it tests).
 */
function chartPagesPlugin() {
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:";
  const listen = [
    'window.__igViolations = [];',
    "document.addEventListener('securitypolicyviolation', (e) => {",
    '  window.__igViolations.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample, source: e.sourceFile + ":" + e.lineNumber });',
    '});',
  ].join('\n');
  const scripts = {
    source: '<script type="module" src="/widgets/src/index.ts"></script>',
    cdn: '<script type="module" src="/dist/cdn/ig-widgets.js"></script>',
    classic: '<script src="/dist/cdn/ig-widgets.classic.js"></script>',
  };
  const page = (script, body = '') =>
    `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>ig-chart test page</title>` +
    `<script src="/__ig/csp/listen.js"></script>${script}</head><body>${body}</body></html>`;
  const noStore = { 'cache-control': 'no-store' };
  return {
    name: 'ig-chart-pages',
    serve(context) {
      if (context.path === '/__ig/csp/listen.js') return { body: listen, type: 'js', headers: noStore };
      const variant = /^\/__ig\/csp\/(source|cdn|classic)\.html$/.exec(context.path)?.[1];
      if (variant) {
        return { body: page(scripts[variant]), type: 'html', headers: { ...noStore, 'content-security-policy': csp } };
      }
      if (context.path === '/__ig/lazy.html') {
        return {
          body: page(scripts.cdn, '<ig-provider locale="es"><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>'),
          type: 'html',
          headers: { ...noStore, 'content-security-policy': `${csp}; connect-src 'self' http://127.0.0.1:*` },
        };
      }
      return undefined;
    },
  };
}

// ----------------------------------------------------------------------------------------------------
// Integrators' host pages (issue 11, ADR 019): widgets/src/host-pages.test.ts loads them in iframes.

/**
 * Host pages built with React 19 and Vue 3, bundled here with esbuild from widgets/test-hosts/:
 * - /__ig/hosts/{react,vue}-{cdn,classic,npm}.html: the app renders <ig-provider><ig-dashboard> at
 *   once with the settings in the URL fragment. `cdn`: the CDN module, then the app (a module after it:
 *   ig-dashboard's chunk is not there yet when the app renders); `classic`: the classic loader, then the
 *   app as a plain script (nothing is defined yet, not even ig-provider); `npm`: the app bundled with
 *   dist/esm (every element defined before the app runs).
 * - /__ig/hosts/taken.html: a page that defines its own <ig-provider> before loading the CDN module;
 *   /__ig/hosts/plain.html: the CDN module alone; /__ig/hosts/placeholders.html: the classic loader
 *   whose module never arrives (the placeholders alone). All record console errors and warnings.
 * Every page but the npm ones needs `npm run build` first; the npm ones too (dist/esm).
 */
function hostPagesPlugin() {
  const bundles = new Map();
  const bundle = async (framework, withWidgets) => {
    const key = `${framework}-${withWidgets}`;
    if (!bundles.has(key)) {
      bundles.set(
        key,
        (async () => {
          const { build } = await import('esbuild');
          const { readFile } = await import('node:fs/promises');
          // The app's source as the entry itself (package.json's sideEffects would drop an import of it).
          const app = await readFile(`widgets/test-hosts/${framework}-host.js`, 'utf8');
          const result = await build({
            stdin: {
              contents: withWidgets ? `import '../../dist/esm/index.js';\n${app}` : app,
              resolveDir: path.resolve('widgets/test-hosts'),
              loader: 'js',
            },
            bundle: true,
            format: 'iife',
            write: false,
            logLevel: 'silent',
            define: {
              'process.env.NODE_ENV': '"production"',
              __VUE_OPTIONS_API__: 'true',
              __VUE_PROD_DEVTOOLS__: 'false',
              __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
            },
          });
          return result.outputFiles[0].text;
        })(),
      );
    }
    return bundles.get(key);
  };
  const recorder = [
    'window.__console = [];',
    "for (const level of ['error', 'warn']) {",
    '  const original = console[level];',
    '  console[level] = (...args) => { window.__console.push({ level, text: args.map(String).join(" ") }); original.apply(console, args); };',
    '}',
  ].join('\n');
  const noStore = { 'cache-control': 'no-store' };
  const page = (head, body = '') =>
    `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>host page</title><script src="/__ig/hosts/console.js"></script>${head}</head>` +
    `<body><div id="root"></div>${body}</body></html>`;
  return {
    name: 'ig-host-pages',
    async serve(context) {
      if (!context.path.startsWith('/__ig/hosts/') && !context.path.startsWith('/__ig/nowhere/')) return undefined;
      if (context.path === '/__ig/hosts/console.js') return { body: recorder, type: 'js', headers: noStore };
      const script = /^\/__ig\/hosts\/(react|vue)-(app|npm)\.js$/.exec(context.path);
      if (script) return { body: await bundle(script[1], script[2] === 'npm'), type: 'js', headers: noStore };
      const host = /^\/__ig\/hosts\/(react|vue)-(cdn|classic|npm)\.html$/.exec(context.path);
      if (host) {
        const [, framework, variant] = host;
        const body = {
          cdn: `<script type="module" src="/dist/cdn/ig-widgets.js"></script><script type="module" src="/__ig/hosts/${framework}-app.js"></script>`,
          classic: `<script src="/dist/cdn/ig-widgets.classic.js"></script><script src="/__ig/hosts/${framework}-app.js"></script>`,
          npm: `<script type="module" src="/__ig/hosts/${framework}-npm.js"></script>`,
        }[variant];
        return { body: page('', body), type: 'html', headers: noStore };
      }
      if (context.path === '/__ig/hosts/taken.html') {
        const own = '<script>customElements.define("ig-provider", class HostProvider extends HTMLElement {});</script>';
        const body = '<ig-provider><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>';
        return { body: page(`${own}<script type="module" src="/dist/cdn/ig-widgets.js"></script>`, body), type: 'html', headers: noStore };
      }
      if (context.path === '/__ig/hosts/placeholders.html') {
        // The classic loader pointed at a module that never arrives: the placeholders alone.
        return { body: page('<script src="/__ig/nowhere/ig-widgets.classic.js"></script>'), type: 'html', headers: noStore };
      }
      if (context.path === '/__ig/nowhere/ig-widgets.classic.js') {
        // The classic loader, served where no ig-widgets.js sits next to it.
        const { readFile } = await import('node:fs/promises');
        return { body: await readFile('dist/cdn/ig-widgets.classic.js', 'utf8'), type: 'js', headers: noStore };
      }
      if (context.path === '/__ig/hosts/plain.html') {
        return { body: page('<script type="module" src="/dist/cdn/ig-widgets.js"></script>'), type: 'html', headers: noStore };
      }
      return undefined;
    },
  };
}

export default {
  rootDir: '.',
  files: ['widgets/src/**/*.test.ts'],
  nodeResolve: true,
  hostname,
  concurrency: 1,
  // The stack (embedded PostgreSQL, migrations, sync) starts before the first test file runs.
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 15_000 } },
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), stackPlugin(), chartPagesPlugin(), hostPagesPlugin()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
