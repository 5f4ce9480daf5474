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
  /\b(el|la|los|las|del|de|que|cuantos|cuantas|cual|cuales|como|donde|en|por|para|con|y|campanas?|envios|enviados|mes|semana|dias|hoy|ayer|anteayer|dame|muestra|mejor(es)?|peor(es)?|agentes?|tasa|hora|ano|pasad[oa]|ultim[oa]s?|est[ea]|quien|conviene|usuarios|dispositivos|entre|desde|hasta|cuanto|gastamos|correo|correos|compara|evolucion|reparto|rebotes|bajas|aperturas|apertura|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|llevamos|finde|tuvo|mas|y el|y la|y por|y las|y los)\b/g;
const EN_MARKERS =
  /\b(the|of|what|whats|how|many|much|last|this|week|month|days|today|yesterday|show|campaigns?|which|who|in|by|with|and|is|are|was|were|did|does|do|best|worst|top|agents?|rate|time|year|since|between|from|to|per|spend|spent|compare|trend|opens|clicks|sent|delivered|bounces|where|users|devices|new|should|we|our|me|give|list|sends|january|february|march|april|may|june|july|august|september|october|november|december|weekend|about|far|on|day|mother|mothers|whats|app|what)\b/g;
/** Words only Portuguese writes this way (folded), against words only Spanish does: Portuguese shares "de", "que", "mes"… with Spanish. */
const PT_ONLY =
  /\b(do|da|dos|das|na|nas|em|com|e|ao|aos|pelo|pela|neste|nesta|nosso|nossa|nossos|foram|tivemos|teve|tem|melhor|melhores|pior|piores|campanhas?|taxa|cliques|qual|quais|quantos|quantas|quanto|ontem|hoje|anteontem|passad[oa]|janeiro|fevereiro|maio|junho|julho|setembro|outubro|novembro|dezembro|custo|horario|conversas|fechou|fecharam|atende|mais|lidas|lidos|mensagens|novos|novas|descadastros?|rejeicoes|evolucao|diaria|mostre|exclua|apague|esquece|esqueca|voce|nao|entregues|abertura|aberturas|clicaram|abriram|maes|ate|agora|semana passada|mes passado|ano passado|trimestre passado)\b/g;
const ES_ONLY =
  /\b(el|los|las|del|y|en|con|cuantos|cuantas|cual|cuales|cuanto|hoy|ayer|anteayer|mejores|peores|peor|campanas?|pasad[oa]|tasa|muestra|dame|correos?|aperturas?|llevamos|finde|tuvo|septiembre|octubre|noviembre|diciembre|enero|febrero|mayo|junio|julio|tuvimos|hubo|mas|tiempo|medio|cierre|dime|cuantas|ultimo|ultima|canales)\b/g;

export type Language = 'es' | 'en' | 'pt';

/** 'es', 'en' or 'pt' from the words of the question; a tie goes to the locale (none: Spanish). */
export function detectLanguage(folded: string, locale?: string): Language {
  // Addresses and URLs are not words of any language ("ana@example.com" is not Portuguese "com").
  folded = folded.replace(/\S+@\S+|\bhttps?:\/\/\S+|\b[\w-]+\.(?:com|net|org|es|io)\b/g, ' ');
  const es = (folded.match(ES_MARKERS) ?? []).length;
  const en = (folded.match(EN_MARKERS) ?? []).length;
  const pt = (folded.match(PT_ONLY) ?? []).length;
  const esOnly = (folded.match(ES_ONLY) ?? []).length;
  const loc = locale?.toLowerCase();
  if (pt > esOnly && pt >= en && (pt > en || loc?.startsWith('pt'))) return 'pt';
  if (pt && pt === esOnly && pt >= en && loc?.startsWith('pt')) return 'pt';
  if (es > en) return 'es';
  if (en > es) return 'en';
  return loc?.startsWith('en') ? 'en' : loc?.startsWith('pt') ? 'pt' : 'es';
}
