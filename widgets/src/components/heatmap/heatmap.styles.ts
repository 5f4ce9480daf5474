import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .summary {
      margin: 0 0 calc(var(--_spacing) * 0.75);
      font-size: 1em;
      font-weight: 600;
      line-height: 1.4;
      color: var(--_color-text);
    }
    .others {
      display: block;
      font-size: 0.8125em;
      font-weight: 400;
      color: var(--_color-text-muted);
    }
    ig-chart {
      display: block;
      min-width: 0;
    }
  `,
];
