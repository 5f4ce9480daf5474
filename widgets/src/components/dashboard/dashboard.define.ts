// The dashboard's cells live in an <ig-provider> scope inside its shadow root.
import '../provider/provider.define.js';
import { defineElement } from '../../base/define.js';
import { IgDashboard } from './dashboard.js';

defineElement('ig-dashboard', IgDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'ig-dashboard': IgDashboard;
  }
}
