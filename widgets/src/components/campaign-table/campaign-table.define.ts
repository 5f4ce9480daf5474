import { defineElement } from '../../base/define.js';
import { IgCampaignTable } from './campaign-table.js';

defineElement('ig-campaign-table', IgCampaignTable);

declare global {
  interface HTMLElementTagNameMap {
    'ig-campaign-table': IgCampaignTable;
  }
}
