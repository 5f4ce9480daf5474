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
