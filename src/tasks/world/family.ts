// A function family: one behaviour written in several equivalent styles, as data. Placeholders in bodies:
// $0..$9 = parameters, @role = a local variable (name drawn from a pool), #helper = a helper imported from util.js.
import type { Rng } from '../rng.ts';

export const CATEGORIES = ['string', 'array', 'math', 'parsing', 'data', 'validation', 'formatting'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ParamSpec {
  names: readonly string[];
  type: string;
  doc: string;
}

export interface Family {
  /** Stable id; splits are made over these ids. */
  name: string;
  category: Category;
  /** Pool of function names; one is drawn per repo. */
  names: readonly string[];
  params: readonly ParamSpec[];
  returns: { type: string; doc: string };
  /** One sentence, the JSDoc summary. */
  summary: string;
  /** Equivalent implementations (statement bodies). Bodies using #helpers need a util module. */
  bodies: readonly string[];
  /** Argument lists that exercise the behaviour, edge cases included. Values must be JSON-safe. */
  inputs: (r: Rng) => unknown[][];
}

/** Local-variable name pools by role; a body's @role draws one name not already used in the function. */
export const LOCAL_POOLS: Record<string, readonly string[]> = {
  acc: ['acc', 'total', 'result', 'sum', 'running'],
  i: ['i', 'k', 'idx', 'pos', 'n'],
  j: ['j', 'm', 'q', 'cursor'],
  x: ['x', 'item', 'value', 'el', 'entry'],
  y: ['y', 'other', 'rhs', 'b2'],
  ch: ['ch', 'c', 'char', 'letter', 'sym'],
  out: ['out', 'res', 'output', 'collected', 'buf'],
  parts: ['parts', 'pieces', 'tokens', 'chunks', 'fields'],
  count: ['count', 'cnt', 'tally', 'hits', 'seen'],
  key: ['key', 'name', 'label', 'prop'],
  map: ['map', 'table', 'lookup', 'index', 'byKey'],
  best: ['best', 'top', 'winner', 'champ', 'maxSoFar'],
  tmp: ['tmp', 't', 'scratch', 'hold', 'swap'],
  lo: ['lo', 'low', 'left', 'start'],
  hi: ['hi', 'high', 'right', 'end'],
  word: ['word', 'w', 'token', 'term'],
  stack: ['stack', 'pending', 'opened', 'stk'],
  num: ['num', 'parsed', 'val', 'digits'],
  flag: ['ok', 'flag', 'valid', 'good'],
  len: ['len', 'size', 'length_', 'width'],
  rest: ['rest', 'tail', 'remaining', 'remainder'],
  head: ['head', 'first', 'front', 'lead'],
  unit: ['unit', 'suffix', 'label_', 'tag'],
  sign: ['sign', 'neg', 'minus', 'sgn'],
};
