import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { statsStyles } from '../../styles/stats.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .base {
      --_card-min-width: var(--ig-campaign-detail-card-min-width, 8.5em);
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.75);
      min-width: 0;
    }
  `,
  statsStyles,
  css`

    .bone--label {
      width: 60%;
      height: 0.875em;
    }
    .bone--value {
      width: 80%;
      height: 1.5em;
    }
    .bone--chart {
      height: 12em;
      margin-top: calc(var(--_spacing) * 0.75);
    }
    .card--skeleton {
      margin-top: calc(var(--_spacing) * 0.75);
    }

    @media (forced-colors: active) {
      .card {
        border-color: CanvasText;
      }
    }
  `,
];
