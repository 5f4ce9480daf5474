import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

/**
 * Styles of the data tables (`<ig-campaign-table>`, `<ig-agent-performance>`): a toolbar, a table that
 * scrolls horizontally inside the element (320 px), sortable headers, focusable and selectable rows,
 * pagination. Exported for the other table elements.
 */
export const dataTableStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 0.75em;
    margin: 0 0 0.75em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: 0;
  }
  .field--grow {
    flex: 1 1 12em;
  }
  .field--inline {
    flex-direction: row;
    align-items: center;
    min-height: 2.5em;
  }
  label,
  .label {
    font-size: 0.8125em;
    font-weight: 500;
    color: var(--_color-text-muted);
  }
  select,
  input[type='search'],
  input[type='text'] {
    width: 100%;
    min-height: 2.5em;
    margin: 0;
    padding: 0 0.625em;
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.67);
  }
  input[type='checkbox'] {
    width: 1.125em;
    height: 1.125em;
    margin: 0;
    accent-color: var(--_color-primary-strong);
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375em;
    min-height: 2.5em;
    padding: 0 0.875em;
    font: inherit;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.67);
    cursor: pointer;
    white-space: nowrap;
  }
  .button:hover:not(:disabled) {
    border-color: var(--_color-text-muted);
  }
  .button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.5em 0.75em;
    text-align: end;
    white-space: nowrap;
    border-bottom: 1px solid var(--_color-border);
  }
  th:first-child,
  td:first-child,
  .text {
    text-align: start;
  }
  thead th {
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--_color-text-muted);
    background: var(--_color-surface-muted);
  }
  tbody th {
    font-weight: 500;
    max-width: 18em;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  tbody tr:last-child > * {
    border-bottom: 0;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    margin: 0;
    padding: 0.125em 0.25em;
    font: inherit;
    color: inherit;
    text-align: inherit;
    background: none;
    border: 0;
    border-radius: 4px;
    cursor: pointer;
  }
  .sort:hover {
    color: var(--_color-text);
  }
  .arrow {
    display: inline-block;
    width: 0.75em;
  }
  tr[tabindex] {
    cursor: pointer;
  }
  tbody tr[tabindex]:hover {
    background: var(--_color-surface-muted);
  }
  tr[aria-selected='true'] {
    background: var(--_color-surface-muted);
    box-shadow: inset 3px 0 0 var(--_color-primary-strong);
  }
  tr:focus-visible {
    outline: 2px solid var(--_color-primary);
    outline-offset: -2px;
  }
  .muted {
    color: var(--_color-text-muted);
  }
  .pagination {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    margin: 0.75em 0 0;
  }
  .pagination-text,
  .selection {
    margin: 0;
    font-size: 0.8125em;
    color: var(--_color-text-muted);
  }
  .selection {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0.5em 0 0;
  }
  .inline-error {
    margin: 0 0 0.75em;
    font-size: 0.875em;
    color: var(--_color-negative);
  }
  .bone--row {
    height: 1.5em;
    margin: 0.5em 0;
  }
  @media (forced-colors: active) {
    tr[aria-selected='true'] {
      outline: 2px solid Highlight;
    }
  }
`;

export default [
  baseStyles,
  stateStyles,
  dataTableStyles,
  css`
    .base {
      --_search-width: var(--ig-campaign-table-search-width, 16em);
    }
    .field--search {
      flex: 1 1 var(--_search-width);
    }
  `,
];
