/**
 * Open-loop load generator for `npm run bench -- latency`, run as its own process so its work does
 * not share an event loop with the server it measures (bench/open-loop.ts explains the method).
 * Usage: open-load.ts '<json>' with a Target (bench/targets.ts) plus { rate, seconds }.
 * Keep-alive sockets on loopback, as many as the load needs (up to 1024); a GraphQL answer with
 * `errors` counts as failed like a non-2xx. Prints one JSON line: the OpenLoopResult and the
 * failures by cause (HTTP status, with a 503's detail; `graphql`; `network` with the error's code).
 */
import http from 'node:http';
import { runOpenLoop } from './open-loop.js';
import { requester, type Target } from './targets.js';

const args = JSON.parse(process.argv[2]!) as Target & { rate: number; seconds: number };
const origin = new URL(args.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
const build = requester(args);
/** Failed answers by HTTP status ('graphql' for a 200 carrying errors, 'network' for transport errors). */
const failures: Record<string, number> = {};
const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);

function send(i: number): Promise<boolean> {
  const r = build(i);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: origin.hostname, port: origin.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        // A 503 names which limit answered it (admission "at capacity", the pool "busy", a timeout).
        if (status === 503) fail(`503 ${/"detail":"([^"]{0,60})/.exec(Buffer.concat(chunks).toString())?.[1] ?? ''}`);
        else if (status < 200 || status > 299) fail(String(status));
        else if (args.graphql && Buffer.concat(chunks).includes('"errors"')) fail('graphql');
        else return resolve(true);
        resolve(false);
      });
      res.on('error', (err) => (fail(`network ${(err as NodeJS.ErrnoException).code ?? err.message}`), reject(err)));
    });
    req.on('error', (err) => (fail(`network ${(err as NodeJS.ErrnoException).code ?? err.message}`), reject(err)));
    req.end(r.body);
  });
}

const result = await runOpenLoop({ rate: args.rate, durationMs: args.seconds * 1000, drainMs: 5000, send });
process.stdout.write(JSON.stringify({ ...result, failures }) + '\n');
process.exit(0); // answers still outstanding are abandoned with their sockets
