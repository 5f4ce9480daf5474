/**
 * The strings of <ig-campaign-table>, per language: loaded with the element's own chunk, not with the up-front
 * bundle (the shared tables in ../types.ts hold what several elements use).
 */
import type { IgLocale } from '../types.js';

export interface IgCampaignStrings {
  label: string;
  /** The search field's label. */
  search: string;
  /** The `include=all` toggle: list campaigns without sends in the period too. */
  includeAll: string;
  pageSize: string;
  exportCsv: string;
  /** The CSV download failed. */
  exportFailed: string;
  /** Column headers (figures use `metrics`). */
  name: string;
  channel: string;
  created: string;
  previous: string;
  next: string;
  /** Pagination caption; `page` and the row numbers are formatted. */
  pageOf: (page: string, first: string, last: string) => string;
  /** The selected campaign (`name` as written), and the button that clears the selection. */
  selected: (name: string) => string;
  clearSelection: string;
  /** No campaign matches the search `q` (as typed). */
  noMatch: (q: string) => string;
  /** No campaign with sends in the period. */
  empty: string;
  /** Hint for keyboard users, read with the table. */
  hint: string;
}

export const campaignStrings: Readonly<Record<IgLocale, IgCampaignStrings>> = {
  es: {
      label: 'Campañas',
      search: 'Buscar campañas',
      includeAll: 'Incluir campañas sin envíos',
      pageSize: 'Filas por página',
      exportCsv: 'Exportar CSV',
      exportFailed: 'No se pudo exportar el CSV. Inténtalo de nuevo.',
      name: 'Campaña',
      channel: 'Canal',
      created: 'Creada',
      previous: 'Anterior',
      next: 'Siguiente',
      pageOf: (page, first, last) => `Página ${page} · filas ${first}–${last}`,
      selected: (name) => `Seleccionada: ${name}`,
      clearSelection: 'Quitar selección',
      noMatch: (q) => `Ninguna campaña coincide con «${q}»`,
      empty: 'No hay campañas con envíos en este periodo',
      hint: 'Flechas arriba y abajo para moverse entre campañas, Intro para seleccionar.',
  },
  en: {
      label: 'Campaigns',
      search: 'Search campaigns',
      includeAll: 'Include campaigns without sends',
      pageSize: 'Rows per page',
      exportCsv: 'Export CSV',
      exportFailed: 'The CSV could not be exported. Please try again.',
      name: 'Campaign',
      channel: 'Channel',
      created: 'Created',
      previous: 'Previous',
      next: 'Next',
      pageOf: (page, first, last) => `Page ${page} · rows ${first}–${last}`,
      selected: (name) => `Selected: ${name}`,
      clearSelection: 'Clear selection',
      noMatch: (q) => `No campaign matches “${q}”`,
      empty: 'No campaigns with sends in this period',
      hint: 'Up and down arrows move between campaigns, Enter selects.',
  },
  'pt-BR': {
      label: 'Campanhas',
      search: 'Buscar campanhas',
      includeAll: 'Incluir campanhas sem envios',
      pageSize: 'Linhas por página',
      exportCsv: 'Exportar CSV',
      exportFailed: 'Não foi possível exportar o CSV. Tente novamente.',
      name: 'Campanha',
      channel: 'Canal',
      created: 'Criada',
      previous: 'Anterior',
      next: 'Próxima',
      pageOf: (page, first, last) => `Página ${page} · linhas ${first}–${last}`,
      selected: (name) => `Selecionada: ${name}`,
      clearSelection: 'Limpar seleção',
      noMatch: (q) => `Nenhuma campanha corresponde a “${q}”`,
      empty: 'Não há campanhas com envios neste período',
      hint: 'Setas para cima e para baixo movem entre campanhas, Enter seleciona.',
  },
};
