/**
 * Test-only helpers for the browser tests: the running test stack (real BFF, see
 * web-test-runner.config.mjs) and small readers of what an element shows. Not part of any build.
 */
import '../index.js';
import type { IgChannelKpis } from '../components/channel-kpis/channel-kpis.js';
import type { IgErrorEvent, IgLoadEvent } from '../events/index.js';

export interface Totals {
  sent: number;
  delivered: number;
  clicked: number;
}

export interface TestStack {
  /** BFF base URL, e.g. http://127.0.0.1:PORT (another origin than the test page). */
  api: string;
  /** project id → a valid token for that project (role viewer). */
  tokens: Record<string, string>;
  /** project id → a valid token for that project with role editor (saved analyses). */
  editorTokens: Record<string, string>;
  /** A well-formed token signed with the wrong key. */
  forgedToken: string;
  /** project id → last-30-days push totals. */
  expected: Record<string, Totals>;
}

let stack: Promise<TestStack> | undefined;

export function testStack(): Promise<TestStack> {
  stack ??= fetch('/__stack').then(async (res) => {
    if (!res.ok) throw new Error(`GET /__stack answered ${res.status}`);
    return (await res.json()) as TestStack;
  });
  return stack;
}

/** Two projects of the stack with their tokens and expected totals. */
export async function twoProjects(): Promise<[{ id: string; token: string; expected: Totals }, { id: string; token: string; expected: Totals }]> {
  const s = await testStack();
  const ids = Object.keys(s.tokens).filter((id) => s.expected[id]);
  if (ids.length < 2) throw new Error(`the test stack has ${ids.length} project(s); two are needed`);
  const [a, b] = ids as [string, string];
  return [
    { id: a, token: s.tokens[a]!, expected: s.expected[a]! },
    { id: b, token: s.tokens[b]!, expected: s.expected[b]! },
  ];
}

export type Settled = IgLoadEvent | IgErrorEvent;

/**
 * The next `ig-load` or `ig-error` that reaches `target` (document by default: both are composed and
 * bubble). Call it before the action that triggers the request.
 */
export function nextSettled(target: EventTarget = document, timeoutMs = 10_000): Promise<Settled> {
  return new Promise((resolve, reject) => {
    const done = (event: Event) => {
      clearTimeout(timer);
      target.removeEventListener('ig-load', done);
      target.removeEventListener('ig-error', done);
      resolve(event as Settled);
    };
    const timer = setTimeout(() => {
      target.removeEventListener('ig-load', done);
      target.removeEventListener('ig-error', done);
      reject(new Error(`no ig-load/ig-error within ${timeoutMs} ms`));
    }, timeoutMs);
    target.addEventListener('ig-load', done);
    target.addEventListener('ig-error', done);
  });
}

/** The raw numbers of the value elements, by metric key. */
export function valuesOf(el: IgChannelKpis): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('[part="value"]')) {
    values[node.dataset['metric']!] = node.dataset['value'] === undefined ? null : Number(node.dataset['value']);
  }
  return values;
}

/** The labels of the cards, in order. */
export function labelsOf(el: IgChannelKpis): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part="label"]')].map((n) => n.textContent!.trim());
}

/** The visible text of the element's shadow root, whitespace collapsed. */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Requests made to the BFF's KPI endpoint since the last `performance.clearResourceTimings()`. */
export function kpiRequests(): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/v1/kpis'));
}

/**
 * The next `count` `ig-load`/`ig-error` events that reach `target` (document by default), in order.
 * Call it before mounting: answers from fixtures can arrive before `fixture()` returns.
 */
export function settledEvents(count: number, target: EventTarget = document, timeoutMs = 10_000): Promise<Settled[]> {
  return new Promise((resolve, reject) => {
    const events: Settled[] = [];
    const done = (event: Event) => {
      events.push(event as Settled);
      if (events.length < count) return;
      stop();
      resolve(events);
    };
    const stop = () => {
      clearTimeout(timer);
      target.removeEventListener('ig-load', done);
      target.removeEventListener('ig-error', done);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${events.length} of ${count} ig-load/ig-error within ${timeoutMs} ms`));
    }, timeoutMs);
    target.addEventListener('ig-load', done);
    target.addEventListener('ig-error', done);
  });
}

/** Resolves once `check()` is true (polled every 10 ms); rejects after `timeoutMs`. */
export async function until(check: () => unknown, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
