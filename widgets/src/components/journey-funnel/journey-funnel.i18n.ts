/**
 * The strings of `<ig-journey-funnel>`, per language (Spanish the fallback). Kept with the element, not in the shared
 * tables of `i18n/`, because those load up front in the CDN bundle (20 KB gzip budget) while this
 * element is a lazy chunk: its text comes with its code. Same rules as `i18n/types.ts`: interpolated
 * arguments arrive formatted.
 */
import type { IgLocale } from '../../i18n/index.js';

export interface IgJourneyFunnelStrings {
  label: string;
  /** Label of the journey picker. */
  picker: string;
  /** No journey existed in the period. */
  noJourneys: string;
  /** A journey id not in the period's list. */
  unknownJourney: (id: string) => string;
  /** The funnel chart's name. */
  funnel: (journey: string) => string;
  step: string;
  /** A step's name: its place in the flow (formatted) and its campaign or node. */
  stepName: (position: string, name: string) => string;
  /** A node outside the flow (no position). */
  outsideFlow: (name: string) => string;
  entered: string;
  completed: string;
  completionRate: string;
  dropOff: string;
  dropOffRate: string;
  /** One step in the text list; every value is formatted. */
  stepSummary: (entered: string, completed: string, dropOffRate: string) => string;
  steps: string;
  /** The days the totals leave out: spans kept only as monthly totals that straddle the period (formatted, joined). */
  leftOut: (spans: string) => string;
}

const es: IgJourneyFunnelStrings = {
  label: 'Embudo del Customer Journey',
  picker: 'Customer Journey',
  noJourneys: 'No hay Customer Journeys en este periodo.',
  unknownJourney: (id) => `Customer Journey ${id}`,
  funnel: (journey) => `Embudo de «${journey}»`,
  step: 'Paso',
  stepName: (position, name) => `${position}. ${name}`,
  outsideFlow: (name) => `Fuera del flujo: ${name}`,
  entered: 'Entraron',
  completed: 'Completaron',
  completionRate: 'Tasa de finalización',
  dropOff: 'Abandonos',
  dropOffRate: 'Abandono',
  stepSummary: (entered, completed, dropOffRate) => `${entered} entraron, ${completed} completaron, ${dropOffRate} de abandono`,
  steps: 'Pasos del embudo',
  leftOut: (spans) => `Sin cifras diarias de ${spans}: de esos días solo hay totales mensuales, que no cuentan en este periodo.`,
};

const en: IgJourneyFunnelStrings = {
  label: 'Customer Journey funnel',
  picker: 'Customer Journey',
  noJourneys: 'No Customer Journeys in this period.',
  unknownJourney: (id) => `Customer Journey ${id}`,
  funnel: (journey) => `“${journey}” funnel`,
  step: 'Step',
  stepName: (position, name) => `${position}. ${name}`,
  outsideFlow: (name) => `Outside the flow: ${name}`,
  entered: 'Entered',
  completed: 'Completed',
  completionRate: 'Completion rate',
  dropOff: 'Drop-offs',
  dropOffRate: 'Drop-off',
  stepSummary: (entered, completed, dropOffRate) => `${entered} entered, ${completed} completed, ${dropOffRate} drop-off`,
  steps: 'Funnel steps',
  leftOut: (spans) => `No daily figures for ${spans}: only monthly totals exist for those days, and they are left out of this period.`,
};

const ptBR: IgJourneyFunnelStrings = {
  label: 'Funil da Customer Journey',
  picker: 'Customer Journey',
  noJourneys: 'Nenhuma Customer Journey neste período.',
  unknownJourney: (id) => `Customer Journey ${id}`,
  funnel: (journey) => `Funil de “${journey}”`,
  step: 'Etapa',
  stepName: (position, name) => `${position}. ${name}`,
  outsideFlow: (name) => `Fora do fluxo: ${name}`,
  entered: 'Entraram',
  completed: 'Concluíram',
  completionRate: 'Taxa de conclusão',
  dropOff: 'Abandonos',
  dropOffRate: 'Abandono',
  stepSummary: (entered, completed, dropOffRate) => `${entered} entraram, ${completed} concluíram, ${dropOffRate} de abandono`,
  steps: 'Etapas do funil',
  leftOut: (spans) => `Sem números diários de ${spans}: desses dias há apenas totais mensais, que não entram neste período.`,
};

const TABLES: Readonly<Record<IgLocale, IgJourneyFunnelStrings>> = { es, en, 'pt-BR': ptBR };

/** The table of a language (unknown: Spanish). */
export function journeyFunnelStrings(language: IgLocale): IgJourneyFunnelStrings {
  return TABLES[language] ?? es;
}
