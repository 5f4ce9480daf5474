import { defineElement } from '../../base/define.js';
import '../chart/chart.define.js';
import { IgWalletStats } from './wallet-stats.js';

defineElement('ig-wallet-stats', IgWalletStats);

declare global {
  interface HTMLElementTagNameMap {
    'ig-wallet-stats': IgWalletStats;
  }
}
