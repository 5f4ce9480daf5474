/**
 * Translation tables and locale resolution. Text comes from these tables only; numbers, percentages,
 * money, durations and dates go through `Intl` (see `format.ts`).
 */
import { en } from './en.js';
import { es } from './es.js';
import { ptBR } from './pt-BR.js';
import type { IgLocale, IgTranslation } from './types.js';

export type { IgLocale, IgTranslation } from './types.js';

export const DEFAULT_LOCALE: IgLocale = 'es';

export const translations: Readonly<Record<IgLocale, IgTranslation>> = { es, en, 'pt-BR': ptBR };

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
