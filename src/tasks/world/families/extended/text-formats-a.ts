// Train-only families (see ./index.ts): text-formats, part a.
import type { Family } from '../../family.ts';
import { bodyLines, cases, ints, letters, word, words } from '../../gen.ts';
import { pad2 } from './specs.ts';

export const EXTENDED_TEXT_FORMATS_A_FAMILIES: Family[] = [
  // ---- parsing ----
  {
    name: 'parse-int-list',
    category: 'parsing',
    names: ['parseIntList', 'readIntList', 'intsFromCsv', 'splitIntegers'],
    params: [
      {
        names: ['text', 'csv', 'line', 'listText'],
        type: 'string',
        doc: 'integers separated by commas, like "3, -4,15"',
      },
    ],
    returns: {
      type: 'number[]',
      doc:
        'the integers in order; a field that is not an optional "-" followed by digits (after trimming ' +
        'spaces) is skipped, so "" gives []',
    },
    summary: 'Parses a comma-separated list of integers, skipping malformed fields.',
    bodies: [
      bodyLines(`return $0.split(',').map((@x) => @x.trim()).filter((@x) => /^-?[0-9]+$/.test(@x)).map(Number);`),
      bodyLines(
        `const @out = [];`,
        `for (const @word of $0.split(',')) {`,
        `  const @tmp = @word.trim();`,
        `  const @num = @tmp.startsWith('-') ? @tmp.slice(1) : @tmp;`,
        `  if (@num.length === 0 || [...@num].some((@ch) => @ch < '0' || @ch > '9')) continue;`,
        `  @out.push(Number(@tmp));`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return $0.split(',').reduce((@out, @word) => {`,
        `  const @tmp = @word.trim();`,
        `  const @i = @tmp[0] === '-' ? 1 : 0;`,
        `  const @flag = @tmp.length > @i && @tmp.split('').every((@ch, @j) => @j < @i || #isDigit(@ch));`,
        `  return @flag ? [...@out, Number(@tmp)] : @out;`,
        `}, []);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          [' '],
          ['7'],
          ['1,2,3'],
          [' 3, -4 ,15'],
          ['1,,2'],
          ['a,1,b'],
          ['-'],
          ['1.5,2'],
          ['--3,+4,5'],
          ['12 3,4'],
        ],
        6,
        (r) => [
          ints(r, r.int(1, 6), -50, 500)
            .map((n) => (r.chance(0.15) ? r.pick(['x', '', '-', `${n}a`, ' ']) : String(n)))
            .join(r.pick([',', ', ', ' , '])),
        ],
      ),
  },
  {
    name: 'parse-dimensions',
    category: 'parsing',
    names: ['parseSize', 'parseDimensions', 'readWxH', 'sizeFromText'],
    params: [{ names: ['spec', 'text', 'dims', 'raw'], type: 'string', doc: 'a size like "640x480"' }],
    returns: {
      type: 'number[] | null',
      doc:
        '[width, height]; null unless it is digits, an "x" or "X", then digits, with nothing else (no ' +
        'spaces or signs)',
    },
    summary: 'Parses a "WxH" size into its width and height.',
    bodies: [
      bodyLines(
        `const @parts = /^([0-9]+)[xX]([0-9]+)$/.exec($0);`,
        `return @parts ? [Number(@parts[1]), Number(@parts[2])] : null;`,
      ),
      bodyLines(
        `const @i = $0.toLowerCase().indexOf('x');`,
        `const @lo = $0.slice(0, @i);`,
        `const @hi = $0.slice(@i + 1);`,
        `const @flag = (@word) => @word.length > 0 && @word.split('').every((@ch) => #isDigit(@ch));`,
        `if (@i < 0 || !@flag(@lo) || !@flag(@hi)) return null;`,
        `return [Number(@lo), Number(@hi)];`,
      ),
      bodyLines(
        `const @parts = $0.replace('X', 'x').split('x');`,
        `if (@parts.length !== 2) return null;`,
        `const @out = @parts.map((@x) => (@x !== '' && [...@x].every((@ch) => @ch >= '0' && @ch <= '9') ? +@x : -1));`,
        `return @out[0] < 0 || @out[1] < 0 ? null : @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['x'],
          ['640x480'],
          ['1X1'],
          ['0x0'],
          ['12x'],
          ['x12'],
          ['3x4x5'],
          ['3 x 4'],
          ['-3x4'],
          ['1.5x2'],
          ['3xX4'],
        ],
        6,
        (r) => [`${r.int(0, 2000)}${r.pick(['x', 'X', 'x', 'x', 'x', '*', ' x '])}${r.int(0, 2000)}`],
      ),
  },
  {
    name: 'parse-hex-rgb',
    category: 'parsing',
    names: ['hexToRgb', 'rgbFromHex', 'parseHexColor', 'colorChannels'],
    params: [{ names: ['hex', 'color', 'code', 'css'], type: 'string', doc: 'a colour like "#ff8000"' }],
    returns: {
      type: 'number[] | null',
      doc: '[red, green, blue], each 0-255; null unless it is "#" followed by exactly six hex digits (any case)',
    },
    summary: 'Parses a "#rrggbb" colour into its red, green and blue components.',
    bodies: [
      bodyLines(
        `if (!/^#[0-9a-f]{6}$/i.test($0)) return null;`,
        `return [1, 3, 5].map((@i) => parseInt($0.slice(@i, @i + 2), 16));`,
      ),
      bodyLines(
        `if ($0.length !== 7 || $0[0] !== '#') return null;`,
        `const @out = [];`,
        `for (let @i = 1; @i < 7; @i += 2) {`,
        `  const @num = Number('0x' + $0.slice(@i, @i + 2));`,
        `  if (Number.isNaN(@num)) return null;`,
        `  @out.push(@num);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @key = $0.toLowerCase();`,
        `if (@key.length !== 7 || @key[0] !== '#') return null;`,
        `const @num = [...@key.slice(1)].map((@ch) => '0123456789abcdef'.indexOf(@ch));`,
        `if (@num.includes(-1)) return null;`,
        `return [0, 2, 4].map((@i) => @num[@i] * 16 + @num[@i + 1]);`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['#000000'],
          ['#ffffff'],
          ['#FF8000'],
          ['#fff'],
          ['ff8000'],
          ['#ff80001'],
          ['#12345g'],
          [''],
          ['#'],
          ['# 12345'],
        ],
        6,
        (r) => [
          '#' + letters(r, r.pick([6, 6, 6, 6, 5, 7]), r.chance(0.8) ? '0123456789abcdefABCDEF' : '0123456789abcdefg'),
        ],
      ),
  },
  {
    name: 'path-segments',
    category: 'parsing',
    names: ['pathSegments', 'splitPath', 'normalizePath', 'resolveSegments'],
    params: [{ names: ['path', 'route', 'filePath', 'loc'], type: 'string', doc: 'a path like "/usr/./lib/../bin"' }],
    returns: {
      type: 'string[]',
      doc:
        'the segments between "/" separators in order, where empty and "." segments are dropped and ".." ' +
        'removes the segment kept before it (if any)',
    },
    summary: 'Splits a slash-separated path into its normalized segments.',
    bodies: [
      bodyLines(
        `const @out = [];`,
        `for (const @word of $0.split('/')) {`,
        `  if (@word === '..') @out.pop();`,
        `  else if (@word !== '' && @word !== '.') @out.push(@word);`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `return $0.split('/').reduce((@stack, @word) => {`,
        `  if (@word === '..') return @stack.slice(0, -1);`,
        `  return @word === '' || @word === '.' ? @stack : [...@stack, @word];`,
        `}, []);`,
      ),
      bodyLines(
        `const @stack = [];`,
        `for (const @word of $0.match(/[^/]+/g) || []) {`,
        `  if (@word === '..') @stack.pop();`,
        `  else if (@word !== '.') @stack.push(@word);`,
        `}`,
        `return @stack;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['/'],
          ['a'],
          ['/usr/local/bin'],
          ['a//b/'],
          ['./a/./b'],
          ['a/../b'],
          ['../x'],
          ['/a/b/../../..'],
          ['...'],
        ],
        6,
        (r) => [
          (r.chance(0.5) ? '/' : '') +
            Array.from({ length: r.int(1, 6) }, () => (r.chance(0.35) ? r.pick(['.', '..', '', '..']) : word(r))).join(
              '/',
            ),
        ],
      ),
  },
  {
    name: 'parse-toggles',
    category: 'parsing',
    names: ['parseToggles', 'readSwitches', 'toggleMap', 'parseSwitches'],
    params: [
      {
        names: ['flags', 'spec', 'switches', 'options'],
        type: 'string',
        doc: 'space-separated toggles like "+debug -color"',
      },
    ],
    returns: {
      type: 'Record<string, boolean>',
      doc:
        'an object mapping each name to true for "+name" and false for "-name"; tokens without a leading ' +
        'sign or without a name are ignored, and a later toggle of the same name wins',
    },
    summary: 'Parses a list of "+name" and "-name" toggles into an object of booleans.',
    bodies: [
      bodyLines(
        `const @out = {};`,
        `for (const @word of $0.split(' ')) {`,
        `  if (@word.length < 2) continue;`,
        `  if (@word[0] === '+') @out[@word.slice(1)] = true;`,
        `  else if (@word[0] === '-') @out[@word.slice(1)] = false;`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @out = {};`,
        `for (const @parts of $0.matchAll(/(?:^| )([+-])([^ ]+)/g)) @out[@parts[2]] = @parts[1] === '+';`,
        `return @out;`,
      ),
      bodyLines(
        `const @out = {};`,
        `$0.split(' ')`,
        `  .filter((@word) => @word.length > 1 && (@word.startsWith('+') || @word.startsWith('-')))`,
        `  .forEach((@word) => (@out[@word.substring(1)] = @word[0] === '+'));`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [[''], ['+a'], ['-a'], ['+a -a'], ['-x +y -z'], ['+ - +-'], ['plain +on'], ['  +spaced   -out '], ['+a+b']],
        6,
        (r) => [
          words(r, r.int(1, 5))
            .map((w) => r.pick(['+', '-', '', '+', '-']) + w)
            .join(r.pick([' ', ' ', '  '])),
        ],
      ),
  },
  // ---- validation ----
  {
    name: 'is-identifier',
    category: 'validation',
    names: ['isIdentifier', 'validIdentifier', 'isValidName', 'identifierOk'],
    params: [{ names: ['ident', 'text', 'candidate', 'id'], type: 'string', doc: 'a candidate name' }],
    returns: {
      type: 'boolean',
      doc:
        'true when it is non-empty, starts with an ASCII letter, "_" or "$", and continues with ASCII ' +
        'letters, digits, "_" or "$" (reserved words are not checked)',
    },
    summary: 'Tells whether a text is a valid identifier.',
    bodies: [
      bodyLines(`return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test($0);`),
      bodyLines(
        `if ($0.length === 0) return false;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @ch = $0[@i];`,
        `  const @flag = (@ch >= 'a' && @ch <= 'z') || (@ch >= 'A' && @ch <= 'Z') || @ch === '_' || @ch === '$';`,
        `  if (!@flag && !(@i > 0 && @ch >= '0' && @ch <= '9')) return false;`,
        `}`,
        `return true;`,
      ),
      bodyLines(
        `if ($0 === '' || #isDigit($0[0])) return false;`,
        `for (const @ch of $0.toLowerCase()) {`,
        `  if (!'abcdefghijklmnopqrstuvwxyz0123456789_$'.includes(@ch)) return false;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['a'],
          ['_'],
          ['$'],
          ['1a'],
          ['a1'],
          ['my_var'],
          ['$el2'],
          ['has space'],
          ['kebab-case'],
          ['Élan'],
          ['Z9'],
        ],
        6,
        (r) => [letters(r, r.int(1, 8), 'aZk_$09- ')],
      ),
  },
  {
    name: 'is-time-hhmm',
    category: 'validation',
    names: ['isValidTime', 'isClockTime', 'validHhmm', 'checkTime'],
    params: [{ names: ['time', 'text', 'clock', 'hhmm'], type: 'string', doc: 'a time of day like "09:30"' }],
    returns: {
      type: 'boolean',
      doc: 'true for exactly two digits, ":", two digits, with the hours from 00 to 23 and the minutes from 00 to 59',
    },
    summary: 'Validates a 24-hour "HH:MM" time.',
    bodies: [
      bodyLines(`return /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test($0);`),
      bodyLines(
        `if ($0.length !== 5 || $0[2] !== ':') return false;`,
        `for (const @i of [0, 1, 3, 4]) {`,
        `  if (!#isDigit($0[@i])) return false;`,
        `}`,
        `return Number($0.slice(0, 2)) <= 23 && Number($0.slice(3)) <= 59;`,
      ),
      bodyLines(
        `const @parts = $0.split(':');`,
        `if (@parts.length !== 2) return false;`,
        `const [@hi, @lo] = @parts.map((@x) => (/^[0-9]{2}$/.test(@x) ? Number(@x) : -1));`,
        `return @hi >= 0 && @hi < 24 && @lo >= 0 && @lo < 60;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          [''],
          ['00:00'],
          ['23:59'],
          ['24:00'],
          ['12:60'],
          ['9:30'],
          ['09:30'],
          ['0930'],
          ['12:3a'],
          ['12:345'],
          ['ab:cd'],
          [' 1:00'],
          ['1:2:3'],
        ],
        6,
        (r) => [
          `${r.chance(0.8) ? pad2(r.int(0, 29)) : r.int(0, 9)}${r.pick([':', ':', ':', '.'])}${pad2(r.int(0, 69))}`,
        ],
      ),
  },
];
