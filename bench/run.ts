/**
 * `npm run bench [-- bff|latency|etl|chat|start|browser|soak]`: the benchmarks (never part of npm test), each printing
 * figures measured side by side in one run on this machine. Without an argument, all but soak.
 *   bff      the KPI query layer by layer (no RLS, RLS scope, HTTP) and the widget bundle sizes
 *   latency  GET /v1/kpis: capacity cold and warm, open-loop latency at 25/50/75 % of it, and the
 *            peer (PostGraphile 4) at the same offered rates
 *   etl      backfill and hourly cycles of the data platform against the simulator
 *   chat     the assistant's local planner and the BFF's time per answer
 *   start    `npm start` on a fresh clone (ready, first screen's data, background loads), then warm
 *   browser  Lighthouse on /embed/ and /app/: score, TBT, LCP, CLS and the first chart's JavaScript,
 *            precompiled specs beside the full Vega path (run `npm run build` first)
 *   soak     two BFF processes, a worker and PostgreSQL under load, with faults
 */
export {};

const which = process.argv.slice(2);
const known = ['bff', 'latency', 'etl', 'chat', 'start', 'browser', 'soak'];
const unknown = which.filter((w) => !known.includes(w));
if (unknown.length) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')} (known: ${known.join(', ')})\n`);
  process.exit(1);
}
for (const name of which.length ? which : known.filter((k) => k !== 'soak')) {
  console.log(`\n== bench ${name} ==`);
  await import(`./${name}.js`);
}
