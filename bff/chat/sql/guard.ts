/**
 * The static half of run_sql's guard (docs/adr/014-ai-sql-guard.md): PostgreSQL's own parser
 * (libpg-query) reads the text, and a walker that knows every node it accepts, and every field of
 * each, decides. Anything it does not know is refused, so a construct added to PostgreSQL's grammar
 * later is refused until someone allows it here.
 *
 * Accepted: exactly one SELECT (set operations of SELECTs, VALUES, WITH of SELECTs, sub-selects
 * anywhere, LATERAL sub-selects, joins, window functions, GROUPING SETS), over the views of schema
 * `assistant` and the CTEs the statement defines; functions, operators and cast types from short
 * allow-lists. Refused: everything else, with a reason the model can act on.
 *
 * The database is the second line (ig_assistant, RLS pinned per transaction, read-only): this file
 * makes sure the statement only asks for what an analytics question needs, and names the reason.
 */
import { parse } from 'libpg-query';
import { ASSISTANT_VIEW_NAMES, suggestView } from './catalog.js';

/** Longest statement accepted (the run_sql tool's input is capped at the same length). */
export const MAX_SQL_CHARS = 4000;
/** Deepest nesting of expressions and sub-selects accepted. */
const MAX_DEPTH = 120;

export type SqlRefusalKind =
  | 'empty'
  | 'too_long'
  | 'syntax'
  | 'multiple_statements'
  | 'not_select'
  | 'into'
  | 'locking'
  | 'relation'
  | 'function'
  | 'operator'
  | 'type'
  | 'column'
  | 'construct';

export class SqlRefusal extends Error {
  constructor(
    message: string,
    readonly kind: SqlRefusalKind,
  ) {
    super(message);
  }
}

// ---- allow-lists ---------------------------------------------------------------------------------

/** Functions by name, resolved in pg_catalog (search_path puts it first; nothing else defines them). */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop',
  'percentile_cont', 'percentile_disc', 'mode', 'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg',
  'corr', 'covar_pop', 'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2', 'regr_count',
  // window functions
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value',
  'last_value', 'nth_value',
  // numbers
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'power', 'pow', 'exp', 'ln', 'log',
  'log10', 'mod', 'div', 'pi', 'width_bucket', 'to_number',
  // text (no repeat/lpad/rpad: one call could allocate a gigabyte)
  'length', 'char_length', 'character_length', 'lower', 'upper', 'initcap', 'substr', 'substring', 'left',
  'right', 'btrim', 'ltrim', 'rtrim', 'replace', 'concat', 'concat_ws', 'split_part', 'position', 'strpos',
  'starts_with', 'reverse', 'regexp_replace', 'similar_to_escape', 'like_escape',
  // dates and times (extract, AT TIME ZONE and friends are written by the parser as pg_catalog.*)
  'date_trunc', 'date_part', 'extract', 'date_bin', 'make_date', 'make_time', 'make_timestamp',
  'make_timestamptz', 'make_interval', 'now', 'statement_timestamp', 'transaction_timestamp', 'to_char',
  'to_date', 'to_timestamp', 'age', 'isfinite', 'justify_days', 'justify_hours', 'justify_interval', 'timezone',
  // arrays and series (journey_funnel.platforms; filling gaps in a daily series)
  'array_length', 'cardinality', 'array_to_string', 'unnest', 'generate_series',
]);

/** Cast targets (and typed literals such as `date '2026-01-01'`); no reg* type, no system type. */
export const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'numeric', 'decimal', 'float4', 'float8', 'real',
  'text', 'varchar', 'bpchar', 'char', 'date', 'time', 'timestamp', 'timestamptz', 'interval', 'bool', 'boolean',
]);

/** Operators by symbol (built-in ones only: no schema-qualified OPERATOR(...)). */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  '=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '^', '||', '@', '|/',
  '~~', '!~~', '~~*', '!~~*', '~', '~*', '!~', '!~*', '&&', '@>', '<@',
]);

