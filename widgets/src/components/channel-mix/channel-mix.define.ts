import { defineElement } from '../../base/define.js';
import '../chart/chart.define.js';
import { IgChannelMix } from './channel-mix.js';

defineElement('ig-channel-mix', IgChannelMix);

declare global {
  interface HTMLElementTagNameMap {
    'ig-channel-mix': IgChannelMix;
  }
}
