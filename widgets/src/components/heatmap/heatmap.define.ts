import { defineElement } from '../../base/define.js';
import '../chart/chart.define.js';
import { IgHeatmap } from './heatmap.js';

defineElement('ig-heatmap', IgHeatmap);

declare global {
  interface HTMLElementTagNameMap {
    'ig-heatmap': IgHeatmap;
  }
}
