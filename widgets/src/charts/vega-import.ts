/**
 * The dynamic `import()`s of the two chart runtimes. Bundlers (and the CDN build) split each into a
 * chunk of its own: `vega-core.ts`, the small one that draws Vega specs (the fixed charts, compiled
 * ahead of time), and `vega-runtime.ts`, which adds the Vega-Lite compiler and every Vega transform
 * (and imports the small one). The npm build keeps them dynamic imports of the modules.
 */
export const importVegaCore = () => import('./vega-core.js');
export const importVegaRuntime = () => import('./vega-runtime.js');
