/**
 * A counting semaphore for HTTP requests: at most `max` functions run at once, the others wait in
 * arrival order. The client holds one per key (see Keyring), and holds a slot only for one HTTP
 * exchange (request and body), never while it backs off or logs in. With a `pace` (a token bucket in
 * the API's own terms: requests per second and burst), each exchange also waits for a token before it
 * starts, so a key runs at its rate limit instead of into it (a 429 costs a whole Retry-After second).
 */
export class Limiter {
  #max: number;
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];

  readonly #pace: TokenBucket | undefined;

  constructor(max: number, pace?: Pace) {
    this.#max = checkMax(max);
    this.#pace = pace ? new TokenBucket(pace) : undefined;
  }

  get max(): number {
    return this.#max;
  }

  /** Raising the limit lets waiting callers start at once; lowering it lets running ones finish. */
  set max(value: number) {
    this.#max = checkMax(value);
    this.#drain();
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#inFlight >= this.#max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#inFlight++;
    try {
      if (this.#pace) await this.#pace.take();
      return await fn();
    } finally {
      this.#inFlight--;
      this.#drain();
    }
  }

  #drain(): void {
    while (this.#inFlight < this.#max && this.#waiting.length > 0) {
      this.#inFlight++; // the slot passes straight to the next waiter, so no newcomer can overtake it
      this.#waiting.shift()!();
    }
  }
}

function checkMax(max: number): number {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
  return max;
}

/** A request rate: `perSecond` on average, at most `burst` at once after a quiet spell. */
export interface Pace {
  perSecond: number;
  burst: number;
}

/**
 * A token bucket (the model of indigitall's limit, etl/simulator): full at `burst`, refilled at
 * `perSecond`; take() resolves when a token is free, callers served in arrival order.
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #tokens: number;
  #at: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(pace: Pace, opts: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
    if (!(pace.perSecond > 0) || !Number.isFinite(pace.perSecond)) throw new RangeError(`perSecond must be a positive number, got ${pace.perSecond}`);
    if (!Number.isInteger(pace.burst) || pace.burst < 1) throw new RangeError(`burst must be a positive integer, got ${pace.burst}`);
    this.#rate = pace.perSecond;
    this.#burst = pace.burst;
    this.#now = opts.now ?? (() => performance.now());
    this.#sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#tokens = pace.burst;
    this.#at = this.#now();
  }

  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#acquire());
    this.#queue = turn;
    return turn;
  }

  async #acquire(): Promise<void> {
    for (;;) {
      const t = this.#now();
      this.#tokens = Math.min(this.#burst, this.#tokens + ((t - this.#at) / 1000) * this.#rate);
      this.#at = t;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.#sleep(Math.ceil(((1 - this.#tokens) / this.#rate) * 1000));
    }
  }
}
