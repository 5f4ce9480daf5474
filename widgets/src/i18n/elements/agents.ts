/**
 * The strings of <ig-agent-performance>, per language: loaded with the element's own chunk, not with the up-front
 * bundle (the shared tables in ../types.ts hold what several elements use).
 */
import type { IgLocale } from '../types.js';

export interface IgAgentStrings {
  label: string;
  agent: string;
  conversations: string;
  closed: string;
  avgToAssign: string;
  medianToAssign: string;
  avgToClose: string;
  medianToClose: string;
  /** Agents active at the last status snapshot (`count` formatted) and its day (formatted). */
  activeNow: (count: string, day: string) => string;
  /** Heading of one agent's detail (`agent` as written). */
  detail: (agent: string) => string;
  day: string;
  closeDetail: string;
  empty: string;
  hint: string;
}

export const agentStrings: Readonly<Record<IgLocale, IgAgentStrings>> = {
  es: {
      label: 'Rendimiento de agentes',
      agent: 'Agente',
      conversations: 'Conversaciones',
      closed: 'Cerradas',
      avgToAssign: 'Asignación (media)',
      medianToAssign: 'Asignación (mediana)',
      avgToClose: 'Cierre (media)',
      medianToClose: 'Cierre (mediana)',
      activeNow: (count, day) => `Activos ahora: ${count} (${day})`,
      detail: (agent) => `Detalle de ${agent}`,
      day: 'Día',
      closeDetail: 'Cerrar detalle',
      empty: 'No hay conversaciones de agentes en este periodo',
      hint: 'Flechas arriba y abajo para moverse entre agentes, Intro para ver el detalle.',
  },
  en: {
      label: 'Agent performance',
      agent: 'Agent',
      conversations: 'Conversations',
      closed: 'Closed',
      avgToAssign: 'Time to assign (avg.)',
      medianToAssign: 'Time to assign (median)',
      avgToClose: 'Time to close (avg.)',
      medianToClose: 'Time to close (median)',
      activeNow: (count, day) => `Active now: ${count} (${day})`,
      detail: (agent) => `${agent} in detail`,
      day: 'Day',
      closeDetail: 'Close detail',
      empty: 'No agent conversations in this period',
      hint: 'Up and down arrows move between agents, Enter shows the detail.',
  },
  'pt-BR': {
      label: 'Desempenho dos agentes',
      agent: 'Agente',
      conversations: 'Conversas',
      closed: 'Encerradas',
      avgToAssign: 'Atribuição (média)',
      medianToAssign: 'Atribuição (mediana)',
      avgToClose: 'Encerramento (média)',
      medianToClose: 'Encerramento (mediana)',
      activeNow: (count, day) => `Ativos agora: ${count} (${day})`,
      detail: (agent) => `Detalhes de ${agent}`,
      day: 'Dia',
      closeDetail: 'Fechar detalhes',
      empty: 'Não há conversas de agentes neste período',
      hint: 'Setas para cima e para baixo movem entre agentes, Enter mostra os detalhes.',
  },
};
