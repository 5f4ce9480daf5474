import { defineElement } from '../../base/define.js';
import { IgJourneyFunnel } from './journey-funnel.js';

defineElement('ig-journey-funnel', IgJourneyFunnel);

declare global {
  interface HTMLElementTagNameMap {
    'ig-journey-funnel': IgJourneyFunnel;
  }
}
