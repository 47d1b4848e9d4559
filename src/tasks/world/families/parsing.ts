// Parsing families (no dates: everything is deterministic).
import type { Family } from '../family.ts';
import { cases, ints, letters, word, words } from '../gen.ts';

const S = (doc: string) => ({ names: ['text', 'input', 'src', 'line', 'raw'], type: 'string', doc });

export const PARSING_FAMILIES: Family[] = [
  {
    name: 'parse-digits',
    category: 'parsing',
    names: ['parseDigits', 'toInt', 'readInteger', 'parseNatural'],
    params: [S('a string of decimal digits')],
    returns: { type: 'number', doc: 'its value; -1 when empty or when it contains a non-digit' },
    summary: 'Parses a string of decimal digits without using parseInt.',
    bodies: [
      `if ($0.length === 0) return -1;\nlet @num = 0;\nfor (const @ch of $0) {\n  if (@ch < '0' || @ch > '9') return -1;\n  @num = @num * 10 + (@ch.charCodeAt(0) - 48);\n}\nreturn @num;`,
      `if ($0 === '') return -1;\nlet @num = 0;\nfor (let @i = 0; @i < $0.length; @i++) {\n  const @ch = $0[@i];\n  if (!#isDigit(@ch)) return -1;\n  @num = @num * 10 + Number(@ch);\n}\nreturn @num;`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['0'], ['7'], ['42'], ['4a2'], ['-1'], ['1 2']], 5, (r) => [
        r.chance(0.8) ? String(r.int(0, 99999)) : letters(r, 3, '12x'),
      ]),
  },
  {
    name: 'parse-csv-line',
    category: 'parsing',
    names: ['parseCsvLine', 'splitCsv', 'csvFields', 'readRow'],
    params: [S('one line of comma-separated values')],
    returns: { type: 'string[]', doc: 'the fields with surrounding spaces trimmed; an empty line gives []' },
    summary: 'Splits a CSV line into trimmed fields (no quoting).',
    bodies: [
      `if ($0.trim() === '') return [];\nreturn $0.split(',').map((@x) => @x.trim());`,
      `const @out = [];\nif ($0.trim().length === 0) return @out;\nlet @tmp = '';\nfor (const @ch of $0) {\n  if (@ch === ',') {\n    @out.push(@tmp.trim());\n    @tmp = '';\n  } else {\n    @tmp += @ch;\n  }\n}\n@out.push(@tmp.trim());\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['  '], ['a'], ['a, b ,c'], ['x,,y'], [',']], 6, (r) => [
        words(r, r.int(1, 5)).join(r.pick([',', ', ', ' ,'])),
      ]),
  },
  {
    name: 'parse-key-values',
    category: 'parsing',
    names: ['parseKeyValues', 'parsePairs', 'readSettings', 'parseQuery'],
    params: [S('pairs like "a=1;b=2"')],
    returns: {
      type: 'Record<string, string>',
      doc: 'an object of the pairs; segments without "=" are skipped, later keys win',
    },
    summary: 'Parses "key=value" pairs separated by semicolons.',
    bodies: [
      `const @out = {};\nfor (const @word of $0.split(';')) {\n  const @i = @word.indexOf('=');\n  if (@i <= 0) continue;\n  @out[@word.slice(0, @i)] = @word.slice(@i + 1);\n}\nreturn @out;`,
      `const @out = {};\n$0.split(';').forEach((@word) => {\n  const @i = @word.indexOf('=');\n  if (@i > 0) {\n    @out[@word.substring(0, @i)] = @word.substring(@i + 1);\n  }\n});\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['a=1'], ['a=1;b=2;a=3'], ['junk;k=v'], ['=x;y='], ['e=a=b']], 6, (r) => [
        words(r, r.int(1, 4))
          .map((w) => `${w}=${r.int(0, 99)}`)
          .join(';'),
      ]),
  },
  {
    name: 'parse-duration',
    category: 'parsing',
    names: ['parseDuration', 'toMinutes', 'durationMinutes', 'readDuration'],
    params: [S('a duration like "1h30m", "45m" or "2h"')],
    returns: { type: 'number', doc: 'the total number of minutes; unknown units are ignored' },
    summary: 'Parses an hours/minutes duration into minutes.',
    bodies: [
      `let @acc = 0;\nlet @num = 0;\nfor (const @ch of $0) {\n  if (@ch >= '0' && @ch <= '9') {\n    @num = @num * 10 + Number(@ch);\n  } else {\n    if (@ch === 'h') @acc += @num * 60;\n    else if (@ch === 'm') @acc += @num;\n    @num = 0;\n  }\n}\nreturn @acc;`,
      `let @acc = 0;\nlet @tmp = '';\nfor (let @i = 0; @i < $0.length; @i++) {\n  const @ch = $0[@i];\n  if (#isDigit(@ch)) {\n    @tmp += @ch;\n    continue;\n  }\n  const @num = @tmp === '' ? 0 : Number(@tmp);\n  if (@ch === 'h') @acc += 60 * @num;\n  if (@ch === 'm') @acc += @num;\n  @tmp = '';\n}\nreturn @acc;`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['45m'], ['2h'], ['1h30m'], ['10x5m'], ['0h0m']], 6, (r) => [`${r.int(0, 12)}h${r.int(0, 59)}m`]),
  },
  {
    name: 'parse-bool',
    category: 'parsing',
    names: ['parseBool', 'toBoolean', 'readFlag', 'truthy'],
    params: [S('a flag value')],
    returns: {
      type: 'boolean | null',
      doc: 'true for yes/true/on/1, false for no/false/off/0 (any case, surrounding spaces ignored), null otherwise',
    },
    summary: 'Parses a boolean flag from text.',
    bodies: [
      `const @key = $0.trim().toLowerCase();\nif (['yes', 'true', 'on', '1'].includes(@key)) return true;\nif (['no', 'false', 'off', '0'].includes(@key)) return false;\nreturn null;`,
      `switch ($0.trim().toLowerCase()) {\n  case 'yes':\n  case 'true':\n  case 'on':\n  case '1':\n    return true;\n  case 'no':\n  case 'false':\n  case 'off':\n  case '0':\n    return false;\n  default:\n    return null;\n}`,
    ],
    inputs: (r) =>
      cases(r, [['yes'], [' TRUE '], ['off'], ['0'], ['maybe'], [''], ['On'], ['No']], 4, (r) => [
        r.pick(['yes', 'no', 'On', 'OFF', '1', '0', 'y', 'nope']),
      ]),
  },
  {
    name: 'parse-range',
    category: 'parsing',
    names: ['parseRange', 'expandRange', 'rangeOf', 'readSpan'],
    params: [S('a range like "3-7" or a single number like "4"')],
    returns: { type: 'number[]', doc: 'the integers of the inclusive range, [] when the end is below the start' },
    summary: 'Expands a textual integer range.',
    bodies: [
      `const @parts = $0.split('-');\nconst @lo = Number(@parts[0]);\nconst @hi = @parts.length > 1 ? Number(@parts[1]) : @lo;\nconst @out = [];\nfor (let @i = @lo; @i <= @hi; @i++) @out.push(@i);\nreturn @out;`,
      `const @i = $0.indexOf('-');\nconst @lo = Number(@i === -1 ? $0 : $0.slice(0, @i));\nconst @hi = @i === -1 ? @lo : Number($0.slice(@i + 1));\nif (@hi < @lo) return [];\nreturn Array.from({ length: @hi - @lo + 1 }, (@x, @j) => @lo + @j);`,
    ],
    inputs: (r) =>
      cases(r, [['4'], ['3-7'], ['5-5'], ['7-3'], ['0-2']], 6, (r) => {
        const a = r.int(0, 9);
        return [`${a}-${a + r.int(0, 6)}`];
      }),
  },
  {
    name: 'tokenize-arith',
    category: 'parsing',
    names: ['tokenize', 'lex', 'splitTokens', 'scanExpression'],
    params: [S('an arithmetic expression with integers, + - * / and parentheses')],
    returns: { type: 'string[]', doc: 'the tokens in order; spaces separate nothing and are dropped' },
    summary: 'Splits an arithmetic expression into number and operator tokens.',
    bodies: [
      `const @out = [];\nlet @num = '';\nfor (const @ch of $0) {\n  if (@ch >= '0' && @ch <= '9') {\n    @num += @ch;\n    continue;\n  }\n  if (@num !== '') {\n    @out.push(@num);\n    @num = '';\n  }\n  if (@ch !== ' ') @out.push(@ch);\n}\nif (@num !== '') @out.push(@num);\nreturn @out;`,
      `const @out = [];\nlet @i = 0;\nwhile (@i < $0.length) {\n  const @ch = $0[@i];\n  if (@ch === ' ') {\n    @i++;\n  } else if ('0123456789'.includes(@ch)) {\n    let @j = @i;\n    while (@j < $0.length && '0123456789'.includes($0[@j])) @j++;\n    @out.push($0.slice(@i, @j));\n    @i = @j;\n  } else {\n    @out.push(@ch);\n    @i++;\n  }\n}\nreturn @out;`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['12'], ['1+2'], ['(3 * 45) - 6'], ['  7 ']], 6, (r) => [
        ints(r, r.int(1, 4), 0, 120).join(` ${r.pick(['+', '-', '*', '/'])} `),
      ]),
  },
  {
    name: 'parse-version',
    category: 'parsing',
    names: ['parseVersion', 'readSemver', 'versionParts', 'splitVersion'],
    params: [S('a version like "1.4.2" (missing parts count as 0)')],
    returns: { type: 'number[]', doc: '[major, minor, patch]; non-numeric parts become 0' },
    summary: 'Parses a dotted version string into three numbers.',
    bodies: [
      `const @parts = $0.split('.');\nconst @out = [];\nfor (let @i = 0; @i < 3; @i++) {\n  const @num = Number(@parts[@i]);\n  @out.push(Number.isInteger(@num) ? @num : 0);\n}\nreturn @out;`,
      `const @parts = $0.split('.').slice(0, 3).map((@word) => {\n  const @num = Number(@word);\n  return Number.isInteger(@num) ? @num : 0;\n});\nwhile (@parts.length < 3) @parts.push(0);\nreturn @parts;`,
    ],
    inputs: (r) =>
      cases(r, [['1'], ['1.2'], ['1.2.3'], ['1.x.3'], ['10.20.30.40']], 6, (r) => [
        ints(r, r.int(1, 4), 0, 20).join('.'),
      ]),
  },
  {
    name: 'extract-hashtags',
    category: 'parsing',
    names: ['extractTags', 'hashtags', 'findTags', 'collectTags'],
    params: [S('a message')],
    returns: {
      type: 'string[]',
      doc: 'the words that start with "#" (without the "#"), lower-cased, each once, in order',
    },
    summary: 'Collects the hashtags of a message.',
    bodies: [
      `const @out = [];\nfor (const @word of $0.split(' ')) {\n  if (@word.length > 1 && @word[0] === '#') {\n    const @key = @word.slice(1).toLowerCase();\n    if (!@out.includes(@key)) @out.push(@key);\n  }\n}\nreturn @out;`,
      `const @map = new Set();\n$0.split(' ').filter((@word) => @word.startsWith('#') && @word.length > 1).forEach((@word) => @map.add(@word.substring(1).toLowerCase()));\nreturn [...@map];`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['#a'], ['# x'], ['hi #One and #one #two']], 7, (r) => [
        words(r, r.int(1, 5))
          .map((w) => (r.chance(0.4) ? '#' + w : w))
          .join(' ') + ` #${word(r)}`,
      ]),
  },
];
