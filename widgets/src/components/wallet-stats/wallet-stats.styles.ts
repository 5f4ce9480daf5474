import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--ig-wallet-stats-figure-min-width, 8.5em)), 1fr));
      gap: calc(var(--_spacing) * 0.5);
      margin: 0 0 calc(var(--_spacing) * 0.75);
      padding: 0;
    }
    .figure {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      min-width: 0;
      margin: 0;
      padding: calc(var(--_spacing) * 0.75);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    .figure-label {
      margin: 0;
      font-size: 0.8125em;
      font-weight: 500;
      color: var(--_color-text-muted);
    }
    .figure-value {
      margin: 0;
      font-size: 1.375em;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      color: var(--_color-text);
    }
    .split {
      display: flex;
      flex-direction: column;
      margin: 0;
      font-size: 0.75em;
      line-height: 1.5;
      color: var(--_color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    ig-chart {
      display: block;
      min-width: 0;
    }
  `,
];
