// Train-only families (see ./index.ts): text-formats, part c.
import type { Family } from '../../family.ts';
import { bodyLines, cases, letters, sentence } from '../../gen.ts';
import { pad, roman } from './specs.ts';

export const EXTENDED_TEXT_FORMATS_C_FAMILIES: Family[] = [
  // ---- parsing ----
  {
    name: 'parse-log-line',
    category: 'parsing',
    names: ['parseLogLine', 'readLogEntry', 'splitLogLine', 'logRecord'],
    params: [{ names: ['line', 'entry', 'text', 'logLine'], type: 'string', doc: 'a log line like "WARN: disk full"' }],
    returns: {
      type: '{ level: string, message: string } | null',
      doc:
        'level is the text before the first ":" and must be one or more upper-case letters A-Z; message is ' +
        'everything after that ":" with surrounding whitespace trimmed (may be ""); null when there is no ":" ' +
        'or the level is not made of upper-case letters only',
    },
    summary: 'Parses a "LEVEL: message" log line into its level and message.',
    bodies: [
      bodyLines(
        `const @parts = /^([A-Z]+):(.*)$/.exec($0);`,
        `return @parts ? { level: @parts[1], message: @parts[2].trim() } : null;`,
      ),
      bodyLines(
        `const @i = $0.indexOf(':');`,
        `const @key = $0.slice(0, @i);`,
        `if (@i < 1 || [...@key].some((@ch) => @ch < 'A' || @ch > 'Z')) return null;`,
        `return { level: @key, message: $0.slice(@i + 1).trim() };`,
      ),
      bodyLines(
        `const [@head, ...@rest] = $0.split(':');`,
        `if (@rest.length === 0 || !/^[A-Z]+$/.test(@head)) return null;`,
        `return { level: @head, message: @rest.join(':').trim() };`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['INFO: ok'],
          ['ERROR:boom'],
          ['WARN:   spaced out  '],
          ['DEBUG:'],
          [':no level'],
          ['no colon here'],
          ['info: lower case'],
          ['A: b: c'],
          ['ERR0R: digit'],
          [' INFO: lead'],
          ['INFO : gap'],
          ['X:y'],
        ],
        6,
        (r) => [
          r.pick(['INFO', 'WARN', 'ERROR', 'DEBUG', 'TRACE', 'Info', 'warn', 'E', '']) +
            r.pick([': ', ':', ':  ', ' : ', ' ', ': ']) +
            sentence(r, r.int(0, 4)) +
            r.pick(['', '', ' ', ':x']),
        ],
      ),
  },
  {
    name: 'parse-iso-date',
    category: 'parsing',
    names: ['parseIsoDate', 'readIsoDate', 'dateParts', 'splitIsoDate'],
    params: [{ names: ['text', 'date', 'iso', 'stamp'], type: 'string', doc: 'a date like "2024-03-09"' }],
    returns: {
      type: '{ year: number, month: number, day: number } | null',
      doc:
        'the three numbers (leading zeros dropped); null unless it is exactly 4 digits, "-", 2 digits, "-", ' +
        '2 digits with nothing around (the values are not checked against the calendar)',
    },
    summary: 'Parses a "YYYY-MM-DD" date into its year, month and day.',
    bodies: [
      bodyLines(
        `const @parts = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec($0);`,
        `if (!@parts) return null;`,
        `return { year: Number(@parts[1]), month: Number(@parts[2]), day: Number(@parts[3]) };`,
      ),
      bodyLines(
        `if ($0.length !== 10 || $0[4] !== '-' || $0[7] !== '-') return null;`,
        `for (let @i = 0; @i < 10; @i++) {`,
        `  if (@i !== 4 && @i !== 7 && !#isDigit($0[@i])) return null;`,
        `}`,
        `return { year: +$0.slice(0, 4), month: +$0.slice(5, 7), day: +$0.slice(8) };`,
      ),
      bodyLines(
        `const @parts = $0.split('-');`,
        `if (@parts.length !== 3) return null;`,
        `if (@parts.some((@x, @i) => @x.length !== (@i === 0 ? 4 : 2) || !/^[0-9]+$/.test(@x))) return null;`,
        `const [@hi, @num, @lo] = @parts.map(Number);`,
        `return { year: @hi, month: @num, day: @lo };`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['2024-03-09'],
          ['1999-12-31'],
          ['0000-00-00'],
          ['2024-13-45'],
          ['2024-3-9'],
          ['24-03-09'],
          ['2024/03/09'],
          ['2024-03-091'],
          ['abcd-ef-gh'],
          [' 2024-03-09'],
          ['-024-03-09'],
          ['2024-03-0a'],
          ['20240309'],
        ],
        6,
        (r) => {
          const y = r.chance(0.85) ? pad(r.int(1900, 2100), 4) : String(r.int(0, 99999));
          const m = r.chance(0.85) ? pad(r.int(0, 13), 2) : String(r.int(0, 20));
          const d = r.chance(0.85) ? pad(r.int(0, 35), 2) : String(r.int(0, 40));
          return [[y, m, d].join(r.chance(0.9) ? '-' : r.pick(['/', '.', '--']))];
        },
      ),
  },
  {
    name: 'roman-to-int',
    category: 'parsing',
    names: ['romanToInt', 'parseRoman', 'fromRoman', 'readNumeral'],
    params: [
      {
        names: ['numeral', 'roman', 'text', 'symbols'],
        type: 'string',
        doc: 'a Roman numeral made of the upper-case letters I, V, X, L, C, D and M',
      },
    ],
    returns: {
      type: 'number',
      doc:
        'its value: I=1, V=5, X=10, L=50, C=100, D=500, M=1000 are added, except that a symbol whose value ' +
        'is smaller than that of the symbol right after it is subtracted ("XIV" is 14, "IM" is 999); 0 for ""',
    },
    summary: 'Converts a Roman numeral into a number.',
    bodies: [
      bodyLines(
        `const @map = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };`,
        `let @acc = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @num = @map[$0[@i]];`,
        `  @acc += @i + 1 < $0.length && @num < @map[$0[@i + 1]] ? -@num : @num;`,
        `}`,
        `return @acc;`,
      ),
      bodyLines(
        `const @map = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };`,
        `let @tmp = 0;`,
        `return [...$0].reduceRight((@acc, @ch) => {`,
        `  const @num = @map[@ch];`,
        `  const @sign = @num < @tmp ? -1 : 1;`,
        `  @tmp = @num;`,
        `  return @acc + @sign * @num;`,
        `}, 0);`,
      ),
      bodyLines(
        `const @parts = [...$0].map((@ch) => 'IVXLCDM'.indexOf(@ch)).map((@i) => (@i % 2 ? 5 : 1) * 10 ** (@i >> 1));`,
        `return @parts.reduce((@acc, @x, @i) => (@x < (@parts[@i + 1] || 0) ? @acc - @x : @acc + @x), 0);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['I'],
          ['IV'],
          ['IX'],
          ['XL'],
          ['XC'],
          ['CD'],
          ['CM'],
          ['MCMXCIV'],
          ['MMMCMXCIX'],
          ['IIII'],
          ['IM'],
          ['VX'],
          ['XIIX'],
        ],
        6,
        (r) => [r.chance(0.85) ? roman(r.int(1, 3999)) : letters(r, r.int(1, 6), 'IVXLCDM')],
      ),
  },
  {
    name: 'split-quoted-args',
    category: 'parsing',
    names: ['splitArgs', 'shellSplit', 'argvFromString', 'commandWords'],
    params: [
      {
        names: ['command', 'cmdLine', 'input', 'argText'],
        type: 'string',
        doc: 'a command line like \'grep "two words" file\' (no line breaks)',
      },
    ],
    returns: {
      type: 'string[]',
      doc:
        'the arguments in order: the text is split at spaces, except at spaces between double quotes; the ' +
        'quote characters themselves are removed (so a"b c"d is one argument "ab cd"), an unclosed quote ' +
        'runs to the end, and arguments that end up empty are dropped',
    },
    summary: 'Splits a command line into arguments, keeping double-quoted spaces inside one argument.',
    bodies: [
      bodyLines(
        `const @out = [''];`,
        `let @flag = false;`,
        `for (const @ch of $0) {`,
        `  if (@ch === '"') @flag = !@flag;`,
        `  else if (@ch === ' ' && !@flag) @out.push('');`,
        `  else @out[@out.length - 1] += @ch;`,
        `}`,
        `return @out.filter((@word) => @word !== '');`,
      ),
      bodyLines(
        `const @parts = $0.split('"').map((@x, @i) => (@i % 2 === 0 ? @x.replace(/ /g, '\\n') : @x));`,
        `return @parts.join('').split('\\n').filter((@word) => @word.length > 0);`,
      ),
      bodyLines(
        `const @parts = $0.match(/(?:[^ "]|"[^"]*"?)+/g) || [];`,
        `return @parts.map((@word) => @word.replace(/"/g, '')).filter((@word) => @word !== '');`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['   '],
          ['ls'],
          ['ls -la  /tmp'],
          ['grep "two words" file'],
          ['a"b c"d'],
          ['echo "unclosed here'],
          ['""'],
          ['x "" y'],
          ['" "'],
          ['"a""b"'],
          [' lead trail '],
        ],
        6,
        (r) => [letters(r, r.int(1, 14), 'ab  "cd')],
      ),
  },
  {
    name: 'parse-bullet-list',
    category: 'parsing',
    names: ['parseBulletList', 'bulletItems', 'extractBullets', 'readBullets'],
    params: [
      {
        names: ['markdown', 'text', 'doc', 'source'],
        type: 'string',
        doc: 'lines separated by "\\n", some of them bullets like "- milk" or "* eggs"',
      },
    ],
    returns: {
      type: 'string[]',
      doc:
        'the items of the bullet lines in order: a line is a bullet when, after optional leading spaces, it ' +
        'starts with "-" or "*" followed by a space; the item is the rest of the line trimmed (may be ""); ' +
        'other lines are ignored',
    },
    summary: 'Collects the items of the bullet lines of a Markdown-like text.',
    bodies: [
      bodyLines(
        `return $0`,
        `  .split('\\n')`,
        `  .map((@word) => @word.replace(/^ +/, ''))`,
        `  .filter((@word) => /^[-*] /.test(@word))`,
        `  .map((@word) => @word.slice(2).trim());`,
      ),
      bodyLines(`return [...$0.matchAll(/^ *[-*] (.*)$/gm)].map((@parts) => @parts[1].trim());`),
      bodyLines(
        `const @out = [];`,
        `for (const @word of $0.split('\\n')) {`,
        `  let @i = 0;`,
        `  while (@word[@i] === ' ') @i++;`,
        `  const @flag = (@word[@i] === '-' || @word[@i] === '*') && @word[@i + 1] === ' ';`,
        `  if (@flag) @out.push(@word.slice(@i + 2).trim());`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['- one'],
          ['* two'],
          ['-three'],
          ['Shopping:\n- milk\n- eggs\n\nDone'],
          ['  - indented\n    * deeper'],
          ['- \n-  x  '],
          ['+ plus\n1. numbered\n- real'],
          ['-- dash\n** star'],
          ['text - not a bullet'],
        ],
        6,
        (r) => [
          Array.from(
            { length: r.int(1, 5) },
            () => r.pick(['', ' ', '  ']) + r.pick(['- ', '* ', '-', '', '+ ', '- ']) + sentence(r, r.int(0, 3)),
          ).join('\n'),
        ],
      ),
  },
  // ---- validation ----
  {
    name: 'is-valid-date',
    category: 'validation',
    names: ['isValidDate', 'isCalendarDate', 'validIsoDate', 'dateExists'],
    params: [{ names: ['text', 'date', 'iso', 'day'], type: 'string', doc: 'a date like "2024-02-29"' }],
    returns: {
      type: 'boolean',
      doc:
        'true when it is exactly "YYYY-MM-DD" (4, 2 and 2 digits) naming a real Gregorian calendar day: ' +
        'month 01-12 and day from 01 to the length of that month, February having 29 days in leap years ' +
        '(divisible by 4, except centuries not divisible by 400)',
    },
    summary: 'Tells whether a "YYYY-MM-DD" text is a real calendar date.',
    bodies: [
      bodyLines(
        `const [@hi, @num, @lo] = $0.split('-').map(Number);`,
        `if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test($0) || @num < 1 || @num > 12) return false;`,
        `const @flag = @hi % 4 === 0 && (@hi % 100 !== 0 || @hi % 400 === 0);`,
        `const @len = @num === 2 ? 28 + (@flag ? 1 : 0) : 30 + ((@num + (@num >> 3)) % 2);`,
        `return @lo >= 1 && @lo <= @len;`,
      ),
      bodyLines(
        `if ($0.length !== 10 || $0[4] !== '-' || $0[7] !== '-') return false;`,
        `if (![0, 1, 2, 3, 5, 6, 8, 9].every((@i) => #isDigit($0[@i]))) return false;`,
        `const @hi = Number($0.slice(0, 4));`,
        `const @num = Number($0.slice(5, 7));`,
        `const @lo = Number($0.slice(8));`,
        `const @flag = (@hi % 4 === 0 && @hi % 100 !== 0) || @hi % 400 === 0;`,
        `const @len = @num === 2 ? (@flag ? 29 : 28) : [4, 6, 9, 11].includes(@num) ? 30 : 31;`,
        `return @num > 0 && @num < 13 && @lo > 0 && @lo <= @len;`,
      ),
      bodyLines(
        `const @parts = $0.split('-');`,
        `if (@parts.length !== 3) return false;`,
        `if (@parts.some((@x, @i) => @x.length !== (@i ? 2 : 4) || !/^[0-9]+$/.test(@x))) return false;`,
        `const [@hi, @num, @lo] = @parts.map(Number);`,
        `const @map = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];`,
        `if (@hi % 4 === 0 && (@hi % 100 !== 0 || @hi % 400 === 0)) @map[1] = 29;`,
        `return @num >= 1 && @num <= 12 && @lo >= 1 && @lo <= @map[@num - 1];`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['2024-02-29'],
          ['2023-02-29'],
          ['1900-02-29'],
          ['2000-02-29'],
          ['2024-04-31'],
          ['2024-08-31'],
          ['2024-09-31'],
          ['2024-00-10'],
          ['2024-13-01'],
          ['2024-01-00'],
          ['2024/01/01'],
          ['-024-01-01'],
        ],
        7,
        (r) => {
          const y = r.chance(0.3) ? r.pick([1900, 2000, 2023, 2024, 2100, 1600]) : r.int(1890, 2110);
          const text = `${pad(y, 4)}-${pad(r.int(0, 13), 2)}-${pad(r.int(0, 32), 2)}`;
          return [r.chance(0.9) ? text : text.slice(0, r.int(0, 9)) + r.pick(['x', '/', '', '1'])];
        },
      ),
  },
  {
    name: 'is-ipv4',
    category: 'validation',
    names: ['isIpv4', 'validIpv4', 'isIpAddress', 'checkIpv4'],
    params: [{ names: ['address', 'ip', 'host', 'text'], type: 'string', doc: 'an address like "192.168.0.1"' }],
    returns: {
      type: 'boolean',
      doc:
        'true for exactly four dot-separated decimal numbers from 0 to 255, each written with digits only ' +
        'and without leading zeros ("0" is fine, "01" is not)',
    },
    summary: 'Validates a dotted IPv4 address.',
    bodies: [
      bodyLines(
        `const @parts = $0.split('.');`,
        `return @parts.length === 4 && @parts.every((@x) => /^(0|[1-9][0-9]{0,2})$/.test(@x) && Number(@x) <= 255);`,
      ),
      bodyLines(
        `const @key = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';`,
        `return new RegExp('^(' + @key + '[.]){3}' + @key + '$').test($0);`,
      ),
      bodyLines(
        `const @parts = $0.split('.');`,
        `if (@parts.length !== 4) return false;`,
        `for (const @word of @parts) {`,
        `  if (@word.length === 0 || @word.length > 3 || (@word[0] === '0' && @word.length > 1)) return false;`,
        `  if (![...@word].every((@ch) => #isDigit(@ch)) || Number(@word) > 255) return false;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['0.0.0.0'],
          ['255.255.255.255'],
          ['192.168.0.1'],
          ['256.1.1.1'],
          ['1.2.3'],
          ['1.2.3.4.5'],
          ['01.2.3.4'],
          ['1.2.3.00'],
          ['1..3.4'],
          ['1.2.3.-4'],
          ['1.2.3.4 '],
          ['a.b.c.d'],
          ['1000.1.1.1'],
          ['10.0.0.255'],
          ['199.200.249.250'],
        ],
        6,
        (r) => [
          Array.from({ length: r.pick([4, 4, 4, 4, 3, 5]) }, () =>
            r.chance(0.9) ? String(r.pick([r.int(0, 9), r.int(0, 99), r.int(0, 300)])) : r.pick(['00', '07', '', 'x']),
          ).join('.'),
        ],
      ),
  },
];
