// Helper functions that live in a shared util module and are imported across files (the #name placeholders).
import type { Family } from './family.ts';
import { cases, ints, letters } from './gen.ts';

/** Helper families; `name` is the placeholder used in bodies (#sum, #isDigit, …). */
export const HELPER_FAMILIES: Family[] = [
  {
    name: 'sum',
    category: 'math',
    names: ['sum', 'addAll', 'sumList', 'totalOf'],
    params: [{ names: ['xs', 'values', 'nums'], type: 'number[]', doc: 'numbers' }],
    returns: { type: 'number', doc: 'their sum' },
    summary: 'Adds numbers.',
    bodies: [
      `let @acc = 0;\nfor (const @x of $0) @acc += @x;\nreturn @acc;`,
      `return $0.reduce((@acc, @x) => @acc + @x, 0);`,
    ],
    inputs: (r) => cases(r, [[[]], [[2, 3]]], 4, (r) => [ints(r, r.int(1, 5), -9, 9)]),
  },
  {
    name: 'isDigit',
    category: 'validation',
    names: ['isDigit', 'isDigitChar', 'digitChar', 'isNumeral'],
    params: [{ names: ['ch', 'c', 'char'], type: 'string', doc: 'one character' }],
    returns: { type: 'boolean', doc: 'true for 0-9' },
    summary: 'Tells whether a character is a decimal digit.',
    bodies: [`return $0 >= '0' && $0 <= '9';`, `return $0.length === 1 && '0123456789'.indexOf($0) !== -1;`],
    inputs: (r) => cases(r, [['0'], ['9'], ['a'], ['/'], [':']], 3, (r) => [letters(r, 1, '05az')]),
  },
  {
    name: 'isUpper',
    category: 'validation',
    names: ['isUpper', 'isUpperCase', 'isCapital', 'upperChar'],
    params: [{ names: ['ch', 'c', 'char'], type: 'string', doc: 'one character' }],
    returns: { type: 'boolean', doc: 'true for A-Z' },
    summary: 'Tells whether a character is an upper-case ASCII letter.',
    bodies: [`return $0 >= 'A' && $0 <= 'Z';`, `const @num = $0.charCodeAt(0);\nreturn @num >= 65 && @num <= 90;`],
    inputs: (r) => cases(r, [['A'], ['Z'], ['a'], ['@'], ['['], ['5']], 3, (r) => [letters(r, 1, 'AQZamz')]),
  },
  {
    name: 'isVowel',
    category: 'string',
    names: ['isVowel', 'vowel', 'isVowelChar', 'vowelp'],
    params: [{ names: ['ch', 'c', 'char'], type: 'string', doc: 'one character' }],
    returns: { type: 'boolean', doc: 'true for a, e, i, o, u in either case' },
    summary: 'Tells whether a character is a vowel.',
    bodies: [
      `return 'aeiouAEIOU'.includes($0);`,
      `const @ch = $0.toLowerCase();\nreturn @ch === 'a' || @ch === 'e' || @ch === 'i' || @ch === 'o' || @ch === 'u';`,
    ],
    inputs: (r) => cases(r, [['a'], ['E'], ['u'], ['b'], ['y']], 3, (r) => [letters(r, 1, 'aeioubcxAO')]),
  },
  {
    name: 'maxOf',
    category: 'math',
    names: ['maxOf', 'largestOf', 'biggest', 'maximum'],
    params: [
      { names: ['a', 'x', 'p'], type: 'number', doc: 'a number' },
      { names: ['b', 'y', 'q'], type: 'number', doc: 'another number' },
    ],
    returns: { type: 'number', doc: 'the larger one' },
    summary: 'Returns the larger of two numbers.',
    bodies: [`return $0 > $1 ? $0 : $1;`, `if ($0 >= $1) return $0;\nreturn $1;`],
    inputs: (r) =>
      cases(
        r,
        [
          [1, 2],
          [2, 1],
          [3, 3],
          [-1, -5],
        ],
        3,
        (r) => [r.int(-9, 9), r.int(-9, 9)],
      ),
  },
];

export const HELPER_BY_NAME = new Map(HELPER_FAMILIES.map((h) => [h.name, h]));

/** Names of the #helpers a body uses, in order of first use. */
export function helpersUsed(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/#([A-Za-z]\w*)/g)) if (HELPER_BY_NAME.has(m[1]) && !out.includes(m[1])) out.push(m[1]);
  return out;
}
