// Train-only families (see ./index.ts): arrays.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints, word } from '../../gen.ts';

const XS = { names: ['xs', 'items', 'values', 'nums'], type: 'number[]', doc: 'the input numbers' };

export const EXTENDED_ARRAY_FAMILIES: Family[] = [
  {
    name: 'dedupe-keep-last',
    category: 'array',
    names: ['dedupeKeepLast', 'uniqueByLast', 'keepLastOccurrences', 'distinctFromEnd'],
    params: [XS],
    returns: {
      type: 'number[]',
      doc: 'the numbers without repeats; each value is kept only at its last occurrence, in the original order',
    },
    summary: 'Removes duplicate numbers, keeping the last occurrence of each.',
    bodies: [
      `return $0.filter((@x, @i) => $0.lastIndexOf(@x) === @i);`,
      bodyLines(
        `const @out = [];`,
        `for (let @i = $0.length - 1; @i >= 0; @i--) {`,
        `  if (!@out.includes($0[@i])) @out.unshift($0[@i]);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @map = new Map();`,
        `$0.forEach((@x, @i) => @map.set(@x, @i));`,
        `return $0.filter((@x, @i) => @map.get(@x) === @i);`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[4]], [[1, 1, 1]], [[3, 1, 3, 2, 1]], [[-2, 5, -2]]], 8, (r) => [ints(r, r.int(1, 9), -3, 5)]),
  },
  {
    name: 'last-index-of',
    category: 'array',
    names: ['lastPositionOf', 'rightmostIndex', 'findLastIndex', 'lastOccurrence'],
    params: [XS, { names: ['target', 'wanted', 'needle', 'query'], type: 'number', doc: 'the number to look for' }],
    returns: { type: 'number', doc: 'the index of the last number equal to target, or -1 when there is none' },
    summary: 'Finds the position of the last occurrence of a number.',
    bodies: [
      bodyLines(`for (let @i = $0.length - 1; @i >= 0; @i--) {`, `  if ($0[@i] === $1) return @i;`, `}`, `return -1;`),
      bodyLines(`let @best = -1;`, `$0.forEach((@x, @i) => {`, `  if (@x === $1) @best = @i;`, `});`, `return @best;`),
      `return $0.reduce((@best, @x, @i) => (@x === $1 ? @i : @best), -1);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 1],
          [[1, 2, 1], 1],
          [[5], 3],
          [[5], 5],
          [[-1, -1], -1],
        ],
        8,
        (r) => [ints(r, r.int(1, 8), -3, 5), r.int(-3, 6)],
      ),
  },
  {
    name: 'window-sums',
    category: 'array',
    names: ['windowSums', 'slidingSums', 'rollingTotals', 'movingSums'],
    params: [
      XS,
      { names: ['size', 'window', 'span', 'w'], type: 'number', doc: 'the window size, a positive integer' },
    ],
    returns: {
      type: 'number[]',
      doc:
        'the sum of each run of `size` consecutive numbers, left to right ([] when the list is shorter); ' +
        'throws a RangeError when size < 1',
    },
    summary: 'Computes the sums of all windows of a given size.',
    bodies: [
      bodyLines(
        `if ($1 < 1) throw new RangeError('window must be positive');`,
        `const @out = [];`,
        `for (let @i = 0; @i + $1 <= $0.length; @i++) {`,
        `  @out.push(#sum($0.slice(@i, @i + $1)));`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `if ($1 < 1) throw new RangeError('window must be positive');`,
        `const @out = [];`,
        `let @acc = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  @acc += $0[@i] - (@i >= $1 ? $0[@i - $1] : 0);`,
        `  if (@i >= $1 - 1) @out.push(@acc);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `if ($1 < 1) throw new RangeError('window must be positive');`,
        `return $0.slice($1 - 1).map((@x, @i) => $0.slice(@i, @i + $1).reduce((@acc, @y) => @acc + @y, 0));`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 2],
          [[1, 2, 3], 0],
          [[1, 2, 3], 1],
          [[1, 2, 3], 3],
          [[1, 2], 3],
          [[-1, 4, -2, 5], 2],
        ],
        8,
        (r) => [ints(r, r.int(1, 8), -9, 9), r.int(1, 4)],
      ),
  },
  {
    name: 'flatten-once',
    category: 'array',
    names: ['flattenOnce', 'flattenOneLevel', 'concatAll', 'unnest'],
    params: [{ names: ['lists', 'groups', 'nested', 'rows'], type: 'number[][]', doc: 'a list of number lists' }],
    returns: { type: 'number[]', doc: 'all numbers of the inner lists in one flat list, in order' },
    summary: 'Flattens a list of lists by one level.',
    bodies: [
      bodyLines(
        `const @out = [];`,
        `for (const @parts of $0) {`,
        `  for (const @x of @parts) @out.push(@x);`,
        `}`,
        `return @out;`,
      ),
      `return $0.reduce((@acc, @parts) => @acc.concat(@parts), []);`,
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  for (let @j = 0; @j < $0[@i].length; @j++) @out.push($0[@i][@j]);`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[[]]], [[[1], [2, 3]]], [[[], [4], []]], [[[-1, -1], [0]]]], 8, (r) => [
        Array.from({ length: r.int(1, 4) }, () => ints(r, r.int(0, 3), -5, 9)),
      ]),
  },
  {
    name: 'drop-blank-strings',
    category: 'array',
    names: ['dropBlank', 'compactStrings', 'withoutBlanks', 'nonBlankOnly'],
    params: [{ names: ['strings', 'texts', 'lines', 'entries'], type: 'string[]', doc: 'the strings to filter' }],
    returns: {
      type: 'string[]',
      doc: 'the strings that contain at least one non-whitespace character, unchanged and in their original order',
    },
    summary: 'Removes empty and whitespace-only strings from a list.',
    bodies: [
      `return $0.filter((@word) => @word.trim() !== '');`,
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i].trim().length > 0) @out.push($0[@i]);`,
        `}`,
        `return @out;`,
      ),
      `return $0.filter((@word) => /\\S/.test(@word));`,
    ],
    inputs: (r) =>
      cases(r, [[[]], [['']], [['  ', 'a']], [[' x ', '\t', 'b']], [['a', '', 'a']]], 8, (r) => [
        Array.from({ length: r.int(1, 6) }, () =>
          r.chance(0.4) ? r.pick(['', ' ', '   ']) : r.chance(0.3) ? ` ${word(r)}` : word(r),
        ),
      ]),
  },
  {
    name: 'split-on-zeros',
    category: 'array',
    names: ['splitOnZeros', 'segmentsBetweenZeros', 'zeroSeparated', 'cutAtZeros'],
    params: [XS],
    returns: {
      type: 'number[][]',
      doc: 'the runs of consecutive non-zero numbers, in order; zeros only separate runs, and empty runs are left out',
    },
    summary: 'Splits a list of numbers into the runs between zeros.',
    bodies: [
      bodyLines(
        `const @out = [];`,
        `const @tmp = [];`,
        `for (const @x of [...$0, 0]) {`,
        `  if (@x !== 0) @tmp.push(@x);`,
        `  else if (@tmp.length > 0) @out.push(@tmp.splice(0));`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return $0.reduce((@out, @x, @i) => {`,
        `  if (@x === 0) return @out;`,
        `  if (@i > 0 && $0[@i - 1] !== 0) @out[@out.length - 1].push(@x);`,
        `  else @out.push([@x]);`,
        `  return @out;`,
        `}, []);`,
      ),
      bodyLines(
        `const @out = [];`,
        `let @lo = 0;`,
        `for (let @i = 0; @i <= $0.length; @i++) {`,
        `  if (@i < $0.length && $0[@i] !== 0) continue;`,
        `  if (@i > @lo) @out.push($0.slice(@lo, @i));`,
        `  @lo = @i + 1;`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[0, 0]], [[5]], [[0, 1, 2, 0, 0, 3]], [[-1, 0, -2]]], 8, (r) => [ints(r, r.int(1, 9), -3, 3)]),
  },
  {
    name: 'range-step',
    category: 'array',
    names: ['rangeStep', 'stepRange', 'arange', 'countBy'],
    params: [
      { names: ['start', 'from', 'begin', 'origin'], type: 'number', doc: 'the first value, an integer' },
      { names: ['stop', 'until', 'upTo', 'bound'], type: 'number', doc: 'the exclusive upper end, an integer' },
      {
        names: ['step', 'stride', 'inc', 'delta'],
        type: 'number',
        doc: 'the distance between values, a positive integer',
      },
    ],
    returns: {
      type: 'number[]',
      doc:
        'the numbers start, start + step, start + 2 * step, … that are below stop (empty when start >= stop); ' +
        'throws a RangeError when step < 1',
    },
    summary: 'Generates an ascending range of integers with a given step.',
    bodies: [
      bodyLines(
        `if ($2 < 1) throw new RangeError('step must be positive');`,
        `const @out = [];`,
        `for (let @x = $0; @x < $1; @x += $2) @out.push(@x);`,
        `return @out;`,
      ),
      bodyLines(
        `if ($2 < 1) throw new RangeError('step must be positive');`,
        `const @len = Math.max(0, Math.ceil(($1 - $0) / $2));`,
        `return Array.from({ length: @len }, (@x, @i) => $0 + @i * $2);`,
      ),
      bodyLines(
        `if ($2 < 1) throw new RangeError('step must be positive');`,
        `const @out = [];`,
        `let @x = $0;`,
        `while (@x < $1) {`,
        `  @out.push(@x);`,
        `  @x += $2;`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 5, 1],
          [0, 10, 3],
          [5, 5, 1],
          [7, 2, 2],
          [-4, 4, 2],
          [0, 3, 0],
        ],
        8,
        (r) => {
          const start = r.int(-10, 10);
          return [start, start + r.int(-2, 15), r.int(1, 4)];
        },
      ),
  },
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
