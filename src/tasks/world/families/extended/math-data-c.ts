// Train-only families (see ./index.ts): math-data, part c.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints } from '../../gen.ts';
import { INT, ARMSTRONG, cartLine } from './specs.ts';

export const EXTENDED_MATH_DATA_C_FAMILIES: Family[] = [
  {
    name: 'digital-root',
    category: 'math',
    names: ['digitalRoot', 'repeatedDigitSum', 'reduceDigits', 'digitRoot'],
    params: [INT('a non-negative integer')],
    returns: {
      type: 'number',
      doc: 'the single digit left after repeatedly adding up the decimal digits of n (0 for 0; 38 gives 2)',
    },
    summary: 'Computes the digital root of a non-negative integer.',
    bodies: [
      bodyLines(
        `let @num = $0;`,
        `while (@num > 9) {`,
        `  let @acc = 0;`,
        `  for (; @num > 0; @num = Math.floor(@num / 10)) @acc += @num % 10;`,
        `  @num = @acc;`,
        `}`,
        `return @num;`,
      ),
      `return $0 === 0 ? 0 : 1 + (($0 - 1) % 9);`,
      bodyLines(
        `let @num = String($0);`,
        `while (@num.length > 1) {`,
        `  @num = String(@num.split('').reduce((@acc, @ch) => @acc + Number(@ch), 0));`,
        `}`,
        `return Number(@num);`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[0], [5], [9], [10], [18], [38], [99], [100], [12345], [999999]], 8, (r) => [
        r.int(0, r.chance(0.5) ? 200 : 1000000),
      ]),
  },
  {
    name: 'is-armstrong',
    category: 'math',
    names: ['isArmstrong', 'isNarcissistic', 'armstrongCheck', 'isPluperfectDigit'],
    params: [INT('a non-negative integer')],
    returns: {
      type: 'boolean',
      doc: 'true when n equals the sum of its decimal digits each raised to the number of digits (153 = 1 + 125 + 27)',
    },
    summary: 'Tells whether a non-negative integer is an Armstrong (narcissistic) number.',
    bodies: [
      bodyLines(
        `const @parts = String($0).split('');`,
        `return @parts.reduce((@acc, @ch) => @acc + Number(@ch) ** @parts.length, 0) === $0;`,
      ),
      bodyLines(
        `const @len = String($0).length;`,
        `let @acc = 0;`,
        `for (let @num = $0; @num > 0; @num = Math.floor(@num / 10)) {`,
        `  @acc += (@num % 10) ** @len;`,
        `}`,
        `return @acc === $0;`,
      ),
      bodyLines(
        `let @acc = 0;`,
        `for (const @ch of String($0)) {`,
        `  let @tmp = 1;`,
        `  for (let @i = 0; @i < String($0).length; @i++) @tmp *= Number(@ch);`,
        `  @acc += @tmp;`,
        `}`,
        `return @acc === $0;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[0], [1], [9], [10], [11], [153], [154], [370], [407], [1634], [9474], [9475], [100]], 6, (r) => [
        r.chance(0.4) ? r.pick(ARMSTRONG) : r.int(0, r.chance(0.5) ? 500 : 20000),
      ]),
  },
  {
    name: 'aliquot-sum',
    category: 'math',
    names: ['aliquotSum', 'sumProperDivisors', 'properDivisorSum', 'divisorSumBelow'],
    params: [INT('an integer')],
    returns: {
      type: 'number',
      doc: 'the sum of the positive divisors of n that are smaller than n (12 gives 16), or 0 when n is less than 2',
    },
    summary: 'Adds up the proper divisors of an integer.',
    bodies: [
      bodyLines(
        `let @acc = 0;`,
        `for (let @i = 1; @i < $0; @i++) {`,
        `  if ($0 % @i === 0) @acc += @i;`,
        `}`,
        `return @acc;`,
      ),
      bodyLines(
        `if ($0 < 2) return 0;`,
        `let @acc = 1;`,
        `for (let @i = 2; @i * @i <= $0; @i++) {`,
        `  if ($0 % @i === 0) @acc += @i * @i === $0 ? @i : @i + $0 / @i;`,
        `}`,
        `return @acc;`,
      ),
      bodyLines(
        `return Array.from({ length: Math.max($0 - 1, 0) }, (_, @i) => @i + 1)`,
        `  .filter((@x) => $0 % @x === 0)`,
        `  .reduce((@acc, @x) => @acc + @x, 0);`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[-4], [0], [1], [2], [4], [6], [12], [16], [28], [49], [97], [496]], 8, (r) => [r.int(1, 400)]),
  },
  {
    name: 'nth-fibonacci',
    category: 'math',
    names: ['fibonacci', 'fib', 'nthFibonacci', 'fibAt'],
    params: [INT('a non-negative integer, at most 70')],
    returns: {
      type: 'number',
      doc: 'the n-th Fibonacci number, counting fib(0) = 0 and fib(1) = 1 (fib(10) = 55)',
    },
    summary: 'Computes the n-th Fibonacci number.',
    bodies: [
      bodyLines(
        `let [@lo, @hi] = [0, 1];`,
        `for (let @i = 0; @i < $0; @i++) [@lo, @hi] = [@hi, @lo + @hi];`,
        `return @lo;`,
      ),
      bodyLines(
        `if ($0 < 2) return $0;`,
        `const @out = [0, 1];`,
        `for (let @i = 2; @i <= $0; @i++) @out.push(@out[@i - 1] + @out[@i - 2]);`,
        `return @out[$0];`,
      ),
      bodyLines(
        `let @acc = 0;`,
        `let @tmp = 1;`,
        `for (let @i = $0; @i > 0; @i--) {`,
        `  const @x = @acc + @tmp;`,
        `  @acc = @tmp;`,
        `  @tmp = @x;`,
        `}`,
        `return @acc;`,
      ),
    ],
    inputs: (r) => cases(r, [[0], [1], [2], [3], [5], [10], [20], [50], [70]], 8, (r) => [r.int(0, 60)]),
  },
  {
    name: 'next-power-of-two',
    category: 'math',
    names: ['nextPowerOfTwo', 'ceilPow2', 'roundUpPow2', 'nextPow2'],
    params: [INT('an integer, at most 2^30')],
    returns: {
      type: 'number',
      doc: 'the smallest power of two that is greater than or equal to n (n itself when it is one), or 1 when n <= 1',
    },
    summary: 'Rounds an integer up to the next power of two.',
    bodies: [
      bodyLines(`let @acc = 1;`, `while (@acc < $0) @acc *= 2;`, `return @acc;`),
      `return $0 <= 1 ? 1 : 2 ** ($0 - 1).toString(2).length;`,
      bodyLines(`if ($0 <= 1) return 1;`, `return 2 ** (32 - Math.clz32($0 - 1));`),
    ],
    inputs: (r) =>
      cases(r, [[-5], [0], [1], [2], [3], [4], [5], [7], [8], [9], [1023], [1024], [1025], [1073741824]], 6, (r) => [
        r.chance(0.3) ? 2 ** r.int(0, 20) + r.int(-1, 1) : r.int(0, r.chance(0.5) ? 100 : 1000000),
      ]),
  },
  {
    name: 'floor-log2',
    category: 'math',
    names: ['floorLog2', 'ilog2', 'intLog2', 'log2Floor'],
    params: [INT('a positive integer below 2^31')],
    returns: {
      type: 'number',
      doc: 'the largest integer k with 2^k <= n (1 gives 0, 8 gives 3, 9 gives 3); throws a RangeError when n < 1',
    },
    summary: 'Computes the base-2 logarithm of a positive integer, rounded down.',
    bodies: [
      bodyLines(
        `if ($0 < 1) throw new RangeError('n must be positive');`,
        `let @count = 0;`,
        `for (let @num = $0; @num >= 2; @num = Math.floor(@num / 2)) @count++;`,
        `return @count;`,
      ),
      bodyLines(`if ($0 < 1) throw new RangeError('n must be positive');`, `return $0.toString(2).length - 1;`),
      bodyLines(`if ($0 < 1) throw new RangeError('n must be positive');`, `return 31 - Math.clz32($0);`),
    ],
    inputs: (r) =>
      cases(r, [[0], [-3], [1], [2], [3], [4], [7], [8], [9], [1023], [1024], [2147483647]], 8, (r) => [
        r.chance(0.3) ? 2 ** r.int(0, 30) + r.int(0, 1) : r.int(1, r.chance(0.5) ? 100 : 10000000),
      ]),
  },
  {
    name: 'factorial-trailing-zeros',
    category: 'math',
    names: ['trailingZerosOfFactorial', 'factorialZeros', 'zerosInFactorial', 'bangTrailingZeros'],
    params: [INT('a non-negative integer')],
    returns: {
      type: 'number',
      doc: 'how many zeros the decimal representation of n! ends with (10! = 3628800 gives 2; 0 for n < 5)',
    },
    summary: 'Counts the trailing zeros of the factorial of n without computing the factorial.',
    bodies: [
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 5; @i <= $0; @i *= 5) @count += Math.floor($0 / @i);`,
        `return @count;`,
      ),
      bodyLines(
        `let @count = 0;`,
        `let @num = $0;`,
        `while (@num >= 5) {`,
        `  @num = Math.floor(@num / 5);`,
        `  @count += @num;`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 1; @i <= $0; @i++) {`,
        `  for (let @j = @i; @j % 5 === 0; @j /= 5) @count++;`,
        `}`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[0], [1], [4], [5], [9], [10], [24], [25], [26], [100], [125], [1000]], 6, (r) => [r.int(0, 3000)]),
  },
  {
    name: 'mode',
    category: 'math',
    names: ['mode', 'mostFrequent', 'mostCommon', 'modalValue'],
    params: [{ names: ['nums', 'values', 'list', 'samples'], type: 'number[]', doc: 'a list of integers' }],
    returns: {
      type: 'number | null',
      doc: 'the value that occurs most often (the smallest such value on ties), or null for an empty list',
    },
    summary: 'Finds the most frequent number of a list.',
    bodies: [
      bodyLines(
        `const @count = (@x) => $0.filter((@y) => @y === @x).length;`,
        `return $0.length === 0 ? null : [...$0].sort((@x, @y) => @count(@y) - @count(@x) || @x - @y)[0];`,
      ),
      bodyLines(
        `const @map = new Map();`,
        `for (const @x of $0) @map.set(@x, (@map.get(@x) ?? 0) + 1);`,
        `let @best = null;`,
        `for (const [@x, @count] of @map) {`,
        `  if (@best === null || @count > @map.get(@best) || (@count === @map.get(@best) && @x < @best)) @best = @x;`,
        `}`,
        `return @best;`,
      ),
      bodyLines(
        `const @parts = [...$0].sort((@x, @y) => @x - @y);`,
        `let [@best, @hi] = [null, 0];`,
        `for (let @i = 0, @j = 0; @i < @parts.length; @i = @j) {`,
        `  while (@j < @parts.length && @parts[@j] === @parts[@i]) @j++;`,
        `  if (@j - @i > @hi) [@best, @hi] = [@parts[@i], @j - @i];`,
        `}`,
        `return @best;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [[4]], [[1, 2, 2, 3]], [[3, 1, 3, 1]], [[5, -2, 7]], [[-1, -1, 0, 0, 0]], [[9, 9, 9]]], 8, (r) =>
        r.chance(0.5) ? [ints(r, r.int(1, 8), -3, 4)] : [ints(r, r.int(1, 12), 0, 20)],
      ),
  },
  {
    name: 'cart-total',
    category: 'data',
    names: ['cartTotal', 'orderTotal', 'basketTotal', 'checkoutTotal'],
    params: [
      {
        names: ['cart', 'lines', 'basket', 'order'],
        type: 'Array<{ price: number, qty: number }>',
        doc: 'cart lines, each with a unit price in cents and a quantity (non-negative integers)',
      },
    ],
    returns: { type: 'number', doc: 'the sum over all lines of price times qty, in cents (0 for an empty cart)' },
    summary: 'Computes the total price of a shopping cart.',
    bodies: [
      bodyLines(`let @acc = 0;`, `for (const @x of $0) @acc += @x.price * @x.qty;`, `return @acc;`),
      `return $0.reduce((@acc, { price, qty }) => @acc + price * qty, 0);`,
      bodyLines(
        `let @acc = 0;`,
        `for (let @i = $0.length - 1; @i >= 0; @i--) {`,
        `  for (let @j = 0; @j < $0[@i].qty; @j++) @acc += $0[@i].price;`,
        `}`,
        `return @acc;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[]],
          [[{ price: 250, qty: 1 }]],
          [[{ price: 250, qty: 0 }]],
          [[{ price: 0, qty: 3 }]],
          [
            [
              { price: 199, qty: 2 },
              { price: 1, qty: 5 },
            ],
          ],
        ],
        5,
        (r) => [Array.from({ length: r.int(1, 4) }, () => cartLine(r))],
      ),
  },
];
