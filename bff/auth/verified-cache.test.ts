/**
 * The verified-token cache in front of jose: a token verifies once per burst, never past its expiry
 * or the cache's bound, and a refusal is never remembered.
 */
import { describe, expect, it } from 'vitest';
import { unauthorized } from '../errors.js';
import { cachedVerifier, type TokenVerifier, type VerifiedClaims } from './jwt.js';

function harness(expS: number, iatS = 1_000_000_000 - 60, maxAgeS = 86_400) {
  let now = 1_000_000_000_000;
  const calls: string[] = [];
  const inner: TokenVerifier = async (token) => {
    calls.push(token);
    if (token === 'forged' || now >= (expS + 30) * 1000 || now >= (iatS + maxAgeS + 30) * 1000) throw unauthorized('The token is not valid.');
    return { sub: 'u', project_id: '100274', role: 'viewer', exp: expS, iat: iatS } as VerifiedClaims;
  };
  const verify = cachedVerifier(inner, { clockToleranceS: 30, maxAgeS, ttlMs: 60_000, now: () => now });
  return { verify, calls, advance: (ms: number) => (now += ms), nowS: () => Math.floor(now / 1000) };
}

describe('cachedVerifier', () => {
  it('verifies a token once for a burst of requests and shares frozen claims', async () => {
    const h = harness(1_000_000_000 + 3600);
    const a = await h.verify('t1');
    const b = await h.verify('t1');
    expect(h.calls).toEqual(['t1']);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    await h.verify('t2');
    expect(h.calls).toEqual(['t1', 't2']);
  });

  it('verifies again after the cache bound, and refuses once the token has expired', async () => {
    const h = harness(1_000_000_000 + 90);
    await h.verify('t1');
    h.advance(61_000);
    await h.verify('t1'); // past the 60 s bound: verified again (still valid)
    expect(h.calls).toEqual(['t1', 't1']);
    h.advance(60_000); // past exp + tolerance
    await expect(h.verify('t1')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(h.calls).toHaveLength(3);
  });

  it('never serves a token past its maximum age by iat, even before its expiry', async () => {
    // issued 80 s before the maximum age runs out (with the tolerance), valid for an hour by exp
    const h = harness(1_000_000_000 + 3600, 1_000_000_000 - 600, 600 + 50);
    await h.verify('t1');
    h.advance(40_000);
    await h.verify('t1'); // still within the age: the cached answer
    expect(h.calls).toEqual(['t1']);
    h.advance(45_000); // now past iat + max age + tolerance, still inside the 60 s cache bound
    await expect(h.verify('t1')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(h.calls).toEqual(['t1', 't1']);
  });

  it('never remembers a refusal', async () => {
    const h = harness(1_000_000_000 + 3600);
    await expect(h.verify('forged')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(h.verify('forged')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(h.calls).toEqual(['forged', 'forged']);
  });
});
