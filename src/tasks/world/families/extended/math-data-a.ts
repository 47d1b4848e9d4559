// Train-only families (see ./index.ts): math-data, part a.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints } from '../../gen.ts';
import { INT } from './specs.ts';

export const EXTENDED_MATH_DATA_A_FAMILIES: Family[] = [
  {
    name: 'lcm',
    category: 'math',
    names: ['lcm', 'leastCommonMultiple', 'lowestMultiple', 'smallestCommonMultiple'],
    params: [
      { names: ['a', 'm', 'first', 'p'], type: 'number', doc: 'a non-negative integer' },
      { names: ['b', 'k', 'second', 'q'], type: 'number', doc: 'a non-negative integer' },
    ],
    returns: { type: 'number', doc: 'the smallest positive multiple of both numbers, or 0 when either of them is 0' },
    summary: 'Computes the least common multiple of two non-negative integers.',
    bodies: [
      bodyLines(
        `if ($0 === 0 || $1 === 0) return 0;`,
        `let @lo = $0;`,
        `let @hi = $1;`,
        `while (@hi > 0) [@lo, @hi] = [@hi, @lo % @hi];`,
        `return ($0 / @lo) * $1;`,
      ),
      bodyLines(
        `if ($0 === 0 || $1 === 0) return 0;`,
        `let @acc = $0;`,
        `while (@acc % $1 !== 0) @acc += $0;`,
        `return @acc;`,
      ),
      bodyLines(
        `if (!$0 || !$1) return 0;`,
        `const @best = Math.max($0, $1);`,
        `for (let @i = @best; ; @i += @best) {`,
        `  if (@i % $0 === 0 && @i % $1 === 0) return @i;`,
        `}`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 5],
          [4, 0],
          [0, 0],
          [1, 1],
          [4, 6],
          [7, 7],
          [3, 5],
          [12, 18],
          [1, 9],
        ],
        6,
        (r) => {
          const g = r.int(1, 6);
          return [g * r.int(1, 8), g * r.int(1, 8)];
        },
      ),
  },
  {
    name: 'integer-sqrt',
    category: 'math',
    names: ['isqrt', 'intSqrt', 'floorSqrt', 'wholeRoot'],
    params: [INT('a non-negative integer')],
    returns: {
      type: 'number',
      doc: 'the largest integer whose square is at most n; throws a RangeError when n is negative',
    },
    summary: 'Computes the square root of a non-negative integer, rounded down to an integer.',
    bodies: [
      bodyLines(
        `if ($0 < 0) throw new RangeError('negative input');`,
        `let @i = 0;`,
        `while ((@i + 1) * (@i + 1) <= $0) @i++;`,
        `return @i;`,
      ),
      bodyLines(
        `if ($0 < 0) throw new RangeError('negative input');`,
        `let [@lo, @hi] = [0, $0 + 1];`,
        `while (@hi - @lo > 1) {`,
        `  const @j = Math.floor((@lo + @hi) / 2);`,
        `  if (@j * @j <= $0) @lo = @j;`,
        `  else @hi = @j;`,
        `}`,
        `return @lo;`,
      ),
      bodyLines(`if ($0 < 0) throw new RangeError('negative input');`, `return Math.floor(Math.sqrt($0));`),
    ],
    inputs: (r) =>
      cases(r, [[0], [1], [2], [3], [4], [8], [9], [15], [16], [99], [100], [-1]], 6, (r) => [r.int(0, 2000)]),
  },
  {
    name: 'count-divisors',
    category: 'math',
    names: ['countDivisors', 'divisorCount', 'numDivisors', 'tau'],
    params: [INT('an integer')],
    returns: { type: 'number', doc: 'how many positive integers divide n exactly, or 0 when n is less than 1' },
    summary: 'Counts the positive divisors of an integer.',
    bodies: [
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 1; @i <= $0; @i++) {`,
        `  if ($0 % @i === 0) @count++;`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 1; @i * @i <= $0; @i++) {`,
        `  if ($0 % @i === 0) @count += @i * @i === $0 ? 1 : 2;`,
        `}`,
        `return @count;`,
      ),
      `return Array.from({ length: Math.max($0, 0) }, (_, @i) => @i + 1).filter((@x) => $0 % @x === 0).length;`,
    ],
    inputs: (r) => cases(r, [[0], [1], [2], [12], [16], [36], [97], [-6]], 7, (r) => [r.int(1, 300)]),
  },
  {
    name: 'reverse-digits',
    category: 'math',
    names: ['reverseDigits', 'flipDigits', 'mirrorNumber', 'digitsBackwards'],
    params: [INT('an integer')],
    returns: {
      type: 'number',
      doc: 'the number whose decimal digits are those of n in reverse order, with the sign of n kept (120 gives 21)',
    },
    summary: 'Reverses the decimal digits of an integer, keeping its sign.',
    bodies: [
      bodyLines(
        `let @num = Math.abs($0);`,
        `let @acc = 0;`,
        `while (@num > 0) {`,
        `  @acc = @acc * 10 + (@num % 10);`,
        `  @num = Math.floor(@num / 10);`,
        `}`,
        `return $0 < 0 ? -@acc : @acc;`,
      ),
      bodyLines(
        `const @acc = Number(String(Math.abs($0)).split('').reverse().join(''));`,
        `return $0 < 0 ? -@acc : @acc;`,
      ),
      `return Math.sign($0) * Number([...String(Math.abs($0))].reverse().join(''));`,
    ],
    inputs: (r) => cases(r, [[0], [7], [10], [120], [-45], [-100], [1001], [12345]], 6, (r) => [r.int(-9999, 99999)]),
  },
  {
    name: 'count-set-bits',
    category: 'math',
    names: ['popCount', 'countOnes', 'bitCount', 'onesInBinary'],
    params: [INT('a non-negative integer below 2^31')],
    returns: { type: 'number', doc: 'how many 1 digits the binary representation of n has (0 for 0)' },
    summary: 'Counts the bits set to 1 in a non-negative integer.',
    bodies: [
      bodyLines(
        `let @num = $0;`,
        `let @count = 0;`,
        `while (@num > 0) {`,
        `  @count += @num % 2;`,
        `  @num = Math.floor(@num / 2);`,
        `}`,
        `return @count;`,
      ),
      `return $0.toString(2).split('').filter((@ch) => @ch === '1').length;`,
      bodyLines(
        `let @num = $0;`,
        `let @count = 0;`,
        `for (; @num !== 0; @count++) @num &= @num - 1;`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[0], [1], [2], [3], [7], [8], [255], [256], [1023]], 6, (r) => [r.int(0, r.chance(0.5) ? 64 : 100000)]),
  },
  {
    name: 'positive-mod',
    category: 'math',
    names: ['positiveMod', 'wrapMod', 'euclidMod', 'modFloor'],
    params: [
      INT('an integer, possibly negative'),
      { names: ['m', 'modulus', 'base', 'period'], type: 'number', doc: 'a positive integer' },
    ],
    returns: {
      type: 'number',
      doc: 'the remainder of n divided by m, always between 0 and m - 1 (also for negative n)',
    },
    summary: 'Computes a remainder that is never negative.',
    bodies: [
      `return (($0 % $1) + $1) % $1;`,
      `return $0 - $1 * Math.floor($0 / $1);`,
      bodyLines(`let @acc = $0;`, `while (@acc < 0) @acc += $1;`, `while (@acc >= $1) @acc -= $1;`, `return @acc;`),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [7, 3],
          [-7, 3],
          [0, 5],
          [-6, 3],
          [6, 3],
          [5, 1],
          [-1, 10],
          [9, 10],
        ],
        6,
        (r) => [r.int(-60, 60), r.int(1, 12)],
      ),
  },
  {
    name: 'manhattan-distance',
    category: 'math',
    names: ['manhattanDistance', 'taxicabDistance', 'gridDistance', 'cityBlockDistance'],
    params: [
      {
        names: ['x1', 'ax', 'fromX', 'startX'],
        type: 'number',
        doc: 'the x coordinate of the first point (an integer)',
      },
      {
        names: ['y1', 'ay', 'fromY', 'startY'],
        type: 'number',
        doc: 'the y coordinate of the first point (an integer)',
      },
      { names: ['x2', 'bx', 'toX', 'endX'], type: 'number', doc: 'the x coordinate of the second point (an integer)' },
      { names: ['y2', 'by', 'toY', 'endY'], type: 'number', doc: 'the y coordinate of the second point (an integer)' },
    ],
    returns: { type: 'number', doc: 'the sum of the absolute differences of the x and of the y coordinates' },
    summary: 'Computes the Manhattan (grid) distance between two points.',
    bodies: [
      `return Math.abs($0 - $2) + Math.abs($1 - $3);`,
      bodyLines(
        `const @x = $0 > $2 ? $0 - $2 : $2 - $0;`,
        `const @y = $1 > $3 ? $1 - $3 : $3 - $1;`,
        `return @x + @y;`,
      ),
      `return [$0 - $2, $1 - $3].reduce((@acc, @x) => @acc + (@x < 0 ? -@x : @x), 0);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 0, 0, 0],
          [1, 2, 1, 2],
          [0, 0, 3, 4],
          [-2, 5, 3, -1],
          [5, 5, 0, 0],
          [0, -7, 0, 7],
        ],
        6,
        (r) => ints(r, 4, -20, 20),
      ),
  },
  {
    name: 'binomial',
    category: 'math',
    names: ['binomial', 'choose', 'nChooseK', 'pascalEntry'],
    params: [
      INT('a non-negative integer, at most 30'),
      { names: ['k', 'r', 'pick', 'taken'], type: 'number', doc: 'an integer' },
    ],
    returns: {
      type: 'number',
      doc: 'the number of ways to choose k items out of n, or 0 when k is negative or greater than n',
    },
    summary: 'Computes the binomial coefficient n choose k.',
    bodies: [
      bodyLines(
        `if ($1 < 0 || $1 > $0) return 0;`,
        `let @acc = 1;`,
        `for (let @i = 0; @i < $1; @i++) @acc = (@acc * ($0 - @i)) / (@i + 1);`,
        `return @acc;`,
      ),
      bodyLines(
        `if ($1 < 0 || $1 > $0) return 0;`,
        `let @out = [1];`,
        `for (let @i = 0; @i < $0; @i++) {`,
        `  @out = [...@out, 0].map((@x, @j) => @x + (@j > 0 ? @out[@j - 1] : 0));`,
        `}`,
        `return @out[$1];`,
      ),
      bodyLines(
        `if ($1 < 0 || $1 > $0) return 0;`,
        `const @len = Math.min($1, $0 - $1);`,
        `let @acc = 1;`,
        `for (let @i = 1; @i <= @len; @i++) @acc = (@acc * ($0 - @len + @i)) / @i;`,
        `return @acc;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 0],
          [5, 0],
          [5, 5],
          [5, 2],
          [4, -1],
          [3, 4],
          [10, 3],
          [30, 15],
          [1, 1],
        ],
        6,
        (r) => {
          const n = r.int(0, 25);
          return [n, r.int(-1, n + 1)];
        },
      ),
  },
];
