/** The analytics app's own texts: every language has every key of the Spanish reference, non-empty. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

type Table = { [key: string]: string | Table };
const file = pathToFileURL(path.resolve(import.meta.dirname, 'public/app/i18n.js')).href;

function keys(t: Table, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
function leaves(t: Table): string[] {
  return Object.values(t).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));
}

describe('the analytics app texts', () => {
  it('es, en and pt-BR have the same keys, none empty', async () => {
    const { LOCALES, TEXTS } = (await import(file)) as { LOCALES: string[]; TEXTS: Record<string, Table> };
    expect(LOCALES).toEqual(['es', 'en', 'pt-BR']);
    const reference = keys(TEXTS.es!).sort();
    expect(reference.length).toBeGreaterThan(20);
    for (const locale of LOCALES) {
      expect(keys(TEXTS[locale]!).sort(), locale).toEqual(reference);
      for (const text of leaves(TEXTS[locale]!)) expect(text.trim(), locale).not.toBe('');
    }
    // Every section of the app has a name and a lead in every language.
    for (const locale of LOCALES) expect(Object.keys(TEXTS[locale]!.sections!)).toEqual(Object.keys(TEXTS[locale]!.leads!));
  });
});
