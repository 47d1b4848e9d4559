// Train-only families (see ./index.ts): math-data.
import type { Rng } from '../../../rng.ts';
import type { Family } from '../../family.ts';
import { bodyLines, capitalized, cases, ints, word, words } from '../../gen.ts';

const INT = (doc: string) => ({ names: ['n', 'num', 'value', 'x'], type: 'number', doc });
const OBJ = (type: string, doc: string) => ({ names: ['obj', 'record', 'source', 'data'], type, doc });
const RECORDS = (type: string, doc: string) => ({ names: ['records', 'rows', 'items', 'entries'], type, doc });

const TEAMS = ['red', 'blue', 'green'];
const SIZES = ['s', 'm', 'l', 'xl'];

/** An object with 0..max word keys (never integer-like, so key order is insertion order) and small int values. */
const wordObject = (r: Rng, max: number, lo: number, hi: number): Record<string, number> =>
  Object.fromEntries(words(r, r.int(0, max)).map((w) => [w, r.int(lo, hi)]));

/** A record with a name and, usually, a team and a size. */
const member = (r: Rng): Record<string, string> => {
  const out: Record<string, string> = { name: word(r).slice(0, 2) };
  if (r.chance(0.85)) out.team = r.pick(TEAMS);
  if (r.chance(0.85)) out.size = r.pick(SIZES);
  return out;
};

/** A line item with some of qty, price and weight. */
const lineItem = (r: Rng): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const f of ['qty', 'price', 'weight']) if (r.chance(0.75)) out[f] = r.int(-5, 30);
  return out;
};

