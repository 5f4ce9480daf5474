/**
 * Open-loop load generator for `npm run bench -- latency`, run as its own process so its work does
 * not share an event loop with the server it measures (bench/open-loop.ts explains the method).
 * Usage: open-load.ts '<json>' with a Target (bench/targets.ts) plus { rate, seconds }.
 * Keep-alive sockets on loopback, as many as the load needs (up to 1024); a GraphQL answer with
 * `errors` counts as failed like a non-2xx. Prints one JSON line (OpenLoopResult).
 */
import http from 'node:http';
import { runOpenLoop } from './open-loop.js';
import { requester, type Target } from './targets.js';

const args = JSON.parse(process.argv[2]!) as Target & { rate: number; seconds: number };
const origin = new URL(args.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
const build = requester(args);

function send(i: number): Promise<boolean> {
  const r = build(i);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: origin.hostname, port: origin.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
        resolve(ok && !(args.graphql && Buffer.concat(chunks).includes('"errors"')));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

const result = await runOpenLoop({ rate: args.rate, durationMs: args.seconds * 1000, drainMs: 5000, send });
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0); // answers still outstanding are abandoned with their sockets
