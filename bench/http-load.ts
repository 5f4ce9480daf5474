/**
 * Closed-loop load generator for `npm run bench -- bff` and `-- latency` (capacity), run as its own
 * process so the client's work does not share an event loop with the server it measures: autocannon,
 * N connections, bounded in time. Usage: http-load.ts '<json>' with a Target (bench/targets.ts) plus
 * { connections, seconds }.
 * Prints one JSON line: completed requests, req/s, non-2xx count, p50/p95/p99 in ms (every
 * response's latency is kept, so the percentiles are exact).
 */
import autocannon from 'autocannon';
import { percentiles, type LoadResult } from './stats.js';
import { requester, type Target } from './targets.js';

const args = JSON.parse(process.argv[2]!) as Target & { connections: number; seconds: number };
const build = requester(args);
let i = 0;

const samples: number[] = [];
let non2xx = 0;
let done!: (r: autocannon.Result) => void;
let failed!: (e: unknown) => void;
const finished = new Promise<autocannon.Result>((resolve, reject) => {
  done = resolve;
  failed = reject;
});
const instance = autocannon({
  url: new URL(args.url).origin,
  connections: args.connections,
  duration: args.seconds,
  requests: [
    {
      setupRequest: (req) => {
        const r = build(i++);
        return { ...req, method: r.method, path: r.path, headers: { ...req.headers, ...r.headers }, ...(r.body !== undefined ? { body: r.body } : {}) };
      },
    },
  ],
}, (err, r) => (err ? failed(err) : done(r)));
instance.on('response', (_client, status, _bytes, ms) => {
  samples.push(ms);
  if (status < 200 || status > 299) non2xx++;
});
const result = await finished;
const { p50, p95, p99 } = percentiles(samples);
const out: LoadResult & { non2xx: number } = {
  n: samples.length,
  rps: samples.length / ((result.duration as number) || args.seconds),
  p50,
  p95,
  p99,
  non2xx,
};
process.stdout.write(JSON.stringify(out) + '\n');
