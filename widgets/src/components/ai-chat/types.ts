/**
 * The event contract of `POST /v1/chat/messages` as the chat element reads it (docs/adr/015-ai-chat.md;
 * the BFF's source of truth is bff/chat/engine.ts). Type-only.
 */
import type { IgMetricFormat } from '../../api/types.js';

export type IgChatEngine = 'claude' | 'local';
export type IgChatPhase = 'thinking' | 'running_tools' | 'answering';
export type IgChatOutcome = 'answered' | 'unanswerable' | 'error' | 'cancelled';

export interface IgChatColumn {
  name: string;
  type: 'quantitative' | 'temporal' | 'nominal' | 'ordinal';
  format?: IgMetricFormat | undefined;
}

export interface IgChatKpiData {
  channel: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string } | null;
  metrics: { key: string; format: IgMetricFormat; value: number | null; previous: number | null; change: number | null }[];
}

export interface IgChatTableData {
  columns: IgChatColumn[];
  rows: Record<string, unknown>[];
}

export interface IgChatSource {
  tool: string;
  certified: boolean;
  endpoint?: string | undefined;
  period?: { from: string; to: string } | undefined;
}

export interface IgChatResult {
  id: string;
  tool: string;
  kind: 'kpi' | 'table' | 'chart';
  title: string;
  data: IgChatKpiData | IgChatTableData;
  spec?: Record<string, unknown> | undefined;
  truncated: boolean;
  source: IgChatSource;
}

export interface IgChatToolCall {
  id: string;
  name: string;
  input: unknown;
  certified: boolean;
}

export interface IgChatProblem {
  code: string;
  status: number;
  title?: string | undefined;
  detail?: string | undefined;
  retryable?: boolean | undefined;
}

/** The body of `POST /v1/chat/messages`. */
export interface IgChatRequest {
  question: string;
  conversationId?: string;
  context?: { channel?: string; campaignId?: number; from?: string; to?: string };
}
