// Train-only families (see ./index.ts): arrays, part b.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints } from '../../gen.ts';
import { XS } from './specs.ts';

export const EXTENDED_ARRAYS_B_FAMILIES: Family[] = [
  {
    name: 'all-equal',
    category: 'array',
    names: ['allEqual', 'allSame', 'isUniform', 'everyEqual'],
    params: [XS],
    returns: { type: 'boolean', doc: 'true when every number equals the first one (true for an empty list)' },
    summary: 'Tells whether all numbers of a list are equal.',
    bodies: [
      `return $0.every((@x) => @x === $0[0]);`,
      bodyLines(
        `for (let @i = 1; @i < $0.length; @i++) {`,
        `  if ($0[@i] !== $0[@i - 1]) return false;`,
        `}`,
        `return true;`,
      ),
      `return new Set($0).size <= 1;`,
    ],
    inputs: (r) =>
      cases(r, [[[]], [[3]], [[2, 2, 2]], [[2, 2, 3]], [[-1, -1]], [[1, -1]]], 8, (r) => [
        r.chance(0.5) ? Array(r.int(1, 6)).fill(r.int(-5, 5)) : ints(r, r.int(2, 6), 0, 2),
      ]),
  },
  {
    name: 'second-largest',
    category: 'array',
    names: ['secondLargest', 'runnerUp', 'secondHighest', 'nextToMax'],
    params: [XS],
    returns: {
      type: 'number | null',
      doc: 'the second-largest distinct value, or null when the list has fewer than two distinct values',
    },
    summary: 'Finds the second-largest distinct number of a list.',
    bodies: [
      bodyLines(`const @tmp = [...new Set($0)].sort((@x, @y) => @y - @x);`, `return @tmp.length < 2 ? null : @tmp[1];`),
      bodyLines(
        `let @best = -Infinity;`,
        `let @y = -Infinity;`,
        `for (const @x of $0) {`,
        `  if (@x > @best) [@y, @best] = [@best, @x];`,
        `  else if (@x < @best && @x > @y) @y = @x;`,
        `}`,
        `return @y === -Infinity ? null : @y;`,
      ),
      bodyLines(
        `const @best = Math.max(...$0);`,
        `const @rest = $0.filter((@x) => @x < @best);`,
        `return @rest.length === 0 ? null : Math.max(...@rest);`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[5]], [[4, 4]], [[1, 3, 2]], [[3, 3, 1]], [[-5, -2, -9]]], 8, (r) => [
        ints(r, r.int(1, 7), -9, 9),
      ]),
  },
  {
    name: 'every-nth',
    category: 'array',
    names: ['everyNth', 'takeEvery', 'strideSample', 'nthItems'],
    params: [XS, { names: ['n', 'stride', 'every', 'gap'], type: 'number', doc: 'the stride, a positive integer' }],
    returns: {
      type: 'number[]',
      doc:
        'the items at positions 0, n, 2n, … in order (so the first item is always kept); ' +
        'throws a RangeError when n < 1',
    },
    summary: 'Takes every n-th item of a list, starting with the first.',
    bodies: [
      bodyLines(
        `if ($1 < 1) throw new RangeError('n must be positive');`,
        `return $0.filter((@x, @i) => @i % $1 === 0);`,
      ),
      bodyLines(
        `if ($1 < 1) throw new RangeError('n must be positive');`,
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length; @i += $1) @out.push($0[@i]);`,
        `return @out;`,
      ),
      bodyLines(
        `if ($1 < 1) throw new RangeError('n must be positive');`,
        `const @out = [];`,
        `let @count = 0;`,
        `for (const @x of $0) {`,
        `  if (@count === 0) @out.push(@x);`,
        `  @count = (@count + 1) % $1;`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 2],
          [[1, 2, 3], 0],
          [[1, 2, 3], 1],
          [[1, 2, 3, 4, 5], 2],
          [[5, -5, 5], 3],
          [[4, 4], 5],
        ],
        8,
        (r) => [ints(r, r.int(1, 9), -9, 9), r.int(1, 4)],
      ),
  },
  {
    name: 'running-max',
    category: 'array',
    names: ['runningMax', 'prefixMaxima', 'highWaterMarks', 'cumulativeMax'],
    params: [XS],
    returns: {
      type: 'number[]',
      doc: 'a list of the same length whose element i is the largest of the first i+1 numbers',
    },
    summary: 'Computes the running maximum of a list.',
    bodies: [
      bodyLines(
        `const @out = [];`,
        `let @best = -Infinity;`,
        `for (const @x of $0) {`,
        `  if (@x > @best) @best = @x;`,
        `  @out.push(@best);`,
        `}`,
        `return @out;`,
      ),
      `return $0.map((@x, @i) => Math.max(...$0.slice(0, @i + 1)));`,
      bodyLines(
        `const @out = $0.slice();`,
        `for (let @i = 1; @i < @out.length; @i++) {`,
        `  @out[@i] = #maxOf(@out[@i], @out[@i - 1]);`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[4]], [[3, 1, 2]], [[-5, -2, -9, -1]], [[2, 2, 5]]], 8, (r) => [ints(r, r.int(1, 8), -9, 9)]),
  },
  {
    name: 'remove-at',
    category: 'array',
    names: ['removeAt', 'withoutIndex', 'dropAt', 'deleteAt'],
    params: [XS, { names: ['index', 'at', 'pos', 'where'], type: 'number', doc: 'the position of the item to remove' }],
    returns: {
      type: 'number[]',
      doc: 'a new list without the item at index; an unchanged copy when index is outside 0..length-1',
    },
    summary: 'Returns a copy of a list with the item at one position removed.',
    bodies: [
      `return $0.filter((@x, @i) => @i !== $1);`,
      bodyLines(
        `if ($1 < 0 || $1 >= $0.length) return $0.slice();`,
        `return $0.slice(0, $1).concat($0.slice($1 + 1));`,
      ),
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if (@i === $1) continue;`,
        `  @out.push($0[@i]);`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 0],
          [[1, 2, 3], 0],
          [[1, 2, 3], 2],
          [[1, 2, 3], 3],
          [[1, 2, 3], -1],
          [[7], 0],
        ],
        8,
        (r) => {
          const xs = ints(r, r.int(1, 7), -9, 9);
          return [xs, r.int(-1, xs.length)];
        },
      ),
  },
  {
    name: 'insert-sorted',
    category: 'array',
    names: ['insertSorted', 'sortedInsert', 'insertInOrder', 'placeInOrder'],
    params: [
      { names: ['sorted', 'ordered', 'list', 'arr'], type: 'number[]', doc: 'numbers in ascending order' },
      { names: ['value', 'newItem', 'extra', 'incoming'], type: 'number', doc: 'the number to insert' },
    ],
    returns: {
      type: 'number[]',
      doc: 'a new ascending list with the value added in its place (the input list is not changed)',
    },
    summary: 'Inserts a number into a sorted list, keeping it sorted.',
    bodies: [
      bodyLines(
        `const @i = $0.findIndex((@x) => @x > $1);`,
        `if (@i === -1) return [...$0, $1];`,
        `return [...$0.slice(0, @i), $1, ...$0.slice(@i)];`,
      ),
      bodyLines(
        `const @out = $0.slice();`,
        `let @i = @out.length;`,
        `while (@i > 0 && @out[@i - 1] > $1) @i--;`,
        `@out.splice(@i, 0, $1);`,
        `return @out;`,
      ),
      bodyLines(
        `let @lo = 0;`,
        `let @hi = $0.length;`,
        `while (@lo < @hi) {`,
        `  const @j = (@lo + @hi) >> 1;`,
        `  if ($0[@j] <= $1) @lo = @j + 1;`,
        `  else @hi = @j;`,
        `}`,
        `return [...$0.slice(0, @lo), $1, ...$0.slice(@lo)];`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 3],
          [[1, 2, 3], 0],
          [[1, 2, 3], 4],
          [[1, 3], 2],
          [[2, 2], 2],
          [[-5, -1], -3],
        ],
        8,
        (r) => [ints(r, r.int(1, 8), -9, 9).sort((a, b) => a - b), r.int(-10, 10)],
      ),
  },
  {
    name: 'max-subarray-sum',
    category: 'array',
    names: ['maxSubarraySum', 'bestSliceSum', 'largestRunTotal', 'kadane'],
    params: [XS],
    returns: {
      type: 'number',
      doc: 'the largest sum of a non-empty run of consecutive numbers (0 for an empty list)',
    },
    summary: 'Finds the largest sum of a contiguous slice of a list.',
    bodies: [
      bodyLines(
        `if ($0.length === 0) return 0;`,
        `let @best = $0[0];`,
        `let @acc = $0[0];`,
        `for (let @i = 1; @i < $0.length; @i++) {`,
        `  @acc = Math.max($0[@i], @acc + $0[@i]);`,
        `  @best = Math.max(@best, @acc);`,
        `}`,
        `return @best;`,
      ),
      bodyLines(
        `let @best = $0.length === 0 ? 0 : -Infinity;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  for (let @j = @i, @acc = 0; @j < $0.length; @j++) {`,
        `    @acc += $0[@j];`,
        `    @best = Math.max(@best, @acc);`,
        `  }`,
        `}`,
        `return @best;`,
      ),
      bodyLines(
        `let @acc = 0;`,
        `const @out = $0.map((@x) => (@acc = Math.max(@x, @acc + @x)));`,
        `return @out.length === 0 ? 0 : Math.max(...@out);`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[-3]], [[-2, -1, -5]], [[2, -1, 2]], [[5, -9, 6]], [[0, 0]]], 8, (r) => [
        ints(r, r.int(1, 8), -9, 9),
      ]),
  },
];
