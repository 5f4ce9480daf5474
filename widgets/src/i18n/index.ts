/**
 * Translation tables and locale resolution. Text comes from these tables only; numbers, percentages,
 * money, durations and dates go through `Intl` (see `format.ts`).
 */
import { es } from './es.js';
import type { IgLocale, IgTranslation } from './types.js';

export type { IgLocale, IgTranslation } from './types.js';

export const DEFAULT_LOCALE: IgLocale = 'es';

/**
 * The tables at hand. Spanish (the default and the fallback) always; the others once registered: the
 * npm entry registers them all up front (./all.ts), the CDN bundle fetches one the first time an
 * element speaks it (each is a chunk of its own), so a page pays only for its languages.
 */
export const translations: Partial<Record<IgLocale, IgTranslation>> = { es };

const loaders: Record<Exclude<IgLocale, 'es'>, () => Promise<IgTranslation>> = {
  en: () => import('./en.js').then((m) => m.en),
  'pt-BR': () => import('./pt-BR.js').then((m) => m.ptBR),
};
const loading = new Map<IgLocale, Promise<IgTranslation>>();

export function registerTranslation(locale: IgLocale, table: IgTranslation): void {
  translations[locale] = table;
}

/** The table of `locale`, fetched once when it is not at hand; Spanish if the fetch fails. */
export function loadTranslation(locale: IgLocale): Promise<IgTranslation> {
  const ready = translations[locale];
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale as Exclude<IgLocale, 'es'>]().then(
      (table) => {
        registerTranslation(locale, table);
        return table;
      },
      () => es,
    );
    loading.set(locale, pending);
  }
  return pending;
}

export function isIgLocale(value: unknown): value is IgLocale {
  return value === 'es' || value === 'en' || value === 'pt-BR';
}

/**
 * The supported language of a BCP 47 tag (`en-GB` → `en`; any `pt` tag → `pt-BR`, the one Portuguese
 * table), or `undefined` when unsupported.
 */
export function languageOf(tag: string | null | undefined): IgLocale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'pt') return 'pt-BR';
  return isIgLocale(language) ? language : undefined;
}

/** A tag `Intl` accepts, canonicalised (`es-mx` → `es-MX`), or `undefined` when malformed. */
export function canonicalTag(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}
