// Data-structure families.
import type { Family } from '../family.ts';
import { cases, ints, letters, words } from '../gen.ts';

export const DATA_FAMILIES: Family[] = [
  {
    name: 'balanced-brackets',
    category: 'data',
    names: ['isBalanced', 'bracketsMatch', 'checkBrackets', 'wellNested'],
    params: [{ names: ['text', 'expr', 'src', 's'], type: 'string', doc: 'text with (), [] and {} brackets' }],
    returns: { type: 'boolean', doc: 'true when every bracket is closed in the right order' },
    summary: 'Checks that brackets are balanced, using a stack.',
    bodies: [
      `const @stack = [];\nconst @map = { ')': '(', ']': '[', '}': '{' };\nfor (const @ch of $0) {\n  if (@ch === '(' || @ch === '[' || @ch === '{') {\n    @stack.push(@ch);\n  } else if (@ch in @map) {\n    if (@stack.pop() !== @map[@ch]) return false;\n  }\n}\nreturn @stack.length === 0;`,
      `const @stack = [];\nconst @key = '([{';\nconst @word = ')]}';\nfor (let @i = 0; @i < $0.length; @i++) {\n  const @ch = $0[@i];\n  if (@key.includes(@ch)) @stack.push(@key.indexOf(@ch));\n  const @j = @word.indexOf(@ch);\n  if (@j !== -1) {\n    if (@stack.length === 0 || @stack[@stack.length - 1] !== @j) return false;\n    @stack.pop();\n  }\n}\nreturn @stack.length === 0;`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['()'], ['(]'], ['([]{})'], ['(('], ['))'], ['a(b)c'], ['{[}]']], 5, (r) => [
        letters(r, r.int(2, 8), '()[]{}'),
      ]),
  },
  {
    name: 'frequency-map',
    category: 'data',
    names: ['frequencies', 'countWords', 'tally', 'histogram'],
    params: [{ names: ['words', 'items', 'list', 'tokens'], type: 'string[]', doc: 'the words' }],
    returns: { type: 'Record<string, number>', doc: 'how many times each word occurs' },
    summary: 'Counts how often each word occurs.',
    bodies: [
      `const @map = {};\nfor (const @word of $0) {\n  @map[@word] = (@map[@word] || 0) + 1;\n}\nreturn @map;`,
      `return $0.reduce((@map, @word) => {\n  @map[@word] = @word in @map ? @map[@word] + 1 : 1;\n  return @map;\n}, {});`,
    ],
    inputs: (r) =>
      cases(r, [[[]], [['a']], [['a', 'b', 'a']]], 8, (r) => [words(r, r.int(1, 8)).map((w) => w.slice(0, 1))]),
  },
  {
    name: 'group-by-length',
    category: 'data',
    names: ['groupByLength', 'bucketByLength', 'byLength', 'lengthGroups'],
    params: [{ names: ['words', 'items', 'list', 'tokens'], type: 'string[]', doc: 'the words' }],
    returns: { type: 'Record<string, string[]>', doc: 'the words grouped by their length, in input order' },
    summary: 'Groups words by length.',
    bodies: [
      `const @map = {};\nfor (const @word of $0) {\n  const @key = @word.length;\n  if (!(@key in @map)) @map[@key] = [];\n  @map[@key].push(@word);\n}\nreturn @map;`,
      `const @map = {};\n$0.forEach((@word) => {\n  (@map[@word.length] = @map[@word.length] || []).push(@word);\n});\nreturn @map;`,
    ],
    inputs: (r) =>
      cases(r, [[[]], [['a', 'bb', 'c']]], 8, (r) => [words(r, r.int(1, 6)).map((w) => w.slice(0, r.int(1, 4)))]),
  },
  {
    name: 'invert-object',
    category: 'data',
    names: ['invert', 'swapKeysValues', 'flipObject', 'reverseLookup'],
    params: [
      {
        names: ['obj', 'record', 'source', 'mapping'],
        type: 'Record<string, string>',
        doc: 'an object with string values',
      },
    ],
    returns: {
      type: 'Record<string, string>',
      doc: 'an object mapping each value back to its key (the last key wins)',
    },
    summary: 'Swaps the keys and values of an object.',
    bodies: [
      `const @out = {};\nfor (const @key of Object.keys($0)) {\n  @out[$0[@key]] = @key;\n}\nreturn @out;`,
      `return Object.entries($0).reduce((@out, [@key, @x]) => {\n  @out[@x] = @key;\n  return @out;\n}, {});`,
    ],
    inputs: (r) =>
      cases(r, [[{}], [{ a: 'x' }], [{ a: 'x', b: 'x' }]], 7, (r) => [
        Object.fromEntries(words(r, r.int(1, 4)).map((w) => [w, letters(r, 2, 'pqr')])),
      ]),
  },
  {
    name: 'pick-keys',
    category: 'data',
    names: ['pick', 'selectKeys', 'only', 'subset'],
    params: [
      { names: ['obj', 'record', 'source', 'row'], type: 'Record<string, number>', doc: 'the object' },
      { names: ['keys', 'fields', 'wanted', 'names'], type: 'string[]', doc: 'the keys to keep' },
    ],
    returns: { type: 'Record<string, number>', doc: 'a new object with only the listed keys that exist in obj' },
    summary: 'Copies selected keys of an object.',
    bodies: [
      `const @out = {};\nfor (const @key of $1) {\n  if (Object.prototype.hasOwnProperty.call($0, @key)) @out[@key] = $0[@key];\n}\nreturn @out;`,
      `return Object.fromEntries($1.filter((@key) => @key in $0).map((@key) => [@key, $0[@key]]));`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{}, ['a']],
          [{ a: 1, b: 2 }, []],
          [{ a: 1, b: 2 }, ['b', 'z']],
        ],
        7,
        (r) => {
          const ws = words(r, 4);
          return [Object.fromEntries(ws.slice(0, 3).map((w) => [w, r.int(0, 9)])), r.shuffle(ws).slice(0, r.int(1, 3))];
        },
      ),
  },
  {
    name: 'set-difference',
    category: 'data',
    names: ['difference', 'without', 'subtract', 'except'],
    params: [
      { names: ['xs', 'left', 'base', 'all'], type: 'number[]', doc: 'the numbers to keep from' },
      { names: ['ys', 'right', 'remove', 'drop'], type: 'number[]', doc: 'the numbers to remove' },
    ],
    returns: { type: 'number[]', doc: 'the numbers of xs that are not in ys, in order, duplicates kept' },
    summary: 'Removes from one list every number that appears in another.',
    bodies: [
      `const @map = new Set($1);\nreturn $0.filter((@x) => !@map.has(@x));`,
      `const @out = [];\nfor (const @x of $0) {\n  let @flag = true;\n  for (const @y of $1) {\n    if (@x === @y) {\n      @flag = false;\n      break;\n    }\n  }\n  if (@flag) @out.push(@x);\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], [1]],
          [[1, 2, 3], []],
          [[1, 2, 2, 3], [2]],
        ],
        7,
        (r) => [ints(r, r.int(1, 7), 0, 6), ints(r, r.int(0, 3), 0, 6)],
      ),
  },
  {
    name: 'deep-get',
    category: 'data',
    names: ['getPath', 'deepGet', 'lookupPath', 'dig'],
    params: [
      { names: ['obj', 'tree', 'root', 'data'], type: 'object', doc: 'nested plain objects' },
      { names: ['path', 'keyPath', 'route', 'dotted'], type: 'string', doc: 'keys separated by dots, e.g. "a.b.c"' },
      {
        names: ['fallback', 'dflt', 'otherwise', 'missing'],
        type: 'unknown',
        doc: 'the value returned when the path does not exist',
      },
    ],
    returns: { type: 'unknown', doc: 'the value at the path, or the fallback' },
    summary: 'Reads a nested value by a dotted path.',
    bodies: [
      `let @x = $0;\nfor (const @key of $1.split('.')) {\n  if (@x === null || typeof @x !== 'object' || !(@key in @x)) return $2;\n  @x = @x[@key];\n}\nreturn @x;`,
      `const @parts = $1.split('.');\nlet @x = $0;\nlet @i = 0;\nwhile (@i < @parts.length) {\n  if (typeof @x !== 'object' || @x === null) return $2;\n  if (!Object.prototype.hasOwnProperty.call(@x, @parts[@i])) return $2;\n  @x = @x[@parts[@i]];\n  @i++;\n}\nreturn @x;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{ a: { b: 1 } }, 'a.b', 0],
          [{ a: { b: 1 } }, 'a.c', -1],
          [{ a: 5 }, 'a.b', 'none'],
          [{}, 'x', null],
          [{ a: { b: { c: 'deep' } } }, 'a.b.c', ''],
        ],
        5,
        (r) => {
          const [a, b] = words(r, 2);
          return [{ [a]: { [b]: r.int(0, 9) } }, r.chance(0.6) ? `${a}.${b}` : `${b}.${a}`, r.int(-5, -1)];
        },
      ),
  },
  {
    name: 'merge-counts',
    category: 'data',
    names: ['mergeCounts', 'addCounts', 'combineTallies', 'sumMaps'],
    params: [
      { names: ['a', 'left', 'first', 'base'], type: 'Record<string, number>', doc: 'counts' },
      { names: ['b', 'right', 'second', 'extra'], type: 'Record<string, number>', doc: 'more counts' },
    ],
    returns: { type: 'Record<string, number>', doc: 'a new object where shared keys have their counts added' },
    summary: 'Adds two count maps key by key.',
    bodies: [
      `const @out = { ...$0 };\nfor (const [@key, @x] of Object.entries($1)) {\n  @out[@key] = (@out[@key] ?? 0) + @x;\n}\nreturn @out;`,
      `const @out = {};\nfor (const @key in $0) @out[@key] = $0[@key];\nfor (const @key in $1) {\n  if (@key in @out) {\n    @out[@key] += $1[@key];\n  } else {\n    @out[@key] = $1[@key];\n  }\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [{}, {}],
          [{ a: 1 }, {}],
          [{ a: 1 }, { a: 2, b: 3 }],
        ],
        7,
        (r) => {
          const mk = () => Object.fromEntries(words(r, r.int(0, 3)).map((w) => [w.slice(0, 1), r.int(1, 9)]));
          return [mk(), mk()];
        },
      ),
  },
  {
    name: 'queue-simulation',
    category: 'data',
    names: ['processQueue', 'runQueue', 'serveAll', 'drainQueue'],
    params: [
      {
        names: ['ops', 'commands', 'events', 'steps'],
        type: 'string[]',
        doc: 'operations: "push:<value>" adds to the back, "pop" removes from the front',
      },
    ],
    returns: {
      type: 'string[]',
      doc: 'the values removed by the pops, in order; a pop on an empty queue yields "none"',
    },
    summary: 'Simulates a FIFO queue.',
    bodies: [
      `const @stack = [];\nconst @out = [];\nfor (const @x of $0) {\n  if (@x.startsWith('push:')) {\n    @stack.push(@x.slice(5));\n  } else if (@x === 'pop') {\n    @out.push(@stack.length > 0 ? @stack.shift() : 'none');\n  }\n}\nreturn @out;`,
      `const @stack = [];\nlet @head = 0;\nconst @out = [];\nfor (const @x of $0) {\n  if (@x === 'pop') {\n    if (@head < @stack.length) {\n      @out.push(@stack[@head]);\n      @head++;\n    } else {\n      @out.push('none');\n    }\n  } else if (@x.indexOf('push:') === 0) {\n    @stack.push(@x.substring(5));\n  }\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(r, [[[]], [['pop']], [['push:a', 'push:b', 'pop', 'pop', 'pop']]], 7, (r) => [
        Array.from({ length: r.int(2, 8) }, () => (r.chance(0.55) ? `push:${letters(r, 2)}` : 'pop')),
      ]),
  },
  {
    name: 'top-k',
    category: 'data',
    names: ['topK', 'largest', 'bestN', 'highest'],
    params: [
      { names: ['xs', 'scores', 'values', 'nums'], type: 'number[]', doc: 'the numbers' },
      { names: ['k', 'n', 'count', 'limit'], type: 'number', doc: 'how many to return' },
    ],
    returns: { type: 'number[]', doc: 'the k largest numbers in descending order' },
    summary: 'Returns the k largest numbers, largest first.',
    bodies: [
      `return $0.slice().sort((@x, @y) => @y - @x).slice(0, Math.max($1, 0));`,
      `const @out = [];\nconst @rest = [...$0];\nwhile (@out.length < $1 && @rest.length > 0) {\n  let @best = 0;\n  for (let @i = 1; @i < @rest.length; @i++) {\n    if (@rest[@i] > @rest[@best]) @best = @i;\n  }\n  @out.push(@rest.splice(@best, 1)[0]);\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 2],
          [[3, 1, 2], 0],
          [[3, 1, 2], 2],
          [[5, 5, 1], 5],
        ],
        7,
        (r) => [ints(r, r.int(1, 8), -9, 20), r.int(1, 4)],
      ),
  },
];
