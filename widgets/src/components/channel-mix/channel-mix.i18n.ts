/**
 * The strings of `<ig-channel-mix>`, per language (Spanish: the fallback). Kept with the element, not in
 * the shared tables of `i18n/`, so they load with the element's lazy chunk and not up front (the CDN
 * budget, docs/adr/013); metric and channel names come from the shared tables. Same shape as a group
 * of `IgTranslation`: they can move there as-is.
 */
import type { IgLocale } from '../../i18n/types.js';

export interface IgChannelMixStrings {
  label: (metric: string) => string;
  channel: string;
  value: string;
  share: string;
  /** The legend of channel buttons that set the shared channel filter. */
  select: string;
}

const es: IgChannelMixStrings = {
  label: (metric) => `${metric} por canal`,
  channel: 'Canal',
  value: 'Valor',
  share: 'Cuota',
  select: 'Filtrar por canal',
};

const en: IgChannelMixStrings = {
  label: (metric) => `${metric} by channel`,
  channel: 'Channel',
  value: 'Value',
  share: 'Share',
  select: 'Filter by channel',
};

const pt: IgChannelMixStrings = {
  label: (metric) => `${metric} por canal`,
  channel: 'Canal',
  value: 'Valor',
  share: 'Participação',
  select: 'Filtrar por canal',
};

export const STRINGS: Readonly<Record<IgLocale, IgChannelMixStrings>> = { es, en, 'pt-BR': pt };