const ALLOWED_EXPR_KINDS = new Set([
  'AEXPR_OP', 'AEXPR_OP_ANY', 'AEXPR_OP_ALL', 'AEXPR_DISTINCT', 'AEXPR_NOT_DISTINCT', 'AEXPR_NULLIF', 'AEXPR_IN',
  'AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_SIMILAR', 'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN', 'AEXPR_BETWEEN_SYM',
  'AEXPR_NOT_BETWEEN_SYM',
]);

const ALLOWED_VALUE_FUNCTIONS = new Set([
  'SVFOP_CURRENT_DATE', 'SVFOP_CURRENT_TIME', 'SVFOP_CURRENT_TIME_N', 'SVFOP_CURRENT_TIMESTAMP',
  'SVFOP_CURRENT_TIMESTAMP_N', 'SVFOP_LOCALTIME', 'SVFOP_LOCALTIME_N', 'SVFOP_LOCALTIMESTAMP', 'SVFOP_LOCALTIMESTAMP_N',
]);

const ALLOWED_SUBLINKS = new Set(['EXISTS_SUBLINK', 'ALL_SUBLINK', 'ANY_SUBLINK', 'EXPR_SUBLINK', 'ARRAY_SUBLINK', 'ROWCOMPARE_SUBLINK']);

const SYSTEM_COLUMNS = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid', 'oid']);

// ---- the walker ----------------------------------------------------------------------------------

type Body = Record<string, unknown>;
/** CTE names visible at a point of the statement. */
type Scope = ReadonlySet<string>;

const POSITION_KEYS = new Set(['location', 'rexpr_list_start', 'rexpr_list_end', 'list_start', 'list_end']);

function refuse(message: string, kind: SqlRefusalKind): never {
  throw new SqlRefusal(message, kind);
}

/** A wrapped node `{ Type: body }` as [Type, body]. */
function unwrap(node: unknown, where: string): [string, Body] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) refuse(`unexpected ${where} in the statement`, 'construct');
  const keys = Object.keys(node);
  if (keys.length !== 1) refuse(`unexpected ${where} in the statement`, 'construct');
  const type = keys[0]!;
  const body = (node as Body)[type];
  if (!body || typeof body !== 'object' || Array.isArray(body)) refuse(`unexpected ${type} in the statement`, 'construct');
  return [type, body as Body];
}

function list(v: unknown): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) refuse('unexpected list in the statement', 'construct');
  return v;
}

/** Every field of `body` must be one the walker handles (plus positions). */
function onlyKeys(type: string, body: Body, keys: readonly string[]): void {
  for (const k of Object.keys(body)) {
    if (!keys.includes(k) && !POSITION_KEYS.has(k)) refuse(describeConstruct(type, k), 'construct');
  }
}

function describeConstruct(type: string, key?: string): string {
  const names: Record<string, string> = {
    RangeFunction: 'functions in FROM (including ROWS FROM and LATERAL function calls) are not allowed: call functions in the select list',
    RangeTableSample: 'TABLESAMPLE is not allowed',
    RangeTableFunc: 'XMLTABLE is not allowed',
    JsonTable: 'JSON_TABLE is not allowed',
    ParamRef: 'parameters ($1) are not supported: write the values in the statement',
    'FuncCall.func_variadic': 'VARIADIC arguments are not allowed',
    'TypeName.setof': 'SETOF types are not allowed',
    'TypeName.pct_type': '%TYPE is not allowed',
  };
  const id = key ? `${type}.${key}` : type;
  return names[id] ?? names[type] ?? `this construct (${id}) is not allowed in run_sql: use a plain SELECT over the assistant views`;
}

function strings(v: unknown, where: string): string[] {
  return list(v).map((n) => {
    const [t, b] = unwrap(n, where);
    if (t !== 'String' || typeof b.sval !== 'string') refuse(`unexpected ${where} in the statement`, 'construct');
    return b.sval;
  });
}

function qualifiedName(parts: string[]): string {
  return parts.join('.');
}

class Walker {
  private depth = 0;

