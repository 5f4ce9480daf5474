import { defineElement } from '../../base/define.js';
import '../chart/chart.define.js';
import { IgTimeseries } from './timeseries.js';

defineElement('ig-timeseries', IgTimeseries);

declare global {
  interface HTMLElementTagNameMap {
    'ig-timeseries': IgTimeseries;
  }
}
