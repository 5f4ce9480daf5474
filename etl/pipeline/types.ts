/**
 * The contract between the data groups (one per family of indigitall endpoints) and the pipeline
 * that schedules, extracts, lands, loads, tests and publishes them. A group says what to fetch and
 * which SQL files turn it into marts; the pipeline does everything else the same way for all.
 *
 * Per project and window, the pipeline:
 *  1. fetches every endpoint of the group (client: auth, pagination, retries, window limits);
 *  2. validates each payload with the endpoint's zod schema; a payload that fails goes to
 *     raw.quarantine with the reason, and the window fails (nothing below runs);
 *  3. in ONE transaction: lands each payload in raw.api_responses (once per identical payload),
 *     runs the endpoint's staging model, then the group's mart models, then the group's data tests;
 *     any failing test rolls the transaction back (the previous good data stays published) and is
 *     recorded; otherwise it commits and the watermark of (project, group) may advance.
 */
import type { z } from 'zod';

export type DataGroup =
  | 'push'
  | 'inapp'
  | 'sms'
  | 'email'
  | 'chat'
  | 'agents'
  | 'campaigns'
  | 'journeys'
  | 'devices'
  | 'wallet';

/** Refresh tiers of the schedule (issue 3 §4). */
export type Tier = '15min' | 'hourly' | '6h' | 'daily';

export interface Window {
  from: string;
  to: string;
}

export interface EndpointSpec {
  /** Stable name stored in raw.api_responses.endpoint, e.g. 'push.dateStats.daily'. */
  name: string;
  /** Request path; `{id}` is replaced by the project id. */
  path: string;
  /** Query parameters for a window (dates, applicationId, periodicity…; pagination is added by the client). */
  query(projectId: number, window: Window): Record<string, string | number>;
  /** Longest window one request may cover (7, 90, 99 days…), or null when the endpoint takes no dates. */
  maxWindowDays: number | null;
  /** How the endpoint pages: none, v1 (limit + page from 0) or v2 (page from 1, rows in data[listKey]). */
  paging: { kind: 'none' } | { kind: 'v1'; limit: number } | { kind: 'v2'; limit: number; listKey: string };
  /** Chat endpoints take a login JWT instead of the server key. */
  auth: 'serverKey' | 'jwt';
  /** 'csv' for the chat history export (landed as {"rows":[…]} after parsing). */
  format?: 'json' | 'csv';
  /** Validates the (re-assembled, for paged endpoints) payload. */
  schema: z.ZodType;
  /** sql/models/staging/<file>: variables project_id, raw_id, from, to; returns one row { changed int }. */
  stagingModel: string;
}

export interface GroupSpec {
  group: DataGroup;
  tier: Tier;
  endpoints: EndpointSpec[];
  /** sql/models/marts/<file>: variables project_id, from, to; returns one row { changed int }. */
  martModels: string[];
  /** sql/tests/<file>: variables project_id, from, to; every row returned is a failure. */
  dataTests: string[];
}
