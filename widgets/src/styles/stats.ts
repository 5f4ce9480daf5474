/**
 * What the statistics elements with figures and charts share (campaign detail, chat stats): the
 * layout of their figure cards and chart blocks. Each element sets `--_card-min-width` from its own
 * public property on `.base`.
 */
import { css } from 'lit';

export const statsStyles = css`
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
`;
