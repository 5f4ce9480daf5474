// The committed precompiled chart specs (widgets/src/charts/compiled/) are what the build would generate
// from the charts' current specs and config: a spec changed without `npm run build` fails here.
import { describe, expect, it } from 'vitest';
import { generate, staleFiles } from './precompile-charts.js';

describe('precompiled chart specs', () => {
  it('are up to date with the charts’ Vega-Lite specs', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('hold placeholders, not the default theme or Spanish strings', () => {
    const modules = [...generate().entries()].filter(([name]) => name.includes('/'));
    expect(modules.length).toBeGreaterThan(0);
    for (const [, text] of modules) {
      // A chart's colours are the primary colour or the palette (split by platform), both placeholders.
      expect(text).toMatch(/__ig_(primary|palette)__/);
      expect(text).toContain('__ig_font__');
      expect(text).not.toMatch(/#1E88E5|Periodo actual/i);
    }
  });
});
