import { defineElement } from '../../base/define.js';
import { IgChatStats } from './chat-stats.js';

defineElement('ig-chat-stats', IgChatStats);

declare global {
  interface HTMLElementTagNameMap {
    'ig-chat-stats': IgChatStats;
  }
}
