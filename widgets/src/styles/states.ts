/** Styles of the states every data element shares: skeleton bones, messages, Retry, the stale badge. */
import { css } from 'lit';

// .bone--chart is the box of a drawn <ig-chart>: its toolbar (2em buttons), the gap, the drawing (Vega's
// fitted height, --ig-chart-min-height). Chart elements' skeletons hold it, so nothing moves when the data
// and the chart arrive (CLS, ADR 027). (Comments inside css`` ship in the bundle: keep them out here.)
export const stateStyles = css`
  .message {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_spacing) * 0.75);
    min-height: 7.5em;
    margin: 0;
    padding: var(--_spacing);
    text-align: center;
    font-size: 0.875em;
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
    min-height: 2.5em;
    padding: 0 1em;
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
  :focus-visible {
    outline: 2px solid var(--_color-primary);
    outline-offset: 2px;
  }
  .stale {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    margin: 0 0 calc(var(--_spacing) * 0.5);
    padding: 0 0.625em;
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    line-height: 1.75;
    color: var(--_color-warning);
    background: var(--_color-warning-surface);
  }
  .bone {
    display: block;
    border-radius: 6px;
    background: linear-gradient(90deg, transparent 0%, rgb(255 255 255 / 0.3) 50%, transparent 100%) 0 0 / 200% 100%
        no-repeat,
      var(--_color-surface-muted);
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .bone--title {
    width: 40%;
    height: 1em;
  }
  .bone--block {
    height: 4em;
    margin-top: 0.5em;
  }
  .bone--chart {
    height: calc(2em + var(--_spacing) * 0.5 + var(--ig-chart-min-height, 240px));
  }
  @keyframes shimmer {
    from {
      background-position: 150% 0, 0 0;
    }
    to {
      background-position: -50% 0, 0 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .message,
    .stale {
      border: 1px solid CanvasText;
    }
  }
`;
