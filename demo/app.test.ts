/**
 * The analytics app (/app/) and the CRM demo pages in Chromium, against the real stack: PostgreSQL
 * with RLS, every data group synced from the simulator, and the BFF serving the demo pages and the
 * built CDN bundle (dist/cdn: run `npm run build` first) as `npm start` does.
 *
 *   /app/: without a session it explains how to sign in (HTML, never JSON); /auth/exchange lands
 *   signed in; every section shows real numbers (push equal to the simulator's generator); a deep
 *   link restores its view; back/forward; a partner token switches project; sign-out; an expired
 *   session says so; axe (light, dark, English) and a 320 px viewport.
 *   CRM pages: each sidebar page shows its tags with data; the assistant drawer sends the page's
 *   context (channel, selected campaign, period) with the question and gets an answer.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signToken } from '../bff/auth/jwt.js';
import { startBff, type RunningBff } from '../bff/server.js';
import { createLogger } from '../lib/log.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { generatorTotals, startStack, type Stack } from '../lib/testing/stack.js';
import { periods } from '../lib/dates.js';
import { findProject } from '../etl/simulator/catalog.js';

const root = path.resolve(import.meta.dirname, '..');
/** IG_SCREENSHOTS=1 also writes the README's screenshots to docs/screenshots/. */
const SHOTS = process.env.IG_SCREENSHOTS ? path.join(root, 'docs/screenshots') : undefined;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// Browser journeys through many sections: a loaded, shared machine needs more than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

let db: TestDatabase;
let stack: Stack;
let bff: RunningBff;
let browser: Browser;
let admin: string; // project 100274, admin
let partner: string; // project_ids 100274 and 100275, viewer

interface Recorded {
  loads: string[];
  errors: { tag: string; detail: unknown }[];
  answers: { outcome: string }[];
}

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/cdn/ig-widgets.js'))) throw new Error('dist/cdn is missing: run `npm run build` first');
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: 'all', syncDays: 35 });
  bff = await startBff({ ...stack.config, PORT: 0 }, createLogger('silent'), {
    apiUrl: stack.database.apiUrl,
    assets: [
      { path: '/widgets', dir: path.join(root, 'dist/cdn') },
      { path: '/', dir: path.join(root, 'demo/public') },
    ],
  });
  admin = await signToken(stack.config, { sub: 'app-admin', project_id: '100274', role: 'admin', locale: 'es' });
  partner = await signToken(stack.config, { sub: 'partner-user', project_ids: ['100274', '100275'], role: 'viewer' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bff?.close();
  await stack?.stop();
  await db?.drop();
});

async function newPage(opts: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, bypassCSP: opts.bypassCSP ?? false });
  await context.addInitScript(() => {
    const rec = { loads: [] as string[], errors: [] as { tag: string; detail: unknown }[], answers: [] as { outcome: string }[] };
    (window as unknown as { __ig: typeof rec }).__ig = rec;
    document.addEventListener('ig-load', (e) => rec.loads.push((e.target as Element).localName), true);
    document.addEventListener('ig-error', (e) => rec.errors.push({ tag: (e.target as Element).localName, detail: (e as CustomEvent).detail }), true);
    document.addEventListener('ig-chat-answer', (e) => rec.answers.push((e as CustomEvent).detail), true);
  });
  const page = await context.newPage();
  return { context, page };
}

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __ig: Recorded }).__ig);
const exchange = (token: string, next: string) => `${bff.url}/auth/exchange?token=${encodeURIComponent(token)}&next=${encodeURIComponent(next)}`;

/** Waits for a figure with a number in `scope` and returns the numbers shown there. */
async function numbers(page: Page, scope: string, timeout = 30_000): Promise<number[]> {
  const figures = page.locator(`${scope} [data-value]`);
  await figures.first().waitFor({ state: 'attached', timeout });
  const values = await figures.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
  for (const v of values) expect(Number.isFinite(v)).toBe(true);
  return values;
}

async function waitLoaded(page: Page, tags: string[], timeout = 30_000): Promise<void> {
  await page.waitForFunction((t) => t.every((tag) => (window as unknown as { __ig: Recorded }).__ig.loads.includes(tag)), tags, { timeout });
}

async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/**
 * The days of the first push KPI request the page makes: its from/to, or without them (the default
 * period) the BFF's last 30 days in the project's time zone.
 */
