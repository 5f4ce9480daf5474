/**
 * The charts' own strings (toolbar, table, states), per language, Spanish as the fallback. Kept here
 * rather than in `i18n/` while the shared tables are being extended; the keys can move there as-is.
 */
export interface IgChartStrings {
  toolbar: string;
  showTable: string;
  showChart: string;
  download: (format: string) => string;
  loading: string;
  empty: string;
  error: string;
  chart: string;
}

const es: IgChartStrings = {
  toolbar: 'Opciones del gráfico',
  showTable: 'Ver como tabla',
  showChart: 'Ver gráfico',
  download: (format) => `Descargar ${format}`,
  loading: 'Cargando gráfico…',
  empty: 'Sin datos para este periodo.',
  error: 'No se pudo dibujar el gráfico.',
  chart: 'Gráfico',
};

const en: IgChartStrings = {
  toolbar: 'Chart options',
  showTable: 'View as table',
  showChart: 'View chart',
  download: (format) => `Download ${format}`,
  loading: 'Loading chart…',
  empty: 'No data for this period.',
  error: 'The chart could not be drawn.',
  chart: 'Chart',
};

const pt: IgChartStrings = {
  toolbar: 'Opções do gráfico',
  showTable: 'Ver como tabela',
  showChart: 'Ver gráfico',
  download: (format) => `Baixar ${format}`,
  loading: 'Carregando gráfico…',
  empty: 'Sem dados para este período.',
  error: 'Não foi possível desenhar o gráfico.',
  chart: 'Gráfico',
};

const strings: Readonly<Record<string, IgChartStrings>> = { es, en, pt };

/** The strings of a language tag (`en-GB` → English), Spanish when unsupported. */
export function chartStrings(tag: string | undefined): IgChartStrings {
  return strings[tag?.toLowerCase().split(/[-_]/)[0] ?? ''] ?? es;
}
