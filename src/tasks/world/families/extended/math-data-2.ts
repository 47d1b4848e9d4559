// Train-only families (see ./index.ts): math-data, second wave.
import type { Rng } from '../../../rng.ts';
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints, word, words } from '../../gen.ts';

const INT = (doc: string) => ({ names: ['n', 'num', 'value', 'x'], type: 'number', doc });
const RECORDS = (type: string, doc: string) => ({ names: ['records', 'rows', 'items', 'entries'], type, doc });
const FIELD = (doc: string) => ({ names: ['field', 'prop', 'column', 'attr'], type: 'string', doc });

const ARMSTRONG = [0, 1, 5, 9, 153, 370, 371, 407, 1634, 8208, 9474];
const SKUS = ['a-1', 'b-2', 'c-3', 'd-4', 'e-5', 'f-6'];

/** A shopping-cart line with an integer price (cents) and a non-negative quantity. */
const cartLine = (r: Rng) => ({ price: r.int(0, 999), qty: r.int(0, 5) });

/** A stock record: a sku and the units on hand. */
const stockLine = (r: Rng) => ({ sku: r.pick(SKUS), stock: r.int(0, 20) });

/** An object of word keys whose values are numbers or flat objects of numbers. */
const nestedOnce = (r: Rng): Record<string, unknown> =>
  Object.fromEntries(
    words(r, r.int(0, 4)).map((w) => [
      w,
      r.chance(0.5) ? r.int(-9, 9) : Object.fromEntries(words(r, r.int(0, 3)).map((k) => [k, r.int(0, 9)])),
    ]),
  );

