/**
 * End to end, as a user meets it: `npm start` on a fresh data directory, then the demo CRM page in
 * Chromium as project 100274 and as 100275. Each page must show its own push KPIs, equal to totals
 * computed independently from the simulator's generator, and never the other project's. SIGTERM then
 * stops everything, PostgreSQL included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../lib/testing/ports.js';
import { generatorTotals } from '../lib/testing/stack.js';
import { periods } from '../lib/dates.js';
import { findProject } from '../etl/simulator/catalog.js';

const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let child: ChildProcess;
let output = '';
let dataDir: string;
let pgPort: number;
let browser: Browser;
const pages: Record<string, string> = {};
/** Host pages that frame /embed/: one on an origin in EMBED_FRAME_ANCESTORS, one on another. */
let hosts: { allowed: Server; other: Server; allowedPort: number; otherPort: number };

function waitForOutput(re: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print ${re} within ${ms} ms:\n${output}`)), ms);
    const check = () => {
      const m = output.match(re);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    check();
  });
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ig-e2e-'));
  await chmod(dataDir, 0o755);
  pgPort = await freePort();
  const allowedPort = await freePort();
  const otherPort = await freePort();
  hosts = { allowed: hostServer(allowedPort), other: hostServer(otherPort), allowedPort, otherPort };
  child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      IG_DATA_DIR: dataDir,
      PG_PORT: String(pgPort),
      PORT: String(await freePort()),
      SIMULATOR_PORT: '0',
      EMBED_FRAME_ANCESTORS: `http://127.0.0.1:${allowedPort}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitForOutput(/Ctrl-C stops everything/, 150_000);
  for (const m of output.matchAll(/Project (\d+) .*\n\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/g)) pages[m[1]!] = m[2]!;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 180_000);

afterAll(async () => {
  hosts?.allowed.close();
  hosts?.other.close();
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * A third-party host page (another origin) that frames the embed page, answers its `ig-ready` with
 * the token given in the query, and records every message the frame posts.
 */
function hostServer(port: number): Server {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(`window.__messages = [];
        const frame = document.querySelector('iframe');
        window.addEventListener('message', (e) => {
          if (e.source !== frame.contentWindow) return;
          window.__messages.push(e.data);
          if (e.data && e.data.type === 'ig-ready') frame.contentWindow.postMessage({ type: 'ig-token', token: frame.dataset.token }, new URL(frame.src).origin);
        });`);
      return;
    }
    const src = JSON.stringify(`${url.searchParams.get('bff')}/embed/?channel=push`);
    const token = JSON.stringify(url.searchParams.get('token') ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>host</title><iframe src=${src} data-token=${token} width="800" height="600"></iframe><script src="/host.js"></script>`);
  });
  server.listen(port, '127.0.0.1');
  return server;
}

async function shownKpis(id: string): Promise<Record<string, number>> {
  const url = pages[id]!;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const values: Record<string, number> = {};
  for (const key of ['sent', 'delivered', 'clicked', 'ctr']) {
    const el = page.locator(`ig-channel-kpis [part~="value"][data-metric="${key}"]`);
    await el.waitFor({ timeout: 20_000 });
    values[key] = Number(await el.getAttribute('data-value'));
    expect((await el.textContent())?.trim()).not.toBe('');
  }
  expect(page.url(), 'the token leaves the address bar').not.toContain('token=');
  // The header names the project as GET /v1/meta has it.
  await page.locator('#project-name', { hasText: findProject(Number(id))!.name }).waitFor({ timeout: 10_000 });
  await context.close();
  return values;
}

describe('npm start, then the demo CRM page', () => {
  it('prints a demo page URL with a token for two projects', () => {
    expect(Object.keys(pages)).toEqual(['100274', '100275']);
  });

  it('shows each project its own numbers, as the generator computes them, never the other one', async () => {
    const shown: Record<string, Record<string, number>> = {};
    for (const id of ['100274', '100275']) {
      shown[id] = await shownKpis(id);
      const { period } = periods({ timeZone: findProject(Number(id))!.timeZone, days: 30 });
      const t = generatorTotals(Number(id), period.from, period.to);
      expect(shown[id]).toMatchObject({ sent: t.sent, delivered: t.delivered, clicked: t.clicked });
      expect(shown[id]!.ctr).toBeCloseTo(t.clicked / t.sent, 10);
    }
    for (const key of ['sent', 'delivered', 'clicked']) expect(shown['100274']![key]).not.toBe(shown['100275']![key]);
  });

  it('iframe mode: a framing host hands the token over by postMessage; the page shows that project, reports a bounded height; other origins cannot frame it', async () => {
    const page = pages['100274']!;
    const bff = new URL(page).origin;
    const token = decodeURIComponent(new URL(page).hash.match(/token=([^&]+)/)![1]!);
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`http://127.0.0.1:${hosts.allowedPort}/?bff=${encodeURIComponent(bff)}&token=${encodeURIComponent(token)}`);
    const sent = tab.frameLocator('iframe').locator('ig-channel-kpis [part~="value"][data-metric="sent"]');
    await sent.waitFor({ timeout: 30_000 });
    const { period } = periods({ timeZone: findProject(100274)!.timeZone, days: 30 });
    expect(Number(await sent.getAttribute('data-value'))).toBe(generatorTotals(100274, period.from, period.to).sent);
    const messages = (await tab.evaluate(() => (window as unknown as { __messages: { type: string; height?: number }[] }).__messages)) ?? [];
    expect(messages[0]).toEqual({ type: 'ig-ready' });
    const heights = messages.filter((m) => m.type === 'ig-height').map((m) => m.height!);
    expect(heights.length).toBeGreaterThan(0);
    for (const h of heights) expect(h).toBeGreaterThan(0), expect(h).toBeLessThanOrEqual(4000);
    expect(messages.some((m) => JSON.stringify(m).includes(token))).toBe(false);

    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${hosts.otherPort}/?bff=${encodeURIComponent(bff)}&token=${encodeURIComponent(token)}`);
    await other.waitForTimeout(2000);
    expect(await other.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages)).toEqual([]);
    await context.close();
  });

  it('SIGTERM stops the product and its PostgreSQL', async () => {
    expect(await portOpen(pgPort)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await portOpen(pgPort)).toBe(false);
  }, 30_000);
});
