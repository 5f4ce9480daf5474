import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .list {
      display: grid;
      gap: calc(var(--_spacing) * 0.75);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .insight {
      padding: calc(var(--_spacing) * 0.75);
      border: 1px solid var(--_color-border);
      border-radius: 6px;
      background: var(--_color-surface);
    }
    .title {
      margin: 0;
      font-weight: 600;
    }
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
      margin: 0.25em 0 0;
      color: var(--_color-text-muted);
      font-size: 0.875em;
    }
    .trend--up {
      color: var(--_color-positive);
    }
    .trend--down {
      color: var(--_color-negative);
    }
    .drivers-title {
      margin: 0.5em 0 0.25em;
      font-size: 0.875em;
    }
    .drivers {
      margin: 0;
      padding-inline-start: 1.25em;
      font-size: 0.875em;
    }
    .contribution {
      font-variant-numeric: tabular-nums;
    }
  `,
];
