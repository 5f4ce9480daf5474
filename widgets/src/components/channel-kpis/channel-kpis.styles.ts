import { css } from 'lit';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  css`
    :host {
      display: block;
      container: ig-kpis / inline-size;
      --_gap: var(--ig-channel-kpis-gap, 0.75rem);
      --_card-min-width: var(--ig-channel-kpis-card-min-width, 9.5rem);
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
      font-size: 0.8125rem;
      font-weight: 500;
      line-height: 1.25rem;
      color: var(--_color-text-muted);
    }

    .value {
      margin: 0;
      /* Never break a number across lines: shrink it with the card instead. */
      font-size: clamp(1.125rem, 12cqi, 1.625rem);
      font-weight: 650;
      line-height: 2rem;
      letter-spacing: -0.01em;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      color: var(--_color-text);
    }

    .change {
      display: inline-flex;
      align-items: center;
      margin: 0;
      padding: 0 0.5rem;
      border-radius: 999px;
      font-size: 0.75rem;
      font-weight: 600;
      line-height: 1.375rem;
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
      font-size: 0.75rem;
      line-height: 1.125rem;
      color: var(--_color-text-muted);
    }

    .message {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: calc(var(--_spacing) * 0.75);
      min-height: 7.5rem;
      margin: 0;
      padding: var(--_spacing);
      text-align: center;
      font-size: 0.875rem;
      line-height: 1.25rem;
      color: var(--_color-text-muted);
      background: var(--_color-surface);
      border: 1px dashed var(--_color-border);
      border-radius: var(--_radius);
    }
    .message--error {
      border-style: solid;
    }
    .message-text {
      margin: 0;
      max-width: 40ch;
      color: var(--_color-negative);
    }

    .retry {
      min-height: 2.25rem;
      padding: 0 1rem;
      font: inherit;
      font-weight: 600;
      color: #fff;
      background: var(--_color-primary-strong);
      border: 0;
      border-radius: calc(var(--_radius) * 0.67);
      cursor: pointer;
    }
    .retry:hover {
      filter: brightness(0.92);
    }
    .retry:focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }

    .bone {
      display: block;
      border-radius: 6px;
      background: linear-gradient(
          90deg,
          transparent 0%,
          rgb(255 255 255 / 0.55) 50%,
          transparent 100%
        )
        0 0 / 200% 100% no-repeat,
        var(--_color-surface-muted);
      animation: shimmer 1.4s ease-in-out infinite;
    }
    .bone--label {
      width: 55%;
      height: 0.875rem;
      margin-block: 0.1875rem;
    }
    .bone--value {
      width: 80%;
      height: 1.625rem;
      margin-block: 0.1875rem;
    }
    .bone--change {
      width: 40%;
      height: 1.375rem;
      border-radius: 999px;
    }
    @keyframes shimmer {
      from {
        background-position: 150% 0, 0 0;
      }
      to {
        background-position: -50% 0, 0 0;
      }
    }

    /* Narrow (one card per row): compact rows, label and change on the left, value on the right. */
    @container ig-kpis (max-width: 22rem) {
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
        font-size: 1.375rem;
        line-height: 1.75rem;
      }
      .bone--value {
        width: 5.5rem;
      }
    }

    @media (prefers-reduced-motion: reduce) {
      .bone {
        animation: none;
      }
    }

    @media (forced-colors: active) {
      .card,
      .message {
        border-color: CanvasText;
      }
    }
  `,
];
