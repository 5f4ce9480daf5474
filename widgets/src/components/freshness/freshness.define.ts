import { defineElement } from '../../base/define.js';
import { IgFreshness } from './freshness.js';

defineElement('ig-freshness', IgFreshness);

declare global {
  interface HTMLElementTagNameMap {
    'ig-freshness': IgFreshness;
  }
}
