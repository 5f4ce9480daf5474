/**
 * `npm run bench -- latency`: what a user waits for GET /v1/kpis at normal load, and a peer measured
 * side by side in one run (docs/adr/028-latency-open-loop-and-peer.md).
 *  1. Capacity, closed loop (autocannon, 50 connections, its own process): the BFF as shipped (JWT,
 *     zod, RLS scope, JSON logs to /dev/null) cold (every request its own from/to, so the response
 *     cache misses), alternated with the peer, PostGraphile 4 (bench/peer.ts), cold: 3 rounds of 5 s
 *     each, medians; then the BFF warm (the same request), 10 s. Saturated throughput only: at
 *     saturation latency measures the queue. Beside it, the CPU time per request (the server's own
 *     process plus the bench's PostgreSQL cluster, from /proc): unlike throughput, other jobs on a
 *     shared machine do not change it, so its ratio is the capacity ratio the two would have on cores
 *     of their own. Each server runs in a process of its own (bench/latency-server.ts), so its
 *     pauses, garbage collections and CPU time are its own, not the other's or the bench stack's.
 *  2. Open loop (bench/open-loop.ts, its own process): fixed arrival rates at 25 %, 50 % and 75 % of
 *     the BFF's cold capacity, each sent to the BFF and then to the peer (equal offered load), and at
 *     the same shares of the warm capacity to the BFF warm; latency from each request's scheduled send,
 *     10 s per level; cold, 3 rounds per level (the order of the two swapped every round), medians.
 *     The generator (bench/open-load.ts, bench/raw-http.ts) prepares every request before it starts.
 *     Before any load: both answer the same figures for the same periods, and the peer with project
 *     A's token cannot read project B.
 * Rate limits are off for the run (they would answer the load with 429); pools of 10 connections.
 */
import { execFile, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { addDays, todayIn } from '../lib/dates.js';
import { createPool } from '../lib/db.js';
import { startStack } from '../lib/testing/stack.js';
import type { KpisResult } from '../bff/services/kpis.js';
import { scheduleSize, type OpenLoopResult } from './open-loop.js';
import type { ServerArgs, ServerMessage } from './latency-server.js';
import { askPeer, PEER_KPIS_QUERY, type PeerKpis } from './peer.js';
import type { LoadResult } from './stats.js';
import { VARIED_PAIRS, variedRange, type Target } from './targets.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LEVELS = [0.25, 0.5, 0.75];
/** Open-loop rounds per level and server (cold): single 10 s rounds on a shared two-core machine swung 10× between runs. */
const OPEN_ROUNDS = 3;
/** Alternated capacity rounds of the BFF and the peer (cold), SECONDS / 2 each. */
const ROUNDS = 3;
const POOL = 10;
const PROJECT = '100275';

const exec = promisify(execFile);
type Closed = LoadResult & { non2xx: number };
/** Runs a generator in its own process (asynchronously: the servers under test live in this one). */
async function generator<T>(script: string, args: object, seconds: number): Promise<T> {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { timeout: (seconds + 40) * 1000 });
  return JSON.parse(stdout) as T;
}
/**
 * Cold targets vary from/to per request; every run starts past the requests of the runs before it
 * on the same server, so no request of the whole bench repeats an earlier one and hits the BFF's
 * response cache: each generator counts from 0, and without the offset a run repeated the previous
 * run's requests, which the cache then answered (the "cold" figures were partly warm).
 */
