/**
 * Load generator for `npm run bench -- soak`, in its own process: autocannon against one BFF, N
 * connections for S seconds over a mix of routes and tokens, in two instances: the tenant routes
 * (each a database read under RLS; three quarters of the connections) and the routes that never touch
 * the database (a static bundle, /healthz), so that the tenant routes' 200s per second say when the
 * data service falls and comes back. Prints one JSON line: requests, req/s, status counts, socket
 * errors and timeouts, p50/p99 in ms, and per wall-clock second the 200s (all, and of tenant routes)
 * and the socket errors.
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
const TENANT_PATHS = [
  '/v1/kpis?channel=push',
  '/v1/kpis?channel=all',
  '/v1/timeseries?channel=push&metric=sent&interval=day',
  '/v1/breakdown?by=platform&channel=push&metric=sent',
  '/v1/meta',
  '/v1/campaigns?limit=20',
];
const OTHER_PATHS = ['/widgets/ig-widgets.js', '/healthz'];

const samples: number[] = [];
const statuses: Record<string, number> = {};
/** 200s per wall-clock second (epoch seconds → count): how the throughput falls and comes back. */
const okPerSecond: Record<number, number> = {};
/** The same, tenant routes only. */
const tenantOkPerSecond: Record<number, number> = {};
/** Socket errors and timeouts per wall-clock second: when they happen, beside the faults. */
const errorsPerSecond: Record<number, number> = {};
const bump = (series: Record<number, number>) => {
  const sec = Math.floor(Date.now() / 1000);
  series[sec] = (series[sec] ?? 0) + 1;
};

function load(paths: string[], connections: number, tenant: boolean): Promise<autocannon.Result> {
  let i = 0;
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: args.origin,
        connections,
        duration: args.seconds,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const n = i++;
              return { ...req, path: paths[n % paths.length]!, headers: { ...req.headers, authorization: `Bearer ${args.tokens[n % args.tokens.length]}`, 'accept-encoding': 'gzip' } };
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
        bump(okPerSecond);
        if (tenant) bump(tenantOkPerSecond);
      }
    });
    // autocannon emits reqError for timeouts too.
    instance.on('reqError', () => bump(errorsPerSecond));
  });
}

const tenantConnections = Math.round((args.connections * 3) / 4);
const results = await Promise.all([load(TENANT_PATHS, tenantConnections, true), load(OTHER_PATHS, args.connections - tenantConnections, false)]);
samples.sort((a, b) => a - b);
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    requests: samples.length,
    rps: samples.length / args.seconds,
    statuses,
    // autocannon counts a timeout among its errors too.
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    p50: q(0.5),
    p99: q(0.99),
    okPerSecond,
    tenantOkPerSecond,
    errorsPerSecond,
  }) + '\n',
);
