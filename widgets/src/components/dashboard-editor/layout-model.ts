/**
 * The dashboard editor's model, without any DOM: rows of cells, the edits (each returns a new model,
 * so undo/redo is a stack of values), the conversion to and from the saved layout contract
 * (`{ columns, items: [{ element, attributes, x, y, w, h }] }`, docs/adr/017 and 011) and the
 * attribute types read from custom-elements.json.
 */

/** A cell attribute's value, as the layout contract allows it (scalars only). */
export type IgEditorValue = string | number | boolean;

export interface EditorCell {
  /** Stable within one editor session (focus follows it across moves). */
  id: number;
  element: string;
  attributes: Record<string, IgEditorValue>;
  /** 1–12 columns. */
  span: number;
}

export type EditorRows = readonly (readonly EditorCell[])[];

/** The saved form (`kind: 'dashboard'` spec) the editor writes. */
export interface IgDashboardSpec {
  columns: number;
  items: { element: string; attributes: Record<string, IgEditorValue>; x: number; y: number; w: number; h: number }[];
}

export const COLUMNS = 12;
export const MAX_CELLS = 50;
export const MAX_VALUE = 2000;
const TAG = /^ig-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ATTRIBUTE = /^[a-z][a-z0-9-]{0,63}$/;
/** Never written by the editor (and refused by `<ig-dashboard>`): event handlers, inline styles, customized built-ins, slotting. */
const REFUSED = /^(?:on|style$|is$|slot$)/;

/** Whether the editor may write an attribute of this name. */
export const isWritableAttribute = (name: string): boolean => ATTRIBUTE.test(name) && !REFUSED.test(name);

const clampSpan = (n: number) => Math.min(COLUMNS, Math.max(1, Math.round(n)));
const count = (rows: EditorRows) => rows.reduce((n, r) => n + r.length, 0);
const dropEmpty = (rows: (readonly EditorCell[])[]): EditorRows => rows.filter((r) => r.length > 0);

/** Where a cell is: row and position (both from 0), or undefined. */
export function locate(rows: EditorRows, id: number): { row: number; index: number } | undefined {
  for (let row = 0; row < rows.length; row++) {
    const index = rows[row]!.findIndex((c) => c.id === id);
    if (index >= 0) return { row, index };
  }
  return undefined;
}

export function findCell(rows: EditorRows, id: number): EditorCell | undefined {
  const at = locate(rows, id);
  return at ? rows[at.row]![at.index] : undefined;
}

/** Appends a cell: to the last row when it fits in 12 columns, else on a new row. Unchanged at 50 cells. */
export function addCell(rows: EditorRows, cell: EditorCell): EditorRows {
  if (count(rows) >= MAX_CELLS) return rows;
  const last = rows[rows.length - 1];
  const used = last?.reduce((n, c) => n + c.span, 0) ?? COLUMNS;
  if (last && used + cell.span <= COLUMNS) return [...rows.slice(0, -1), [...last, cell]];
  return [...rows, [cell]];
}

export function removeCell(rows: EditorRows, id: number): EditorRows {
  return dropEmpty(rows.map((r) => r.filter((c) => c.id !== id)));
}

/**
 * Moves a cell. `left`/`right` within its row (past either end: to the end of the previous row or the
 * start of the next one); `up`/`down` to the previous/next row at the same position (down from the last
 * row: a new row of its own, unless it is alone there). Rows left empty disappear.
 */
export function moveCell(rows: EditorRows, id: number, direction: 'left' | 'right' | 'up' | 'down'): EditorRows {
  const at = locate(rows, id);
  if (!at) return rows;
  const cell = rows[at.row]![at.index]!;
  const next = rows.map((r) => [...r]);
  const row = next[at.row]!;
  if (direction === 'left' || direction === 'right') {
    const to = at.index + (direction === 'left' ? -1 : 1);
    if (to >= 0 && to < row.length) {
      row.splice(at.index, 1);
      row.splice(to, 0, cell);
      return next;
    }
    const target = at.row + (direction === 'left' ? -1 : 1);
    if (target < 0 || target >= next.length) return rows;
    row.splice(at.index, 1);
    if (direction === 'left') next[target]!.push(cell);
    else next[target]!.unshift(cell);
    return dropEmpty(next);
  }
  const target = at.row + (direction === 'up' ? -1 : 1);
  if (target < 0) return rows;
  if (target >= next.length) {
    if (row.length === 1) return rows;
    row.splice(at.index, 1);
    next.push([cell]);
    return next;
  }
  row.splice(at.index, 1);
  next[target]!.splice(Math.min(at.index, next[target]!.length), 0, cell);
  return dropEmpty(next);
}

