import { defineElement } from '../../base/define.js';
import { IgAgentPerformance } from './agent-performance.js';

defineElement('ig-agent-performance', IgAgentPerformance);

declare global {
  interface HTMLElementTagNameMap {
    'ig-agent-performance': IgAgentPerformance;
  }
}
