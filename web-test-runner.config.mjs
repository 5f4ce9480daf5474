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
 * `{ api, tokens, editorTokens, forgedToken, expected }` from GET /__stack. The page's origin is
 * passed as `corsOrigins` so the BFF answers the cross-origin requests the widgets make. Every data
 * group is synced (the elements read all channels, meta and freshness), over a modest window, and
 * the rate limits are off: one test page makes many requests with one token.
 */
function stackPlugin() {
  /** @type {{ api: string, tokens: Record<string, string>, forgedToken: string, expected: Record<string, unknown>, stop(): Promise<void> } | undefined} */
  let stack;
  /** @type {Record<string, string>} project id -> a token with role editor */
  let editorTokens = {};
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
      logger.log(`[ig-test-stack] BFF at ${stack.api} for ${origin} (${Date.now() - started} ms)`);
    },
    serve(context) {
      if (context.path !== '/__stack') return undefined;
      if (!stack) return { body: '{"error":"stack not started"}', type: 'json', headers: { 'cache-control': 'no-store' } };
      const { api, tokens, forgedToken, expected } = stack;
      const body = JSON.stringify({ api, tokens, editorTokens, forgedToken, expected });
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
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), stackPlugin(), chartPagesPlugin()],
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
