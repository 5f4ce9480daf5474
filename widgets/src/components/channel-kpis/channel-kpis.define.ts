import { defineElement } from '../../base/define.js';
import { IgChannelKpis } from './channel-kpis.js';

defineElement('ig-channel-kpis', IgChannelKpis);

declare global {
  interface HTMLElementTagNameMap {
    'ig-channel-kpis': IgChannelKpis;
  }
}
