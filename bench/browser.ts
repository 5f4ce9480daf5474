/**
 * `npm run bench -- browser`: what a browser pays for the first chart, measured side by side in one
 * run: Lighthouse 12 (mobile preset: simulated slow 4G and 4× CPU slowdown; plus desktop for CLS) on
 *   /embed/?channel=push   the embeddable dashboard (filter bar, push KPIs, one time series, campaigns)
 *   /app/                  the analytics app's busiest page (Resumen: KPIs, channel mix, time series, insights), signed in
 * each with the precompiled specs and the small Vega runtime (ADR 027) and with `?ig-vega=full`, which
 * makes every chart compile its Vega-Lite spec in the browser as before. Printed per page and path:
 * performance score, total blocking time, LCP, CLS, and the JavaScript the page loaded (gzip -9 of
 * the same files in dist/cdn, and of it the Vega chunks); under each row, the scripts with the most
 * main-thread time and the longest tasks (Lighthouse's bootup-time and long-tasks audits, first run).
 *
 * The product runs in-process on an embedded PostgreSQL (lib/testing/stack.ts, every data group
 * synced), the BFF serving the demo pages and dist/cdn as `npm start` does (run `npm run build`
 * first). Chromium is /usr/bin/chromium (CHROMIUM_PATH), headless, driven by chrome-launcher.
 * Bounded: BENCH_BROWSER_RUNS runs per row (default 1; the median is printed), each Lighthouse run
 * times out after 120 s (a failed trace is retried once). BENCH_BROWSER_PAGES (`embed,app`) and
 * BENCH_BROWSER_FORMS (`mobile,desktop`) narrow the rows. Timings depend on the machine's load, printed with the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { signToken } from '../bff/auth/jwt.js';
import { startBff } from '../bff/server.js';
import { createLogger } from '../lib/log.js';
import { startStack } from '../lib/testing/stack.js';

const root = path.resolve(import.meta.dirname, '..');
const CDN = path.join(root, 'dist/cdn');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_BROWSER_RUNS ?? 1));
const RUN_TIMEOUT_MS = 120_000;
const PROJECT = '100274';

if (!existsSync(path.join(CDN, 'ig-widgets.js'))) throw new Error('dist/cdn is missing: run `npm run build` first');

interface Figures {
  score: number;
  tbt: number;
  lcp: number;
  cls: number;
  /** gzip -9 bytes of every script the page loaded from dist/cdn. */
  js: number;
  /** … of which the Vega chunks. */
  vega: number;
  scripts: number;
  /** The elements Lighthouse saw shift most (selector and score), for CLS. */
  shifts: string[];
  /** The scripts with the most main-thread time (Lighthouse's bootup-time: file, total ms), for TBT. */
  bootup: string[];
  /** The longest tasks as Lighthouse simulated them (start ms, duration ms, script), for TBT. */
  longTasks: string[];
}

interface NetworkItem {
  url: string;
  resourceType?: string;
}

const gzipOf = new Map<string, number>();
function gzipBytes(file: string): number {
  let bytes = gzipOf.get(file);
  if (bytes === undefined) gzipOf.set(file, (bytes = gzipSync(readFileSync(file), { level: 9 }).length));
  return bytes;
}

/** A script as Lighthouse names it: a URL's file name (the document's path), else its label ("Unattributable"). */
const scriptName = (url: string | undefined) => (url?.startsWith('http') ? path.basename(new URL(url).pathname) || new URL(url).pathname : url);

/** A Lighthouse run; a failed trace (NO_NAVSTART and the like happen on a loaded machine) is retried once. */
async function measure(url: string, options: { port: number; cookie?: string; desktop?: boolean }): Promise<Figures> {
  try {
    return await measureOnce(url, options);
  } catch (error) {
    console.log(`    (retrying: ${error instanceof Error ? error.message : String(error)})`);
    return measureOnce(url, options);
  }
}

