/**
 * Load generator for `npm run bench -- bff`, run as its own process so the client's work does not
 * share an event loop with the server it measures: autocannon, N connections, bounded in time.
 * Usage: http-load.ts '<json>' with { url, token?, connections, seconds, vary? }. `vary` makes every
 * request's from/to distinct (a cold cache); without it every request is the same.
 * Prints one JSON line: completed requests, req/s, non-2xx count, p50/p95/p99 in ms (every
 * response's latency is kept, so the percentiles are exact).
 */
import autocannon from 'autocannon';
import { addDays } from '../lib/dates.js';
import type { LoadResult } from './stats.js';

interface Args {
  url: string;
  token?: string;
  connections: number;
  seconds: number;
  vary?: { base: string };
}

const args = JSON.parse(process.argv[2]!) as Args;
const target = new URL(args.url);
let i = 0;
/** Request i's path: from/to pairs that do not repeat within 21 000 requests. */
const variedPath = () => {
  const n = i++;
  const from = addDays(args.vary!.base, n % 700);
  const to = addDays(from, 1 + (Math.floor(n / 700) % 30));
  const q = new URLSearchParams(target.search);
  q.set('from', from);
  q.set('to', to);
  return `${target.pathname}?${q}`;
};

const samples: number[] = [];
let non2xx = 0;
let done!: (r: autocannon.Result) => void;
let failed!: (e: unknown) => void;
const finished = new Promise<autocannon.Result>((resolve, reject) => {
  done = resolve;
  failed = reject;
});
const instance = autocannon({
  url: target.origin,
  connections: args.connections,
  duration: args.seconds,
  headers: args.token ? { authorization: `Bearer ${args.token}` } : {},
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: args.vary ? variedPath() : target.pathname + target.search }),
    },
  ],
}, (err, r) => (err ? failed(err) : done(r)));
instance.on('response', (_client, status, _bytes, ms) => {
  samples.push(ms);
  if (status < 200 || status > 299) non2xx++;
});
const result = await finished;
samples.sort((a, b) => a - b);
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const out: LoadResult & { non2xx: number } = {
  n: samples.length,
  rps: samples.length / ((result.duration as number) || args.seconds),
  p50: q(0.5),
  p95: q(0.95),
  p99: q(0.99),
  non2xx,
};
process.stdout.write(JSON.stringify(out) + '\n');
