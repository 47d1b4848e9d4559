// Train-only families (see ./index.ts): arrays, part d.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints } from '../../gen.ts';
import { XS, YS } from './specs.ts';

export const EXTENDED_ARRAYS_D_FAMILIES: Family[] = [
  {
    name: 'search-insert-position',
    category: 'array',
    names: ['searchInsert', 'insertionPoint', 'lowerBound', 'bisectLeft'],
    params: [
      { names: ['sorted', 'xs', 'ordered', 'list'], type: 'number[]', doc: 'numbers sorted in ascending order' },
      { names: ['target', 'x', 'needle', 'key'], type: 'number', doc: 'the number to place' },
    ],
    returns: {
      type: 'number',
      doc:
        'the first index whose number is >= target, i.e. where target would be inserted before any equal numbers; ' +
        'sorted.length when every number is smaller',
    },
    summary: 'Finds where a number belongs in a sorted list, by binary search.',
    bodies: [
      bodyLines(
        `let @lo = 0;`,
        `let @hi = $0.length;`,
        `while (@lo < @hi) {`,
        `  const @i = (@lo + @hi) >> 1;`,
        `  if ($0[@i] < $1) @lo = @i + 1;`,
        `  else @hi = @i;`,
        `}`,
        `return @lo;`,
      ),
      bodyLines(`const @i = $0.findIndex((@x) => @x >= $1);`, `return @i === -1 ? $0.length : @i;`),
      `return $0.filter((@x) => @x < $1).length;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 5],
          [[1, 3, 5], 0],
          [[1, 3, 5], 3],
          [[1, 3, 5], 4],
          [[1, 3, 5], 9],
          [[2, 2, 2], 2],
          [[-5, -1], -3],
        ],
        10,
        (r) => [ints(r, r.int(1, 9), -9, 9).sort((a, b) => a - b), r.int(-10, 10)],
      ),
  },
  {
    name: 'elementwise-sum',
    category: 'array',
    names: ['addLists', 'elementwiseSum', 'vectorAdd', 'sumByPosition'],
    params: [XS, YS],
    returns: {
      type: 'number[]',
      doc:
        'xs[i] + ys[i] for every position; where one list is longer, its extra numbers are copied unchanged ' +
        '(the result is as long as the longer list)',
    },
    summary: 'Adds two lists of numbers position by position.',
    bodies: [
      bodyLines(
        `const @len = Math.max($0.length, $1.length);`,
        `return Array.from({ length: @len }, (@x, @i) => ($0[@i] ?? 0) + ($1[@i] ?? 0));`,
      ),
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length || @i < $1.length; @i++) {`,
        `  @out.push((@i < $0.length ? $0[@i] : 0) + (@i < $1.length ? $1[@i] : 0));`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const [@head, @rest] = $0.length >= $1.length ? [$0, $1] : [$1, $0];`,
        `return @head.map((@x, @i) => (@i < @rest.length ? @x + @rest[@i] : @x));`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], []],
          [[1, 2], []],
          [[], [3]],
          [
            [1, 2, 3],
            [10, 20, 30],
          ],
          [
            [1, -2],
            [5, 2, 7, 1],
          ],
        ],
        8,
        (r) => [ints(r, r.int(0, 5), -9, 9), ints(r, r.int(0, 5), -9, 9)],
      ),
  },
  {
    name: 'dot-product',
    category: 'array',
    names: ['dotProduct', 'innerProduct', 'scalarProduct', 'dotOf'],
    params: [XS, YS],
    returns: {
      type: 'number',
      doc:
        'the sum of xs[i] * ys[i] over all positions (0 for two empty lists); ' +
        'throws a RangeError when the lengths differ',
    },
    summary: 'Computes the dot product of two equally long lists of numbers.',
    bodies: [
      bodyLines(
        `if ($0.length !== $1.length) throw new RangeError('length mismatch');`,
        `return $0.reduce((@acc, @x, @i) => @acc + @x * $1[@i], 0);`,
      ),
      bodyLines(
        `if ($0.length !== $1.length) throw new RangeError('length mismatch');`,
        `let @acc = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) @acc += $0[@i] * $1[@i];`,
        `return @acc;`,
      ),
      bodyLines(
        `if ($1.length !== $0.length) throw new RangeError('length mismatch');`,
        `return #sum($0.map((@x, @i) => @x * $1[@i]));`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], []],
          [[3], [4]],
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [1, -1],
            [1, 1],
          ],
          [
            [0, 2],
            [-3, 0],
          ],
          [[1, 2], [1]],
        ],
        10,
        (r) => {
          const n = r.int(1, 5);
          return [ints(r, n, -9, 9), ints(r, r.chance(0.1) ? n + 1 : n, -9, 9)];
        },
      ),
  },
  {
    name: 'pairwise-max',
    category: 'array',
    names: ['pairwiseMax', 'elementwiseMax', 'maxEach', 'zipMax'],
    params: [XS, YS],
    returns: {
      type: 'number[]',
      doc: 'the larger of xs[i] and ys[i] for every position both lists have (as long as the shorter list)',
    },
    summary: 'Takes the larger number at each position of two lists.',
    bodies: [
      `return $0.slice(0, $1.length).map((@x, @i) => #maxOf(@x, $1[@i]));`,
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length && @i < $1.length; @i++) {`,
        `  @out.push($0[@i] >= $1[@i] ? $0[@i] : $1[@i]);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @len = Math.min($0.length, $1.length);`,
        `return Array.from({ length: @len }, (@x, @i) => Math.max($0[@i], $1[@i]));`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], [1]],
          [
            [1, 5, 3],
            [4, 2, 3],
          ],
          [[-1, -2], [-3]],
          [[7], [1, 9, 9]],
        ],
        8,
        (r) => [ints(r, r.int(0, 6), -9, 9), ints(r, r.int(0, 6), -9, 9)],
      ),
  },
  {
    name: 'find-in-grid',
    category: 'array',
    names: ['findInGrid', 'locateCell', 'cellOf', 'gridIndexOf'],
    params: [
      { names: ['grid', 'board', 'rows', 'cells'], type: 'number[][]', doc: 'a list of rows of numbers' },
      { names: ['target', 'wanted', 'needle', 'value'], type: 'number', doc: 'the number to look for' },
    ],
    returns: {
      type: '[number, number] | null',
      doc:
        'the [row, column] of the first cell equal to target, scanning rows top to bottom ' +
        'and each row left to right; ' +
        'null when no cell matches',
    },
    summary: 'Finds the row and column of the first cell holding a number.',
    bodies: [
      bodyLines(
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  for (let @j = 0; @j < $0[@i].length; @j++) {`,
        `    if ($0[@i][@j] === $1) return [@i, @j];`,
        `  }`,
        `}`,
        `return null;`,
      ),
      bodyLines(
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @j = $0[@i].indexOf($1);`,
        `  if (@j !== -1) return [@i, @j];`,
        `}`,
        `return null;`,
      ),
      bodyLines(
        `const @i = $0.findIndex((@parts) => @parts.includes($1));`,
        `return @i < 0 ? null : [@i, $0[@i].indexOf($1)];`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 1],
          [[[]], 1],
          [
            [
              [1, 2],
              [3, 4],
            ],
            4,
          ],
          [
            [
              [1, 2],
              [2, 1],
            ],
            2,
          ],
          [[[5], [], [5, 5]], 5],
          [
            [
              [1, 2],
              [3, 4],
            ],
            9,
          ],
        ],
        10,
        (r) => [Array.from({ length: r.int(1, 4) }, () => ints(r, r.int(0, 4), 0, 9)), r.int(0, 9)],
      ),
  },
  {
    name: 'closest-value',
    category: 'array',
    names: ['closestValue', 'nearestValue', 'nearestTo', 'snapToList'],
    params: [XS, { names: ['target', 'goal', 'aim', 'ref'], type: 'number', doc: 'the number to get close to' }],
    returns: {
      type: 'number | null',
      doc: 'the number of xs with the smallest distance to target, the smaller one on a tie; null for an empty list',
    },
    summary: 'Finds the number of a list that is closest to a target.',
    bodies: [
      bodyLines(
        `let @best = null;`,
        `for (const @x of $0) {`,
        `  const @num = Math.abs(@x - $1) - Math.abs(@best - $1);`,
        `  if (@best === null || @num < 0 || (@num === 0 && @x < @best)) @best = @x;`,
        `}`,
        `return @best;`,
      ),
      bodyLines(
        `if ($0.length === 0) return null;`,
        `return $0.slice().sort((@x, @y) => Math.abs(@x - $1) - Math.abs(@y - $1) || @x - @y)[0];`,
      ),
      bodyLines(
        `if ($0.length === 0) return null;`,
        `return $0.reduce((@best, @x) => {`,
        `  const @num = Math.abs(@x - $1) - Math.abs(@best - $1);`,
        `  return @num < 0 || (@num === 0 && @x < @best) ? @x : @best;`,
        `});`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 3],
          [[7], -2],
          [[1, 5], 3],
          [[5, 1], 3],
          [[2, 8, 4], 5],
          [[-3, 3], 0],
          [[4, 4, 9], 4],
        ],
        10,
        (r) => [ints(r, r.int(1, 7), -9, 9), r.int(-10, 10)],
      ),
  },
  {
    name: 'move-zeros-to-end',
    category: 'array',
    names: ['moveZerosToEnd', 'zerosLast', 'sinkZeros', 'pushZerosBack'],
    params: [XS],
    returns: {
      type: 'number[]',
      doc: 'a new list with the non-zero numbers in their original order, followed by all the zeros',
    },
    summary: 'Moves every zero of a list to its end, keeping the order of the other numbers.',
    bodies: [
      `return [...$0.filter((@x) => @x !== 0), ...$0.filter((@x) => @x === 0)];`,
      bodyLines(
        `const @out = [];`,
        `let @count = 0;`,
        `for (const @x of $0) {`,
        `  if (@x === 0) @count++;`,
        `  else @out.push(@x);`,
        `}`,
        `return @out.concat(new Array(@count).fill(0));`,
      ),
      bodyLines(
        `const @out = $0.slice();`,
        `let @j = 0;`,
        `for (let @i = 0; @i < @out.length; @i++) {`,
        `  if (@out[@i] !== 0) [@out[@j++], @out[@i]] = [@out[@i], @out[@j]];`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[0]], [[0, 0, 1]], [[1, 2]], [[0, 1, 0, 3, 12]], [[-1, 0, -2]]], 8, (r) => [
        ints(r, r.int(1, 8), -3, 3),
      ]),
  },
];