export const EXTENDED_MATH_DATA_FAMILIES: Family[] = [
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
  {
    name: 'omit-keys',
    category: 'data',
    names: ['omitKeys', 'dropKeys', 'exceptKeys', 'stripKeys'],
    params: [
      OBJ('Record<string, number>', 'the object'),
      { names: ['keys', 'fields', 'unwanted', 'banned'], type: 'string[]', doc: 'the keys to leave out' },
    ],
    returns: {
      type: 'Record<string, number>',
      doc: 'a new object with every key of obj that is not listed, in the original order (obj is not changed)',
    },
    summary: 'Copies an object without the listed keys.',
    bodies: [
      bodyLines(
        `const @out = {};`,
        `for (const @key of Object.keys($0)) {`,
        `  if (!$1.includes(@key)) @out[@key] = $0[@key];`,
        `}`,
        `return @out;`,
      ),
      `return Object.fromEntries(Object.entries($0).filter(([@key]) => $1.indexOf(@key) === -1));`,
      bodyLines(`const @out = { ...$0 };`, `for (const @key of $1) delete @out[@key];`, `return @out;`),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{}, []],
          [{}, ['a']],
          [{ a: 1, b: 2 }, []],
          [{ a: 1, b: 2 }, ['a', 'b']],
          [{ a: 1, b: 2, c: 3 }, ['b', 'z']],
        ],
        6,
        (r) => {
          const ws = words(r, 5);
          return [Object.fromEntries(ws.slice(0, 4).map((w) => [w, r.int(0, 9)])), r.shuffle(ws).slice(0, r.int(0, 3))];
        },
      ),
  },
  {
    name: 'sum-field',
    category: 'data',
    names: ['sumField', 'fieldTotal', 'totalOfField', 'addUpField'],
    params: [
      RECORDS('Array<Record<string, number>>', 'the records'),
      { names: ['field', 'prop', 'column', 'attr'], type: 'string', doc: 'the field to add up' },
    ],
    returns: { type: 'number', doc: 'the sum of that field over all records; a record without the field counts as 0' },
    summary: 'Adds up one numeric field over a list of records.',
    bodies: [
      bodyLines(`let @acc = 0;`, `for (const @x of $0) {`, `  if ($1 in @x) @acc += @x[$1];`, `}`, `return @acc;`),
      `return $0.reduce((@acc, @x) => @acc + (@x[$1] ?? 0), 0);`,
      `return #sum($0.map((@x) => (Object.prototype.hasOwnProperty.call(@x, $1) ? @x[$1] : 0)));`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 'qty'],
          [[{ qty: 3 }], 'qty'],
          [[{ qty: 3 }, { price: 2 }], 'qty'],
          [[{ qty: -4 }, { qty: 4 }], 'qty'],
        ],
        6,
        (r) => [Array.from({ length: r.int(1, 6) }, () => lineItem(r)), r.pick(['qty', 'price', 'weight'])],
      ),
  },
  {
    name: 'group-by-field',
    category: 'data',
    names: ['groupByField', 'groupRecords', 'bucketByField', 'clusterBy'],
    params: [
      RECORDS('Array<Record<string, string>>', 'records with string values'),
      { names: ['field', 'prop', 'column', 'attr'], type: 'string', doc: 'the field to group by' },
    ],
    returns: {
      type: 'Record<string, Array<Record<string, string>>>',
      doc:
        'an object mapping each value of the field to the records that have it, in input order; ' +
        'keys appear in order of first occurrence and records without the field are left out',
    },
    summary: 'Groups records by the value of one field.',
    bodies: [
      bodyLines(
        `const @map = {};`,
        `for (const @x of $0) {`,
        `  if (!($1 in @x)) continue;`,
        `  const @key = @x[$1];`,
        `  if (!(@key in @map)) @map[@key] = [];`,
        `  @map[@key].push(@x);`,
        `}`,
        `return @map;`,
      ),
      bodyLines(
        `return $0.reduce((@map, @x) => {`,
        `  if ($1 in @x) (@map[@x[$1]] = @map[@x[$1]] || []).push(@x);`,
        `  return @map;`,
        `}, {});`,
      ),
      bodyLines(
        `const @map = {};`,
        `for (const @x of $0.filter((@y) => $1 in @y)) {`,
        `  @map[@x[$1]] = [...(@map[@x[$1]] ?? []), @x];`,
        `}`,
        `return @map;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 'team'],
          [[{ name: 'ann', team: 'red' }], 'team'],
          [[{ name: 'ann' }, { name: 'bob', team: 'blue' }], 'team'],
          [
            [
              { name: 'ann', team: 'red' },
              { name: 'bob', team: 'blue' },
              { name: 'cy', team: 'red' },
            ],
            'team',
          ],
        ],
        5,
        (r) => [Array.from({ length: r.int(1, 5) }, () => member(r)), r.pick(['team', 'size'])],
      ),
  },
  {
    name: 'find-by-id',
    category: 'data',
    names: ['findById', 'recordById', 'lookupById', 'fetchById'],
    params: [
      RECORDS('Array<{ id: number, name: string }>', 'records, each with a numeric id'),
      { names: ['id', 'wantedId', 'target', 'needle'], type: 'number', doc: 'the id to look for' },
    ],
    returns: {
      type: '{ id: number, name: string } | null',
      doc: 'the first record whose id equals the given id, or null when there is none',
    },
    summary: 'Finds the first record with a given id.',
    bodies: [
      bodyLines(
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i].id === $1) return $0[@i];`,
        `}`,
        `return null;`,
      ),
      `return $0.find((@x) => @x.id === $1) ?? null;`,
      bodyLines(`const @i = $0.findIndex((@x) => @x.id === $1);`, `return @i === -1 ? null : $0[@i];`),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 1],
          [[{ id: 1, name: 'a' }], 1],
          [[{ id: 1, name: 'a' }], 2],
          [
            [
              { id: 2, name: 'a' },
              { id: 2, name: 'b' },
            ],
            2,
          ],
          [
            [
              { id: 3, name: 'x' },
              { id: 0, name: 'z' },
            ],
            0,
          ],
        ],
        6,
        (r) => [Array.from({ length: r.int(1, 6) }, () => ({ id: r.int(1, 8), name: word(r) })), r.int(0, 8)],
      ),
  },
  {
    name: 'merge-patch',
    category: 'data',
    names: ['applyPatch', 'mergePatch', 'overlayFields', 'patchObject'],
    params: [
      { names: ['base', 'original', 'target', 'current'], type: 'Record<string, number | null>', doc: 'the object' },
      { names: ['patch', 'changes', 'updates', 'delta'], type: 'Record<string, number | null>', doc: 'the changes' },
    ],
    returns: {
      type: 'Record<string, number | null>',
      doc:
        'a new object: the keys of base in their order, then the new keys of patch in theirs; ' +
        'every patch value that is not null replaces or adds its key, null patch values are ignored',
    },
    summary: 'Merges a patch into an object, skipping null values of the patch.',
    bodies: [
      bodyLines(
        `const @out = { ...$0 };`,
        `for (const @key of Object.keys($1)) {`,
        `  if ($1[@key] !== null) @out[@key] = $1[@key];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return Object.entries($1).reduce(`,
        `  (@out, [@key, @x]) => (@x === null ? @out : { ...@out, [@key]: @x }),`,
        `  { ...$0 },`,
        `);`,
      ),
      `return Object.assign({}, $0, Object.fromEntries(Object.entries($1).filter(([, @x]) => @x !== null)));`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{}, {}],
          [{ a: 1 }, {}],
          [{}, { a: 1, b: null }],
          [
            { a: 1, b: 2 },
            { b: null, c: 3 },
          ],
          [
            { a: null, b: 2 },
            { a: 5, b: 0 },
          ],
        ],
        6,
        (r) => {
          const mk = () =>
            Object.fromEntries(words(r, r.int(0, 4)).map((w) => [w, r.chance(0.3) ? null : r.int(0, 9)]));
          return [mk(), mk()];
        },
      ),
  },
  {
    name: 'key-of-max',
    category: 'data',
    names: ['keyOfMax', 'argMaxKey', 'heaviestKey', 'keyWithMost'],
    params: [OBJ('Record<string, number>', 'an object with number values')],
    returns: {
      type: 'string | null',
      doc: 'the key with the largest value (the earliest such key on ties), or null for an empty object',
    },
    summary: 'Finds the key of an object whose value is largest.',
    bodies: [
      bodyLines(
        `let @best = null;`,
        `for (const @key of Object.keys($0)) {`,
        `  if (@best === null || $0[@key] > $0[@best]) @best = @key;`,
        `}`,
        `return @best;`,
      ),
      bodyLines(
        `const @parts = Object.entries($0).sort((@x, @y) => @y[1] - @x[1]);`,
        `return @parts.length > 0 ? @parts[0][0] : null;`,
      ),
      bodyLines(
        `const @best = Math.max(...Object.values($0));`,
        `const @key = Object.keys($0).find((@x) => $0[@x] === @best);`,
        `return @key ?? null;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[{}], [{ a: 1 }], [{ a: 1, b: 3, c: 2 }], [{ a: 2, b: 2 }], [{ x: -5, y: -1 }], [{ p: 0, q: -3 }]],
        6,
        (r) => [wordObject(r, 5, -9, 9)],
      ),
  },
  {
    name: 'sorted-entries',
    category: 'data',
    names: ['sortedEntries', 'entriesByKey', 'orderedPairs', 'keyValueList'],
    params: [OBJ('Record<string, number>', 'the object')],
    returns: {
      type: 'Array<[string, number]>',
      doc: 'the [key, value] pairs of obj, sorted by key in ascending code-unit order (upper case before lower case)',
    },
    summary: 'Lists the entries of an object sorted by key.',
    bodies: [
      bodyLines(`return Object.keys($0)`, `  .sort()`, `  .map((@key) => [@key, $0[@key]]);`),
      `return Object.entries($0).sort((@x, @y) => (@x[0] < @y[0] ? -1 : @x[0] > @y[0] ? 1 : 0));`,
      bodyLines(
        `const @out = [];`,
        `for (const @key in $0) {`,
        `  let @i = @out.length;`,
        `  while (@i > 0 && @out[@i - 1][0] > @key) @i--;`,
        `  @out.splice(@i, 0, [@key, $0[@key]]);`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[{}], [{ a: 1 }], [{ b: 2, a: 1 }], [{ beta: 1, Alpha: 2, alpha: 3 }], [{ ab: 0, a: -1, b: 5 }]],
        6,
        (r) => [
          Object.fromEntries(words(r, r.int(1, 5)).map((w) => [r.chance(0.3) ? capitalized(w) : w, r.int(-9, 9)])),
        ],
      ),
  },
];