  private enter(): void {
    if (++this.depth > MAX_DEPTH) refuse('the statement is nested too deeply', 'construct');
  }

  private leave(): void {
    this.depth--;
  }

  /** A SELECT (its WITH, set operation branches, clauses). */
  select(body: Body, outer: Scope): void {
    this.enter();
    onlyKeys('SelectStmt', body, [
      'distinctClause', 'targetList', 'fromClause', 'whereClause', 'groupClause', 'groupDistinct', 'havingClause',
      'windowClause', 'valuesLists', 'sortClause', 'limitOffset', 'limitCount', 'limitOption', 'withClause', 'op',
      'all', 'larg', 'rarg', 'intoClause', 'lockingClause',
    ]);
    if (body.intoClause) refuse('SELECT INTO is not allowed: run_sql only reads', 'into');
    if (list(body.lockingClause).length > 0) refuse('locking clauses (FOR UPDATE / FOR SHARE ...) are not allowed: run_sql only reads', 'locking');

    const scope = body.withClause ? this.withClause(body.withClause as Body, outer) : outer;
    const op = body.op ?? 'SETOP_NONE';
    if (op !== 'SETOP_NONE') {
      if (!['SETOP_UNION', 'SETOP_INTERSECT', 'SETOP_EXCEPT'].includes(op as string)) refuse('unknown set operation', 'construct');
      this.select(body.larg as Body, scope);
      this.select(body.rarg as Body, scope);
    } else if (body.larg || body.rarg) {
      refuse('unexpected set operation', 'construct');
    }

    for (const d of list(body.distinctClause)) {
      // SELECT DISTINCT is one empty node; DISTINCT ON (...) lists expressions.
      if (d && typeof d === 'object' && Object.keys(d).length === 0) continue;
      this.expr(d, scope);
    }
    for (const t of list(body.targetList)) {
      const [type, rt] = unwrap(t, 'select list');
      if (type !== 'ResTarget') refuse(describeConstruct(type), 'construct');
      onlyKeys('ResTarget', rt, ['name', 'val']);
      this.expr(rt.val, scope);
    }
    for (const f of list(body.fromClause)) this.fromItem(f, scope);
    if (body.whereClause) this.expr(body.whereClause, scope);
    for (const g of list(body.groupClause)) this.expr(g, scope);
    if (body.havingClause) this.expr(body.havingClause, scope);
    for (const w of list(body.windowClause)) {
      const [type, wd] = unwrap(w, 'window');
      if (type !== 'WindowDef') refuse(describeConstruct(type), 'construct');
      this.windowDef(wd, scope);
    }
    for (const row of list(body.valuesLists)) this.expr(row, scope);
    for (const s of list(body.sortClause)) this.expr(s, scope);
    if (body.limitOffset) this.expr(body.limitOffset, scope);
    if (body.limitCount) this.expr(body.limitCount, scope);
    this.leave();
  }

  /** WITH: the scope its statement sees. Non-recursive CTEs see the earlier ones; recursive, all. */
  private withClause(w: Body, outer: Scope): Scope {
    onlyKeys('WithClause', w, ['ctes', 'recursive']);
    const ctes = list(w.ctes).map((c) => {
      const [type, cte] = unwrap(c, 'WITH');
      if (type !== 'CommonTableExpr') refuse(describeConstruct(type), 'construct');
      onlyKeys('CommonTableExpr', cte, ['ctename', 'aliascolnames', 'ctematerialized', 'ctequery', 'search_clause', 'cycle_clause']);
      const name = cte.ctename;
      if (typeof name !== 'string' || name === '') refuse('a WITH query needs a name', 'construct');
      if (/^pg_/i.test(name)) refuse(`WITH query name ${name} is not allowed (names starting with pg_ are reserved)`, 'construct');
      return { name, cte };
    });
    const scope = new Set(outer);
    if (w.recursive) for (const { name } of ctes) scope.add(name);
    for (const { name, cte } of ctes) {
      const [qtype, q] = unwrap(cte.ctequery, 'WITH query');
      if (qtype !== 'SelectStmt') refuse('WITH may only hold SELECT queries: INSERT, UPDATE, DELETE and MERGE are not allowed', 'not_select');
      this.select(q, scope);
      if (cte.search_clause) {
        const s = cte.search_clause as Body;
        onlyKeys('CTESearchClause', s, ['search_col_list', 'search_breadth_first', 'search_seq_column']);
        strings(s.search_col_list, 'SEARCH column');
      }
      if (cte.cycle_clause) {
        const c = cte.cycle_clause as Body;
        onlyKeys('CTECycleClause', c, ['cycle_col_list', 'cycle_mark_column', 'cycle_mark_value', 'cycle_mark_default', 'cycle_path_column']);
        strings(c.cycle_col_list, 'CYCLE column');
        if (c.cycle_mark_value) this.expr(c.cycle_mark_value, scope);
        if (c.cycle_mark_default) this.expr(c.cycle_mark_default, scope);
      }
      scope.add(name);
    }
    return scope;
  }

