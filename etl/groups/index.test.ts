/** The registry: every registered group satisfies the pipeline contract's rules, once per name. */
import { describe, expect, it } from 'vitest';
import { groupSpecProblem } from '../pipeline/plan.js';
import { findGroup, GROUPS, groupNames } from './index.js';
import { journeyList, journeyStats } from './journeys.js';

describe('the registered groups', () => {
  it.each(GROUPS.map((g) => [g.group, g] as const))('%s follows the contract', (_name, spec) => {
    expect(groupSpecProblem(spec)).toBeUndefined();
  });

  it('each group once; the conversation groups and push are registered', () => {
    expect(new Set(groupNames()).size).toBe(GROUPS.length);
    expect(groupNames()).toEqual(expect.arrayContaining(['push', 'chat', 'agents', 'campaigns', 'journeys']));
  });

  it('journeys fan out: the stats once per journey of the list fetched before them', () => {
    const spec = findGroup('journeys')!;
    expect(spec.endpoints.map((e) => e.name)).toEqual([journeyList.name, journeyStats.name]);
    expect(journeyStats.fanOut).toMatchObject({ from: journeyList.name, param: 'journeyId' });
    expect(journeyStats.path).toBe('/v1/journey/{key}/stats');
  });
});
