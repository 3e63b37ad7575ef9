import { invalid } from './errors.ts';

/**
 * First line of defence for a client-given `where` (service-secret shapes): a tokenizer that only lets through a
 * single boolean expression over the table's columns. No statement separators, comments, dollar quotes, subqueries
 * or non-deterministic functions (a shape's where must decide a row by its values alone, or the log filter and the
 * snapshot could disagree). Postgres then checks the expression in a parameterised `WHERE (…) LIMIT 0` against the
 * table (registry.ts), which catches unknown columns, types and functions as a 400.
 */
export interface WhereCheck {
  /** Highest `$n` used. */
  maxParam: number;
  /** Every name in the expression (columns, functions, keywords), as Postgres would fold it. */
  names: Set<string>;
}

const SUBQUERY = new Set([
  'select',
  'with',
  'values',
  'table',
  'insert',
  'update',
  'delete',
  'returning',
  'into',
]);
const NON_DETERMINISTIC = new Set([
  'current_date',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
  'now',
  'random',
  'clock_timestamp',
  'statement_timestamp',
  'transaction_timestamp',
  'timeofday',
]);
/** Names that may stand before `(`: keywords of the expression grammar, type names with a modifier, safe functions. */
const BEFORE_PAREN = new Set([
  ...[
    'and',
    'or',
    'not',
    'in',
    'any',
    'all',
    'some',
    'like',
    'ilike',
    'similar',
    'between',
    'is',
    'distinct',
  ],
  ...['from', 'case', 'when', 'then', 'else', 'as', 'array', 'escape', 'symmetric'],
  ...[
    'varchar',
    'varying',
    'char',
    'character',
    'numeric',
    'decimal',
    'bit',
    'timestamp',
    'time',
    'interval',
  ],
  ...['lower', 'upper', 'length', 'char_length', 'character_length', 'octet_length', 'coalesce', 'nullif'],
  ...[
    'greatest',
    'least',
    'abs',
    'trim',
    'btrim',
    'ltrim',
    'rtrim',
    'substring',
    'substr',
    'position',
    'strpos',
  ],
  ...[
    'left',
    'right',
    'concat',
    'concat_ws',
    'replace',
    'starts_with',
    'lpad',
    'rpad',
    'reverse',
    'date_trunc',
  ],
  ...['extract', 'date_part', 'cardinality', 'array_length', 'array_position', 'round', 'floor', 'ceil'],
  ...['ceiling', 'mod', 'trunc', 'sign', 'cast'],
]);

type Token = { kind: 'name' | 'quoted' | 'string' | 'number' | 'param' | 'punct'; text: string; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw invalid('where', `${msg} (at character ${i + 1})`);
  };
  while (i < src.length) {
    const ch = src[i] as string;
    const rest = src.slice(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === ';') {
      fail('must be a single expression: ";" is not allowed');
    } else if (rest.startsWith('--') || rest.startsWith('/*')) {
      fail('comments are not allowed');
    } else if (ch === "'") {
      const prev = out.at(-1);
      if (prev && prev.at + prev.text.length === i && (prev.kind === 'name' || prev.kind === 'quoted')) {
        fail("prefixed string literals (E'…', U&'…', B'…') are not supported");
      }
      let j = i + 1;
      for (;;) {
        const k = src.indexOf("'", j);
        if (k < 0) fail('unterminated string literal');
        if (src[k + 1] === "'") j = k + 2;
        else {
          out.push({ kind: 'string', text: src.slice(i, k + 1), at: i });
          i = k + 1;
          break;
        }
      }
    } else if (ch === '"') {
      let j = i + 1;
      let name = '';
      for (;;) {
        const k = src.indexOf('"', j);
        if (k < 0) fail('unterminated quoted identifier');
        name += src.slice(j, k);
        if (src[k + 1] === '"') {
          name += '"';
          j = k + 2;
        } else {
          out.push({ kind: 'quoted', text: name, at: i });
          i = k + 1;
          break;
        }
      }
    } else if (ch === '$') {
      const m = /^\$(\d{1,4})(?![\w$])/.exec(rest);
      if (!m) fail('only $1, $2, … placeholders may use "$"');
      out.push({ kind: 'param', text: (m as RegExpExecArray)[1] as string, at: i });
      i += (m as RegExpExecArray)[0].length;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(rest) as RegExpExecArray;
      out.push({ kind: 'number', text: m[0], at: i });
      i += m[0].length;
    } else if (/[\p{L}_]/u.test(ch)) {
      const m = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(rest) as RegExpExecArray;
      out.push({ kind: 'name', text: m[0].toLowerCase(), at: i });
      i += m[0].length;
    } else if (rest.startsWith('::')) {
      out.push({ kind: 'punct', text: '::', at: i });
      i += 2;
    } else if ('()[],+-*/<>=~!@#%^&|?:'.includes(ch)) {
      out.push({ kind: 'punct', text: ch, at: i });
      i++;
    } else {
      fail(`unexpected character ${JSON.stringify(ch)}`);
    }
  }
  return out;
}

export function checkWhere(where: string): WhereCheck {
  if (where.length > 10_000) throw invalid('where', 'is too long');
  const tokens = tokenize(where);
  if (tokens.length === 0) throw invalid('where', "can't be blank");
  const names = new Set<string>();
  let depth = 0;
  let maxParam = 0;
  tokens.forEach((t, k) => {
    const next = tokens[k + 1];
    const prev = tokens[k - 1];
    if (t.kind === 'param') maxParam = Math.max(maxParam, Number(t.text));
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    if (depth < 0) throw invalid('where', 'has an unbalanced ")"');
    if (t.kind !== 'name' && t.kind !== 'quoted') return;
    names.add(t.text);
    if (t.kind === 'name' && SUBQUERY.has(t.text)) throw invalid('where', 'subqueries are not supported');
    if (t.kind === 'name' && NON_DETERMINISTIC.has(t.text)) {
      throw invalid('where', `${t.text} is not allowed: a shape's where must not depend on the time`);
    }
    const calls = next?.kind === 'punct' && next.text === '(';
    const typeModifier = prev?.kind === 'punct' && prev.text === '::';
    if (calls && !typeModifier && (t.kind === 'quoted' || !BEFORE_PAREN.has(t.text))) {
      throw invalid('where', `function ${t.text}() is not allowed in a shape's where`);
    }
  });
  if (depth !== 0) throw invalid('where', 'has an unbalanced "("');
  return { maxParam, names };
}
