/**
 * Vega's own packages ship no typings (only the `vega` bundle does). The small chart runtime
 * (`vega-core.ts`) and the precompiled charts' transform list (`compiled/transforms.ts`) import a few
 * of them directly so the build leaves the rest of Vega out; their values are typed here with the
 * `vega` bundle's types.
 */
declare module 'vega-view' {
  export { View } from 'vega';
}
declare module 'vega-dataflow' {
  /** The registry of transform definitions the parser and the runtime look transforms up in. */
  export const transforms: Record<string, unknown>;
}
declare module 'vega-transforms';
declare module 'vega-view-transforms';
declare module 'vega-encode';
