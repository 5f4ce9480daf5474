import { defineElement } from '../../base/define.js';
import { IgAiChat } from './ai-chat.js';

defineElement('ig-ai-chat', IgAiChat);

declare global {
  interface HTMLElementTagNameMap {
    'ig-ai-chat': IgAiChat;
  }
}