  private alias(a: unknown): void {
    if (a === undefined) return;
    onlyKeys('Alias', a as Body, ['aliasname', 'colnames']);
    strings((a as Body).colnames, 'alias column');
  }

  private fromItem(node: unknown, scope: Scope): void {
    this.enter();
    const [type, b] = unwrap(node, 'FROM item');
    switch (type) {
      case 'RangeVar':
        onlyKeys(type, b, ['catalogname', 'schemaname', 'relname', 'inh', 'relpersistence', 'alias']);
        this.relation(b, scope);
        this.alias(b.alias);
        break;
      case 'RangeSubselect': {
        onlyKeys(type, b, ['lateral', 'subquery', 'alias']);
        const [qt, q] = unwrap(b.subquery, 'sub-select');
        if (qt !== 'SelectStmt') refuse('only SELECT is allowed in a sub-select', 'not_select');
        this.select(q, scope);
        this.alias(b.alias);
        break;
      }
      case 'JoinExpr':
        onlyKeys(type, b, ['jointype', 'isNatural', 'larg', 'rarg', 'usingClause', 'join_using_alias', 'quals', 'alias']);
        this.fromItem(b.larg, scope);
        this.fromItem(b.rarg, scope);
        strings(b.usingClause, 'USING column');
        if (b.quals) this.expr(b.quals, scope);
        this.alias(b.alias);
        this.alias(b.join_using_alias);
        break;
      case 'RangeFunction':
        refuse(describeConstruct(type), 'function');
      default:
        refuse(describeConstruct(type), 'construct');
    }
    this.leave();
  }

  private relation(rv: Body, scope: Scope): void {
    const schema = rv.schemaname as string | undefined;
    const name = String(rv.relname ?? '');
    const shown = qualifiedName([rv.catalogname, schema, name].filter((p): p is string => typeof p === 'string'));
    if (!rv.catalogname) {
      if (schema === undefined && (scope.has(name) || ASSISTANT_VIEW_NAMES.has(name))) return;
      if (schema === 'assistant' && ASSISTANT_VIEW_NAMES.has(name)) return;
    }
    const hint = suggestView(name);
    refuse(
      hint
        ? `relation ${shown} is not available: use assistant.${hint}`
        : `relation ${shown} is not available: run_sql reads only the assistant views (${[...ASSISTANT_VIEW_NAMES].map((v) => `assistant.${v}`).join(', ')})`,
      'relation',
    );
  }

  private windowDef(w: Body, scope: Scope): void {
    onlyKeys('WindowDef', w, ['name', 'refname', 'partitionClause', 'orderClause', 'frameOptions', 'startOffset', 'endOffset']);
    for (const p of list(w.partitionClause)) this.expr(p, scope);
    for (const o of list(w.orderClause)) this.expr(o, scope);
    if (w.startOffset) this.expr(w.startOffset, scope);
    if (w.endOffset) this.expr(w.endOffset, scope);
  }

