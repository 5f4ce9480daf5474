/**
 * Mocha's BDD functions, typed, for the browser tests. web-test-runner installs them as globals; the
 * project has no @types/mocha, and declaring them globally would leak into the node code's types.
 */
type Hook = () => void | Promise<unknown>;

interface MochaGlobals {
  describe(title: string, fn: () => void): void;
  it(title: string, fn: Hook): void;
  before(fn: Hook): void;
  after(fn: Hook): void;
  beforeEach(fn: Hook): void;
  afterEach(fn: Hook): void;
}

const mocha = () => globalThis as unknown as MochaGlobals;

export const describe = (title: string, fn: () => void): void => mocha().describe(title, fn);
export const it = (title: string, fn: Hook): void => mocha().it(title, fn);
export const before = (fn: Hook): void => mocha().before(fn);
export const after = (fn: Hook): void => mocha().after(fn);
export const beforeEach = (fn: Hook): void => mocha().beforeEach(fn);
export const afterEach = (fn: Hook): void => mocha().afterEach(fn);

/**
 * A failed assertion whose actual or expected value is a DOM node (`expect(svg).to.equal(null)`)
 * never reaches the runner: web-test-runner cannot send the node, and the whole file hangs until
 * its 300 s limit with no word of which test failed. `sendableFailure` replaces such values by a
 * short description of the node; every test file imports this module, so the root hook below
 * applies it after each test.
 */
export interface AssertionFailure {
  actual?: unknown;
  expected?: unknown;
  showDiff?: boolean;
}
const describeNode = (node: Node): string => {
  if (!(node instanceof Element)) return `${node.nodeName} (a DOM node)`;
  const classes = (node.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean);
  return `<${node.localName}${node.id ? `#${node.id}` : ''}${classes.map((c) => `.${c}`).join('')}> (a DOM element)`;
};
export function sendableFailure(err: AssertionFailure): void {
  for (const key of ['actual', 'expected'] as const) {
    const value = err[key];
    if (value instanceof Node) {
      err[key] = describeNode(value);
      err.showDiff = false;
    }
  }
}
(globalThis as unknown as { afterEach(fn: (this: { currentTest?: { err?: AssertionFailure } }) => void): void }).afterEach(function () {
  const err = this.currentTest?.err;
  if (err) sendableFailure(err);
});
