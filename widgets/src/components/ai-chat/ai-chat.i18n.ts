/**
 * The texts of `<ig-ai-chat>`, per locale. They live next to the element (not in the shared tables of
 * src/i18n/) so that they travel in its lazy chunk: the CDN's up-front bundle stays within its budget.
 * Same rules as src/i18n/types.ts: interpolated arguments are already formatted.
 */
import type { IgLocale } from '../../i18n/index.js';

export interface IgChatTranslation {
  /** Accessible name of the element. */
  label: string;
  /** Accessible name of the list of questions and answers. */
  thread: string;
  /** Label of the question box. */
  input: string;
  placeholder: string;
  /** Under the box: how the keyboard works. */
  hint: string;
  send: string;
  stop: string;
  /** Shown before the first question. */
  empty: string;
  /** The question as a screen reader hears it before its text. */
  you: string;
  /** The answer as a screen reader hears it before its text. */
  assistant: string;
  phases: { thinking: string; running_tools: string; answering: string };
  /** Which engine answered (`name` is a brand or `local engine`). */
  answeredBy: (name: string) => string;
  engines: { claude: string; local: string };
  certified: string;
  generated: string;
  /** Title of the certified badge: where the same figures come from (the REST endpoint). */
  sourceTitle: (endpoint: string) => string;
  truncated: string;
  showSql: string;
  suggestions: string;
  copy: string;
  copied: string;
  csv: string;
  save: string;
  saving: string;
  saved: string;
  saveFailed: string;
  /** The answer was stopped by the user; its partial text stays. */
  stopped: string;
  /** Announced when an answer ends without text. */
  noText: string;
  /** The KPI card's period line (`period` formatted). */
  period: (period: string) => string;
  errors: {
    /** 429 chat_quota_exceeded: the project's daily questions are used up. */
    quota: string;
    model_unavailable: string;
    timeout: string;
    /** Any other failure of the answer. */
    failed: string;
  };
}

const es: IgChatTranslation = {
  label: 'Asistente de analítica',
  thread: 'Conversación',
  input: 'Tu pregunta',
  placeholder: 'Pregunta por tus datos, p. ej. ¿cuál fue el CTR de SMS la semana pasada?',
  hint: 'Intro envía · Mayús+Intro añade una línea',
  send: 'Enviar',
  stop: 'Detener',
  empty: 'Pregunta lo que quieras saber de tus campañas y canales.',
  you: 'Tú',
  assistant: 'Asistente',
  phases: { thinking: 'Pensando…', running_tools: 'Consultando los datos…', answering: 'Redactando la respuesta…' },
  answeredBy: (name) => `Respondido por: ${name}`,
  engines: { claude: 'Claude', local: 'motor local' },
  certified: 'Métrica certificada',
  generated: 'Consulta generada',
  sourceTitle: (endpoint) => `Las mismas cifras que ${endpoint}`,
  truncated: 'Resultado recortado: solo se muestran las primeras filas.',
  showSql: 'Ver SQL',
  suggestions: 'Preguntas sugeridas',
  copy: 'Copiar',
  copied: 'Copiado',
  csv: 'CSV',
  save: 'Guardar como análisis',
  saving: 'Guardando…',
  saved: 'Guardado en tus análisis',
  saveFailed: 'No se ha podido guardar el análisis.',
  stopped: 'Respuesta detenida.',
  noText: 'Respuesta lista.',
  period: (period) => `Periodo: ${period}`,
  errors: {
    quota: 'Se ha alcanzado el límite diario de preguntas de este proyecto. Podrás volver a preguntar mañana.',
    model_unavailable: 'El asistente está saturado ahora mismo. Inténtalo de nuevo en unos segundos.',
    timeout: 'La respuesta ha tardado demasiado. Prueba con una pregunta más concreta.',
    failed: 'No se ha podido completar la respuesta.',
  },
};

const en: IgChatTranslation = {
  label: 'Analytics assistant',
  thread: 'Conversation',
  input: 'Your question',
  placeholder: 'Ask about your data, e.g. what was the SMS CTR last week?',
  hint: 'Enter sends · Shift+Enter adds a line',
  send: 'Send',
  stop: 'Stop',
  empty: 'Ask anything about your campaigns and channels.',
  you: 'You',
  assistant: 'Assistant',
  phases: { thinking: 'Thinking…', running_tools: 'Querying the data…', answering: 'Writing the answer…' },
  answeredBy: (name) => `Answered by: ${name}`,
  engines: { claude: 'Claude', local: 'local engine' },
  certified: 'Certified metric',
  generated: 'Generated query',
  sourceTitle: (endpoint) => `The same figures as ${endpoint}`,
  truncated: 'Result cut: only the first rows are shown.',
  showSql: 'Show SQL',
  suggestions: 'Suggested questions',
  copy: 'Copy',
  copied: 'Copied',
  csv: 'CSV',
  save: 'Save as analysis',
  saving: 'Saving…',
  saved: 'Saved to your analyses',
  saveFailed: 'The analysis could not be saved.',
  stopped: 'Answer stopped.',
  noText: 'Answer ready.',
  period: (period) => `Period: ${period}`,
  errors: {
    quota: "This project has used up today's questions. You can ask again tomorrow.",
    model_unavailable: 'The assistant is busy right now. Try again in a few seconds.',
    timeout: 'The answer took too long. Try a narrower question.',
    failed: 'The answer could not be completed.',
  },
};

const ptBR: IgChatTranslation = {
  label: 'Assistente de análise',
  thread: 'Conversa',
  input: 'Sua pergunta',
  placeholder: 'Pergunte sobre seus dados, p. ex. qual foi o CTR de SMS na semana passada?',
  hint: 'Enter envia · Shift+Enter adiciona uma linha',
  send: 'Enviar',
  stop: 'Parar',
  empty: 'Pergunte o que quiser saber sobre suas campanhas e canais.',
  you: 'Você',
  assistant: 'Assistente',
  phases: { thinking: 'Pensando…', running_tools: 'Consultando os dados…', answering: 'Escrevendo a resposta…' },
  answeredBy: (name) => `Respondido por: ${name}`,
  engines: { claude: 'Claude', local: 'motor local' },
  certified: 'Métrica certificada',
  generated: 'Consulta gerada',
  sourceTitle: (endpoint) => `Os mesmos números que ${endpoint}`,
  truncated: 'Resultado cortado: só as primeiras linhas são mostradas.',
  showSql: 'Ver SQL',
  suggestions: 'Perguntas sugeridas',
  copy: 'Copiar',
  copied: 'Copiado',
  csv: 'CSV',
  save: 'Salvar como análise',
  saving: 'Salvando…',
  saved: 'Salvo nas suas análises',
  saveFailed: 'Não foi possível salvar a análise.',
  stopped: 'Resposta interrompida.',
  noText: 'Resposta pronta.',
  period: (period) => `Período: ${period}`,
  errors: {
    quota: 'Este projeto atingiu o limite diário de perguntas. Você poderá perguntar de novo amanhã.',
    model_unavailable: 'O assistente está sobrecarregado agora. Tente de novo em alguns segundos.',
    timeout: 'A resposta demorou demais. Tente uma pergunta mais específica.',
    failed: 'Não foi possível concluir a resposta.',
  },
};

/** The chat's texts by locale (`es` is the fallback, as for the shared tables). */
export const CHAT_TRANSLATIONS: Readonly<Record<IgLocale, IgChatTranslation>> = { es, en, 'pt-BR': ptBR };
