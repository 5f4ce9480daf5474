/**
 * The browser's wall clock is the test runner's: under `npm run test:clock` libfaketime moves the
 * clock of the whole process tree a year ahead, Chromium included (docs/adr/026), so an element that
 * reads the browser's clock for a business date disagrees with the frozen data there. Should
 * Chromium ever escape it (a launcher that drops LD_PRELOAD, a sandboxed process), the clock check
 * would pass the browser suite on today's date; this test fails instead.
 */
import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';

describe('the browser clock in the tests', () => {
  it('reads the runner’s wall clock (a year ahead under test:clock), and time moves on', async () => {
    const res = await fetch('/__stack', { cache: 'no-store' });
    const { runnerNow } = (await res.json()) as { runnerNow: number };
    expect(Math.abs(Date.now() - runnerNow), 'page clock minus runner clock (ms)').to.be.below(60_000);
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Date.now() - before).to.be.at.least(40);
  });
});
