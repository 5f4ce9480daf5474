/**
 * The strings of <ig-dashboard>, per language: loaded with the element's own chunk, not with the up-front
 * bundle (the shared tables in ../types.ts hold what several elements use).
 */
import type { IgLocale } from '../types.js';

export interface IgDashboardStrings {
  /** Accessible name of a dashboard whose layout has no title. */
  label: string;
  /** The layout is not JSON, or not a layout (no rows or items). */
  invalidLayout: string;
  /** The layout has no cells. */
  empty: string;
  /** A cell names an element a dashboard cannot show; `element` is the name as written (shortened). */
  unknownElement: (element: string) => string;
  /** A cell's attribute is refused (an event handler, `style`, a non-scalar value…); `name` as written. */
  invalidAttribute: (name: string) => string;
}

export const dashboardStrings: Readonly<Record<IgLocale, IgDashboardStrings>> = {
  es: {
      label: 'Panel de estadísticas',
      invalidLayout: 'El diseño del panel no es válido.',
      empty: 'Este panel no tiene elementos.',
      unknownElement: (element) => `«${element}» no es un elemento que un panel pueda mostrar.`,
      invalidAttribute: (name) => `El atributo «${name}» no está permitido en un panel.`,
  },
  en: {
      label: 'Analytics dashboard',
      invalidLayout: 'The dashboard layout is not valid.',
      empty: 'This dashboard has no elements.',
      unknownElement: (element) => `“${element}” is not an element a dashboard can show.`,
      invalidAttribute: (name) => `The attribute “${name}” is not allowed in a dashboard.`,
  },
  'pt-BR': {
      label: 'Painel de estatísticas',
      invalidLayout: 'O layout do painel não é válido.',
      empty: 'Este painel não tem elementos.',
      unknownElement: (element) => `“${element}” não é um elemento que um painel possa mostrar.`,
      invalidAttribute: (name) => `O atributo “${name}” não é permitido em um painel.`,
  },
};
