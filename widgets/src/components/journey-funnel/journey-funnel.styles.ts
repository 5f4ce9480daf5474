import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .base,
    .funnel {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.75);
      min-width: 0;
    }

    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375em 0.75em;
    }
    .picker label {
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--_color-text-muted);
    }
    .picker select {
      flex: 1 1 12em;
      min-width: 0;
      max-width: 100%;
      min-height: 2.5em;
      padding: 0 0.5em;
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.67);
    }

    .totals {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_spacing) * 0.5) calc(var(--_spacing) * 1.5);
      margin: 0;
    }
    .total {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .label {
      font-size: 0.8125em;
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
    .chart {
      display: block;
      min-width: 0;
    }

    .steps {
      display: flex;
      flex-direction: column;
      gap: 0.375em;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.8125em;
      line-height: 1.45;
    }
    .step {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
      padding-block: 0.25em;
      border-bottom: 1px solid var(--_color-border);
    }
    .step-name {
      font-weight: 600;
      color: var(--_color-text);
      overflow-wrap: anywhere;
    }
    .step-figures {
      color: var(--_color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .period {
      margin: 0;
      font-size: 0.75em;
      color: var(--_color-text-muted);
    }

    .bone--picker {
      width: 60%;
      height: 2.5em;
    }
    .bone--bar {
      height: 1.75em;
      margin-top: 0.5em;
    }
    .bone--bar-2 {
      width: 70%;
    }
    .bone--bar-3 {
      width: 40%;
    }

    @media (forced-colors: active) {
      .picker select {
        border-color: CanvasText;
      }
    }
  `,
];
