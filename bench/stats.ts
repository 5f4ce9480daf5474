/** Percentiles of latency samples, and a bounded closed-loop load for in-process layers. */
export interface LoadResult {
  n: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Exact nearest-rank percentiles of the samples (every sample is kept: a 10 s run at a few thousand
 * requests per second is tens of thousands of numbers, so no histogram approximation is needed).
 * The p-th percentile is the smallest sample with at least p of all samples at or below it. Sorts
 * `samples` in place. NaN for no samples.
 */
export function percentiles(samples: number[]): Percentiles {
  samples.sort((a, b) => a - b);
  const q = (p: number) => (samples.length ? samples[Math.max(0, Math.ceil(p * samples.length) - 1)]! : NaN);
  return { p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: samples.length ? samples[samples.length - 1]! : NaN };
}

/** A bounded closed-loop load: `concurrency` workers run fn until n calls or maxMs have passed. */
export async function runLoad(fn: () => Promise<unknown>, n: number, concurrency: number, maxMs: number): Promise<LoadResult> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < n && performance.now() - start < maxMs) {
        issued++;
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - start) / 1000;
  const { p50, p95, p99 } = percentiles(samples);
  return { n: samples.length, rps: samples.length / wall, p50, p95, p99 };
}
