/**
 * `npm run bench -- start`: `npm start` as a new user meets it, on this machine.
 *  1. Fresh: a clone of this repository's HEAD (node_modules linked from here, as `npm ci` would have
 *     made them; no dist/, no .data/): time to "ready" (the URLs printed), to the first screen's data
 *     (the CDN entry served and GET /v1/kpis?channel=push answering with the project's sends, asked as
 *     soon as it is ready), and to the end of the background loads (chat, agents, campaigns, journeys);
 *     the start's own phase times as it printed them.
 *  2. Warm: the same clone and data directory started again (bundles built, cluster made, nothing
 *     due): time to ready.
 * Aims (issue 15): fresh ≤ 15 s with the first screen's data; warm ≤ 2 s. Ports are free ones on
 * 127.0.0.1; the clone is removed at the end. Commit first: the clone is of HEAD.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../lib/testing/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CAP_S = Number(process.env.BENCH_START_CAP_S ?? 240);
const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${load()}`);

const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-bench-start-'));
try {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, path.join(dir, 'repo')]);
  const repo = path.join(dir, 'repo');
  await symlink(path.join(root, 'node_modules'), path.join(repo, 'node_modules'));
  console.log(`a fresh clone of ${head} (node_modules linked)\n`);
  const env = { IG_DATA_DIR: path.join(dir, 'data'), PG_PORT: String(await freePort()), PORT: String(await freePort()), SIMULATOR_PORT: '0' };

  const fresh = await startOnce(repo, env, { background: true });
  console.log(`  fresh start: ready ${s(fresh.ready)}, first screen's data ${s(fresh.firstData)} (aim 15 s), background loads done ${fresh.background === undefined ? `not within ${CAP_S} s` : s(fresh.background)}`);
  console.log(`    its phases: ${fresh.phases.join('; ')}`);
  const warm = await startOnce(repo, env, { background: false });
  console.log(`  warm start (same clone and data): ready ${s(warm.ready)}, first screen's data ${s(warm.firstData)} (aim 2 s)`);
  console.log(`  load average at the end: ${load()}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

interface StartFigures {
  ready: number;
  firstData: number;
  background?: number;
  phases: string[];
}

async function startOnce(repo: string, env: Record<string, string>, opts: { background: boolean }): Promise<StartFigures> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  try {
    await waitFor(child, () => output, /Ctrl-C stops everything/);
    const ready = performance.now() - t0;
    const url = /BFF and demo pages on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const token = /token: (\S+)/.exec(output)?.[1];
    if (!url || !token) throw new Error(`npm start printed no URL or token:\n${output}`);
    const entry = await fetch(`${url}/widgets/ig-widgets.js`);
    if (!entry.ok) throw new Error(`GET /widgets/ig-widgets.js: ${entry.status}`);
    await entry.arrayBuffer();
    const kpis = await fetch(`${url}/v1/kpis?channel=push`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await kpis.json()) as { metrics?: { key: string; value: number | null }[] };
    const sent = body.metrics?.find((m) => m.key === 'sent')?.value ?? 0;
    if (!kpis.ok || !(sent > 0)) throw new Error(`GET /v1/kpis?channel=push after ready: ${kpis.status} ${JSON.stringify(body).slice(0, 300)}`);
    const firstData = performance.now() - t0;
    let background: number | undefined;
    if (opts.background) {
      await waitFor(child, () => output, /background: (\d+)\/\1 /).then(
        () => (background = performance.now() - t0),
        () => undefined,
      );
    }
    const phases = [...output.matchAll(/^ {2}(?!background)(\S[^\n[]*?) \[(\d+\.\d) s\]$/gm)].map((m) => `${m[1]!.split(/[:(]/)[0]!.trim()} ${m[2]} s`);
    return { ready, firstData, background, phases };
  } finally {
    await stop(child);
  }
}

function waitFor(child: ChildProcess, output: () => string, re: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (re.test(output())) done(resolve);
      else if (child.exitCode !== null) done(() => reject(new Error(`npm start exited with ${child.exitCode}:\n${output()}`)));
    }, 50);
    const cap = setTimeout(() => done(() => reject(new Error(`npm start did not print ${re} within ${CAP_S} s`))), CAP_S * 1000);
    const done = (then: () => void) => {
      clearInterval(timer);
      clearTimeout(cap);
      then();
    };
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killer);
}
