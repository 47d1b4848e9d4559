// Train-only families (see ./index.ts): strings, part a.
import type { Family } from '../../family.ts';
import { bodyLines, cases, letters, word } from '../../gen.ts';
import { A, B, spaced, mixedCase } from './specs.ts';

const S = { names: ['text', 's', 'str', 'input', 'raw'], type: 'string', doc: 'the input text' };

export const EXTENDED_STRINGS_A_FAMILIES: Family[] = [
  {
    name: 'collapse-spaces',
    category: 'string',
    names: ['collapseSpaces', 'squishSpaces', 'normalizeSpaces', 'squeezeBlanks'],
    params: [{ ...S, doc: 'the input text (only the space character counts as blank)' }],
    returns: {
      type: 'string',
      doc: 'the text without leading or trailing spaces and with every run of spaces replaced by one space',
    },
    summary: 'Trims a text and collapses every run of spaces into a single space.',
    bodies: [
      `return $0.split(' ').filter((@word) => @word !== '').join(' ');`,
      bodyLines(
        `let @out = '';`,
        `let @flag = false;`,
        `for (const @ch of $0) {`,
        `  if (@ch !== ' ') @out += (@flag && @out.length > 0 ? ' ' : '') + @ch;`,
        `  @flag = @ch === ' ';`,
        `}`,
        `return @out;`,
      ),
      `return $0.replace(/ +/g, ' ').replace(/^ | $/g, '');`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['   '], ['a'], [' a '], ['a  b'], ['  hello   world  ']], 8, (r) => [spaced(r, r.int(1, 4))]),
  },
  {
    name: 'expand-runs',
    category: 'string',
    names: ['expandRuns', 'runLengthDecode', 'decodeRuns', 'inflateRuns'],
    params: [{ ...S, doc: 'a run-length encoding: non-digit characters, each followed by a positive decimal count' }],
    returns: { type: 'string', doc: 'the decoded text: each character repeated as many times as its count says' },
    summary: 'Decodes a run-length encoding: "a3b1" becomes "aaab".',
    bodies: [
      bodyLines(
        `let @out = '';`,
        `for (const [, @ch, @num] of $0.matchAll(/([^0-9])([0-9]+)/g)) @out += @ch.repeat(Number(@num));`,
        `return @out;`,
      ),
      bodyLines(
        `let @out = '';`,
        `let @i = 0;`,
        `while (@i < $0.length) {`,
        `  let @j = @i + 1;`,
        `  while (@j < $0.length && $0[@j] >= '0' && $0[@j] <= '9') @j++;`,
        `  @out += $0[@i].repeat(Number($0.slice(@i + 1, @j)));`,
        `  @i = @j;`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `const @parts = $0.match(/[^0-9][0-9]+/g) || [];`,
        `return @parts.map((@word) => @word[0].repeat(parseInt(@word.slice(1), 10))).join('');`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a1'], ['a3b1'], ['x10'], ['a2a2'], ['-3+2']], 8, (r) => [
        Array.from({ length: r.int(1, 4) }, () => letters(r, 1, 'abcxyz') + r.int(1, 12)).join(''),
      ]),
  },
  {
    name: 'swap-case',
    category: 'string',
    names: ['swapCase', 'invertCase', 'toggleCase', 'flipCase'],
    params: [{ ...S, doc: 'the input text (ASCII)' }],
    returns: {
      type: 'string',
      doc: 'the text with lower-case letters upper-cased and upper-case ones lower-cased; other characters unchanged',
    },
    summary: 'Swaps the case of every letter in a text.',
    bodies: [
      `return $0.split('').map((@ch) => (@ch === @ch.toUpperCase() ? @ch.toLowerCase() : @ch.toUpperCase())).join('');`,
      bodyLines(
        `let @out = '';`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  const @num = $0.charCodeAt(@i);`,
        `  if (@num >= 97 && @num <= 122) @out += String.fromCharCode(@num - 32);`,
        `  else if (@num >= 65 && @num <= 90) @out += String.fromCharCode(@num + 32);`,
        `  else @out += $0[@i];`,
        `}`,
        `return @out;`,
      ),
      bodyLines(
        `let @out = '';`,
        `for (const @ch of $0) {`,
        `  @out += #isUpper(@ch) ? @ch.toLowerCase() : @ch.toUpperCase();`,
        `}`,
        `return @out;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['Z'], ['Hello World'], ['abc-XYZ 123'], ['@[`{']], 8, (r) => [
        letters(r, r.int(1, 10), 'aBcDeFzZ -1'),
      ]),
  },
  {
    name: 'word-count',
    category: 'string',
    names: ['wordCount', 'numWords', 'countTerms', 'howManyWords'],
    params: [S],
    returns: { type: 'number', doc: 'how many non-empty words the text has, words being separated by spaces' },
    summary: 'Counts the words of a text.',
    bodies: [
      `return $0.split(' ').filter((@word) => @word.length > 0).length;`,
      bodyLines(
        `let @count = 0;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0[@i] !== ' ' && (@i === 0 || $0[@i - 1] === ' ')) @count++;`,
        `}`,
        `return @count;`,
      ),
      bodyLines(
        `let @count = 0;`,
        `let @flag = false;`,
        `for (const @ch of $0) {`,
        `  if (@ch !== ' ' && !@flag) @count += 1;`,
        `  @flag = @ch !== ' ';`,
        `}`,
        `return @count;`,
      ),
    ],
    inputs: (r) =>
      cases(r, [[''], [' '], ['a'], ['one two'], ['  x  y  '], ['a b c d']], 8, (r) => [spaced(r, r.int(1, 6))]),
  },
  {
    name: 'has-prefix-ignore-case',
    category: 'string',
    names: ['startsWithIgnoreCase', 'hasPrefixCi', 'beginsWithCi', 'prefixMatches'],
    params: [
      { ...S, doc: 'the text to inspect (ASCII)' },
      { names: ['prefix', 'begin', 'opening', 'stem'], type: 'string', doc: 'the prefix to look for' },
    ],
    returns: {
      type: 'boolean',
      doc: 'true when the text starts with the prefix, ignoring letter case (always true for an empty prefix)',
    },
    summary: 'Tells whether a text starts with a prefix, ignoring case.',
    bodies: [
      `return $0.toLowerCase().startsWith($1.toLowerCase());`,
      bodyLines(
        `if ($1.length > $0.length) return false;`,
        `for (let @i = 0; @i < $1.length; @i++) {`,
        `  if ($0[@i].toLowerCase() !== $1[@i].toLowerCase()) return false;`,
        `}`,
        `return true;`,
      ),
      `return $0.slice(0, $1.length).toUpperCase() === $1.toUpperCase();`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['abc', ''],
          ['', 'a'],
          ['Hello', 'he'],
          ['Hello', 'HELLO'],
          ['Hi', 'hit'],
          ['abc', 'abd'],
        ],
        8,
        (r) => {
          const w = word(r);
          const p = r.chance(0.6) ? w.slice(0, r.int(0, w.length + 1)) : letters(r, r.int(1, 3), 'aeiort');
          return [mixedCase(r, w), mixedCase(r, p)];
        },
      ),
  },
  {
    name: 'center-text',
    category: 'formatting',
    names: ['centerText', 'padCenter', 'centerAlign', 'centred'],
    params: [S, { names: ['width', 'cols', 'size', 'span'], type: 'number', doc: 'the width of the field' }],
    returns: {
      type: 'string',
      doc:
        'the text padded with spaces on both sides to the width, the extra space going on the right when the ' +
        'padding is odd; a text at least as long as the width is returned unchanged',
    },
    summary: 'Centres a text in a field of the given width, padding with spaces.',
    bodies: [
      bodyLines(
        `if ($0.length >= $1) return $0;`,
        `const @lo = Math.floor(($1 - $0.length) / 2);`,
        `return ' '.repeat(@lo) + $0 + ' '.repeat($1 - $0.length - @lo);`,
      ),
      bodyLines(
        `let @out = $0;`,
        `while (@out.length < $1) {`,
        `  @out = @out.length % 2 === $0.length % 2 ? @out + ' ' : ' ' + @out;`,
        `}`,
        `return @out;`,
      ),
      `return $0.padStart(Math.floor(($0.length + $1) / 2)).padEnd($1);`,
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', 0],
          ['', 3],
          ['abc', 3],
          ['abc', 2],
          ['ab', 5],
          ['abc', 6],
          ['x', 4],
        ],
        8,
        (r) => [word(r), r.int(0, 14)],
      ),
  },
  {
    name: 'first-unique-char',
    category: 'string',
    names: ['firstUniqueChar', 'firstNonRepeating', 'loneCharIndex', 'firstSingleton'],
    params: [S],
    returns: {
      type: 'number',
      doc: 'the index of the first character that occurs exactly once (case-sensitive), or -1 when there is none',
    },
    summary: 'Finds the position of the first character that occurs only once in a text.',
    bodies: [
      bodyLines(
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if ($0.indexOf($0[@i]) === $0.lastIndexOf($0[@i])) return @i;`,
        `}`,
        `return -1;`,
      ),
      bodyLines(
        `const @map = {};`,
        `for (const @ch of $0) @map[@ch] = (@map[@ch] || 0) + 1;`,
        `for (let @i = 0; @i < $0.length; @i++) {`,
        `  if (@map[$0[@i]] === 1) return @i;`,
        `}`,
        `return -1;`,
      ),
      `return $0.split('').findIndex((@ch) => $0.split(@ch).length === 2);`,
    ],
    inputs: (r) =>
      cases(r, [[''], ['a'], ['aa'], ['aab'], ['abcabc'], ['abacabad'], ['aA']], 8, (r) => [
        letters(r, r.int(1, 8), 'abcd'),
      ]),
  },
  {
    name: 'is-anagram',
    category: 'string',
    names: ['isAnagram', 'areAnagrams', 'sameLetters', 'anagramOf'],
    params: [A('a word'), B('another word')],
    returns: {
      type: 'boolean',
      doc: 'true when both words contain the same letters the same number of times, ignoring case',
    },
    summary: 'Tells whether two words are anagrams of each other, ignoring case.',
    bodies: [
      `return $0.toLowerCase().split('').sort().join('') === $1.toLowerCase().split('').sort().join('');`,
      bodyLines(
        `if ($0.length !== $1.length) return false;`,
        `const @map = {};`,
        `for (const @ch of $0.toLowerCase()) @map[@ch] = (@map[@ch] || 0) + 1;`,
        `for (const @ch of $1.toLowerCase()) {`,
        `  if (!@map[@ch]) return false;`,
        `  @map[@ch]--;`,
        `}`,
        `return true;`,
      ),
    ],
    inputs: (r) =>
      cases(
        r,
        [
          ['', ''],
          ['a', 'A'],
          ['listen', 'silent'],
          ['abc', 'abd'],
          ['ab', 'abb'],
          ['Dusty', 'study'],
          ['aab', 'abb'],
        ],
        8,
        (r) => {
          const w = letters(r, r.int(1, 6), 'abcde');
          const other = r.shuffle(w.split('')).join('');
          return [w, mixedCase(r, r.chance(0.6) ? other : other.slice(1) + letters(r, 1, 'abcde'))];
        },
      ),
  },
];
