/** A bounded closed-loop load: `concurrency` workers run fn until n calls or maxMs have passed. */
export interface LoadResult {
  n: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

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
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { n: samples.length, rps: samples.length / wall, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}
