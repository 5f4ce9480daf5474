/**
 * indigitall Insights widgets: importing this module defines every element (`<ig-provider>`,
 * `<ig-channel-kpis>`, …) and exports their classes and types. To get a class without defining its
 * tag, import `components/<name>/<name>.js` instead.
 */
import './components/provider/provider.define.js';
import './components/channel-kpis/channel-kpis.define.js';
import './components/chart/chart.define.js';

export { IgProvider } from './components/provider/provider.js';
export { IgChannelKpis } from './components/channel-kpis/channel-kpis.js';
export { IgChart, type IgChartExportFormat } from './components/chart/chart.js';
export { IgElement } from './base/ig-element.js';
export { igContext, type IgContextValue } from './context/ig-context.js';
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
  IgKpiKey,
  IgKpiMetric,
  IgKpisResponse,
  IgMetricFormat,
  IgPeriod,
  IgProblemDetails,
} from './api/types.js';
export type {
  IgErrorDetail,
  IgErrorEvent,
  IgEvent,
  IgEventDetailMap,
  IgEventName,
  IgLoadDetail,
  IgLoadEvent,
} from './events/index.js';
export { DEFAULT_LOCALE, translations, type IgLocale, type IgTranslation } from './i18n/index.js';
export type {
  IgChartColumn,
  IgChartColumnFormat,
  IgChartRenderer,
  IgChartRow,
  IgChartSpec,
  IgChartTheme,
} from './charts/types.js';
export type { IgChartErrorDetail, IgChartErrorEvent, IgChartRenderDetail, IgChartRenderEvent } from './charts/events.js';
