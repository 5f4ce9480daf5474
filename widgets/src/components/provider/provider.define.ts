import { defineElement } from '../../base/define.js';
import { IgProvider } from './provider.js';

defineElement('ig-provider', IgProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ig-provider': IgProvider;
  }
}
