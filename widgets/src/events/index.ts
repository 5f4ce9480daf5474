/**
 * Every event the widgets dispatch, declared once. All bubble and are composed (they leave shadow
 * roots), and their names start with `ig-`. Change events fire on a user's action, never when code
 * sets a property.
 */
import type { IgErrorCode } from '../api/client.js';
import type { IgFilterKey, IgFilters } from '../filters/filters.js';
import type { IgCampaignSummary } from '../components/campaign-table/campaign-table.js';
import type { IgAnalysis } from '../components/saved-analyses/saved-analyses.js';

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

/** `ig-filter-change`: a user changed the shared filters of a provider. */
export interface IgFilterChangeDetail {
  /** The provider's filters after the change. */
  filters: Readonly<IgFilters>;
  /** The keys that changed. */
  changed: IgFilterKey[];
}

/** `ig-campaign-select`: a user selected a campaign (or cleared the selection: `null`). */
export interface IgCampaignSelectDetail {
  campaign: string | null;
  /** The selected campaign's row as `GET /v1/campaigns` gave it, when the selection came from a list. */
  summary?: IgCampaignSummary;
}

/** `ig-auth-error`: the BFF refused the credentials (401) and no token refresh helped. */
export interface IgAuthErrorDetail {
  status: number;
  code: IgErrorCode;
  /** Whether the provider's `tokenProvider` was asked for a new token first. */
  refreshed: boolean;
}

/** `ig-analysis-open`: a user opened a saved analysis (`<ig-saved-analyses>`). */
export interface IgAnalysisOpenDetail {
  /** The analysis as `GET /v1/analyses/:id` answers it, spec included. */
  analysis: IgAnalysis;
}

/** `ig-chat-answer`: an `<ig-ai-chat>` answer ended (answered, unanswerable, stopped or failed). */
export interface IgChatAnswerDetail {
  /** The conversation the answer belongs to (`null` when it failed before the BFF named one). */
  conversationId: string | null;
  question: string;
  /** `answered` | `unanswerable` | `error` | `cancelled` (the user pressed Stop). */
  outcome: 'answered' | 'unanswerable' | 'error' | 'cancelled';
  /** The engine that answered (`claude` | `local`), when the stream named it. */
  engine: string | null;
}

/** `ig-analysis-save`: a user saved something as an analysis (`POST /v1/analyses`). */
export interface IgAnalysisSaveDetail {
  id: string;
  kind: 'widget' | 'dashboard' | 'chat';
}

export interface IgEventDetailMap {
  'ig-load': IgLoadDetail;
  'ig-error': IgErrorDetail;
  'ig-filter-change': IgFilterChangeDetail;
  'ig-campaign-select': IgCampaignSelectDetail;
  'ig-auth-error': IgAuthErrorDetail;
  'ig-analysis-open': IgAnalysisOpenDetail;
  'ig-chat-answer': IgChatAnswerDetail;
  'ig-analysis-save': IgAnalysisSaveDetail;
}

export type IgEventName = keyof IgEventDetailMap;
export type IgEvent<K extends IgEventName> = CustomEvent<IgEventDetailMap[K]>;
export type IgLoadEvent = IgEvent<'ig-load'>;
export type IgErrorEvent = IgEvent<'ig-error'>;
export type IgFilterChangeEvent = IgEvent<'ig-filter-change'>;
export type IgCampaignSelectEvent = IgEvent<'ig-campaign-select'>;
export type IgAuthErrorEvent = IgEvent<'ig-auth-error'>;
export type IgAnalysisOpenEvent = IgEvent<'ig-analysis-open'>;
export type IgChatAnswerEvent = IgEvent<'ig-chat-answer'>;
export type IgAnalysisSaveEvent = IgEvent<'ig-analysis-save'>;

/** Dispatches a typed `ig-*` event from `target`, bubbling and composed. */
export function emitIgEvent<K extends IgEventName>(target: EventTarget, name: K, detail: IgEventDetailMap[K]): IgEvent<K> {
  const event = new CustomEvent<IgEventDetailMap[K]>(name, { bubbles: true, composed: true, detail });
  target.dispatchEvent(event);
  return event;
}

type IgEventMap = { [K in IgEventName]: IgEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends IgEventMap {}
  // The events are composed and bubble, so listeners on document/window see them too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends IgEventMap {}
}
