/**
 * The strings of `<ig-campaign-detail>`, per language (Spanish the fallback). Kept with the element, not in the shared
 * tables of `i18n/`, because those load up front in the CDN bundle (20 KB gzip budget) while this
 * element is a lazy chunk: its text comes with its code. Same rules as `i18n/types.ts`: interpolated
 * arguments arrive formatted.
 */
import type { IgLocale } from '../../i18n/index.js';

export interface IgCampaignDetailStrings {
  label: string;
  /** Accessible name once the campaign is known (`name` as the API gives it). */
  labelOf: (name: string) => string;
  /** Neither a `campaign` attribute nor a selected campaign. */
  pick: string;
  /** 404: no such campaign in the project. */
  notFound: string;
  configuration: string;
  channel: string;
  status: string;
  created: string;
  removed: string;
  id: string;
  totals: string;
  /** Title of the daily chart and its table. */
  daily: string;
  day: string;
}

const es: IgCampaignDetailStrings = {
  label: 'Detalle de campaña',
  labelOf: (name) => `Campaña «${name}»`,
  pick: 'Elige una campaña en la lista de campañas para ver su detalle.',
  notFound: 'No se encontró esta campaña en el proyecto.',
  configuration: 'Configuración',
  channel: 'Canal',
  status: 'Estado',
  created: 'Creada',
  removed: 'Eliminada',
  id: 'ID',
  totals: 'Totales del periodo',
  daily: 'Envíos y clics por día',
  day: 'Día',
};

const en: IgCampaignDetailStrings = {
  label: 'Campaign detail',
  labelOf: (name) => `Campaign “${name}”`,
  pick: 'Pick a campaign in the campaign list to see its detail.',
  notFound: 'This campaign was not found in the project.',
  configuration: 'Configuration',
  channel: 'Channel',
  status: 'Status',
  created: 'Created',
  removed: 'Removed',
  id: 'ID',
  totals: 'Totals for the period',
  daily: 'Sends and clicks per day',
  day: 'Day',
};

const ptBR: IgCampaignDetailStrings = {
  label: 'Detalhe da campanha',
  labelOf: (name) => `Campanha “${name}”`,
  pick: 'Escolha uma campanha na lista de campanhas para ver o detalhe.',
  notFound: 'Esta campanha não foi encontrada no projeto.',
  configuration: 'Configuração',
  channel: 'Canal',
  status: 'Status',
  created: 'Criada',
  removed: 'Removida',
  id: 'ID',
  totals: 'Totais do período',
  daily: 'Envios e cliques por dia',
  day: 'Dia',
};

const TABLES: Readonly<Record<IgLocale, IgCampaignDetailStrings>> = { es, en, 'pt-BR': ptBR };

/** The table of a language (unknown: Spanish). */
export function campaignDetailStrings(language: IgLocale): IgCampaignDetailStrings {
  return TABLES[language] ?? es;
}
