import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
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

    .name {
      margin: 0;
      font-size: 1.125em;
      font-weight: 650;
      line-height: 1.35;
      overflow-wrap: anywhere;
      color: var(--_color-text);
    }

    .configuration {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_spacing) * 0.375) calc(var(--_spacing) * 1.25);
      margin: 0;
      font-size: 0.8125em;
      line-height: 1.5;
    }
    .configuration div {
      display: flex;
      gap: 0.375em;
      min-width: 0;
    }
    .configuration dt {
      color: var(--_color-text-muted);
    }
    .configuration dd {
      margin: 0;
      font-weight: 600;
      color: var(--_color-text);
      overflow-wrap: anywhere;
    }

    .totals {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--_card-min-width)), 1fr));
      gap: calc(var(--_spacing) * 0.5);
      margin: 0;
      padding: 0;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      min-width: 0;
      margin: 0;
      padding: calc(var(--_spacing) * 0.75);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }
    .label {
      margin: 0;
      font-size: 0.8125em;
      font-weight: 500;
      color: var(--_color-text-muted);
    }
    .value {
      margin: 0;
      font-size: 1.25em;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      color: var(--_color-text);
    }
    .period {
      margin: 0;
      font-size: 0.75em;
      color: var(--_color-text-muted);
    }
    .chart {
      display: block;
      min-width: 0;
    }
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
