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
import { loadConfig } from '../lib/config.js';
import { signToken } from '../bff/auth/jwt.js';

const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let child: ChildProcess;
let output = '';
let dataDir: string;
let pgPort: number;
let browser: Browser;
const pages: Record<string, string> = {};
/**
 * Host pages that frame /embed/: one on an origin in EMBED_FRAME_ANCESTORS (`localhost`: another site
 * than the BFF's `127.0.0.1`), one on an origin that is not.
 */
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
      EMBED_FRAME_ANCESTORS: `http://localhost:${allowedPort}`,
      JWT_CLOCK_TOLERANCE_S: '0',
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
 * A third-party host page (another site) that frames the embed page, as the README tells hosts to:
 * answers `ig-ready` with the token in the query's `token`, `ig-token-request` with the one in `fresh`,
 * sizes the frame to each `ig-height`, and records every message and every load of the frame.
 * `window.__renew(token)` posts a token unasked; `?forger=URL` adds a second frame (another origin)
 * that posts a token of its own to the embed frame.
 */
function hostServer(port: number): Server {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(`window.__messages = [];
        window.__loads = 0;
        const frame = document.querySelector('iframe');
        frame.addEventListener('load', () => window.__loads++);
        const send = (token) => frame.contentWindow.postMessage({ type: 'ig-token', token }, new URL(frame.src).origin);
        window.__renew = send;
        window.addEventListener('message', (e) => {
          if (e.source !== frame.contentWindow) return;
          window.__messages.push(e.data);
          if (e.data.type === 'ig-ready') send(frame.dataset.token);
          if (e.data.type === 'ig-token-request') send(frame.dataset.fresh);
          if (e.data.type === 'ig-height') frame.style.height = e.data.height + 'px';
        });`);
      return;
    }
    if (url.pathname === '/forger.html') {
      // Posts a token to its sibling frame (the embed page) from an origin that is not allowed.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>forger</title><script>
        setInterval(() => window.parent.frames[0].postMessage({ type: 'ig-token', token: ${JSON.stringify(url.searchParams.get('token') ?? '')} }, '*'), 200);
      </script>`);
      return;
    }
    const src = JSON.stringify(`${url.searchParams.get('bff')}/embed/?channel=push`);
    const token = JSON.stringify(url.searchParams.get('token') ?? '');
    const fresh = JSON.stringify(url.searchParams.get('fresh') ?? '');
    const forger = url.searchParams.get('forger');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><title>host</title><iframe src=${src} data-token=${token} data-fresh=${fresh} width="800" height="600" style="border:0"></iframe>` +
        (forger ? `<iframe src=${JSON.stringify(forger)} width="10" height="10"></iframe>` : '') +
        '<script src="/host.js"></script>',
    );
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

  it('iframe mode across sites, third-party cookies blocked: Bearer token from the host, refreshed by postMessage without a reload; heights follow the content; other origins ignored', async () => {
    const page = pages['100274']!;
    const bff = new URL(page).origin;
    const config = loadConfig({});
    const sub = 'embed-user';
    const expired = await signToken(config, { sub, project_id: '100274', role: 'viewer' }, -120);
    const fresh = await signToken(config, { sub, project_id: '100274', role: 'viewer' }, 600);
    const renewed = await signToken(config, { sub, project_id: '100274', role: 'viewer' }, 900);
    const foreign = await signToken(config, { sub: 'mallory', project_id: '100275', role: 'viewer' }, 600);
    // A browser of its own that blocks third-party cookies, as Safari and Firefox do by default.
    const strict = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--test-third-party-cookie-phaseout'],
    });
    try {
      const context = await strict.newContext();
      const tab = await context.newPage();
      const requests: { path: string; authorization?: string; cookie?: string }[] = [];
      tab.on('request', (r) => {
        const u = new URL(r.url());
        if (u.origin === bff && (u.pathname.startsWith('/v1/') || u.pathname.startsWith('/auth/'))) {
          const h = r.headers();
          requests.push({ path: u.pathname, authorization: h['authorization'], cookie: h['cookie'] });
        }
      });
      const forger = `http://127.0.0.1:${hosts.otherPort}/forger.html?token=${encodeURIComponent(foreign)}`;
      const q = new URLSearchParams({ bff, token: expired, fresh, forger });
      await tab.goto(`http://localhost:${hosts.allowedPort}/?${q}`);
      const frame = tab.frameLocator('iframe').first();
      const sent = frame.locator('ig-channel-kpis [part~="value"][data-metric="sent"]');
      await sent.waitFor({ timeout: 30_000 });
      const { period } = periods({ timeZone: findProject(100274)!.timeZone, days: 30 });
      expect(Number(await sent.getAttribute('data-value'))).toBe(generatorTotals(100274, period.from, period.to).sent);

      type Message = { type: string; height?: number; token?: string };
      const messages = async () => (await tab.evaluate(() => (window as unknown as { __messages: Message[] }).__messages)) ?? [];
      const types = (await messages()).map((m) => m.type);
      expect(types.filter((t) => t !== 'ig-height')[0]).toBe('ig-ready');
      expect(types.indexOf('ig-token-request'), 'the expired token was refused: the frame asked the host for a new one').toBeGreaterThan(types.indexOf('ig-ready'));
      expect(types).not.toContain('ig-auth-error');
      for (const token of [expired, fresh, foreign]) expect(JSON.stringify(await messages())).not.toContain(token);
      // Bearer tokens, never a cookie: nothing here depends on third-party cookies.
      expect(requests.some((r) => r.path.startsWith('/auth/')), 'no session cookie is asked for').toBe(false);
      expect(requests.every((r) => r.authorization?.startsWith('Bearer ') && !r.cookie)).toBe(true);
      expect(requests.some((r) => r.authorization === `Bearer ${fresh}`)).toBe(true);
      // The forged token from the other origin was never used.
      expect(requests.some((r) => r.authorization === `Bearer ${foreign}`)).toBe(false);

      // A renewal the host sends unasked: the widgets use it, and the frame is never reloaded.
      const before = requests.length;
      await tab.evaluate((t) => (window as unknown as { __renew(t: string): void }).__renew(t), renewed);
      await expect.poll(() => requests.slice(before).some((r) => r.authorization === `Bearer ${renewed}`), { timeout: 15_000 }).toBe(true);
      expect(await tab.evaluate(() => (window as unknown as { __loads: number }).__loads)).toBe(1);
      await sent.waitFor({ timeout: 15_000 });

      // Heights: the content's, bounded; they shrink when content goes and grow when it comes back.
      const embed = tab.frames().find((f) => f.url().startsWith(`${bff}/embed/`))!;
      const contentHeight = () => embed.evaluate(() => Math.ceil(document.getElementById('root')!.getBoundingClientRect().height));
      const lastHeight = async () => (await messages()).filter((m) => m.type === 'ig-height').at(-1)?.height ?? 0;
      await expect.poll(async () => Math.abs((await lastHeight()) - (await contentHeight())), { timeout: 15_000 }).toBeLessThanOrEqual(1);
      const full = await lastHeight();
      const toggle = (hidden: boolean) =>
        embed.evaluate((h) => {
          const dashboard = document.querySelector('ig-dashboard')!;
          for (const el of dashboard.shadowRoot!.querySelectorAll<HTMLElement>('ig-campaign-table, ig-timeseries')) el.hidden = h;
        }, hidden);
      await toggle(true);
      await expect.poll(lastHeight, { timeout: 15_000 }).toBeLessThan(full - 100);
      const shrunk = await lastHeight();
      expect(Math.abs(shrunk - (await contentHeight()))).toBeLessThanOrEqual(1);
      await toggle(false);
      // Back to the content's height (not to `full`: under load the table or the chart may still have
      // been loading when it was taken, and the content grew since).
      await expect.poll(async () => (await lastHeight()) > shrunk + 100 && Math.abs((await lastHeight()) - (await contentHeight())) <= 1, { timeout: 15_000 }).toBe(true);
      const heights = (await messages()).filter((m) => m.type === 'ig-height').map((m) => m.height!);
      for (const h of heights) expect(h).toBeGreaterThan(0), expect(h).toBeLessThanOrEqual(4000);
      expect(await tab.evaluate(() => (window as unknown as { __loads: number }).__loads)).toBe(1);

      // A host on an origin that is not in EMBED_FRAME_ANCESTORS cannot frame the page at all.
      const other = await context.newPage();
      await other.goto(`http://127.0.0.1:${hosts.otherPort}/?bff=${encodeURIComponent(bff)}&token=${encodeURIComponent(fresh)}`);
      await other.waitForTimeout(2000);
      expect(await other.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages)).toEqual([]);
      await context.close();
    } finally {
      await strict.close();
    }
  });

  it('the element catalog shows every element of custom-elements.json live', async () => {
    const page = new URL(pages['100274']!);
    const manifest = (await (await fetch(`${page.origin}/custom-elements.json`)).json()) as {
      modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[];
    };
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName!);
    expect(tags.length).toBeGreaterThanOrEqual(18);
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${page.origin}/catalog/${page.hash}`);
    await tab.locator('[data-example]').first().waitFor({ timeout: 20_000 });
    // Each example: its element, defined (lazy chunks fetched by the catalog), rendered in its shadow root.
    const live = () =>
      tab.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-example]')]
          .filter((box) => {
            const el = box.querySelector(box.dataset['example']!);
            return !box.hasAttribute('data-missing') && el?.matches(':defined') && (el.shadowRoot?.childElementCount ?? 0) > 0;
          })
          .map((box) => box.dataset['example']!),
      );
    await expect.poll(async () => (await live()).length, { timeout: 60_000 }).toBe(tags.length);
    expect((await live()).sort()).toEqual([...tags].sort());
    expect(await tab.locator('.not-in-build').count()).toBe(0);
    await context.close();
  });

  it('SIGTERM stops the product and its PostgreSQL', async () => {
    expect(await portOpen(pgPort)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited, `npm start's last output:\n${output.slice(-3000)}`).toBe(0);
    expect(await portOpen(pgPort)).toBe(false);
  }, 30_000);
});
