import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_spacing);
      min-width: 0;
    }

    .thread {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 1.25);
      max-height: var(--ig-ai-chat-max-height, none);
      overflow-y: auto;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .turn {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.5);
      min-width: 0;
    }

    .question {
      align-self: flex-end;
      max-width: 85%;
      margin: 0;
      padding: calc(var(--_spacing) * 0.5) calc(var(--_spacing) * 0.75);
      border-radius: var(--_radius);
      background: var(--_color-surface-muted);
      color: var(--_color-text);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .answer {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.625);
      min-width: 0;
    }

    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .phase,
    .engine,
    .note,
    .caption,
    .hint,
    .suggestions-label {
      margin: 0;
      font-size: 0.8125em;
      color: var(--_color-text-muted);
    }
    .engine {
      font-size: 0.75em;
    }

    .card {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.5);
      min-width: 0;
      padding: calc(var(--_spacing) * 0.75);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }
    .card-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em;
    }
    .card-title {
      margin: 0;
      font-size: 0.9375em;
      font-weight: 600;
    }
    .badge {
      padding: 0 0.625em;
      border-radius: 999px;
      font-size: 0.75em;
      font-weight: 600;
      line-height: 1.75;
      white-space: nowrap;
    }
    .badge--certified {
      color: var(--_color-positive);
      background: var(--_color-positive-surface);
    }
    .badge--generated {
      color: var(--_color-warning);
      background: var(--_color-warning-surface);
    }

    .kpis {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 8em), 1fr));
      gap: calc(var(--_spacing) * 0.5);
      margin: 0;
    }
    .kpi {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.125em;
      margin: 0;
    }
    .kpi-label {
      font-size: 0.8125em;
      color: var(--_color-text-muted);
    }
    .kpi-value {
      margin: 0;
      font-size: 1.375em;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .change {
      margin: 0;
      padding: 0 0.667em;
      border-radius: 999px;
      font-size: 0.75em;
      font-weight: 600;
      line-height: 1.83;
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

    .table-wrapper {
      max-width: 100%;
      overflow-x: auto;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.8125em;
      font-variant-numeric: tabular-nums;
    }
    .table th,
    .table td {
      padding: 0.375em 0.5em;
      text-align: start;
      border-bottom: 1px solid var(--_color-border);
      white-space: nowrap;
    }
    .table th {
      font-weight: 600;
      background: var(--_color-surface-muted);
    }
    .table .num {
      text-align: end;
    }

    .chart {
      display: block;
      min-width: 0;
    }

    .sql summary {
      cursor: pointer;
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--_color-text);
    }
    .sql pre {
      margin: 0.5em 0 0;
      padding: 0.75em;
      max-width: 100%;
      overflow-x: auto;
      font-size: 0.8125em;
      border-radius: calc(var(--_radius) * 0.5);
      background: var(--_color-surface-muted);
      color: var(--_color-text);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    .action,
    .chip {
      min-height: 2.25em;
      padding: 0 0.875em;
      font: inherit;
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: 999px;
      cursor: pointer;
    }
    .action:disabled {
      cursor: default;
      color: var(--_color-text-muted);
    }
    .save-failed {
      font-size: 0.8125em;
      color: var(--_color-negative);
    }
    .suggestions-box {
      display: flex;
      flex-direction: column;
      gap: 0.375em;
    }
    .suggestions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      text-align: start;
      border-color: var(--_color-primary);
      white-space: normal;
    }

    .empty {
      min-height: 5em;
    }

    .composer {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: end;
      gap: 0.5em;
    }
    .input {
      width: 100%;
      min-height: 2.75em;
      padding: 0.5em 0.75em;
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-text-muted);
      border-radius: calc(var(--_radius) * 0.67);
      resize: vertical;
    }
    .input::placeholder {
      color: var(--_color-text-muted);
      opacity: 1;
    }
    .button {
      min-height: 2.75em;
      padding: 0 1em;
      font: inherit;
      font-weight: 600;
      border-radius: calc(var(--_radius) * 0.67);
      cursor: pointer;
    }
    .send {
      color: #fff;
      background: var(--_color-primary-strong);
      border: 0;
    }
    .send:disabled {
      cursor: default;
      opacity: 0.6;
    }
    .stop {
      color: var(--_color-negative);
      background: var(--_color-surface);
      border: 1px solid var(--_color-negative);
    }
    .hint {
      grid-column: 1 / -1;
      font-size: 0.75em;
    }

    @media (forced-colors: active) {
      .card,
      .question,
      .badge,
      .action,
      .chip {
        border: 1px solid CanvasText;
      }
    }
  `,
];
