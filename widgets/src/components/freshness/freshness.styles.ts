import { css } from 'lit';
import { stateStyles } from '../../styles/states.js';
import { baseStyles } from '../../styles/tokens.js';

export default [
  baseStyles,
  stateStyles,
  css`
    .list {
      display: grid;
      gap: 0.25em 1em;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.8125em;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.5em;
      color: var(--_color-text-muted);
    }
    .bone--line {
      width: min(16em, 100%);
      height: 1.5em;
    }
    .group {
      font-weight: 600;
      color: var(--_color-text);
    }
    .stale {
      margin: 0;
    }
    .message {
      min-height: 0;
    }
  `,
];