const sentSoFar = new Map<string, number>(); // per server (target URL)
function fresh(t: Target, willSend: number): Target {
  if (!t.vary) return t;
  const offset = sentSoFar.get(t.url) ?? 0;
  sentSoFar.set(t.url, offset + willSend);
  if (offset + willSend > VARIED_PAIRS) console.log(`  (warning: more than ${VARIED_PAIRS} cold requests to ${t.url} in this run: periods repeat and may hit the cache)`);
  return { ...t, vary: { ...t.vary, offset } };
}
const closed = async (t: Target, seconds: number) => {
  const start = sentSoFar.get(t.url) ?? 0;
  const r = await generator<Closed>('bench/http-load.ts', { ...fresh(t, 0), connections: CONNECTIONS, seconds }, seconds);
  if (t.vary) sentSoFar.set(t.url, start + r.n + CONNECTIONS); // the answered ones, and at most one more per connection
  return r;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
type Open = OpenLoopResult & { failures?: Record<string, number>; cpuMs: number; stallMs: number; gcMaxMs: number; seen?: string };
let tracer: Tracer | undefined;
/** An open-loop level against `server`, with the server's own longest event-loop delay and garbage collection meanwhile. */
const open = async (server: ServerProcess, t: Target, rate: number): Promise<Open> => {
  await server.begin();
  tracer?.begin();
  const r = await generator<OpenLoopResult & { failures?: Record<string, number>; cpuMs: number }>('bench/open-load.ts', { ...fresh(t, scheduleSize(rate, SECONDS * 1000)), rate, seconds: SECONDS }, SECONDS);
  const seen = await tracer?.end();
  const pauses = await server.end();
  return { ...r, ...pauses, ...(seen ? { seen } : {}) };
};

interface ServerProcess {
  url: string;
  pid: number;
  begin(): Promise<void>;
  end(): Promise<{ stallMs: number; gcMaxMs: number }>;
  stop(): Promise<void>;
}
/** Starts a server under test in a process of its own (bench/latency-server.ts). */
async function startServer(args: ServerArgs): Promise<ServerProcess> {
  const child = fork('bench/latency-server.ts', [JSON.stringify(args)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<ServerMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench: the ${args.kind} process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as ServerMessage);
      });
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`bench: the ${args.kind} process said ${JSON.stringify(ready)}`);
  return {
    url: ready.url,
    pid: child.pid!,
    begin: async () => void child.send({ type: 'begin' }),
    end: async () => {
      const answer = next();
      child.send({ type: 'end' });
      const m = await answer;
      if (m.type !== 'ended') throw new Error(`bench: the ${args.kind} process said ${JSON.stringify(m)}`);
      return { stallMs: m.stallMs, gcMaxMs: m.gcMaxMs };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** CPU ticks of the whole machine from /proc/stat: [busy, steal, iowait]. */
function machineTicks(): number[] {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return [f[0]! + f[1]! + f[2]! + f[5]! + f[6]!, f[7]!, f[4]!];
}
interface Tracer {
  begin(): void;
  end(): Promise<string>;
  close(): Promise<void>;
}
/**
 * BENCH_LATENCY_TRACE=1: what else the machine and PostgreSQL did during each open-loop level, to
 * explain a tail: the machine's busy share, the hypervisor's steal and the I/O wait (from /proc/stat),
 * checkpoints, and every 20 ms PostgreSQL's processes that are not client backends and not idle
 * (autovacuum workers with their tables, the checkpointer writing) and any backend waiting for a
 * lock, counted by kind.
 */
function startTracer(ownerUrl: string): Tracer {
  const db = createPool(ownerUrl, { max: 1 });
  let timer: NodeJS.Timeout | undefined;
  let ticks: number[] = [];
  let t0 = 0;
  let counts = new Map<string, number>();
  let checkpoints = 0;
  const checkpointCount = async () => Number((await db.query<{ n: string }>('SELECT num_timed + num_requested AS n FROM pg_stat_checkpointer')).rows[0]!.n);
  const sample = async () => {
    const { rows } = await db.query<{ what: string }>(
      `SELECT concat_ws(' ', backend_type, wait_event_type, wait_event, CASE WHEN backend_type = 'autovacuum worker' THEN left(query, 60) END) AS what
         FROM pg_stat_activity
        WHERE pid <> pg_backend_pid()
          AND (backend_type = 'autovacuum worker' OR wait_event_type = 'Lock'
               OR (backend_type <> 'client backend' AND wait_event_type IS DISTINCT FROM 'Activity'))`,
    );
    for (const { what } of rows) counts.set(what, (counts.get(what) ?? 0) + 1);
  };
  const loop = () => {
    timer = setTimeout(() => void sample().catch(() => undefined).then(() => timer && loop()), 20);
  };
  return {
    begin() {
      counts = new Map();
      ticks = machineTicks();
      t0 = Date.now();
      void checkpointCount().then((n) => (checkpoints = n));
      loop();
    },
    async end() {
      clearTimeout(timer);
      timer = undefined;
      const [busy, steal, iowait] = machineTicks().map((x, i) => ((x - ticks[i]!) * TICK_MS) / (Date.now() - t0) / os.cpus().length);
      const ck = (await checkpointCount()) - checkpoints;
      const kinds = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`).join('; ');
      return `busy ${(busy! * 100).toFixed(0)} %, steal ${(steal! * 100).toFixed(1)} %, iowait ${(iowait! * 100).toFixed(1)} %, checkpoints ${ck}; PostgreSQL besides the queries: ${kinds || 'nothing'}`;
    },
    close: () => db.end(),
  };
}

const f = (x: number, w = 6) => (Number.isFinite(x) ? x.toFixed(x < 100 ? 1 : 0) : '-').padStart(w);
const loadNow = () => os.loadavg()[0]!.toFixed(2);

/** Fields of /proc/<pid>/stat after the command name (1: ppid, 11/12: utime/stime, 13/14: reaped children's), or undefined. */
function readProcStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux
/** CPU time (ms) of one process (its threads: event loop, garbage collector, libuv pool). NaN off Linux. */
function processCpuMs(pid: number): number {
  const f = readProcStat(pid);
  return f ? (Number(f[11]) + Number(f[12])) * TICK_MS : NaN;
}
/** CPU time (ms) of a PostgreSQL cluster: the postmaster, its live children and those it reaped. NaN off Linux. */
function clusterCpuMs(postmaster: number): number {
  if (!Number.isFinite(postmaster)) return NaN;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const f = readProcStat(pid);
    if (!f) continue;
    // Live children count their own time; the postmaster also carries the time of children it has
    // reaped (cutime, cstime), so a backend that ends during a run is not lost.
    if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    else if (pid === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks * TICK_MS;
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.release()}, load ${loadNow()}`);
console.log(`capacity: autocannon, ${CONNECTIONS} connections, BFF and peer alternated ${ROUNDS} × ${Math.max(2, Math.round(SECONDS / 2))} s, warm ${SECONDS} s; open loop: ${SECONDS} s per level, latency from the scheduled send; pools of ${POOL}\n`);

const stack = await startStack({ syncDays: 120 });
const closers: (() => Promise<unknown>)[] = [stack.stop];
try {
  const tokenA = stack.tokens[PROJECT]!;
  const other = Object.keys(stack.tokens).find((p) => p !== PROJECT)!;
  const today = todayIn('UTC');
  const base = addDays(today, -730);

  // The two servers under test, each in a process of its own: the BFF as shipped (JSON logs to
  // /dev/null) and the peer.
  const serverArgs = { apiUrl: stack.database.apiUrl, ownerUrl: stack.database.ownerUrl, env: { PORT: '0', PG_POOL_MAX: String(POOL), RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0' } };
  const bff = await startServer({ kind: 'bff', ...serverArgs });
  closers.push(() => bff.stop());
  const peer = await startServer({ kind: 'peer', ...serverArgs });
  closers.push(() => peer.stop());
  const bffUrl = bff.url;

  // ---- same figures, and isolation, before any load ----
  const bffKpis = async (token: string, r: { from: string; to: string }) => {
    const res = await fetch(`${bffUrl}&from=${r.from}&to=${r.to}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`bench: the BFF answered ${res.status}`);
    return (await res.json()) as KpisResult;
  };
  const peerKpis = async (token: string, r: { from: string; to: string }) => {
    const { status, body } = await askPeer(peer.url, token, PEER_KPIS_QUERY, { channel: 'push', ...r });
    if (status !== 200 || body.errors) throw new Error(`bench: the peer answered ${status} ${JSON.stringify(body.errors)}`);
    return body.data!.kpis as PeerKpis;
  };
  const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  const ranges = [{ from: addDays(today, -29), to: today }, ...[0, 1, 350, 699, 700, 5000, 20_999].map((n) => variedRange(base, n))];
  for (const [token, project] of [[tokenA, PROJECT], [stack.tokens[other]!, other]] as const) {
    for (const r of ranges) {
      const [b, p] = await Promise.all([bffKpis(token, r), peerKpis(token, r)]);
      const m = Object.fromEntries(b.metrics.map((x) => [x.key, x]));
      const pairs: [string, number | null, number | null][] = [
        ['projectId', Number(b.projectId), Number(p.projectId)],
        ['project', Number(project), Number(p.projectId)],
        ['hasData', Number(b.hasData), Number(p.hasData)],
        ...(['sent', 'delivered', 'clicked'] as const).flatMap((k): [string, number | null, number | null][] => [
          [k, m[k]!.value, p[k]],
          [`previous ${k}`, m[k]!.previous, p[`previous${k[0]!.toUpperCase()}${k.slice(1)}` as 'previousSent']],
        ]),
        ['ctr', m.ctr!.value, p.ctr],
        ['previous ctr', m.ctr!.previous, p.previousCtr],
      ];
      const periods = [b.period.from, b.period.to, b.previousPeriod.from, b.previousPeriod.to].join() === [p.periodFrom, p.periodTo, p.previousFrom, p.previousTo].join();
      const wrong = pairs.filter(([, x, y]) => !same(x, y));
      if (wrong.length || !periods || b.timeZone !== p.timeZone) {
        throw new Error(`bench: the peer and the BFF differ for project ${project} ${r.from}..${r.to}: ${JSON.stringify({ wrong, periods })}`);
      }
    }
  }
  const rowsOf = async (token: string | undefined, projectId?: string) => {
    const cond = projectId ? `(condition: { projectId: "${projectId}" })` : '';
    return askPeer(peer.url, token, `{ allPushDays${cond} { totalCount } }`);
  };
  const count = (r: Awaited<ReturnType<typeof rowsOf>>) => (r.body.data?.allPushDays as { totalCount: number } | undefined)?.totalCount;
  const owner = createPool(stack.database.ownerUrl, { max: 1 });
  const truth = await owner.query<{ a: number; b: number }>(
    `SELECT count(*) FILTER (WHERE project_id = $1) AS a, count(*) FILTER (WHERE project_id = $2) AS b FROM marts.channel_daily WHERE channel = 'push'`,
    [PROJECT, other],
  );
  await owner.end();
  const { a: rowsA, b: rowsB } = truth.rows[0]!;
  const crossing = {
    everyRowWithA: count(await rowsOf(tokenA)),
    rowsOfBWithA: count(await rowsOf(tokenA, other)),
    rowsOfBWithB: count(await rowsOf(stack.tokens[other]!, other)),
    forged: await rowsOf(stack.forgedToken),
    none: await rowsOf(undefined),
  };
  if (
    !(rowsA > 0 && rowsB > 0) ||
    crossing.everyRowWithA !== rowsA ||
    crossing.rowsOfBWithA !== 0 ||
    crossing.rowsOfBWithB !== rowsB ||
    crossing.forged.status !== 401 || crossing.forged.body.data ||
    crossing.none.status !== 401 || crossing.none.body.data
  ) {
    throw new Error(`bench: the peer's isolation check failed: ${JSON.stringify({ rowsA, rowsB, ...crossing })}`);
  }
  console.log(`checks: the peer and the BFF answer the same figures (${ranges.length} periods × 2 projects); with project ${PROJECT}'s token the peer sees its ${rowsA} push rows and 0 of project ${other}'s ${rowsB}; a forged token and no token get 401\n`);

  // ---- capacity (closed loop) ----
  const targets = {
    bffCold: { url: bffUrl, token: tokenA, vary: { base } },
    bffWarm: { url: bffUrl, token: tokenA },
    peerCold: { url: peer.url, token: tokenA, vary: { base }, graphql: { query: PEER_KPIS_QUERY, variables: { channel: 'push' } } },
  } satisfies Record<string, Target>;
  // Warm-up, not reported: JIT and plan caches of both servers, the pools' connections.
  await closed(targets.bffCold, 2);
  await closed(targets.peerCold, 2);
  console.log('capacity (closed loop, saturated):');
  // CPU time per request, which other jobs on the machine do not change (wall-clock throughput they
  // do): the server's own process (bench/latency-server.ts) and every process of
  // the bench's own PostgreSQL cluster, from /proc, around each run.
  const ownerPool = createPool(stack.database.ownerUrl, { max: 1 });
  const { rows: [backend] } = await ownerPool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const postmaster = backend ? Number(readProcStat(backend.pid)?.[1]) : NaN; // a backend's parent
  await ownerPool.end();
  const cpuMs = (server: ServerProcess) => ({ server: processCpuMs(server.pid), pg: clusterCpuMs(postmaster) });
  const capacity = async (label: string, server: ServerProcess, t: Target, seconds: number) => {
    const before = cpuMs(server);
    const r = await closed(t, seconds);
    const after = cpuMs(server);
    const cpu = { server: (after.server - before.server) / r.n, pg: (after.pg - before.pg) / r.n };
    console.log(
      `  ${label.padEnd(44)} ${f(r.rps, 7)} req/s   (p50 ${f(r.p50)} ms, p99 ${f(r.p99)} ms: the queue)  CPU/request ${(cpu.server + cpu.pg).toFixed(2)} ms (server ${cpu.server.toFixed(2)} + PostgreSQL ${cpu.pg.toFixed(2)})` +
        `${r.non2xx ? `  ${r.non2xx} non-2xx!` : ''}   load ${loadNow()}`,
    );
    return { ...r, cpu: cpu.server + cpu.pg };
  };
  // The BFF and the peer alternate, ROUNDS times each, in pairs run back to back (order swapped every
  // round), so load from elsewhere on the machine falls on both alike; medians of each and of the
  // pairs' ratios.
  const bffRuns: (Closed & { cpu: number })[] = [];
  const peerRuns: (Closed & { cpu: number })[] = [];
  const pairRatios: number[] = [];
  const half = { seconds: Math.max(2, Math.round(SECONDS / 2)) };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['bff', 'peer'] as const) : (['peer', 'bff'] as const);
    const got: Partial<Record<'bff' | 'peer', Closed & { cpu: number }>> = {};
    for (const who of order) {
      got[who] = await capacity(`${who === 'bff' ? 'BFF GET /v1/kpis' : 'peer PostGraphile 4.14 kpis()'}, cold, round ${round + 1}`, who === 'bff' ? bff : peer, who === 'bff' ? targets.bffCold : targets.peerCold, half.seconds);
    }
    bffRuns.push(got.bff!);
    peerRuns.push(got.peer!);
    pairRatios.push(got.bff!.rps / got.peer!.rps);
  }
  const capBffCold = { rps: median(bffRuns.map((r) => r.rps)) };
  const capPeer = { rps: median(peerRuns.map((r) => r.rps)) };
  const capRatio = median(pairRatios);
  const capBffWarm = await capacity('BFF GET /v1/kpis, warm (response cache)', bff, targets.bffWarm, SECONDS);
  const cpuBff = median(bffRuns.map((r) => r.cpu));
  const cpuPeer = median(peerRuns.map((r) => r.cpu));
  const cpuRatio = cpuPeer / cpuBff;
  console.log(`  CPU per request, medians, cold: BFF ${cpuBff.toFixed(2)} ms, peer ${cpuPeer.toFixed(2)} ms: on the same cores the BFF serves ${cpuRatio.toFixed(2)}× the peer's requests (server and PostgreSQL; the load generator's share left out)`);
  console.log(`  medians, cold: BFF ${f(capBffCold.rps, 0).trim()} req/s, peer ${f(capPeer.rps, 0).trim()} req/s; BFF / peer ${capRatio.toFixed(2)}× (median of the pairs' ratios ${pairRatios.map((r) => r.toFixed(2)).join(', ')}; aim ≥ 1.5)\n`);

  // ---- open loop ----
  if (process.env.BENCH_LATENCY_TRACE === '1') {
    tracer = startTracer(stack.database.ownerUrl);
    closers.push(() => tracer!.close());
  }
  const row = (r: Open) =>
    `${f(r.achievedRps, 6)} ${f(r.p50)} ${f(r.p90)} ${f(r.p99)} ${f(r.max, 7)} ${f(r.maxSendLagMs, 5)} ${f(r.stallMs, 5)} ${f(r.gcMaxMs, 4)} ${(r.cpuMs / Math.max(1, r.completed)).toFixed(2).padStart(4)}` +
    (r.failed || r.unfinished ? ` (${r.failed} failed ${JSON.stringify(r.failures ?? {})}, ${r.unfinished} unfinished)` : '');
  const head = 'achieved    p50    p90    p99     max   lag stall   gc  gen';
  console.log(`open loop, cold (each request its own from/to), the same offered rates to both; ms from the scheduled send (lag: the generator's own worst lateness, included; stall and gc: the server's own process, its event loop's longest delay and its longest garbage collection; gen: the generator's CPU ms per request):`);
  console.log(`  level  offered │ BFF ${head} │ peer ${head} │ p99 peer/BFF`);
  let lowerEverywhere = true;
  let p99At50 = NaN;
  for (const level of LEVELS) {
    const rate = Math.round(capBffCold.rps * level);
    const p99s = { bff: [] as number[], peer: [] as number[] };
    for (let round = 0; round < OPEN_ROUNDS; round++) {
      // Back to back, the order swapped at every round and level, so neither always runs after the other.
      const bffFirst = (LEVELS.indexOf(level) + round) % 2 === 0;
      const first = bffFirst ? await open(bff, targets.bffCold, rate) : await open(peer, targets.peerCold, rate);
      const second = bffFirst ? await open(peer, targets.peerCold, rate) : await open(bff, targets.bffCold, rate);
      const [b, p] = bffFirst ? [first, second] : [second, first];
      p99s.bff.push(b.p99);
      p99s.peer.push(p.p99);
      const label = round === 0 ? `${level * 100} %`.padStart(5) : ''.padStart(5);
      console.log(`  ${label} ${f(rate, 6)}/s │ ${row(b).padEnd(head.length + 4)} │ ${row(p).padEnd(head.length + 5)} │ ${(p.p99 / b.p99).toFixed(2)}×   load ${loadNow()}`);
      if (b.seen) console.log(`           BFF:  ${b.seen}\n           peer: ${p.seen}`);
    }
    const [b99, p99] = [median(p99s.bff), median(p99s.peer)];
    if (!(b99 < p99)) lowerEverywhere = false;
    if (level === 0.5) p99At50 = b99;
    console.log(`        median p99 of the ${OPEN_ROUNDS} rounds: BFF ${b99.toFixed(1)} ms, peer ${p99.toFixed(1)} ms (${(p99 / b99).toFixed(2)}×)`);
  }
  console.log(`\nopen loop, warm (the same request), shares of the warm capacity:`);
  console.log(`  level  offered │ BFF ${head}`);
  for (const level of LEVELS) {
    const rate = Math.round(capBffWarm.rps * level);
    const w = await open(bff, targets.bffWarm, rate);
    console.log(`  ${`${level * 100} %`.padStart(5)} ${f(rate, 6)}/s │ ${row(w)}   load ${loadNow()}${w.seen ? `\n           ${w.seen}` : ''}`);
  }
  console.log(
    `\n  aims: p99 at 50 % of cold capacity ${p99At50.toFixed(1)} ms (≤ 25 ms: ${p99At50 <= 25 ? 'met' : 'missed'}); ` +
      `capacity ${capRatio.toFixed(2)}× the peer's by throughput, ${cpuRatio.toFixed(2)}× by CPU per request (≥ 1.5: ${capRatio >= 1.5 ? 'met' : 'missed'}, ${cpuRatio >= 1.5 ? 'met' : 'missed'}); lower p99 than the peer at every level: ${lowerEverywhere ? 'yes' : 'no'}`,
  );
} finally {
  for (const c of closers.reverse()) await c().catch(() => undefined);
}
