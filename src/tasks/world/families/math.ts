// Math families.
import type { Family } from '../family.ts';
import { cases, ints } from '../gen.ts';

const N = (doc: string) => ({ names: ['n', 'num', 'value', 'x', 'k'], type: 'number', doc });

export const MATH_FAMILIES: Family[] = [
  {
    name: 'clamp',
    category: 'math',
    names: ['clamp', 'bound', 'limitTo', 'constrain'],
    params: [
      N('the value'),
      { names: ['lo', 'min', 'low', 'floor'], type: 'number', doc: 'the lower bound' },
      { names: ['hi', 'max', 'high', 'ceil'], type: 'number', doc: 'the upper bound, at least lo' },
    ],
    returns: { type: 'number', doc: 'the value limited to [lo, hi]' },
    summary: 'Limits a number to a range.',
    bodies: [
      `if ($0 < $1) return $1;\nif ($0 > $2) return $2;\nreturn $0;`,
      `return Math.min(Math.max($0, $1), $2);`,
      `return $0 < $1 ? $1 : $0 > $2 ? $2 : $0;`,
      `return #maxOf($1, Math.min($0, $2));`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [5, 0, 10],
          [-3, 0, 10],
          [15, 0, 10],
          [0, 0, 10],
          [10, 0, 10],
        ],
        6,
        (r) => {
          const lo = r.int(-10, 5);
          return [r.int(-20, 20), lo, lo + r.int(0, 10)];
        },
      ),
  },
  {
    name: 'gcd',
    category: 'math',
    names: ['gcd', 'greatestCommonDivisor', 'hcf', 'commonFactor'],
    params: [
      { names: ['a', 'm', 'first', 'p'], type: 'number', doc: 'a non-negative integer' },
      { names: ['b', 'n', 'second', 'q'], type: 'number', doc: 'a non-negative integer' },
    ],
    returns: { type: 'number', doc: 'the greatest common divisor (gcd(0, 0) is 0)' },
    summary: 'Computes the greatest common divisor of two integers.',
    bodies: [
      `let @lo = $0;\nlet @hi = $1;\nwhile (@hi !== 0) {\n  const @tmp = @hi;\n  @hi = @lo % @hi;\n  @lo = @tmp;\n}\nreturn @lo;`,
      `if ($1 === 0) return $0;\nlet @lo = $1;\nlet @hi = $0 % $1;\nwhile (@hi > 0) {\n  const @tmp = @lo % @hi;\n  @lo = @hi;\n  @hi = @tmp;\n}\nreturn @lo;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 0],
          [12, 0],
          [0, 7],
          [12, 18],
          [17, 5],
          [100, 75],
        ],
        6,
        (r) => {
          const g = r.int(1, 9);
          return [g * r.int(0, 12), g * r.int(1, 12)];
        },
      ),
  },
  {
    name: 'factorial',
    category: 'math',
    names: ['factorial', 'fact', 'productUpTo', 'bang'],
    params: [N('a non-negative integer up to 15')],
    returns: { type: 'number', doc: 'n! (1 for 0); throws on negative input' },
    summary: 'Computes a factorial.',
    bodies: [
      `if ($0 < 0) throw new RangeError('negative');\nlet @acc = 1;\nfor (let @i = 2; @i <= $0; @i++) @acc *= @i;\nreturn @acc;`,
      `if ($0 < 0) {\n  throw new Error('n must be >= 0');\n}\nlet @acc = 1;\nlet @i = $0;\nwhile (@i > 1) {\n  @acc = @acc * @i;\n  @i--;\n}\nreturn @acc;`,
    ],
    inputs: (r) => cases(r, [[0], [1], [2], [5], [-1]], 5, (r) => [r.int(3, 12)]),
  },
  {
    name: 'is-prime',
    category: 'math',
    names: ['isPrime', 'primeCheck', 'checkPrime', 'isPrimeNumber'],
    params: [N('an integer')],
    returns: { type: 'boolean', doc: 'true when the integer is prime' },
    summary: 'Tests whether an integer is prime.',
    bodies: [
      `if ($0 < 2) return false;\nfor (let @i = 2; @i * @i <= $0; @i++) {\n  if ($0 % @i === 0) return false;\n}\nreturn true;`,
      `if ($0 < 2) return false;\nif ($0 % 2 === 0) return $0 === 2;\nfor (let @i = 3; @i * @i <= $0; @i += 2) {\n  if ($0 % @i === 0) return false;\n}\nreturn true;`,
    ],
    inputs: (r) => cases(r, [[0], [1], [2], [3], [4], [9], [25], [49], [97], [-7]], 6, (r) => [r.int(10, 150)]),
  },
  {
    name: 'digit-sum',
    category: 'math',
    names: ['digitSum', 'sumDigits', 'crossSum', 'addDigits'],
    params: [N('an integer (the sign is ignored)')],
    returns: { type: 'number', doc: 'the sum of its decimal digits' },
    summary: 'Adds the decimal digits of an integer.',
    bodies: [
      `let @num = Math.abs($0);\nlet @acc = 0;\nwhile (@num > 0) {\n  @acc += @num % 10;\n  @num = Math.floor(@num / 10);\n}\nreturn @acc;`,
      `return String(Math.abs($0)).split('').reduce((@acc, @ch) => @acc + Number(@ch), 0);`,
      `return #sum(String(Math.abs($0)).split('').map(Number));`,
    ],
    inputs: (r) => cases(r, [[0], [7], [10], [-45], [999]], 7, (r) => [r.int(-5000, 99999)]),
  },
  {
    name: 'mean',
    category: 'math',
    names: ['mean', 'average', 'avg', 'arithmeticMean'],
    params: [{ names: ['xs', 'values', 'samples', 'data'], type: 'number[]', doc: 'the numbers' }],
    returns: { type: 'number', doc: 'their average, or 0 for an empty list' },
    summary: 'Averages a list of numbers.',
    bodies: [
      `if ($0.length === 0) return 0;\nlet @acc = 0;\nfor (const @x of $0) @acc += @x;\nreturn @acc / $0.length;`,
      `return $0.length === 0 ? 0 : $0.reduce((@acc, @x) => @acc + @x, 0) / $0.length;`,
      `if ($0.length === 0) return 0;\nreturn #sum($0) / $0.length;`,
    ],
    inputs: (r) => cases(r, [[[]], [[4]], [[1, 2]], [[-3, 3, 6]]], 7, (r) => [ints(r, r.int(1, 6), -10, 20)]),
  },
  {
    name: 'median',
    category: 'math',
    names: ['median', 'middleValue', 'med', 'midpoint'],
    params: [{ names: ['xs', 'values', 'samples', 'data'], type: 'number[]', doc: 'a non-empty list of numbers' }],
    returns: { type: 'number', doc: 'the median (mean of the two middle values for even lengths)' },
    summary: 'Computes the median of a list.',
    bodies: [
      `const @out = $0.slice().sort((@x, @y) => @x - @y);\nconst @i = Math.floor(@out.length / 2);\nif (@out.length % 2 === 1) return @out[@i];\nreturn (@out[@i - 1] + @out[@i]) / 2;`,
      `const @out = [...$0].sort((@x, @y) => @x - @y);\nconst @len = @out.length;\nreturn @len % 2 ? @out[(@len - 1) / 2] : (@out[@len / 2 - 1] + @out[@len / 2]) / 2;`,
    ],
    inputs: (r) => cases(r, [[[5]], [[1, 3]], [[3, 1, 2]], [[4, 1, 3, 2]]], 7, (r) => [ints(r, r.int(1, 8), -9, 30)]),
  },
  {
    name: 'range-sum',
    category: 'math',
    names: ['sumBetween', 'rangeSum', 'sumRange', 'addRange'],
    params: [
      { names: ['from', 'start', 'a', 'lo'], type: 'number', doc: 'the first integer' },
      { names: ['to', 'stop', 'b', 'hi'], type: 'number', doc: 'the last integer, inclusive' },
    ],
    returns: { type: 'number', doc: 'the sum of the integers from `from` to `to` inclusive, 0 when to < from' },
    summary: 'Sums the integers of an inclusive range.',
    bodies: [
      `let @acc = 0;\nfor (let @i = $0; @i <= $1; @i++) {\n  @acc += @i;\n}\nreturn @acc;`,
      `if ($1 < $0) return 0;\nreturn (($0 + $1) * ($1 - $0 + 1)) / 2;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [1, 1],
          [1, 10],
          [5, 3],
          [-2, 2],
          [0, 0],
        ],
        6,
        (r) => {
          const a = r.int(-10, 10);
          return [a, a + r.int(-1, 12)];
        },
      ),
  },
  {
    name: 'power-int',
    category: 'math',
    names: ['power', 'pow', 'raise', 'intPow'],
    params: [
      { names: ['base', 'b', 'x', 'root'], type: 'number', doc: 'the base' },
      { names: ['exp', 'e', 'times', 'k'], type: 'number', doc: 'a non-negative integer exponent' },
    ],
    returns: { type: 'number', doc: 'base raised to exp' },
    summary: 'Raises a number to a non-negative integer power by repeated multiplication.',
    bodies: [
      `let @acc = 1;\nfor (let @i = 0; @i < $1; @i++) {\n  @acc *= $0;\n}\nreturn @acc;`,
      `let @acc = 1;\nlet @tmp = $0;\nlet @num = $1;\nwhile (@num > 0) {\n  if (@num % 2 === 1) @acc *= @tmp;\n  @tmp *= @tmp;\n  @num = Math.floor(@num / 2);\n}\nreturn @acc;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [2, 0],
          [2, 1],
          [2, 10],
          [3, 3],
          [-2, 3],
          [0, 0],
        ],
        6,
        (r) => [r.int(-4, 6), r.int(0, 7)],
      ),
  },
  {
    name: 'sign',
    category: 'math',
    names: ['signOf', 'sign', 'polarity', 'direction'],
    params: [N('a number')],
    returns: { type: 'number', doc: '-1, 0 or 1 according to the sign' },
    summary: 'Returns the sign of a number.',
    bodies: [`if ($0 > 0) return 1;\nif ($0 < 0) return -1;\nreturn 0;`, `return $0 === 0 ? 0 : $0 > 0 ? 1 : -1;`],
    inputs: (r) => cases(r, [[0], [3], [-3], [1], [-1]], 5, (r) => [r.int(-50, 50)]),
  },
  {
    name: 'round-to-step',
    category: 'math',
    names: ['roundToStep', 'snap', 'quantize', 'roundToMultiple'],
    params: [N('the value'), { names: ['step', 'unit', 'grid', 'increment'], type: 'number', doc: 'a positive step' }],
    returns: { type: 'number', doc: 'the multiple of step nearest to value (halves round up)' },
    summary: 'Rounds a number to the nearest multiple of a step.',
    bodies: [
      // Math.round gives -0 for values just below 0; the floor form gives 0, and outcomes tell -0 from 0.
      `const @acc = Math.round($0 / $1) * $1;\nreturn @acc === 0 ? 0 : @acc;`,
      `const @num = Math.floor($0 / $1);\nconst @rest = $0 - @num * $1;\nreturn @rest * 2 >= $1 ? (@num + 1) * $1 : @num * $1;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 5],
          [7, 5],
          [8, 5],
          [12, 5],
          [-7, 5],
          [10, 4],
        ],
        6,
        (r) => [r.int(-30, 60), r.pick([2, 3, 4, 5, 10])],
      ),
  },
  {
    name: 'collatz-steps',
    category: 'math',
    names: ['collatzSteps', 'stepsToOne', 'hailstoneLength', 'collatz'],
    params: [N('a positive integer')],
    returns: { type: 'number', doc: 'how many Collatz steps lead to 1' },
    summary: 'Counts the Collatz steps from n to 1.',
    bodies: [
      `let @count = 0;\nlet @num = $0;\nwhile (@num !== 1) {\n  @num = @num % 2 === 0 ? @num / 2 : 3 * @num + 1;\n  @count++;\n}\nreturn @count;`,
      `let @count = 0;\nfor (let @num = $0; @num > 1; @count++) {\n  if (@num % 2 === 0) {\n    @num = @num / 2;\n  } else {\n    @num = @num * 3 + 1;\n  }\n}\nreturn @count;`,
    ],
    inputs: (r) => cases(r, [[1], [2], [3], [6], [7]], 5, (r) => [r.int(2, 60)]),
  },
];
