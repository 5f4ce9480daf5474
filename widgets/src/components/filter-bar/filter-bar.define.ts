import { defineElement } from '../../base/define.js';
import { IgFilterBar } from './filter-bar.js';

defineElement('ig-filter-bar', IgFilterBar);

declare global {
  interface HTMLElementTagNameMap {
    'ig-filter-bar': IgFilterBar;
  }
}
