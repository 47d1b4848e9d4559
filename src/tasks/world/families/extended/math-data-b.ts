// Train-only families (see ./index.ts): math-data, part b.
import type { Family } from '../../family.ts';
import { bodyLines, capitalized, cases, word, words } from '../../gen.ts';
import { OBJ, RECORDS, wordObject, member, lineItem } from './specs.ts';

export const EXTENDED_MATH_DATA_B_FAMILIES: Family[] = [
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
