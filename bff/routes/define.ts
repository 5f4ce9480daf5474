/**
 * One declaration per endpoint. A RouteSpec names its method, path, zod schemas (query, path
 * parameters, body, response) and a handler over an RLS-scoped connection; `mountRoutes` turns the
 * specs into Express routes and `openApiDocument` into OpenAPI 3.1, from the same schemas, so the
 * published contract cannot drift from what the code validates.
 *
 * A handler never sees Express: it receives the scoped connection, the authenticated context and the
 * parsed input, and returns the response body. Everything around it (parsing, role checks, the scope
 * transaction, caching, CSV) happens here, once.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuthContext } from '../auth/claims.js';
import type { ScopedDb } from '../db/scope.js';
import { AppError } from '../errors.js';
import { toCsv, wantsCsv, type Table } from './csv.js';
import { parseInput } from './params.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface HandlerInput<Q, P, B> {
  db: ScopedDb;
  auth: AuthContext;
  query: Q;
  params: P;
  body: B;
}

export interface RouteSpec<Q extends AnyObject | undefined = AnyObject | undefined, P extends AnyObject | undefined = AnyObject | undefined, B extends z.ZodType | undefined = z.ZodType | undefined, R extends z.ZodType = z.ZodType> {
  method: Method;
  /** Express path below /v1, e.g. '/campaigns/:id'. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Query parameters. Use `.strict()` so an unknown parameter is a 400; `project` is added for you. */
  query?: Q;
  params?: P;
  body?: B;
  /** The JSON body of a successful answer. */
  response: R;
  /** HTTP status of a success (default 200; 201 for creations, 204 for deletions). */
  status?: 200 | 201 | 204;
  /** Writes need role editor or admin and run in a read-write transaction. */
  write?: boolean;
  /** With write: viewers may call it too (their own rows only, which RLS enforces), e.g. subscribing themselves. */
  viewerMayWrite?: boolean;
  /**
   * Tabular endpoints also answer `Accept: text/csv`: the rows a spreadsheet user expects, one header
   * line of column names.
   */
  csv?: (result: z.infer<R>) => Table;
  /** GET results are cached per project data version unless this is false (e.g. per-user data). */
  cacheable?: boolean;
  /**
   * The handler sends exactly one query (after reading the project's row): its scope then takes one
   * round trip instead of three (bff/db/scope.ts, singleRead). A second query fails loudly.
   */
  singleRead?: boolean;
  handler: (input: HandlerInput<Infer<Q>, Infer<P>, Infer<B>>) => Promise<z.infer<R>>;
}

