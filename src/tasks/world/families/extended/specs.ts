// Parameter specs and input makers shared by the train-only families (see ./index.ts).
import type { Rng } from '../../../rng.ts';
import { ints, letters, word, words } from '../../gen.ts';

export const A = (doc: string) => ({ names: ['a', 'first', 's1', 'left'], type: 'string', doc });

export const B = (doc: string) => ({ names: ['b', 'second', 's2', 'right'], type: 'string', doc });

/** Words separated by runs of 1-3 spaces, with optional leading and trailing spaces. */
export const spaced = (r: Rng, n: number): string =>
  ' '.repeat(r.int(0, 2)) +
  words(r, n)
    .map((w, i) => (i === 0 ? w : ' '.repeat(r.int(1, 3)) + w))
    .join('') +
  ' '.repeat(r.int(0, 2));

/** A word with some letters upper-cased at random. */
export const mixedCase = (r: Rng, w: string): string =>
  w
    .split('')
    .map((c) => (r.chance(0.4) ? c.toUpperCase() : c))
    .join('');

export const XS = { names: ['xs', 'items', 'values', 'nums'], type: 'number[]', doc: 'the input numbers' };

export const YS = { names: ['ys', 'others', 'second', 'rhsList'], type: 'number[]', doc: 'the second list of numbers' };

export const MATRIX = {
  names: ['matrix', 'grid', 'rows', 'table'],
  type: 'number[][]',
  doc: 'a rectangular matrix, given as a list of equally long rows',
};

/** A random rectangular matrix. */
export const matrix = (r: Rng, rows: number, cols: number, lo = -9, hi = 9): number[][] =>
  Array.from({ length: rows }, () => ints(r, cols, lo, hi));

export const INT = (doc: string) => ({ names: ['n', 'num', 'value', 'x'], type: 'number', doc });

export const OBJ = (type: string, doc: string) => ({ names: ['obj', 'record', 'source', 'data'], type, doc });

export const RECORDS = (type: string, doc: string) => ({ names: ['records', 'rows', 'items', 'entries'], type, doc });

export const TEAMS = ['red', 'blue', 'green'];

export const SIZES = ['s', 'm', 'l', 'xl'];

/** An object with 0..max word keys (never integer-like, so key order is insertion order) and small int values. */
export const wordObject = (r: Rng, max: number, lo: number, hi: number): Record<string, number> =>
  Object.fromEntries(words(r, r.int(0, max)).map((w) => [w, r.int(lo, hi)]));

/** A record with a name and, usually, a team and a size. */
export const member = (r: Rng): Record<string, string> => {
  const out: Record<string, string> = { name: word(r).slice(0, 2) };
  if (r.chance(0.85)) out.team = r.pick(TEAMS);
  if (r.chance(0.85)) out.size = r.pick(SIZES);
  return out;
};

/** A line item with some of qty, price and weight. */
export const lineItem = (r: Rng): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const f of ['qty', 'price', 'weight']) if (r.chance(0.75)) out[f] = r.int(-5, 30);
  return out;
};

export const FIELD = (doc: string) => ({ names: ['field', 'prop', 'column', 'attr'], type: 'string', doc });

export const ARMSTRONG = [0, 1, 5, 9, 153, 370, 371, 407, 1634, 8208, 9474];

export const SKUS = ['a-1', 'b-2', 'c-3', 'd-4', 'e-5', 'f-6'];

/** A shopping-cart line with an integer price (cents) and a non-negative quantity. */
export const cartLine = (r: Rng) => ({ price: r.int(0, 999), qty: r.int(0, 5) });

/** A stock record: a sku and the units on hand. */
export const stockLine = (r: Rng) => ({ sku: r.pick(SKUS), stock: r.int(0, 20) });

/** An object of word keys whose values are numbers or flat objects of numbers. */
export const nestedOnce = (r: Rng): Record<string, unknown> =>
  Object.fromEntries(
    words(r, r.int(0, 4)).map((w) => [
      w,
      r.chance(0.5) ? r.int(-9, 9) : Object.fromEntries(words(r, r.int(0, 3)).map((k) => [k, r.int(0, 9)])),
    ]),
  );

/** A JSON value nested up to `depth` levels of objects and arrays. */
export const tree = (r: Rng, depth: number): unknown => {
  const k = r.int(0, depth > 0 ? 4 : 2);
  if (depth > 0 && k >= 3) {
    const n = r.int(0, 3);
    return k === 3
      ? Array.from({ length: n }, () => tree(r, depth - 1))
      : Object.fromEntries(words(r, n).map((w) => [w, tree(r, depth - 1)]));
  }
  return [r.int(0, 9), word(r), r.chance(0.5), null][r.int(0, 3)];
};

/** A record with a word code, a name and, usually, a quantity. */
export const coded = (r: Rng): Record<string, string | number> => {
  const out: Record<string, string | number> = { code: word(r).slice(0, 2), name: word(r).slice(0, 3) };
  if (r.chance(0.7)) out.qty = r.int(0, 9);
  return out;
};

export const pad2 = (n: number): string => String(n).padStart(2, '0');

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The standard Roman numeral of 1..3999 (input generator only). */
export const roman = (n: number): string => {
  const values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
  const symbols = ['M', 'CM', 'D', 'CD', 'C', 'XC', 'L', 'XL', 'X', 'IX', 'V', 'IV', 'I'];
  let out = '';
  values.forEach((v, i) => {
    while (n >= v) {
      out += symbols[i];
      n -= v;
    }
  });
  return out;
};

export const digitString = (r: Rng, n: number): string => letters(r, n, '0123456789');
