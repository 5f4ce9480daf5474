import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .folders ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375em;
      margin: 0 0 0.75em;
    }
    .folder {
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
      min-height: 2.25em;
      padding: 0 0.75em;
      font: inherit;
      font-size: 0.875em;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: 999px;
      cursor: pointer;
    }
    .folder[aria-pressed='true'] {
      border-color: var(--_color-primary-strong);
      box-shadow: inset 0 0 0 1px var(--_color-primary-strong);
      font-weight: 600;
    }
    .count {
      font-size: 0.857em;
      color: var(--_color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .list {
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    .item {
      display: flex;
      flex-direction: column;
      gap: 0.375em;
      min-width: 0;
      padding: calc(var(--_spacing) * 0.75) var(--_spacing);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }
    .name {
      align-self: flex-start;
      max-width: 100%;
      margin: 0;
      padding: 0;
      font: inherit;
      font-weight: 600;
      text-align: start;
      color: var(--_color-text);
      background: none;
      border: 0;
      overflow-wrap: anywhere;
      cursor: pointer;
    }
    .name:hover {
      text-decoration: underline;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375em 0.5em;
      margin: 0;
      font-size: 0.75em;
      color: var(--_color-text-muted);
    }
    .badge {
      padding: 0 0.5em;
      border-radius: 999px;
      font-weight: 600;
      line-height: 1.75;
      color: var(--_color-text);
      background: var(--_color-surface-muted);
    }
    .badge--mine,
    .badge--shared {
      color: var(--_color-text);
      box-shadow: inset 0 0 0 1px var(--_color-border);
    }
    .description {
      margin: 0;
      font-size: 0.875em;
      color: var(--_color-text-muted);
      overflow-wrap: anywhere;
    }
    .actions,
    .confirm,
    .conflict,
    .rename {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375em;
      margin: 0;
    }
    .confirm,
    .conflict {
      font-size: 0.875em;
    }
    .confirm > span {
      flex: 1 1 100%;
      color: var(--_color-negative);
    }
    .conflict {
      padding: 0.5em 0.75em;
      color: var(--_color-warning);
      background: var(--_color-warning-surface);
      border-radius: calc(var(--_radius) * 0.67);
    }
    .conflict > span {
      flex: 1 1 12em;
    }
    .rename input {
      flex: 1 1 10em;
      min-width: 0;
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
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--_color-text);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: calc(var(--_radius) * 0.5);
      cursor: pointer;
    }
    .button[aria-pressed='true'] {
      border-color: var(--_color-primary-strong);
      box-shadow: inset 0 0 0 1px var(--_color-primary-strong);
    }
    .button--primary,
    .button--danger {
      color: #fff;
      border-color: transparent;
    }
    .button--primary {
      background: var(--_color-primary-strong);
    }
    .button--danger {
      background: #b3261e;
    }
    .button:disabled {
      cursor: default;
      opacity: 0.6;
    }
    .item-error {
      margin: 0;
      font-size: 0.875em;
      color: var(--_color-negative);
    }
    .note {
      margin: 0 0 0.75em;
      font-size: 0.8125em;
      color: var(--_color-text-muted);
    }
    .list + .note {
      margin: 0.75em 0 0;
    }
    .status {
      margin: 0.5em 0 0;
      font-size: 0.8125em;
      color: var(--_color-text-muted);
    }
    .status:empty {
      margin: 0;
    }
    .bone--item {
      height: 4.5em;
      margin: 0 0 0.5em;
      border-radius: var(--_radius);
    }
    @media (forced-colors: active) {
      .folder[aria-pressed='true'],
      .button[aria-pressed='true'] {
        outline: 2px solid Highlight;
      }
    }
  `,
];
