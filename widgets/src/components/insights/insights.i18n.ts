/**
 * The strings of `<ig-insights>`, per language (Spanish: the fallback). Kept with the element, not in
 * the shared tables of `i18n/`, so they load with the element's lazy chunk and not up front (the CDN
 * budget, docs/adr/013); metric and channel names come from the shared tables.
 */
import type { IgLocale } from '../../i18n/types.js';

export interface IgInsightsStrings {
  label: string;
  /** The empty state: nothing beyond the threshold. */
  nothing: string;
  /** Empty because no channel had enough earlier weeks of data to compare with. */
  noHistory: string;
  title: (metric: string, channel: string) => string;
  /** "value vs usual". */
  versus: (value: string, usual: string) => string;
  /** The z score, and its spoken explanation. */
  z: (z: string) => string;
  zLong: (z: string, weeks: number) => string;
  drivers: string;
  /** The change, spoken: against the usual value. */
  rose: (amount: string) => string;
  fell: (amount: string) => string;
  dimensions: Record<'platform' | 'campaign' | 'weekday' | 'lifecycle', string>;
  weekdays: Record<string, string>;
  /** The drivers' base: the same window one cycle before. */
  base: (period: string) => string;
}

const es: IgInsightsStrings = {
  label: 'Cambios destacados',
  nothing: 'Nada inusual en este periodo: ninguna métrica se aleja de lo habitual de las semanas anteriores.',
  noHistory: 'Aún no hay semanas anteriores suficientes para comparar este periodo (hacen falta al menos dos ventanas como esta).',
  title: (metric, channel) => `${metric} · ${channel}`,
  versus: (value, usual) => `${value} frente a ${usual} habitual`,
  z: (z) => `z ${z}`,
  zLong: (z, weeks) => `${z} desviaciones típicas respecto a las ${weeks} semanas anteriores`,
  drivers: 'Lo que más pesó',
  rose: (amount) => `Sube ${amount} respecto a lo habitual`,
  fell: (amount) => `Baja ${amount} respecto a lo habitual`,
  dimensions: { platform: 'Plataforma', campaign: 'Campaña', weekday: 'Día', lifecycle: 'Campañas' },
  weekdays: { mon: 'lunes', tue: 'martes', wed: 'miércoles', thu: 'jueves', fri: 'viernes', sat: 'sábado', sun: 'domingo' },
  base: (period) => `frente a ${period}`,
};

const en: IgInsightsStrings = {
  label: 'Notable changes',
  nothing: 'Nothing unusual in this period: no metric strays from the previous weeks’ usual.',
  noHistory: 'Not enough earlier weeks to compare this period with yet (at least two windows like it are needed).',
  title: (metric, channel) => `${metric} · ${channel}`,
  versus: (value, usual) => `${value} vs ${usual} usual`,
  z: (z) => `z ${z}`,
  zLong: (z, weeks) => `${z} standard deviations from the previous ${weeks} weeks`,
  drivers: 'Main drivers',
  rose: (amount) => `Up ${amount} on the usual`,
  fell: (amount) => `Down ${amount} on the usual`,
  dimensions: { platform: 'Platform', campaign: 'Campaign', weekday: 'Day', lifecycle: 'Campaigns' },
  weekdays: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  base: (period) => `against ${period}`,
};

const pt: IgInsightsStrings = {
  label: 'Mudanças em destaque',
  nothing: 'Nada incomum neste período: nenhuma métrica se afasta do habitual das semanas anteriores.',
  noHistory: 'Ainda não há semanas anteriores suficientes para comparar este período (são necessárias pelo menos duas janelas como esta).',
  title: (metric, channel) => `${metric} · ${channel}`,
  versus: (value, usual) => `${value} contra ${usual} habitual`,
  z: (z) => `z ${z}`,
  zLong: (z, weeks) => `${z} desvios-padrão em relação às ${weeks} semanas anteriores`,
  drivers: 'O que mais pesou',
  rose: (amount) => `Sobe ${amount} em relação ao habitual`,
  fell: (amount) => `Cai ${amount} em relação ao habitual`,
  dimensions: { platform: 'Plataforma', campaign: 'Campanha', weekday: 'Dia', lifecycle: 'Campanhas' },
  weekdays: { mon: 'segunda-feira', tue: 'terça-feira', wed: 'quarta-feira', thu: 'quinta-feira', fri: 'sexta-feira', sat: 'sábado', sun: 'domingo' },
  base: (period) => `contra ${period}`,
};

export const STRINGS: Readonly<Record<IgLocale, IgInsightsStrings>> = { es, en, 'pt-BR': pt };
