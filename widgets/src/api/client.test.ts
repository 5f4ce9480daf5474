import { expect } from '@open-wc/testing';
import { describe, it } from '../testing/mocha.js';
import { testStack, twoProjects } from '../testing/stack.js';
import { IgApiClient, IgApiError } from './client.js';
import type { IgKpisResponse } from './types.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('IgApiClient', () => {
  it('builds URLs: same origin for an empty api, no empty parameters, project appended', () => {
    const same = new IgApiClient({ api: '', token: null, project: null });
    expect(same.url('/v1/kpis', { channel: 'push', from: '', to: null }).href).to.equal(`${location.origin}/v1/kpis?channel=push`);
    const other = new IgApiClient({ api: 'https://bff.example/insights/', token: 't', project: '7' });
    expect(other.url('v1/kpis', { channel: 'sms' }).href).to.equal('https://bff.example/insights/v1/kpis?channel=sms&project=7');
  });

  it('GETs JSON from the real BFF with the bearer token', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const client = new IgApiClient({ api, token: a.token, project: null });
    const body = await client.get<IgKpisResponse>('/v1/kpis', { channel: 'push' });
    expect(body.projectId).to.equal(a.id);
    expect(body.metrics.map((m) => m.key)).to.deep.equal(['sent', 'delivered', 'clicked', 'ctr']);
  });

  it('turns problem details into IgApiError: 401 without a token, 400 naming the parameter, 403 for another project', async () => {
    const { api } = await testStack();
    const [a, b] = await twoProjects();

    const noToken = await rejection(new IgApiClient({ api, token: null, project: null }).get('/v1/kpis', { channel: 'push' }));
    expect(noToken).to.be.instanceOf(IgApiError);
    expect(noToken).to.include({ status: 401, code: 'unauthorized' });
    expect((noToken as IgApiError).type).to.equal('https://insights.indigitall.com/problems/unauthorized');

    const bad = (await rejection(new IgApiClient({ api, token: a.token, project: null }).get('/v1/kpis', { channel: 'nope' }))) as IgApiError;
    expect(bad).to.include({ status: 400, code: 'invalid_parameter', param: 'channel' });
    expect(bad.title).to.be.a('string').and.not.equal('');

    const other = await rejection(new IgApiClient({ api, token: a.token, project: b.id }).get('/v1/kpis', { channel: 'push' }));
    expect(other).to.include({ status: 403, code: 'forbidden_project' });
  });

  it('reports a network failure as status 0, code network', async () => {
    // Port 9 (discard) is closed on the loopback interface (and refused by Chromium anyway).
    const error = await rejection(new IgApiClient({ api: 'http://127.0.0.1:9', token: 't', project: null }).get('/v1/kpis'));
    expect(error).to.be.instanceOf(IgApiError);
    expect(error).to.include({ status: 0, code: 'network' });
  });

  it('lets an abort through as the AbortError it is', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const controller = new AbortController();
    const pending = new IgApiClient({ api, token: a.token, project: null }).get('/v1/kpis', { channel: 'push' }, controller.signal);
    controller.abort();
    const error = await rejection(pending);
    expect(error).not.to.be.instanceOf(IgApiError);
    expect((error as DOMException).name).to.equal('AbortError');
  });
});
