import { expect } from '@open-wc/testing';
import { describe, it, sendableFailure, type AssertionFailure } from './mocha.js';

describe('a failed assertion on a DOM node', () => {
  it('is reported with a description of the node, not the node (which the runner cannot send)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'marks role-axis');
    let failure: AssertionFailure | undefined;
    try {
      expect(svg, 'not drawn yet').to.equal(null);
    } catch (err) {
      failure = err as AssertionFailure;
    }
    expect(failure?.actual instanceof Node, 'chai keeps the node').to.equal(true);
    expect(() => structuredClone(failure), 'a node cannot be cloned').to.throw();
    sendableFailure(failure!);
    expect([failure!.actual, failure!.expected, failure!.showDiff]).to.deep.equal(['<svg.marks.role-axis> (a DOM element)', null, false]);
    expect(() => structuredClone(failure)).not.to.throw();
  });
});
