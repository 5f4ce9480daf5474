/**
 * Reads the chart theme from the design tokens as the host page resolves them. The chart's shadow
 * root holds a hidden probe element whose colours and font are the `--_*` token mappings (see
 * `components/chart/chart.styles.ts`); its computed style gives every token already resolved
 * (`var()` chains, inheritance from the host page, the defaults as fallbacks) in `rgb()` form that
 * Vega's colour scales understand. The probe also transitions those properties for 1 ms, so a token
 * change anywhere above the chart fires `transitionrun` on it and the chart can redraw.
 */
import { IG_TOKEN_DEFAULTS } from '../styles/tokens.js';
import type { IgChartTheme } from './types.js';

/** Series colours after the primary one: distinct hues that keep 3:1 contrast on white where possible. */
export const DEFAULT_PALETTE = ['#F4511E', '#43A047', '#8E24AA', '#00897B', '#D81B60', '#6D4C41', '#546E7A', '#FB8C00'];

/**
 * The theme of the chart whose probe is `probe`. `--ig-chart-palette` (colours separated by spaces or
 * commas) on the host or above replaces the series colours after the primary.
 */
export function readTheme(probe: Element, host: Element): IgChartTheme {
  const style = getComputedStyle(probe);
  const custom = getComputedStyle(host)
    .getPropertyValue('--ig-chart-palette')
    .trim()
    .split(/\s*,\s*(?![^()]*\))|\s+(?![^()]*\))/)
    .filter(Boolean);
  const primary = style.color || IG_TOKEN_DEFAULTS['--ig-color-primary'];
  return {
    primary,
    surface: style.backgroundColor || IG_TOKEN_DEFAULTS['--ig-color-surface'],
    text: style.borderTopColor || IG_TOKEN_DEFAULTS['--ig-color-text'],
    textMuted: style.borderRightColor || IG_TOKEN_DEFAULTS['--ig-color-text-muted'],
    border: style.borderBottomColor || IG_TOKEN_DEFAULTS['--ig-color-border'],
    surfaceMuted: style.borderLeftColor || IG_TOKEN_DEFAULTS['--ig-color-surface-muted'],
    font: style.fontFamily || IG_TOKEN_DEFAULTS['--ig-font-family'],
    palette: [primary, ...(custom.length > 0 ? custom : DEFAULT_PALETTE)],
  };
}
