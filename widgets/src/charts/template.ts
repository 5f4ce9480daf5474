/**
 * Precompiled chart specs (ADR 027). A fixed chart's Vega-Lite spec is compiled to Vega and parsed to
 * Vega's runtime dataflow at build time (`widgets/scripts/precompile-charts.ts`, `runtime-spec.ts`)
 * with placeholders where the theme's tokens and the element's strings go: `SENTINEL_THEME` as the
 * theme, `sentinel(name)` for each string. In the browser `fillTemplate` puts the real values back
 * while parsing the JSON, so the result is the dataflow Vega's parser would have built from what
 * Vega-Lite produces for the real theme and strings.
 *
 * The placeholders end up as values (a signal's, a scale's, an AST Literal's `value`) or inside an
 * expression's `code` text as a string literal (`"…"` or `'…'`): there it is replaced by a JSON
 * string literal of the value, so quotes and backslashes in labels stay text. Anywhere else it is
 * replaced by the value itself. The palette placeholder stands for a whole array.
 */
import type { IgVegaRuntimeSpec } from './runtime-spec.js';
import type { IgChartTheme } from './types.js';

/** What a compiled-spec module exports: the parsed Vega spec with placeholders, as JSON text. */
export type IgVegaTemplate = string;

/** A precompiled spec for `<ig-chart>`: how to fetch the template and the strings it needs. */
export interface IgCompiledSpec {
  /** Loads the template (a dynamic `import()` of its module in the build). */
  load(): Promise<{ default: IgVegaTemplate }>;
  /** The value of each `sentinel(name)` the spec was built with. */
  strings: Readonly<Record<string, string>>;
}

const PREFIX = '__ig_';
const SUFFIX = '__';

/** The placeholder of a string. */
export const sentinel = (name: string): string => `${PREFIX}${name}${SUFFIX}`;

/** The placeholder of the whole palette (an array in the spec). */
const PALETTE = sentinel('palette');

/** The theme the templates are compiled with. */
export const SENTINEL_THEME: IgChartTheme = {
  primary: sentinel('primary'),
  text: sentinel('text'),
  textMuted: sentinel('textMuted'),
  surface: sentinel('surface'),
  surfaceMuted: sentinel('surfaceMuted'),
  border: sentinel('border'),
  font: sentinel('font'),
  palette: [PALETTE],
};

const PLACEHOLDER = /(["']?)__ig_([A-Za-z0-9]+)__\1/g;

/** The parsed Vega spec of a template for this theme and these strings. Unknown placeholders fail loudly. */
export function fillTemplate(template: IgVegaTemplate, theme: IgChartTheme, strings: Readonly<Record<string, string>>): IgVegaRuntimeSpec {
  const values: Record<string, string> = {
    ...strings,
    primary: theme.primary,
    text: theme.text,
    textMuted: theme.textMuted,
    surface: theme.surface,
    surfaceMuted: theme.surfaceMuted,
    border: theme.border,
    font: theme.font,
  };
  const value = (name: string): string => {
    const v = values[name];
    if (v === undefined) throw new Error(`The precompiled chart needs a value for "${name}".`);
    return v;
  };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, quote: string, name: string) => (quote ? JSON.stringify(value(name)) : value(name)));
  // The reviver runs on children first: the palette's placeholder string is kept, then its array replaced.
  return JSON.parse(template, (_key, v: unknown) => {
    if (Array.isArray(v)) return v.length === 1 && v[0] === PALETTE ? [...theme.palette] : v;
    if (typeof v !== 'string' || !v.includes(PREFIX) || v === PALETTE) return v;
    return fill(v);
  }) as IgVegaRuntimeSpec;
}
