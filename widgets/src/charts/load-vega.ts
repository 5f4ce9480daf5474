/**
 * Loads the Vega runtime once per page, on the first chart that renders. A failed load (offline, CDN
 * error) is not cached, so the next chart tries again.
 */
import { importVegaRuntime } from './vega-import.js';

export type IgVegaRuntime = typeof import('./vega-runtime.js');

let runtime: Promise<IgVegaRuntime> | undefined;

export function loadVega(): Promise<IgVegaRuntime> {
  runtime ??= importVegaRuntime().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}
