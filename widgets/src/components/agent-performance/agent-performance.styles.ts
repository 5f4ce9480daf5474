import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';
import { dataTableStyles } from '../campaign-table/campaign-table.styles.js';

export default [
  baseStyles,
  stateStyles,
  dataTableStyles,
  css`
    .team-now {
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
      margin: 0 0 0.75em;
      font-size: 0.875em;
      color: var(--_color-text-muted);
    }
    .dot {
      width: 0.5em;
      height: 0.5em;
      border-radius: 50%;
      background: var(--_color-positive);
    }
    .detail {
      margin: 1em 0 0;
    }
    .detail-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em;
      margin: 0 0 0.5em;
    }
    .detail-title {
      margin: 0;
      font-size: 1em;
      font-weight: 650;
    }
    .totals {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 8.5em), 1fr));
      gap: 0.5em;
      margin: 0 0 0.75em;
    }
    .total {
      margin: 0;
      padding: 0.5em 0.75em;
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.67);
    }
    .total dt {
      font-size: 0.75em;
      color: var(--_color-text-muted);
    }
    .total dd {
      margin: 0;
      font-size: 1.125em;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
    }
  `,
];
