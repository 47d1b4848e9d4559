// Train-only families (see ./index.ts): text-formats, part d.
import type { Family } from '../../family.ts';
import { bodyLines, cases, letters, word, words } from '../../gen.ts';
import { roman, digitString } from './specs.ts';

export const EXTENDED_TEXT_FORMATS_D_FAMILIES: Family[] = [
  {
    name: 'is-uk-postcode',
    category: 'validation',
    names: ['isUkPostcode', 'validPostcode', 'checkPostcode', 'postcodeOk'],
    params: [{ names: ['postcode', 'code', 'text', 'zip'], type: 'string', doc: 'a postcode like "SW19 5AE"' }],
    returns: {
      type: 'boolean',
      doc:
        'true (simplified UK format) for one or two upper-case letters A-Z, then one or two digits, one ' +
        'space, one digit and two upper-case letters, like "B1 1AA" or "SW19 5AE"; nothing else is allowed',
    },
    summary: 'Checks a simplified UK-style postcode.',
    bodies: [
      bodyLines(`return /^[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}$/.test($0);`),
      bodyLines(
        `const @key = [...$0].map((@ch) => (@ch >= 'A' && @ch <= 'Z' ? 'A' : #isDigit(@ch) ? '9' : @ch)).join('');`,
        `return ['A9 9AA', 'A99 9AA', 'AA9 9AA', 'AA99 9AA'].includes(@key);`,
      ),
      bodyLines(
        `const [@head, @rest, ...@parts] = $0.split(' ');`,
        `const @tmp = (@ch) => @ch >= 'A' && @ch <= 'Z';`,
        `const @num = @head.slice(@tmp(@head[1]) ? 2 : 1);`,
        `if (@parts.length > 0 || !@rest || @rest.length !== 3 || !@tmp(@head[0])) return false;`,
        `if (@num.length < 1 || @num.length > 2 || ![...@num].every((@ch) => #isDigit(@ch))) return false;`,
        `return #isDigit(@rest[0]) && @tmp(@rest[1]) && @tmp(@rest[2]);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          [' '],
          ['B1 1AA'],
          ['SW19 5AE'],
          ['M60 1NW'],
          ['EC1 4AB'],
          ['sw19 5ae'],
          ['SW195AE'],
          ['SW19  5AE'],
          ['SW1A 1AA'],
          ['ABC1 1AA'],
          ['A 1AA'],
          ['1A 1AA'],
          ['A1 AAA'],
          ['A1 1A'],
          ['A1 1AAA'],
          ['A123 1AA'],
          ['A1 1AA '],
        ],
        6,
        (r) => [
          letters(r, r.pick([1, 2, 2, 3, 0]), 'ABSWz') +
            digitString(r, r.pick([1, 2, 2, 3])) +
            r.pick([' ', ' ', ' ', '', '  ']) +
            digitString(r, r.pick([1, 1, 0])) +
            letters(r, r.pick([2, 2, 2, 1, 3]), 'ANEWa1'),
        ],
      ),
  },
  {
    name: 'is-mac-address',
    category: 'validation',
    names: ['isMacAddress', 'validMac', 'checkMac', 'macOk'],
    params: [
      {
        names: ['mac', 'address', 'text', 'hwAddr'],
        type: 'string',
        doc: 'a hardware address like "0a:1b:ff:00:9c:4d"',
      },
    ],
    returns: {
      type: 'boolean',
      doc: 'true for exactly six groups of two hex digits (0-9, a-f, either case) separated by single ":"',
    },
    summary: 'Validates a colon-separated MAC address.',
    bodies: [
      bodyLines(`return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test($0);`),
      bodyLines(
        `const @parts = $0.split(':');`,
        `const @flag = (@ch) => '0123456789abcdef'.includes(@ch.toLowerCase());`,
        `return @parts.length === 6 && @parts.every((@x) => @x.length === 2 && @flag(@x[0]) && @flag(@x[1]));`,
      ),
      bodyLines(
        `if ($0.length !== 17) return false;`,
        `for (let @i = 0; @i < 17; @i++) {`,
        `  const @ch = $0[@i].toLowerCase();`,
        `  const @flag = #isDigit(@ch) || (@ch >= 'a' && @ch <= 'f');`,
        `  if (@i % 3 === 2 ? @ch !== ':' : !@flag) return false;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['00:00:00:00:00:00'],
          ['0a:1B:ff:00:9c:4d'],
          ['FF:FF:FF:FF:FF:FF'],
          ['0a:1b:ff:00:9c'],
          ['0a:1b:ff:00:9c:4d:11'],
          ['0a-1b-ff-00-9c-4d'],
          ['0a:1b:fg:00:9c:4d'],
          ['a:1b:ff:00:9c:4d0'],
          ['0a1b:ff:00:9c:4d:'],
          ['0a:1b:ff:00:9c:4 '],
          ['0a::1b:ff:00:9c:4d'],
        ],
        6,
        (r) => [
          Array.from({ length: r.pick([6, 6, 6, 5, 7]) }, () =>
            letters(r, r.pick([2, 2, 2, 2, 1, 3]), r.chance(0.8) ? '0123456789abcdefABCDEF' : '09afgG '),
          ).join(r.chance(0.85) ? ':' : r.pick(['-', '.', '::'])),
        ],
      ),
  },
  {
    name: 'is-slug',
    category: 'validation',
    names: ['isSlug', 'validSlug', 'checkSlug', 'slugOk'],
    params: [{ names: ['slug', 'text', 'path', 'handle'], type: 'string', doc: 'a URL slug like "my-first-post"' }],
    returns: {
      type: 'boolean',
      doc:
        'true when it is one or more groups of lower-case letters a-z and digits joined by single "-" ' +
        '(no leading, trailing or doubled "-"); "" is not a slug',
    },
    summary: 'Tells whether a text is a well-formed URL slug.',
    bodies: [
      bodyLines(`return /^[a-z0-9]+(-[a-z0-9]+)*$/.test($0);`),
      bodyLines(
        `const @flag = (@ch) => (@ch >= 'a' && @ch <= 'z') || #isDigit(@ch);`,
        `return $0.split('-').every((@word) => @word.length > 0 && [...@word].every(@flag));`,
      ),
      bodyLines(
        `if ($0 === '' || $0[0] === '-' || $0[$0.length - 1] === '-') return false;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @ch = $0[@i];`,
        `  if (@ch === '-' ? $0[@i - 1] === '-' : !/[a-z0-9]/.test(@ch)) return false;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['-'],
          ['a'],
          ['7'],
          ['my-first-post'],
          ['post-2'],
          ['-lead'],
          ['trail-'],
          ['double--dash'],
          ['Upper-case'],
          ['under_score'],
          ['with space'],
          ['a-b-c-d'],
        ],
        6,
        (r) => [
          r.chance(0.6)
            ? words(r, r.int(1, 4)).join(r.chance(0.8) ? '-' : r.pick(['--', '_', ' ']))
            : letters(r, r.int(1, 9), 'ab9-Z_'),
        ],
      ),
  },
  // ---- formatting ----
  {
    name: 'to-roman',
    category: 'formatting',
    names: ['toRoman', 'romanNumeral', 'formatRoman', 'asRoman'],
    params: [{ names: ['n', 'num', 'value', 'year'], type: 'number', doc: 'an integer from 0 to 3999' }],
    returns: {
      type: 'string',
      doc:
        'the standard upper-case Roman numeral, using the subtractive pairs IV, IX, XL, XC, CD and CM ' +
        '(1994 gives "MCMXCIV"); "" for 0',
    },
    summary: 'Writes a number as a Roman numeral.',
    bodies: [
      bodyLines(
        `const @num = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];`,
        `const @key = ['M', 'CM', 'D', 'CD', 'C', 'XC', 'L', 'XL', 'X', 'IX', 'V', 'IV', 'I'];`,
        `let @rest = $0;`,
        `let @out = '';`,
        `for (let @i = 0; @i < @num.length; @i++) {`,
        `  for (; @rest >= @num[@i]; @rest -= @num[@i]) @out += @key[@i];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @key = 'IVXLCDM';`,
        `const @parts = String($0).split('').reverse().map((@ch, @i) => {`,
        `  const [@lo, @x, @hi] = @key.slice(2 * @i, 2 * @i + 3);`,
        `  const @num = Number(@ch);`,
        `  const @tmp = @num >= 5 ? @x + @lo.repeat(@num - 5) : @lo.repeat(@num);`,
        `  return @num === 9 ? @lo + @hi : @num === 4 ? @lo + @x : @tmp;`,
        `});`,
        `return @parts.reverse().join('');`,
      ),
      bodyLines(
        `return 'I'`,
        `  .repeat($0)`,
        `  .replace(/IIIII/g, 'V').replace(/VV/g, 'X').replace(/XXXXX/g, 'L').replace(/LL/g, 'C')`,
        `  .replace(/CCCCC/g, 'D').replace(/DD/g, 'M').replace(/DCCCC/g, 'CM').replace(/CCCC/g, 'CD')`,
        `  .replace(/LXXXX/g, 'XC').replace(/XXXX/g, 'XL').replace(/VIIII/g, 'IX').replace(/IIII/g, 'IV');`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[0], [1], [3], [4], [5], [9], [14], [40], [49], [90], [99], [400], [444], [900], [1994], [2024], [3999]],
        6,
        (r) => [r.chance(0.5) ? r.int(1, 100) : r.int(1, 3999)],
      ),
  },
  {
    name: 'format-phone',
    category: 'formatting',
    names: ['formatPhone', 'formatPhoneNumber', 'prettyPhone', 'phoneDisplay'],
    params: [
      {
        names: ['phone', 'number', 'raw', 'digits'],
        type: 'string',
        doc: 'a phone number, possibly with spaces, dashes, dots or parentheses',
      },
    ],
    returns: {
      type: 'string | null',
      doc:
        'its digits 0-9 as "(123) 456-7890", all other characters being ignored; null unless the text ' +
        'contains exactly ten digits',
    },
    summary: 'Formats a ten-digit phone number as "(123) 456-7890".',
    bodies: [
      bodyLines(
        `const @num = $0.replace(/[^0-9]/g, '');`,
        `if (@num.length !== 10) return null;`,
        'return `(${@num.slice(0, 3)}) ${@num.slice(3, 6)}-${@num.slice(6)}`;',
      ),
      bodyLines(
        `let @out = '(';`,
        `let @count = 0;`,
        `for (const @ch of $0) {`,
        `  if (!#isDigit(@ch)) continue;`,
        `  @count++;`,
        `  @out += @ch + (@count === 3 ? ') ' : @count === 6 ? '-' : '');`,
        `}`,
        `return @count === 10 ? @out : null;`,
      ),
      bodyLines(
        `const @parts = $0.match(/[0-9]/g) || [];`,
        `if (@parts.length !== 10) return null;`,
        `@parts.splice(6, 0, '-');`,
        `@parts.splice(3, 0, ') ');`,
        `return '(' + @parts.join('');`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['1234567890'],
          ['123-456-7890'],
          ['(123) 456-7890'],
          ['123.456.7890'],
          ['123456789'],
          ['12345678901'],
          ['+1 555 123 4567'],
          ['call 555 010 0123 now'],
          ['abc'],
          ['0000000000'],
        ],
        6,
        (r) => {
          const d = digitString(r, r.pick([10, 10, 10, 9, 11]));
          const sep = r.pick(['', '-', ' ', '.']);
          return [
            r.chance(0.5)
              ? `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}`
              : `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
          ];
        },
      ),
  },
  {
    name: 'file-mode-string',
    category: 'formatting',
    names: ['formatFileMode', 'modeString', 'permissionString', 'toRwx'],
    params: [
      {
        names: ['mode', 'perms', 'bits', 'permissions'],
        type: 'number',
        doc: 'Unix permission bits, an integer from 0 to 511 (0o777)',
      },
    ],
    returns: {
      type: 'string',
      doc:
        'nine characters, "rwx" for the owner, the group and others (from the high bits to the low ones), each ' +
        'letter replaced by "-" when its bit is off: 493 (0o755) gives "rwxr-xr-x"',
    },
    summary: 'Formats Unix permission bits as an "rwxr-xr-x" string.',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (let @i = 8; @i >= 0; @i--) {`,
        `  @out += (($0 >> @i) & 1) === 1 ? 'rwx'[(8 - @i) % 3] : '-';`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @tmp = (@num) => (@num & 4 ? 'r' : '-') + (@num & 2 ? 'w' : '-') + (@num & 1 ? 'x' : '-');`,
        `return @tmp($0 >> 6) + @tmp(($0 >> 3) & 7) + @tmp($0 & 7);`,
      ),
      bodyLines(
        `const @key = ['---', '--x', '-w-', '-wx', 'r--', 'r-x', 'rw-', 'rwx'];`,
        `return @key[Math.floor($0 / 64)] + @key[Math.floor($0 / 8) % 8] + @key[$0 % 8];`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[0], [511], [493], [420], [384], [448], [292], [73], [1], [256], [365], [146]], 8, (r) => [
        r.int(0, 511),
      ]),
  },
  {
    name: 'format-csv-row',
    category: 'formatting',
    names: ['toCsvRow', 'formatCsvRow', 'csvLine', 'encodeCsvRow'],
    params: [{ names: ['fields', 'cells', 'values', 'row'], type: 'string[]', doc: 'the field texts' }],
    returns: {
      type: 'string',
      doc:
        'the fields joined with ","; a field containing a comma, a double quote or a "\\n" is wrapped in ' +
        'double quotes with each of its double quotes doubled; other fields are written as they are',
    },
    summary: 'Formats a row of fields as one CSV line, quoting fields where needed.',
    bodies: [
      bodyLines(`return $0.map((@x) => (/[",\\n]/.test(@x) ? '"' + @x.replace(/"/g, '""') + '"' : @x)).join(',');`),
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @x = $0[@i];`,
        `  const @flag = @x.includes(',') || @x.includes('"') || @x.includes('\\n');`,
        `  @out += (@i > 0 ? ',' : '') + (@flag ? '"' + @x.split('"').join('""') + '"' : @x);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return $0`,
        `  .map((@word) => {`,
        `    let @tmp = '';`,
        `    for (const @ch of @word) @tmp += @ch === '"' ? '""' : @ch;`,
        `    return @tmp.length !== @word.length || /[,\\n]/.test(@word) ? '"' + @tmp + '"' : @word;`,
        `  })`,
        `  .join(',');`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [[]],
          [['']],
          [['a']],
          [['a', 'b']],
          [['', '']],
          [['x,y']],
          [['say "hi"']],
          [['"']],
          [['two\nlines', 'ok']],
          [['a b', ' c ']],
          [['1,5', 'plain', '""']],
        ],
        6,
        (r) => [
          Array.from({ length: r.int(1, 4) }, () => (r.chance(0.6) ? word(r) : letters(r, r.int(0, 5), 'ab ,"\n'))),
        ],
      ),
  },
  {
    name: 'time-ago',
    category: 'formatting',
    names: ['timeAgo', 'relativeTime', 'formatAgo', 'agoLabel'],
    params: [
      { names: ['seconds', 'secs', 'age', 'elapsed'], type: 'number', doc: 'a non-negative whole number of seconds' },
    ],
    returns: {
      type: 'string',
      doc:
        '"just now" under 60; otherwise the whole number of the largest fitting unit (days of 86400 s, hours ' +
        'of 3600 s, else minutes), rounded down, as "1 minute ago", "5 minutes ago", "1 hour ago", "3 days ago"',
    },
    summary: 'Describes how long ago something happened, like "5 minutes ago".',
    bodies: [
      bodyLines(
        `const @map = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];`,
        `for (const [@len, @unit] of @map) {`,
        `  const @num = Math.floor($0 / @len);`,
        `  if (@num >= 1) return @num + ' ' + @unit + (@num > 1 ? 's' : '') + ' ago';`,
        `}`,
        `return 'just now';`,
      ),
      bodyLines(
        `if ($0 < 60) return 'just now';`,
        `let @num = Math.floor($0 / 60);`,
        `let @unit = 'minute';`,
        `if ($0 >= 86400) [@num, @unit] = [Math.floor($0 / 86400), 'day'];`,
        `else if ($0 >= 3600) [@num, @unit] = [Math.floor($0 / 3600), 'hour'];`,
        'return `${@num} ${@unit}${@num === 1 ? "" : "s"} ago`;',
      ),
      bodyLines(
        `const @i = [86400, 3600, 60].findIndex((@len) => $0 >= @len);`,
        `if (@i < 0) return 'just now';`,
        `const @num = Math.floor($0 / [86400, 3600, 60][@i]);`,
        `return @num + ' ' + ['day', 'hour', 'minute'][@i] + (@num === 1 ? '' : 's') + ' ago';`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[0], [1], [59], [60], [119], [120], [3599], [3600], [7199], [7200], [86399], [86400], [172799], [172800]],
        6,
        (r) => [r.pick([r.int(0, 200), r.int(0, 10000), r.int(0, 1000000)])],
      ),
  },
];
