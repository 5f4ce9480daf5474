/**
 * The edges, fuzzed from the published contract (issue 12, "Must show"): GET /openapi.json lists every
 * operation; for each one fast-check generates hostile path ids, query parameters, JSON bodies, raw
 * bodies, charsets and content encodings, and headers, and sends them over real HTTP to a BFF on the
 * real stack (PostgreSQL with RLS). The invariant, per answer: no 5xx; an error is
 * application/problem+json with a stable code and no stack trace or SQL text; and the server is
 * healthy afterwards (/healthz and a good request still answer).
 *
 * Bounded: FUZZ_RUNS cases per class (default 40), so it runs in seconds. The seed is printed
 * (FUZZ_SEED replays a run); FUZZ_COUNT_ONLY=1 counts 5xx per class instead of failing (how the
 * before/after figures of the issue were taken).
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { signToken } from './auth/jwt.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const COUNT_ONLY = process.env.FUZZ_COUNT_ONLY === '1';

interface Operation {
  method: string;
  /** OpenAPI path, e.g. /v1/campaigns/{id}. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Record<string, unknown> }[];
  hasBody: boolean;
}

interface Raw {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

interface Reply {
  status: number;
  type: string;
  text: string;
}

let db: TestDatabase;
let stack: Stack;
let editor: string;
let ops: Operation[] = [];
interface Tally {
  cases: number;
  fiveXx: number;
  statuses: Map<number, number>;
  examples: string[];
}
const counts = new Map<string, Tally>();

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 7 });
  editor = await signToken(stack.config, { sub: 'fuzz-editor', project_id: '100274', role: 'editor' });
  const doc = (await (await fetch(stack.api + '/openapi.json')).json()) as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Record<string, unknown> }[]; requestBody?: unknown }>>;
  };
  // The routes outside the contract (redirects, cookies, probes) are part of the edge too.
  ops.push(
    { method: 'GET', path: '/auth/exchange', pathParams: [], query: [{ name: 'token', schema: { type: 'string' } }, { name: 'next', schema: { type: 'string' } }], hasBody: false },
    { method: 'POST', path: '/auth/session', pathParams: [], query: [], hasBody: true },
    { method: 'POST', path: '/auth/logout', pathParams: [], query: [], hasBody: false },
    { method: 'GET', path: '/auth/me', pathParams: [], query: [], hasBody: false },
    { method: 'GET', path: '/healthz', pathParams: [], query: [], hasBody: false },
    { method: 'GET', path: '/readyz', pathParams: [], query: [], hasBody: false },
    { method: 'GET', path: '/metrics', pathParams: [], query: [], hasBody: false },
    { method: 'GET', path: '/openapi.json', pathParams: [], query: [], hasBody: false },
  );
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        hasBody: op.requestBody !== undefined,
      });
    }
  }
});

afterAll(async () => {
  const lines = [...counts].map(([cls, c]) => {
    const statuses = [...c.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
    return `  ${cls.padEnd(16)} cases ${String(c.cases).padStart(4)}  5xx ${String(c.fiveXx).padStart(3)}  [${statuses}]${c.examples.length ? `\n      e.g. ${c.examples.join('\n      e.g. ')}` : ''}`;
  });
  const total = [...counts.values()].reduce((a, c) => ({ cases: a.cases + c.cases, fiveXx: a.fiveXx + c.fiveXx }), { cases: 0, fiveXx: 0 });
  console.log(`edge fuzz: seed ${SEED}, ${RUNS} runs per class, ${ops.length} operations, ${total.cases} cases, ${total.fiveXx} 5xx\n${lines.join('\n')}`);
  await stack?.stop();
  await db?.drop();
});

/** One request with raw control over path bytes and repeated headers (fetch normalises both away). */
function send(r: Raw): Promise<Reply> {
  const url = new URL(stack.api);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    req.end(r.body);
  });
}

const LEAK = /\bat [^\n]+:\d+:\d+|node_modules|\bSELECT\b|\bINSERT\b|syntax error|relation "|violates|column "|invalid input syntax|PostgreSQL|pg_|Error: /;