  private operator(name: unknown): void {
    const parts = strings(name, 'operator');
    const shown = qualifiedName(parts);
    if (parts.length !== 1) refuse(`operator ${shown} is not allowed: write operators without a schema`, 'operator');
    if (!ALLOWED_OPERATORS.has(parts[0]!)) refuse(`operator ${shown} is not allowed`, 'operator');
  }

  private func(name: unknown): void {
    const parts = strings(name, 'function name');
    const shown = qualifiedName(parts);
    const bare = parts.length === 1 ? parts[0]! : parts.length === 2 && parts[0] === 'pg_catalog' ? parts[1]! : undefined;
    if (bare === undefined || !ALLOWED_FUNCTIONS.has(bare)) {
      refuse(`function ${shown} is not allowed: run_sql may call aggregates, window, math, text and date functions only`, 'function');
    }
  }

  private typeName(t: Body): void {
    onlyKeys('TypeName', t, ['names', 'typmods', 'typemod', 'arrayBounds', 'setof', 'pct_type']);
    if (t.setof) refuse(describeConstruct('TypeName', 'setof'), 'type');
    if (t.pct_type) refuse(describeConstruct('TypeName', 'pct_type'), 'type');
    const parts = strings(t.names, 'type name');
    const shown = qualifiedName(parts);
    const bare = parts.length === 1 ? parts[0]! : parts.length === 2 && parts[0] === 'pg_catalog' ? parts[1]! : undefined;
    if (bare === undefined || !ALLOWED_TYPES.has(bare)) {
      refuse(`type ${shown} is not allowed: cast to numbers, text, dates, timestamps, intervals or booleans only`, 'type');
    }
    for (const m of list(t.typmods)) {
      const [mt] = unwrap(m, 'type modifier');
      if (mt !== 'A_Const') refuse('type modifiers must be numbers', 'type');
    }
    for (const a of list(t.arrayBounds)) {
      const [at] = unwrap(a, 'array bound');
      if (at !== 'Integer') refuse('unexpected array bound', 'type');
    }
  }

