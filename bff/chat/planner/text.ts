/**
 * Text helpers of the local planner: a length-preserving fold (lower case, accents off) so that a
 * match in the folded text points at the same characters of the original question (names are read
 * from the original, with their capitals and accents), number words, and the language guess.
 */

/** Lower case without diacritics, one character for one character (indexes stay valid). */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = base.toLowerCase();
    // Keep the length of the UTF-16 string: a character that folds to more or fewer units stays as is.
    out += lower.length === ch.length ? lower : ch.length === 1 ? (lower[0] ?? ch) : ch;
  }
  return out.replace(/[¿¡]/g, ' ');
}

/** Replaces [start, end) with spaces (the span is consumed; indexes stay valid). */
export function blank(s: string, start: number, end: number): string {
  return s.slice(0, start) + ' '.repeat(end - start) + s.slice(end);
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1, uno: 1, una: 1, one: 1, a: 1,
  dos: 2, two: 2, tres: 3, three: 3, cuatro: 4, four: 4, cinco: 5, five: 5, seis: 6, six: 6,
  siete: 7, seven: 7, ocho: 8, eight: 8, nueve: 9, nine: 9, diez: 10, ten: 10,
  once: 11, eleven: 11, doce: 12, twelve: 12, quince: 15, fifteen: 15, veinte: 20, twenty: 20,
  treinta: 30, thirty: 30, sesenta: 60, sixty: 60, noventa: 90, ninety: 90,
};

/** Regex source of a count: digits or a number word (folded). */
export const NUMBER_RE = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).filter((w) => w !== 'a' && w !== 'once').join('|')})`;

export function numberOf(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  if (/^\d+$/.test(token)) return Number(token);
  return NUMBER_WORDS[token];
}

const ES_MARKERS =
  /\b(el|la|los|las|del|de|que|cuantos|cuantas|cual|cuales|como|donde|en|por|para|con|y|campanas?|envios|enviados|mes|semana|dias|hoy|ayer|dame|muestra|mejor(es)?|peor(es)?|agentes?|tasa|hora|ano|pasad[oa]|ultim[oa]s?|est[ea]|quien|conviene|usuarios|dispositivos|entre|desde|hasta|cuanto|gastamos|correo|compara|evolucion|reparto|rebotes|bajas|aperturas|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b/g;
const EN_MARKERS =
  /\b(the|of|what|whats|how|many|much|last|this|week|month|days|today|yesterday|show|campaigns?|which|who|in|by|with|and|is|are|was|were|did|does|do|best|worst|top|agents?|rate|time|year|since|between|from|to|per|spend|spent|compare|trend|opens|clicks|sent|delivered|bounces|where|users|devices|new|should|we|our|me|give|list|sends|january|february|march|april|may|june|july|august|september|october|november|december)\b/g;

/** 'es' or 'en' from the words of the question; a tie goes to the locale (pt-BR and none: Spanish). */
export function detectLanguage(folded: string, locale?: 'es' | 'en' | 'pt-BR'): 'es' | 'en' {
  const es = (folded.match(ES_MARKERS) ?? []).length;
  const en = (folded.match(EN_MARKERS) ?? []).length;
  if (es > en) return 'es';
  if (en > es) return 'en';
  return locale === 'en' ? 'en' : 'es';
}
