/**
 * An open-loop load: request i is sent at i / rate seconds after the start whether or not earlier
 * ones have been answered, and its latency is measured from that scheduled time, not from when it
 * actually left. A closed loop (N connections, each waiting for its answer before sending again:
 * autocannon, also with its overall rate option) sends less while the server is slow, so slow moments
 * are sampled less and the queue a user meets is never counted: coordinated omission. Here a stall
 * shows in the latency of every request scheduled during it, and the generator's own lateness (a busy
 * event loop, a socket not yet free) counts against the result too, so it can only look worse.
 * Bounded: the schedule lasts `durationMs`; answers still outstanding `drainMs` after the last send
 * are counted as unfinished, with the time they had waited so far (a lower bound) in the percentiles.
 */
import { percentiles, type Percentiles } from './stats.js';

export interface OpenLoopOptions {
  /** Offered load, requests per second. */
  rate: number;
  durationMs: number;
  /** How long to wait for outstanding answers after the last scheduled send. */
  drainMs: number;
  /** Sends request i: resolves true for a good answer, false for a bad one; rejects on a transport error. */
  send: (i: number) => Promise<boolean>;
  /** Monotonic clock in ms (performance.now by default). */
  now?: () => number;
}

export interface OpenLoopResult extends Percentiles {
  /** Offered rate (req/s). */
  rate: number;
  scheduled: number;
  /** Answers received (good or bad) before the drain deadline. */
  completed: number;
  /** Bad answers and transport errors. */
  failed: number;
  /** Still outstanding at the drain deadline. */
  unfinished: number;
  /** Answers per second from the start to the last answer. */
  achievedRps: number;
  /** The latest any request left after its scheduled time (the generator's own lateness). */
  maxSendLagMs: number;
}

/** When request i is due, in ms from the start. */
export const scheduledAt = (i: number, rate: number): number => (i * 1000) / rate;
/** How many requests a schedule of `durationMs` at `rate` holds: every one due before the end. */
export const scheduleSize = (rate: number, durationMs: number): number => Math.ceil((rate * durationMs) / 1000);

export async function runOpenLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  if (!(opts.rate > 0) || !(opts.durationMs > 0)) throw new Error('open loop: rate and duration must be positive');
  const now = opts.now ?? (() => performance.now());
  const total = scheduleSize(opts.rate, opts.durationMs);
  const samples: number[] = [];
  const outstanding = new Map<number, number>(); // request -> scheduled time (absolute ms)
  let completed = 0;
  let failed = 0;
  let lastAnswer = 0;
  let maxSendLagMs = 0;
  let closed = false;
  let allAnswered: () => void = () => undefined;
  const t0 = now();

  const fire = (i: number) => {
    const due = t0 + scheduledAt(i, opts.rate);
    maxSendLagMs = Math.max(maxSendLagMs, now() - due);
    outstanding.set(i, due);
    const settle = (ok: boolean) => {
      if (closed) return;
      const t = now();
      outstanding.delete(i);
      samples.push(t - due);
      completed++;
      if (!ok) failed++;
      lastAnswer = t;
      if (outstanding.size === 0) allAnswered();
    };
    let sent: Promise<boolean>;
    try {
      sent = opts.send(i);
    } catch {
      sent = Promise.resolve(false);
    }
    sent.then(settle, () => settle(false));
  };

  // The schedule: each tick sends every request that is due, then sleeps until the next one is.
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = now() - t0;
      while (next < total && scheduledAt(next, opts.rate) <= elapsed) fire(next++);
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, scheduledAt(next, opts.rate) - (now() - t0) - 0.5));
    };
    tick();
  });

  if (outstanding.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, opts.drainMs);
      allAnswered = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  closed = true;
  const deadline = now();
  for (const due of outstanding.values()) samples.push(deadline - due);
  const elapsedS = ((completed ? lastAnswer : deadline) - t0) / 1000;
  return {
    rate: opts.rate,
    scheduled: total,
    completed,
    failed,
    unfinished: outstanding.size,
    achievedRps: elapsedS > 0 ? completed / elapsedS : 0,
    maxSendLagMs,
    ...percentiles(samples),
  };
}
