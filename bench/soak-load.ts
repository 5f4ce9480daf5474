/**
 * Load generator for `npm run bench -- soak`, in its own process: autocannon against one BFF, N
 * connections for S seconds, a mix of routes and tokens. Prints one JSON line: requests, req/s,
 * status counts, socket errors and timeouts, p50/p99 in ms, and the 200s and the socket errors of each
 * wall-clock second.
 * Usage: soak-load.ts '<json>' with { origin, tokens, connections, seconds }.
 */
import autocannon from 'autocannon';

interface Args {
  origin: string;
  tokens: string[];
  connections: number;
  seconds: number;
}
const args = JSON.parse(process.argv[2]!) as Args;
const PATHS = [
  '/v1/kpis?channel=push',
  '/v1/kpis?channel=all',
  '/v1/timeseries?channel=push&metric=sent&interval=day',
  '/v1/breakdown?by=platform&channel=push&metric=sent',
  '/v1/meta',
  '/v1/campaigns?limit=20',
  '/widgets/ig-widgets.js',
  '/healthz',
];
let i = 0;
const samples: number[] = [];
const statuses: Record<string, number> = {};
/** 200s per wall-clock second (epoch seconds → count): how the throughput falls and comes back. */
const okPerSecond: Record<number, number> = {};
/** Socket errors and timeouts per wall-clock second: when they happen, beside the faults. */
const errorsPerSecond: Record<number, number> = {};
let errors = 0;
let timeouts = 0;
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: args.origin,
      connections: args.connections,
      duration: args.seconds,
      timeout: 10,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const n = i++;
            return { ...req, path: PATHS[n % PATHS.length]!, headers: { ...req.headers, authorization: `Bearer ${args.tokens[n % args.tokens.length]}`, 'accept-encoding': 'gzip' } };
          },
        },
      ],
    },
    (err, r) => (err ? reject(err) : resolve(r)),
  );
  instance.on('response', (_client, status, _bytes, ms) => {
    samples.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) {
      const sec = Math.floor(Date.now() / 1000);
      okPerSecond[sec] = (okPerSecond[sec] ?? 0) + 1;
    }
  });
  instance.on('reqError', () => {
    errors++;
    const sec = Math.floor(Date.now() / 1000);
    errorsPerSecond[sec] = (errorsPerSecond[sec] ?? 0) + 1;
  });
});
timeouts = result.timeouts;
samples.sort((a, b) => a - b);
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
process.stdout.write(
  JSON.stringify({ requests: samples.length, rps: samples.length / args.seconds, statuses, errors: result.errors, reqErrors: errors, timeouts, p50: q(0.5), p99: q(0.99), okPerSecond, errorsPerSecond }) + '\n',
);
