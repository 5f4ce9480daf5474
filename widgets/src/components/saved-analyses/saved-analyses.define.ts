import { defineElement } from '../../base/define.js';
import { IgSavedAnalyses } from './saved-analyses.js';

defineElement('ig-saved-analyses', IgSavedAnalyses);

declare global {
  interface HTMLElementTagNameMap {
    'ig-saved-analyses': IgSavedAnalyses;
  }
}
