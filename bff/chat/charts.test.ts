/** The chart rules of bff/chat/charts.ts: the spec follows from the result's shape alone. */
import { describe, expect, it } from 'vitest';
import { chartSpec } from './charts.js';
import type { Column } from './engine.js';

const c = (name: string, type: Column['type'], format?: Column['format']): Column => ({ name, type, ...(format ? { format } : {}) });

describe('chartSpec', () => {
  it('days and one number → a line over time, formatted by the number', () => {
    const s = chartSpec({ columns: [c('day', 'temporal'), c('ctr', 'quantitative', 'ratio')], rows: [{ day: '2026-01-01', ctr: 0.1 }] })!;
    expect(s).toMatchObject({ mark: { type: 'line' }, encoding: { x: { field: 'day', type: 'temporal' }, y: { field: 'ctr', axis: { format: '.1%' } } } });
  });

  it('days, a label and one number → one line per label', () => {
    const s = chartSpec({ columns: [c('day', 'temporal'), c('platform', 'nominal'), c('active', 'quantitative', 'count')], rows: [{ day: '2026-01-01', platform: 'ios', active: 1 }] })!;
    expect(s).toMatchObject({ mark: { type: 'line' }, encoding: { color: { field: 'platform' } } });
  });

  it('days and several numbers → folded lines of the first number format only (no counts with ratios)', () => {
    const s = chartSpec({
      columns: [c('day', 'temporal'), c('sent', 'quantitative', 'count'), c('clicked', 'quantitative', 'count'), c('ctr', 'quantitative', 'ratio')],
      rows: [{ day: '2026-01-01', sent: 1, clicked: 1, ctr: 1 }],
    })!;
    expect(s.transform).toEqual([{ fold: ['sent', 'clicked'], as: ['series', 'value'] }]);
  });

  it('two ordinals and numbers → a heatmap of the ratio', () => {
    const s = chartSpec({ columns: [c('weekday', 'ordinal'), c('hour', 'ordinal'), c('sent', 'quantitative', 'count'), c('ctr', 'quantitative', 'ratio')], rows: [{ weekday: 'lun', hour: 0, sent: 1, ctr: 0.1 }] })!;
    expect(s).toMatchObject({ mark: { type: 'rect' }, encoding: { x: { field: 'hour' }, y: { field: 'weekday' }, color: { field: 'ctr' } } });
  });

  it('a label and a number → bars, biggest first for nominal labels, data order for ordinal steps', () => {
    expect(chartSpec({ columns: [c('channel', 'nominal'), c('sent', 'quantitative')], rows: [{ channel: 'sms', sent: 1 }] })).toMatchObject({ mark: { type: 'bar' }, encoding: { y: { sort: '-x' } } });
    expect(chartSpec({ columns: [c('step', 'ordinal'), c('entered', 'quantitative')], rows: [{ step: '1', entered: 1 }] })).toMatchObject({ encoding: { y: { sort: null } } });
  });

  it('no rows, or no numbers → no chart', () => {
    expect(chartSpec({ columns: [c('day', 'temporal'), c('n', 'quantitative')], rows: [] })).toBeUndefined();
    expect(chartSpec({ columns: [c('name', 'nominal')], rows: [{ name: 'x' }] })).toBeUndefined();
  });
});
