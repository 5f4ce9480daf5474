/**
 * The peer of `npm run bench -- latency`: PostGraphile 4 serving the BFF's push KPI query from the
 * same marts, with the same JWT → role → RLS mapping (docs/adr/028-latency-open-loop-and-peer.md).
 *
 * Its schema (`bench_peer`, created by the bench on the bench's own database, never a migration):
 *  - `kpis(channel, from_day, to_day)`: one SQL function (SECURITY INVOKER, so the policies of the
 *    reader role apply) returning the project, its time zone, both periods and the four push metrics
 *    with their previous-period values, in one statement over marts.channel_daily, as
 *    bff/services/kpis.ts computes them;
 *  - `push_days`: a security_invoker view of the push rows of marts.channel_daily, so the isolation
 *    check can ask for every row, and for another project's, and see what RLS lets through.
 * Authentication: pgSettings verifies the Authorization bearer with the BFF's own verifier (jose,
 * same issuer, audience, algorithms, lifetime checks, same verified-token cache) and picks the project
 * as the BFF does; the transaction then runs as ig_reader with app.project_id, app.user_id, app.role
 * and statement_timeout set locally, as bff/db/scope.ts does. Production-like options: no GraphiQL,
 * no query log, no watch, no mutations, a fixed-size pool of the BFF's size (kept open, as the
 * BFF's) connected as the BFF's login role.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';
import type { Config } from '../lib/config.js';
import { createPool, fillPool, type Pool } from '../lib/db.js';
import { resolveProject } from '../bff/auth/claims.js';
import { cachedVerifier, createVerifier } from '../bff/auth/jwt.js';
import { unauthorized } from '../bff/errors.js';

export const PEER_SCHEMA = 'bench_peer';

const PEER_SQL = `
DROP SCHEMA IF EXISTS ${PEER_SCHEMA} CASCADE;
CREATE SCHEMA ${PEER_SCHEMA};
CREATE TYPE ${PEER_SCHEMA}.kpi_result AS (
  project_id text, time_zone text, period_from date, period_to date, previous_from date, previous_to date, has_data boolean,
  sent float8, delivered float8, clicked float8, ctr float8,
  previous_sent float8, previous_delivered float8, previous_clicked float8, previous_ctr float8);
-- The previous period is the one of the same length right before (lib/dates.ts periods()).
CREATE FUNCTION ${PEER_SCHEMA}.kpis(channel text, from_day date, to_day date) RETURNS ${PEER_SCHEMA}.kpi_result
  LANGUAGE sql STABLE AS $$
  WITH t AS (
    SELECT count(*) FILTER (WHERE d.day >= from_day) AS n,
           coalesce(sum(d.sent) FILTER (WHERE d.day >= from_day), 0)::float8 AS sent,
           coalesce(sum(d.delivered) FILTER (WHERE d.day >= from_day), 0)::float8 AS delivered,
           coalesce(sum(d.clicked) FILTER (WHERE d.day >= from_day), 0)::float8 AS clicked,
           coalesce(sum(d.sent) FILTER (WHERE d.day < from_day), 0)::float8 AS p_sent,
           coalesce(sum(d.delivered) FILTER (WHERE d.day < from_day), 0)::float8 AS p_delivered,
           coalesce(sum(d.clicked) FILTER (WHERE d.day < from_day), 0)::float8 AS p_clicked
    FROM marts.channel_daily d
    WHERE d.channel = kpis.channel AND d.day BETWEEN from_day - (to_day - from_day + 1) AND to_day)
  SELECT p.project_id::text, p.time_zone, from_day, to_day, from_day - (to_day - from_day + 1), from_day - 1, t.n > 0,
         t.sent, t.delivered, t.clicked, CASE WHEN t.sent > 0 THEN t.clicked / t.sent END,
         t.p_sent, t.p_delivered, t.p_clicked, CASE WHEN t.p_sent > 0 THEN t.p_clicked / t.p_sent END
  FROM app.projects p CROSS JOIN t
$$;
CREATE VIEW ${PEER_SCHEMA}.push_days WITH (security_invoker = true) AS
  SELECT project_id, day, sent FROM marts.channel_daily WHERE channel = 'push';
GRANT USAGE ON SCHEMA ${PEER_SCHEMA} TO ig_reader;
GRANT EXECUTE ON FUNCTION ${PEER_SCHEMA}.kpis(text, date, date) TO ig_reader;
GRANT SELECT ON ${PEER_SCHEMA}.push_days TO ig_reader;
`;

/** The GraphQL query the load sends (variables channel, from, to). */
export const PEER_KPIS_QUERY = `query Kpis($channel: String!, $from: Date!, $to: Date!) {
  kpis(channel: $channel, fromDay: $from, toDay: $to) {
    projectId timeZone periodFrom periodTo previousFrom previousTo hasData
    sent delivered clicked ctr previousSent previousDelivered previousClicked previousCtr
  }
}`;

export interface PeerKpis {
  projectId: string;
  timeZone: string;
  periodFrom: string;
  periodTo: string;
  previousFrom: string;
  previousTo: string;
  hasData: boolean;
  sent: number;
  delivered: number;
  clicked: number;
  ctr: number | null;
  previousSent: number;
  previousDelivered: number;
  previousClicked: number;
  previousCtr: number | null;
}

export interface Peer {
  url: string;
  pool: Pool;
  stop(): Promise<void>;
}

export async function startPeer(config: Config, urls: { ownerUrl: string; apiUrl: string }, poolSize: number): Promise<Peer> {
  const owner = createPool(urls.ownerUrl, { max: 1 });
  try {
    await owner.query(PEER_SQL);
  } finally {
    await owner.end();
  }
  const verify = cachedVerifier(createVerifier(config), { clockToleranceS: config.JWT_CLOCK_TOLERANCE_S, maxAgeS: config.JWT_MAX_AGE_S });
  const pool = createPool(urls.apiUrl, { max: poolSize, min: poolSize, application: 'bench-peer' });
  await fillPool(pool);
  const handler = postgraphile(pool, PEER_SCHEMA, {
    graphiql: false,
    disableQueryLog: true,
    watchPg: false,
    retryOnInitFail: false,
    disableDefaultMutations: true,
    enableQueryBatching: false,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    legacyRelations: 'omit',
    bodySizeLimit: '64kb',
    // The login role holds no privilege of its own (it reaches data only through SET ROLE ig_reader),
    // so introspection must not filter by its grants; the reader's grants and RLS still decide.
    ignoreRBAC: true,
    pgSettings: async (req) => {
      const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      if (!m) throw unauthorized('A bearer token is required.');
      const auth = resolveProject(await verify(m[1]!), undefined);
      return {
        role: 'ig_reader',
        'app.project_id': auth.projectId,
        'app.user_id': auth.userId,
        'app.role': auth.role,
        statement_timeout: String(config.STATEMENT_TIMEOUT_MS),
      };
    },
  });
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    pool,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await handler.release?.();
      await pool.end();
    },
  };
}

/** One GraphQL request to the peer: the HTTP status and the parsed answer. */
export async function askPeer(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] } };
}