  /** Any expression (and the few list-like nodes that sit where expressions do). */
  expr(node: unknown, scope: Scope): void {
    this.enter();
    const [type, b] = unwrap(node, 'expression');
    switch (type) {
      case 'A_Const':
        onlyKeys(type, b, ['ival', 'fval', 'boolval', 'sval', 'bsval', 'isnull']);
        break;
      case 'ColumnRef': {
        onlyKeys(type, b, ['fields']);
        for (const f of list(b.fields)) {
          const [ft, fb] = unwrap(f, 'column reference');
          if (ft === 'A_Star') continue;
          if (ft !== 'String') refuse('unexpected column reference', 'construct');
          if (SYSTEM_COLUMNS.has(String(fb.sval))) refuse(`system column ${String(fb.sval)} is not available`, 'column');
        }
        break;
      }
      case 'A_Expr':
        onlyKeys(type, b, ['kind', 'name', 'lexpr', 'rexpr']);
        if (!ALLOWED_EXPR_KINDS.has(String(b.kind))) refuse(describeConstruct(`A_Expr ${String(b.kind)}`), 'construct');
        this.operator(b.name);
        if (b.lexpr) this.expr(b.lexpr, scope);
        if (b.rexpr) this.expr(b.rexpr, scope);
        break;
      case 'List':
        onlyKeys(type, b, ['items']);
        for (const i of list(b.items)) this.expr(i, scope);
        break;
      case 'BoolExpr':
        onlyKeys(type, b, ['boolop', 'args']);
        for (const a of list(b.args)) this.expr(a, scope);
        break;
      case 'FuncCall':
        onlyKeys(type, b, ['funcname', 'args', 'agg_order', 'agg_filter', 'over', 'agg_within_group', 'agg_star', 'agg_distinct', 'funcformat']);
        this.func(b.funcname);
        for (const a of list(b.args)) this.expr(a, scope);
        for (const o of list(b.agg_order)) this.expr(o, scope);
        if (b.agg_filter) this.expr(b.agg_filter, scope);
        if (b.over) this.windowDef(b.over as Body, scope);
        break;
      case 'NamedArgExpr':
        onlyKeys(type, b, ['arg', 'name', 'argnumber']);
        this.expr(b.arg, scope);
        break;
      case 'TypeCast':
        onlyKeys(type, b, ['arg', 'typeName']);
        this.typeName(b.typeName as Body);
        this.expr(b.arg, scope);
        break;
      case 'SubLink': {
        onlyKeys(type, b, ['subLinkType', 'subLinkId', 'testexpr', 'operName', 'subselect']);
        if (!ALLOWED_SUBLINKS.has(String(b.subLinkType))) refuse(describeConstruct(`SubLink ${String(b.subLinkType)}`), 'construct');
        if (b.operName) this.operator(b.operName);
        if (b.testexpr) this.expr(b.testexpr, scope);
        const [qt, q] = unwrap(b.subselect, 'sub-select');
        if (qt !== 'SelectStmt') refuse('only SELECT is allowed in a sub-select', 'not_select');
        this.select(q, scope);
        break;
      }
      case 'CaseExpr':
        onlyKeys(type, b, ['arg', 'args', 'defresult']);
        if (b.arg) this.expr(b.arg, scope);
        for (const w of list(b.args)) {
          const [wt, wb] = unwrap(w, 'CASE');
          if (wt !== 'CaseWhen') refuse(describeConstruct(wt), 'construct');
          onlyKeys(wt, wb, ['expr', 'result']);
          this.expr(wb.expr, scope);
          this.expr(wb.result, scope);
        }
        if (b.defresult) this.expr(b.defresult, scope);
        break;
      case 'CoalesceExpr':
      case 'MinMaxExpr':
        onlyKeys(type, b, ['args', 'op']);
        for (const a of list(b.args)) this.expr(a, scope);
        break;
      case 'NullTest':
        onlyKeys(type, b, ['arg', 'nulltesttype', 'argisrow']);
        this.expr(b.arg, scope);
        break;
      case 'BooleanTest':
        onlyKeys(type, b, ['arg', 'booltesttype']);
        this.expr(b.arg, scope);
        break;
      case 'SQLValueFunction':
        onlyKeys(type, b, ['op', 'typmod']);
        if (!ALLOWED_VALUE_FUNCTIONS.has(String(b.op))) {
          refuse(`${String(b.op).replace(/^SVFOP_/, '').toLowerCase()} is not available in run_sql`, 'function');
        }
        break;
      case 'A_Indirection':
        onlyKeys(type, b, ['arg', 'indirection']);
        this.expr(b.arg, scope);
        for (const i of list(b.indirection)) {
          const [it] = unwrap(i, 'indirection');
          if (it === 'String' || it === 'A_Star') continue;
          this.expr(i, scope);
        }
        break;
      case 'A_Indices':
        onlyKeys(type, b, ['is_slice', 'lidx', 'uidx']);
        if (b.lidx) this.expr(b.lidx, scope);
        if (b.uidx) this.expr(b.uidx, scope);
        break;
      case 'A_ArrayExpr':
        onlyKeys(type, b, ['elements']);
        for (const e of list(b.elements)) this.expr(e, scope);
        break;
      case 'RowExpr':
        onlyKeys(type, b, ['args', 'row_format', 'colnames']);
        for (const a of list(b.args)) this.expr(a, scope);
        break;
      case 'CollateClause':
        onlyKeys(type, b, ['arg', 'collname']);
        strings(b.collname, 'collation');
        this.expr(b.arg, scope);
        break;
      case 'GroupingFunc':
        onlyKeys(type, b, ['args']);
        for (const a of list(b.args)) this.expr(a, scope);
        break;
      case 'GroupingSet':
        onlyKeys(type, b, ['kind', 'content']);
        for (const c of list(b.content)) this.expr(c, scope);
        break;
      case 'SortBy':
        onlyKeys(type, b, ['node', 'sortby_dir', 'sortby_nulls', 'useOp']);
        if (b.useOp) this.operator(b.useOp);
        this.expr(b.node, scope);
        break;
      default:
        refuse(describeConstruct(type), 'construct');
    }
    this.leave();
  }
}

