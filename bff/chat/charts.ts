/**
 * The chart of a chat result, chosen by rule from the result's shape — never written by the model
 * (docs/adr/015-ai-chat.md). The rules, first match wins:
 *
 * 1. a temporal column and numbers → a line over time: one line per value of a single nominal
 *    column when there is one number, else one line per number column of the first number's format
 *    (counts are never drawn on one axis with ratios);
 * 2. two ordinal columns and numbers → a heatmap (rect) of the first number of ratio format, else
 *    the first number (e.g. weekday × hour → CTR);
 * 3. one nominal or ordinal column and numbers → horizontal bars of the first number, biggest first
 *    for nominal labels, in the data's order for ordinal ones (funnel steps);
 * 4. anything else → no chart (the result is shown as a table).
 *
 * The spec embeds the rows (`data.values`), so a client renders it as is with vega-embed.
 */
import type { Column, TableData } from './engine.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

const FORMATS: Record<NonNullable<Column['format']>, string> = { count: ',.0f', ratio: '.1%', currency: ',.2f', seconds: ',.0f' };

function axisFormat(c: Column) {
  return c.format ? { format: FORMATS[c.format] } : {};
}

function tooltip(columns: Column[]) {
  return columns.map((c) => ({ field: c.name, type: c.type, ...(c.type === 'quantitative' ? axisFormat(c) : {}) }));
}

export function chartSpec(table: TableData): Record<string, unknown> | undefined {
  const { columns, rows } = table;
  if (!rows.length) return undefined;
  const temporal = columns.filter((c) => c.type === 'temporal');
  const numbers = columns.filter((c) => c.type === 'quantitative');
  const nominal = columns.filter((c) => c.type === 'nominal');
  const ordinal = columns.filter((c) => c.type === 'ordinal');
  if (!numbers.length) return undefined;
  const base = { $schema: SCHEMA, width: 'container', data: { values: rows } };

  if (temporal.length >= 1) {
    const t = temporal[0]!;
    const x = { field: t.name, type: 'temporal', title: null };
    if (nominal.length === 1 && numbers.length === 1) {
      const y = numbers[0]!;
      return {
        ...base,
        mark: { type: 'line', point: rows.length <= 60, tooltip: true },
        encoding: { x, y: { field: y.name, type: 'quantitative', axis: axisFormat(y) }, color: { field: nominal[0]!.name, type: 'nominal' }, tooltip: tooltip(columns) },
      };
    }
    const first = numbers[0]!;
    const same = numbers.filter((c) => (c.format ?? 'count') === (first.format ?? 'count'));
    if (same.length === 1) {
      return {
        ...base,
        mark: { type: 'line', point: rows.length <= 60, tooltip: true },
        encoding: { x, y: { field: first.name, type: 'quantitative', axis: axisFormat(first) }, tooltip: tooltip(columns) },
      };
    }
    return {
      ...base,
      transform: [{ fold: same.map((c) => c.name), as: ['series', 'value'] }],
      mark: { type: 'line', point: rows.length <= 60, tooltip: true },
      encoding: { x, y: { field: 'value', type: 'quantitative', title: null, axis: axisFormat(first) }, color: { field: 'series', type: 'nominal', title: null } },
    };
  }

  if (ordinal.length >= 2) {
    const value = numbers.find((c) => c.format === 'ratio') ?? numbers[0]!;
    const [rowsCol, colsCol] = [ordinal[0]!, ordinal[1]!];
    return {
      ...base,
      mark: { type: 'rect', tooltip: true },
      encoding: {
        x: { field: colsCol.name, type: 'ordinal', sort: null },
        y: { field: rowsCol.name, type: 'ordinal', sort: null },
        color: { field: value.name, type: 'quantitative', legend: axisFormat(value) },
        tooltip: tooltip(columns),
      },
    };
  }

  const label = nominal[0] ?? ordinal[0];
  if (label) {
    const value = numbers[0]!;
    return {
      ...base,
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: label.name, type: label.type, sort: label.type === 'nominal' ? '-x' : null, title: null },
        x: { field: value.name, type: 'quantitative', axis: axisFormat(value) },
        tooltip: tooltip(columns),
      },
    };
  }
  return undefined;
}
