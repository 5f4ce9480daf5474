/**
 * A counting semaphore for HTTP requests: at most `max` functions run at once, the others wait in
 * arrival order. The client holds one per key (see Keyring), and holds a slot only for one HTTP
 * exchange (request and body), never while it backs off or logs in.
 */
export class Limiter {
  #max: number;
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(max: number) {
    this.#max = checkMax(max);
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
