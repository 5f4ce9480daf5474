import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { statsStyles } from '../../styles/stats.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .base {
      --_card-min-width: var(--ig-chat-stats-card-min-width, 8.5em);
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.75);
      min-width: 0;
    }
  `,
  statsStyles,
  css`
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--_card-min-width)), 1fr));
      gap: calc(var(--_spacing) * 0.5);
      margin: 0;
      padding: 0;
    }
    .description {
      margin: 0;
      font-size: 0.75em;
      line-height: 1.45;
      color: var(--_color-text-muted);
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 18em), 1fr));
      gap: calc(var(--_spacing) * 0.75);
    }

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