/** Identity with inference: `defineRoute({...})` checks a spec's handler against its schemas. */
export function defineRoute<Q extends AnyObject | undefined, P extends AnyObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(
  spec: RouteSpec<Q, P, B, R>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** An answer ready to send (and to cache: serialised once, sent as is on every hit). */
export interface Rendered {
  type: string;
  payload: string;
  filename?: string;
}

/** The request-independent services a mounted route needs from the app. */
export interface RouteRuntime {
  /** Runs fn in the RLS scope of the request's authenticated project and user. */
  scoped<T>(res: Response, opts: { readOnly: boolean; singleRead?: boolean }, fn: (db: ScopedDb) => Promise<T>): Promise<T>;
  /**
   * Wraps a cacheable GET: answers from the cache (or 304) when the project's data version and the
   * request are unchanged, otherwise computes and stores. Absent: no caching.
   */
  cached?(req: Request, res: Response, compute: () => Promise<Rendered>): Promise<{ body: Rendered; hit: boolean } | 'not-modified'>;
  /** Checks every response against its schema (tests and development): a contract break is a 500. */
  validateResponses?: boolean;
}

/** `project` names the project for partner tokens (see auth/claims.ts); every tenant route accepts it. */
const projectParam = { project: z.string().optional().describe('Project id; required when the token covers several projects.') };

function querySchema(spec: RouteSpec): AnyObject | undefined {
  if (!spec.query) return spec.method === 'get' || spec.method === 'delete' ? z.object(projectParam).strict() : undefined;
  return spec.query.extend(projectParam);
}

export function mountRoutes(specs: readonly RouteSpec[], runtime: RouteRuntime): Router {
  const router = Router();
  for (const spec of specs) {
    const query = querySchema(spec);
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const auth = res.locals.auth;
      if (spec.write && !spec.viewerMayWrite && auth.role === 'viewer') throw new AppError('forbidden_role', 'This action needs the editor or admin role.');
      const input = {
        auth,
        query: query ? parseInput(query, req.query, 'query') : undefined,
        params: spec.params ? parseInput(spec.params, req.params, 'path') : undefined,
        body: spec.body ? parseInput(spec.body, req.body, 'body') : undefined,
      };
      const compute = async (): Promise<Rendered> => {
        const body = await runtime.scoped(res, { readOnly: !spec.write, singleRead: !spec.write && spec.singleRead === true }, (db) =>
          spec.handler({ ...input, db } as never),
        );
        if (runtime.validateResponses) {
          const check = spec.response.safeParse(body);
          if (!check.success) throw new Error(`${spec.operationId} broke its response schema: ${check.error.message}`);
        }
        return spec.csv && wantsCsv(req)
          ? { type: 'text/csv; charset=utf-8', payload: toCsv(spec.csv(body)), filename: `${spec.operationId}.csv` }
          : { type: 'application/json; charset=utf-8', payload: JSON.stringify(body) };
      };
      let out: Rendered;
      if (spec.method === 'get' && spec.cacheable !== false && runtime.cached) {
        const cached = await runtime.cached(req, res, compute);
        if (cached === 'not-modified') {
          res.status(304).end();
          return;
        }
        out = cached.body;
      } else {
        out = await compute();
      }
      if (spec.status === 204) {
        res.status(204).end();
        return;
      }
      if (out.filename) res.setHeader('Content-Disposition', `attachment; filename="${out.filename}"`);
      res.status(spec.status ?? 200).type(out.type).send(out.payload);
    });
  }
  return router;
}

// ---------------------------------------------------------------------------------------------------
// OpenAPI 3.1

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const problemRef = { $ref: '#/components/responses/Problem' };

/** `/campaigns/:id` → `/campaigns/{id}` */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]\w*)/g, '{$1}');

function parameters(schema: AnyObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

export function openApiDocument(specs: readonly RouteSpec[], info: { title: string; version: string; description?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = '/v1' + openApiPath(spec.path);
    const success: Record<string, unknown> =
      spec.status === 204
        ? { description: 'Done.' }
        : {
            description: 'OK',
            content: {
              'application/json': { schema: jsonSchema(spec.response, 'output') },
              ...(spec.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
            },
          };
    (paths[path] ??= {})[spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      security: [{ bearer: [] }, { session: [] }],
      parameters: [...parameters(spec.params, 'path'), ...parameters(querySchema(spec), 'query')],
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
      responses: {
        [String(spec.status ?? 200)]: success,
        ...(spec.method === 'get' && spec.cacheable !== false ? { '304': { description: 'Not modified (If-None-Match matched the ETag).' } } : {}),
        '400': problemRef,
        '401': problemRef,
        '403': problemRef,
        ...(spec.params ? { '404': problemRef } : {}),
        '429': problemRef,
        '503': problemRef,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "indigitall's JWT." },
        session: { type: 'apiKey', in: 'cookie', name: 'ig_session', description: 'Our session cookie, set by /auth/exchange or /auth/session.' },
      },
      responses: {
        Problem: {
          description: 'An error (RFC 9457 problem details, with a stable `code`).',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                required: ['type', 'title', 'status', 'code', 'detail'],
                properties: {
                  type: { type: 'string', format: 'uri' },
                  title: { type: 'string' },
                  status: { type: 'integer' },
                  code: { type: 'string' },
                  detail: { type: 'string' },
                  param: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}
