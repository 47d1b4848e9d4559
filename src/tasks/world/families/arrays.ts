// Array families.
import type { Family } from '../family.ts';
import { cases, ints, words } from '../gen.ts';

const XS = { names: ['xs', 'items', 'values', 'list', 'arr', 'nums'], type: 'number[]', doc: 'the input numbers' };

export const ARRAY_FAMILIES: Family[] = [
  {
    name: 'sum-array',
    category: 'array',
    names: ['sumAll', 'total', 'addUp', 'sumOf'],
    params: [XS],
    returns: { type: 'number', doc: 'the sum of the numbers (0 for an empty list)' },
    summary: 'Adds up a list of numbers.',
    bodies: [
      `let @acc = 0;\nfor (const @x of $0) {\n  @acc += @x;\n}\nreturn @acc;`,
      `return $0.reduce((@acc, @x) => @acc + @x, 0);`,
      `return #sum($0);`,
    ],
    inputs: (r) => cases(r, [[[]], [[5]], [[-1, 1]]], 8, (r) => [ints(r, r.int(1, 7), -20, 20)]),
  },
  {
    name: 'max-index',
    category: 'array',
    names: ['argMax', 'indexOfMax', 'maxIndex', 'whereIsMax'],
    params: [XS],
    returns: {
      type: 'number',
      doc: 'the index of the largest number (the first one on ties), or -1 for an empty list',
    },
    summary: 'Finds the position of the largest number.',
    bodies: [
      `if ($0.length === 0) return -1;\nlet @best = 0;\nfor (let @i = 1; @i < $0.length; @i++) {\n  if ($0[@i] > $0[@best]) @best = @i;\n}\nreturn @best;`,
      `let @best = -1;\n$0.forEach((@x, @i) => {\n  if (@best === -1 || @x > $0[@best]) @best = @i;\n});\nreturn @best;`,
    ],
    inputs: (r) => cases(r, [[[]], [[3]], [[1, 3, 3]], [[-5, -2, -9]]], 8, (r) => [ints(r, r.int(1, 8), -9, 9)]),
  },
  {
    name: 'chunk',
    category: 'array',
    names: ['chunk', 'inGroupsOf', 'batch', 'splitEvery'],
    params: [XS, { names: ['size', 'n', 'width', 'per'], type: 'number', doc: 'the chunk size, a positive integer' }],
    returns: {
      type: 'number[][]',
      doc: 'consecutive chunks of `size` items (the last may be shorter); throws when size < 1',
    },
    summary: 'Splits a list into chunks of a given size.',
    bodies: [
      `if ($1 < 1) throw new RangeError('size must be positive');\nconst @out = [];\nfor (let @i = 0; @i < $0.length; @i += $1) {\n  @out.push($0.slice(@i, @i + $1));\n}\nreturn @out;`,
      `if ($1 < 1) {\n  throw new Error('bad size');\n}\nconst @out = [];\nlet @tmp = [];\nfor (const @x of $0) {\n  @tmp.push(@x);\n  if (@tmp.length === $1) {\n    @out.push(@tmp);\n    @tmp = [];\n  }\n}\nif (@tmp.length > 0) @out.push(@tmp);\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 2],
          [[1, 2, 3], 0],
          [[1, 2, 3], 1],
          [[1, 2, 3, 4], 2],
          [[1, 2, 3], 5],
        ],
        6,
        (r) => [ints(r, r.int(1, 9), 0, 9), r.int(1, 4)],
      ),
  },
  {
    name: 'unique',
    category: 'array',
    names: ['unique', 'dedupe', 'distinct', 'withoutDuplicates'],
    params: [XS],
    returns: { type: 'number[]', doc: 'the numbers without repeats, in order of first appearance' },
    summary: 'Removes duplicate numbers, keeping first occurrences.',
    bodies: [
      `const @out = [];\nfor (const @x of $0) {\n  if (!@out.includes(@x)) @out.push(@x);\n}\nreturn @out;`,
      `return $0.filter((@x, @i) => $0.indexOf(@x) === @i);`,
      `const @map = new Set();\nconst @out = [];\nfor (const @x of $0) {\n  if (@map.has(@x)) continue;\n  @map.add(@x);\n  @out.push(@x);\n}\nreturn @out;`,
    ],
    inputs: (r) => cases(r, [[[]], [[1, 1, 1]], [[3, 1, 3, 2, 1]]], 8, (r) => [ints(r, r.int(1, 9), 0, 5)]),
  },
  {
    name: 'rotate-left',
    category: 'array',
    names: ['rotateLeft', 'rotate', 'shiftLeft', 'cycle'],
    params: [
      XS,
      { names: ['k', 'steps', 'by', 'times'], type: 'number', doc: 'how many places to rotate, may exceed the length' },
    ],
    returns: { type: 'number[]', doc: 'a new list rotated left by k places' },
    summary: 'Rotates a list to the left.',
    bodies: [
      `if ($0.length === 0) return [];\nconst @i = $1 % $0.length;\nreturn $0.slice(@i).concat($0.slice(0, @i));`,
      `const @out = [];\nfor (let @i = 0; @i < $0.length; @i++) {\n  @out.push($0[(@i + $1) % $0.length]);\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 3],
          [[1, 2, 3], 0],
          [[1, 2, 3], 1],
          [[1, 2, 3], 4],
          [[1, 2, 3, 4, 5], 2],
        ],
        6,
        (r) => [ints(r, r.int(1, 7), 0, 9), r.int(0, 9)],
      ),
  },
  {
    name: 'running-sum',
    category: 'array',
    names: ['runningSum', 'prefixSums', 'cumulative', 'scanSum'],
    params: [XS],
    returns: { type: 'number[]', doc: 'the running totals: element i is the sum of the first i+1 numbers' },
    summary: 'Computes prefix sums of a list.',
    bodies: [
      `const @out = [];\nlet @acc = 0;\nfor (const @x of $0) {\n  @acc += @x;\n  @out.push(@acc);\n}\nreturn @out;`,
      `const @out = $0.slice();\nfor (let @i = 1; @i < @out.length; @i++) {\n  @out[@i] += @out[@i - 1];\n}\nreturn @out;`,
      `return $0.map((@x, @i) => #sum($0.slice(0, @i + 1)));`,
    ],
    inputs: (r) => cases(r, [[[]], [[4]], [[1, -1, 1]]], 8, (r) => [ints(r, r.int(1, 7), -9, 9)]),
  },
  {
    name: 'pairwise-diff',
    category: 'array',
    names: ['diffs', 'pairwiseDiff', 'deltas', 'steps'],
    params: [XS],
    returns: { type: 'number[]', doc: 'the differences between consecutive numbers (next minus previous)' },
    summary: 'Computes the differences between neighbours.',
    bodies: [
      `const @out = [];\nfor (let @i = 1; @i < $0.length; @i++) {\n  @out.push($0[@i] - $0[@i - 1]);\n}\nreturn @out;`,
      `return $0.slice(1).map((@x, @i) => @x - $0[@i]);`,
    ],
    inputs: (r) => cases(r, [[[]], [[7]], [[1, 4, 9]]], 8, (r) => [ints(r, r.int(2, 7), -9, 9)]),
  },
  {
    name: 'partition-by-threshold',
    category: 'array',
    names: ['partition', 'splitAt', 'separate', 'bisectBy'],
    params: [XS, { names: ['pivot', 'limit', 'threshold', 'cut'], type: 'number', doc: 'the threshold' }],
    returns: { type: '[number[], number[]]', doc: 'the numbers below the threshold, then the others, both in order' },
    summary: 'Splits numbers into those below a threshold and the rest.',
    bodies: [
      `const @lo = [];\nconst @hi = [];\nfor (const @x of $0) {\n  if (@x < $1) @lo.push(@x);\n  else @hi.push(@x);\n}\nreturn [@lo, @hi];`,
      `return [$0.filter((@x) => @x < $1), $0.filter((@x) => @x >= $1)];`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 0],
          [[1, 2, 3], 2],
          [[5, 5], 5],
        ],
        8,
        (r) => [ints(r, r.int(1, 8), 0, 9), r.int(0, 9)],
      ),
  },
  {
    name: 'take-while',
    category: 'array',
    names: ['takeWhilePositive', 'leadingPositives', 'prefixPositive', 'positiveRun'],
    params: [XS],
    returns: { type: 'number[]', doc: 'the leading numbers that are greater than zero, up to the first that is not' },
    summary: 'Takes numbers from the start while they are positive.',
    bodies: [
      `const @out = [];\nfor (const @x of $0) {\n  if (@x <= 0) break;\n  @out.push(@x);\n}\nreturn @out;`,
      `let @i = 0;\nwhile (@i < $0.length && $0[@i] > 0) @i++;\nreturn $0.slice(0, @i);`,
    ],
    inputs: (r) => cases(r, [[[]], [[0, 1]], [[1, 2, 0, 3]], [[3, 2, 1]]], 8, (r) => [ints(r, r.int(1, 7), -2, 6)]),
  },
  {
    name: 'count-greater',
    category: 'array',
    names: ['countAbove', 'numGreater', 'countOver', 'howManyAbove'],
    params: [XS, { names: ['limit', 'bound', 'floor', 'min'], type: 'number', doc: 'the bound' }],
    returns: { type: 'number', doc: 'how many numbers are strictly greater than the bound' },
    summary: 'Counts the numbers strictly greater than a bound.',
    bodies: [
      `let @count = 0;\nfor (const @x of $0) {\n  if (@x > $1) @count++;\n}\nreturn @count;`,
      `return $0.filter((@x) => @x > $1).length;`,
      `return $0.reduce((@count, @x) => (@x > $1 ? @count + 1 : @count), 0);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 0],
          [[1, 2, 3], 2],
          [[2, 2], 2],
        ],
        8,
        (r) => [ints(r, r.int(1, 8), 0, 9), r.int(0, 9)],
      ),
  },
  {
    name: 'last-n',
    category: 'array',
    names: ['lastN', 'takeLast', 'tail', 'finalItems'],
    params: [XS, { names: ['n', 'count', 'howMany', 'k'], type: 'number', doc: 'how many items to keep' }],
    returns: { type: 'number[]', doc: 'the last n items (all of them when n exceeds the length, none when n <= 0)' },
    summary: 'Returns the last n items of a list.',
    bodies: [
      `if ($1 <= 0) return [];\nreturn $0.slice(Math.max($0.length - $1, 0));`,
      `const @out = [];\nfor (let @i = Math.max(0, $0.length - $1); @i < $0.length; @i++) {\n  if ($1 > 0) @out.push($0[@i]);\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 2],
          [[1, 2, 3], 0],
          [[1, 2, 3], 2],
          [[1, 2], 5],
          [[1, 2, 3], -1],
        ],
        6,
        (r) => [ints(r, r.int(1, 7), 0, 9), r.int(0, 8)],
      ),
  },
  {
    name: 'interleave',
    category: 'array',
    names: ['interleave', 'zipMerge', 'alternate', 'weave'],
    params: [XS, { names: ['ys', 'others', 'second', 'more'], type: 'number[]', doc: 'the second list' }],
    returns: { type: 'number[]', doc: 'items taken alternately from both lists, then the rest of the longer one' },
    summary: 'Interleaves two lists.',
    bodies: [
      `const @out = [];\nconst @len = Math.max($0.length, $1.length);\nfor (let @i = 0; @i < @len; @i++) {\n  if (@i < $0.length) @out.push($0[@i]);\n  if (@i < $1.length) @out.push($1[@i]);\n}\nreturn @out;`,
      `const @out = [];\nlet @i = 0;\nwhile (@i < $0.length || @i < $1.length) {\n  if (@i < $0.length) {\n    @out.push($0[@i]);\n  }\n  if (@i < $1.length) {\n    @out.push($1[@i]);\n  }\n  @i++;\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], []],
          [[1], []],
          [[1, 2, 3], [7]],
          [[1], [7, 8, 9]],
        ],
        7,
        (r) => [ints(r, r.int(0, 5), 0, 9), ints(r, r.int(0, 5), 10, 19)],
      ),
  },
  {
    name: 'index-of-word',
    category: 'array',
    names: ['findWord', 'positionOf', 'indexOfWord', 'locate'],
    params: [
      { names: ['words', 'list', 'names', 'entries'], type: 'string[]', doc: 'the words to search' },
      {
        names: ['target', 'wanted', 'needle', 'query'],
        type: 'string',
        doc: 'the word to find, compared case-insensitively',
      },
    ],
    returns: { type: 'number', doc: 'the index of the first matching word, or -1' },
    summary: 'Finds a word in a list, ignoring case.',
    bodies: [
      `for (let @i = 0; @i < $0.length; @i++) {\n  if ($0[@i].toLowerCase() === $1.toLowerCase()) return @i;\n}\nreturn -1;`,
      `const @key = $1.toLowerCase();\nreturn $0.findIndex((@word) => @word.toLowerCase() === @key);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 'a'],
          [['Apple', 'pear'], 'apple'],
          [['x', 'y', 'x'], 'X'],
        ],
        8,
        (r) => {
          const ws = words(r, r.int(1, 5));
          return [ws, r.chance(0.7) ? r.pick(ws).toUpperCase() : 'zzz'];
        },
      ),
  },
];
