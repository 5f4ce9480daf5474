import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

// .bone--value is as high as .value's line (its font-size clamp × line-height), so narrow cards do not
// shrink when the figures arrive. .bone--period sits inside the period's own line box (.period), so it holds the line the period text takes.
export default [
  baseStyles,
  stateStyles,
  css`
    .base {
      container: ig-kpis / inline-size;
      --_gap: var(--ig-channel-kpis-gap, 0.75em);
      --_card-min-width: var(--ig-channel-kpis-card-min-width, 9.5em);
    }

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--_card-min-width)), 1fr));
      gap: var(--_gap);
      margin: 0;
      padding: 0;
    }

    .card {
      /* Each card is a size container so its value can scale with the card's width (cqi below). */
      container-type: inline-size;
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: calc(var(--_spacing) * 0.375);
      min-width: 0;
      margin: 0;
      padding: var(--_spacing);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }

    .label {
      margin: 0;
      font-size: 0.8125em;
      font-weight: 500;
      line-height: 1.54;
      color: var(--_color-text-muted);
    }

    .value {
      margin: 0;
      /* Never break a number across lines: shrink it with the card instead. */
      font-size: clamp(1.125em, 12cqi, 1.625em);
      font-weight: 650;
      line-height: 1.25;
      letter-spacing: -0.01em;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      color: var(--_color-text);
    }

    .change {
      display: inline-flex;
      align-items: center;
      margin: 0;
      padding: 0 0.667em;
      border-radius: 999px;
      font-size: 0.75em;
      font-weight: 600;
      line-height: 1.83;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      color: var(--_color-text-muted);
      background: var(--_color-surface-muted);
    }
    .change--up {
      color: var(--_color-positive);
      background: var(--_color-positive-surface);
    }
    .change--down {
      color: var(--_color-negative);
      background: var(--_color-negative-surface);
    }

    .period {
      margin: calc(var(--_spacing) * 0.5) 0 0;
      font-size: 0.75em;
      line-height: 1.5;
      color: var(--_color-text-muted);
    }

    .bone--label {
      width: 55%;
      height: 0.875em;
      margin-block: 0.1875em;
    }
    .bone--value {
      width: 80%;
      height: calc(clamp(1.125em, 12cqi, 1.625em) * 1.25);
    }
    .bone--change {
      width: 40%;
      height: 1.375em;
      border-radius: 999px;
    }
    .bone--period {
      display: inline-block;
      width: min(24em, 100%);
      height: 1em;
      vertical-align: middle;
    }

    /* Narrow (one card per row): compact rows, label and change on the left, value on the right. */
    @container ig-kpis (max-width: 22em) {
      .card {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        grid-template-areas:
          'label value'
          'change value';
        align-items: center;
        column-gap: calc(var(--_spacing) * 0.75);
        row-gap: calc(var(--_spacing) * 0.25);
        padding: calc(var(--_spacing) * 0.75) var(--_spacing);
      }
      .label,
      .bone--label {
        grid-area: label;
      }
      .change,
      .bone--change {
        grid-area: change;
        justify-self: start;
      }
      .value,
      .bone--value {
        grid-area: value;
        justify-self: end;
        text-align: end;
      }
      .value {
        font-size: 1.375em;
      }
      .bone--value {
        width: 5.5em;
      }
    }

    @media (forced-colors: active) {
      .card {
        border-color: CanvasText;
      }
    }
  `,
];
