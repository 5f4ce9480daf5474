import { css, unsafeCSS } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

/** `.span-1` … `.span-12`: the columns of the 12-column grid a cell takes. */
const spans = unsafeCSS(Array.from({ length: 12 }, (_, i) => `.span-${i + 1}{grid-column:span ${i + 1}}`).join(''));

export default [
  baseStyles,
  stateStyles,
  css`
    .base {
      container: ig-dashboard / inline-size;
      --_gap: var(--ig-dashboard-gap, 1em);
    }
    .title {
      margin: 0 0 var(--_gap);
      font-size: 1.25em;
      font-weight: 650;
      line-height: 1.3;
    }
    .rows {
      display: grid;
      gap: var(--_gap);
    }
    .row {
      display: grid;
      grid-template-columns: repeat(12, minmax(0, 1fr));
      gap: var(--_gap);
      align-items: start;
    }
    .row-title {
      grid-column: 1 / -1;
      margin: 0;
      font-size: 1.0625em;
      font-weight: 650;
    }
    .cell {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_gap) * 0.5);
      min-width: 0;
      grid-column: span 12;
    }
    .cell > * {
      min-width: 0;
    }
    .cell-title {
      margin: 0;
      font-size: 0.9375em;
      font-weight: 600;
      color: var(--_color-text);
    }
    /* An element not defined yet (a lazily loaded chunk): a quiet placeholder until it upgrades. */
    .cell > :not(:defined) {
      display: block;
      min-height: var(--ig-dashboard-placeholder-height, 7.5em);
      border-radius: var(--_radius);
      background: var(--_color-surface-muted);
    }
    /* Chart elements: the box their skeleton holds (ADR 027), so nothing below moves when they upgrade.
       ig-timeseries: its metric select (2.5em and 0.75 spacing), then the chart's toolbar (2em), gap
       (0.5 spacing) and drawing. */
    .cell > ig-timeseries:not(:defined) {
      min-height: calc(4.5em + var(--_spacing) * 1.25 + var(--ig-chart-min-height, 240px));
    }
    .cell > ig-chart:not(:defined) {
      min-height: calc(2em + var(--_spacing) * 0.5 + var(--ig-chart-min-height, 240px));
    }
    ${spans}
    /* Narrow dashboards stack their cells, whatever their span. */
    @container ig-dashboard (max-width: 40em) {
      .row > .cell {
        grid-column: 1 / -1;
      }
    }
  `,
];
