import { expect } from '@open-wc/testing';
import { describe, it } from '../testing/mocha.js';
import { testStack, twoProjects } from '../testing/stack.js';
import { IgApiClient, IgApiError } from './client.js';
import type { IgKpisResponse } from './types.js';

/** POST /auth/session as the iframe mode does: the token goes in a JSON body, the cookie comes back. */
async function startSession(api: string, token: string): Promise<number> {
  const res = await fetch(`${api}/auth/session`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return res.status;
}

describe('IgApiClient in session mode', () => {
  it('reads with the BFF session cookie and no token; without session mode the cookie is not sent', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    expect(await startSession(api, a.token)).to.equal(204);
    try {
      const session = new IgApiClient({ api, token: null, project: null, session: true });
      expect(session.connected).to.equal(true);
      const body = await session.get<IgKpisResponse>('/v1/kpis', { channel: 'push' });
      expect(body.projectId).to.equal(a.id);

      const plain = new IgApiClient({ api, token: null, project: null });
      expect(plain.connected).to.equal(false);
      const refused = await plain.get('/v1/kpis', { channel: 'push' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).to.be.instanceOf(IgApiError);
      expect((refused as IgApiError).status).to.equal(401);
    } finally {
      await fetch(`${api}/auth/logout`, { method: 'POST', credentials: 'include' });
    }
    const after = await new IgApiClient({ api, token: null, project: null, session: true }).get('/v1/kpis', { channel: 'push' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((after as IgApiError).status, 'logout ends the session').to.equal(401);
  });
});
