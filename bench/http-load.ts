/**
 * Load generator for `npm run bench`, run as its own process so the client's work does not share an
 * event loop with the BFF it measures. Usage: http-load.ts <url> <token> <requests> <concurrency> <maxMs>
 * Prints one JSON line: the latency samples' statistics and the throughput.
 */
import { runLoad } from './stats.js';

const [url, token, n, concurrency, maxMs] = process.argv.slice(2);
const result = await runLoad(
  async () => {
    const res = await fetch(url!, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  },
  Number(n),
  Number(concurrency),
  Number(maxMs),
);
process.stdout.write(JSON.stringify(result) + '\n');
