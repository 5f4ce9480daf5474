import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    ig-chart {
      display: block;
      min-width: 0;
    }
    .channels {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_spacing) * 0.5);
      margin: calc(var(--_spacing) * 0.75) 0 0;
      padding: 0;
      list-style: none;
    }
    .channel {
      display: inline-flex;
      align-items: baseline;
      gap: 0.5em;
      min-height: 2.75em;
      padding: 0.375em 0.75em;
      font: inherit;
      font-size: 0.875em;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: 999px;
      cursor: pointer;
    }
    .channel[aria-pressed='true'] {
      color: #fff;
      background: var(--_color-primary-strong);
      border-color: var(--_color-primary-strong);
    }
    .channel:focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }
    .channel-share {
      font-variant-numeric: tabular-nums;
      opacity: 0.85;
    }
    @media (forced-colors: active) {
      .channel[aria-pressed='true'] {
        border: 2px solid Highlight;
      }
    }
  `,
];
