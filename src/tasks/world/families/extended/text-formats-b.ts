// Train-only families (see ./index.ts): text-formats, part b.
import type { Family } from '../../family.ts';
import { bodyLines, cases, letters, words } from '../../gen.ts';

export const EXTENDED_TEXT_FORMATS_B_FAMILIES: Family[] = [
  {
    name: 'quotes-balanced',
    category: 'validation',
    names: ['quotesBalanced', 'quotesClosed', 'checkQuotes', 'allQuotesClosed'],
    params: [{ names: ['text', 'source', 'snippet', 'str'], type: 'string', doc: 'a text with quotes' }],
    returns: {
      type: 'boolean',
      doc:
        `true when every quoted section is closed: a ' or " opens a section that ends at the next quote ` +
        `of the same kind, and the other kind of quote inside a section is ordinary text`,
    },
    summary: 'Checks that every single- or double-quoted section of a text is closed.',
    bodies: [
      bodyLines(
        `let @tmp = null;`,
        `for (const @ch of $0) {`,
        `  if (@tmp === null && (@ch === '"' || @ch === "'")) @tmp = @ch;`,
        `  else if (@ch === @tmp) @tmp = null;`,
        `}`,
        `return @tmp === null;`,
      ),
      bodyLines(`return !/['"]/.test($0.replace(/"[^"]*"|'[^']*'/g, ''));`),
      bodyLines(
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i] !== '"' && $0[@i] !== "'") continue;`,
        `  @i = $0.indexOf($0[@i], @i + 1);`,
        `  if (@i === -1) return false;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[''], ['plain'], ['"a"'], ['"a'], ["'a'"], ["it's"], [`"it's"`], [`'say "hi"'`], [`"a" 'b`], ['""'], [`'"'"`]],
        6,
        (r) => [letters(r, r.int(1, 10), `ab"' `)],
      ),
  },
  {
    name: 'is-valid-port',
    category: 'validation',
    names: ['isValidPort', 'validPort', 'portOk', 'checkPort'],
    params: [{ names: ['port', 'text', 'raw', 'portText'], type: 'string', doc: 'a port number as text' }],
    returns: {
      type: 'boolean',
      doc: 'true for a decimal number from 1 to 65535 written with digits only and without leading zeros',
    },
    summary: 'Validates a TCP port number written as text.',
    bodies: [
      bodyLines(`return /^[1-9][0-9]{0,4}$/.test($0) && Number($0) <= 65535;`),
      bodyLines(
        `const @num = Number($0);`,
        `return Number.isInteger(@num) && String(@num) === $0 && @num >= 1 && @num <= 65535;`,
      ),
      bodyLines(
        `if ($0.length === 0 || $0.length > 5 || $0[0] === '0') return false;`,
        `let @num = 0;`,
        `for (const @ch of $0) {`,
        `  if (!#isDigit(@ch)) return false;`,
        `  @num = @num * 10 + (@ch.charCodeAt(0) - 48);`,
        `}`,
        `return @num <= 65535;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['0'],
          ['1'],
          ['80'],
          ['8080'],
          ['65535'],
          ['65536'],
          ['99999'],
          ['100000'],
          ['080'],
          ['-1'],
          ['12a'],
          ['1e3'],
          [' 22'],
          ['3.0'],
        ],
        6,
        (r) => [r.chance(0.8) ? String(r.int(0, 70000)) : letters(r, r.int(1, 6), '01569x-')],
      ),
  },
  {
    name: 'is-semver',
    category: 'validation',
    names: ['isSemver', 'validSemver', 'isVersionString', 'checkSemver'],
    params: [{ names: ['version', 'text', 'tag', 'release'], type: 'string', doc: 'a version like "1.4.2"' }],
    returns: {
      type: 'boolean',
      doc:
        'true for exactly three dot-separated parts that are each digits only without a leading zero ' +
        '("0" is fine, "01" is not)',
    },
    summary: 'Tells whether a text is a plain MAJOR.MINOR.PATCH semantic version.',
    bodies: [
      bodyLines(`return /^(0|[1-9][0-9]*)[.](0|[1-9][0-9]*)[.](0|[1-9][0-9]*)$/.test($0);`),
      bodyLines(
        `const @parts = $0.split('.');`,
        `if (@parts.length !== 3) return false;`,
        `for (const @word of @parts) {`,
        `  if (@word === '' || (@word[0] === '0' && @word.length > 1)) return false;`,
        `  if (@word.split('').some((@ch) => !#isDigit(@ch))) return false;`,
        `}`,
        `return true;`,
      ),
      bodyLines(
        `const @parts = $0.split('.');`,
        `const @flag = (@x) => /^[0-9]+$/.test(@x) && !(@x.length > 1 && @x.startsWith('0'));`,
        `return @parts.length === 3 && @parts.every(@flag);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['1.2.3'],
          ['0.0.0'],
          ['10.20.30'],
          ['1.2'],
          ['1.2.3.4'],
          ['01.2.3'],
          ['1.02.3'],
          ['1.2.x'],
          ['1..3'],
          ['v1.2.3'],
          ['1.2.3-beta'],
          ['-1.2.3'],
        ],
        6,
        (r) => [
          Array.from({ length: r.pick([3, 3, 3, 2, 4]) }, () =>
            r.chance(0.85) ? String(r.int(0, 30)) : r.pick(['0' + r.int(0, 9), 'x', '', '-1']),
          ).join('.'),
        ],
      ),
  },
  // ---- formatting ----
  {
    name: 'zero-pad',
    category: 'formatting',
    names: ['zeroPad', 'padNumber', 'leadingZeros', 'padDigits'],
    params: [
      { names: ['n', 'num', 'value', 'x'], type: 'number', doc: 'an integer' },
      { names: ['width', 'digits', 'places', 'minDigits'], type: 'number', doc: 'the minimum number of digits' },
    ],
    returns: {
      type: 'string',
      doc:
        'the digits of |n| left-padded with zeros to at least width digits (never cut), after a "-" when ' +
        'n is negative; the sign does not count toward width',
    },
    summary: 'Pads an integer with leading zeros to a minimum number of digits.',
    bodies: [
      bodyLines(`const @sign = $0 < 0 ? '-' : '';`, `return @sign + String(Math.abs($0)).padStart($1, '0');`),
      bodyLines(
        `let @out = String(Math.abs($0));`,
        `while (@out.length < $1) @out = '0' + @out;`,
        `return ($0 < 0 ? '-' : '') + @out;`,
      ),
      bodyLines(
        `const @num = String(Math.abs($0));`,
        `const @len = Math.max(0, $1 - @num.length);`,
        `return ($0 < 0 ? '-' : '') + '0'.repeat(@len) + @num;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 3],
          [7, 3],
          [123, 3],
          [12345, 3],
          [-5, 3],
          [-123, 2],
          [42, 0],
          [5, 1],
          [0, 0],
          [9, -2],
        ],
        6,
        (r) => [r.int(-2000, 99999), r.int(0, 7)],
      ),
  },
  {
    name: 'media-timestamp',
    category: 'formatting',
    names: ['formatTimestamp', 'playbackTime', 'trackTime', 'timecode'],
    params: [
      { names: ['seconds', 'secs', 'elapsed', 't'], type: 'number', doc: 'a non-negative whole number of seconds' },
    ],
    returns: {
      type: 'string',
      doc:
        '"m:ss" under an hour (minutes not padded) and "h:mm:ss" from an hour on, e.g. 5 gives "0:05", ' +
        '75 gives "1:15" and 3605 gives "1:00:05"',
    },
    summary: 'Formats a number of seconds as a media player timestamp.',
    bodies: [
      bodyLines(
        `const @hi = Math.floor($0 / 3600);`,
        `const @num = Math.floor(($0 % 3600) / 60);`,
        `const @lo = String($0 % 60).padStart(2, '0');`,
        `if (@hi === 0) return @num + ':' + @lo;`,
        `return @hi + ':' + String(@num).padStart(2, '0') + ':' + @lo;`,
      ),
      bodyLines(
        'const @tmp = (@x) => (@x < 10 ? "0" + @x : "" + @x);',
        'const @num = Math.floor($0 / 60);',
        'const @rest = @tmp($0 % 60);',
        'if (@num < 60) return `${@num}:${@rest}`;',
        'return `${Math.floor(@num / 60)}:${@tmp(@num % 60)}:${@rest}`;',
      ),
      bodyLines(
        `let @out = String($0 % 60).padStart(2, '0');`,
        `let @rest = Math.floor($0 / 60);`,
        `if (@rest >= 60) {`,
        `  @out = String(@rest % 60).padStart(2, '0') + ':' + @out;`,
        `  @rest = Math.floor(@rest / 60);`,
        `}`,
        `return @rest + ':' + @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[0], [5], [59], [60], [75], [599], [3599], [3600], [3605], [3661], [36000], [86399]], 6, (r) => [
        r.chance(0.7) ? r.int(0, 4000) : r.int(0, 200000),
      ]),
  },
  {
    name: 'format-percent',
    category: 'formatting',
    names: ['formatPercent', 'percentLabel', 'asPercent', 'shareText'],
    params: [
      { names: ['part', 'done', 'hits', 'portion'], type: 'number', doc: 'a non-negative integer amount' },
      { names: ['whole', 'outOf', 'base', 'denominator'], type: 'number', doc: 'the non-negative integer total' },
    ],
    returns: {
      type: 'string',
      doc:
        'part / whole as a whole percentage rounded to the nearest integer (halves round up) followed by ' +
        '"%", e.g. "67%" for 2 of 3; "0%" when whole is 0',
    },
    summary: 'Formats a part of a whole as a rounded percentage.',
    bodies: [
      bodyLines(`if ($1 === 0) return '0%';`, `return Math.round((100 * $0) / $1) + '%';`),
      bodyLines(`if ($1 === 0) return '0%';`, `return Math.floor((200 * $0 + $1) / (2 * $1)) + '%';`),
      bodyLines(
        `if ($1 === 0) return '0%';`,
        `const @num = 100 * $0;`,
        `let @out = (@num - (@num % $1)) / $1;`,
        `if (2 * (@num % $1) >= $1) @out++;`,
        'return `${@out}%`;',
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 0],
          [5, 0],
          [0, 10],
          [1, 3],
          [2, 3],
          [1, 2],
          [1, 8],
          [3, 8],
          [5, 5],
          [7, 4],
          [1, 200],
          [1, 199],
          [999, 1000],
        ],
        6,
        (r) => {
          const whole = r.int(1, 500);
          return [r.int(0, whole + 50), whole];
        },
      ),
  },
  {
    name: 'numbered-list',
    category: 'formatting',
    names: ['numberedList', 'enumerateLines', 'toNumberedList', 'numberLines'],
    params: [{ names: ['items', 'entries', 'steps', 'points'], type: 'string[]', doc: 'the items' }],
    returns: {
      type: 'string',
      doc:
        'one line per item, "N. item" with N counting from 1 and right-aligned with spaces to the width ' +
        'of the largest number, lines joined with "\\n"; "" for no items',
    },
    summary: 'Formats items as a numbered list, one per line.',
    bodies: [
      bodyLines(
        `const @len = String($0.length).length;`,
        `return $0.map((@x, @i) => String(@i + 1).padStart(@len, ' ') + '. ' + @x).join('\\n');`,
      ),
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  let @key = String(@i + 1);`,
        `  while (@key.length < String($0.length).length) @key = ' ' + @key;`,
        `  @out += (@i > 0 ? '\\n' : '') + @key + '. ' + $0[@i];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @len = String($0.length).length;`,
        `return $0.reduce((@acc, @x, @i) => {`,
        `  const @key = ' '.repeat(@len - String(@i + 1).length) + (@i + 1);`,
        `  return @acc + (@i === 0 ? '' : '\\n') + @key + '. ' + @x;`,
        `}, '');`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[[]], [['a']], [['a', 'b']], [['', 'x']], [words(r, 10)], [words(r, 12)]], 6, (r) => [
        words(r, r.int(1, 14)),
      ]),
  },
  {
    name: 'group-thousands',
    category: 'formatting',
    names: ['groupThousands', 'withCommas', 'addThousandsSeparators', 'commaGroups'],
    params: [{ names: ['n', 'num', 'amount', 'value'], type: 'number', doc: 'an integer' }],
    returns: {
      type: 'string',
      doc:
        'the integer with a "," between groups of three digits counted from the right, e.g. "1,234,567" ' +
        'for 1234567 and "-1,234" for -1234',
    },
    summary: 'Writes an integer with comma thousands separators.',
    bodies: [
      bodyLines(`return String($0).replace(/\\B(?=([0-9]{3})+$)/g, ',');`),
      bodyLines(
        `const @num = String(Math.abs($0));`,
        `let @out = '';`,
        `for (let @i = 0; @i < @num.length; @i++) {`,
        `  if (@i > 0 && (@num.length - @i) % 3 === 0) @out += ',';`,
        `  @out += @num[@i];`,
        `}`,
        `return ($0 < 0 ? '-' : '') + @out;`,
      ),
      bodyLines(
        `let @rest = String(Math.abs($0));`,
        `const @parts = [];`,
        `while (@rest.length > 3) {`,
        `  @parts.unshift(@rest.slice(-3));`,
        `  @rest = @rest.slice(0, -3);`,
        `}`,
        `return ($0 < 0 ? '-' : '') + [@rest, ...@parts].join(',');`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[0], [7], [999], [1000], [-1000], [12345], [999999], [1000000], [-999], [-12345], [1234567890]],
        6,
        (r) => [r.chance(0.5) ? r.int(-9999999, 99999999) : r.int(0, 10 ** r.int(1, 9))],
      ),
  },
];
