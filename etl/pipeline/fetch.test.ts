/**
 * The page loop against a scripted client: v1 and v2 paging re-assembled into one payload, CSV, and
 * the payload faults that become quarantine reasons instead of loaded data.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fetchEndpoint, type ApiClient } from './fetch.js';
import type { EndpointSpec } from './types.js';

const W = { from: '2026-01-01', to: '2026-01-07' };

function spec(paging: EndpointSpec['paging'], format?: 'csv'): EndpointSpec {
  return {
    name: 'test.list',
    path: '/v1/application/{id}/things',
    query: (id, w) => ({ applicationId: id, dateFrom: w.from, dateTo: w.to }),
    maxWindowDays: 7,
    paging,
    auth: 'serverKey',
    ...(format ? { format } : {}),
    schema: z.unknown(),
    stagingModel: 'x.sql',
  };
}

/** A client answering each page from `pages` (by the page parameter), recording the requests. */
function scripted(pages: Record<number, string>) {
  const requests: string[] = [];
  const respond = async (path: string, query: Record<string, string | number>) => {
    requests.push(`${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
    const body = pages[Number(query.page ?? -1)] ?? pages[-1] ?? '';
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { path, body, json };
  };
  const client: ApiClient = { get: respond };
  return { client, requests };
}

const v1 = (count: number, ids: number[]) => JSON.stringify({ statusCode: 200, message: 'OK', count, data: ids.map((id) => ({ id })) });
const v2 = (count: number, ids: number[]) => JSON.stringify({ statusCode: 200, message: 'OK', count, data: { campaigns: ids.map((id) => ({ id })), extra: 1 } });

describe('fetchEndpoint', () => {
  it('one request without paging, the project id in the path and the window in the query', async () => {
    const { client, requests } = scripted({ [-1]: v1(2, [1, 2]) });
    const f = await fetchEndpoint(client, spec({ kind: 'none' }), 42, W);
    expect(requests).toEqual(['/v1/application/42/things?applicationId=42&dateFrom=2026-01-01&dateTo=2026-01-07']);
    expect(f).toMatchObject({ params: { applicationId: 42, dateFrom: W.from, dateTo: W.to }, payload: JSON.parse(v1(2, [1, 2])), requests: 1 });
    expect(f.reason).toBeUndefined();
  });

  it('v1: pages from 0 until count rows arrived, re-assembled into one envelope', async () => {
    const { client, requests } = scripted({ 0: v1(5, [1, 2]), 1: v1(5, [3, 4]), 2: v1(5, [5]) });
    const f = await fetchEndpoint(client, spec({ kind: 'v1', limit: 2 }), 42, W);
    expect(requests.map((r) => new URL(r, 'http://x').searchParams.get('page'))).toEqual(['0', '1', '2']);
    expect(requests.every((r) => r.includes('limit=2'))).toBe(true);
    expect(f.payload).toEqual({ statusCode: 200, message: 'OK', count: 5, data: [1, 2, 3, 4, 5].map((id) => ({ id })) });
    expect(f.params).toEqual({ applicationId: 42, dateFrom: W.from, dateTo: W.to }); // no paging parameters
    expect(f.requests).toBe(3);
  });

  it('v2: pages from 1, rows under data[listKey], the other data fields kept', async () => {
    const { client } = scripted({ 1: v2(3, [1, 2]), 2: v2(3, [3]) });
    const f = await fetchEndpoint(client, spec({ kind: 'v2', limit: 2, listKey: 'campaigns' }), 42, W);
    expect(f.payload).toEqual({ statusCode: 200, message: 'OK', count: 3, data: { campaigns: [{ id: 1 }, { id: 2 }, { id: 3 }], extra: 1 } });
  });

  it('an empty list is one request', async () => {
    const { client, requests } = scripted({ 0: v1(0, []) });
    const f = await fetchEndpoint(client, spec({ kind: 'v1', limit: 2 }), 42, W);
    expect(requests).toHaveLength(1);
    expect(f.payload).toEqual({ statusCode: 200, message: 'OK', count: 0, data: [] });
  });

  it.each([
    ['an empty page in the middle', { 0: v1(5, [1, 2]), 1: v1(5, []) }, /^pagination of \/v1\/application\/42\/things failed at page 1 \(empty-page\): empty page after 2 of 5 rows$/],
    ['a page that is not JSON', { 0: v1(5, [1, 2]), 1: '{"statusCode":200,"data":[' }, /page 1 \(malformed\): body is not a JSON object$/],
    ['a page without the list', { 0: v1(5, [1, 2]), 1: JSON.stringify({ statusCode: 200, count: 5 }) }, /page 1 \(malformed\): data is not an array$/],
    ['a count that changes', { 0: v1(5, [1, 2]), 1: v1(6, [3, 4]) }, /\(inconsistent\): count changed from 5 to 6/],
    ['more rows than count', { 0: v1(1, [1, 2]) }, /\(inconsistent\): pages hold 2 rows, more than count 1/],
  ])('%s: a quarantine reason with the bodies received', async (_name, pages, reason) => {
    const { client } = scripted(pages);
    const f = await fetchEndpoint(client, spec({ kind: 'v1', limit: 2 }), 42, W);
    expect(f.payload).toBeUndefined();
    expect(f.reason).toMatch(reason);
    expect(f.body).toBe(Object.values(pages).join('\n'));
  });

  it('CSV: records keyed by the header, paged until a short page', async () => {
    const { client, requests } = scripted({ 0: 'id,text\n1,"a, b"\n2,c\n', 1: 'id,text\n3,d\n' });
    const f = await fetchEndpoint(client, spec({ kind: 'v1', limit: 2 }, 'csv'), 42, W);
    expect(requests).toHaveLength(2);
    expect(f.payload).toEqual({ rows: [{ id: '1', text: 'a, b' }, { id: '2', text: 'c' }, { id: '3', text: 'd' }] });
    const bad = await fetchEndpoint(scripted({ [-1]: 'id,text\n1\n' }).client, spec({ kind: 'none' }, 'csv'), 42, W);
    expect(bad.reason).toMatch(/^CSV: /);
  });

  it('a fan-out endpoint: the key in the path (URL-encoded) and in the stored params, landed as <name>:<key>; the query unchanged', async () => {
    const fan: EndpointSpec = {
      ...spec({ kind: 'none' }),
      name: 'thing.stats',
      path: '/v1/thing/{key}/stats',
      fanOut: { from: 'test.list', param: 'thingId', keys: () => [] },
    };
    const { client, requests } = scripted({ [-1]: v1(1, [1]) });
    const f = await fetchEndpoint(client, fan, 42, W, 7);
    expect(requests).toEqual(['/v1/thing/7/stats?applicationId=42&dateFrom=2026-01-01&dateTo=2026-01-07']);
    expect(f).toMatchObject({ name: 'thing.stats:7', params: { applicationId: 42, dateFrom: W.from, dateTo: W.to, thingId: 7 }, requests: 1 });
    const odd = await fetchEndpoint(client, fan, 42, W, 'a/b c');
    expect(requests[1]).toBe('/v1/thing/a%2Fb%20c/stats?applicationId=42&dateFrom=2026-01-01&dateTo=2026-01-07');
    expect(odd).toMatchObject({ name: 'thing.stats:a/b c', params: { thingId: 'a/b c' } });
    // A plain endpoint lands under its own name; a key is refused for it, and required for a fan-out.
    expect((await fetchEndpoint(client, spec({ kind: 'none' }), 42, W)).name).toBe('test.list');
    await expect(fetchEndpoint(client, spec({ kind: 'none' }), 42, W, 7)).rejects.toThrow(/only a fan-out endpoint takes a key/);
    await expect(fetchEndpoint(client, fan, 42, W)).rejects.toThrow(/fetched per key/);
  });

  it('an API error is thrown, not quarantined', async () => {
    const client: ApiClient = { get: async () => Promise.reject(new Error('indigitall API 500 on /x: boom')) };
    await expect(fetchEndpoint(client, spec({ kind: 'v1', limit: 2 }), 42, W)).rejects.toThrow('boom');
  });
});