/** The invariant of one answer; records it under its class. */
function check(cls: string, r: Raw, a: Reply): void {
  const c: Tally = counts.get(cls) ?? { cases: 0, fiveXx: 0, statuses: new Map(), examples: [] };
  counts.set(cls, c);
  c.cases++;
  c.statuses.set(a.status, (c.statuses.get(a.status) ?? 0) + 1);
  if (process.env.FUZZ_DEBUG === cls && c.examples.length < 6) c.examples.push(`${r.method} ${r.path.slice(0, 100)} → ${a.status} ${a.text.slice(0, 160)}`);
  if (a.status >= 500) {
    c.fiveXx++;
    if (c.examples.length < 3) c.examples.push(`${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.headers).slice(0, 160)} → ${a.status} ${a.text.slice(0, 80)}`);
  }
  if (COUNT_ONLY) return;
  const what = `${r.method} ${r.path} ${JSON.stringify(r.headers)} ${r.body?.toString('latin1').slice(0, 300) ?? ''}`;
  expect(a.status, `${what} → ${a.text}`).toBeLessThan(500);
  if (a.status >= 400) {
    expect(a.type, what).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(a.text) as { code?: unknown; status?: unknown };
    expect(typeof body.code, what).toBe('string');
    expect(body.status, what).toBe(a.status);
  }
  expect(a.text, what).not.toMatch(LEAK);
}

// ---------------------------------------------------------------------------------------------------
// Generators

