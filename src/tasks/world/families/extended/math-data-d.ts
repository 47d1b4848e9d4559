// Train-only families (see ./index.ts): math-data, part d.
import type { Family } from '../../family.ts';
import { bodyLines, cases, words } from '../../gen.ts';
import { RECORDS, FIELD, stockLine, nestedOnce, tree, coded } from './specs.ts';

export const EXTENDED_MATH_DATA_D_FAMILIES: Family[] = [
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