// ---- entry points --------------------------------------------------------------------------------

interface ParsedStatement {
  stmt?: unknown;
  stmt_location?: number;
  stmt_len?: number;
}

async function parseOrRefuse(sql: string): Promise<ParsedStatement[]> {
  try {
    const result = (await parse(sql)) as { stmts?: ParsedStatement[] };
    return result.stmts ?? [];
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // The parser's own words ("syntax error at or near ...") are what the model needs to fix it.
    refuse(`the statement does not parse: ${msg.slice(0, 300)}`, 'syntax');
  }
}

/** The one SelectStmt of `stmts`, checked; refuses anything else. */
function checkStatements(stmts: ParsedStatement[]): Body {
  if (stmts.length === 0) refuse('the statement is empty: send one SELECT', 'empty');
  if (stmts.length > 1) refuse('only one statement is allowed: send a single SELECT without semicolons between statements', 'multiple_statements');
  const [type, body] = unwrap(stmts[0]!.stmt, 'statement');
  if (type !== 'SelectStmt') {
    const named: Record<string, string> = { VariableSetStmt: 'SET/RESET', VariableShowStmt: 'SHOW', TransactionStmt: 'a transaction command' };
    const what = named[type] ?? type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
    refuse(`only SELECT is allowed (this is ${what})`, 'not_select');
  }
  new Walker().select(body, new Set());
  return body;
}

/** A copy of a parse tree without source positions, to compare two parses of the same statement. */
function withoutPositions(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutPositions);
  if (v && typeof v === 'object') {
    const out: Body = {};
    for (const [k, x] of Object.entries(v)) if (!POSITION_KEYS.has(k)) out[k] = withoutPositions(x);
    return out;
  }
  return v;
}

export interface GuardedStatement {
  /** The model's statement as validated (its own text, without a trailing semicolon). */
  statement: string;
  /** What runs: the statement wrapped with the row cap, `SELECT * FROM (...) AS q LIMIT n + 1`. */
  sql: string;
}

/**
 * Validates `sql` and returns the text to run with `limit` rows at most. Throws SqlRefusal with a
 * reason worded for the model. The wrapped text is parsed again and must contain exactly the tree
 * that was validated, so no comment or quoting trick can make the two readings differ.
 */
export async function guardSql(sql: string, limit: number): Promise<GuardedStatement> {
  if (typeof sql !== 'string' || sql.trim() === '') refuse('the statement is empty: send one SELECT', 'empty');
  if (sql.length > MAX_SQL_CHARS) refuse(`the statement is too long (${sql.length} characters; at most ${MAX_SQL_CHARS})`, 'too_long');
  if (sql.includes('\u0000')) refuse('the statement contains a NUL character', 'syntax');
  if (!Number.isInteger(limit) || limit < 1) throw new Error('guardSql: limit must be a positive integer');

  const stmts = await parseOrRefuse(sql);
  const body = checkStatements(stmts);
  const first = stmts[0]!;
  const start = first.stmt_location ?? 0;
  const statement = (first.stmt_len ? sql.slice(start, start + first.stmt_len) : sql.slice(start)).trim();

  const wrapped = `SELECT * FROM (\n${statement}\n) AS q LIMIT ${limit}`;
  const again = await parseOrRefuse(wrapped);
  const outer = checkStatements(again);
  const from = outer.fromClause as unknown[] | undefined;
  const inner = (from?.[0] as { RangeSubselect?: { subquery?: { SelectStmt?: unknown } } } | undefined)?.RangeSubselect?.subquery?.SelectStmt;
  if (from?.length !== 1 || JSON.stringify(withoutPositions(inner)) !== JSON.stringify(withoutPositions(body))) {
    refuse('the statement could not be wrapped with a row limit as it is: remove trailing comments and send one plain SELECT', 'construct');
  }
  return { statement, sql: wrapped };
}