function pushKpiWindow(page: Page, project: number): Promise<{ from: string; to: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no push KPI request within 30 s')), 30_000);
    const on = (req: { url(): string }) => {
      const u = new URL(req.url());
      if (u.pathname !== '/v1/kpis' || u.searchParams.get('channel') !== 'push') return;
      if (u.searchParams.has('project') && u.searchParams.get('project') !== String(project)) return;
      page.off('request', on);
      clearTimeout(timer);
      const from = u.searchParams.get('from');
      const to = u.searchParams.get('to');
      resolve(from && to ? { from, to } : periods({ timeZone: findProject(project)!.timeZone, days: 30 }).period);
    };
    page.on('request', on);
  });
}

describe('the analytics app at /app/', () => {
  it('without a session explains how to sign in, as a page (never JSON), on any deep link', async () => {
    const res = await fetch(`${bff.url}/app/campaigns?period=last7`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(`${bff.url}/app/no-such-file.js`)).status).toBe(404);

    const { context, page } = await newPage();
    await page.goto(`${bff.url}/app/push`);
    await page.locator('#gate[data-state="signedOut"]').waitFor();
    expect(await page.locator('#gate-hint').textContent()).toContain('npm start');
    expect(await page.locator('#gate-return').getAttribute('href')).toBe('/');
    expect(await page.locator('#shell').isHidden()).toBe(true);
    await context.close();
  });

  it('lands signed in through /auth/exchange and shows real numbers in every section', async () => {
    const { context, page } = await newPage();
    const window = pushKpiWindow(page, 100274);
    await page.goto(exchange(admin, '/app/push'));
    expect(new URL(page.url()).pathname).toBe('/app/push');
    expect(page.url()).not.toContain('token=');
    await page.locator('#section-title', { hasText: 'Push' }).waitFor();
    const sent = Number(await page.locator('#section ig-channel-kpis [part~="value"][data-metric="sent"]').getAttribute('data-value', { timeout: 30_000 }));
    const { from, to } = await window;
    expect(sent).toBe(generatorTotals(100274, from, to).sent);
    await waitLoaded(page, ['ig-timeseries', 'ig-heatmap']);
    expect(await page.locator('#project-name').textContent()).toBe('Banco Andino');

    // Section, its title, the elements whose figures carry numbers, and the charts that must load.
    const sections: [string, string, string[], string[]][] = [
      ['overview', 'Resumen', ['ig-channel-kpis'], ['ig-channel-mix', 'ig-timeseries']],
      ['inapp', 'In-app', ['ig-channel-kpis'], ['ig-timeseries']],
      ['sms', 'SMS', ['ig-channel-kpis'], ['ig-timeseries']],
      ['email', 'Email', ['ig-channel-kpis'], ['ig-timeseries']],
      ['chat', 'WhatsApp y agentes', ['ig-channel-kpis', 'ig-chat-stats', 'ig-agent-performance'], []],
      ['campaigns', 'Campañas', ['ig-campaign-table'], []],
      ['journeys', 'Journeys', ['ig-journey-funnel'], []],
      ['audience', 'Audiencia', ['ig-device-stats'], []],
      ['wallet', 'Wallet', ['ig-channel-kpis', 'ig-wallet-stats'], []],
    ];
    for (const [section, title, tags, charts] of sections) {
      await page.evaluate(() => ((window as unknown as { __ig: Recorded }).__ig.loads.length = 0));
      await page.locator(`#nav a[data-section="${section}"]`).click();
      await page.locator('#section-title', { hasText: title }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/app/${section === 'overview' ? '' : section}`);
      expect(await page.locator(`#nav a[aria-current="page"]`).getAttribute('data-section')).toBe(section);
      // Focus moves to the new section's heading (screen readers hear where they are).
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('section-title');
      const all: number[] = [];
      for (const tag of tags) {
        const values = await numbers(page, `#section ${tag}`);
        all.push(...values);
      }
      expect(Math.max(...all), `${section} shows some non-zero figure`).toBeGreaterThan(0);
      await waitLoaded(page, charts);
    }

    // Campaigns: a row selects the campaign; the detail shows it and the URL keeps it.
    await page.locator('#nav a[data-section="campaigns"]').click();
    const row = page.locator('#section ig-campaign-table tr[part~="row"]').first();
    const id = await row.getAttribute('data-id', { timeout: 30_000 });
    await row.click();
    await page.waitForURL((u) => u.searchParams.get('campaign') === id);
    expect((await numbers(page, '#section ig-campaign-detail')).length).toBeGreaterThan(0);
    await page.reload();
    expect((await numbers(page, '#section ig-campaign-detail')).length).toBeGreaterThan(0);
    expect(await page.locator('#provider').evaluate((p) => (p as unknown as { campaign: string }).campaign)).toBe(id);
    if (SHOTS) {
      await page.locator('#nav a[data-section="overview"]').click();
      await waitLoaded(page, ['ig-channel-mix', 'ig-timeseries']);
      await page.waitForTimeout(500); // let the charts finish their first draw
      await page.screenshot({ path: path.join(SHOTS, 'app.png'), fullPage: true });
    }

    expect((await recorded(page)).errors).toEqual([]);
    await context.close();
  });

  it('saved analyses: opening one renders its dashboard, and its link restores it', async () => {
    const created = await fetch(`${stack.api}/v1/analyses?project=100274`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'SMS y email',
        kind: 'dashboard',
        shared: true,
        spec: {
          columns: 12,
          items: [
            { element: 'ig-channel-kpis', attributes: { channel: 'sms' }, x: 0, y: 0, w: 6, h: 1 },
            { element: 'ig-channel-kpis', attributes: { channel: 'email' }, x: 6, y: 0, w: 6, h: 1 },
          ],
        },
      }),
    });
    expect(created.status).toBe(201);
    const analysis = (await created.json()) as { id: string };

    const { context, page } = await newPage();
    await page.goto(exchange(admin, '/app/analyses'));
    await page.locator('#section ig-saved-analyses').getByRole('button', { name: 'SMS y email' }).or(page.locator('#section ig-saved-analyses').getByRole('link', { name: 'SMS y email' })).first().click({ timeout: 30_000 });
    await page.waitForURL((u) => u.searchParams.get('analysis') === analysis.id);
    expect((await numbers(page, '#section ig-dashboard ig-channel-kpis')).length).toBeGreaterThan(0);
    await page.reload();
    await page.locator('#section h2', { hasText: 'SMS y email' }).waitFor();
    expect(Math.max(...(await numbers(page, '#section ig-dashboard ig-channel-kpis')))).toBeGreaterThan(0);
    await page.goBack();
    await page.locator('#section ig-saved-analyses').waitFor();
    await context.close();
  });

  it('the assistant section answers a question with a certified figure', async () => {
    const { context, page } = await newPage();
    await page.goto(exchange(admin, '/app/assistant?channel=sms'));
    const input = page.locator('#section ig-ai-chat textarea');
    await input.fill('¿Cuántos SMS se enviaron?', { timeout: 30_000 });
    await input.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __ig: Recorded }).__ig.answers.length > 0, null, { timeout: 30_000 });
    expect((await recorded(page)).answers[0]!.outcome).toBe('answered');
    expect((await numbers(page, '#section ig-ai-chat')).length).toBeGreaterThan(0);
    await context.close();
  });

  it('a deep link restores its view; back and forward move between views; filters live in the URL', async () => {
    const { context, page } = await newPage();
    await page.goto(exchange(admin, '/app/sms?period=last7&platform=android'));
    await page.locator('#section-title', { hasText: 'SMS' }).waitFor();
    const provider = page.locator('#provider');
    const filters = () => provider.evaluate((p) => ({ period: (p as unknown as Record<string, unknown>).period, platform: (p as unknown as Record<string, unknown>).platform }));
    expect(await filters()).toEqual({ period: 'last7', platform: 'android' });
    await numbers(page, '#section ig-channel-kpis');
    expect(await page.locator('#section ig-filter-bar select#period').inputValue()).toBe('last7');

    // A user's filter change is a new history entry.
    await page.locator('#section ig-filter-bar select#period').selectOption('last90');
    await page.waitForURL((u) => u.searchParams.get('period') === 'last90');
    await page.locator('#nav a[data-section="push"]').click();
    await page.waitForURL((u) => u.pathname === '/app/push');
    expect(new URL(page.url()).searchParams.get('period')).toBe('last90');

    await page.goBack();
    await page.locator('#section-title', { hasText: 'SMS' }).waitFor();
    expect((await filters()).period).toBe('last90');
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('period') === 'last7');
    expect(await filters()).toEqual({ period: 'last7', platform: 'android' });
    expect(await page.locator('#section ig-filter-bar select#period').inputValue()).toBe('last7');
    await page.goForward();
    await page.goForward();
    await page.locator('#section-title', { hasText: 'Push' }).waitFor();
    expect((await filters()).period).toBe('last90');
    await context.close();
  });

  it('a partner token covering two projects gets a switcher named from /v1/meta; the project is in the URL', async () => {
    const { context, page } = await newPage();
    const first = pushKpiWindow(page, 100274);
    await page.goto(exchange(partner, '/app/push'));
    const select = page.locator('#project-select');
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual(['Banco Andino (100274)', 'Moda Lumen (100275)']);
    expect(new URL(page.url()).searchParams.get('project')).toBe('100274');
    const w1 = await first;
    await page.locator('#section ig-channel-kpis [part~="value"][data-metric="sent"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(Number(await page.locator('#section ig-channel-kpis [part~="value"][data-metric="sent"]').getAttribute('data-value'))).toBe(generatorTotals(100274, w1.from, w1.to).sent);

    const second = pushKpiWindow(page, 100275);
    await select.selectOption('100275');
    await page.waitForURL((u) => u.searchParams.get('project') === '100275');
    const w2 = await second;
    const expected = generatorTotals(100275, w2.from, w2.to).sent;
    await page.waitForFunction(
      (v) => document.querySelector('#section ig-channel-kpis')?.shadowRoot?.querySelector('[part~="value"][data-metric="sent"]')?.getAttribute('data-value') === String(v),
      expected,
      { timeout: 30_000 },
    );
    expect(await page.title()).toContain('Moda Lumen');

    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('project') === '100274');
    expect(await select.inputValue()).toBe('100274');
    // A shared link to a project the token does not cover falls back to one it does.
    await page.goto(`${bff.url}/app/push?project=100276`);
    await page.waitForURL((u) => u.searchParams.get('project') === '100274');
    await context.close();
  });

  it('signs out: the cookie is gone and the page says how to sign in again', async () => {
    const { context, page } = await newPage();
    await page.goto(exchange(admin, '/app/'));
    await numbers(page, '#section ig-channel-kpis');
    await page.locator('#signout-button').click();
    await page.locator('#gate[data-state="loggedOut"]').waitFor();
    expect((await context.cookies()).map((c) => c.name)).not.toContain(stack.config.SESSION_COOKIE);
    const status = await page.evaluate(() => fetch('/v1/meta').then((r) => r.status));
    expect(status).toBe(401);
    await page.reload();
    await page.locator('#gate[data-state="signedOut"]').waitFor();
    await context.close();
  });

  it('an expired session says so and offers the way back', async () => {
    const shortLived = await signToken(stack.config, { sub: 'brief-user', project_id: '100274', role: 'viewer' }, 4);
    const { context, page } = await newPage();
    await page.goto(exchange(shortLived, '/app/sms'));
    await page.locator('#section-title', { hasText: 'SMS' }).waitFor();
    // The session ends with the token: the page turns to the expired notice by itself.
    await page.locator('#gate[data-state="expired"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#gate-title').textContent()).toBe('Tu sesión ha caducado');
    expect(await page.locator('#gate-return').isVisible()).toBe(true);
    await page.reload();
    await page.locator('#gate[data-state="expired"]').waitFor();
    await context.close();
  });

  it('is accessible (axe: light, dark, English, the sign-in page) and usable at 320 px', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    await page.goto(`${bff.url}/app/`);
    await page.locator('#gate[data-state="signedOut"]').waitFor();
    expect(await axe(page)).toEqual([]);

    await page.goto(exchange(admin, '/app/campaigns'));
    await numbers(page, '#section ig-campaign-table');
    expect(await axe(page)).toEqual([]);
    await page.locator('#theme-button').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.locator('#nav a[data-section="push"]').click();
    await numbers(page, '#section ig-channel-kpis');
    await waitLoaded(page, ['ig-timeseries', 'ig-heatmap']);
    expect(await axe(page)).toEqual([]);
    await page.locator('#locale-select').selectOption('en');
    await page.locator('#section-title', { hasText: 'Push' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#nav a[data-section="audience"]').textContent()).toBe('Audience');
    expect(await axe(page)).toEqual([]);
    await context.close();

    const small = await newPage({ viewport: { width: 320, height: 640 } });
    await small.page.goto(exchange(admin, '/app/overview'));
    await numbers(small.page, '#section ig-channel-kpis');
    expect(await small.page.locator('#nav').isHidden()).toBe(true);
    await small.page.locator('#menu-button').click();
    expect(await small.page.locator('#menu-button').getAttribute('aria-expanded')).toBe('true');
    await small.page.locator('#nav a[data-section="wallet"]').click();
    await small.page.locator('#section-title', { hasText: 'Wallet' }).waitFor();
    expect(await small.page.locator('#nav').isHidden()).toBe(true);
    await numbers(small.page, '#section ig-wallet-stats');
    expect(await small.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await small.context.close();
  });
});

