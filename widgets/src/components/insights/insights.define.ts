import { defineElement } from '../../base/define.js';
import { IgInsights } from './insights.js';

defineElement('ig-insights', IgInsights);

declare global {
  interface HTMLElementTagNameMap {
    'ig-insights': IgInsights;
  }
}