const CONTROL = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\ufeff');
const LONE = fc.constantFrom('\ud800', '\udfff', '\udbff', '\udc00x');
/** A string that mixes ordinary text with control characters, lone surrogates and odd unicode. */
const hostileString = fc
  .array(fc.oneof(fc.string({ maxLength: 6 }), CONTROL, LONE, fc.constantFrom('é', '𝔘', '\u202e', '%', '../', '\\', '<script>', "'", '"', '${x}', '__proto__'), fc.string({ unit: 'binary', maxLength: 4 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** Percent-encodes everything but unreserved characters; lone surrogates become raw bytes of their own. */
function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (/^[A-Za-z0-9._~-]$/.test(ch)) out += ch;
    else if (code >= 0xd800 && code <= 0xdfff) out += '%ED%' + (0xa0 + ((code >> 6) & 0x1f)).toString(16).toUpperCase() + '%' + (0x80 + (code & 0x3f)).toString(16).toUpperCase();
    else out += [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  }
  return out;
}

/** Raw path or query text: well-encoded hostile strings, malformed escapes, and raw bytes. */
const rawComponent = fc.oneof(
  hostileString.map(pct),
  fc.constantFrom('%ZZ', '%E0%A4%A', '%', '%%', '%0', '%FF', '%C0%AF', '%ED%A0%80', '%00', '%2e%2e%2f', '..%2F..%2F', '%252e', '%u0041', '%F4%90%80%80', 'a%00b', '%0d%0aSet-Cookie:x=1'),
  fc.string({ minLength: 1, maxLength: 3000 }).map(pct),
);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8'];
const contentType = fc.constantFrom(
  ...JSON_TYPES,
  'application/json; charset=latin1',
  'application/json; charset=koi8-r',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'application/json; charset=',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'text/plain',
  'text/html; charset=utf-8',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  '*/*',
  ';;;',
  'application/json; charset="utf-8"; charset=latin1',
);

/** Hostile JSON values: any JSON with hostile strings as keys and values, deep nesting, odd numbers. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, 1e308, -0, 2 ** 53 + 1),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Plausible bodies of the API's writes with one field made hostile (reaches past the shape checks). */
const plausibleBody = fc.oneof(
  fc.record({ name: hostileString, kind: fc.constantFrom('widget', 'dashboard', 'chat'), folder: hostileString, description: hostileString, spec: hostileJson }),
  hostileString.map((s) => ({ name: 'n', kind: 'widget', folder: '', spec: { element: 'ig-channel-kpis', attributes: { channel: s } } })),
  hostileString.map((s) => ({ name: 'n', kind: 'widget', folder: '', spec: { element: 'ig-channel-kpis', attributes: { [s.toLowerCase()]: 'x' } } })),
  hostileString.map((s) => ({ name: s, kind: 'chat', spec: { question: s, answer: s } })),
  hostileString.map((s) => ({ version: 1, name: s, description: s, folder: s })),
  hostileString.map((s) => ({ question: s })),
  hostileString.map((s) => ({ question: 'cuántos envíos push ayer' + s })),
  hostileString.map((s) => ({ question: 'q', conversationId: s })),
  hostileString.map((s) => ({ token: s })),
);

function pathFor(op: Operation, ids: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
}

/** A sample id that reaches the handler for each path parameter (UUIDs for analyses, digits otherwise). */
function goodIds(op: Operation): Record<string, string> {
  return Object.fromEntries(op.pathParams.map((p) => [p, op.path.startsWith('/v1/analyses') ? '00000000-0000-4000-8000-000000000000' : '1']));
}

const auth = (token = editor) => ({ authorization: `Bearer ${token}` });
const opArb = () => fc.constantFrom(...ops);

function property<T>(cls: string, arb: fc.Arbitrary<T>, build: (x: T) => Raw) {
  return fc.assert(
    fc.asyncProperty(arb, async (x) => {
      const r = build(x);
      check(cls, r, await send(r));
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
}

// ---------------------------------------------------------------------------------------------------

describe(`every operation of /openapi.json under hostile input (seed ${SEED})`, () => {
  it('path ids', async () => {
    const withIds = ops.filter((o) => o.pathParams.length);
    expect(withIds.length).toBeGreaterThan(3);
    await property('path-id', fc.tuple(fc.constantFrom(...withIds), rawComponent), ([op, id]) => ({
      method: op.method,
      path: pathFor(op, Object.fromEntries(op.pathParams.map((p) => [p, id]))),
      headers: { ...auth(), ...(op.hasBody ? { 'content-type': 'application/json' } : {}) },
      ...(op.hasBody ? { body: Buffer.from('{"version":1,"name":"x"}') } : {}),
    }));
  });

  it('query parameters: hostile values of the declared ones, unknown and repeated names', async () => {
    const withQuery = ops.filter((o) => o.query.length > 1);
    const arb = fc.tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...withQuery) }, opArb()),
      fc.array(
        fc.tuple(
          fc.oneof({ weight: 5, arbitrary: fc.constant<string | null>(null) }, rawComponent, fc.constantFrom('project', 'token', '__proto__', 'constructor', 'from[]', 'to')),
          rawComponent,
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    );
    await property('query', arb, ([op, pairs]) => {
      // declared names (other than `project`) with hostile values, now and then an odd name
      const declared = op.query.filter((q) => q.name !== 'project');
      const qs = pairs.map(([name, value], i) => `${name ?? declared[i % Math.max(1, declared.length)]?.name ?? 'x'}=${value}`).join('&');
      return { method: op.method, path: `${pathFor(op, goodIds(op))}?${qs}`, headers: auth() };
    });
  });

  it('free-text query parameters: one hostile value that passes the shape check', async () => {
    const free = ops.flatMap((op) =>
      op.query.filter((q) => !['project', 'from', 'to', 'token'].includes(q.name) && q.schema.type === 'string' && !q.schema.enum && !q.schema.pattern && !q.schema.format).map((q) => ({ op, name: q.name })),
    );
    expect(free.length).toBeGreaterThan(0);
    await property('query-text', fc.tuple(fc.constantFrom(...free), fc.oneof(hostileString.map(pct), rawComponent)), ([{ op, name }, value]) => ({
      method: op.method,
      path: `${pathFor(op, goodIds(op))}?${name}=${value}`,
      headers: auth(),
    }));
  });

  it('JSON bodies: hostile strings at any depth, in keys and values', async () => {
    const withBody = ops.filter((o) => o.hasBody);
    await property('json-body', fc.tuple(fc.constantFrom(...withBody), fc.oneof(plausibleBody, hostileJson)), ([op, body]) => ({
      method: op.method,
      path: pathFor(op, goodIds(op)),
      headers: { ...auth(), 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(body) ?? 'null'),
    }));
  });

  it('raw bodies: malformed JSON, charsets and content types, encodings, sizes', async () => {
    const auths = fc.constantFrom<'bearer' | 'none'>('bearer', 'none');
    const bodyText = fc.oneof(
      fc.constantFrom('{', '{"a":', '[1,2', 'nul', '\ufeff{}', '{"question":"a"}garbage', '"just a string"', '{"a":1,"a":2}', '', ' ', '{}'),
      fc.string({ unit: 'binary', maxLength: 200 }),
      hostileJson.map((j) => JSON.stringify(j) ?? 'null'),
    );
    const encoding = fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity', 'compress', 'x-bogus', 'gzip, br', 'GZIP');
    const size = fc.constantFrom(0, 0, 0, 70 * 1024, 20 * 1024);
    const targets = ops.filter((o) => o.hasBody || o.method !== 'GET');
    await property('raw-body', fc.tuple(fc.constantFrom(...targets), bodyText, contentType, encoding, size, auths, fc.boolean()), ([op, text, type, enc, pad, who, gz]) => {
      let body = Buffer.from(pad ? `{"question":"${'a'.repeat(pad)}"}` : text, 'utf8');
      if (gz && enc === 'gzip') body = gzipSync(body);
      return {
        method: op.method,
        path: pathFor(op, goodIds(op)),
        headers: { ...(who === 'bearer' ? auth() : {}), 'content-type': type, ...(enc ? { 'content-encoding': enc } : {}), origin: stack.api },
        body,
      };
    });
  });

  it('headers: repeated or malformed Authorization, hostile project, cookies, conditionals and Accept', async () => {
    const header = fc.oneof(
      fc.constant({ authorization: [`Bearer ${editor}`, `Bearer ${stack.tokens['100275']}`] }),
      fc.constant({ authorization: [`Bearer ${editor}`, `Bearer ${editor}`] }),
      fc.constantFrom('Basic dXNlcjpwYXNz', 'Bearer', 'Bearer  a b', 'bearer x.y.z', `Bearer ${'a'.repeat(9000)}`, 'Bearer e30.e30.', 'Bearer ..', 'Bearer eyJhbGciOiJub25lIn0.e30.').map((a) => ({ authorization: a })),
      fc.string({ maxLength: 40 }).map((s) => ({ ...auth(), 'x-ig-project': s.replace(/[^\x20-\x7e]/g, '') || ' ' })),
      fc.string({ maxLength: 200 }).map((s) => ({ cookie: `ig_session=${s.replace(/[^\x20-\x7e]/g, '')}; ig_session=x` })),
      fc.string({ maxLength: 80 }).map((s) => ({ ...auth(), 'if-none-match': s.replace(/[^\x20-\x7e]/g, '') })),
      fc.constantFrom('text/csv', '*/*', 'application/xml', 'text/event-stream', ';q=x').map((a) => ({ ...auth(), accept: a })),
      fc.constant({ ...auth(), 'content-type': ['application/json', 'text/plain'] }),
    );
    await property('headers', fc.tuple(opArb(), header), ([op, h]) => ({
      method: op.method,
      path: pathFor(op, goodIds(op)),
      headers: { ...h, ...(op.hasBody && !('content-type' in h) ? { 'content-type': 'application/json' } : {}) } as Record<string, string | string[]>,
      ...(op.hasBody ? { body: Buffer.from('{}') } : {}),
    }));
  });

  it('the server is healthy afterwards', async () => {
    expect((await send({ method: 'GET', path: '/healthz', headers: {} })).status).toBe(200);
    const good = await send({ method: 'GET', path: '/v1/kpis?channel=push', headers: auth(stack.tokens['100274']) });
    expect(good.status, good.text).toBe(200);
    expect(counts.size).toBeGreaterThanOrEqual(5);
  });
});
