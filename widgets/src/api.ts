/**
 * What every build exports besides the elements: base classes, the data foundation, filters, the
 * API client, events, i18n and chart types.
 */
export { IgElement } from './base/ig-element.js';
export { IgDataElement } from './base/data-element.js';
export {
  IgDataController,
  type IgDataControllerOptions,
  type IgDataRequest,
  type IgDataScope,
  type IgDataState,
} from './base/data-controller.js';
export { igContext, type IgAuthHooks, type IgContextValue, type IgMetaState, type IgTheme } from './context/ig-context.js';
export {
  DEFAULT_FILTERS,
  PERIOD_PRESETS,
  resolvePeriod,
  type IgFilterKey,
  type IgFilters,
  type IgPeriodPreset,
  type IgPeriodQuery,
  type IgPlatform,
} from './filters/filters.js';
export {
  IgApiClient,
  IgApiError,
  type IgApiClientOptions,
  type IgApiErrorInit,
  type IgErrorCode,
  type IgQueryParams,
  type IgQueryValue,
} from './api/client.js';
export type {
  IgChannel,
  IgFreshness as IgFreshnessEntry,
  IgKpiChannel,
  IgKpiKey,
  IgKpiMetric,
  IgKpisResponse,
  IgMetaResponse,
  IgMetricFormat,
  IgPeriod,
  IgProblemDetails,
} from './api/types.js';
export type {
  IgAuthErrorDetail,
  IgAnalysisSaveDetail,
  IgAnalysisSaveEvent,
  IgAuthErrorEvent,
  IgChatAnswerDetail,
  IgChatAnswerEvent,
  IgCampaignSelectDetail,
  IgCampaignSelectEvent,
  IgErrorDetail,
  IgErrorEvent,
  IgEvent,
  IgEventDetailMap,
  IgEventName,
  IgFilterChangeDetail,
  IgFilterChangeEvent,
  IgLoadDetail,
  IgLoadEvent,
} from './events/index.js';
export { DEFAULT_LOCALE, loadTranslation, registerTranslation, translations, type IgLocale, type IgTranslation } from './i18n/index.js';
export type {
  IgChartColumn,
  IgChartColumnFormat,
  IgChartRenderer,
  IgChartRow,
  IgChartSpec,
  IgChartTheme,
} from './charts/types.js';
export type { IgChartErrorDetail, IgChartErrorEvent, IgChartRenderDetail, IgChartRenderEvent } from './charts/events.js';
