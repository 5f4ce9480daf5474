import { css } from 'lit';
import { baseStyles } from '../../styles/tokens.js';

// Adopted stylesheets only (Lit's `static styles`): no <style> element and no style="" markup, so the
// chart needs no 'unsafe-inline' in the host page's style-src.
export default [
  baseStyles,
  css`
    :host {
      display: block;
      position: relative;
      min-width: 0;
      /* Vega's fitted height of a chart (chartConfig: 240 px, autosize fit): the box held while Vega loads
         is the drawn chart's, so nothing below moves when it draws. */
      --_chart-min-height: var(--ig-chart-min-height, 240px);
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.5);
      min-width: 0;
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: calc(var(--_spacing) * 0.25);
    }

    .button {
      /* em of the button's own 12 px (at a 16 px base): 32 px high, 44 px wide at least, 10 px padding */
      min-height: 2.6667em;
      min-width: 3.6667em;
      padding: 0 0.8333em;
      font: inherit;
      font-size: 0.75em;
      font-weight: 600;
      line-height: 1;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
      cursor: pointer;
    }
    .button:hover:not(:disabled) {
      background: var(--_color-surface-muted);
    }
    .button:focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }
    .button:disabled {
      cursor: default;
      opacity: 0.55;
    }
    .button[aria-pressed='true'] {
      color: #fff;
      background: var(--_color-primary-strong);
      border-color: var(--_color-primary-strong);
    }

    /* The drawing fills the width; Vega sizes its SVG to it (container:resize). */
    .chart {
      min-width: 0;
      overflow: hidden;
    }
    .chart--loading {
      min-height: var(--_chart-min-height);
      border-radius: calc(var(--_radius) * 0.5);
      background: var(--_color-surface-muted);
    }
    .vega {
      width: 100%;
      min-width: 0;
    }
    .vega > svg,
    .vega > canvas {
      display: block;
      max-width: none;
    }

    .table-wrapper {
      max-height: var(--ig-chart-table-max-height, 24em);
      overflow: auto;
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
    }
    .table-wrapper:focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      /* em of the table's own 13 px (at a 16 px base): 20 px lines, 8/12 and 6/12 px padding */
      font-size: 0.8125em;
      line-height: 1.5385em;
      font-variant-numeric: tabular-nums;
      color: var(--_color-text);
      background: var(--_color-surface);
    }
    .table caption {
      padding: 0.6154em 0.9231em;
      text-align: start;
      font-weight: 600;
    }
    .table th,
    .table td {
      padding: 0.4615em 0.9231em;
      text-align: start;
      white-space: nowrap;
      border-top: 1px solid var(--_color-border);
    }
    .table th {
      position: sticky;
      top: 0;
      font-weight: 600;
      background: var(--_color-surface-muted);
    }
    .table td.num {
      text-align: end;
    }

    .message {
      display: flex;
      align-items: center;
      justify-content: center;
      min-height: var(--_chart-min-height);
      margin: 0;
      padding: var(--_spacing);
      text-align: center;
      color: var(--_color-text-muted);
      border: 1px dashed var(--_color-border);
      border-radius: var(--_radius);
    }
    /* The text is smaller, the box is not: the message holds the same height as the loading chart. */
    .message-text {
      font-size: 0.875em;
    }
    .message--error {
      color: var(--_color-negative);
      border-style: solid;
    }

    /*
     * Token probe: its computed colours are the resolved tokens the Vega theme is built from, and
     * the 1 ms transitions make a token change anywhere above the chart fire 'transitionrun'.
     */
    .probe {
      position: absolute;
      width: 0;
      height: 0;
      overflow: hidden;
      visibility: hidden;
      pointer-events: none;
      border: 0 solid;
      color: var(--_color-primary);
      background-color: var(--_color-surface);
      border-top-color: var(--_color-text);
      border-right-color: var(--_color-text-muted);
      border-bottom-color: var(--_color-border);
      border-left-color: var(--_color-surface-muted);
      font-family: var(--_font-family);
      transition-property: color, background-color, border-color, font-family;
      transition-duration: 1ms;
      transition-behavior: allow-discrete;
    }

    @media (forced-colors: active) {
      .button,
      .table-wrapper {
        border-color: CanvasText;
      }
    }
  `,
];