async function measureOnce(url: string, options: { port: number; cookie?: string; desktop?: boolean }): Promise<Figures> {
  const flags = {
    port: options.port,
    output: 'json' as const,
    logLevel: 'error' as const,
    onlyCategories: ['performance'],
    ...(options.cookie ? { extraHeaders: { Cookie: options.cookie } } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Lighthouse took over ${RUN_TIMEOUT_MS / 1000} s on ${url}`)), RUN_TIMEOUT_MS);
  });
  const result = await Promise.race([lighthouse(url, flags, options.desktop ? desktopConfig : undefined), timeout]).finally(() => clearTimeout(timer));
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter(
    (item) => item.resourceType === 'Script' && new URL(item.url).pathname.startsWith('/widgets/'),
  );
  let js = 0;
  let vega = 0;
  for (const item of items) {
    const file = path.join(CDN, path.basename(new URL(item.url).pathname));
    if (!existsSync(file)) continue;
    const bytes = gzipBytes(file);
    js += bytes;
    if (/ig-widgets-vega/.test(file)) vega += bytes;
  }
  const shiftItems = (lhr.audits['layout-shifts']?.details as { items?: { node?: { selector?: string }; score?: number }[] } | undefined)?.items ?? [];
  const shifts = shiftItems.slice(0, 3).map((item) => `${item.node?.selector ?? '?'} ${(item.score ?? 0).toFixed(3)}`);
  const bootItems = (lhr.audits['bootup-time']?.details as { items?: { url?: string; total?: number }[] } | undefined)?.items ?? [];
  const bootup = bootItems.slice(0, 4).map((item) => `${scriptName(item.url)} ${(item.total ?? 0).toFixed(0)} ms`);
  const taskItems = (lhr.audits['long-tasks']?.details as { items?: { url?: string; duration?: number; startTime?: number }[] } | undefined)?.items ?? [];
  const longTasks = taskItems
    .slice(0, 6)
    .map((item) => `${((item.startTime ?? 0) / 1000).toFixed(2)} s ${(item.duration ?? 0).toFixed(0)} ms ${scriptName(item.url)}`);
  return {
    shifts,
    bootup,
    longTasks,
    score: Math.round((lhr.categories['performance']?.score ?? Number.NaN) * 100),
    tbt: audit('total-blocking-time'),
    lcp: audit('largest-contentful-paint'),
    cls: audit('cumulative-layout-shift'),
    js,
    vega,
    scripts: items.length,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

function medianFigures(runs: Figures[]): Figures {
  const pick = (key: Exclude<keyof Figures, 'shifts' | 'bootup' | 'longTasks'>) => median(runs.map((r) => r[key]));
  return {
    score: pick('score'),
    tbt: pick('tbt'),
    lcp: pick('lcp'),
    cls: pick('cls'),
    js: pick('js'),
    vega: pick('vega'),
    scripts: pick('scripts'),
    shifts: runs[0]!.shifts,
    bootup: runs[0]!.bootup,
    longTasks: runs[0]!.longTasks,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function print(label: string, f: Figures): void {
  console.log(
    `  ${label.padEnd(48)} score ${String(f.score).padStart(3)}  TBT ${f.tbt.toFixed(0).padStart(5)} ms  LCP ${(f.lcp / 1000).toFixed(2).padStart(5)} s  CLS ${f.cls.toFixed(3)}  JS ${kb(f.js).padStart(9)} gzip (Vega ${kb(f.vega)}, ${f.scripts} files)`,
  );
  if (f.cls > 0.001 && f.shifts.length > 0) console.log(`    shifted most: ${f.shifts.join(', ')}`);
  if (f.bootup.length > 0) console.log(`    main thread by script: ${f.bootup.join(', ')}`);
  if (f.longTasks.length > 0) console.log(`    longest tasks (start, length, script): ${f.longTasks.join('; ')}`);
}

const started = Date.now();
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at start`);
const stack = await startStack({ groups: 'all', syncDays: 35 });
const bff = await startBff({ ...stack.config, PORT: 0 }, createLogger('silent'), {
  apiUrl: stack.database.apiUrl,
  assets: [
    { path: '/widgets', dir: CDN },
    { path: '/', dir: path.join(root, 'demo/public') },
  ],
});
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const embedToken = stack.tokens[PROJECT];
  if (!embedToken) throw new Error(`no token for project ${PROJECT}`);
  const admin = await signToken(stack.config, { sub: 'bench-admin', project_id: PROJECT, role: 'admin', locale: 'es' });
  // The app's session cookie, as /auth/exchange sets it (Lighthouse sends it with every request).
  const exchanged = await fetch(`${bff.url}/auth/exchange?token=${encodeURIComponent(admin)}&next=/app/`, { redirect: 'manual' });
  const cookie = exchanged.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`/auth/exchange set no cookie (${exchanged.status})`);

  const only = (process.env.BENCH_BROWSER_PAGES ?? 'embed,app').split(',');
  const forms = (process.env.BENCH_BROWSER_FORMS ?? 'mobile,desktop').split(',');
  const pages = [
    { name: '/embed/?channel=push', url: (full: boolean) => `${bff.url}/embed/?channel=push${full ? '&ig-vega=full' : ''}#token=${encodeURIComponent(embedToken)}` },
    { name: '/app/ (Resumen)', url: (full: boolean) => `${bff.url}/app/${full ? '?ig-vega=full' : ''}`, cookie },
  ].filter((page) => only.some((name) => page.name.startsWith(`/${name}/`)));
  const rows: { label: string; figures: Figures }[] = [];
  for (const page of pages) {
    for (const desktop of [false, true].filter((d) => forms.includes(d ? 'desktop' : 'mobile'))) {
      for (const full of [true, false]) {
        const runs: Figures[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(page.url(full), { port: chrome.port, cookie: page.cookie, desktop }));
        const label = `${page.name} ${desktop ? 'desktop' : 'mobile'} ${full ? 'full Vega (before)' : 'precompiled'}`;
        const figures = medianFigures(runs);
        rows.push({ label, figures });
        print(label, figures);
      }
    }
  }
  for (const page of pages) {
    const before = rows.find((r) => r.label === `${page.name} mobile full Vega (before)`)?.figures;
    const after = rows.find((r) => r.label === `${page.name} mobile precompiled`)?.figures;
    if (!before || !after) continue;
    console.log(`  ${page.name}: JavaScript ${(after.js / before.js).toFixed(2)}× of the full path's, TBT ${(after.tbt / Math.max(1, before.tbt)).toFixed(2)}×`);
  }
} finally {
  await chrome.kill();
  await bff.close();
  await stack.stop();
}
console.log(`  (${RUNS} run(s) per row, median; ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at end)`);
