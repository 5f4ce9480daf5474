import { defineElement } from '../../base/define.js';
import { IgChart } from './chart.js';

defineElement('ig-chart', IgChart);

declare global {
  interface HTMLElementTagNameMap {
    'ig-chart': IgChart;
  }
}
