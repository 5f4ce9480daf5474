/**
 * `npm run bench [-- bff|etl|chat|soak]`: the benchmarks (never part of npm test), each printing
 * figures measured side by side in one run on this machine. Without an argument, all but soak.
 *   bff  the KPI query layer by layer (no RLS, RLS scope, HTTP) and the widget bundle sizes
 *   etl  backfill and hourly cycles of the data platform against the simulator
 *   browser  Lighthouse on /embed/ and /app/: score, TBT, LCP, CLS and the first chart's JavaScript,
 *            precompiled specs beside the full Vega path (run `npm run build` first)
 */
export {};

const which = process.argv.slice(2);
const known = ['bff', 'etl', 'chat', 'soak', 'browser'];
const unknown = which.filter((w) => !known.includes(w));
if (unknown.length) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')} (known: ${known.join(', ')})\n`);
  process.exit(1);
}
for (const name of which.length ? which : known.filter((k) => k !== 'soak')) {
  console.log(`\n== bench ${name} ==`);
  await import(`./${name}.js`);
}
