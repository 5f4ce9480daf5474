/**
 * The contract between the data groups (one per family of indigitall endpoints) and the pipeline
 * that schedules, extracts, lands, loads, tests and publishes them. A group says what to fetch and
 * which SQL files turn it into marts; the pipeline does everything else the same way for all.
 *
 * Per project and window, the pipeline:
 *  1. fetches every endpoint of the group (client: auth, pagination, retries, window limits), in the
 *     order listed; a fan-out endpoint (`fanOut`) once per key its source endpoint's payload lists;
 *  2. validates each payload with the endpoint's zod schema; a payload that fails goes to
 *     raw.quarantine with the reason, and the window fails (nothing below runs); fields the schema
 *     does not know or that the payload lacks are recorded as schema drift (app.schema_drift), valid
 *     or not (etl/pipeline/drift.ts);
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

/** What an endpoint's `check` gets: the request window, and queries on the run's connection (to read loaded data). */
export interface CheckContext {
  projectId: number;
  window: Window;
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * An endpoint asked once per key of a list another endpoint of the same group returns, e.g.
 * GET /v1/journey/{journeyId}/stats once per journey of GET /v1/journey?applicationId.
 *
 * In each group window the runner fetches and validates the `from` endpoint first (schema and check);
 * then, per request window of this endpoint, it asks `keys(payload, window)` of the `from` payload
 * whose request window covers it (a `from` without dates is a snapshot, fetched once per run, that
 * covers every window), and fetches this endpoint once per key: `{key}` in the path is the
 * key (URL-encoded), the stored params are the query plus `{ [param]: key }`, and the payload lands
 * under the endpoint name `<name>:<key>` (see fanOutName). The suffix matters: raw de-duplication is
 * per (project, endpoint, request window, sha256), and two keys may answer the same bytes.
 * Each fanned-out payload is validated, quarantined, landed and staged like any other; one bad payload
 * fails the whole group window. A quarantined `from` payload fails the window without fanning out.
 *
 * Rules (groupSpecProblem in plan.ts): `from` names an earlier endpoint of the group that does not fan
 * out itself; its request windows cover this endpoint's (it takes no dates, or its window limit is a
 * multiple of this one's); only a fan-out path has `{key}`; endpoint names have no ':'.
 */
export interface FanOut {
  /** Name of the endpoint (earlier in the same group) whose validated payload lists the keys. */
  from: string;
  /** Name the key is stored under in raw.api_responses.params (e.g. 'journeyId'). */
  param: string;
  /**
   * The keys to request for one request window of this endpoint, read from the `from` payload (already
   * validated by its schema and check). Keys are non-empty strings or integers, without duplicates.
   */
  keys(listPayload: unknown, window: Window): readonly (string | number)[];
}

export interface EndpointSpec {
  /** Stable name stored in raw.api_responses.endpoint, e.g. 'push.dateStats.daily' (no ':'; see FanOut). */
  name: string;
  /** Request path; `{id}` is replaced by the project id, `{key}` by the fan-out key. */
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
  /**
   * Optional checks the schema cannot express because they need the request window or the data
   * already loaded (a row dated outside the window, an empty answer over a window that has data).
   * Runs after the schema passed; a returned string is the quarantine reason.
   */
  check?(payload: unknown, ctx: CheckContext): string | undefined | Promise<string | undefined>;
  /**
   * For an endpoint that answers only totals of its request window (no per-day rows): the days of
   * daily history. Within the last `dailyDays` days of a run's range it is asked one day at a time
   * (a daily grain); before them once per calendar month, and its staging model stores such a
   * window's figures as one row spanning the month (`days` > 1), never spread over days
   * (docs/adr/029). Needs maxWindowDays ≥ 31.
   */
  dailyDays?: number;
  /** Fetch once per key of another endpoint's payload (see FanOut). */
  fanOut?: FanOut;
  /**
   * sql/models/staging/<file>: variables project_id, raw_id, from, to (the request window); returns one
   * row { changed int }. A fan-out payload finds its key in params->>'<param>' of its raw row.
   */
  stagingModel: string;
}

export type FanOutEndpointSpec = EndpointSpec & { fanOut: FanOut };

/** The endpoint name a fan-out payload lands under in raw.api_responses (and raw.quarantine). */
export function fanOutName(endpoint: Pick<EndpointSpec, 'name'>, key: string | number): string {
  return `${endpoint.name}:${key}`;
}

export interface GroupSpec {
  group: DataGroup;
  tier: Tier;
  endpoints: EndpointSpec[];
  /**
   * Days of one group window (one transaction) when longer than its endpoints' own limits: each
   * endpoint's requests are split to its limit inside it and go out together. Fewer, larger
   * transactions for groups whose endpoints take short windows (docs/adr/029).
   */
  windowDays?: number;
  /** sql/models/marts/<file>: variables project_id, from, to; returns one row { changed int }. */
  martModels: string[];
  /** sql/tests/<file>: variables project_id, from, to; every row returned is a failure. */
  dataTests: string[];
}
