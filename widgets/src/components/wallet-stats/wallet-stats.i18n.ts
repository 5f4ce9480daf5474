/**
 * The strings of `<ig-wallet-stats>`, per language (Spanish: the fallback). Kept with the element, not in
 * the shared tables of `i18n/`, so they load with the element's lazy chunk and not up front (the CDN
 * budget, docs/adr/013); metric and channel names come from the shared tables. Same shape as a group
 * of `IgTranslation`: they can move there as-is.
 */
import type { IgLocale } from '../../i18n/types.js';

export interface IgWalletStatsStrings {
  label: string;
  day: string;
  platform: string;
  platforms: Readonly<Record<string, string>>;
  chart: string;
  split: string;
}

const es: IgWalletStatsStrings = {
  label: 'Wallet',
  day: 'Fecha',
  platform: 'Plataforma',
  platforms: { apple: 'Apple Wallet', google: 'Google Wallet' },
  chart: 'Pases de Wallet por día',
  split: 'Por plataforma',
};

const en: IgWalletStatsStrings = {
  label: 'Wallet',
  day: 'Date',
  platform: 'Platform',
  platforms: { apple: 'Apple Wallet', google: 'Google Wallet' },
  chart: 'Wallet passes per day',
  split: 'By platform',
};

const pt: IgWalletStatsStrings = {
  label: 'Wallet',
  day: 'Data',
  platform: 'Plataforma',
  platforms: { apple: 'Apple Wallet', google: 'Google Wallet' },
  chart: 'Passes de Wallet por dia',
  split: 'Por plataforma',
};

export const STRINGS: Readonly<Record<IgLocale, IgWalletStatsStrings>> = { es, en, 'pt-BR': pt };
