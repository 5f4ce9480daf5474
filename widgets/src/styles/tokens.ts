/**
 * Design tokens. Global, themeable tokens are `--ig-*` custom properties that a host page may set
 * anywhere above the elements; each shadow root maps them to private `--_*` properties with the
 * defaults below as fallbacks, so an element looks right without any global CSS.
 */
import { css, unsafeCSS } from 'lit';

/** The global tokens and their defaults (documented as `@cssproperty` on every element). */
export const IG_TOKEN_DEFAULTS = {
  '--ig-color-primary': '#1E88E5',
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
  '--ig-font-family': "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  '--ig-radius': '12px',
  '--ig-spacing': '1rem',
  '--ig-shadow': '0 1px 2px rgb(16 24 40 / 0.06)',
} as const;

const d = (name: keyof typeof IG_TOKEN_DEFAULTS) => unsafeCSS(`var(${name}, ${IG_TOKEN_DEFAULTS[name]})`);

/** Maps the global tokens to the private `--_*` properties every element's styles use. */
export const tokenStyles = css`
  :host {
    --_color-primary: ${d('--ig-color-primary')};
    --_color-primary-strong: ${d('--ig-color-primary-strong')};
    --_color-text: ${d('--ig-color-text')};
    --_color-text-muted: ${d('--ig-color-text-muted')};
    --_color-surface: ${d('--ig-color-surface')};
    --_color-surface-muted: ${d('--ig-color-surface-muted')};
    --_color-border: ${d('--ig-color-border')};
    --_color-positive: ${d('--ig-color-positive')};
    --_color-positive-surface: ${d('--ig-color-positive-surface')};
    --_color-negative: ${d('--ig-color-negative')};
    --_color-negative-surface: ${d('--ig-color-negative-surface')};
    --_font-family: ${d('--ig-font-family')};
    --_radius: ${d('--ig-radius')};
    --_spacing: ${d('--ig-spacing')};
    --_shadow: ${d('--ig-shadow')};
  }
`;

/** Shared base: tokens, box model, host font and colour, `[hidden]`, and the visually-hidden helper. */
export const baseStyles = [
  tokenStyles,
  css`
    :host {
      box-sizing: border-box;
      font-family: var(--_font-family);
      color: var(--_color-text);
      -webkit-font-smoothing: antialiased;
    }
    :host([hidden]) {
      display: none !important;
    }
    *,
    *::before,
    *::after {
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
