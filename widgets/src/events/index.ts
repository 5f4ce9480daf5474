/**
 * Every event the widgets dispatch, declared once. All bubble and are composed (they leave shadow
 * roots), and their names start with `ig-`.
 */
import type { IgErrorCode } from '../api/client.js';

/** `ig-load`: data arrived and is on screen. */
export interface IgLoadDetail {
  /** Milliseconds from the request's start until the data was rendered. */
  durationMs: number;
}

/** `ig-error`: a request failed and the error state is on screen. */
export interface IgErrorDetail {
  /** HTTP status; 0 when no HTTP answer arrived (network failure). */
  status: number;
  /** Problem code from the BFF (`unauthorized`, `forbidden_project`, `invalid_parameter`, …) or `network`. */
  code: IgErrorCode;
}

export interface IgEventDetailMap {
  'ig-load': IgLoadDetail;
  'ig-error': IgErrorDetail;
}

export type IgEventName = keyof IgEventDetailMap;
export type IgEvent<K extends IgEventName> = CustomEvent<IgEventDetailMap[K]>;
export type IgLoadEvent = IgEvent<'ig-load'>;
export type IgErrorEvent = IgEvent<'ig-error'>;

declare global {
  interface HTMLElementEventMap {
    'ig-load': IgLoadEvent;
    'ig-error': IgErrorEvent;
  }
  // The events are composed and bubble, so listeners on document/window see them too.
  interface GlobalEventHandlersEventMap {
    'ig-load': IgLoadEvent;
    'ig-error': IgErrorEvent;
  }
}
