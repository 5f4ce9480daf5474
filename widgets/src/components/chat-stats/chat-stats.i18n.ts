/**
 * The strings of `<ig-chat-stats>`, per language (Spanish the fallback). Kept with the element, not in the shared
 * tables of `i18n/`, because those load up front in the CDN bundle (20 KB gzip budget) while this
 * element is a lazy chunk: its text comes with its code. Same rules as `i18n/types.ts`: interpolated
 * arguments arrive formatted.
 */
import type { IgLocale } from '../../i18n/index.js';

export interface IgChatStatsStrings {
  label: string;
  fallbackRate: string;
  /** The fallback rate's definition; counts are formatted. */
  fallbackDefinition: (fallbacks: string, botMessages: string) => string;
  messages: string;
  share: string;
  bySendType: string;
  sendType: string;
  byCategory: string;
  category: string;
  daily: string;
  day: string;
}

const es: IgChatStatsStrings = {
  label: 'Estadísticas de chat',
  fallbackRate: 'Tasa de fallback',
  fallbackDefinition: (fallbacks, botMessages) =>
    `Respuestas del bot que no entendieron al usuario (fallback) sobre el total de respuestas del bot: ${fallbacks} de ${botMessages}.`,
  messages: 'Mensajes',
  share: 'Proporción',
  bySendType: 'Mensajes por tipo de envío',
  sendType: 'Tipo de envío',
  byCategory: 'Mensajes por categoría',
  category: 'Categoría',
  daily: 'Mensajes de chat por día',
  day: 'Día',
};

const en: IgChatStatsStrings = {
  label: 'Chat statistics',
  fallbackRate: 'Fallback rate',
  fallbackDefinition: (fallbacks, botMessages) =>
    `Bot answers that did not understand the user (fallbacks) out of all bot answers: ${fallbacks} of ${botMessages}.`,
  messages: 'Messages',
  share: 'Share',
  bySendType: 'Messages by send type',
  sendType: 'Send type',
  byCategory: 'Messages by category',
  category: 'Category',
  daily: 'Chat messages per day',
  day: 'Day',
};

const ptBR: IgChatStatsStrings = {
  label: 'Estatísticas de chat',
  fallbackRate: 'Taxa de fallback',
  fallbackDefinition: (fallbacks, botMessages) =>
    `Respostas do bot que não entenderam o usuário (fallback) sobre o total de respostas do bot: ${fallbacks} de ${botMessages}.`,
  messages: 'Mensagens',
  share: 'Proporção',
  bySendType: 'Mensagens por tipo de envio',
  sendType: 'Tipo de envio',
  byCategory: 'Mensagens por categoria',
  category: 'Categoria',
  daily: 'Mensagens de chat por dia',
  day: 'Dia',
};

const TABLES: Readonly<Record<IgLocale, IgChatStatsStrings>> = { es, en, 'pt-BR': ptBR };

/** The table of a language (unknown: Spanish). */
export function chatStatsStrings(language: IgLocale): IgChatStatsStrings {
  return TABLES[language] ?? es;
}
