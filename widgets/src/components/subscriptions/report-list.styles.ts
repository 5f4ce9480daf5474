import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

/** Styles of <ig-subscriptions> and <ig-alerts>. */
export default [
  baseStyles,
  stateStyles,
  css`
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .list {
      display: grid;
      gap: 0.5em;
    }
    .item {
      padding: calc(var(--_spacing) * 0.75) var(--_spacing);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    .name {
      margin: 0;
      font-weight: 600;
      color: var(--_color-text);
    }
    .meta,
    .history {
      margin: 0.25em 0 0;
      font-size: 0.875em;
      color: var(--_color-text-muted);
    }
    .history li {
      padding: 0.125em 0;
    }
    .badge {
      display: inline-block;
      margin-inline-start: 0.375em;
      padding: 0 0.5em;
      border-radius: 999px;
      color: var(--_color-text);
      background: var(--_color-surface-muted);
    }
    .badge--firing {
      color: #fff;
      background: var(--_color-negative);
    }
    .actions,
    .confirm,
    .conflict {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375em;
      margin-top: 0.5em;
    }
    .form {
      display: grid;
      gap: 0.5em;
      margin-bottom: 0.75em;
    }
    .form label {
      display: grid;
      gap: 0.25em;
      font-size: 0.875em;
      color: var(--_color-text);
    }
    input,
    select {
      min-height: 2.25em;
      padding: 0 0.5em;
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
    }
    .button {
      min-height: 2.25em;
      padding: 0 0.75em;
      font: inherit;
      font-size: 0.875em;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
      cursor: pointer;
    }
    .button--primary {
      color: #fff;
      background: var(--_color-primary-strong);
      border-color: var(--_color-primary-strong);
      margin-bottom: 0.75em;
    }
    .button--danger {
      color: #fff;
      background: var(--_color-negative);
      border-color: var(--_color-negative);
    }
    .button[aria-pressed='true'] {
      box-shadow: inset 0 0 0 1px var(--_color-primary-strong);
    }
    .button:focus-visible,
    input:focus-visible,
    select:focus-visible {
      outline: 2px solid var(--_color-primary);
      outline-offset: 2px;
    }
    .item-error {
      color: var(--_color-negative);
    }
    .note {
      color: var(--_color-text-muted);
    }
    .status:empty {
      display: none;
    }
  `,
];