export function resizeCell(rows: EditorRows, id: number, delta: number): EditorRows {
  return rows.map((r) => r.map((c) => (c.id === id ? { ...c, span: clampSpan(c.span + delta) } : c)));
}

/** Sets (or, with `undefined`, removes) one attribute; names the editor must never write are ignored. */
export function setAttribute(rows: EditorRows, id: number, name: string, value: IgEditorValue | undefined): EditorRows {
  if (!isWritableAttribute(name)) return rows;
  return rows.map((r) =>
    r.map((c) => {
      if (c.id !== id) return c;
      const attributes = { ...c.attributes };
      if (value === undefined || value === false || value === '') delete attributes[name];
      else attributes[name] = value;
      return { ...c, attributes };
    }),
  );
}

/** The saved layout: rows by `y`, cells ordered by `x` (the columns before it, at most 100), `w` the span. */
export function toSpec(rows: EditorRows): IgDashboardSpec {
  const items: IgDashboardSpec['items'] = [];
  rows.forEach((row, y) => {
    let x = 0;
    for (const cell of row) {
      const attributes: Record<string, IgEditorValue> = {};
      for (const [k, v] of Object.entries(cell.attributes)) if (isWritableAttribute(k)) attributes[k] = v;
      items.push({ element: cell.element, attributes, x: Math.min(100, x), y, w: cell.span, h: 1 });
      x += cell.span;
    }
  });
  return { columns: COLUMNS, items };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A layout the editor can edit, from either form `<ig-dashboard>` renders (`{ columns, items }` or
 * `{ rows: [{ cells }] }`). Cells that are not `ig-*` elements, attributes the editor may not write and
 * non-scalar values are dropped; at most 50 cells. `nextId` numbers the cells.
 */
export function fromLayout(layout: unknown, nextId: () => number): EditorRows {
  if (!isObject(layout)) return [];
  const cellOf = (raw: unknown, span: number): EditorCell | undefined => {
    if (!isObject(raw) || typeof raw['element'] !== 'string' || !TAG.test(raw['element'])) return undefined;
    const attributes: Record<string, IgEditorValue> = {};
    if (isObject(raw['attributes'])) {
      for (const [k, v] of Object.entries(raw['attributes'])) {
        if (!isWritableAttribute(k)) continue;
        if (typeof v === 'string' && v.length <= MAX_VALUE) attributes[k] = v;
        else if (typeof v === 'number' && Number.isFinite(v)) attributes[k] = v;
        else if (v === true) attributes[k] = true;
      }
    }
    return { id: nextId(), element: raw['element'], attributes, span: clampSpan(span) };
  };
  let rows: EditorCell[][] = [];
  if (Array.isArray(layout['items'])) {
    const columns = typeof layout['columns'] === 'number' && layout['columns'] >= 1 ? layout['columns'] : COLUMNS;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    const placed = layout['items']
      .map((item, index) => ({ item, index, x: num(isObject(item) ? item['x'] : 0), y: num(isObject(item) ? item['y'] : 0) }))
      .sort((a, b) => a.y - b.y || a.x - b.x || a.index - b.index);
    const byY = new Map<number, EditorCell[]>();
    for (const p of placed) {
      const w = num(isObject(p.item) ? p.item['w'] : COLUMNS) || columns;
      const cell = cellOf(p.item, (w * COLUMNS) / columns);
      if (cell) byY.set(p.y, [...(byY.get(p.y) ?? []), cell]);
    }
    rows = [...byY.values()];
  } else if (Array.isArray(layout['rows'])) {
    rows = layout['rows'].map((r) =>
      (isObject(r) && Array.isArray(r['cells']) ? r['cells'] : []).flatMap((c) => {
        const cell = cellOf(c, isObject(c) && typeof c['span'] === 'number' ? c['span'] : COLUMNS);
        return cell ? [cell] : [];
      }),
    );
  }
  let left = MAX_CELLS;
  return dropEmpty(rows.map((r) => r.slice(0, Math.max(0, left)).map((c) => (left--, c))));
}

// ---------------------------------------------------------------------------------------------------
// Attribute types, read from custom-elements.json.

/** How an attribute is edited: its input and what it accepts. */
export type AttributeKind =
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'json' }
  | { kind: 'text' }
  | { kind: 'choice'; options: string[] };

export interface PaletteAttribute {
  name: string;
  type: string;
  kind: AttributeKind;
  default?: string | undefined;
  description?: string | undefined;
}

export interface PaletteElement {
  tag: string;
  summary: string;
  attributes: PaletteAttribute[];
}

/**
 * The library's named types whose values are a closed list (the manifest prints the alias name, not
 * its members). Extend with `IgDashboardEditor.typeAliases[name] = [...]` for your own elements.
 */
