import { defineElement } from '../../base/define.js';
import { IgSubscriptions } from './subscriptions.js';

defineElement('ig-subscriptions', IgSubscriptions);

declare global {
  interface HTMLElementTagNameMap {
    'ig-subscriptions': IgSubscriptions;
  }
}
