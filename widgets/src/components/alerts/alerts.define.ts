import { defineElement } from '../../base/define.js';
import { IgAlerts } from './alerts.js';

defineElement('ig-alerts', IgAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'ig-alerts': IgAlerts;
  }
}
