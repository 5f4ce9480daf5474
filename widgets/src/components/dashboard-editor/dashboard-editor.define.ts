import { defineElement } from '../../base/define.js';
import { IgDashboardEditor } from './dashboard-editor.js';

defineElement('ig-dashboard-editor', IgDashboardEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ig-dashboard-editor': IgDashboardEditor;
  }
}
