import { defineElement } from '../../base/define.js';
import { IgCampaignDetail } from './campaign-detail.js';

defineElement('ig-campaign-detail', IgCampaignDetail);

declare global {
  interface HTMLElementTagNameMap {
    'ig-campaign-detail': IgCampaignDetail;
  }
}