export const TYPE_ALIASES: Record<string, string[] | 'json'> = {
  IgChannel: ['push', 'inapp', 'sms', 'email', 'chat', 'wallet'],
  IgKpiChannel: ['all', 'push', 'inapp', 'sms', 'email', 'chat', 'wallet'],
  IgPlatform: ['android', 'ios', 'web'],
  IgTheme: ['light', 'dark'],
  IgTimeseriesInterval: ['day', 'week', 'month'],
  IgChartRenderer: ['svg', 'canvas'],
  IgCampaignSort: ['name', 'created', 'sent', 'delivered', 'opened', 'clicked', 'impressions', 'cost', 'deliveryRate', 'openRate', 'ctr'],
  IgChartSpec: 'json',
};

/** Attributes the dashboard sets on its cells itself (language and theme follow the dashboard). */
const INHERITED = new Set(['lang', 'theme']);
const DATE_ATTRIBUTES = new Set(['from', 'to']);

/** The input for a manifest type text such as `'asc' | 'desc' | undefined` or `number`. */
export function kindOf(name: string, type: string, aliases: Record<string, string[] | 'json'> = TYPE_ALIASES): AttributeKind {
  const parts = type
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'undefined' && p !== 'null');
  if (parts.length === 0) return { kind: 'text' };
  if (parts.every((p) => p === 'boolean')) return { kind: 'boolean' };
  if (parts.every((p) => p === 'number')) return { kind: 'number' };
  if (parts.some((p) => p.endsWith('[]') || p.startsWith('{') || p.startsWith('Record<'))) return { kind: 'json' };
  const options: string[] = [];
  for (const p of parts) {
    const literal = /^'([^']*)'$|^"([^"]*)"$/.exec(p);
    if (literal) options.push(literal[1] ?? literal[2]!);
    else if (Array.isArray(aliases[p])) options.push(...(aliases[p] as string[]));
    else if (aliases[p] === 'json') return { kind: 'json' };
    else if (p === 'string' && DATE_ATTRIBUTES.has(name) && parts.length === 1) return { kind: 'date' };
    else return { kind: 'text' };
  }
  return { kind: 'choice', options: [...new Set(options)] };
}

interface ManifestDeclaration {
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: { name?: string; type?: { text?: string }; default?: string; description?: string }[];
}

/** The palette: the manifest's `ig-*` elements in `allowed` (when given), each with its editable attributes. */
export function paletteOf(manifest: unknown, allowed?: readonly string[], aliases: Record<string, string[] | 'json'> = TYPE_ALIASES): PaletteElement[] {
  const modules = isObject(manifest) && Array.isArray(manifest['modules']) ? manifest['modules'] : [];
  const out = new Map<string, PaletteElement>();
  for (const mod of modules) {
    const declarations = isObject(mod) && Array.isArray(mod['declarations']) ? (mod['declarations'] as ManifestDeclaration[]) : [];
    for (const d of declarations) {
      const tag = d.tagName;
      if (!d.customElement || !tag || !TAG.test(tag) || out.has(tag)) continue;
      if (allowed && !allowed.includes(tag)) continue;
      const attributes = (d.attributes ?? [])
        .filter((a): a is { name: string; type?: { text?: string }; default?: string; description?: string } => typeof a.name === 'string')
        .filter((a) => isWritableAttribute(a.name) && !INHERITED.has(a.name))
        .map((a) => {
          const type = a.type?.text ?? 'string';
          return { name: a.name, type, kind: kindOf(a.name, type, aliases), default: a.default, description: a.description };
        });
      out.set(tag, { tag, summary: d.summary ?? d.description?.split('\n')[0] ?? '', attributes });
    }
  }
  return [...out.values()].sort((a, b) => a.tag.localeCompare(b.tag));
}

export type Parsed = { ok: true; value: IgEditorValue | undefined } | { ok: false; error: 'number' | 'date' | 'json' | 'length' | 'choice' };

/** Checks an input's text (or a checkbox) against the attribute's kind; `undefined` removes the attribute. */
export function parseValue(kind: AttributeKind, raw: string | boolean): Parsed {
  if (kind.kind === 'boolean') return { ok: true, value: raw === true ? true : undefined };
  const text = String(raw).trim();
  if (text === '') return { ok: true, value: undefined };
  if (text.length > MAX_VALUE) return { ok: false, error: 'length' };
  switch (kind.kind) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'number' };
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
      return d && d.toISOString().slice(0, 10) === text ? { ok: true, value: text } : { ok: false, error: 'date' };
    }
    case 'json':
      try {
        JSON.parse(text);
        return { ok: true, value: text };
      } catch {
        return { ok: false, error: 'json' };
      }
    case 'choice':
      return kind.options.includes(text) ? { ok: true, value: text } : { ok: false, error: 'choice' };
    default:
      return { ok: true, value: text };
  }
}
