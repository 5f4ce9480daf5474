/**
 * The one dynamic `import()` of the Vega runtime. Bundlers (and the CDN build) split it into its own
 * chunk; the npm build keeps it a dynamic import of `./vega-runtime.js`.
 *
 * The classic-script build (IIFE, no chunks) replaces this module (see `rollup.config.js`) with one
 * that imports the CDN build's ES chunk `ig-widgets-vega.js`, resolved against the URL of the classic
 * script itself (`document.currentScript.src`, captured while the script runs).
 */
export const importVegaRuntime = () => import('./vega-runtime.js');
