/**
 * End to end, as a user meets it: `npm start` on a fresh data directory, then the demo CRM page in
 * Chromium as project 100274 and as 100275. Each page must show its own push KPIs, equal to totals
 * computed independently from the simulator's generator, and never the other project's. SIGTERM then
 * stops everything, PostgreSQL included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
    cwd: root,
    env: { ...process.env, IG_DATA_DIR: dataDir, PG_PORT: String(pgPort), PORT: String(await freePort()), SIMULATOR_PORT: '0' },
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
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

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

  it('SIGTERM stops the product and its PostgreSQL', async () => {
    expect(await portOpen(pgPort)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await portOpen(pgPort)).toBe(false);
  }, 30_000);
});
