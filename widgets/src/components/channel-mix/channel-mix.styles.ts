import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

// While Vega loads, ig-chart holds the drawn chart's height: a 28 px band per bar (the spec's step) and
// the x axis with its title (47 px), so the channel buttons below do not move when it draws (CLS).
export default [
  baseStyles,
  stateStyles,
  css`
    ig-chart {
      display: block;
      min-width: 0;
      --ig-chart-min-height: calc(var(--_bars, 4) * 28px + 47px);
    }
    ig-chart[data-bars='1'] {
      --_bars: 1;
    }
    ig-chart[data-bars='2'] {
      --_bars: 2;
    }
    ig-chart[data-bars='3'] {
      --_bars: 3;
    }
    ig-chart[data-bars='5'] {
      --_bars: 5;
    }
    ig-chart[data-bars='6'] {
      --_bars: 6;
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
