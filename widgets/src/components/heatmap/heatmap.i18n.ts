/**
 * The strings of `<ig-heatmap>`, per language (Spanish: the fallback). Kept with the element, not in
 * the shared tables of `i18n/`, so they load with the element's lazy chunk and not up front (the CDN
 * budget, docs/adr/013); metric and channel names come from the shared tables. Same shape as a group
 * of `IgTranslation`: they can move there as-is.
 */
import type { IgLocale } from '../../i18n/types.js';

export interface IgHeatmapStrings {
  label: string;
  weekday: string;
  hour: string;
  sent: string;
  clicked: string;
  ctr: string;
  /** ISO weekdays, Monday first. */
  weekdays: readonly string[];
  /** The best time to send: `when` is e.g. `sábado 20:00`, `ctr` formatted. */
  best: (when: string, ctr: string) => string;
  /** Runners-up after the best, already joined. */
  others: (list: string) => string;
  /** No cell had enough sends to compete. */
  noBest: string;
}

const es: IgHeatmapStrings = {
  label: 'CTR por día de la semana y hora',
  weekday: 'Día',
  hour: 'Hora',
  sent: 'Enviados',
  clicked: 'Clics',
  ctr: 'CTR',
  weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  best: (when, ctr) => `Mejor momento: ${when} (CTR ${ctr})`,
  others: (list) => `También: ${list}`,
  noBest: 'Aún no hay envíos suficientes para recomendar un momento.',
};

const en: IgHeatmapStrings = {
  label: 'CTR by weekday and hour',
  weekday: 'Day',
  hour: 'Hour',
  sent: 'Sent',
  clicked: 'Clicks',
  ctr: 'CTR',
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  best: (when, ctr) => `Best time: ${when} (CTR ${ctr})`,
  others: (list) => `Also: ${list}`,
  noBest: 'Not enough sends yet to recommend a time.',
};

const pt: IgHeatmapStrings = {
  label: 'CTR por dia da semana e hora',
  weekday: 'Dia',
  hour: 'Hora',
  sent: 'Enviados',
  clicked: 'Cliques',
  ctr: 'CTR',
  weekdays: ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'],
  best: (when, ctr) => `Melhor momento: ${when} (CTR ${ctr})`,
  others: (list) => `Também: ${list}`,
  noBest: 'Ainda não há envios suficientes para recomendar um momento.',
};

export const STRINGS: Readonly<Record<IgLocale, IgHeatmapStrings>> = { es, en, 'pt-BR': pt };
