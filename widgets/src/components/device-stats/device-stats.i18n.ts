/**
 * The strings of `<ig-device-stats>`, per language (Spanish: the fallback). Kept with the element, not in
 * the shared tables of `i18n/`, so they load with the element's lazy chunk and not up front (the CDN
 * budget, docs/adr/013); metric and channel names come from the shared tables. Same shape as a group
 * of `IgTranslation`: they can move there as-is.
 */
import type { IgLocale } from '../../i18n/types.js';

export interface IgDeviceStatsStrings {
  label: string;
  day: string;
  new: string;
  unregistered: string;
  active: string;
  activeAverage: string;
  activeLastDay: (day: string) => string;
  chart: string;
}

const es: IgDeviceStatsStrings = {
  label: 'Dispositivos',
  day: 'Fecha',
  new: 'Nuevos',
  unregistered: 'Dados de baja',
  active: 'Activos',
  activeAverage: 'Activos (media diaria)',
  activeLastDay: (day) => `Activos el ${day}`,
  chart: 'Dispositivos nuevos y dados de baja por día',
};

const en: IgDeviceStatsStrings = {
  label: 'Devices',
  day: 'Date',
  new: 'New',
  unregistered: 'Unregistered',
  active: 'Active',
  activeAverage: 'Active (daily average)',
  activeLastDay: (day) => `Active on ${day}`,
  chart: 'New and unregistered devices per day',
};

const pt: IgDeviceStatsStrings = {
  label: 'Dispositivos',
  day: 'Data',
  new: 'Novos',
  unregistered: 'Descadastrados',
  active: 'Ativos',
  activeAverage: 'Ativos (média diária)',
  activeLastDay: (day) => `Ativos em ${day}`,
  chart: 'Dispositivos novos e descadastrados por dia',
};

export const STRINGS: Readonly<Record<IgLocale, IgDeviceStatsStrings>> = { es, en, 'pt-BR': pt };
