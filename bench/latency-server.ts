/**
 * One server under test of `npm run bench -- latency`, in a process of its own (forked with an IPC
 * channel): the BFF as shipped (startBff, JSON logs to /dev/null, the response cache) or the peer
 * (bench/peer.ts). Alone in its process, its heap, garbage collections and event loop are its own, as
 * in production: neither the other server nor the bench's stack (simulator, sync, generators' parent)
 * adds to its pauses or its CPU time, which the bench reads from /proc for this pid.
 * Usage: fork with argv[2] = '{"kind":"bff"|"peer","apiUrl":…,"ownerUrl":…,"env":{…}}'; both
 * servers' pools have PG_POOL_MAX connections, kept open (fixed-size, as the BFF's by default).
 * Messages: it sends {type:'ready', url} once listening; to {type:'begin'} it starts watching its
 * event loop's delay and its garbage collections, to {type:'end'} it answers {type:'ended', stallMs,
 * gcMaxMs} (the longest of each since begin); to {type:'stop'} it closes everything and exits.
 */
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import { startBff } from '../bff/server.js';
import { loadConfig } from '../lib/config.js';
import { createLogger } from '../lib/log.js';
import { startPeer } from './peer.js';

export interface ServerArgs {
  kind: 'bff' | 'peer';
  apiUrl: string;
  ownerUrl: string;
  /** Configuration (lib/config.ts variable names). */
  env: Record<string, string>;
}
export type ServerMessage = { type: 'ready'; url: string } | { type: 'ended'; stallMs: number; gcMaxMs: number };

const args = JSON.parse(process.argv[2]!) as ServerArgs;
const send = (m: ServerMessage) => process.send!(m);
const config = loadConfig(args.env);
let url: string;
let stop: () => Promise<unknown>;
if (args.kind === 'bff') {
  const bff = await startBff(config, createLogger('info', 'bff', '/dev/null'), { apiUrl: args.apiUrl, host: '127.0.0.1' });
  url = `${bff.url}/v1/kpis?channel=push`;
  stop = () => bff.close();
} else {
  const peer = await startPeer(config, { apiUrl: args.apiUrl, ownerUrl: args.ownerUrl }, config.PG_POOL_MAX);
  url = peer.url;
  stop = () => peer.stop();
}

let gcMaxMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration);
}).observe({ entryTypes: ['gc'] });
let loop: IntervalHistogram | undefined;
process.on('message', (m: { type: 'begin' | 'end' | 'stop' }) => {
  if (m.type === 'begin') {
    gcMaxMs = 0;
    loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
  } else if (m.type === 'end') {
    loop?.disable();
    send({ type: 'ended', stallMs: (loop?.max ?? 0) / 1e6, gcMaxMs });
  } else if (m.type === 'stop') {
    void stop().finally(() => process.exit(0));
  }
});
send({ type: 'ready', url });
