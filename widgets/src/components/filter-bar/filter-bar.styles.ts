import { css } from 'lit';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  css`
    .base {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--ig-filter-bar-gap, 0.75em);
    }
    .field {
      display: flex;
      flex: 1 1 9.5em;
      flex-direction: column;
      gap: 0.25em;
      min-width: 0;
    }
    label {
      font-size: 0.8125em;
      font-weight: 500;
      color: var(--_color-text-muted);
    }
    select,
    input {
      width: 100%;
      min-height: 2.5em;
      margin: 0;
      padding: 0 0.625em;
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.67);
    }
    select:hover,
    input:hover {
      border-color: var(--_color-text-muted);
    }
    :focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 1px;
    }
    @media (forced-colors: active) {
      select,
      input {
        border-color: CanvasText;
      }
    }
  `,
];
