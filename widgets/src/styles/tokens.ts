/**
 * Design tokens. Global, themeable tokens are `--ig-*` custom properties that a host page may set
 * anywhere above the elements; each shadow root maps them to private `--_*` properties with the
 * defaults below as fallbacks, so an element looks right without any global CSS. Dark defaults apply
 * with `data-theme="dark"` (set from the element's or the provider's `theme`) or, without a theme,
 * when the user prefers a dark colour scheme. `--ig-color-background` is transparent in light (the page
 * shows through) and dark in dark, so a dark widget stays readable on a light page.
 */
import { css, unsafeCSS } from 'lit';

/** The global tokens and their light defaults (documented as `@cssproperty` on every element). */
export const IG_TOKEN_DEFAULTS = {
  '--ig-color-primary': '#1E88E5',
  '--ig-color-background': 'transparent',
  '--ig-color-primary-strong': '#1565C0',
  '--ig-color-text': '#1F2937',
  '--ig-color-text-muted': '#596374',
  '--ig-color-surface': '#FFFFFF',
  '--ig-color-surface-muted': '#EEF1F5',
  '--ig-color-border': '#E2E6EC',
  '--ig-color-positive': '#137333',
  '--ig-color-positive-surface': '#E6F4EA',
  '--ig-color-negative': '#B3261E',
  '--ig-color-negative-surface': '#FCE8E6',
  '--ig-color-warning': '#8A4B00',
  '--ig-color-warning-surface': '#FFF3E0',
  '--ig-font-family': "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  '--ig-font-size': 'medium',
  '--ig-radius': '12px',
  '--ig-spacing': '1em',
  '--ig-shadow': '0 1px 2px rgb(16 24 40 / 0.06)',
} as const;

type Token = keyof typeof IG_TOKEN_DEFAULTS;

/** Dark defaults of the colour tokens (the others keep their light default). */
export const IG_DARK_DEFAULTS: Partial<Record<Token, string>> = {
  '--ig-color-primary': '#64B5F6',
  '--ig-color-background': '#14171D',
  '--ig-color-text': '#E6E9EE',
  '--ig-color-text-muted': '#A9B1BD',
  '--ig-color-surface': '#1B1F27',
  '--ig-color-surface-muted': '#2A303B',
  '--ig-color-border': '#3A4250',
  '--ig-color-positive': '#81C995',
  '--ig-color-positive-surface': '#1D3526',
  '--ig-color-negative': '#F28B82',
  '--ig-color-negative-surface': '#3D2221',
  '--ig-color-warning': '#FDD37A',
  '--ig-color-warning-surface': '#3A2E12',
  '--ig-shadow': 'none',
};

const declarations = (defaults: Partial<Record<Token, string>>) =>
  Object.entries(defaults)
    .map(([name, value]) => `--_${name.slice(5)}:var(${name},${value});`)
    .join('');

const dark = `${declarations(IG_DARK_DEFAULTS)}--_color-scheme:dark`;

/** Maps the global tokens to the private `--_*` properties (`--ig-color-text` → `--_color-text`). */
export const tokenStyles = unsafeCSS(
  `:host{${declarations(IG_TOKEN_DEFAULTS)}--_color-scheme:light}` +
    `:host([data-theme=dark]){${dark}}` +
    `@media (prefers-color-scheme:dark){:host(:not([data-theme])){${dark}}}`,
);

/**
 * Shared base: tokens, `[hidden]`, the visually-hidden helper, and the `base` part's reset. The reset
 * (`all: initial`, then the element's own font and colour) stops inherited styles of the host page
 * from leaking in; sizes inside are in `em` of `--ig-font-size` (default `medium`: the user's font
 * size setting), so a page's root font size changes nothing either.
 */
export const baseStyles = [
  tokenStyles,
  css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none !important;
    }
    .base {
      all: initial;
      display: block;
      box-sizing: border-box;
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      line-height: 1.5;
      color: var(--_color-text);
      background: var(--_color-background);
      color-scheme: var(--_color-scheme);
      -webkit-font-smoothing: antialiased;
    }
    .base *,
    .base *::before,
    .base *::after {
      box-sizing: inherit;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
  `,
];
