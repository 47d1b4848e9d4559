// Validation families.
import type { Family } from '../family.ts';
import { cases, ints, letters, word } from '../gen.ts';

const S = (doc: string) => ({ names: ['text', 'input', 'value', 'candidate', 's'], type: 'string', doc });

export const VALIDATION_FAMILIES: Family[] = [
  {
    name: 'is-email-ish',
    category: 'validation',
    names: ['looksLikeEmail', 'isEmail', 'validEmail', 'checkEmail'],
    params: [S('an address')],
    returns: {
      type: 'boolean',
      doc: 'true when there is exactly one "@", something before it, and a dot after it that is neither first nor last',
    },
    summary: 'A light syntactic check of an e-mail address.',
    bodies: [
      `const @parts = $0.split('@');\nif (@parts.length !== 2 || @parts[0].length === 0) return false;\nconst @i = @parts[1].indexOf('.');\nreturn @i > 0 && @i < @parts[1].length - 1;`,
      `const @i = $0.indexOf('@');\nif (@i < 1 || $0.indexOf('@', @i + 1) !== -1) return false;\nconst @rest = $0.slice(@i + 1);\nconst @j = @rest.indexOf('.');\nif (@j <= 0) return false;\nreturn @j !== @rest.length - 1;`,
    ],
    inputs: (r) =>
      cases(r, [['a@b.c'], ['@b.c'], ['a@.c'], ['a@b.'], ['a@@b.c'], ['ab.c'], ['x@y.z.w']], 5, (r) => [
        `${word(r)}${r.pick(['@', '@@', ''])}${word(r)}${r.pick(['.io', '.', ''])}`,
      ]),
  },
  {
    name: 'is-hex-color',
    category: 'validation',
    names: ['isHexColor', 'validColor', 'isColorCode', 'checkHex'],
    params: [S('a colour like "#a1b2c3" or "#fff"')],
    returns: { type: 'boolean', doc: 'true for "#" followed by exactly 3 or 6 hex digits (any case)' },
    summary: 'Validates a CSS hex colour.',
    bodies: [
      `if ($0[0] !== '#') return false;\nconst @rest = $0.slice(1);\nif (@rest.length !== 3 && @rest.length !== 6) return false;\nfor (const @ch of @rest.toLowerCase()) {\n  if (!'0123456789abcdef'.includes(@ch)) return false;\n}\nreturn true;`,
      `return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test($0);`,
    ],
    inputs: (r) =>
      cases(r, [['#fff'], ['#FFF'], ['fff'], ['#ffff'], ['#12345g'], ['#a1b2c3'], ['#']], 5, (r) => [
        '#' + letters(r, r.pick([3, 6, 4]), '0123456789abcdefgX'),
      ]),
  },
  {
    name: 'valid-username',
    category: 'validation',
    names: ['isValidUsername', 'checkHandle', 'validLogin', 'usernameOk'],
    params: [S('a username')],
    returns: {
      type: 'boolean',
      doc: 'true for 3 to 12 characters of lower-case letters, digits or "_", not starting with a digit',
    },
    summary: 'Validates a username.',
    bodies: [
      `if ($0.length < 3 || $0.length > 12) return false;\nif ($0[0] >= '0' && $0[0] <= '9') return false;\nfor (const @ch of $0) {\n  const @flag = (@ch >= 'a' && @ch <= 'z') || (@ch >= '0' && @ch <= '9') || @ch === '_';\n  if (!@flag) return false;\n}\nreturn true;`,
      `return /^[a-z_][a-z0-9_]{2,11}$/.test($0);`,
      `if ($0.length < 3 || $0.length > 12) return false;\nif (#isDigit($0[0])) return false;\nfor (const @ch of $0) {\n  if (!((@ch >= 'a' && @ch <= 'z') || #isDigit(@ch) || @ch === '_')) return false;\n}\nreturn true;`,
    ],
    inputs: (r) =>
      cases(
        r,
        [['ab'], ['abc'], ['1abc'], ['a_b_c'], ['abcdefghijkl'], ['abcdefghijklm'], ['Abc'], ['ab-c']],
        4,
        (r) => [letters(r, r.int(2, 14), 'abz_19X')],
      ),
  },
  {
    name: 'is-sorted',
    category: 'validation',
    names: ['isSorted', 'inOrder', 'ascending', 'checkSorted'],
    params: [{ names: ['xs', 'values', 'list', 'nums'], type: 'number[]', doc: 'the numbers' }],
    returns: { type: 'boolean', doc: 'true when every number is at most the next one' },
    summary: 'Checks that a list is sorted ascending.',
    bodies: [
      `for (let @i = 1; @i < $0.length; @i++) {\n  if ($0[@i - 1] > $0[@i]) return false;\n}\nreturn true;`,
      `return $0.every((@x, @i) => @i === 0 || $0[@i - 1] <= @x);`,
    ],
    inputs: (r) =>
      cases(r, [[[]], [[1]], [[1, 1, 2]], [[2, 1]], [[1, 3, 2]]], 6, (r) => {
        const xs = ints(r, r.int(2, 6), 0, 9);
        return [r.chance(0.5) ? xs.sort((a, b) => a - b) : xs];
      }),
  },
  {
    name: 'has-duplicates',
    category: 'validation',
    names: ['hasDuplicates', 'containsRepeat', 'anyDuplicate', 'hasRepeats'],
    params: [{ names: ['xs', 'values', 'list', 'nums'], type: 'number[]', doc: 'the numbers' }],
    returns: { type: 'boolean', doc: 'true when some number occurs twice' },
    summary: 'Detects repeated numbers.',
    bodies: [
      `const @map = new Set();\nfor (const @x of $0) {\n  if (@map.has(@x)) return true;\n  @map.add(@x);\n}\nreturn false;`,
      `for (let @i = 0; @i < $0.length; @i++) {\n  for (let @j = @i + 1; @j < $0.length; @j++) {\n    if ($0[@i] === $0[@j]) return true;\n  }\n}\nreturn false;`,
      `return new Set($0).size !== $0.length;`,
    ],
    inputs: (r) => cases(r, [[[]], [[1]], [[1, 1]], [[1, 2, 3]], [[1, 2, 1]]], 6, (r) => [ints(r, r.int(2, 6), 0, 12)]),
  },
  {
    name: 'password-strength',
    category: 'validation',
    names: ['isStrongPassword', 'strongEnough', 'passwordOk', 'checkPassword'],
    params: [S('a password')],
    returns: {
      type: 'boolean',
      doc: 'true when it has at least 8 characters, a digit, a lower-case and an upper-case letter',
    },
    summary: 'Checks a password against simple strength rules.',
    bodies: [
      `if ($0.length < 8) return false;\nlet @lo = false;\nlet @hi = false;\nlet @num = false;\nfor (const @ch of $0) {\n  if (@ch >= 'a' && @ch <= 'z') @lo = true;\n  else if (@ch >= 'A' && @ch <= 'Z') @hi = true;\n  else if (@ch >= '0' && @ch <= '9') @num = true;\n}\nreturn @lo && @hi && @num;`,
      `return $0.length >= 8 && /[a-z]/.test($0) && /[A-Z]/.test($0) && /[0-9]/.test($0);`,
      `if ($0.length < 8) return false;\nconst @parts = $0.split('');\nreturn @parts.some((@ch) => #isUpper(@ch)) && @parts.some((@ch) => @ch >= 'a' && @ch <= 'z') && @parts.some((@ch) => #isDigit(@ch));`,
    ],
    inputs: (r) =>
      cases(r, [['Abcdef12'], ['abcdef12'], ['ABCDEF12'], ['Abcdefgh'], ['Ab1'], ['Abcdefg1'], ['Abcdef1']], 5, (r) => [
        letters(r, r.int(6, 10), 'aZ3b'),
      ]),
  },
  {
    name: 'in-range',
    category: 'validation',
    names: ['inRange', 'within', 'isBetween', 'between'],
    params: [
      { names: ['x', 'value', 'n', 'v'], type: 'number', doc: 'the number' },
      { names: ['lo', 'min', 'from', 'low'], type: 'number', doc: 'the lower bound (inclusive)' },
      { names: ['hi', 'max', 'to', 'high'], type: 'number', doc: 'the upper bound (exclusive)' },
    ],
    returns: { type: 'boolean', doc: 'true when lo <= x < hi' },
    summary: 'Tests membership in a half-open interval.',
    bodies: [`return $0 >= $1 && $0 < $2;`, `if ($0 < $1) return false;\nif ($0 >= $2) return false;\nreturn true;`],
    inputs: (r) =>
      cases(
        r,
        [
          [0, 0, 5],
          [5, 0, 5],
          [4, 0, 5],
          [-1, 0, 5],
          [3, 3, 3],
        ],
        6,
        (r) => {
          const lo = r.int(-5, 5);
          return [r.int(-8, 12), lo, lo + r.int(0, 6)];
        },
      ),
  },
  {
    name: 'is-isbn10',
    category: 'validation',
    names: ['isIsbn10', 'validIsbn', 'checkIsbn', 'isbnOk'],
    params: [S('ten characters: nine digits and a last digit or "X"')],
    returns: {
      type: 'boolean',
      doc: 'true when the ISBN-10 checksum (sum of digit times (10 - position)) is divisible by 11',
    },
    summary: 'Validates an ISBN-10 checksum.',
    bodies: [
      `if ($0.length !== 10) return false;\nlet @acc = 0;\nfor (let @i = 0; @i < 10; @i++) {\n  const @ch = $0[@i];\n  let @num;\n  if (@i === 9 && @ch === 'X') @num = 10;\n  else if (@ch >= '0' && @ch <= '9') @num = Number(@ch);\n  else return false;\n  @acc += @num * (10 - @i);\n}\nreturn @acc % 11 === 0;`,
    ],
    inputs: (r) =>
      cases(r, [['0306406152'], ['0306406153'], ['080442957X'], ['12345'], ['X123456789'], ['0000000000']], 6, (r) => {
        const d = ints(r, 9, 0, 9);
        const s = d.reduce((a, x, i) => a + x * (10 - i), 0);
        const check = (11 - (s % 11)) % 11;
        return [d.join('') + (r.chance(0.6) ? (check === 10 ? 'X' : String(check)) : String((check + 1) % 10))];
      }),
  },
];
