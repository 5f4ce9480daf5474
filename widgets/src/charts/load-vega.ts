/**
 * Loads a chart runtime once per page, on the first chart that needs it: the small one
 * (`vega-core.ts`) for precompiled specs, the full one (`vega-runtime.ts`, Vega-Lite) for the rest. A
 * failed load (offline, CDN error) is not cached, so the next chart tries again.
 */
import { importVegaCore, importVegaRuntime } from './vega-import.js';

export type IgVegaRuntime = typeof import('./vega-runtime.js');
export type IgVegaCore = typeof import('./vega-core.js');

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
};

export const loadVega: () => Promise<IgVegaRuntime> = once(importVegaRuntime);
export const loadVegaCore: () => Promise<IgVegaCore> = once(importVegaCore);
