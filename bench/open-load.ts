/**
 * Open-loop load generator for `npm run bench -- latency`, run as its own process so its work does
 * not share an event loop with the server it measures (bench/open-loop.ts explains the method).
 * Usage: open-load.ts '<json>' with a Target (bench/targets.ts) plus { rate, seconds }.
 * Every request's bytes are built before the schedule starts and sent by bench/raw-http.ts on
 * keep-alive sockets on loopback, as many as the load needs (up to 1024), so the generator takes as
 * little CPU as it can from the server it measures. A GraphQL answer with `errors` counts as failed
 * like a non-2xx. Prints one JSON line: the OpenLoopResult, the failures by cause (HTTP status, with
 * a 503's detail; `graphql`; `network` with the error's code) and the generator's own CPU time
 * during the schedule (`cpuMs`).
 */
import { runOpenLoop, scheduleSize } from './open-loop.js';
import { rawClient, requestBytes } from './raw-http.js';
import { requester, type Target } from './targets.js';

const args = JSON.parse(process.argv[2]!) as Target & { rate: number; seconds: number };
const origin = new URL(args.url);
const build = requester(args);
const requests = Array.from({ length: scheduleSize(args.rate, args.seconds * 1000) }, (_, i) => {
  const r = build(i);
  return requestBytes(origin.host, r.method, r.path, r.headers, r.body);
});
const client = rawClient(origin);
/** Failed answers by HTTP status ('graphql' for a 200 carrying errors, 'network' for transport errors). */
const failures: Record<string, number> = {};
const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);

async function send(i: number): Promise<boolean> {
  let answer;
  try {
    answer = await client.request(requests[i]!);
  } catch (err) {
    fail(`network ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    throw err;
  }
  const { status, body } = answer;
  // A 503 names which limit answered it (admission "at capacity", the pool "busy", a timeout).
  if (status === 503) fail(`503 ${/"detail":"([^"]{0,60})/.exec(body.toString())?.[1] ?? ''}`);
  else if (status < 200 || status > 299) fail(String(status));
  else if (args.graphql && body.includes('"errors"')) fail('graphql');
  else return true;
  return false;
}

const cpu0 = process.cpuUsage();
const result = await runOpenLoop({ rate: args.rate, durationMs: args.seconds * 1000, drainMs: 5000, send });
const { user, system } = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ...result, failures, cpuMs: (user + system) / 1000 }) + '\n');
process.exit(0); // answers still outstanding are abandoned with their sockets
