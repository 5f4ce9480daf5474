import { defineElement } from '../../base/define.js';
import '../chart/chart.define.js';
import { IgDeviceStats } from './device-stats.js';

defineElement('ig-device-stats', IgDeviceStats);

declare global {
  interface HTMLElementTagNameMap {
    'ig-device-stats': IgDeviceStats;
  }
}
