// Train-only families (see ./index.ts): arrays, part a.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints, word } from '../../gen.ts';
import { XS } from './specs.ts';

export const EXTENDED_ARRAYS_A_FAMILIES: Family[] = [
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
];