describe('the CRM demo pages', () => {
  const PAGES: [string, string, string[]][] = [
    ['home', 'Inicio', ['ig-channel-kpis']],
    ['campaigns', 'Campañas', ['ig-campaign-table']],
    ['journeys', 'Journeys', ['ig-journey-funnel']],
    ['audience', 'Audiencia', ['ig-device-stats']],
    ['chat', 'Chat y agentes', ['ig-chat-stats', 'ig-agent-performance']],
    ['stats', 'Estadísticas', ['ig-channel-kpis']],
  ];

  it('every sidebar entry is a page with its tags showing data', async () => {
    const { context, page } = await newPage();
    await page.goto(`${bff.url}/#token=${admin}`);
    await page.locator('h1', { hasText: 'Estadísticas' }).waitFor();
    await waitLoaded(page, ['ig-channel-kpis', 'ig-timeseries', 'ig-channel-mix', 'ig-heatmap']);
    for (const [name, title, tags] of PAGES) {
      await page.locator(`.sidebar a[data-page="${name}"]`).click();
      await page.locator('#page-title', { hasText: title }).waitFor();
      expect(new URL(page.url()).searchParams.get('page')).toBe(name);
      expect(await page.locator('.sidebar a[aria-current="page"]').getAttribute('data-page')).toBe(name);
      const all: number[] = [];
      for (const tag of tags) all.push(...(await numbers(page, `#page ${tag}`)));
      expect(Math.max(...all), `${name} shows some non-zero figure`).toBeGreaterThan(0);
    }
    await page.locator('.sidebar a[data-page="settings"]').click();
    await page.locator('#page ig-freshness [part~="group"]').first().waitFor({ timeout: 30_000 });
    // A reload keeps the page (the token stays in this tab's sessionStorage).
    await page.reload();
    await page.locator('#page-title', { hasText: 'Configuración' }).waitFor();
    expect((await recorded(page)).errors).toEqual([]);
    await context.close();
  });

  /** Opens the drawer, asks, and returns the context the question was sent with. */
  async function ask(page: Page, question: string): Promise<Record<string, unknown>> {
    await page.locator('#assistant-toggle').click();
    const input = page.locator('#assistant ig-ai-chat textarea');
    await input.fill(question);
    const request = page.waitForRequest((r) => new URL(r.url()).pathname === '/v1/chat/messages' && r.method() === 'POST');
    const before = (await recorded(page)).answers.length;
    await input.press('Enter');
    const body = JSON.parse((await request).postData() ?? '{}') as { context?: Record<string, unknown> };
    await page.waitForFunction((n) => (window as unknown as { __ig: Recorded }).__ig.answers.length > n, before, { timeout: 30_000 });
    expect((await recorded(page)).answers.at(-1)!.outcome).toBe('answered');
    return body.context ?? {};
  }

  it("the assistant drawer answers with the page's context: channel, selected campaign, period", async () => {
    const { context, page } = await newPage();
    await page.goto(`${bff.url}/?page=chat#token=${admin}`);
    await numbers(page, '#page ig-chat-stats');
    const chatContext = await ask(page, '¿Cuántos mensajes se enviaron?');
    // The default period is the BFF's (last 30 days): no dates are sent for it.
    expect(chatContext).toEqual({ channel: 'chat' });
    expect(await page.locator('#assistant-context').textContent()).toContain('canal Chat');

    await page.goto(`${bff.url}/?page=campaigns`);
    const row = page.locator('#page ig-campaign-table tr[part~="row"]').first();
    const id = await row.getAttribute('data-id', { timeout: 30_000 });
    await row.click();
    await numbers(page, '#page ig-campaign-detail');
    const campaignContext = await ask(page, '¿Cuántos clics tuvo esta campaña?');
    expect(campaignContext).toMatchObject({ campaignId: Number(id) });
    expect(campaignContext).not.toHaveProperty('channel');
    expect(await page.locator('#assistant-context').textContent()).toContain(`campaña ${id}`);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'crm.png'), fullPage: false });

    await page.goto(`${bff.url}/?page=stats`);
    await numbers(page, '#page ig-channel-kpis');
    await page.locator('#page ig-filter-bar select#period').selectOption('last7');
    const statsContext = await ask(page, '¿Cuántos se enviaron?');
    expect(statsContext).toMatchObject({ channel: 'push' });
    const days = (Date.parse(String(statsContext.to)) - Date.parse(String(statsContext.from))) / 86_400_000 + 1;
    expect(days).toBe(7);
    await context.close();
  });
});
