// Formatting families.
import type { Family } from '../family.ts';
import { cases, words } from '../gen.ts';

export const FORMATTING_FAMILIES: Family[] = [
  {
    name: 'format-cents',
    category: 'formatting',
    names: ['formatCents', 'toMoney', 'formatPrice', 'asDollars'],
    params: [
      {
        names: ['cents', 'amount', 'price', 'value'],
        type: 'number',
        doc: 'an integer amount in cents (may be negative)',
      },
    ],
    returns: { type: 'string', doc: 'the amount as "$D.CC", with a leading "-" for negative amounts' },
    summary: 'Formats an amount of cents as dollars.',
    bodies: [
      `const @sign = $0 < 0 ? '-' : '';\nconst @num = Math.abs($0);\nconst @rest = String(@num % 100).padStart(2, '0');\nreturn @sign + '$' + Math.floor(@num / 100) + '.' + @rest;`,
      `let @num = $0;\nlet @out = '';\nif (@num < 0) {\n  @out = '-';\n  @num = -@num;\n}\nconst @rest = @num % 100;\nreturn @out + '$' + (@num - @rest) / 100 + '.' + (@rest < 10 ? '0' + @rest : String(@rest));`,
    ],
    inputs: (r) => cases(r, [[0], [5], [100], [1234], [-250], [99]], 6, (r) => [r.int(-20000, 50000)]),
  },
  {
    name: 'format-clock',
    category: 'formatting',
    names: ['formatClock', 'toClock', 'hhmm', 'clockString'],
    params: [
      {
        names: ['minutes', 'mins', 'total', 'm'],
        type: 'number',
        doc: 'minutes after midnight (wraps around every 24 hours)',
      },
    ],
    returns: { type: 'string', doc: 'the time as "HH:MM"' },
    summary: 'Formats minutes after midnight as a 24-hour clock time.',
    bodies: [
      `const @num = (($0 % 1440) + 1440) % 1440;\nconst @hi = Math.floor(@num / 60);\nconst @lo = @num % 60;\nreturn String(@hi).padStart(2, '0') + ':' + String(@lo).padStart(2, '0');`,
      `let @num = $0 % 1440;\nif (@num < 0) @num += 1440;\nconst @hi = (@num - (@num % 60)) / 60;\nconst @lo = @num % 60;\nreturn (@hi < 10 ? '0' : '') + @hi + ':' + (@lo < 10 ? '0' : '') + @lo;`,
    ],
    inputs: (r) => cases(r, [[0], [59], [60], [615], [1439], [1440], [-1]], 5, (r) => [r.int(-500, 3000)]),
  },
  {
    name: 'pluralize',
    category: 'formatting',
    names: ['pluralize', 'countNoun', 'withCount', 'quantity'],
    params: [
      { names: ['n', 'count', 'qty', 'num'], type: 'number', doc: 'the count' },
      { names: ['noun', 'word', 'thing', 'item'], type: 'string', doc: 'a singular noun' },
    ],
    returns: { type: 'string', doc: '"1 apple", "2 apples", "0 apples"; nouns ending in s, x or ch get "es"' },
    summary: 'Writes a count with a correctly pluralised noun.',
    bodies: [
      `if ($0 === 1) return $0 + ' ' + $1;\nconst @unit = $1.endsWith('s') || $1.endsWith('x') || $1.endsWith('ch') ? 'es' : 's';\nreturn $0 + ' ' + $1 + @unit;`,
      `let @word = $1;\nif ($0 !== 1) {\n  if (/(s|x|ch)$/.test(@word)) {\n    @word += 'es';\n  } else {\n    @word += 's';\n  }\n}\nreturn \`\${$0} \${@word}\`;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [1, 'box'],
          [2, 'box'],
          [0, 'cat'],
          [3, 'church'],
          [1, 'bus'],
          [5, 'bus'],
        ],
        6,
        (r) => [r.int(0, 4), r.pick(['fox', 'dog', 'match', 'class', ...words(r, 2)])],
      ),
  },
  {
    name: 'ordinal',
    category: 'formatting',
    names: ['ordinal', 'toOrdinal', 'nth', 'rankLabel'],
    params: [{ names: ['n', 'num', 'rank', 'place'], type: 'number', doc: 'a non-negative integer' }],
    returns: {
      type: 'string',
      doc: 'the number with its English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, …',
    },
    summary: 'Adds the English ordinal suffix to a number.',
    bodies: [
      `const @rest = $0 % 100;\nif (@rest >= 11 && @rest <= 13) return $0 + 'th';\nswitch ($0 % 10) {\n  case 1:\n    return $0 + 'st';\n  case 2:\n    return $0 + 'nd';\n  case 3:\n    return $0 + 'rd';\n  default:\n    return $0 + 'th';\n}`,
      `const @unit = ['th', 'st', 'nd', 'rd'];\nconst @rest = $0 % 100;\nconst @i = @rest > 10 && @rest < 14 ? 0 : $0 % 10;\nreturn $0 + (@i < 4 ? @unit[@i] : 'th');`,
    ],
    inputs: (r) =>
      cases(r, [[0], [1], [2], [3], [4], [11], [12], [13], [21], [22], [101], [111], [112]], 4, (r) => [r.int(0, 300)]),
  },
  {
    name: 'format-list',
    category: 'formatting',
    names: ['formatList', 'joinWithAnd', 'humanList', 'listToSentence'],
    params: [{ names: ['items', 'names', 'words', 'parts'], type: 'string[]', doc: 'the items' }],
    returns: { type: 'string', doc: '"", "a", "a and b", "a, b and c", …' },
    summary: 'Joins items into an English list.',
    bodies: [
      `if ($0.length === 0) return '';\nif ($0.length === 1) return $0[0];\nreturn $0.slice(0, -1).join(', ') + ' and ' + $0[$0.length - 1];`,
      `let @out = '';\nfor (let @i = 0; @i < $0.length; @i++) {\n  if (@i > 0) @out += @i === $0.length - 1 ? ' and ' : ', ';\n  @out += $0[@i];\n}\nreturn @out;`,
    ],
    inputs: (r) => cases(r, [[[]], [['a']], [['a', 'b']], [['a', 'b', 'c']]], 6, (r) => [words(r, r.int(1, 5))]),
  },
  {
    name: 'human-bytes',
    category: 'formatting',
    names: ['humanBytes', 'formatSize', 'prettyBytes', 'sizeLabel'],
    params: [{ names: ['bytes', 'size', 'n', 'amount'], type: 'number', doc: 'a non-negative byte count' }],
    returns: {
      type: 'string',
      doc: 'the size in B, KB, MB or GB (powers of 1024), whole numbers in B and one decimal otherwise',
    },
    summary: 'Formats a byte count for people.',
    bodies: [
      `const @unit = ['B', 'KB', 'MB', 'GB'];\nlet @num = $0;\nlet @i = 0;\nwhile (@num >= 1024 && @i < @unit.length - 1) {\n  @num /= 1024;\n  @i++;\n}\nreturn (@i === 0 ? String(@num) : @num.toFixed(1)) + ' ' + @unit[@i];`,
      `if ($0 < 1024) return $0 + ' B';\nif ($0 < 1024 * 1024) return ($0 / 1024).toFixed(1) + ' KB';\nif ($0 < 1024 * 1024 * 1024) return ($0 / (1024 * 1024)).toFixed(1) + ' MB';\nreturn ($0 / (1024 * 1024 * 1024)).toFixed(1) + ' GB';`,
    ],
    inputs: (r) =>
      cases(r, [[0], [1023], [1024], [1536], [1048576], [5000000], [3221225472]], 5, (r) => [
        r.int(0, 9) * 1024 ** r.int(0, 3) + r.int(0, 2000),
      ]),
  },
  {
    name: 'format-duration',
    category: 'formatting',
    names: ['formatDuration', 'prettyDuration', 'elapsedLabel', 'durationText'],
    params: [
      { names: ['seconds', 'secs', 'total', 'duration'], type: 'number', doc: 'a non-negative number of seconds' },
    ],
    returns: { type: 'string', doc: '"Ss" under a minute, "Mm SSs" under an hour, "Hh MMm" otherwise' },
    summary: 'Formats a duration in seconds.',
    bodies: [
      `if ($0 < 60) return $0 + 's';\nconst @lo = $0 % 60;\nconst @num = Math.floor($0 / 60);\nif (@num < 60) return @num + 'm ' + String(@lo).padStart(2, '0') + 's';\nconst @hi = Math.floor(@num / 60);\nreturn @hi + 'h ' + String(@num % 60).padStart(2, '0') + 'm';`,
      `const @hi = Math.floor($0 / 3600);\nconst @num = Math.floor(($0 % 3600) / 60);\nconst @lo = $0 % 60;\nconst @tmp = (@x) => (@x < 10 ? '0' + @x : '' + @x);\nif (@hi > 0) return @hi + 'h ' + @tmp(@num) + 'm';\nif (@num > 0) return @num + 'm ' + @tmp(@lo) + 's';\nreturn @lo + 's';`,
    ],
    inputs: (r) => cases(r, [[0], [59], [60], [61], [3599], [3600], [3661], [7325]], 5, (r) => [r.int(0, 20000)]),
  },
  {
    name: 'pad-table-row',
    category: 'formatting',
    names: ['padRow', 'formatRow', 'alignColumns', 'tableRow'],
    params: [
      { names: ['cells', 'columns', 'values', 'fields'], type: 'string[]', doc: 'the cell texts' },
      { names: ['width', 'colWidth', 'size', 'w'], type: 'number', doc: 'the column width' },
    ],
    returns: { type: 'string', doc: 'the cells, each right-padded with spaces (or cut) to width, joined with " | "' },
    summary: 'Formats one row of a fixed-width text table.',
    bodies: [
      `return $0.map((@x) => (@x.length > $1 ? @x.slice(0, $1) : @x.padEnd($1, ' '))).join(' | ');`,
      `const @out = [];\nfor (const @x of $0) {\n  let @word = @x.substring(0, $1);\n  while (@word.length < $1) @word += ' ';\n  @out.push(@word);\n}\nreturn @out.join(' | ');`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[], 3],
          [['a'], 3],
          [['abcd', 'x'], 3],
        ],
        6,
        (r) => [words(r, r.int(1, 4)), r.int(2, 7)],
      ),
  },
];
