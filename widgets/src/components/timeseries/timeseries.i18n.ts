/**
 * The strings of `<ig-timeseries>`, per language (Spanish: the fallback). Kept with the element, not in
 * the shared tables of `i18n/`, so they load with the element's lazy chunk and not up front (the CDN
 * budget, docs/adr/013); metric and channel names come from the shared tables. Same shape as a group
 * of `IgTranslation`: they can move there as-is.
 */
import type { IgLocale } from '../../i18n/types.js';

export interface IgTimeseriesStrings {
  label: (metric: string, channel: string) => string;
  metric: string;
  day: string;
  value: string;
  previous: string;
  series: string;
  total: string;
}

const es: IgTimeseriesStrings = {
  label: (metric, channel) => `${metric} de ${channel} por fecha`,
  metric: 'Métrica',
  day: 'Fecha',
  value: 'Periodo actual',
  previous: 'Periodo anterior',
  series: 'Serie',
  total: 'Total',
};

const en: IgTimeseriesStrings = {
  label: (metric, channel) => `${channel} ${metric} over time`,
  metric: 'Metric',
  day: 'Date',
  value: 'Current period',
  previous: 'Previous period',
  series: 'Series',
  total: 'Total',
};

const pt: IgTimeseriesStrings = {
  label: (metric, channel) => `${metric} de ${channel} por data`,
  metric: 'Métrica',
  day: 'Data',
  value: 'Período atual',
  previous: 'Período anterior',
  series: 'Série',
  total: 'Total',
};

export const STRINGS: Readonly<Record<IgLocale, IgTimeseriesStrings>> = { es, en, 'pt-BR': pt };