/** A JSON value nested up to `depth` levels of objects and arrays. */
const tree = (r: Rng, depth: number): unknown => {
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
const coded = (r: Rng): Record<string, string | number> => {
  const out: Record<string, string | number> = { code: word(r).slice(0, 2), name: word(r).slice(0, 3) };
  if (r.chance(0.7)) out.qty = r.int(0, 9);
  return out;
};

export const EXTENDED_MATH_DATA_2_FAMILIES: Family[] = [
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
  {
    name: 'restock-orders',
    category: 'data',
    names: ['restockOrders', 'reorderList', 'lowStockOrders', 'refillPlan'],
    params: [
      RECORDS('Array<{ sku: string, stock: number }>', 'inventory records with the units in stock'),
      { names: ['level', 'target', 'minStock', 'parLevel'], type: 'number', doc: 'the wanted stock level' },
    ],
    returns: {
      type: 'Array<{ sku: string, qty: number }>',
      doc:
        'one { sku, qty } entry per record whose stock is strictly below level, in input order, ' +
        'where qty is the number of units needed to bring its stock up to level',
    },
    summary: 'Lists the restock orders for the items that have fallen below a stock level.',
    bodies: [
      bodyLines(
        `const @out = [];`,
        `for (const @x of $0) {`,
        `  if (@x.stock < $1) @out.push({ sku: @x.sku, qty: $1 - @x.stock });`,
        `}`,
        `return @out;`,
      ),
      `return $0.filter((@x) => @x.stock < $1).map((@x) => ({ sku: @x.sku, qty: $1 - @x.stock }));`,
      bodyLines(
        `return $0.reduce((@out, { sku, stock }) => {`,
        `  const @len = $1 - stock;`,
        `  return @len > 0 ? [...@out, { sku, qty: @len }] : @out;`,
        `}, []);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 5],
          [[{ sku: 'a-1', stock: 5 }], 5],
          [[{ sku: 'a-1', stock: 4 }], 5],
          [[{ sku: 'a-1', stock: 0 }], 0],
          [
            [
              { sku: 'a-1', stock: 2 },
              { sku: 'b-2', stock: 9 },
              { sku: 'c-3', stock: 0 },
            ],
            3,
          ],
        ],
        5,
        (r) => [Array.from({ length: r.int(1, 4) }, () => stockLine(r)), r.int(0, 15)],
      ),
  },
  {
    name: 'rename-keys',
    category: 'data',
    names: ['renameKeys', 'remapKeys', 'relabelKeys', 'mapKeyNames'],
    params: [
      { names: ['obj', 'record', 'source', 'data'], type: 'Record<string, number>', doc: 'the object' },
      {
        names: ['mapping', 'renames', 'aliases', 'keyMap'],
        type: 'Record<string, string>',
        doc: 'new key names by old key name',
      },
    ],
    returns: {
      type: 'Record<string, number>',
      doc:
        'a new object with the entries of obj in order, each key renamed when mapping lists it and kept otherwise; ' +
        'when two entries end up with the same key the later value wins, at the position where that key first appeared',
    },
    summary: 'Copies an object, renaming its keys by a mapping.',
    bodies: [
      bodyLines(
        `const @out = {};`,
        `for (const @key of Object.keys($0)) {`,
        `  @out[@key in $1 ? $1[@key] : @key] = $0[@key];`,
        `}`,
        `return @out;`,
      ),
      `return Object.fromEntries(Object.entries($0).map(([@key, @x]) => [$1[@key] ?? @key, @x]));`,
      bodyLines(
        `return Object.entries($0).reduce(`,
        `  (@out, [@key, @x]) => ({ ...@out, [Object.hasOwn($1, @key) ? $1[@key] : @key]: @x }),`,
        `  {},`,
        `);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{}, {}],
          [{}, { a: 'b' }],
          [{ a: 1, b: 2 }, {}],
          [{ a: 1, b: 2 }, { a: 'x' }],
          [{ a: 1, b: 2 }, { a: 'b' }],
          [
            { a: 1, b: 2, c: 3 },
            { c: 'a', z: 'y' },
          ],
        ],
        6,
        (r) => {
          const ws = r.shuffle(words(r, 6));
          const obj = Object.fromEntries(ws.slice(0, r.int(1, 4)).map((w) => [w, r.int(0, 9)]));
          const mapping = Object.fromEntries(
            Array.from({ length: r.int(0, 3) }, () => [r.pick(ws), r.pick(ws).toUpperCase()]),
          );
          if (r.chance(0.3)) mapping[r.pick(ws)] = r.pick(ws);
          return [obj, mapping];
        },
      ),
  },
  {
    name: 'flatten-dotted',
    category: 'data',
    names: ['flattenDotted', 'flattenKeys', 'dotFlatten', 'dottedKeys'],
    params: [
      {
        names: ['obj', 'config', 'settings', 'tree'],
        type: 'Record<string, number | Record<string, number>>',
        doc: 'an object whose values are numbers or flat objects of numbers (keys contain no dots)',
      },
    ],
    returns: {
      type: 'Record<string, number>',
      doc:
        'a new object in which every nested entry becomes the key "outer.inner"; number values keep their key, ' +
        'empty nested objects disappear, and the entries follow the original order',
    },
    summary: 'Flattens a nested object by one level, joining the keys with dots.',
    bodies: [
      bodyLines(
        `const @out = {};`,
        `for (const [@key, @x] of Object.entries($0)) {`,
        `  if (typeof @x !== 'object') @out[@key] = @x;`,
        `  else for (const @word in @x) @out[@key + '.' + @word] = @x[@word];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return Object.fromEntries(`,
        `  Object.entries($0).flatMap(([@key, @x]) =>`,
        `    typeof @x === 'number'`,
        `      ? [[@key, @x]]`,
        `      : Object.entries(@x).map(([@word, @y]) => [@key + '.' + @word, @y]),`,
        `  ),`,
        `);`,
      ),
      bodyLines(
        `return Object.keys($0).reduce((@out, @key) => {`,
        `  const @x = $0[@key];`,
        `  if (typeof @x === 'number') return { ...@out, [@key]: @x };`,
        `  for (const @word of Object.keys(@x)) @out[[@key, @word].join('.')] = @x[@word];`,
        `  return @out;`,
        `}, {});`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[{}], [{ a: 1 }], [{ a: {} }], [{ a: { b: 1 } }], [{ a: { b: 1, c: 2 }, d: 3 }], [{ x: -1, y: { z: 0 } }]],
        8,
        (r) => [nestedOnce(r)],
      ),
  },
  {
    name: 'count-leaves',
    category: 'data',
    names: ['countLeaves', 'leafCount', 'deepCountValues', 'countScalars'],
    params: [
      {
        names: ['tree', 'doc', 'node', 'payload'],
        type: 'unknown',
        doc: 'a JSON value: objects and arrays nested to any depth, with numbers, strings, booleans and null inside',
      },
    ],
    returns: {
      type: 'number',
      doc:
        'how many values that are not an object or an array it holds at any depth (null counts as such a leaf, ' +
        'empty objects and arrays count 0); a top-level leaf counts 1',
    },
    summary: 'Counts the leaf values of a nested structure of objects and arrays.',
    bodies: [
      bodyLines(
        `const @stack = [$0];`,
        `let @count = 0;`,
        `while (@stack.length > 0) {`,
        `  const @x = @stack.pop();`,
        `  if (@x !== null && typeof @x === 'object') @stack.push(...Object.values(@x));`,
        `  else @count++;`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `const @tmp = (@x) =>`,
        `  @x !== null && typeof @x === 'object' ? Object.values(@x).reduce((@acc, @y) => @acc + @tmp(@y), 0) : 1;`,
        `return @tmp($0);`,
      ),
      bodyLines(
        `const @out = [$0];`,
        `let @count = 0;`,
        `for (let @i = 0; @i < @out.length; @i++) {`,
        `  const @x = @out[@i];`,
        `  if (typeof @x !== 'object' || @x === null) @count++;`,
        `  else for (const @key in @x) @out.push(@x[@key]);`,
        `}`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{}],
          [[]],
          [{ a: 1 }],
          [{ a: null, b: [] }],
          [[1, [2, [3, {}]]]],
          [{ a: { b: { c: 'x' } }, d: [true, false] }],
          [7],
        ],
        8,
        (r) => [r.chance(0.5) ? Object.fromEntries(words(r, r.int(1, 3)).map((w) => [w, tree(r, 2)])) : tree(r, 3)],
      ),
  },
  {
    name: 'index-by-field',
    category: 'data',
    names: ['indexByField', 'keyByField', 'indexRecords', 'byFieldIndex'],
    params: [
      RECORDS('Array<Record<string, string | number>>', 'records'),
      FIELD('the field whose (string) value becomes the key'),
    ],
    returns: {
      type: 'Record<string, Record<string, string | number>>',
      doc:
        'an object mapping each value of the field to the record that has it; records without the field are ' +
        'skipped, and when several records share a value the last one wins (keys in order of first occurrence)',
    },
    summary: 'Indexes a list of records by the value of one field.',
    bodies: [
      bodyLines(
        `const @map = {};`,
        `for (const @x of $0) {`,
        `  if ($1 in @x) @map[@x[$1]] = @x;`,
        `}`,
        `return @map;`,
      ),
      `return Object.fromEntries($0.filter((@x) => @x[$1] !== undefined).map((@x) => [@x[$1], @x]));`,
      bodyLines(
        `const @map = {};`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @key = $0[@i][$1];`,
        `  if (typeof @key === 'string') @map[@key] = $0[@i];`,
        `}`,
        `return @map;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 'code'],
          [[{ code: 'ab', name: 'x' }], 'code'],
          [[{ name: 'x' }, { code: 'cd', name: 'y' }], 'code'],
          [
            [
              { code: 'ab', name: 'x' },
              { code: 'cd', name: 'y' },
              { code: 'ab', name: 'z' },
            ],
            'code',
          ],
        ],
        5,
        (r) => {
          const rows = Array.from({ length: r.int(1, 4) }, () => coded(r));
          if (r.chance(0.3)) delete rows[0].code;
          return [rows, r.pick(['code', 'name'])];
        },
      ),
  },
  {
    name: 'pluck-field',
    category: 'data',
    names: ['pluckField', 'pluck', 'mapField', 'columnValues'],
    params: [RECORDS('Array<Record<string, string | number>>', 'records'), FIELD('the field to read')],
    returns: {
      type: 'Array<string | number | null>',
      doc: 'the value of the field of every record, in order, with null for a record that lacks the field',
    },
    summary: 'Collects the values of one field from a list of records.',
    bodies: [
      `return $0.map((@x) => ($1 in @x ? @x[$1] : null));`,
      bodyLines(
        `const @out = [];`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  @out.push(Object.hasOwn($0[@i], $1) ? $0[@i][$1] : null);`,
        `}`,
        `return @out;`,
      ),
      `return $0.reduce((@out, @x) => [...@out, @x[$1] ?? null], []);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 'qty'],
          [[{ qty: 0 }], 'qty'],
          [[{ name: 'a' }], 'qty'],
          [[{ qty: 2 }, { name: 'b' }, { qty: 5, name: 'c' }], 'qty'],
        ],
        5,
        (r) => [Array.from({ length: r.int(1, 4) }, () => coded(r)), r.pick(['code', 'name', 'qty'])],
      ),
  },
];
