import { css, unsafeCSS } from 'lit';
import { baseStyles } from '../../styles/tokens.js';

/** `.span-1` … `.span-12`: the columns a cell takes on the canvas (classes, not inline styles: CSP). */
const spans = unsafeCSS(Array.from({ length: 12 }, (_, i) => `.span-${i + 1}{grid-column:span ${i + 1}}`).join(''));

export default [
  baseStyles,
  css`
    .base {
      container: ig-dashboard-editor / inline-size;
      display: grid;
      gap: 1em;
    }
    button,
    input,
    select,
    textarea {
      font: inherit;
      color: var(--_color-text);
    }
    button {
      min-height: 2.25em;
      padding: 0 0.75em;
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
      cursor: pointer;
    }
    button[disabled] {
      cursor: default;
      opacity: 0.55;
    }
    button.primary {
      color: #fff;
      background: var(--_color-primary-strong, #1565c0);
      border-color: transparent;
    }
    button[aria-pressed='true'] {
      box-shadow: inset 0 0 0 2px var(--_color-primary);
      font-weight: 600;
    }
    input,
    select,
    textarea {
      min-height: 2.25em;
      padding: 0 0.5em;
      background: var(--_color-surface);
      border: 1px solid var(--_color-text-muted);
      border-radius: calc(var(--_radius) * 0.33);
    }
    textarea {
      padding: 0.375em 0.5em;
      font-family: ui-monospace, monospace;
      font-size: 0.875em;
      resize: vertical;
    }
    [aria-invalid='true'] {
      border-color: var(--_color-negative);
    }
    :focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5em;
    }
    .name {
      display: grid;
      gap: 0.25em;
      flex: 1 1 14em;
      font-size: 0.875em;
    }
    .name input {
      font-size: 1.0625em;
    }
    .workspace {
      display: grid;
      gap: 1em;
      grid-template-columns: minmax(0, 1fr);
    }
    @container ig-dashboard-editor (min-width: 48em) {
      .workspace {
        grid-template-columns: 15em minmax(0, 1fr);
      }
      .inspector {
        grid-column: 2;
      }
    }
    .heading {
      margin: 0 0 0.5em;
      font-size: 1em;
      font-weight: 650;
    }
    .palette-list {
      display: grid;
      gap: 0.375em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .palette-list button {
      display: grid;
      width: 100%;
      padding: 0.375em 0.625em;
      text-align: start;
    }
    .tag,
    .cell-tag {
      font-family: ui-monospace, monospace;
      font-size: 0.875em;
      font-weight: 600;
    }
    .summary {
      font-size: 0.75em;
      color: var(--_color-text-muted);
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .canvas {
      padding: 0.75em;
      background: var(--_color-surface-muted);
      border-radius: var(--_radius);
      min-width: 0;
    }
    .row {
      display: grid;
      grid-template-columns: repeat(12, minmax(0, 1fr));
      gap: 0.5em;
      margin: 0 0 0.5em;
      padding: 0;
      list-style: none;
    }
    .cell {
      grid-column: span 12;
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      min-width: 0;
      padding: 0.5em;
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
    }
    .cell--editing {
      border-color: var(--_color-primary);
      box-shadow: inset 0 0 0 1px var(--_color-primary);
    }
    @container ig-dashboard-editor (min-width: 36em) {
      ${spans}
    }
    .cell-attributes {
      font-size: 0.75em;
      color: var(--_color-text-muted);
      overflow-wrap: anywhere;
    }
    .cell-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em;
    }
    .cell-actions button {
      min-height: 2em;
      min-width: 2em;
      padding: 0 0.5em;
      font-size: 0.8125em;
    }
    .hint,
    .empty {
      margin: 0 0 0.5em;
      font-size: 0.8125em;
      color: var(--_color-text-muted);
    }
    .inspector {
      padding: 0.75em;
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    .fields {
      display: grid;
      gap: 0.75em;
      grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
      align-items: start;
    }
    .field {
      display: grid;
      gap: 0.25em;
      font-size: 0.875em;
    }
    .field label {
      font-family: ui-monospace, monospace;
      font-weight: 600;
    }
    .field--check {
      grid-template-columns: auto 1fr;
      align-items: center;
    }
    .field--check .hint,
    .field--check .field-error {
      grid-column: 1 / -1;
    }
    .field .hint {
      margin: 0;
    }
    .field-error {
      color: var(--_color-negative);
      font-weight: 600;
    }
    .fields > button {
      justify-self: start;
      align-self: end;
    }
    .message {
      margin: 0;
      padding: 0.5em 0.75em;
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
    }
    .message--error {
      color: var(--_color-negative);
    }
    .preview {
      min-width: 0;
    }
  `,
];
