import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.5);
      margin: 0 0 calc(var(--_spacing) * 0.75);
    }
    .control-label {
      font-size: 0.875em;
      font-weight: 500;
      color: var(--_color-text-muted);
    }
    select {
      min-height: 2.5em;
      max-width: 100%;
      padding: 0 0.5em;
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) / 2);
    }
    select:focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }
    ig-chart {
      display: block;
      min-width: 0;
    }
  `,
];
