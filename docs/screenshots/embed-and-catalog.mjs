import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Screenshots of the iframe mode (a host on another site) and of the element catalog, for the README:
// `node docs/screenshots/embed-and-catalog.mjs` (after `npm run build`). Runs `npm start` on port 8111
// with its data in .data-local, and a host page on localhost:8114.
const root = path.resolve(import.meta.dirname, '../..');
const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
  cwd: root,
  env: { ...process.env, PORT: '8111', PG_PORT: '54411', IG_DATA_DIR: '.data-local', EMBED_FRAME_ANCESTORS: 'http://localhost:8114' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let out = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (out += d));
const host = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost:8114');
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Partner CRM</title><style>
    body{margin:0;font:15px/1.4 system-ui,sans-serif;background:#f4f5f7;color:#222}
    header{background:#3b2a6b;color:#fff;padding:14px 24px;font-weight:600}
    main{max-width:1000px;margin:24px auto;padding:0 16px}
    .card{background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002;padding:12px}
    iframe{width:100%;border:0;display:block;height:300px}
    p.small{color:#666;font-size:13px}</style></head><body>
    <header>Partner CRM · http://localhost:8114 (another site than the BFF at 127.0.0.1:8111)</header>
    <main><h2>Push analytics</h2><p class="small">An iframe of /embed/ with the user's token handed over by postMessage; the frame sizes itself.</p>
    <div class="card"><iframe id="insights" src="${url.searchParams.get('bff')}/embed/?channel=push&locale=es"></iframe></div></main>
    <script>
      const token = ${JSON.stringify(url.searchParams.get('token'))};
      const frame = document.getElementById('insights');
      const bff = new URL(frame.src).origin;
      window.addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow || e.origin !== bff) return;
        if (e.data.type === 'ig-ready' || e.data.type === 'ig-token-request') frame.contentWindow.postMessage({ type: 'ig-token', token }, bff);
        if (e.data.type === 'ig-height') frame.style.height = e.data.height + 'px';
      });
    </script></body></html>`);
});
host.listen(8114, '127.0.0.1');
try {
  const started = Date.now();
  while (!/Ctrl-C stops everything/.test(out)) {
    if (child.exitCode !== null) throw new Error(out);
    if (Date.now() - started > 400_000) throw new Error('timeout\n' + out);
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(out.split('\n').filter((l) => /Ready|\[/.test(l)).slice(-3).join('\n'));
  const m = out.match(/(http:\/\/127\.0\.0\.1:8111)\/#token=(\S+)/);
  const [, bff, token] = m;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--test-third-party-cookie-phaseout'] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`http://localhost:8114/?bff=${encodeURIComponent(bff)}&token=${encodeURIComponent(token)}`);
  await page.frameLocator('iframe').locator('ig-channel-kpis [part~="value"][data-metric="sent"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(5000);
  await page.screenshot({ path: `${root}/docs/screenshots/embed-cross-site.png`, fullPage: true });
  const cat = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await cat.goto(`${bff}/catalog/#token=${token}`);
  await cat.waitForFunction(() => {
    const boxes = [...document.querySelectorAll('[data-example]')];
    return boxes.length >= 18 && boxes.every((b) => !b.hasAttribute('data-missing'));
  }, null, { timeout: 90_000 });
  const counts = await cat.evaluate(() => [...document.querySelectorAll('[data-example]')].filter((b) => !b.hasAttribute('data-missing')).length);
  console.log('catalog live examples', counts);
  await cat.waitForTimeout(4000);
  await cat.evaluate(() => document.getElementById('ig-timeseries').scrollIntoView({ block: 'start' }));
  await cat.waitForTimeout(1500);
  await cat.screenshot({ path: `${root}/docs/screenshots/catalog.png` });
  await browser.close();
} finally {
  host.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
